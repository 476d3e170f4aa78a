"""GradientTape semantics (SPEC section 4)."""
import numpy as np
import pytest

import teachtensor as tf


def close(t, expected, **tol):
    np.testing.assert_allclose(np.asarray(t), expected, **(tol or dict(rtol=1e-6, atol=1e-6)))


# ---- what is watched --------------------------------------------------------------

def test_trainable_variables_are_watched_automatically():
    x = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = tf.square(x)
    close(tape.gradient(y, x), 6.0)
    assert tape.watched_variables() == (x,)


def test_non_trainable_variables_and_constants_are_not_watched():
    v = tf.Variable(3.0, trainable=False)
    c = tf.constant(2.0)
    with tf.GradientTape() as tape:
        y = v * v + c * c
    assert tape.gradient(y, [v, c]) == [None, None]


def test_watch_a_constant_or_a_non_trainable_variable():
    v = tf.Variable(3.0, trainable=False)
    c = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(v)
        tape.watch(c)
        y = v * v * c
    gv, gc = tape.gradient(y, [v, c])
    close(gv, 12.0)
    close(gc, 9.0)


def test_watch_accessed_variables_false():
    a, b = tf.Variable(2.0), tf.Variable(5.0)
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        tape.watch(a)
        y = a * b
    ga, gb = tape.gradient(y, [a, b])
    close(ga, 5.0)
    assert gb is None
    assert tape.watched_variables() == (a,)


def test_watch_lists_tuples_and_dicts():
    a, b, c = tf.constant(1.0), tf.constant(2.0), tf.constant(3.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([a, (b,)])
        tape.watch({"c": c})
        y = a * b * c
    grads = tape.gradient(y, [a, b, c])
    close(grads, [6.0, 3.0, 2.0])


def test_watched_variables_in_first_use_order():
    a, b, c = tf.Variable(1.0), tf.Variable(2.0), tf.Variable(3.0, trainable=False)
    with tf.GradientTape() as tape:
        y = b * a + c
    assert tape.watched_variables() == (b, a)


# ---- sources and results ------------------------------------------------------------

def test_sources_structure_is_preserved():
    w = tf.Variable([[1.0, 2.0]])
    b = tf.Variable([3.0])
    with tf.GradientTape(persistent=True) as tape:
        y = tf.reduce_sum(w * w) + tf.reduce_sum(b * 2)
    gw = tape.gradient(y, w)
    assert isinstance(gw, tf.Tensor)
    close(gw, [[2.0, 4.0]])
    as_list = tape.gradient(y, [w, b])
    assert isinstance(as_list, list) and len(as_list) == 2
    as_tuple = tape.gradient(y, (w, b))
    assert isinstance(as_tuple, tuple)
    as_dict = tape.gradient(y, {"weights": w, "bias": b})
    assert set(as_dict) == {"weights", "bias"}
    close(as_dict["weights"], [[2.0, 4.0]])
    close(as_dict["bias"], [2.0])
    nested = tape.gradient(y, {"layer": [w, (b,)]})
    close(nested["layer"][0], [[2.0, 4.0]])
    close(nested["layer"][1][0], [2.0])
    assert isinstance(nested["layer"][1], tuple)
    top = tape.gradient(y, [w, [b], ()])  # a list that holds lists: not the flat shortcut
    close(top[0], [[2.0, 4.0]])
    close(top[1][0], [2.0])
    assert isinstance(top[1], list) and top[2] == ()


def test_dict_sources_keep_insertion_order_of_keys():
    a, b = tf.Variable(1.0), tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = 10 * a + 100 * b
    grads = tape.gradient(y, {"z": a, "a": b})
    assert list(grads) == ["z", "a"]
    close(grads["z"], 10.0)
    close(grads["a"], 100.0)


def test_unconnected_gives_none_or_zeros():
    x, unused = tf.Variable([1.0, 2.0]), tf.Variable([[5.0]])
    with tf.GradientTape(persistent=True) as tape:
        y = tf.reduce_sum(x)
    assert tape.gradient(y, [x, unused])[1] is None
    zero = tape.gradient(y, unused, unconnected_gradients="zero")
    assert zero.shape == (1, 1) and zero.dtype == tf.float32
    close(zero, [[0.0]])
    with pytest.raises(ValueError, match="unconnected_gradients"):
        tape.gradient(y, x, unconnected_gradients="ones")


def test_non_scalar_target_is_summed():
    x = tf.Variable([1.0, 2.0, 3.0])
    with tf.GradientTape() as tape:
        y = x * x  # shape (3,)
    close(tape.gradient(y, x), [2.0, 4.0, 6.0])


def test_list_of_targets_is_summed():
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y1 = x * x
        y2 = 3 * x
    close(tape.gradient([y1, y2], x), 7.0)


def test_output_gradients_give_a_vector_jacobian_product():
    x = tf.Variable([1.0, 2.0, 3.0])
    with tf.GradientTape() as tape:
        y = x * x
    close(tape.gradient(y, x, output_gradients=tf.constant([1.0, 0.0, -2.0])),
          [2.0, 0.0, -12.0])


def test_output_gradients_on_another_device_are_refused_before_the_pass():
    """An ``output_gradients`` tensor on another device than its target: a clear error
    naming both devices and how to move it, and the tape can still be used after."""
    from teachtensor.backend import get_backend
    from teachtensor.tensor import Tensor

    class ElsewhereBackend(type(get_backend("numpy"))):
        device = "/job:localhost/replica:0/task:0/device:GPU:7"  # no device of the tests

    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_mean(x, axis=0)
    g = Tensor(np.array([1.0, 2.0], np.float32), ElsewhereBackend())
    with pytest.raises(ValueError, match=r"output_gradients is on .*GPU:7.*target is on "
                                         r".*:\d.*tf.device\('[CG]PU:\d'\)"):
        tape.gradient(y, x, output_gradients=g)
    dx = tape.gradient(y, x, output_gradients=tf.constant([1.0, 2.0]))  # not used up
    close(dx.numpy(), [[0.5, 1.0], [0.5, 1.0]])


def test_output_gradients_with_wrong_shape():
    x = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        y = x * x
    with pytest.raises(ValueError, match="shape"):
        tape.gradient(y, x, output_gradients=tf.constant([1.0, 2.0, 3.0]))


def test_output_gradients_that_broadcast_to_the_target_weigh_each_element():
    """A scalar 2.0 for a (2,) target weighs both elements by 2 (TensorFlow passes it
    on and its ops broadcast it; here it is broadcast first, so a reshape works too)."""
    x = tf.Variable([1.0, 2.0])
    with tf.GradientTape(persistent=True) as tape:
        y = x * x
        column = tf.reshape(y, (2, 1))
    close(tape.gradient(y, x, output_gradients=tf.constant(2.0)).numpy(), [4.0, 8.0])
    close(tape.gradient(column, x, output_gradients=3.0).numpy(), [6.0, 12.0])
    close(tape.gradient(column, x, output_gradients=tf.constant([[1.0], [3.0]])).numpy(),
          [2.0, 12.0])


def test_gradient_has_the_dtype_and_shape_of_its_source():
    for dtype in (tf.float32, tf.float64):
        w = tf.Variable(tf.ones((3, 1), dtype=dtype))
        b = tf.Variable(tf.zeros((1,), dtype=dtype))
        x = tf.constant(np.ones((5, 3)), dtype=dtype)
        with tf.GradientTape() as tape:
            y = tf.reduce_mean(tf.matmul(x, w) + b)
        gw, gb = tape.gradient(y, [w, b])
        assert gw.shape == (3, 1) and gw.dtype == dtype
        assert gb.shape == (1,) and gb.dtype == dtype
        close(gb, [1.0])


def test_integer_sources_give_none():
    i = tf.constant(3)
    with tf.GradientTape() as tape:
        with pytest.warns(UserWarning, match="must be floating .* got tf.int32"):
            tape.watch(i)  # TensorFlow logs the same warning
        y = i * i
    with pytest.warns(UserWarning, match="(target|source) tensor must be floating .* got tf.int32"):
        assert tape.gradient(y, i) is None


def test_gradient_of_a_broadcast_input_is_summed_back():
    b = tf.Variable([1.0, 2.0])
    x = tf.constant(np.ones((4, 2), np.float32))
    with tf.GradientTape() as tape:
        y = x * b
    close(tape.gradient(y, b), [4.0, 4.0])


def test_a_tensor_used_twice_adds_its_gradients():
    x = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = x * x + x
    close(tape.gradient(y, x), 7.0)


# ---- one-shot and persistent tapes ----------------------------------------------------

def test_second_gradient_call_on_a_one_shot_tape_raises():
    x = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = x * x
    tape.gradient(y, x)
    with pytest.raises(RuntimeError, match="persistent=True"):
        tape.gradient(y, x)


def test_persistent_tape_allows_many_gradients():
    x = tf.Variable(3.0)
    with tf.GradientTape(persistent=True) as tape:
        y = x * x
        z = y * y
    close(tape.gradient(y, x), 6.0)
    close(tape.gradient(z, x), 108.0)
    close(tape.gradient(z, y), 18.0)


def test_stop_recording():
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = x * x
        with tape.stop_recording():
            z = x * x * x  # not recorded
        total = y + z
    close(tape.gradient(total, x), 4.0)


def test_reset():
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = x * x * x
        tape.reset()
        y = x * x
    close(tape.gradient(y, x), 4.0)


def test_stop_gradient_blocks_the_path():
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = x * tf.stop_gradient(x * x)
    close(tape.gradient(y, x), 4.0)


def test_nothing_recorded_outside_the_tape():
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        pass
    y = x * x
    assert tape.gradient(y, x) is None


def test_the_same_tape_cannot_be_entered_twice():
    tape = tf.GradientTape()
    with tape:
        with pytest.raises(RuntimeError, match="already open"):
            with tape:
                pass


# ---- variables and assignment -------------------------------------------------------

def test_assign_does_not_create_a_gradient_path():
    v = tf.Variable(2.0)
    w = tf.Variable(1.0)
    with tf.GradientTape() as tape:
        y = v * 3
        w.assign(y)  # the new value of w is not connected to v
        z = w * 1.0
    assert tape.gradient(z, v) is None


def test_x_plus_one_turns_a_variable_into_a_tensor():
    x = tf.Variable(1.0)
    x = x + 1
    assert isinstance(x, tf.Tensor) and not isinstance(x, tf.Variable)
    with tf.GradientTape() as tape:
        y = x * x
    assert tape.gradient(y, x) is None  # a plain tensor is not watched by default


def test_gradient_flows_through_a_variable_slice():
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as tape:
        y = v[0, 1] * v[1, :]
    close(tape.gradient(y, v), [[0.0, 7.0], [2.0, 2.0]])


# ---- higher derivatives ----------------------------------------------------------------

def test_falling_apple_second_derivative():
    for t in (0.0, 1.0, 2.5):
        time = tf.Variable(t)
        with tf.GradientTape() as outer_tape:
            with tf.GradientTape() as inner_tape:
                position = 4.9 * time ** 2
            speed = inner_tape.gradient(position, time)
        acceleration = outer_tape.gradient(speed, time)
        close(speed, 9.8 * t, rtol=1e-5)
        close(acceleration, 9.8)


def test_third_derivative_of_a_cube():
    x = tf.Variable(2.0)
    with tf.GradientTape() as t3:
        with tf.GradientTape() as t2:
            with tf.GradientTape() as t1:
                y = x ** 3
            dy = t1.gradient(y, x)
        d2y = t2.gradient(dy, x)
    d3y = t3.gradient(d2y, x)
    close(dy, 12.0)
    close(d2y, 12.0)   # 6x
    close(d3y, 6.0)


def test_nested_tapes_on_matrices():
    x = tf.constant([[0.5, -1.0], [2.0, 0.3]], dtype=tf.float64)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(tf.sin(x) * x)
        g = inner.gradient(y, x)  # cos(x) x + sin(x)
    h = outer.gradient(g, x)      # d/dx sum: -sin(x) x + 2 cos(x)
    xn = x.numpy()
    close(g, np.cos(xn) * xn + np.sin(xn))
    close(h, -np.sin(xn) * xn + 2 * np.cos(xn))


def test_persistent_inner_tape_inside_outer():
    x = tf.Variable(1.5)
    with tf.GradientTape() as outer:
        with tf.GradientTape(persistent=True) as inner:
            y = tf.exp(x)
            z = x * x
        gy = inner.gradient(y, x)
        gz = inner.gradient(z, x)
        total = gy + gz
    close(outer.gradient(total, x), np.exp(1.5) + 2, rtol=1e-5)


# ---- jacobian ----------------------------------------------------------------------------

def test_jacobian():
    x = tf.Variable([1.0, 2.0, 3.0])
    with tf.GradientTape(persistent=True) as tape:
        y = x * x
        z = tf.reduce_sum(x)
    jac = tape.jacobian(y, x)
    assert jac.shape == (3, 3)
    close(jac, np.diag([2.0, 4.0, 6.0]))
    close(tape.jacobian(z, x), [1.0, 1.0, 1.0])


def test_jacobian_of_a_matrix_function():
    a = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], dtype=np.float32)
    x = tf.Variable([[1.0], [-1.0]])
    with tf.GradientTape() as tape:
        y = tf.matmul(a, x)  # shape (3, 1)
    jac = tape.jacobian(y, x)
    assert jac.shape == (3, 1, 2, 1)
    close(np.asarray(jac).reshape(3, 2), a)


def test_jacobian_unconnected():
    x, u = tf.Variable([1.0, 2.0]), tf.Variable([0.0])
    with tf.GradientTape(persistent=True) as tape:
        y = x * 2
    assert tape.jacobian(y, u) is None
    close(tape.jacobian(y, u, unconnected_gradients="zero"), np.zeros((2, 1)))


# ---- bad input --------------------------------------------------------------------------

def test_gradient_of_none_raises_a_helpful_type_error():
    v = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = None  # e.g. a loss function that forgot `return`
    with pytest.raises(TypeError, match="return"):
        tape.gradient(y, v)


def test_unconnected_gradients_enum():
    v, u = tf.Variable(2.0), tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        y = v * v
    g = tape.gradient(y, u, unconnected_gradients=tf.UnconnectedGradients.ZERO)
    np.testing.assert_array_equal(g.numpy(), [0.0, 0.0])


def test_watch_of_a_non_tensor_raises():
    with tf.GradientTape() as tape:
        with pytest.raises(TypeError, match="watch"):
            tape.watch("x")
        with pytest.raises(TypeError):
            tape.watch([tf.constant(1.0), 3.0])


def test_gradient_with_a_non_tensor_source_raises():
    x = tf.Variable(1.0)
    with tf.GradientTape() as tape:
        y = x * 2
    with pytest.raises(TypeError, match="sources"):
        tape.gradient(y, [x, "bias"])


def test_printed_tape_lists_operations():
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = tf.square(x) + 1.0
    text = str(tape)
    assert "square" in text and "add" in text
    assert "2 operations" in repr(tape)


def test_reading_a_variable_value_is_recorded():
    v = tf.Variable(3.0)
    with tf.GradientTape(persistent=True) as tape:
        y = v.value() ** 2
        z = v.read_value() * 2
    close(tape.gradient(y, v), 6.0)
    close(tape.gradient(z, v), 2.0)


def test_summary_lists_each_operation_with_names_and_shapes():
    W = tf.Variable(tf.ones((2, 1)), name="W")
    b = tf.Variable(tf.zeros((1,)), name="b")
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(tf.matmul(x, W) + b - 1.0))
    lines = tape.summary().splitlines()
    assert lines[0].startswith("GradientTape (one-shot): 5 operations recorded")
    assert lines[1] == "  watched: W (2, 1) = [[1.0], [1.0]], b (1,) = [0.0]"
    assert lines[2] == "    0  t0 (2, 1) = matmul([[1.0, 2.0], [3.0, 4.0]], W (2, 1))"
    assert "add(t0 (2, 1), b (1,))" in lines[3]
    assert lines[4] == "    2  t2 (2, 1) = subtract(t1 (2, 1), 1.0)"
    assert "reduce_mean(" in lines[6]
    assert str(tape) == tape.summary()


def test_printed_tape_shows_constants_by_value_and_watched_tensors_by_name():
    x = tf.constant(3.0)
    big = tf.ones((3, 4))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * 2.0 + tf.constant([1, 2], dtype=tf.float32)
        z = tf.reduce_sum(y * big[:, :2])
    lines = str(tape).splitlines()
    assert lines[1] == "  watched: t0 = 3.0"
    assert lines[2] == "    0  t1 = multiply(t0, 2.0)"
    assert lines[3] == "    1  t2 (2,) = add(t1, [1.0, 2.0])"
    assert "multiply(t2 (2,), constant (3, 2))" in lines[4]   # too big to print: a shape


def test_printed_tape_tells_apart_unnamed_variables():
    # TensorFlow names every unnamed tf.Variable 'Variable:0', and so does v.name here;
    # the printout numbers them, so that it says which one each operation read.
    a, b = tf.Variable(2.0), tf.Variable(1.0)
    assert a.name == b.name == "Variable:0"
    with tf.GradientTape() as tape:
        y = a * 3.0 + b
    lines = str(tape).splitlines()
    assert lines[1] == "  watched: Variable = 2.0, Variable_1 = 1.0"
    assert lines[2] == "    0  t0 = multiply(Variable, 3.0)"
    assert lines[3] == "    1  t1 = add(t0, Variable_1)"
    assert "Variable_1 is also 'Variable:0'" in lines[4]
    said = []
    tape.gradient(y, [a, b], explain=said.append)
    assert any("-> Variable_1   gradient 1.0" in line for line in said)


def test_printed_tape_names_layer_weights_by_their_path():
    # Every Dense layer's weights are named 'kernel' and 'bias' (Keras 3): the path says
    # which layer's it is.
    from teachtensor import keras
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(2, name="hidden"),
                              keras.layers.Dense(1, name="out")], name="net")
    with tf.GradientTape() as tape:
        tf.reduce_sum(model(tf.ones((1, 2))))
    lines = str(tape).splitlines()
    assert lines[2] == "    0  t0 (1, 2) = matmul([[1.0, 1.0]], net/hidden/kernel (2, 2))"
    assert lines[4].endswith("= matmul(t1 (1, 2), net/out/kernel (2, 1))")
    assert "numbered here" not in str(tape)


def test_repr_of_a_tape_counts_what_was_watched_not_every_result():
    x = tf.constant(3.0)
    v = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.square(x * v) + v
    assert repr(tape) == "<GradientTape: 3 operations, watching 1 variable and 1 tensor>"
    with tf.GradientTape() as empty:
        pass
    assert repr(empty) == "<GradientTape: 0 operations, watching 0 variables and 0 tensors>"


def test_explain_narrates_every_chain_rule_step_with_its_values():
    W = tf.Variable(tf.ones((2, 1)), name="W")
    b = tf.Variable(tf.zeros((1,)), name="b")
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(tf.matmul(x, W) + b - 1.0))
    said = []
    grad_W, grad_b = tape.gradient(loss, [W, b], explain=said.append)
    assert said[0].startswith("backward pass: start with") and said[0].endswith("= 1.0")
    steps = said[1:]
    assert [s.split(":")[0].strip() for s in steps] == [
        "reduce_mean", "square", "subtract", "add", "add", "matmul"]
    assert "-> b   gradient [8.0]" in steps[4]               # 2 * mean residual * 1, summed
    assert "-> W   gradient [[20.0], [28.0]]" in steps[5]   # x^T @ (2 * residual / 2)
    np.testing.assert_allclose(grad_W.numpy(), [[20.0], [28.0]])
    np.testing.assert_allclose(grad_b.numpy(), [8.0])


def test_explain_true_prints(capsys):
    x = tf.Variable(3.0, name="x")
    with tf.GradientTape() as tape:
        y = x * x
    tape.gradient(y, x, explain=True)
    out = capsys.readouterr().out
    assert "backward pass" in out and "multiply: t0 -> x" in out
    assert "(added to earlier paths)" in out   # x feeds multiply twice


# -- a variable assigned between the forward pass and gradient() ---------------------
# TensorFlow's operations read a variable's value into a tensor of their own, so an
# assign after the forward pass does not change the gradient; the expected numbers
# below are TensorFlow 2.21's for the same code.

@pytest.mark.parametrize("f, expected", [
    (lambda x: x * x, 4.0),                 # d/dx x*x at the value read, 2, not at 5
    (lambda x: tf.square(x), 4.0),
    (lambda x: x ** 3, 12.0),
    (lambda x: tf.exp(x), float(np.exp(np.float32(2.0)))),
    (lambda x: tf.sin(x) * x, float(np.cos(2.0) * 2 + np.sin(2.0))),
])
def test_an_assign_after_the_forward_pass_leaves_the_gradient_alone(f, expected):
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = f(x)
    x.assign(5.0)
    np.testing.assert_allclose(float(tape.gradient(y, x)), expected, rtol=1e-6)
    assert float(x) == 5.0  # and the variable keeps its new value


def test_a_matmul_gradient_uses_the_weights_it_multiplied():
    W = tf.Variable([[1.0, 2.0]])
    x = tf.Variable([[3.0], [4.0]])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.matmul(W, x))
    W.assign([[0.0, 0.0]])
    x.assign_add([[1.0], [1.0]])
    gW, gx = tape.gradient(y, [W, x])
    np.testing.assert_array_equal(gW.numpy(), [[3.0, 4.0]])
    np.testing.assert_array_equal(gx.numpy(), [[1.0], [2.0]])


def test_each_read_inside_the_tape_keeps_its_own_value():
    v = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        a = v * v          # reads 2
        v.assign(3.0)
        b = v * v          # reads 3
        y = a + b
    assert float(tape.gradient(y, v)) == 10.0  # 2*2 + 2*3, as in TensorFlow


def test_a_partial_write_after_the_forward_pass_leaves_the_gradient_alone():
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(v * v)
    v[0].assign(10.0)
    np.testing.assert_array_equal(tape.gradient(y, v).numpy(), [2.0, 4.0])
    np.testing.assert_array_equal(v.numpy(), [10.0, 2.0])


def test_a_second_derivative_after_an_assign():
    v = tf.Variable(2.0)
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            y = v * v * v
        dy = inner.gradient(y, v)   # 3 v^2 = 12
    v.assign(5.0)
    assert float(dy) == 12.0
    assert float(outer.gradient(dy, v)) == 12.0  # 6 v at v = 2


@pytest.mark.parametrize("optimizer", ["sgd", "rmsprop", "adam"])
def test_a_persistent_tape_gives_the_same_gradient_while_an_optimizer_trains(optimizer):
    """Optimizers write each step into the array the variable had two steps before
    (double buffering); a persistent tape that read that array keeps it: the fused
    kernel (a big variable) must not write into it."""
    from teachtensor import keras
    rng = np.random.default_rng(0)
    w = tf.Variable(rng.normal(size=(256, 256)).astype("float32"))  # kernel-sized
    x = tf.constant(rng.normal(size=(4, 256)).astype("float32"))
    with tf.GradientTape(persistent=True) as tape:
        loss = tf.reduce_sum(w * w)  # its gradient, 2 w, reads w's array
    first = tape.gradient(loss, w).numpy()
    np.testing.assert_array_equal(first, 2 * w.numpy())
    opt = keras.optimizers.get(optimizer)
    for _ in range(4):
        opt.apply_gradients([(tape.gradient(loss, w), w)])
    np.testing.assert_array_equal(tape.gradient(loss, w).numpy(), first)
    from teachtensor.recording import arrays_held
    assert arrays_held() and not opt._spares  # no spare while the tape may need w's array
    del tape
    assert not arrays_held()
    for _ in range(3):  # without it, double buffering comes back
        with tf.GradientTape() as step:
            loss = tf.reduce_sum(tf.square(tf.matmul(x, w)))
        opt.apply_gradients([(step.gradient(loss, w), w)])  # a used tape holds nothing
    assert opt._spares
