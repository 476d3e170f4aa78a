"""``@tf.custom_gradient``: an operation with its own gradient, first and second order."""
import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import teachtensor as tf
from teachtensor.testing import check_gradients


@tf.custom_gradient
def log1pexp(x):
    """TensorFlow's documentation example: log(1 + e^x) with a stable gradient."""
    e = tf.exp(x)

    def grad(upstream):
        return upstream * (1 - 1 / (1 + e))
    return tf.math.log(1 + e), grad


@tf.custom_gradient
def clip_gradient_norm(x):
    """Identity forward; the gradient is clipped to [-1, 1] (not the true derivative)."""
    def grad(upstream):
        return tf.clip_by_value(upstream, -1.0, 1.0)
    return tf.identity(x), grad


@tf.custom_gradient
def weighted_product(a, b):
    """a * b with two inputs: one gradient per input."""
    def grad(upstream):
        return upstream * b, upstream * a
    return a * b, grad


def test_forward_value_and_first_order():
    x = tf.Variable([0.0, 2.0, 100.0])
    with tf.GradientTape() as tape:
        y = log1pexp(x)
    g = tape.gradient(y, x)
    np.testing.assert_allclose(y.numpy()[:2], np.log1p(np.exp([0.0, 2.0])), rtol=1e-6)
    # the custom gradient is finite at x = 100, where e^x overflows float32
    np.testing.assert_allclose(g.numpy(), 1 / (1 + np.exp(-np.array([0.0, 2.0, 100.0]))),
                               rtol=1e-6)
    assert np.all(np.isfinite(g.numpy()))


def test_the_custom_gradient_replaces_the_true_one():
    x = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        y = clip_gradient_norm(x) * 10.0
    np.testing.assert_array_equal(tape.gradient(y, x).numpy(), [1.0, 1.0])


def test_two_inputs():
    a, b = tf.Variable(3.0), tf.Variable(4.0)
    with tf.GradientTape() as tape:
        y = weighted_product(a, b)
    ga, gb = tape.gradient(y, [a, b])
    assert float(ga) == 4.0 and float(gb) == 3.0
    assert float(y) == 12.0


def test_second_order_through_values_computed_inside():
    x = tf.Variable(0.5)
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            y = log1pexp(x)
        g = inner.gradient(y, x)
    h = outer.gradient(g, x)
    s = 1 / (1 + np.exp(-0.5))
    np.testing.assert_allclose(float(g), s, rtol=1e-6)
    np.testing.assert_allclose(float(h), s * (1 - s), rtol=1e-5)


@given(x=hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=3),
                    elements=st.floats(-3, 3)))
def test_check_gradients_through_custom_gradient(x):
    check_gradients(log1pexp, x, order=2)
    check_gradients(weighted_product, x, np.cos(x), order=2)


def test_wrong_number_of_gradients_is_reported():
    @tf.custom_gradient
    def bad(a, b):
        return a + b, lambda g: g  # one gradient for two inputs

    a, b = tf.Variable(1.0), tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = bad(a, b)
    with pytest.raises(ValueError, match="2 inputs"):
        tape.gradient(y, [a, b])


def test_none_gradient_for_an_input():
    @tf.custom_gradient
    def only_first(a, b):
        return a * b, lambda g: (g * b, None)

    a, b = tf.Variable(1.0), tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = only_first(a, b)
    ga, gb = tape.gradient(y, [a, b])
    assert float(ga) == 2.0 and gb is None


def test_works_without_a_tape_and_with_python_numbers():
    y = log1pexp(0.0)
    np.testing.assert_allclose(float(y), np.log(2.0), rtol=1e-6)
    assert log1pexp.__name__ == "log1pexp"


def test_a_mean_divides_a_gradient_of_another_dtype_in_that_dtype():
    """A custom gradient may hand back another dtype than its input's (it is not
    converted); reduce_mean's gradient then divides by its count in that dtype:
    2**24 + 1 is 2**24 in float32, but exact in float64."""
    count = 2**24 + 1

    @tf.custom_gradient
    def float64_gradient(m):
        def grad(upstream):
            return tf.cast(upstream, tf.float64) * float(count)
        return tf.identity(m), grad

    x = tf.zeros((count,))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = float64_gradient(tf.reduce_mean(x))
    g = tape.gradient(y, x)
    assert g.dtype == tf.float64
    assert np.all(g.numpy() == 1.0)  # count / count; 1.00000006 with float32's count
