"""The listings of TensorFlow's guide "Advanced automatic differentiation", run with
``import teachtensor as tf``.

Each test follows one listing of the guide (the names of its variables, its shapes, its
conclusions), with the guide's plots replaced by checks of the numbers they show.  The
guide's basics that other tests already cover (``stop_recording``, ``reset`` and nested
tapes in ``test_tape.py``, ``custom_gradient`` in ``test_custom_gradient.py``) appear
only where the guide combines them with something else.  Shapes are the guide's; they
are small enough for the CPU.
"""
import numpy as np
import pytest

import teachtensor as tf
from teachtensor.testing import check_gradients


@pytest.fixture(autouse=True)
def _seed():
    tf.random.set_seed(0)


# ---- Controlling gradient recording --------------------------------------------------

def test_stop_recording_reset_and_stop_gradient_each_cut_the_path_to_y():
    x, y = tf.Variable(2.0), tf.Variable(3.0)
    with tf.GradientTape() as t:
        x_sq = x * x
        with t.stop_recording():
            y_sq = y * y
        z = x_sq + y_sq
    grad = t.gradient(z, {"x": x, "y": y})
    assert float(grad["x"]) == 4.0 and grad["y"] is None

    with tf.GradientTape() as t:
        y_sq = y * y
        t.reset()               # forget y * y
        z = x * x + y_sq
    grad = t.gradient(z, {"x": x, "y": y})
    assert float(grad["x"]) == 4.0 and grad["y"] is None

    with tf.GradientTape() as t:
        z = x * x + tf.stop_gradient(y * y)
    grad = t.gradient(z, {"x": x, "y": y})
    assert float(grad["x"]) == 4.0 and grad["y"] is None


# ---- Custom gradients: clipping a gradient by its norm ----------------------------------

def test_custom_gradient_that_clips_by_norm():
    @tf.custom_gradient
    def clip_gradients(y):
        def backward(dy):
            return tf.clip_by_norm(dy, 0.5)
        return y, backward

    v = tf.Variable(2.0)
    with tf.GradientTape() as t:
        output = clip_gradients(v * v)
    assert float(t.gradient(output, v)) == 2.0   # the upstream 1.0 clipped to 0.5, times 2v


# ---- Multiple tapes ---------------------------------------------------------------------

def test_two_tapes_each_watching_one_input():
    x0, x1 = tf.constant(0.0), tf.constant(0.0)
    with tf.GradientTape() as tape0, tf.GradientTape() as tape1:
        tape0.watch(x0)
        tape1.watch(x1)
        y0 = tf.math.sin(x0)
        y1 = tf.nn.sigmoid(x1)
        y = y0 + y1
        ys = tf.reduce_sum(y)
    assert float(tape0.gradient(ys, x0)) == 1.0          # cos(0)
    assert float(tape1.gradient(ys, x1)) == 0.25         # sigmoid(0) (1 - sigmoid(0))


# ---- Higher-order gradients -------------------------------------------------------------

def test_second_derivative_of_a_cube():
    x = tf.Variable(1.0)
    with tf.GradientTape() as t2:
        with tf.GradientTape() as t1:
            y = x * x * x
        dy_dx = t1.gradient(y, x)
    d2y_dx2 = t2.gradient(dy_dx, x)
    assert float(dy_dx) == 3.0 and float(d2y_dx2) == 6.0


def test_input_gradient_regularization():
    """The gradient of the size of d(output)/d(input) with respect to the weights: a
    penalty that makes a model less sensitive to its input."""
    x = tf.random.normal([7, 5])
    layer = tf.keras.layers.Dense(10, activation=tf.nn.relu)
    with tf.GradientTape() as t2:
        with tf.GradientTape() as t1:
            t1.watch(x)
            y = layer(x)
            out = tf.reduce_sum(layer(x) ** 2)
        g1 = t1.gradient(out, x)
        g1_mag = tf.norm(g1)
    dg1_mag = t2.gradient(g1_mag, layer.trainable_variables)
    assert y.shape == (7, 10) and g1.shape == (7, 5)
    assert [tuple(g.shape) for g in dg1_mag] == [(5, 10), (10,)]

    # the same second derivative, checked against finite differences in float64
    inputs = np.asarray(x, dtype=np.float64)

    def g1_magnitude(kernel, bias):
        points = tf.constant(inputs)
        with tf.GradientTape() as inner:
            inner.watch(points)
            out = tf.reduce_sum(tf.nn.relu(tf.matmul(points, kernel) + bias) ** 2)
        return tf.norm(inner.gradient(out, points))

    check_gradients(g1_magnitude, np.asarray(layer.kernel, np.float64),
                    np.asarray(layer.bias, np.float64) + 0.1)


# ---- Jacobians --------------------------------------------------------------------------

def test_jacobian_with_a_scalar_source():
    x = tf.linspace(-10.0, 10.0, 200 + 1)
    delta = tf.Variable(0.0)
    with tf.GradientTape() as tape:
        y = tf.nn.sigmoid(x + delta)
    dy_dx = tape.jacobian(y, delta)
    assert dy_dx.shape == (201,)
    s = 1 / (1 + np.exp(-np.asarray(x, np.float64)))
    np.testing.assert_allclose(dy_dx.numpy(), s * (1 - s), atol=1e-6)


def test_jacobian_with_a_tensor_source_sums_to_the_gradient():
    x = tf.random.normal([7, 5])
    layer = tf.keras.layers.Dense(10, activation=tf.nn.relu)
    with tf.GradientTape(persistent=True) as tape:
        y = layer(x)
    assert y.shape == (7, 10) and layer.kernel.shape == (5, 10)
    j = tape.jacobian(y, layer.kernel)
    assert j.shape == (7, 10, 5, 10)
    g = tape.gradient(y, layer.kernel)
    j_sum = tf.reduce_sum(j, axis=[0, 1])
    delta = tf.reduce_max(abs(g - j_sum)).numpy()
    assert delta < 1e-5


def test_hessian_of_a_small_network_and_a_newton_step():
    x = tf.random.normal([2, 5])
    layer1 = tf.keras.layers.Dense(8, activation=tf.nn.relu)
    layer2 = tf.keras.layers.Dense(6, activation=tf.nn.relu)
    with tf.GradientTape() as t2:
        with tf.GradientTape() as t1:
            hidden = layer1(x)
            hidden = layer2(hidden)
            loss = tf.reduce_mean(hidden ** 2)
        g = t1.gradient(loss, layer1.kernel)
    h = t2.jacobian(g, layer1.kernel)
    assert g.shape == (5, 8) and h.shape == (5, 8, 5, 8)

    n_params = tf.reduce_prod(layer1.kernel.shape)
    g_vec = tf.reshape(g, [n_params, 1])
    h_mat = tf.reshape(h, [n_params, n_params])
    np.testing.assert_allclose(h_mat.numpy(), h_mat.numpy().T, atol=1e-5)   # symmetric

    # Newton's method: the step solves (H + eps I) update = g
    eps = 1e-3
    eye_eps = tf.eye(h_mat.shape[0]) * eps
    update = tf.linalg.solve(h_mat + eye_eps, g_vec)
    np.testing.assert_allclose(tf.matmul(h_mat + eye_eps, update).numpy(), g_vec.numpy(),
                               atol=2e-4)
    before = layer1.kernel.numpy()
    layer1.kernel.assign_sub(tf.reshape(update, layer1.kernel.shape))
    np.testing.assert_allclose(layer1.kernel.numpy(), before - update.numpy().reshape(5, 8))


def test_batch_jacobian_of_two_elu_layers():
    x = tf.random.normal([7, 5])
    layer1 = tf.keras.layers.Dense(8, activation=tf.nn.elu)
    layer2 = tf.keras.layers.Dense(6, activation=tf.nn.elu)
    with tf.GradientTape(persistent=True, watch_accessed_variables=False) as tape:
        tape.watch(x)
        y = layer1(x)
        y = layer2(y)
    assert y.shape == (7, 6)
    j = tape.jacobian(y, x)
    assert j.shape == (7, 6, 7, 5)
    # each example depends only on itself: the (batch, batch) blocks are diagonal, so
    # summing over the second batch axis, or picking its diagonal, gives the same
    j_sum = tf.reduce_sum(j, axis=2)
    j_select = tf.einsum("bxby->bxy", j)
    assert j_sum.shape == j_select.shape == (7, 6, 5)
    np.testing.assert_allclose(j_sum.numpy(), j_select.numpy(), atol=1e-6)
    jb = tape.batch_jacobian(y, x)
    assert jb.shape == (7, 6, 5)
    error = tf.reduce_max(abs(jb - j_sum))
    assert error.numpy() < 1e-3


def test_batch_jacobian_when_examples_interact():
    """The guide's second batch-Jacobian listing puts a BatchNormalization layer between
    the two Dense layers: normalizing with the batch's statistics makes each example
    depend on all the others.  (teachtensor has no BatchNormalization; subtracting the
    batch mean has the same effect.)  Then the off-diagonal blocks are not zero, and
    batch_jacobian (which assumes they are) mixes the examples: row b of its result
    is the sum over all target examples of their derivatives by source example b."""
    x = tf.random.normal([7, 5])
    layer1 = tf.keras.layers.Dense(8, activation=tf.nn.elu)
    layer2 = tf.keras.layers.Dense(6, activation=tf.nn.elu)
    with tf.GradientTape(persistent=True, watch_accessed_variables=False) as tape:
        tape.watch(x)
        y = layer1(x)
        y = y - tf.reduce_mean(y, axis=0, keepdims=True)   # where the guide normalizes
        y = layer2(y)
    j = tape.jacobian(y, x)
    j_sum = tf.reduce_sum(j, axis=2)
    j_select = tf.einsum("bxby->bxy", j)
    assert tf.reduce_max(abs(j_sum - j_select)).numpy() > 1e-2   # not the same any more
    jb = tape.batch_jacobian(y, x)
    mixed = tf.transpose(tf.reduce_sum(j, axis=0), [1, 0, 2])   # (source example, y, x)
    np.testing.assert_allclose(jb.numpy(), mixed.numpy(), atol=1e-5)
