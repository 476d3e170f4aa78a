"""Every operation's forward result against NumPy, on shapes drawn by hypothesis.

The tensors here live on the default backend (Numba); ``test_backend.py`` checks
the kernels themselves against the NumPy reference backend.
"""
import warnings

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import teachtensor as tf

F32 = dict(rtol=2e-5, atol=1e-6)


def floats(lo=-3.0, hi=3.0, width=32):
    if width == 32:  # bounds must be float32 numbers themselves
        lo, hi = float(np.float32(lo)), float(np.float32(hi))
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False, width=width)


def arrays(shape, lo=-3.0, hi=3.0, dtype=np.float32):
    width = 32 if dtype == np.float32 else 64
    return hnp.arrays(dtype, shape, elements=floats(lo, hi, width))


small_shapes = hnp.array_shapes(min_dims=0, max_dims=4, min_side=1, max_side=4)
nonscalar_shapes = hnp.array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=4)


def check(t, expected, **tol):
    """A tensor equals a NumPy result: shape, dtype and values."""
    assert isinstance(t, tf.Tensor)
    expected = np.asarray(expected)
    assert tuple(t.shape) == expected.shape
    assert t.dtype == expected.dtype, (t.dtype, expected.dtype)
    np.testing.assert_allclose(t.numpy(), expected, **(tol or F32))


# ---- elementwise, one input -----------------------------------------------------

def _sigmoid(x):
    return (1 / (1 + np.exp(-x.astype(np.float64)))).astype(x.dtype)


UNARY = [
    # name, teachtensor function, NumPy function, input range
    ("square", tf.square, np.square, (-3, 3)),
    ("sqrt", tf.sqrt, np.sqrt, (0, 9)),
    ("exp", tf.exp, np.exp, (-5, 5)),
    ("log", tf.math.log, np.log, (0.01, 9)),
    ("abs", tf.abs, np.abs, (-3, 3)),
    ("tanh", tf.tanh, np.tanh, (-4, 4)),
    ("sin", tf.sin, np.sin, (-4, 4)),
    ("cos", tf.cos, np.cos, (-4, 4)),
    ("sigmoid", tf.nn.sigmoid, _sigmoid, (-10, 10)),
    ("relu", tf.nn.relu, lambda x: np.maximum(x, 0), (-3, 3)),
    ("negative", tf.negative, np.negative, (-3, 3)),
    ("sign", tf.sign, np.sign, (-3, 3)),
    ("floor", tf.math.floor, np.floor, (-3, 3)),
    ("softplus", tf.math.softplus, lambda x: np.logaddexp(0, x).astype(x.dtype), (-8, 8)),
    ("reciprocal", tf.math.reciprocal, np.reciprocal, (0.1, 3)),
    ("rsqrt", tf.math.rsqrt, lambda x: 1 / np.sqrt(x), (0.1, 3)),
    ("log1p", tf.math.log1p, lambda x: np.log(1 + x), (0, 3)),
    ("neg operator", lambda t: -t, np.negative, (-3, 3)),
    ("abs operator", abs, np.abs, (-3, 3)),
    ("np.exp on a tensor", np.exp, np.exp, (-3, 3)),
]


@pytest.mark.parametrize("name, op, ref, bounds", UNARY, ids=[u[0] for u in UNARY])
@given(data=st.data())
def test_unary(name, op, ref, bounds, data):
    x = data.draw(arrays(small_shapes, *bounds))
    check(op(tf.constant(x)), ref(x), rtol=1e-5, atol=1e-6)


@given(x=arrays(small_shapes, dtype=np.float64))
def test_unary_keeps_float64(x):
    check(tf.tanh(tf.constant(x)), np.tanh(x), rtol=1e-12)
    check(tf.square(tf.constant(x)), np.square(x), rtol=1e-12)


# ---- elementwise, two inputs, with broadcasting ------------------------------------

BINARY = [
    ("add", tf.add, np.add),
    ("subtract", tf.subtract, np.subtract),
    ("multiply", tf.multiply, np.multiply),
    ("divide", tf.divide, np.divide),
    ("maximum", tf.maximum, np.maximum),
    ("minimum", tf.minimum, np.minimum),
    ("pow", tf.pow, np.power),
    ("floordiv", tf.math.floordiv, np.floor_divide),
    ("floormod", tf.math.floormod, np.mod),
    ("squared_difference", tf.math.squared_difference, lambda a, b: (a - b) ** 2),
    ("+", lambda a, b: a + b, np.add),
    ("-", lambda a, b: a - b, np.subtract),
    ("*", lambda a, b: a * b, np.multiply),
    ("/", lambda a, b: a / b, np.divide),
    ("//", lambda a, b: a // b, np.floor_divide),
    ("%", lambda a, b: a % b, np.mod),
    ("**", lambda a, b: a ** b, np.power),
]


def _binary_inputs(data, name, dtype=np.float32):
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0,
                                                          max_dims=4, max_side=4))
    a_shape, b_shape = shapes.input_shapes
    if name in ("pow", "**"):
        a = data.draw(arrays(a_shape, 0.1, 3, dtype))
        b = data.draw(arrays(b_shape, -2, 2, dtype))
    elif name in ("divide", "/", "floordiv", "//", "floormod", "%"):
        a = data.draw(arrays(a_shape, -5, 5, dtype))
        b = data.draw(arrays(b_shape, 0.5, 3, dtype))
        b = b * data.draw(hnp.arrays(dtype, b_shape, elements=st.sampled_from([-1, 1])))
    else:
        a = data.draw(arrays(a_shape, dtype=dtype))
        b = data.draw(arrays(b_shape, dtype=dtype))
    return a, b, shapes.result_shape


@pytest.mark.parametrize("name, op, ref", BINARY, ids=[b[0] for b in BINARY])
@given(data=st.data())
def test_binary_broadcasting(name, op, ref, data):
    a, b, result_shape = _binary_inputs(data, name)
    out = op(tf.constant(a), tf.constant(b))
    expected = ref(a, b)
    assert tuple(out.shape) == result_shape
    if name in ("floordiv", "//", "floormod", "%"):
        # floor(a / b) jumps at integers; where float32 rounding lands a / b on the
        # other side of one, the results differ by one step: compare elsewhere only.
        ratio = a.astype(np.float64) / b.astype(np.float64)
        safe = np.abs(ratio - np.round(ratio)) > 1e-4
        np.testing.assert_allclose(np.asarray(out)[safe], expected[safe], rtol=1e-5, atol=1e-5)
        assert out.dtype == tf.float32
    else:
        check(out, expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("name, op, ref", BINARY[:6], ids=[b[0] for b in BINARY[:6]])
@given(data=st.data())
def test_binary_float64(name, op, ref, data):
    a, b, _ = _binary_inputs(data, name, np.float64)
    check(op(tf.constant(a), tf.constant(b)), ref(a, b), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("op, ref", [(tf.add, np.add), (tf.subtract, np.subtract),
                                     (tf.multiply, np.multiply), (tf.maximum, np.maximum),
                                     (tf.minimum, np.minimum), (tf.math.floordiv, np.floor_divide),
                                     (tf.math.floormod, np.mod)])
@given(data=st.data())
def test_binary_int32(op, ref, data):
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=4))
    a = data.draw(hnp.arrays(np.int32, shapes.input_shapes[0], elements=st.integers(-50, 50)))
    b = data.draw(hnp.arrays(np.int32, shapes.input_shapes[1], elements=st.integers(1, 9)))
    check(op(tf.constant(a), tf.constant(b)), ref(a, b))


def test_integer_division_gives_float64_and_int_ops_stay_int():
    a, b = tf.constant([7, -7, 3]), tf.constant([2, 2, 3])
    assert a.dtype == tf.int32
    check(a / b, np.array([3.5, -3.5, 1.0]))
    check(a // b, np.array([3, -4, 1], dtype=np.int32))
    check(a % b, np.array([1, 1, 0], dtype=np.int32))
    check(a * b, np.array([14, -14, 9], dtype=np.int32))


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int32", "int64"])
def test_integer_floordiv_and_mod_by_zero_are_errors_as_in_tensorflow(dtype):
    """NumPy quietly gives 0 for 7 // 0; TensorFlow raises, and so does teachtensor."""
    x, zero = tf.constant(np.array([7, 3], dtype)), tf.constant(np.array([2, 0], dtype))
    for op in (lambda: x // zero, lambda: x % zero, lambda: tf.math.floordiv(x, 0),
               lambda: tf.math.floormod(x, zero)):
        with pytest.raises(tf.errors.InvalidArgumentError, match="integer division by zero"):
            op()
    check(x // 2, np.array([3, 1], dtype))
    floats = tf.cast(x, tf.float32)
    with np.errstate(all="ignore"):  # floats have inf and NaN for it
        check(floats // tf.cast(zero, tf.float32), np.array([3, np.inf], np.float32))


@pytest.mark.parametrize("dtype, quotient", [
    ("int8", np.float32), ("uint8", np.float32), ("int16", np.float32),
    ("int32", np.float64), ("int64", np.float64)])
def test_small_integers_divide_into_float32_as_in_tensorflow(dtype, quotient):
    """TensorFlow's truediv table: 8- and 16-bit integers give float32 (so a uint8
    image / 255 meets float32 weights), 32- and 64-bit ones float64."""
    a = np.array([7, 250 if dtype == "uint8" else -7, 3, 0], dtype)
    b = np.array([2, 2, 3, 0], dtype)
    result = tf.constant(a) / tf.constant(b)
    assert result.dtype == tf.as_dtype(quotient)
    with np.errstate(all="ignore"):
        check(result, a.astype(quotient) / b.astype(quotient))
    assert (tf.constant(a) / 100).dtype == tf.as_dtype(quotient)
    assert tf.math.divide(tf.constant(a), tf.constant(b)).dtype == tf.as_dtype(quotient)


@given(data=st.data())
def test_python_scalars_and_arrays_take_the_tensor_dtype(data):
    x = data.draw(arrays(small_shapes))
    t = tf.constant(x)
    check(t + 1.5, x + np.float32(1.5))
    check(2 * t, 2 * x)
    check(1.0 - t, 1 - x)
    other = data.draw(arrays(x.shape, dtype=np.float64))
    check(t * other, x * other.astype(np.float32))          # float64 array -> float32
    result = other - t                                        # ndarray - tensor
    assert isinstance(result, tf.Tensor)
    check(result, other.astype(np.float32) - x)


def test_add_n_and_np_maximum():
    a, b = np.arange(4.0, dtype=np.float32), np.ones(4, np.float32)
    check(tf.add_n([tf.constant(a), tf.constant(b), tf.constant(b)]), a + 2 * b)
    check(np.maximum(tf.constant(a), tf.constant(b)), np.maximum(a, b))


# ---- comparisons -------------------------------------------------------------------

COMPARE = [
    ("equal", tf.equal, np.equal), ("not_equal", tf.not_equal, np.not_equal),
    ("less", tf.less, np.less), ("less_equal", tf.less_equal, np.less_equal),
    ("greater", tf.greater, np.greater), ("greater_equal", tf.greater_equal, np.greater_equal),
    ("<", lambda a, b: a < b, np.less), ("<=", lambda a, b: a <= b, np.less_equal),
    (">", lambda a, b: a > b, np.greater), (">=", lambda a, b: a >= b, np.greater_equal),
    ("==", lambda a, b: a == b, np.equal), ("!=", lambda a, b: a != b, np.not_equal),
]


@pytest.mark.parametrize("name, op, ref", COMPARE, ids=[c[0] for c in COMPARE])
@given(data=st.data())
def test_comparisons(name, op, ref, data):
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=4, max_side=4))
    # few distinct values, so that ties (where < and <= differ) are common
    values = st.sampled_from([-1.0, -0.5, 0.0, 0.5, 1.0])
    a = data.draw(hnp.arrays(np.float32, shapes.input_shapes[0], elements=values))
    b = data.draw(hnp.arrays(np.float32, shapes.input_shapes[1], elements=values))
    out = op(tf.constant(a), tf.constant(b))
    assert out.dtype == tf.bool
    np.testing.assert_array_equal(out.numpy(), ref(a, b))
    assert tuple(out.shape) == shapes.result_shape


@given(data=st.data())
def test_logical_ops(data):
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=4))
    a = data.draw(hnp.arrays(np.bool_, shapes.input_shapes[0]))
    b = data.draw(hnp.arrays(np.bool_, shapes.input_shapes[1]))
    ta, tb = tf.constant(a), tf.constant(b)
    np.testing.assert_array_equal(tf.logical_and(ta, tb).numpy(), a & b)
    np.testing.assert_array_equal(tf.logical_or(ta, tb).numpy(), a | b)
    np.testing.assert_array_equal((ta & tb).numpy(), a & b)
    np.testing.assert_array_equal((ta | tb).numpy(), a | b)
    np.testing.assert_array_equal(tf.logical_not(ta).numpy(), ~a)
    np.testing.assert_array_equal((~ta).numpy(), ~a)


def test_comparison_is_usable_as_a_numpy_mask():
    x = tf.constant([[0.1, 0.9], [0.7, 0.2]])
    mask = x[:, 0] > 0.5
    np.testing.assert_array_equal(np.asarray(mask), [False, True])
    assert np.asarray(x)[np.asarray(mask)].shape == (1, 2)


# ---- reductions ----------------------------------------------------------------------

@st.composite
def shape_and_axis(draw, min_side=1):
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=4, min_side=min_side, max_side=4))
    ndim = len(shape)
    kind = draw(st.sampled_from(["none", "int", "tuple", "list"]))
    if kind == "none":
        return shape, None
    if kind == "int":
        return shape, draw(st.integers(-ndim, ndim - 1))
    axes = draw(st.lists(st.integers(0, ndim - 1), min_size=1, max_size=ndim, unique=True))
    # each axis written as itself or as its negative twin
    axes = [a - ndim if draw(st.booleans()) else a for a in axes]
    return shape, tuple(axes) if kind == "tuple" else axes


REDUCE = [
    ("reduce_sum", tf.reduce_sum, np.sum),
    ("reduce_mean", tf.reduce_mean, np.mean),
    ("reduce_max", tf.reduce_max, np.max),
    ("reduce_min", tf.reduce_min, np.min),
    ("reduce_prod", tf.reduce_prod, np.prod),
    ("math.reduce_sum", tf.math.reduce_sum, np.sum),
]


@pytest.mark.parametrize("name, op, ref", REDUCE, ids=[r[0] for r in REDUCE])
@given(data=st.data(), keepdims=st.booleans())
def test_reductions(name, op, ref, data, keepdims):
    shape, axis = data.draw(shape_and_axis())
    x = data.draw(arrays(shape, -2, 2))
    np_axis = tuple(axis) if isinstance(axis, list) else axis
    expected = ref(x.astype(np.float64), axis=np_axis, keepdims=keepdims).astype(np.float32)
    check(op(tf.constant(x), axis=axis, keepdims=keepdims), expected, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("op, ref", [(tf.reduce_sum, np.sum), (tf.reduce_prod, np.prod),
                                     (tf.reduce_max, np.max), (tf.reduce_min, np.min)])
@given(data=st.data(), keepdims=st.booleans())
def test_integer_reductions(op, ref, data, keepdims):
    shape, axis = data.draw(shape_and_axis())
    x = data.draw(hnp.arrays(np.int32, shape, elements=st.integers(-3, 3)))
    np_axis = tuple(axis) if isinstance(axis, list) else axis
    check(op(tf.constant(x), axis=axis, keepdims=keepdims),
          ref(x, axis=np_axis, keepdims=keepdims).astype(np.int32))


@given(data=st.data())
def test_sum_over_empty_axes(data):
    shape, axis = data.draw(shape_and_axis(min_side=0))
    x = np.ones(shape, np.float32)
    np_axis = tuple(axis) if isinstance(axis, list) else axis
    check(tf.reduce_sum(tf.constant(x), axis=axis), np.sum(x, axis=np_axis))


def test_reduction_of_a_scalar_and_with_no_axes():
    s = tf.constant(3.0)
    check(tf.reduce_sum(s), np.float32(3.0))
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    check(tf.reduce_sum(tf.constant(x), axis=[]), x)
    check(tf.reduce_mean(tf.constant([1, 2, 4])), np.int32(2))  # integer mean stays integer


def test_round_ties_to_even_and_ceil():
    x = np.array([0.5, 1.5, 2.5, -2.5, -1.5, 2.7, -2.7, 3.0], np.float32)
    check(tf.round(x), np.round(x))
    check(tf.math.round(tf.constant(x)), np.round(x))
    check(tf.math.ceil(x), np.ceil(x))
    check(tf.floor(x), np.floor(x))
    check(tf.round(tf.constant([3, -2])), np.array([3, -2], np.int32))
    v = tf.Variable(x)
    with tf.GradientTape(persistent=True) as tape:
        r, c = tf.round(v), tf.math.ceil(v)
    assert tape.gradient(r, v) is None and tape.gradient(c, v) is None  # as in TensorFlow


def test_reduce_variance_std_logsumexp():
    x = np.array([[1.0, 2.0, 4.0], [3.0, 5.0, 9.0]], np.float32)
    for axis in (None, 0, 1, -1):
        np.testing.assert_allclose(tf.math.reduce_variance(x, axis).numpy(), np.var(x, axis),
                                   rtol=1e-6)
        np.testing.assert_allclose(tf.math.reduce_std(x, axis).numpy(), np.std(x, axis),
                                   rtol=1e-6)
        expected = np.log(np.sum(np.exp(x.astype(np.float64)), axis))
        np.testing.assert_allclose(tf.math.reduce_logsumexp(x, axis).numpy(), expected,
                                   rtol=1e-6)
    assert tf.math.reduce_std(x, 1, keepdims=True).shape == (2, 1)
    assert tf.math.reduce_logsumexp(x, 0, keepdims=True).shape == (1, 3)
    v = tf.Variable(x)
    with tf.GradientTape() as tape:
        y = tf.math.reduce_logsumexp(v, axis=1)
    g = tape.gradient(y, v).numpy()  # the softmax of each row
    np.testing.assert_allclose(g, np.exp(x) / np.exp(x).sum(1, keepdims=True), rtol=1e-5)


@given(data=st.data())
def test_reduce_all_any(data):
    shape, axis = data.draw(shape_and_axis())
    x = data.draw(hnp.arrays(np.bool_, shape))
    np_axis = tuple(axis) if isinstance(axis, list) else axis
    np.testing.assert_array_equal(tf.reduce_all(tf.constant(x), axis).numpy(), np.all(x, np_axis))
    np.testing.assert_array_equal(tf.reduce_any(tf.constant(x), axis).numpy(), np.any(x, np_axis))


@given(data=st.data())
def test_argmax_argmin(data):
    shape = data.draw(nonscalar_shapes)
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    x = data.draw(arrays(shape))
    for op, ref in ((tf.argmax, np.argmax), (tf.argmin, np.argmin), (tf.math.argmax, np.argmax)):
        check(op(tf.constant(x), axis=axis), ref(x, axis=axis).astype(np.int64))
    check(tf.argmax(tf.constant(x)), np.argmax(x, axis=0))            # default axis 0
    assert tf.argmax(tf.constant(x), axis, output_type=tf.int32).dtype == tf.int32


# ---- linear algebra ---------------------------------------------------------------

@given(data=st.data(), transpose_a=st.booleans(), transpose_b=st.booleans())
def test_matmul_batched(data, transpose_a, transpose_b):
    batch = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=2,
                                                         max_side=3))
    n, k, m = (data.draw(st.integers(1, 5)) for _ in range(3))
    a = data.draw(arrays(batch.input_shapes[0] + ((k, n) if transpose_a else (n, k))))
    b = data.draw(arrays(batch.input_shapes[1] + ((m, k) if transpose_b else (k, m))))
    a_m = np.swapaxes(a, -1, -2) if transpose_a else a
    b_m = np.swapaxes(b, -1, -2) if transpose_b else b
    out = tf.matmul(tf.constant(a), tf.constant(b), transpose_a=transpose_a,
                    transpose_b=transpose_b)
    check(out, np.matmul(a_m, b_m), rtol=1e-4, atol=1e-5)
    assert tuple(out.shape) == batch.result_shape + (n, m)
    if not (transpose_a or transpose_b):
        check(tf.constant(a) @ tf.constant(b), np.matmul(a, b), rtol=1e-4, atol=1e-5)


@given(data=st.data())
def test_tensordot(data):
    shape_a = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, max_side=3))
    n = data.draw(st.integers(0, len(shape_a)))
    shape_b = shape_a[len(shape_a) - n:] + data.draw(
        hnp.array_shapes(min_dims=0, max_dims=2, max_side=3))
    a, b = data.draw(arrays(shape_a)), data.draw(arrays(shape_b))
    check(tf.tensordot(tf.constant(a), tf.constant(b), axes=n), np.tensordot(a, b, axes=n),
          rtol=1e-4, atol=1e-5)


@given(data=st.data())
def test_tensordot_axis_lists(data):
    shape_a = data.draw(hnp.array_shapes(min_dims=2, max_dims=3, max_side=3))
    a_axes = data.draw(st.lists(st.integers(0, len(shape_a) - 1), min_size=1, max_size=2,
                                unique=True))
    b_axes_order = data.draw(st.permutations(range(len(a_axes))))
    extra = data.draw(hnp.array_shapes(min_dims=0, max_dims=1, max_side=3))
    # b holds the contracted axes (in the order given) followed by its free axes
    shape_b = tuple(shape_a[a_axes[i]] for i in b_axes_order) + extra
    b_axes = [b_axes_order.index(i) for i in range(len(a_axes))]
    a, b = data.draw(arrays(shape_a)), data.draw(arrays(shape_b))
    check(tf.tensordot(tf.constant(a), tf.constant(b), axes=[a_axes, b_axes]),
          np.tensordot(a, b, axes=(a_axes, b_axes)), rtol=1e-4, atol=1e-5)


# ---- shapes --------------------------------------------------------------------------

@given(data=st.data())
def test_transpose(data):
    x = data.draw(arrays(small_shapes))
    perm = data.draw(st.permutations(range(x.ndim)))
    perm = [p - x.ndim if data.draw(st.booleans()) else p for p in perm]
    check(tf.transpose(tf.constant(x), perm), np.transpose(x, perm))
    check(tf.transpose(tf.constant(x)), x.T)


@given(data=st.data())
def test_reshape_with_minus_one(data):
    x = data.draw(arrays(hnp.array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=4)))
    target = list(data.draw(st.permutations(x.shape)))
    target[data.draw(st.integers(0, len(target) - 1))] = -1
    check(tf.reshape(tf.constant(x), target), x.reshape(target))
    check(tf.reshape(tf.constant(x), (-1,)), x.reshape(-1))
    check(tf.reshape(tf.constant(x), [x.size]), x.reshape(-1))
    check(tf.reshape(tf.constant(x), tf.constant([1, -1])), x.reshape(1, -1))


@given(data=st.data())
def test_expand_dims(data):
    x = data.draw(arrays(small_shapes))
    axis = data.draw(st.integers(-x.ndim - 1, x.ndim))
    check(tf.expand_dims(tf.constant(x), axis), np.expand_dims(x, axis))


@given(data=st.data())
def test_squeeze(data):
    x = data.draw(arrays(hnp.array_shapes(min_dims=0, max_dims=4, min_side=1, max_side=2)))
    check(tf.squeeze(tf.constant(x)), np.squeeze(x))
    ones = [i for i, n in enumerate(x.shape) if n == 1]
    if ones:
        axis = data.draw(st.sampled_from(ones))
        check(tf.squeeze(tf.constant(x), axis), np.squeeze(x, axis))
        check(tf.squeeze(tf.constant(x), [axis - x.ndim]), np.squeeze(x, axis))


@given(data=st.data())
def test_concat(data):
    shape = data.draw(nonscalar_shapes)
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    count = data.draw(st.integers(1, 4))
    parts = []
    for _ in range(count):
        s = list(shape)
        s[axis] = data.draw(st.integers(0, 3))
        parts.append(data.draw(arrays(tuple(s))))
    check(tf.concat([tf.constant(p) for p in parts], axis), np.concatenate(parts, axis))


@given(data=st.data())
def test_stack_and_unstack(data):
    shape = data.draw(small_shapes)
    axis = data.draw(st.integers(-len(shape) - 1, len(shape)))
    parts = [data.draw(arrays(shape)) for _ in range(data.draw(st.integers(1, 4)))]
    stacked = tf.stack([tf.constant(p) for p in parts], axis)
    check(stacked, np.stack(parts, axis))
    if shape:
        for piece, expected in zip(tf.unstack(tf.constant(parts[0])), parts[0]):
            check(piece, expected)


@given(data=st.data())
def test_broadcast_to_and_tile(data):
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=1, max_dims=3, max_side=3))
    x = data.draw(arrays(shapes.input_shapes[0]))
    check(tf.broadcast_to(tf.constant(x), shapes.result_shape),
          np.broadcast_to(x, shapes.result_shape))
    if x.ndim:
        reps = data.draw(st.tuples(*[st.integers(1, 3)] * x.ndim))
        check(tf.tile(tf.constant(x), reps), np.tile(x, reps))


# ---- indexing -------------------------------------------------------------------------

@given(data=st.data())
def test_getitem_basic(data):
    x = data.draw(arrays(hnp.array_shapes(min_dims=0, max_dims=4, min_side=1, max_side=4)))
    key = data.draw(hnp.basic_indices(x.shape, allow_newaxis=True, allow_ellipsis=True))
    check(tf.constant(x)[key], x[key])


@given(data=st.data())
def test_getitem_integer_arrays(data):
    x = data.draw(arrays(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)))
    key = data.draw(hnp.integer_array_indices(x.shape, result_shape=hnp.array_shapes(
        min_dims=0, max_dims=2, max_side=3)))
    check(tf.constant(x)[key], x[key])
    index = data.draw(hnp.arrays(np.int64, (3,), elements=st.integers(0, x.shape[0] - 1)))
    check(tf.constant(x)[index], x[index])
    check(tf.constant(x)[tf.constant(index)], x[index])          # a tensor as index
    with warnings.catch_warnings():  # (TF would read the list as a tuple: warned, below)
        warnings.simplefilter("ignore")
        check(tf.constant(x)[index.tolist()], x[index])          # a list as index
    check(tf.gather(tf.constant(x), index), np.take(x, index, axis=0))


def test_a_list_of_ints_as_key_warns_that_tensorflow_reads_it_as_a_tuple():
    m = tf.constant(np.arange(9.0, dtype=np.float32).reshape(3, 3))
    with pytest.warns(UserWarning, match=r"TensorFlow reads a list of ints as x\[0, 2\]"):
        rows = m[[0, 2]]  # TensorFlow 2.21 gives m[0, 2], 2.0
    np.testing.assert_array_equal(rows.numpy(), m.numpy()[[0, 2]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # one meaning in both: no warning
        assert m[np.array([0, 2])].shape == (2, 3) and m[0, 2].shape == ()
        assert m[[True, False, True]].shape == (2, 3)  # a mask (TF refuses it)
        assert m[[0, 1, 2, 0]].shape == (4, 3)  # more ints than axes: TF refuses it


@given(data=st.data())
def test_getitem_boolean_masks(data):
    x = data.draw(arrays(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)))
    k = data.draw(st.integers(1, x.ndim))
    mask = data.draw(hnp.arrays(np.bool_, x.shape[:k]))
    check(tf.constant(x)[mask], x[mask])
    check(tf.constant(x)[tf.constant(mask)], x[mask])
    check(tf.constant(x)[tf.constant(x) > 0], x[x > 0])


def test_getitem_mixed_and_iteration():
    x = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    t = tf.constant(x)
    check(t[1, :, None, ::2], x[1, :, None, ::2])
    check(t[..., -1], x[..., -1])
    check(t[:, [0, 2], 1], x[:, [0, 2], 1])
    assert len(t) == 2
    for row, expected in zip(t, x):
        check(row, expected)
    with pytest.raises(IndexError):
        t[5]


# ---- selection ---------------------------------------------------------------------

@given(data=st.data())
def test_where(data):
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=3, max_dims=3, max_side=3))
    c = data.draw(hnp.arrays(np.bool_, shapes.input_shapes[0]))
    a = data.draw(arrays(shapes.input_shapes[1]))
    b = data.draw(arrays(shapes.input_shapes[2]))
    check(tf.where(tf.constant(c), tf.constant(a), tf.constant(b)), np.where(c, a, b))
    check(tf.where(tf.constant(c), tf.constant(a), 0.0), np.where(c, a, np.float32(0)))
    check(tf.where(tf.constant(c)), np.argwhere(c).astype(np.int64))


@given(data=st.data(), to=st.sampled_from([tf.float32, tf.float64, tf.int32, tf.int64,
                                           tf.bool]))
def test_cast(data, to):
    x = data.draw(arrays(small_shapes, -5, 5))
    out = tf.cast(tf.constant(x), to)
    check(out, x.astype(to.as_numpy_dtype))
    ints = data.draw(hnp.arrays(np.int32, small_shapes, elements=st.integers(-9, 9)))
    check(tf.cast(tf.constant(ints), to), ints.astype(to.as_numpy_dtype))


@given(data=st.data())
def test_clip_by_value(data):
    x = data.draw(arrays(small_shapes))
    lo = data.draw(floats(-2, 0))
    hi = data.draw(floats(0, 2))
    check(tf.clip_by_value(tf.constant(x), lo, hi), np.clip(x, np.float32(lo), np.float32(hi)))


@given(data=st.data())
def test_one_hot(data):
    depth = data.draw(st.integers(1, 5))
    shape = data.draw(hnp.array_shapes(min_dims=0, max_dims=2, max_side=4))
    # out-of-range indices (-1, depth) give a row of zeros, as in TensorFlow
    idx = data.draw(hnp.arrays(np.int32, shape, elements=st.integers(-1, depth)))
    expected = (idx[..., None] == np.arange(depth)).astype(np.float32)
    out = tf.one_hot(tf.constant(idx), depth)
    check(out, expected)
    check(tf.one_hot(idx, depth, on_value=5.0, off_value=-1.0),
          np.where(expected == 1, 5, -1).astype(np.float32))
    check(tf.one_hot(idx, depth, axis=0), np.moveaxis(expected, -1, 0))
    check(tf.one_hot(idx, depth, dtype=tf.int32), expected.astype(np.int32))


def _np_softmax(x, axis):
    x = x.astype(np.float64)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@given(data=st.data())
def test_softmax_and_log_softmax(data):
    x = data.draw(arrays(nonscalar_shapes, -20, 20))
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1))
    expected = _np_softmax(x, axis)
    check(tf.nn.softmax(tf.constant(x), axis=axis), expected.astype(np.float32),
          rtol=1e-5, atol=1e-7)
    check(tf.nn.log_softmax(tf.constant(x), axis=axis), np.log(expected).astype(np.float32),
          rtol=1e-5, atol=1e-5)
    check(tf.nn.softmax(tf.constant(x)), _np_softmax(x, -1).astype(np.float32),
          rtol=1e-5, atol=1e-7)


def test_softmax_does_not_overflow():
    out = tf.nn.softmax(tf.constant([[1000.0, 1000.0, -1000.0]]))
    np.testing.assert_allclose(out.numpy(), [[0.5, 0.5, 0.0]])
    out = tf.nn.log_softmax(tf.constant([1000.0, 0.0]))
    np.testing.assert_allclose(out.numpy(), [0.0, -1000.0])


def test_stop_gradient_and_identity_keep_values():
    x = np.array([1.0, 2.0], np.float32)
    check(tf.stop_gradient(tf.constant(x)), x)
    check(tf.identity(tf.constant(x)), x)


def test_math_helpers():
    check(tf.math.divide_no_nan(tf.constant([1.0, 2.0]), tf.constant([0.0, 4.0])),
          np.array([0.0, 0.5], np.float32))
    x = np.array([[3.0, 4.0]], np.float32)
    check(tf.math.l2_normalize(tf.constant(x), axis=-1), x / 5)
    check(tf.shape(tf.constant(x)), np.array([1, 2], np.int32))
    check(tf.size(tf.constant(x)), np.int32(2))
    check(tf.rank(tf.constant(x)), np.int32(2))


def test_integer_mean_truncates_toward_zero_like_tensorflow():
    assert int(tf.reduce_mean(tf.constant([-1, -2]))) == -1
    np.testing.assert_array_equal(tf.reduce_mean(tf.constant([[1, 2], [3, 5]]), axis=1).numpy(),
                                  [1, 4])


def test_logsumexp_of_an_all_minus_infinity_row_is_minus_infinity():
    out = tf.math.reduce_logsumexp(tf.constant([[-np.inf, -np.inf], [1.0, 2.0]]), axis=1).numpy()
    assert out[0] == -np.inf
    np.testing.assert_allclose(out[1], np.logaddexp(1.0, 2.0), rtol=1e-6)


def test_integer_power_follows_the_reference_on_both_backends():
    from teachtensor.backend import get_backend
    for name in ("numba", "numpy"):
        backend = get_backend(name)
        two = np.array(2, np.int32)
        np.testing.assert_array_equal(backend.binary("power", np.array([2, 3], np.int32), two),
                                      [4, 9])
        with pytest.raises(ValueError):
            backend.binary("power", two, np.array(-1, np.int32))
