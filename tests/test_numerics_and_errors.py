"""Wrong answers and unclear errors found by a fuzzing pass against TensorFlow.

Each expected value below is what TensorFlow 2.21 gives (checked side by side), or,
where TensorFlow refuses, an error of the same kind whose message says what to do.
"""
import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras


def gradient(f, x):
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return tape.gradient(y, x)


# ---- integer means are accumulated wide -------------------------------------------------

@pytest.mark.parametrize("values, dtype, expected", [
    ([100, 200], tf.uint8, 150),                 # uint8 image data
    ([100, 100], tf.int8, 100),
    ([2**30, 2**30], tf.int32, 2**30),
    ([-1, -2], tf.int32, -1),                    # truncated toward zero
    ([2**62, 2**62], tf.int64, 2**62),
])
def test_integer_mean_does_not_overflow(values, dtype, expected):
    mean = tf.reduce_mean(tf.constant(values, dtype=dtype))
    assert mean.dtype == dtype and int(mean) == expected


def test_integer_mean_along_an_axis():
    x = tf.constant([[250, 250, 5], [1, 2, 4]], dtype=tf.uint8)
    np.testing.assert_array_equal(tf.reduce_mean(x, axis=1).numpy(), [168, 2])
    np.testing.assert_array_equal(tf.reduce_mean(x, axis=0, keepdims=True).numpy(),
                                  [[125, 126, 4]])


def test_integer_sum_wraps_around_as_in_tensorflow():
    assert int(tf.reduce_sum(tf.constant([2**30, 2**30]))) == -2**31


# ---- bool tensors are refused where TensorFlow refuses them -----------------------------

B = [True, False]


@pytest.mark.parametrize("op", [
    lambda: tf.reduce_sum(tf.constant([True, True])),
    lambda: tf.reduce_mean(tf.constant(B)),
    lambda: tf.reduce_max(tf.constant(B)),
    lambda: tf.reduce_min(tf.constant(B)),
    lambda: tf.reduce_prod(tf.constant(B)),
    lambda: tf.negative(tf.constant(B)),
    lambda: -tf.constant(B),
    lambda: tf.abs(tf.constant(B)),
    lambda: tf.square(tf.constant(B)),
    lambda: tf.add(tf.constant(B), tf.constant(B)),
    lambda: tf.constant(B) + True,
    lambda: tf.multiply(tf.constant(B), tf.constant(B)),
    lambda: tf.maximum(tf.constant(B), tf.constant(B)),
    lambda: tf.less(tf.constant(B), tf.constant(B)),
    lambda: tf.matmul(tf.constant([[True]]), tf.constant([[True]])),
    lambda: tf.sign(tf.constant(B)),
    lambda: tf.nn.relu(tf.constant(B)),
    lambda: tf.reduce_any(tf.constant([0.5])),
    lambda: tf.reduce_all(tf.constant([1])),
    lambda: tf.logical_and(tf.constant([1.0]), tf.constant([0.0])),
    lambda: tf.logical_not(tf.constant([1.0])),
])
def test_bool_arithmetic_is_refused_with_a_hint_to_cast(op):
    with pytest.raises(TypeError, match="tf.cast"):
        op()


def test_what_bool_tensors_can_do():
    a, b = tf.constant([True, False]), tf.constant([True, True])
    np.testing.assert_array_equal(tf.equal(a, b).numpy(), [True, False])
    np.testing.assert_array_equal(tf.logical_and(a, b).numpy(), [True, False])
    np.testing.assert_array_equal(tf.where(a, b, a).numpy(), [True, False])
    assert bool(tf.reduce_any(a)) and not bool(tf.reduce_all(a))
    assert int(tf.argmax(a)) == 0
    assert int(tf.reduce_sum(tf.cast(b, tf.int32))) == 2


def test_a_non_bool_value_is_not_turned_into_a_bool_tensor():
    with pytest.raises(TypeError, match="tf.cast"):
        tf.constant([0.5], dtype=tf.bool)
    assert tf.cast(tf.constant([0.5, 0.0]), tf.bool).numpy().tolist() == [True, False]


# ---- where masking an undefined branch --------------------------------------------------

@pytest.mark.parametrize("f, expected", [
    (lambda x: tf.where(x > 0, tf.sqrt(x), 0.0), [0.0, 0.0, 0.25]),
    (lambda x: tf.where(x > 0, tf.math.rsqrt(x), 0.0), [0.0, 0.0, -0.0625]),
    (lambda x: tf.where(x > 0, tf.math.reciprocal(x), 0.0), [0.0, 0.0, -0.0625]),
])
def test_where_masking_an_undefined_branch_gives_zero_gradient(f, expected):
    g = gradient(f, [-1.0, 0.0, 4.0])
    np.testing.assert_allclose(g.numpy(), expected)


def test_the_masked_gradients_have_finite_second_derivatives():
    x = tf.Variable([-1.0, 0.0, 4.0])
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            y = tf.reduce_sum(tf.where(x > 0, tf.sqrt(x), 0.0))
        g = inner.gradient(y, x)
    h = outer.gradient(g, x)
    np.testing.assert_allclose(h.numpy(), [0.0, 0.0, -1 / 32])


def test_sqrt_at_zero_still_has_an_infinite_slope():
    np.testing.assert_array_equal(gradient(tf.sqrt, [0.0]).numpy(), [np.inf])


# ---- softmax: axes, infinities, huge logits ------------------------------------------------

def test_softmax_axis_out_of_range_is_an_error():
    for f in (tf.nn.softmax, tf.nn.log_softmax):
        with pytest.raises(ValueError, match="axis 5 is out of range"):
            f(tf.ones((2, 3)), axis=5)
        np.testing.assert_allclose(f(tf.ones((2, 3)), axis=-2).numpy(),
                                   f(tf.ones((2, 3)), axis=0).numpy())


def test_softmax_of_a_scalar_is_a_clear_error():
    with pytest.raises(ValueError, match="at least one axis"):
        tf.nn.softmax(tf.constant(1.0))


@pytest.mark.parametrize("backend", ["numba", "numpy"])
def test_softmax_with_an_infinite_logit(backend):
    old = tf.backend.set_backend(backend)
    try:
        np.testing.assert_array_equal(tf.nn.softmax([np.inf, 1.0, 0.0]).numpy(),
                                      [np.nan, 0.0, 0.0])
        np.testing.assert_array_equal(tf.nn.softmax([np.inf, np.inf, 0.0]).numpy(),
                                      [np.nan, np.nan, 0.0])
        np.testing.assert_allclose(tf.nn.softmax([-np.inf, 1.0, 0.0]).numpy(),
                                   [0.0, 0.7310586, 0.2689414], rtol=1e-6)
        assert np.isnan(tf.nn.log_softmax([np.inf, 1.0, 0.0]).numpy()).all()
    finally:
        tf.backend.set_backend(old)


def test_log_softmax_keeps_its_answer_for_huge_logits():
    logits = tf.constant([[3e38, 3e38, 0.0]])
    np.testing.assert_allclose(tf.nn.log_softmax(logits).numpy(),
                               [[-np.log(2), -np.log(2), -3e38]], rtol=1e-6)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    with tf.GradientTape() as tape:
        tape.watch(logits)
        loss = loss_fn(tf.constant([1]), logits)
    np.testing.assert_allclose(float(loss), np.log(2), rtol=1e-6)
    np.testing.assert_allclose(tape.gradient(loss, logits).numpy(), [[0.5, -0.5, 0.0]])


# ---- smaller slips -------------------------------------------------------------------------

def test_log1p_is_accurate_for_tiny_values():
    assert float(tf.math.log1p(1e-10)) == pytest.approx(1e-10, rel=1e-6)
    np.testing.assert_allclose(gradient(tf.math.log1p, [1e-10, 1.0]).numpy(), [1.0, 0.5])
    assert float(tf.math.log1p(-1.0)) == -np.inf


def test_cast_to_none_is_refused():
    with pytest.raises(TypeError, match="None is not a data type"):
        tf.cast(tf.ones(2), None)


def test_tile():
    x = tf.constant([[1, 2], [3, 4]])
    np.testing.assert_array_equal(tf.tile(x, [2, 3]).numpy(), np.tile(x.numpy(), [2, 3]))
    assert tf.tile(tf.ones((2, 3)), [0, 2]).shape == (0, 6)
    with pytest.raises(ValueError, match="one multiple per axis"):
        tf.tile(tf.ones((2, 3)), [2])
    with pytest.raises(ValueError, match=">= 0"):
        tf.tile(tf.ones((2, 3)), [-1, 2])
    assert tf.tile(tf.ones((1, 1)), [1_000_000, 1]).shape == (1_000_000, 1)  # quickly
    g = gradient(lambda t: tf.reduce_sum(tf.tile(t, [3, 2]) * 2.0), [[1.0, 2.0]])
    np.testing.assert_array_equal(g.numpy(), [[12.0, 12.0]])


def test_unstack_checks_num():
    assert len(tf.unstack(tf.ones((2, 3)), num=2)) == 2
    with pytest.raises(ValueError, match="num=3"):
        tf.unstack(tf.ones((2, 3)), num=3)


def test_the_gradient_of_sign_is_zero_not_none():
    np.testing.assert_array_equal(gradient(tf.sign, [-2.0, 0.0, 3.0]).numpy(), [0.0, 0.0, 0.0])
    for f in (tf.floor, tf.round, tf.math.ceil):  # these are None in TensorFlow too
        assert gradient(f, [1.5]) is None


def test_float16_is_refused_when_a_tensor_is_made():
    for make in (lambda: tf.constant([1.0], dtype=tf.float16),
                 lambda: tf.constant(np.ones(2, np.float16)),
                 lambda: tf.cast(tf.ones(2), tf.float16),
                 lambda: tf.zeros(3, dtype=tf.float16),
                 lambda: tf.Variable(np.float16(1.0)),
                 lambda: keras.layers.Dense(2, dtype="float16")(np.ones((1, 2)))):
        with pytest.raises(TypeError, match="float16.*float32"):
            make()
    assert tf.float16 == np.float16  # the name still exists, for comparisons


# ---- unclear errors, made clear -------------------------------------------------------------

def test_add_n_of_nothing():
    with pytest.raises(ValueError, match="at least one tensor"):
        tf.add_n([])


def test_range_with_step_zero():
    with pytest.raises(ValueError, match="other than 0"):
        tf.range(0, 5, 0)


def test_a_number_that_does_not_fit_the_integer_dtype():
    with pytest.raises(ValueError, match=r"1000 does not fit in an int8.*-128 to 127.*tf.cast"):
        tf.constant([1], dtype=tf.int8) + 1000
    with pytest.raises(ValueError, match="does not fit"):
        tf.constant([1], dtype=tf.uint8) - np.array([300])
    assert (tf.constant([1], dtype=tf.int8) + 100).numpy().tolist() == [101]


def test_max_and_min_of_nothing_are_the_infinities():
    assert float(tf.reduce_max(tf.zeros((0,)))) == -np.inf
    assert float(tf.reduce_min(tf.zeros((0,)))) == np.inf
    np.testing.assert_array_equal(tf.reduce_max(tf.zeros((2, 0)), axis=1).numpy(),
                                  [-np.inf, -np.inf])
    assert int(tf.reduce_max(tf.zeros((0,), dtype=tf.int32))) == -2**31
    assert float(tf.reduce_sum(tf.zeros((0,)))) == 0.0
    assert float(tf.reduce_prod(tf.zeros((0,)))) == 1.0


def test_gather_with_float_indices_names_the_dtype():
    with pytest.raises(TypeError, match="integer indices.*float32"):
        tf.gather(tf.ones(3), [1.0])


@pytest.fixture
def small_model():
    model = keras.Sequential([keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    return model


@pytest.mark.parametrize("batch_size", [2.5, "8", True, 0, -3])
def test_batch_size_must_be_a_positive_integer(small_model, batch_size):
    x = np.ones((4, 2), np.float32)
    for call in (lambda: small_model.predict(x, batch_size=batch_size, verbose=0),
                 lambda: small_model.fit(x, x[:, :1], batch_size=batch_size, verbose=0),
                 lambda: small_model.evaluate(x, x[:, :1], batch_size=batch_size, verbose=0)):
        with pytest.raises((TypeError, ValueError), match="batch_size must be a positive"):
            call()


def test_integer_features_are_cast_to_the_models_dtype(small_model):
    x = np.arange(8, dtype=np.int64).reshape(4, 2)
    y = np.ones((4, 1), np.int32)
    small_model.fit(x, y, epochs=1, verbose=0)
    assert small_model.predict(x, verbose=0).dtype == np.float32
    assert isinstance(small_model.evaluate(x, y, verbose=0), float)
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(2)
    small_model.fit(dataset, epochs=1, verbose=0)


@pytest.mark.parametrize("backend", ["numba", "numpy"])
def test_softmax_of_a_row_with_a_nan(backend):
    old = tf.backend.set_backend(backend)
    try:
        np.testing.assert_array_equal(tf.nn.softmax([np.nan, 1.0]).numpy(), [np.nan, 0.0])
        np.testing.assert_array_equal(tf.nn.softmax([[1.0, np.nan, 2.0], [0.0, 0.0, 0.0]]
                                                    ).numpy()[0], [0.0, np.nan, 0.0])
        assert np.isnan(tf.nn.log_softmax([np.nan, 1.0]).numpy()).all()
    finally:
        tf.backend.set_backend(old)


def test_gather_refuses_indices_out_of_range():
    x = tf.constant([1.0, 2.0, 3.0])
    for bad in ([-1], [3], [0, 7]):
        with pytest.raises(IndexError, match=r"\[0, 3\)"):
            tf.gather(x, bad)
    assert tf.gather(x, [2, 0]).numpy().tolist() == [3.0, 1.0]
    assert tf.gather(x, tf.constant([], dtype=tf.int32)).shape == (0,)


def test_tile_refuses_fractional_multiples():
    with pytest.raises(TypeError, match="integers"):
        tf.tile(tf.ones((2, 3)), [1.5, 1])


@pytest.mark.parametrize("op", [
    lambda v: tf.reduce_sum(v, axis=[]), lambda v: tf.reduce_max(v, axis=[]),
    lambda v: tf.reduce_mean(v, axis=[]), lambda v: tf.broadcast_to(v, (2,)),
    lambda v: tf.tile(v, [1]), lambda v: tf.add_n([v])])
def test_an_operation_that_changes_nothing_still_returns_a_snapshot(op):
    v = tf.Variable([1.0, 2.0])
    result = op(v)
    assert not isinstance(result, tf.Variable)
    v.assign([5.0, 6.0])
    v[0].assign(9.0)
    np.testing.assert_array_equal(result.numpy(), [1.0, 2.0])
