"""The pieces of layers in tf.nn (bias_add, dropout, moments, batch_normalization, silu,
log_sigmoid), the zero-safe arithmetic of tf.math (xlogy, xdivy, divide_no_nan,
reciprocal_no_nan, multiply_no_nan), tf.roll / tf.repeat / tf.meshgrid, and
tf.linalg.matvec / matrix_transpose.

Values and first gradients are checked against numbers TensorFlow 2.21 printed (kept
here as constants), the functions against NumPy on shapes drawn by hypothesis, and
first and second derivatives against finite differences.  The file runs on every
backend: ``make test`` runs it again on the strict backend and on the CUDA backend
under Numba's simulator.
"""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import teachtensor as tf
from teachtensor.testing import check_gradients

tiny = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=3)
INF, NAN = float("inf"), float("nan")


def arrays(shape, lo=-2.0, hi=2.0):
    return hnp.arrays(np.float64, shape, elements=st.floats(lo, hi))


def value_and_gradients(f, *inputs):
    variables = [tf.Variable(np.array(x, np.float32)) for x in inputs]
    with tf.GradientTape() as tape:
        y = f(*variables)
    return y.numpy().tolist(), [g.numpy().tolist() for g in tape.gradient(y, variables)]


def same(actual, expected, rtol=1e-6):
    np.testing.assert_allclose(np.array(actual, np.float64), np.array(expected, np.float64),
                               rtol=rtol, atol=1e-7)


# ---- activations -----------------------------------------------------------------------

X = [-3.0, -1.0, -0.5, 0.0, 0.5, 2.0]
# (value, gradient) of tf.nn.silu(X), tf.nn.silu(X, beta=2.0), printed by TensorFlow 2.21
TF_SILU = ([-0.14227762818336487, -0.2689414322376251, -0.1887703388929367, 0.0,
            0.3112296760082245, 1.7615941762924194],
           [-0.08810409903526306, 0.07232948392629623, 0.260038822889328, 0.5,
            0.7399612069129944, 1.0907841920852661])
TF_SILU_BETA_2 = ([-0.007417869754135609, -0.11920291930437088, -0.13447071611881256, 0.0,
                   0.36552929878234863, 1.9640275239944458],
                  [-0.012326432392001152, -0.09078425168991089, 0.07232948392629623, 0.5,
                   0.9276705384254456, 1.0526646375656128])
LOG_SIGMOID_X = [-100.0, -1.0, 0.0, 2.0, 100.0]
TF_LOG_SIGMOID = ([-100.0, -1.31326162815094, -0.6931471824645996, -0.12692800164222717, -0.0],
                  [1.0, 0.7310585975646973, 0.5, 0.11920291930437088, 0.0])


@pytest.mark.parametrize("f, expected", [
    (tf.nn.silu, TF_SILU), (tf.nn.swish, TF_SILU),
    (lambda x: tf.nn.silu(x, beta=2.0), TF_SILU_BETA_2)])
def test_silu_matches_tensorflow(f, expected):
    value, (gradient,) = value_and_gradients(f, X)
    same(value, expected[0])
    same(gradient, expected[1])


def test_log_sigmoid_matches_tensorflow_and_stays_finite():
    value, (gradient,) = value_and_gradients(tf.math.log_sigmoid, LOG_SIGMOID_X)
    same(value, TF_LOG_SIGMOID[0])
    same(gradient, TF_LOG_SIGMOID[1])


@settings(deadline=None, max_examples=15)
@given(st.data())
def test_silu_and_log_sigmoid_second_derivatives(data):
    x = data.draw(arrays(data.draw(tiny), -4.0, 4.0))
    check_gradients(lambda t: tf.nn.silu(t, beta=1.5), x, order=2)
    check_gradients(tf.math.log_sigmoid, x, order=2)


@pytest.mark.parametrize("f", [tf.nn.silu, tf.math.log_sigmoid])
def test_activations_refuse_integers(f):
    with pytest.raises(TypeError, match="floating-point"):
        f(tf.constant([1, 2]))


# ---- zero-safe arithmetic ----------------------------------------------------------------

A = [0.0, 2.0, 0.0, -1.5, 3.0]
B = [0.0, 3.0, 1.0, 2.0, 0.0]
# (value, [d/da, d/db]) printed by TensorFlow 2.21
TF_SAFE = {
    "xlogy": (A, B, [0.0, 2.1972246170043945, 0.0, -1.0397207736968994, -INF],
              [[0.0, 1.0986123085021973, 0.0, 0.6931471824645996, -INF],
               [0.0, 0.6666666865348816, 0.0, -0.75, INF]]),
    "xdivy": (A, B, [0.0, 0.6666666865348816, 0.0, -0.75, INF],
              [[0.0, 0.3333333432674408, 0.0, 0.5, INF],
               [0.0, -0.2222222238779068, 0.0, 0.375, -INF]]),
    "divide_no_nan": ([1.0, 2.0, 0.0, -1.5], [0.0, 4.0, 0.0, 2.0], [0.0, 0.5, 0.0, -0.75],
                      [[0.0, 0.25, 0.0, 0.5], [0.0, -0.125, 0.0, 0.375]]),
    "multiply_no_nan": ([INF, 2.0, 3.0, -1.0], [0.0, 4.0, 0.0, 2.0], [0.0, 8.0, 0.0, -2.0],
                        [[0.0, 4.0, 0.0, 2.0], [INF, 2.0, 3.0, -1.0]]),
}


@pytest.mark.parametrize("name", sorted(TF_SAFE))
def test_zero_safe_arithmetic_matches_tensorflow(name):
    a, b, expected_value, expected_gradients = TF_SAFE[name]
    value, gradients = value_and_gradients(getattr(tf.math, name), a, b)
    same(value, expected_value)
    for got, expected in zip(gradients, expected_gradients):
        same(got, expected)


def test_xlogy_is_zero_where_x_is_zero_even_against_nan():
    assert tf.math.xlogy(tf.constant([0.0, 0.0]), tf.constant([NAN, 0.0])).numpy().tolist() \
        == [0.0, 0.0]


def test_reciprocal_no_nan_matches_tensorflow():
    value, (gradient,) = value_and_gradients(tf.math.reciprocal_no_nan, [0.0, 4.0, -0.5])
    same(value, [0.0, 0.25, -2.0])
    same(gradient, [0.0, -0.0625, -4.0])


@settings(deadline=None, max_examples=15)
@given(st.data())
def test_zero_safe_arithmetic_second_derivatives_away_from_zero(data):
    shape = data.draw(tiny)
    x = data.draw(arrays(shape, 0.5, 2.0))
    y = data.draw(arrays(shape, 0.5, 2.0))
    for name in ("xlogy", "xdivy", "divide_no_nan", "multiply_no_nan"):
        check_gradients(getattr(tf.math, name), x, y, order=2)
    check_gradients(tf.math.reciprocal_no_nan, x, order=2)


def test_zero_safe_arithmetic_broadcasts_and_refuses_integers():
    out = tf.math.multiply_no_nan(tf.ones((2, 3)), tf.constant([0.0, 1.0, 2.0]))
    assert out.numpy().tolist() == [[0.0, 1.0, 2.0]] * 2
    with pytest.raises(TypeError, match="floating-point"):
        tf.math.xlogy(tf.constant([1, 2]), tf.constant([1, 2]))


# ---- moments, batch normalization, bias_add, dropout -------------------------------------

M = [[1.0, 2.0, 3.0], [4.0, 5.0, 7.0]]


def test_moments_match_tensorflow():
    mean, variance = tf.nn.moments(tf.constant(M), axes=[0])
    same(mean, [2.5, 3.5, 5.0])
    same(variance, [2.25, 2.25, 4.0])
    mean, variance = tf.nn.moments(tf.constant(M), axes=[1], keepdims=True)
    assert mean.shape == (2, 1) and variance.shape == (2, 1)
    same(mean, [[2.0], [5.333333492279053]])
    same(variance, [[0.6666666865348816], [1.5555554628372192]])
    mean, variance = tf.nn.moments(tf.constant(M), axes=[0, 1])
    assert mean.shape == () and variance.shape == ()
    same(mean, 3.6666667461395264)
    same(variance, 3.8888885974884033)


def test_moments_of_integers_are_integers():
    mean, variance = tf.nn.moments(tf.constant([1, 2]), axes=[0])
    assert mean.dtype == tf.int32 and int(mean) == 1 and int(variance) == 0


def test_variance_gradient_and_its_second_derivative_are_tensorflows():
    """TensorFlow treats the mean as a constant inside the variance: the gradient is
    the true one, 2 (x - mean) / n, and its derivative is 2/n on every element."""
    v = tf.Variable([1.0, 2.0, 4.0])
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            _, variance = tf.nn.moments(v, axes=[0])
        gradient = inner.gradient(variance, v)
    same(gradient, [-0.88888884, -0.22222218, 1.1111112])
    same(outer.gradient(gradient, v), [2 / 3] * 3)


@settings(deadline=None, max_examples=15)
@given(st.data())
def test_moments_against_numpy(data):
    x = data.draw(arrays(data.draw(tiny)))
    axes = sorted(data.draw(st.sets(st.integers(0, x.ndim - 1), min_size=1)))
    mean, variance = tf.nn.moments(tf.constant(x), axes=axes)
    np.testing.assert_allclose(mean.numpy(), x.mean(axis=tuple(axes)), atol=1e-12)
    np.testing.assert_allclose(variance.numpy(), x.var(axis=tuple(axes)), atol=1e-12)
    check_gradients(lambda t: tf.nn.moments(t, axes=axes)[0], x)


def test_batch_normalization_matches_tensorflow():
    x = tf.constant(M)
    mean, variance = tf.nn.moments(x, axes=[0])
    out = tf.nn.batch_normalization(x, mean, variance, tf.constant([0.5, 0.0, 1.0]),
                                    tf.constant([2.0, 1.0, 0.5]), 1e-3)
    same(out, [[-1.4995558261871338, -0.9997777938842773, 0.5000624656677246],
               [2.4995555877685547, 0.9997780323028564, 1.4999375343322754]])
    plain = tf.nn.batch_normalization(x, mean, variance, None, None, 1e-3)
    same(plain, [[-0.9997779130935669, -0.9997777938842773, -0.9998750686645508],
                 [0.9997777938842773, 0.9997780323028564, 0.9998750686645508]])


def test_batch_normalization_gradients():
    """Second derivatives of batch_normalization itself; through moments only first
    ones, since moments' variance treats the mean as a constant at second order (as
    TensorFlow's does; see the test above)."""
    rng = np.random.default_rng(0)
    x, offset, scale = rng.normal(size=(4, 3)), rng.normal(size=3), rng.normal(size=3)
    mean, variance = rng.normal(size=3), rng.uniform(0.5, 2.0, size=3)
    check_gradients(lambda *t: tf.nn.batch_normalization(*t, 1e-3),
                    x, mean, variance, offset, scale, order=2)

    def normalized(x, offset, scale):
        mean, variance = tf.nn.moments(x, axes=[0])
        return tf.nn.batch_normalization(x, mean, variance, offset, scale, 1e-3)
    check_gradients(normalized, x, offset, scale)


def test_bias_add_along_the_channels_axis():
    x = tf.constant(M)
    assert tf.nn.bias_add(x, [10.0, 20.0, 30.0]).numpy().tolist() == \
        [[11.0, 22.0, 33.0], [14.0, 25.0, 37.0]]
    channels_first = tf.nn.bias_add(tf.ones((1, 2, 3)), [1.0, 2.0], data_format="NCHW")
    assert channels_first.numpy().tolist() == [[[2.0] * 3, [3.0] * 3]]
    check_gradients(lambda v, b: tf.nn.bias_add(v, b), np.ones((2, 3)), np.arange(3.0))


@pytest.mark.parametrize("value, bias, message", [
    (tf.ones((2, 3)), [1.0, 2.0], r"2 biases for 3 channels"),
    (tf.ones((2,)), [1.0, 2.0], r"rank 2 or more"),
    (tf.ones((2, 3)), [[1.0, 2.0, 3.0]], r"must be a vector")])
def test_bias_add_refuses_a_bias_that_does_not_fit(value, bias, message):
    with pytest.raises(tf.errors.InvalidArgumentError, match=message):
        tf.nn.bias_add(value, bias)


def test_dropout_keeps_or_zeroes_and_scales():
    tf.random.set_seed(0)
    x = tf.ones((50, 40))
    out = tf.nn.dropout(x, rate=0.25).numpy()
    assert set(np.unique(out).tolist()) <= {0.0, np.float32(1 / 0.75)}
    assert 0.15 < (out == 0).mean() < 0.35
    rows = tf.nn.dropout(x, rate=0.5, noise_shape=(50, 1)).numpy()
    assert all(len(set(row.tolist())) == 1 for row in rows)  # whole rows kept or dropped
    assert tf.nn.dropout(x, 0.0) is x


def test_dropout_with_a_seed_repeats_after_set_seed():
    tf.random.set_seed(3)
    first = tf.nn.dropout(tf.ones((4, 4)), 0.5, seed=1).numpy()
    tf.random.set_seed(3)
    assert np.array_equal(first, tf.nn.dropout(tf.ones((4, 4)), 0.5, seed=1).numpy())


def test_dropout_gradient_is_the_mask_scaled():
    tf.random.set_seed(0)
    v = tf.Variable(tf.ones((3, 4)))
    with tf.GradientTape() as tape:
        y = tf.nn.dropout(v, 0.5)
    gradient = tape.gradient(y, v).numpy()
    assert np.array_equal(gradient, y.numpy())  # 2 where kept, 0 where dropped


@pytest.mark.parametrize("rate", [1.0, -0.1, 1.5])
def test_dropout_refuses_a_rate_outside_0_1(rate):
    with pytest.raises(ValueError, match=r"rate must be in \[0, 1\)"):
        tf.nn.dropout(tf.ones(3), rate)


def test_dropout_refuses_integers():
    with pytest.raises(ValueError, match="float"):
        tf.nn.dropout(tf.constant([1, 2]), 0.5)


# ---- roll, repeat, meshgrid ----------------------------------------------------------------

def test_roll_as_tensorflow():
    assert tf.roll(tf.range(5), 2, 0).numpy().tolist() == [3, 4, 0, 1, 2]
    grid = tf.reshape(tf.range(6), (2, 3))
    assert tf.roll(grid, [1, -1], [0, 1]).numpy().tolist() == [[4, 5, 3], [1, 2, 0]]
    assert tf.roll(tf.range(5), [1, 1], [0, 0]).numpy().tolist() == [3, 4, 0, 1, 2]
    assert tf.roll(tf.zeros((0, 3)), 1, 0).shape == (0, 3)
    with pytest.raises(tf.errors.InvalidArgumentError, match="out of range"):
        tf.roll(tf.range(5), 1, 1)
    with pytest.raises(tf.errors.InvalidArgumentError, match="one shift per axis"):
        tf.roll(tf.range(5), [1, 2], [0])


@settings(deadline=None, max_examples=20)
@given(st.data())
def test_roll_against_numpy(data):
    x = data.draw(arrays(data.draw(tiny)))
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1))
    shift = data.draw(st.integers(-7, 7))
    assert np.array_equal(tf.roll(tf.constant(x), shift, axis).numpy(), np.roll(x, shift, axis))
    check_gradients(lambda t: tf.roll(t, shift, axis) * np.arange(x.size).reshape(x.shape),
                    x, order=2)


def test_repeat_as_tensorflow():
    x = tf.constant([[1, 2], [3, 4]])
    assert tf.repeat(x, 2).numpy().tolist() == [1, 1, 2, 2, 3, 3, 4, 4]
    assert tf.repeat(x, [1, 2], axis=0).numpy().tolist() == [[1, 2], [3, 4], [3, 4]]
    assert tf.repeat(x, tf.constant([0, 3]), axis=1).numpy().tolist() == [[2, 2, 2], [4, 4, 4]]
    with pytest.raises(tf.errors.InvalidArgumentError, match="3 repeat counts for 2 slices"):
        tf.repeat(x, [1, 2, 3], axis=0)
    with pytest.raises(tf.errors.InvalidArgumentError, match=">= 0"):
        tf.repeat(x, -1)
    with pytest.raises(TypeError, match="integer"):
        tf.repeat(x, 1.5)


@settings(deadline=None, max_examples=20)
@given(st.data())
def test_repeat_against_numpy(data):
    x = data.draw(arrays(data.draw(tiny)))
    axis = data.draw(st.integers(0, x.ndim - 1))
    counts = data.draw(st.lists(st.integers(0, 3), min_size=x.shape[axis],
                                max_size=x.shape[axis]))
    expected = np.repeat(x, counts, axis=axis)
    assert np.array_equal(tf.repeat(tf.constant(x), counts, axis=axis).numpy(), expected)
    weights = np.arange(expected.size, dtype=np.float64).reshape(expected.shape)
    check_gradients(lambda t: tf.repeat(t, counts, axis=axis) * weights, x, order=2)


def test_meshgrid_as_tensorflow():
    X, Y = tf.meshgrid([1, 2, 3], [4, 5])
    assert X.numpy().tolist() == [[1, 2, 3], [1, 2, 3]]
    assert Y.numpy().tolist() == [[4, 4, 4], [5, 5, 5]]
    X, Y = tf.meshgrid([1, 2, 3], [4, 5], indexing="ij")
    assert X.numpy().tolist() == [[1, 1], [2, 2], [3, 3]]
    assert tf.meshgrid([1, 2], [3, 4], [5, 6, 7])[0].shape == (2, 2, 3)
    assert tf.meshgrid([1, 2], [3, 4], [5, 6, 7], indexing="ij")[2].shape == (2, 2, 3)
    with pytest.raises(ValueError, match="'xy' or 'ij'"):
        tf.meshgrid([1, 2], [3], indexing="yx")


def test_meshgrid_against_numpy_with_gradients():
    x, y = np.array([1.0, 2.0, 3.0]), np.array([-1.0, 0.5])
    for indexing in ("xy", "ij"):
        ours = tf.meshgrid(tf.constant(x), tf.constant(y), indexing=indexing)
        for got, expected in zip(ours, np.meshgrid(x, y, indexing=indexing)):
            assert np.array_equal(got.numpy(), expected)
        check_gradients(lambda a, b: tf.meshgrid(a, b, indexing=indexing)[0] *
                        tf.meshgrid(a, b, indexing=indexing)[1], x, y, order=2)


# ---- matvec, matrix_transpose --------------------------------------------------------------

def test_matvec_and_matrix_transpose():
    a = tf.constant([[[1.0, 2.0], [3.0, 4.0]]])
    assert tf.linalg.matvec(a, tf.constant([[1.0, -1.0]])).numpy().tolist() == [[-1.0, -1.0]]
    assert tf.linalg.matvec(a[0], [1.0, 1.0], transpose_a=True).numpy().tolist() == [4.0, 6.0]
    assert tf.linalg.matrix_transpose(a).numpy().tolist() == [[[1.0, 3.0], [2.0, 4.0]]]
    assert tf.linalg.adjoint(a[0]).numpy().tolist() == [[1.0, 3.0], [2.0, 4.0]]
    assert tf.linalg.eye(2).numpy().tolist() == [[1.0, 0.0], [0.0, 1.0]]
    with pytest.raises(ValueError, match="rank >= 2"):
        tf.linalg.matrix_transpose(tf.constant([1.0, 2.0]))
    rng = np.random.default_rng(0)
    check_gradients(tf.linalg.matvec, rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 4)),
                    order=2)


def test_the_new_names_where_tensorflow_has_them():
    assert tf.nn.swish is tf.nn.silu
    assert tf.math.softmax is tf.nn.softmax and tf.math.log_softmax is tf.nn.log_softmax
    for name in ("tan", "reduce_logsumexp", "roll", "repeat", "meshgrid"):
        assert callable(getattr(tf, name)), name


# ---- arguments as TensorFlow takes them, and refusals that name the problem ---------------

def test_softmax_axis_none_is_the_last_axis():
    x = tf.constant([[1.0, 2.0], [3.0, 5.0]])
    for f in (tf.math.softmax, tf.nn.softmax, tf.math.log_softmax, tf.nn.log_softmax):
        assert np.array_equal(f(x, axis=None).numpy(), f(x, axis=-1).numpy())


def test_dropout_noise_shape_takes_none_and_broadcasts_and_is_checked_before_drawing():
    x = tf.ones((2, 3))
    assert tf.nn.dropout(x, 0.5, noise_shape=[2, None]).shape == (2, 3)
    assert tf.nn.dropout(x, 0.5, noise_shape=[3]).shape == (2, 3)  # lined up from the right
    tf.random.set_seed(0)
    expected = tf.random.uniform((2,)).numpy()
    tf.random.set_seed(0)
    for bad in ([2, 4], [4], [2, None, 1]):
        with pytest.raises(ValueError, match="noise_shape .* does not broadcast"):
            tf.nn.dropout(x, 0.5, noise_shape=bad)
    assert np.array_equal(tf.random.uniform((2,)).numpy(), expected)  # nothing was drawn


def test_silu_takes_beta_of_another_dtype():
    out = tf.nn.silu(tf.constant([1.0]), beta=tf.constant(2.0, tf.float64))
    assert out.dtype == tf.float32
    same(out, [0.8807970285415649])


def test_roll_refuses_fractional_shifts_and_axes():
    for shift, axis in ((1.9, 0), (1, 0.7)):
        with pytest.raises(TypeError, match="must be an integer"):
            tf.roll(tf.constant([0, 1, 2, 3]), shift, axis)


def test_repeat_of_a_scalar_and_of_nothing():
    assert tf.repeat(tf.constant(3.0), 3, axis=0).numpy().tolist() == [3.0, 3.0, 3.0]
    assert tf.repeat(tf.zeros((0, 3)), [], axis=0).shape == (0, 3)


def test_matvec_refuses_transpose_and_adjoint_together():
    with pytest.raises(ValueError, match="only one of transpose_a and adjoint_a"):
        tf.linalg.matvec(tf.eye(2), [1.0, 1.0], transpose_a=True, adjoint_a=True)


@pytest.mark.parametrize("data_format, ok", [("NHWC", True), ("NWC", True), ("NCHW", True),
                                             ("channels_first", False), ("HWC", False)])
def test_bias_add_data_formats(data_format, ok):
    value = tf.ones((2, 3, 3))
    if ok:
        assert tf.nn.bias_add(value, tf.ones(3), data_format=data_format).shape == (2, 3, 3)
    else:
        with pytest.raises(ValueError, match=r"N\.\.\.C .* NC\.\.\."):
            tf.nn.bias_add(value, tf.ones(3), data_format=data_format)


@pytest.mark.parametrize("f, name", [(tf.tan, "tf.math.tan"),
                                     (tf.reduce_logsumexp, "tf.math.reduce_logsumexp")])
def test_integer_refusals_name_the_function(f, name):
    with pytest.raises(TypeError, match=f"{name} needs a floating-point tensor"):
        f(tf.constant([1, 2]))


@pytest.mark.parametrize("name", ["xlogy", "xdivy", "divide_no_nan", "multiply_no_nan"])
def test_zero_safe_arithmetic_names_itself_when_shapes_do_not_broadcast(name):
    with pytest.raises(tf.errors.InvalidArgumentError, match=f"{name}.*incompatible"):
        getattr(tf.math, name)(tf.ones((2, 3)), tf.ones(4))


# ---- tf.random.Generator -------------------------------------------------------------------

def test_a_generator_from_a_seed_repeats_and_keeps_to_itself():
    g = tf.random.Generator.from_seed(1)
    first, second = g.normal((3,)).numpy(), g.normal((3,)).numpy()
    assert not np.array_equal(first, second)  # it goes on
    assert np.array_equal(tf.random.Generator.from_seed(1).normal((3,)).numpy(), first)
    g.reset_from_seed(1)
    assert np.array_equal(g.normal((3,)).numpy(), first)
    tf.random.set_seed(3)  # the global seed neither resets it nor is moved by it
    expected = tf.random.uniform((2,)).numpy()
    tf.random.set_seed(3)
    g.normal((5,))
    assert np.array_equal(tf.random.uniform((2,)).numpy(), expected)


def test_generator_draws_as_the_module_functions_do():
    g = tf.random.Generator.from_seed(2)
    ints = g.uniform((200,), 3, 7, dtype=tf.int32).numpy()
    assert ints.dtype == np.int32 and set(np.unique(ints).tolist()) == {3, 4, 5, 6}
    floats = g.uniform((200,), -1.0, 1.0).numpy()
    assert floats.dtype == np.float32 and -1 <= floats.min() and floats.max() < 1
    assert np.abs(g.truncated_normal((200,), stddev=2.0).numpy()).max() <= 4.0
    assert g.normal((2, 3), dtype=tf.float64).dtype == tf.float64
    with pytest.raises(ValueError, match="needs both minval and maxval"):
        g.uniform((2,), dtype=tf.int32)
    with pytest.raises(TypeError, match="floating-point|makes floating"):
        g.normal((2,), dtype=tf.int32)
    with pytest.raises(TypeError, match="seed must be an integer"):
        tf.random.Generator.from_seed(1.5)


def test_split_and_make_seeds_and_the_global_generator():
    a, b = tf.random.Generator.from_seed(4).split(2)
    again, _ = tf.random.Generator.from_seed(4).split(2)
    assert np.array_equal(a.normal((3,)).numpy(), again.normal((3,)).numpy())
    assert not np.array_equal(a.normal((3,)).numpy(), b.normal((3,)).numpy())
    seeds = tf.random.Generator.from_seed(4).make_seeds(3)
    assert seeds.shape == (2, 3) and seeds.dtype == tf.int64
    mine = tf.random.Generator.from_seed(9)
    tf.random.set_global_generator(mine)
    assert tf.random.get_global_generator() is mine
    with pytest.raises(TypeError, match="tf.random.Generator"):
        tf.random.set_global_generator(42)
    assert tf.random.Generator.from_non_deterministic_state().uniform((2,)).shape == (2,)


def test_a_generator_s_stream_is_not_the_one_set_seed_starts():
    tf.random.set_seed(1)
    module = tf.random.normal((3,)).numpy()
    assert not np.array_equal(tf.random.Generator.from_seed(1).normal((3,)).numpy(), module)


def test_reset_from_a_bad_seed_changes_nothing():
    g = tf.random.Generator.from_seed(5)
    g.normal((2,))
    expected = tf.random.Generator.from_seed(5)
    expected.normal((2,))
    with pytest.raises(TypeError, match="must be an integer"):
        g.reset_from_seed(1.5)
    assert np.array_equal(g.normal((2,)).numpy(), expected.normal((2,)).numpy())
    with pytest.raises(TypeError, match="from_non_deterministic_state"):
        tf.random.Generator.from_seed(None)
