"""Variables (SPEC section 2): creation, assign family, slices, printing."""
import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras


def test_variable_from_initial_value():
    v = tf.Variable(initial_value=tf.random.normal(shape=(3, 1)))
    assert v.shape == (3, 1) and v.dtype == tf.float32 and v.trainable
    assert isinstance(v, tf.Tensor)
    assert tf.Variable(1).dtype == tf.int32
    assert tf.Variable(np.zeros(2)).dtype == tf.float64
    assert tf.Variable([1, 2], dtype=tf.float32).dtype == tf.float32
    assert tf.Variable(lambda: tf.ones((2,))).shape == (2,)
    assert not tf.Variable(1.0, trainable=False).trainable
    assert tf.Variable(1.0, name="w").name == "w:0"
    with pytest.raises(ValueError, match="initial_value"):
        tf.Variable()


def test_variable_usable_as_a_tensor():
    v = tf.Variable([[1.0, 2.0]])
    np.testing.assert_array_equal((v + 1).numpy(), [[2.0, 3.0]])
    np.testing.assert_array_equal(tf.matmul(v, tf.ones((2, 1))).numpy(), [[3.0]])
    np.testing.assert_array_equal(np.asarray(v), [[1.0, 2.0]])
    assert isinstance(v.value(), tf.Tensor) and not isinstance(v.value(), tf.Variable)


def test_print_of_a_variable():
    v = tf.Variable(tf.ones((3, 1)))
    expected = ("<teachtensor.Variable 'Variable:0' shape=(3, 1) dtype=float32, numpy=\n"
                "array([[1.],\n       [1.],\n       [1.]], dtype=float32)>")
    assert repr(v) == expected
    assert str(v) == expected
    assert repr(tf.Variable(2.0)) == \
        "<teachtensor.Variable 'Variable:0' shape=() dtype=float32, numpy=2.0>"


def test_assign_family_returns_the_variable():
    v = tf.Variable(tf.ones((3, 1)))
    assert v.assign(tf.ones((3, 1)) * 2) is v
    np.testing.assert_array_equal(v.numpy(), np.full((3, 1), 2.0))
    assert v.assign_add(tf.ones((3, 1))) is v
    np.testing.assert_array_equal(v.numpy(), np.full((3, 1), 3.0))
    assert v.assign_sub(np.ones((3, 1))) is v
    np.testing.assert_array_equal(v.numpy(), np.full((3, 1), 2.0))
    assert v.dtype == tf.float32


def test_assign_converts_to_the_variable_dtype():
    v = tf.Variable([1.0, 2.0])
    v.assign(np.array([5.0, 6.0]))  # a float64 array
    assert v.dtype == tf.float32
    v.assign([7, 8])
    np.testing.assert_array_equal(v.numpy(), [7.0, 8.0])
    with pytest.raises(TypeError, match="float64"):
        v.assign(tf.constant([1.0, 2.0], dtype=tf.float64))


def test_assign_with_a_wrong_shape_leaves_the_variable_unchanged():
    v = tf.Variable(tf.ones((3, 1)))
    for method in (v.assign, v.assign_add, v.assign_sub):
        with pytest.raises(ValueError) as err:
            method(tf.ones((2, 2)))
        assert "(2, 2)" in str(err.value) and "(3, 1)" in str(err.value)
        np.testing.assert_array_equal(v.numpy(), np.ones((3, 1)))


def test_assign_to_a_part():
    v = tf.Variable(tf.ones((3, 2)))
    assert v[0, 0].assign(3.0) is v
    np.testing.assert_array_equal(v.numpy(), [[3, 1], [1, 1], [1, 1]])
    assert v[1:, :].assign(tf.zeros((2, 2))) is v
    np.testing.assert_array_equal(v.numpy(), [[3, 1], [0, 0], [0, 0]])
    assert v[:, 1].assign_add([1.0, 2.0, 3.0]) is v
    np.testing.assert_array_equal(v.numpy(), [[3, 2], [0, 2], [0, 3]])
    assert v[2].assign_sub(5.0) is v  # a scalar fills the part
    np.testing.assert_array_equal(v.numpy(), [[3, 2], [0, 2], [-5, -2]])


def test_assign_to_a_part_with_a_wrong_shape():
    v = tf.Variable(tf.ones((3, 2)))
    with pytest.raises(ValueError) as err:
        v[1:, :].assign(tf.zeros((3, 2)))
    assert "(3, 2)" in str(err.value) and "(2, 2)" in str(err.value)
    np.testing.assert_array_equal(v.numpy(), np.ones((3, 2)))


def test_item_assignment_on_a_variable_points_to_assign():
    v = tf.Variable(tf.ones((2, 2)))
    with pytest.raises(TypeError, match="assign"):
        v[0, 0] = 3.0


def test_values_read_before_an_assign_keep_their_values():
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    whole = v.value()
    as_tensor = v + 0
    part = v[0]
    array = v.numpy()
    v.assign([[0.0, 0.0], [0.0, 0.0]])
    v[0, 0].assign(9.0)
    v.assign_add([[1.0, 1.0], [1.0, 1.0]])
    np.testing.assert_array_equal(whole.numpy(), [[1, 2], [3, 4]])
    np.testing.assert_array_equal(as_tensor.numpy(), [[1, 2], [3, 4]])
    np.testing.assert_array_equal(part.numpy(), [1, 2])
    np.testing.assert_array_equal(array, [[1, 2], [3, 4]])
    np.testing.assert_array_equal(v.numpy(), [[10, 1], [1, 1]])


def test_numpy_of_a_variable_is_a_copy():
    v = tf.Variable([1.0, 2.0])
    a = v.numpy()
    a[0] = 100.0
    assert v.numpy()[0] == 1.0


def test_augmented_assignment_on_a_variable_raises():
    # TensorFlow refuses `v += x` (it would silently make v a plain tensor)
    v = tf.Variable([1.0, 2.0])
    for op in ("v += 1", "v -= 1", "v *= 2", "v /= 2"):
        with pytest.raises(RuntimeError, match="assign_add"):
            exec(op, {"v": v})
    np.testing.assert_array_equal(v.numpy(), [1.0, 2.0])


def test_variable_plus_one_is_a_tensor():
    v = tf.Variable(1.0)
    w = v + 1
    assert type(w) is tf.Tensor
    v.assign(5.0)
    assert float(w) == 2.0


# ---- a Variable owns its memory (copy-on-write by the `_shared` flag) -----------------

VIEWS = {  # operations whose result may share the variable's memory
    "slice": lambda t: t[:2],
    "reshape": lambda t: tf.reshape(t, (3,)),
    "squeeze": lambda t: tf.squeeze(tf.expand_dims(t, 0)),
    "transpose": lambda t: tf.transpose(tf.reshape(t, (1, 3))),
    "identity": tf.identity,
    "stop_gradient": tf.stop_gradient,
    "constant": tf.constant,
    "broadcast_to": lambda t: tf.broadcast_to(t, (2, 3)),
}


@pytest.mark.parametrize("view", VIEWS, ids=list(VIEWS))
def test_training_a_variable_made_from_a_view_never_changes_the_tensor(view):
    for make in (lambda t: tf.Variable(VIEWS[view](t)),
                 lambda t: tf.Variable(tf.zeros(VIEWS[view](t).shape)).assign(VIEWS[view](t))):
        t = tf.constant([1.0, 2.0, 3.0])
        seen = VIEWS[view](t)
        w = make(t)
        for optimizer in (keras.optimizers.SGD(1.0), keras.optimizers.SGD(1.0, momentum=0.5),
                          keras.optimizers.RMSprop(0.5), keras.optimizers.Adam(0.5),
                          keras.optimizers.Adagrad(0.5)):
            optimizer.apply_gradients([(tf.ones(w.shape), w)])
        w[0].assign(tf.fill(w[0].shape, 100.0))
        w.assign_add(tf.ones(w.shape))
        np.testing.assert_array_equal(t.numpy(), [1.0, 2.0, 3.0])
        np.testing.assert_array_equal(seen.numpy(), VIEWS[view](tf.constant([1.0, 2.0, 3.0])))


def test_variables_made_from_slices_of_one_tensor_move_independently():
    t = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    a, b = tf.Variable(t[0]), tf.Variable(tf.reshape(t, (4,))[:2])
    keras.optimizers.SGD(1.0).apply_gradients([(tf.ones(2), a)])
    np.testing.assert_array_equal(b.numpy(), [1.0, 2.0])
    b[1].assign(50.0)
    np.testing.assert_array_equal(a.numpy(), [0.0, 1.0])
    np.testing.assert_array_equal(b.numpy(), [1.0, 50.0])
    c = tf.Variable(a)                 # a variable from a variable
    keras.optimizers.SGD(1.0).apply_gradients([(tf.ones(2), a)])
    c[0].assign(-1.0)
    np.testing.assert_array_equal(a.numpy(), [-1.0, 0.0])
    np.testing.assert_array_equal(c.numpy(), [-1.0, 1.0])


def test_a_new_layer_given_an_old_layers_weights_trains_alone():
    old, new = keras.layers.Dense(3), keras.layers.Dense(3)
    old.build((None, 4))
    new.build((None, 3))
    new.kernel.assign(old.kernel[:3])
    before = old.kernel.numpy()
    keras.optimizers.RMSprop(0.1).apply_gradients([(tf.ones((3, 3)), new.kernel)])
    new.kernel[0, 0].assign(7.0)
    np.testing.assert_array_equal(old.kernel.numpy(), before)


@pytest.mark.parametrize("view", VIEWS, ids=list(VIEWS))
def test_a_view_of_a_variable_keeps_its_values_after_a_partial_write(view):
    v = tf.Variable([1.0, 2.0, 3.0])
    seen = VIEWS[view](v)
    kept = np.array(seen.numpy())
    v[0].assign(9.0)
    v[1:].assign_add([1.0, 1.0])
    np.testing.assert_array_equal(seen.numpy(), kept)
    np.testing.assert_array_equal(v.numpy(), [9.0, 3.0, 4.0])


def test_a_partial_write_copies_only_while_the_array_is_shared():
    v = tf.Variable(np.arange(6, dtype=np.float32).reshape(2, 3))  # converted: its own
    assert not v._shared
    private = v._data
    v[0, 0].assign(-1.0)
    assert v._data is private                 # nobody else sees it: written in place
    view = tf.reshape(v, (6,))                # now somebody does
    assert v._shared
    v[0, 1].assign(-2.0)
    assert v._data is not private and not v._shared   # copied first, then written
    np.testing.assert_array_equal(view.numpy(), [-1, 1, 2, 3, 4, 5])
    np.testing.assert_array_equal(v.numpy(), [[-1, -2, 2], [3, 4, 5]])


def test_unknown_keyword_arguments_are_refused():
    with pytest.raises(TypeError, match="trainabel"):
        tf.Variable(3.0, trainabel=False)
    assert tf.Variable(3.0, validate_shape=True, caching_device=None).numpy() == 3.0
    with pytest.raises(ValueError, match="shape"):
        tf.Variable([1.0, 2.0], shape=(3,))


def test_assigning_a_number_never_writes_into_a_shared_constant():
    v = tf.Variable(1.0)
    v.assign(2.0)
    opt = keras.optimizers.SGD(0.1)
    for _ in range(2):
        opt.apply_gradients([(tf.constant(1.0), v)])
    assert float(tf.constant(3.0) * 2.0) == 6.0
    u = tf.Variable(1.0)
    u.assign(5.0)
    u[()].assign(7.0)
    assert float(tf.constant(1.0) + 5.0) == 6.0 and float(u) == 7.0


def test_a_variable_never_shares_the_buffer_it_was_made_from():
    import array
    buffer = array.array("f", [1.0, 2.0, 3.0])
    w, t = tf.Variable(buffer), tf.constant(buffer)
    w[0].assign(9.0)
    keras.optimizers.SGD(1.0).apply_gradients([(tf.ones(3), w)])
    buffer[1] = -5.0
    assert list(buffer) == [1.0, -5.0, 3.0]
    np.testing.assert_array_equal(t.numpy(), [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(w.numpy(), [8.0, 1.0, 2.0])


@pytest.mark.parametrize("backend", ["numba", "numpy"])
def test_training_weights_given_in_column_major_order(backend):
    old = tf.backend.set_backend(backend)
    try:
        start = np.arange(6, dtype=np.float32).reshape(2, 3).T  # Fortran order
        w = tf.Variable(tf.zeros((3, 2)))
        w.assign(start)
        layer = keras.layers.Dense(2)
        layer.build((None, 3))
        layer.set_weights([start, np.zeros(2, np.float32)])
        opt = keras.optimizers.SGD(1.0)
        for _ in range(4):
            opt.apply_gradients([(tf.ones((3, 2)), w), (tf.ones((3, 2)), layer.kernel)])
        np.testing.assert_array_equal(w.numpy(), start - 4)
        np.testing.assert_array_equal(layer.kernel.numpy(), start - 4)
    finally:
        tf.backend.set_backend(old)


def test_converting_a_variable_to_another_dtype_says_an_int32():
    v = tf.Variable(1.0)
    with pytest.raises(TypeError, match=r"cannot convert the float32 variable 'Variable:0' "
                                        r"to an int32 tensor; convert it with tf\.cast"):
        tf.convert_to_tensor(v, dtype=tf.int32)
    with pytest.raises(TypeError, match="to a float64 tensor"):
        tf.convert_to_tensor(v, dtype=tf.float64)


def test_no_message_says_a_int():
    # Messages name dtypes with dtypes.a(...): "an int32", "a float32" (and "a uint8").
    import pathlib
    import re
    package = pathlib.Path(tf.__file__).parent
    wrong = [f"{path.relative_to(package)}:{n}" for path in sorted(package.rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"\ba int\d|\ba \{[^}]*(dtype|\.name)", line)]
    assert not wrong, wrong


def test_assign_with_read_value_false_returns_none_as_in_tensorflow():
    v = tf.Variable([1.0, 2.0])
    assert v.assign([3.0, 4.0], read_value=False) is None
    assert v.assign_add([1.0, 1.0], read_value=False) is None
    assert v.assign_sub([0.5, 0.5], read_value=False) is None
    assert v.numpy().tolist() == [3.5, 4.5] and v.assign([0.0, 0.0]) is v
