"""Every differentiable operation's gradient against central finite differences.

``check_gradients(f, *inputs, order=2)`` compares, in float64, the tape's gradient
with finite differences (order 1) and the gradient of the gradient with finite
differences of tape gradients (order 2).  Shapes are tiny (each side 1..3) because
finite differences cost two evaluations per input element.  Inputs are drawn where
the op is smooth: positive values for log and sqrt, values away from 0 for relu and
abs, distinct values for max/min, values away from the clip bounds.
"""
import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import teachtensor as tf
from teachtensor.testing import GradientMismatch, check_gradients

tiny = hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=3)
tiny_nonscalar = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=3)


def arrays(shape, lo=-2.0, hi=2.0):
    return hnp.arrays(np.float64, shape, elements=st.floats(lo, hi))


def away_from_zero(shape, lo=0.2, hi=2.0):
    """Values with lo <= |x| <= hi (both signs)."""
    return st.tuples(arrays(shape, lo, hi),
                     hnp.arrays(np.float64, shape, elements=st.sampled_from([-1.0, 1.0]))
                     ).map(lambda t: t[0] * t[1])


def distinct(shape):
    """Pairwise distinct values at least 0.1 apart, so that max/min have no ties."""
    return hnp.arrays(np.float64, shape, unique=True,
                      elements=st.integers(-25, 25).map(lambda i: i / 10 + 0.013))


def broadcast_pair(max_dims=3):
    return hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=max_dims,
                                             max_side=3)


# ---- one input -------------------------------------------------------------------

UNARY = [
    # name, function, input strategy for a shape
    ("square", tf.square, arrays),
    ("sqrt", tf.sqrt, lambda s: arrays(s, 0.3, 3)),
    ("exp", tf.exp, arrays),
    ("log", tf.math.log, lambda s: arrays(s, 0.3, 3)),
    ("tanh", tf.tanh, arrays),
    ("sin", tf.sin, arrays),
    ("cos", tf.cos, arrays),
    ("sigmoid", tf.nn.sigmoid, arrays),
    ("relu", tf.nn.relu, away_from_zero),
    ("abs", tf.abs, away_from_zero),
    ("negative", tf.negative, arrays),
    ("softplus", tf.math.softplus, arrays),  # smooth at 0 too
    ("reciprocal", tf.math.reciprocal, away_from_zero),
    ("rsqrt", tf.math.rsqrt, lambda s: arrays(s, 0.3, 3)),
    ("identity", tf.identity, arrays),
    ("pow by a constant", lambda x: x ** 3, arrays),
    ("scalar arithmetic", lambda x: 2.5 - 1 / (x * x + 1) + x / 3, arrays),
    ("cast to float32 and back",
     lambda x: tf.cast(tf.cast(x, tf.float32), tf.float64) * 0 + tf.cast(x, tf.float64), arrays),
]


@pytest.mark.parametrize("name, f, inputs", UNARY, ids=[u[0] for u in UNARY])
@given(data=st.data())
def test_unary_gradients(name, f, inputs, data):
    x = data.draw(inputs(data.draw(tiny)))
    check_gradients(f, x, order=2)


# ---- two inputs, broadcast -----------------------------------------------------------

def _pair(data, lo=-2.0, hi=2.0):
    shapes = data.draw(broadcast_pair())
    return (data.draw(arrays(shapes.input_shapes[0], lo, hi)),
            data.draw(arrays(shapes.input_shapes[1], lo, hi)))


def _maximum_inputs(data):
    shapes = data.draw(broadcast_pair())
    b = data.draw(arrays(shapes.input_shapes[1]))
    gap = data.draw(away_from_zero(shapes.result_shape, 0.1, 1.0))
    # a differs from b by at least 0.1 everywhere the two meet: no ties
    a_full = np.broadcast_to(b, shapes.result_shape) + gap
    return a_full, b


def _divide_inputs(data):
    shapes = data.draw(broadcast_pair())
    return (data.draw(arrays(shapes.input_shapes[0])),
            data.draw(away_from_zero(shapes.input_shapes[1], 0.5, 2.0)))


def _pow_inputs(data):
    shapes = data.draw(broadcast_pair())
    return (data.draw(arrays(shapes.input_shapes[0], 0.3, 2.0)),
            data.draw(arrays(shapes.input_shapes[1], -2.0, 2.0)))


def _floormod_inputs(data):
    shapes = data.draw(broadcast_pair())
    y = data.draw(arrays(shapes.input_shapes[1], 1.0, 2.0))
    # x / y = integer + a fraction in [0.1, 0.9]: away from the jumps of floor
    whole = data.draw(hnp.arrays(np.float64, shapes.result_shape, elements=st.integers(-2, 2)))
    frac = data.draw(arrays(shapes.result_shape, 0.1, 0.9))
    return (whole + frac) * y, y


BINARY = [
    ("add", tf.add, _pair),
    ("subtract", tf.subtract, _pair),
    ("multiply", tf.multiply, _pair),
    ("divide", tf.divide, _divide_inputs),
    ("pow", tf.pow, _pow_inputs),
    ("maximum", tf.maximum, _maximum_inputs),
    ("minimum", tf.minimum, _maximum_inputs),
    ("floormod", tf.math.floormod, _floormod_inputs),
    ("squared_difference", tf.math.squared_difference, _pair),
    ("product of sums", lambda a, b: (a + b) * (a - b) * a, _pair),
]


@pytest.mark.parametrize("name, f, inputs", BINARY, ids=[b[0] for b in BINARY])
@given(data=st.data())
def test_binary_gradients(name, f, inputs, data):
    a, b = inputs(data)
    check_gradients(f, a, b, order=2)


@given(data=st.data())
def test_where_gradient(data):
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=3, max_dims=3, max_side=3))
    cond = data.draw(hnp.arrays(np.bool_, shapes.input_shapes[0]))
    a = data.draw(arrays(shapes.input_shapes[1]))
    b = data.draw(arrays(shapes.input_shapes[2]))
    check_gradients(lambda x, y: tf.where(cond, x * x, tf.sin(y)), a, b, order=2)


@given(data=st.data())
def test_clip_by_value_gradient(data):
    shape = data.draw(tiny)
    # values at least 0.1 away from the bounds -1 and 1
    x = data.draw(hnp.arrays(np.float64, shape, elements=st.one_of(
        st.floats(-2, -1.1), st.floats(-0.9, 0.9), st.floats(1.1, 2))))
    check_gradients(lambda t: tf.clip_by_value(t, -1.0, 1.0) * t, x, order=2)


# ---- reductions ----------------------------------------------------------------------

@st.composite
def shape_and_axis(draw):
    shape = draw(tiny_nonscalar)
    ndim = len(shape)
    kind = draw(st.sampled_from(["none", "int", "tuple"]))
    if kind == "none":
        return shape, None
    if kind == "int":
        return shape, draw(st.integers(-ndim, ndim - 1))
    return shape, tuple(draw(st.lists(st.integers(0, ndim - 1), min_size=1, unique=True)))


REDUCE = [("reduce_sum", tf.reduce_sum, arrays), ("reduce_mean", tf.reduce_mean, arrays),
          ("reduce_max", tf.reduce_max, distinct), ("reduce_min", tf.reduce_min, distinct),
          ("reduce_prod", tf.reduce_prod, lambda s: arrays(s, 0.5, 1.5))]


@pytest.mark.parametrize("name, op, inputs", REDUCE, ids=[r[0] for r in REDUCE])
@given(data=st.data(), keepdims=st.booleans())
def test_reduction_gradients(name, op, inputs, data, keepdims):
    shape, axis = data.draw(shape_and_axis())
    x = data.draw(inputs(shape))
    # multiplied by x so that the second derivative is not trivially zero
    check_gradients(lambda t: op(t * t, axis=axis, keepdims=keepdims), x, order=2)


@pytest.mark.parametrize("x", [[2.0, 0.0, 3.0], [0.0, 0.0, 3.0], [1.5, -2.0, 0.5]])
def test_reduce_prod_gradient_with_zeros(x):
    x = tf.constant(x, dtype=tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_prod(x)
    x_np = x.numpy()
    expected = [np.prod(np.delete(x_np, i)) for i in range(3)]
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), expected)


def test_tied_max_shares_the_gradient():
    x = tf.constant([1.0, 3.0, 3.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_max(x)
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), [0.0, 0.5, 0.5])


def test_relu_gradient_at_zero_is_zero_and_maximum_tie_goes_to_first():
    x = tf.constant([-1.0, 0.0, 2.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.nn.relu(x)
        z = tf.maximum(x, tf.zeros_like(x))
    np.testing.assert_array_equal(tape.gradient(y, x).numpy(), [0.0, 0.0, 1.0])
    np.testing.assert_array_equal(tape.gradient(z, x).numpy(), [0.0, 1.0, 1.0])


def test_relu_gradient_is_the_one_pass_form_of_where():
    """relu's backward op ("relu_grad", one pass) gives exactly where(x > 0, g, 0), NaN,
    inf and -0 included, at first and second order, and records one node."""
    x = tf.constant([-1.0, -0.0, 0.0, 1e-30, 3.0, np.inf, -np.inf, np.nan])
    g = tf.constant([5.0, np.nan, np.inf, -2.0, 7.0, 1.0, 1.0, 4.0])
    with tf.GradientTape(persistent=True) as outer:
        outer.watch([g, x])
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.nn.relu(x)
        dx = inner.gradient(y, x, output_gradients=g)
        weighted = tf.reduce_sum(dx * tf.range(8, dtype=tf.float32))
    expected = np.where(x.numpy() > 0, g.numpy(), 0.0)
    np.testing.assert_array_equal(dx.numpy(), expected)
    assert [n.name for n in outer._nodes[:2]] == ["relu", "relu_grad"]
    # d weighted / d g = range(8) where x > 0, else 0; x only chooses (no gradient)
    np.testing.assert_array_equal(outer.gradient(weighted, g).numpy(),
                                  np.where(x.numpy() > 0, np.arange(8.0), 0.0))
    assert outer.gradient(weighted, x) is None  # as where(x > 0, g, 0) gave


def test_relu_gradient_takes_what_a_custom_gradient_sends_back():
    """A custom gradient above relu may send back a number, an array or a smaller
    tensor: relu's gradient is then where(x > 0, g, 0), broadcast, summed back to g's
    shape at second order."""
    v = tf.constant([[-1.0, 2.0, 3.0], [0.5, -0.5, 4.0]])
    w = tf.constant([1.0, 2.0, 3.0])
    for sent, expected in [(2.0, [[0, 2, 2], [2, 0, 2]]),
                           (np.full((2, 3), 2.0, np.float32), [[0, 2, 2], [2, 0, 2]]),
                           (w, [[0, 2, 3], [1, 0, 3]])]:
        @tf.custom_gradient
        def f(x, sent=sent):
            return tf.identity(x), lambda up: sent
        with tf.GradientTape() as tape:
            tape.watch(v)
            y = tf.reduce_sum(f(tf.nn.relu(v)))
        np.testing.assert_array_equal(tape.gradient(y, v).numpy(), expected)

    @tf.custom_gradient
    def g(x):
        return tf.identity(x), lambda up: w  # (3,) for a (2, 3) input
    with tf.GradientTape() as outer:
        outer.watch(w)
        with tf.GradientTape() as inner:
            inner.watch(v)
            y = tf.reduce_sum(g(tf.nn.relu(v)))
        total = tf.reduce_sum(inner.gradient(y, v))
    np.testing.assert_array_equal(outer.gradient(total, w).numpy(), [1.0, 1.0, 2.0])


def test_a_gradient_of_the_wrong_shape_is_refused_not_summed():
    """unbroadcast sums only axes that broadcasting added or stretched; a custom
    gradient of another shape is an error there, not a silently wrong gradient."""
    b = tf.constant([1.0, 2.0, 3.0])
    for wrong in (tf.constant(1.0), tf.ones((2, 2)), tf.ones((2, 4))):
        @tf.custom_gradient
        def f(x, wrong=wrong):
            return tf.identity(x), lambda up: wrong
        with tf.GradientTape() as tape:
            tape.watch(b)
            y = tf.reduce_sum(f(tf.ones((2, 3)) + b))
        with pytest.raises(ValueError):
            tape.gradient(y, b)


# ---- linear algebra ---------------------------------------------------------------

@given(data=st.data(), transpose_a=st.booleans(), transpose_b=st.booleans())
def test_matmul_gradient(data, transpose_a, transpose_b):
    batch = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=1,
                                                         max_side=2))
    n, k, m = (data.draw(st.integers(1, 3)) for _ in range(3))
    a = data.draw(arrays(batch.input_shapes[0] + ((k, n) if transpose_a else (n, k))))
    b = data.draw(arrays(batch.input_shapes[1] + ((m, k) if transpose_b else (k, m))))
    check_gradients(lambda x, y: tf.matmul(x, y, transpose_a=transpose_a,
                                           transpose_b=transpose_b), a, b, order=2)


@given(data=st.data())
def test_tensordot_gradient(data):
    shape_a = data.draw(hnp.array_shapes(min_dims=1, max_dims=2, max_side=3))
    n = data.draw(st.integers(0, len(shape_a)))
    shape_b = shape_a[len(shape_a) - n:] + data.draw(
        hnp.array_shapes(min_dims=0, max_dims=1, max_side=3))
    check_gradients(lambda x, y: tf.tensordot(x, y, axes=n),
                    data.draw(arrays(shape_a)), data.draw(arrays(shape_b)), order=2)


# ---- shapes and indexing -----------------------------------------------------------

@given(data=st.data())
def test_layout_gradients(data):
    x = data.draw(arrays(tiny))
    perm = data.draw(st.permutations(range(x.ndim)))
    # each axis written as itself or as its negative twin (-1 for the last one)
    perm = [p - x.ndim if data.draw(st.booleans()) else p for p in perm]
    axis = data.draw(st.integers(-x.ndim - 1, x.ndim))
    check_gradients(lambda t: tf.transpose(t * t, perm), x, order=2)
    check_gradients(lambda t: tf.reshape(t * t, (-1,)), x, order=2)
    check_gradients(lambda t: tf.expand_dims(t * t, axis), x, order=2)
    check_gradients(lambda t: tf.squeeze(tf.expand_dims(t, axis) ** 2), x, order=2)


@given(data=st.data())
def test_broadcast_to_gradient(data):
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=1, max_dims=3, max_side=3))
    x = data.draw(arrays(shapes.input_shapes[0]))
    check_gradients(lambda t: tf.broadcast_to(t * t, shapes.result_shape), x, order=2)


@given(data=st.data())
def test_concat_and_stack_gradients(data):
    shape = data.draw(tiny_nonscalar)
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    other = list(shape)
    other[axis] = data.draw(st.integers(1, 2))
    a, b = data.draw(arrays(shape)), data.draw(arrays(tuple(other)))
    check_gradients(lambda x, y: tf.concat([x * y.shape[axis], tf.sin(y), x * x], axis), a, b,
                    order=2)
    c = data.draw(arrays(shape))
    stack_axis = data.draw(st.integers(-len(shape) - 1, len(shape)))
    check_gradients(lambda x, y: tf.stack([x * y, y, x], stack_axis), a, c, order=2)


@given(data=st.data())
def test_basic_indexing_gradient(data):
    x = data.draw(arrays(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=3)))
    key = data.draw(hnp.basic_indices(x.shape, allow_newaxis=True, allow_ellipsis=True))
    check_gradients(lambda t: (t * t)[key], x, order=2)


@given(data=st.data())
def test_advanced_indexing_gradient(data):
    x = data.draw(arrays(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=3)))
    # repeated indices: their gradients must add up
    index = data.draw(hnp.arrays(np.int64, (4,), elements=st.integers(0, x.shape[0] - 1)))
    mask = data.draw(hnp.arrays(np.bool_, x.shape))
    check_gradients(lambda t: (t * t)[index], x, order=2)
    check_gradients(lambda t: (t * t)[mask], x, order=2)
    check_gradients(lambda t: tf.gather(t * t, index), x, order=2)


# ---- neural-network functions ---------------------------------------------------------

@given(data=st.data())
def test_softmax_gradients(data):
    x = data.draw(arrays(tiny_nonscalar, -3, 3))
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1))
    check_gradients(lambda t: tf.nn.softmax(t, axis=axis), x, order=2)
    check_gradients(lambda t: tf.nn.log_softmax(t, axis=axis), x, order=2)


@given(data=st.data())
def test_cross_entropy_gradients(data):
    x = data.draw(arrays(tiny_nonscalar, -3, 3))
    labels = data.draw(arrays(x.shape, 0, 1))
    check_gradients(lambda t: tf.nn.sigmoid_cross_entropy_with_logits(labels, t), x, order=2)
    check_gradients(lambda t: tf.nn.softmax_cross_entropy_with_logits(labels, t), x, order=2)
    # shifted away from 0, where the epsilon in the norm makes a kink
    check_gradients(lambda t: tf.math.l2_normalize(t + 4.0, axis=-1), x, order=2)


def test_layer_like_composition():
    rng = np.random.default_rng(0)
    x, w, b = rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=(2,))
    check_gradients(lambda w, b: tf.nn.softmax(tf.tanh(tf.matmul(x, w) + b)), w, b, order=2)


# ---- check_gradients itself ---------------------------------------------------------

def test_check_gradients_reports_a_wrong_gradient():
    @tf.custom_gradient
    def wrong_square(x):
        def grad(g):
            return g * 2 * x * tf.cast(tf.range(3) != 1, x.dtype) + g * 3 * \
                tf.cast(tf.range(3) == 1, x.dtype)   # wrong at index 1 only
        return x * x, grad

    with pytest.raises(GradientMismatch) as err:
        check_gradients(wrong_square, np.array([1.0, 2.0, 3.0]))
    message = str(err.value)
    assert "index (1,)" in message and "order-1" in message and "input 0" in message


def test_check_gradients_reports_a_wrong_second_derivative():
    @tf.custom_gradient
    def cube(x):
        def grad(g):
            return g * 3 * tf.stop_gradient(x * x)  # right value, but no second derivative
        return x * x * x, grad

    check_gradients(cube, np.array([0.5, -1.0]), order=1)
    with pytest.raises(GradientMismatch, match="order-2"):
        check_gradients(cube, np.array([0.5, -1.0]), order=2)


def test_check_gradients_returns_a_small_error_and_checks_its_order_argument():
    assert check_gradients(tf.sin, np.array([0.1, 0.2]), order=2) < 1e-6
    with pytest.raises(ValueError):
        check_gradients(tf.sin, np.array([0.1]), order=3)


def test_softplus_and_sigmoid_cross_entropy_are_smooth_at_zero():
    # A zero-initialized model gives logits of exactly 0: the gradient there must be
    # sigmoid(0) - label, not what relu and abs (each with gradient 0 at 0) would say.
    x = tf.constant([0.0, 0.0], dtype=tf.float64)
    labels = tf.constant([0.0, 1.0], dtype=tf.float64)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        ce = tf.nn.sigmoid_cross_entropy_with_logits(labels, x)
        sp = tf.math.softplus(x)
    np.testing.assert_allclose(tape.gradient(ce, x).numpy(), [0.5, -0.5])
    np.testing.assert_allclose(tape.gradient(sp, x).numpy(), [0.5, 0.5])
    np.testing.assert_allclose(ce.numpy(), [np.log(2), np.log(2)])


def test_transpose_gradient_with_negative_axes():
    x = np.arange(6.0).reshape(2, 3)
    check_gradients(lambda t: tf.transpose(t * t, [-1, 0]), x, order=2)
    check_gradients(lambda t: tf.transpose(t * t, [-1, -3, 1]), x.reshape(1, 2, 3), order=2)
