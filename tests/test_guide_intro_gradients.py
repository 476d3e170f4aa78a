"""The listings of TensorFlow's guide "Introduction to gradients and automatic
differentiation" (tensorflow.org/guide/autodiff), run with ``import teachtensor as tf``.

Each test follows one section of the guide, with its variable names and values, and
checks what the guide prints, as TensorFlow 2.21 prints it, with ``teachtensor.Tensor``
in place of ``tf.Tensor`` (the library's own name, as everywhere).  Where teachtensor
prints something else on purpose, a comment says what TensorFlow shows.  Left out: the
"No gradient registered" example, which needs ``tf.image.adjust_contrast`` (images are
out of scope; teachtensor has no operation without a gradient rule), and the stateful
objects the guide names without code (``tf.data`` iterators, ``tf.queue``).
"""
import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import teachtensor as tf  # noqa: E402
from teachtensor import keras  # noqa: E402  (the guide: tf.keras)


@pytest.fixture(autouse=True)
def _fresh():
    keras.utils.clear_session()
    tf.random.set_seed(0)
    yield
    plt.close("all")


def printed(capsys):
    return capsys.readouterr().out.splitlines()


# ---- Computing gradients ---------------------------------------------------------------

def test_gradient_of_x_squared(capsys):
    x = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = x**2
    # dy = 2x * dx
    dy_dx = tape.gradient(y, x)
    print(dy_dx.numpy())
    assert printed(capsys) == ["6.0"]
    assert repr(dy_dx) == "<teachtensor.Tensor: shape=(), dtype=float32, numpy=6.0>"


def test_gradients_of_w_and_b_as_a_list_and_as_a_dict(capsys):
    w = tf.Variable(tf.random.normal((3, 2)), name='w')
    b = tf.Variable(tf.zeros(2, dtype=tf.float32), name='b')
    x = [[1., 2., 3.]]  # a Python list: `x @ w` is w.__rmatmul__

    with tf.GradientTape(persistent=True) as tape:
        y = x @ w + b
        loss = tf.reduce_mean(y**2)
    [dl_dw, dl_db] = tape.gradient(loss, [w, b])
    print(w.shape)
    print(dl_dw.shape)
    assert printed(capsys) == ["(3, 2)", "(3, 2)"]

    my_vars = {
        'w': w,
        'b': b
    }
    grad = tape.gradient(loss, my_vars)
    assert set(grad) == {"w", "b"} and grad['b'].shape == (2,)
    assert repr(grad['b']).startswith("<teachtensor.Tensor: shape=(2,), dtype=float32, numpy=")
    # loss = (y1**2 + y2**2) / 2, so dloss/db = y and dloss/dw = x^T y
    y_values = np.array(x) @ w.numpy()
    np.testing.assert_allclose(grad['b'].numpy(), y_values[0], rtol=1e-5)
    np.testing.assert_allclose(grad['w'].numpy(), np.array(x).T @ y_values, rtol=1e-5)
    np.testing.assert_allclose(dl_dw.numpy(), grad['w'].numpy())
    assert (w.name, b.name) == ("w:0", "b:0")


def test_gradients_with_respect_to_a_model(capsys):
    layer = keras.layers.Dense(2, activation='relu')
    x = tf.constant([[1., 2., 3.]])

    with tf.GradientTape() as tape:
        # Forward pass
        y = layer(x)
        loss = tf.reduce_mean(y**2)

    # Calculate gradients with respect to every trainable variable
    grad = tape.gradient(loss, layer.trainable_variables)
    for var, g in zip(layer.trainable_variables, grad):
        print(f'{var.name}, shape: {g.shape}')
    # As Keras 3 prints it (the guide's older printout, from Keras 2, has
    # "dense/kernel:0"; Keras 3 keeps the layer in var.path, "dense/kernel").
    assert printed(capsys) == ["kernel, shape: (3, 2)", "bias, shape: (2,)"]
    assert isinstance(grad, list)


# ---- Controlling what the tape watches -------------------------------------------------

def test_only_trainable_variables_are_watched(capsys):
    # A trainable variable
    x0 = tf.Variable(3.0, name='x0')
    # Not trainable
    x1 = tf.Variable(3.0, name='x1', trainable=False)
    # Not a Variable: A variable + tensor returns a tensor.
    x2 = tf.Variable(2.0, name='x2') + 1.0
    # Not a variable
    x3 = tf.constant(3.0, name='x3')

    with tf.GradientTape() as tape:
        y = (x0**2) + (x1**2) + (x2**2)

    grad = tape.gradient(y, [x0, x1, x2, x3])

    for g in grad:
        print(g)
    assert printed(capsys) == ["teachtensor.Tensor(6.0, shape=(), dtype=float32)",
                               "None", "None", "None"]
    assert [var.name for var in tape.watched_variables()] == ['x0:0']


def test_tape_watch_a_constant(capsys):
    x = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x**2

    # dy = 2x * dx
    dy_dx = tape.gradient(y, x)
    print(dy_dx.numpy())
    assert printed(capsys) == ["6.0"]


def test_watch_accessed_variables_false(capsys):
    x0 = tf.Variable(0.0)
    x1 = tf.Variable(10.0)

    with tf.GradientTape(watch_accessed_variables=False) as tape:
        tape.watch(x1)
        y0 = tf.math.sin(x0)
        y1 = tf.nn.softplus(x1)
        y = y0 + y1
        ys = tf.reduce_sum(y)

    # dys/dx1 = exp(x1) / (1 + exp(x1)) = sigmoid(x1)
    grad = tape.gradient(ys, {'x0': x0, 'x1': x1})

    print('dy/dx0:', grad['x0'])
    print('dy/dx1:', grad['x1'].numpy())
    assert printed(capsys) == ["dy/dx0: None", "dy/dx1: 0.9999546"]
    assert [var.name for var in tape.watched_variables()] == ["Variable:0"]  # x1 only


# ---- Intermediate results --------------------------------------------------------------

def test_gradient_with_respect_to_an_intermediate_value(capsys):
    x = tf.constant(3.0)

    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
        z = y * y

    # Use the tape to compute the gradient of z with respect to the
    # intermediate value y.
    # dz_dy = 2 * y and y = x ** 2 = 9
    print(tape.gradient(z, y).numpy())
    assert printed(capsys) == ["18.0"]


def test_a_persistent_tape_gives_several_gradients(capsys):
    x = tf.constant([1, 3.0])
    print(x.dtype)  # the int 1 and the float 3.0 make a float32 tensor
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
        z = y * y

    print(tape.gradient(z, x).numpy())  # [4.0, 108.0] (4 * x**3 at x = [1.0, 3.0])
    print(tape.gradient(y, x).numpy())  # [2.0, 6.0] (2 * x at x = [1.0, 3.0])
    del tape   # Drop the reference to the tape
    assert printed(capsys) == ["<dtype: 'float32'>", "[  4. 108.]", "[2. 6.]"]


def test_a_non_persistent_tape_gives_one_set_of_gradients():
    x = tf.constant([1, 3.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    tape.gradient(y, x)
    with pytest.raises(RuntimeError, match="non-persistent GradientTape can only be used "
                                           "to compute one set of gradients"):
        tape.gradient(y, x)


# ---- Notes on performance: the tape records only while it is open ----------------------

def test_operations_after_the_with_block_are_not_recorded():
    x = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as tape:
        y = x * x
    z = y * 3  # computed after the block: not on the tape
    assert float(tape.gradient(y, x)) == 4.0
    assert tape.gradient(z, x) is None
    del tape


# ---- Gradients of non-scalar targets ---------------------------------------------------

def test_two_targets_one_at_a_time_then_together(capsys):
    x = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as tape:
        y0 = x**2
        y1 = 1 / x

    print(tape.gradient(y0, x).numpy())
    print(tape.gradient(y1, x).numpy())
    assert printed(capsys) == ["4.0", "-0.25"]

    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y0 = x**2
        y1 = 1 / x

    print(tape.gradient({'y0': y0, 'y1': y1}, x).numpy())  # the gradient of the sum
    assert printed(capsys) == ["3.75"]

    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y0, y1 = x**2, 1 / x
    assert float(tape.gradient([y0, y1], x)) == 3.75  # a list of targets: the same


def test_a_vector_target_gives_the_gradient_of_its_sum(capsys):
    x = tf.Variable(2.)

    with tf.GradientTape() as tape:
        y = x * [3., 4.]

    print(tape.gradient(y, x).numpy())
    assert printed(capsys) == ["7.0"]


def test_elementwise_gradients_of_the_sigmoid_and_their_plot():
    x = tf.linspace(-10.0, 10.0, 200+1)

    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.sigmoid(x)

    dy_dx = tape.gradient(y, x)
    assert x.shape == dy_dx.shape == (201,) and x.dtype == tf.float32
    # Each element depends on its own x only, so the gradient of the sum is the
    # elementwise derivative sigmoid(x) * (1 - sigmoid(x)): 0.25 at x = 0.
    s = y.numpy()
    np.testing.assert_allclose(dy_dx.numpy(), s * (1 - s), rtol=1e-5, atol=1e-7)
    assert float(dy_dx[100]) == 0.25 and float(tf.reduce_max(dy_dx)) == 0.25

    plt.plot(x, y, label='y')
    plt.plot(x, dy_dx, label='dy/dx')
    plt.legend()
    _ = plt.xlabel('x')
    lines = plt.gca().get_lines()
    np.testing.assert_allclose(lines[1].get_ydata(), dy_dx.numpy())


# ---- Control flow ----------------------------------------------------------------------

def test_the_branch_taken_decides_which_variable_gets_a_gradient(capsys):
    x = tf.constant(1.0)

    v0 = tf.Variable(2.0)
    v1 = tf.Variable(2.0)

    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        if x > 0.0:
            result = v0
        else:
            result = v1**2

    dv0, dv1 = tape.gradient(result, [v0, v1])

    print(dv0)
    print(dv1)
    dx = tape.gradient(result, x)

    print(dx)  # the condition itself is not differentiable
    assert printed(capsys) == ["teachtensor.Tensor(1.0, shape=(), dtype=float32)",
                               "None", "None"]


# ---- Cases where gradient returns None -------------------------------------------------

def test_an_unconnected_source_gives_none(capsys):
    x = tf.Variable(2.)
    y = tf.Variable(3.)

    with tf.GradientTape() as tape:
        z = y * y
    print(tape.gradient(z, x))
    assert printed(capsys) == ["None"]


def test_replacing_a_variable_with_a_tensor(capsys):
    x = tf.Variable(2.0)

    for epoch in range(2):
        with tf.GradientTape() as tape:
            y = x+1

        print(type(x).__name__, ":", tape.gradient(y, x))
        x = x + 1   # This should be `x.assign_add(1)`
    # TensorFlow's classes are called ResourceVariable and EagerTensor.
    assert printed(capsys) == ["Variable : teachtensor.Tensor(1.0, shape=(), dtype=float32)",
                               "Tensor : None"]


def test_calculations_outside_the_library_are_not_recorded():
    x = tf.Variable([[1.0, 2.0],
                     [3.0, 4.0]], dtype=tf.float32)

    with tf.GradientTape() as tape:
        x2 = x**2

        # This step is calculated with NumPy
        y = np.mean(x2, axis=0)
        assert type(y) is np.ndarray

        # Like most ops, reduce_mean will cast the NumPy array to a constant tensor
        # using `tf.convert_to_tensor`.
        y = tf.reduce_mean(y, axis=0)

    assert tape.gradient(y, x) is None


def test_gradients_through_an_integer(capsys):
    x = tf.constant(10)

    with tf.GradientTape() as g:
        with pytest.warns(UserWarning, match=r"The dtype of the watched tensor must be "
                                             r"floating \(e.g. tf.float32\), got tf.int32"):
            g.watch(x)  # TensorFlow logs the same WARNING
        y = x * x

    with pytest.warns(UserWarning) as logged:  # the guide shows TensorFlow's two lines
        print(g.gradient(y, x))
    assert [str(w.message).split(":")[0] for w in logged] == [
        "The dtype of the target tensor must be floating (e.g. tf.float32) when calling "
        "GradientTape.gradient, got tf.int32",
        "The dtype of the source tensor must be floating (e.g. tf.float32) when calling "
        "GradientTape.gradient, got tf.int32"]
    assert printed(capsys) == ["None"]


def test_gradients_through_a_stateful_object(capsys):
    x0 = tf.Variable(3.0)
    x1 = tf.Variable(0.0)

    with tf.GradientTape() as tape:
        # Update x1 = x1 + x0.
        x1.assign_add(x0)
        # The tape starts recording from x1.
        y = x1**2   # y = (x1 + x0)**2

    # This doesn't work.
    print(tape.gradient(y, x0))   # dy/dx0 = 2*(x1 + x0)
    assert printed(capsys) == ["None"]
    assert float(x1) == 3.0


# ---- Zeros instead of None -------------------------------------------------------------

def test_unconnected_gradients_zero(capsys):
    x = tf.Variable([2., 2.])
    y = tf.Variable(3.)

    with tf.GradientTape() as tape:
        z = y**2
    print(tape.gradient(z, x, unconnected_gradients=tf.UnconnectedGradients.ZERO))
    assert printed(capsys) == ["teachtensor.Tensor([0. 0.], shape=(2,), dtype=float32)"]
