"""Variables (SPEC section 2): creation, assign family, slices, printing."""
import numpy as np
import pytest

import teachtensor as tf


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


def test_own_data_is_copy_on_write():
    """In-place writers (the optimizers) first call _own_data: an array that other
    tensors share is copied; an array nobody else holds is handed out as it is."""
    v = tf.Variable(np.arange(6, dtype=np.float32).reshape(2, 3))
    row = v[0]                       # a NumPy view of the variable's array
    shared = v._data
    own = v._own_data()
    assert own is not shared         # copied, because `row` and `shared` hold the array
    own[...] = -1                    # writing in place...
    np.testing.assert_array_equal(row.numpy(), [0, 1, 2])   # ...leaves earlier reads alone
    np.testing.assert_array_equal(v.numpy(), -np.ones((2, 3)))
    del row, shared, own
    address = v._data.ctypes.data
    v._own_data()
    assert v._data.ctypes.data == address  # nobody else held it: no copy


def test_own_data_makes_a_transposed_value_contiguous():
    v = tf.Variable(tf.transpose(tf.ones((2, 3))))
    data = v._own_data()
    assert data.flags.c_contiguous and data.flags.writeable and data.shape == (3, 2)
