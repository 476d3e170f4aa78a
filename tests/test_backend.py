"""The Numba kernels against the NumPy reference backend, called directly.

The reference backend (``backend/reference.py``) is the definition; the Numba
backend must compute the same on every dtype, broadcast shape and memory layout:
transposed and strided views, empty arrays, reductions over axes that are not side
by side.
"""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

from teachtensor.backend import get_backend, set_backend
from teachtensor.backend import numba_kernels

NUMBA = get_backend("numba")
REF = get_backend("numpy")

# The dtype x op grids below are large: two thirds of the profile's examples each.
FEWER = settings(max_examples=max(5, settings().max_examples * 2 // 3))

FLOATS = [np.float32, np.float64]
NUMBERS = [np.float32, np.float64, np.int32, np.int64]


def tolerance(dtype):
    return dict(rtol=2e-6, atol=1e-6) if dtype == np.float32 else dict(rtol=1e-12, atol=1e-12)


def assert_same(got, expected, dtype=None):
    """The Numba result equals the reference: shape, dtype and values (NaN == NaN)."""
    assert got.shape == expected.shape
    assert got.dtype == expected.dtype, (got.dtype, expected.dtype)
    if got.dtype.kind == "f":
        np.testing.assert_allclose(got, expected, equal_nan=True, **tolerance(got.dtype))
    else:
        np.testing.assert_array_equal(got, expected)


def values(dtype, lo=-4, hi=4):
    if np.dtype(dtype).kind == "f":
        if dtype == np.float32:
            return st.floats(float(np.float32(lo)), float(np.float32(hi)), width=32)
        return st.floats(lo, hi)
    return st.integers(lo, hi)


@st.composite
def layouts(draw, dtype, shape, lo=-4, hi=4):
    """An array of ``shape``, sometimes as a transposed or strided (non-contiguous) view."""
    kind = draw(st.sampled_from(["contiguous", "transposed", "strided"]))
    if kind == "transposed" and len(shape) >= 2:
        base = draw(hnp.arrays(dtype, shape[::-1], elements=values(dtype, lo, hi)))
        array = base.T
    elif kind == "strided" and len(shape) >= 1:
        big = (shape[0] * 2,) + tuple(shape[1:])
        array = draw(hnp.arrays(dtype, big, elements=values(dtype, lo, hi)))[::2]
    else:
        array = draw(hnp.arrays(dtype, shape, elements=values(dtype, lo, hi)))
    assert array.shape == tuple(shape)
    return array


shapes = hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=5)

UNARY_RANGES = {"log": (0.001, 9), "sqrt": (0, 9), "exp": (-20, 20), "sigmoid": (-40, 40)}
FLOAT_ONLY = {"exp", "log", "sqrt", "tanh", "sin", "cos", "floor", "sigmoid"}


@pytest.mark.parametrize("op", sorted(numba_kernels.UNARY_CODES))
@pytest.mark.parametrize("dtype", NUMBERS, ids=lambda d: np.dtype(d).name)
@FEWER
@given(data=st.data())
def test_unary(op, dtype, data):
    if op in FLOAT_ONLY and np.dtype(dtype).kind != "f":
        return
    lo, hi = UNARY_RANGES.get(op, (-4, 4))
    x = data.draw(layouts(dtype, data.draw(shapes), lo, hi))
    assert_same(NUMBA.unary(op, x), REF.unary(op, x))


EDGES = np.array([0.0, -0.0, -1.0, np.inf, -np.inf, np.nan, 1e-30], dtype=np.float64)


@pytest.mark.parametrize("op", ["log", "sqrt", "exp", "abs", "sigmoid", "tanh", "square",
                                "negative", "sin", "cos"])
def test_unary_edge_values_match_numpy(op):
    assert_same(NUMBA.unary(op, EDGES), REF.unary(op, EDGES))


@pytest.mark.parametrize("op", ["relu", "sign", "floor"])
def test_unary_nan_and_inf_match_numpy(op):
    assert_same(NUMBA.unary(op, EDGES), REF.unary(op, EDGES))


@pytest.mark.parametrize("op", sorted(numba_kernels.BINARY_CODES))
@pytest.mark.parametrize("dtype", NUMBERS, ids=lambda d: np.dtype(d).name)
@FEWER
@given(data=st.data())
def test_binary_broadcasting(op, dtype, data):
    bs = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=4,
                                                      min_side=0, max_side=4))
    integer = np.dtype(dtype).kind == "i"
    b_lo, b_hi = (-4, 4)
    if op in ("divide", "floordiv", "mod"):
        b_lo, b_hi = (1, 4)  # no division by zero (integer semantics differ there)
    a_lo, a_hi = (-4, 4)
    if op == "power":
        a_lo, a_hi, b_lo, b_hi = ((1, 3, 0, 4) if integer else (0.1, 3, -3, 3))
    a = data.draw(layouts(dtype, bs.input_shapes[0], a_lo, a_hi))
    b = data.draw(layouts(dtype, bs.input_shapes[1], b_lo, b_hi))
    got, expected = NUMBA.binary(op, a, b), REF.binary(op, a, b)
    if op in ("floordiv", "mod") and not integer:
        # a / b on a float32 boundary may round either way: compare away from jumps
        ratio = np.broadcast_to(a.astype(np.float64) / b, got.shape)
        safe = np.abs(ratio - np.round(ratio)) > 1e-4
        assert got.shape == expected.shape and got.dtype == expected.dtype
        np.testing.assert_allclose(got[safe], expected[safe], **tolerance(dtype))
    else:
        assert_same(got, expected)


@pytest.mark.parametrize("op", sorted(numba_kernels.COMPARE_CODES))
@pytest.mark.parametrize("dtype", NUMBERS + [np.bool_], ids=lambda d: np.dtype(d).name)
@FEWER
@given(data=st.data())
def test_compare_broadcasting(op, dtype, data):
    bs = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=4,
                                                      min_side=0, max_side=4))
    if dtype == np.bool_:
        a = data.draw(hnp.arrays(np.bool_, bs.input_shapes[0]))
        b = data.draw(hnp.arrays(np.bool_, bs.input_shapes[1]))
    else:  # few distinct values, so that equal elements are common
        a = data.draw(layouts(dtype, bs.input_shapes[0], -2, 2)).round()
        b = data.draw(layouts(dtype, bs.input_shapes[1], -2, 2)).round()
    got = NUMBA.compare(op, a, b)
    assert_same(got, np.asarray(REF.compare(op, a, b)))


@st.composite
def reduce_args(draw, dtype, min_side=1):
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=4, min_side=min_side, max_side=5))
    x = draw(layouts(dtype, shape, -2, 2))
    # any subset of the axes, e.g. (0, 2) (not side by side); empty means all
    axes = tuple(sorted(draw(st.sets(st.integers(0, max(x.ndim - 1, 0)), max_size=x.ndim))))
    return x, axes


@pytest.mark.parametrize("op", ["sum", "prod", "max", "min"])
@pytest.mark.parametrize("dtype", NUMBERS, ids=lambda d: np.dtype(d).name)
@FEWER
@given(data=st.data(), keepdims=st.booleans())
def test_reduce(op, dtype, data, keepdims):
    x, axes = data.draw(reduce_args(dtype))
    got, expected = NUMBA.reduce(op, x, axes, keepdims), REF.reduce(op, x, axes, keepdims)
    assert got.shape == expected.shape and got.dtype == expected.dtype
    if dtype == np.float32:
        # Numba sums in float64, NumPy pairwise in float32: both round differently
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
    else:
        assert_same(got, expected)


@pytest.mark.parametrize("op", ["sum", "prod"])
@given(data=st.data(), keepdims=st.booleans())
def test_reduce_empty(op, data, keepdims):
    x, axes = data.draw(reduce_args(np.float64, min_side=0))
    assert_same(NUMBA.reduce(op, x, axes, keepdims), REF.reduce(op, x, axes, keepdims))


def test_reduce_non_adjacent_axes_and_nan():
    x = np.arange(2 * 3 * 4 * 5, dtype=np.float64).reshape(2, 3, 4, 5)
    for axes in [(0, 2), (1, 3), (0, 3), (0, 1, 3)]:
        for keepdims in (False, True):
            assert_same(NUMBA.reduce("sum", x, axes, keepdims), REF.reduce("sum", x, axes, keepdims))
    y = np.array([[1.0, np.nan, 3.0], [4.0, 5.0, 6.0]])
    for op in ("max", "min", "sum"):
        assert_same(NUMBA.reduce(op, y, (1,), False), REF.reduce(op, y, (1,), False))


def test_long_float32_sum_is_accurate():
    x = np.full(1_000_000, 0.1, dtype=np.float32)
    got = NUMBA.reduce("sum", x, (0,), False)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, 0.1 * 1_000_000, rtol=1e-6)


@pytest.mark.parametrize("fn", ["softmax", "log_softmax"])
@pytest.mark.parametrize("dtype", FLOATS, ids=lambda d: np.dtype(d).name)
@given(data=st.data())
def test_softmax(fn, dtype, data):
    shape = list(data.draw(hnp.array_shapes(min_dims=1, max_dims=4, min_side=0, max_side=5)))
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    shape[axis] = max(shape[axis], 1)  # other axes may be empty (see the test below)
    x = data.draw(layouts(dtype, tuple(shape), -30, 30))
    got, expected = getattr(NUMBA, fn)(x, axis), getattr(REF, fn)(x, axis)
    assert got.shape == expected.shape and got.dtype == expected.dtype
    np.testing.assert_allclose(got, expected, rtol=1e-5 if dtype == np.float32 else 1e-12,
                               atol=1e-6 if dtype == np.float32 else 1e-12)


@pytest.mark.parametrize("fn", ["softmax", "log_softmax"])
def test_softmax_over_an_empty_axis(fn):
    x = np.zeros((2, 0), dtype=np.float32)
    assert_same(getattr(NUMBA, fn)(x, -1), getattr(REF, fn)(x, -1))


def test_results_are_fresh_arrays():
    """A kernel never returns (or writes into) its input's memory."""
    x = np.arange(6.0).reshape(2, 3)
    before = x.copy()
    out = NUMBA.unary("negative", x)
    out2 = NUMBA.binary("add", x, x)
    assert not np.shares_memory(out, x) and not np.shares_memory(out2, x)
    np.testing.assert_array_equal(x, before)


def test_get_backend_names_and_set_backend():
    assert get_backend("NUMPY") is REF
    assert get_backend().name == "numba"
    with pytest.raises(ValueError, match="unknown backend"):
        get_backend("tpu")
    old = set_backend("numpy")
    try:
        import teachtensor as tf
        t = tf.constant([1.0, 2.0]) * 2
        assert t._backend is REF
        np.testing.assert_array_equal(t.numpy(), [2.0, 4.0])
    finally:
        set_backend(old)
    assert get_backend().name == "numba"


def test_matmul_loops_teaching_version():
    from teachtensor.backend.numba_cpu import matmul_loops
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(3, 4)), rng.normal(size=(4, 2))
    np.testing.assert_allclose(matmul_loops(a, b), a @ b)


@pytest.mark.parametrize("dtype", NUMBERS, ids=lambda d: np.dtype(d).name)
@FEWER
@given(data=st.data())
def test_where_matches_reference(dtype, data):
    """The where kernel (same shapes, or one number for either branch) and its
    broadcasting fallback both equal NumPy's where."""
    shape = data.draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4))
    cond = data.draw(hnp.arrays(np.bool_, shape))
    a_shape = data.draw(st.sampled_from([shape, (), (1,) * len(shape), shape[1:]]))
    b_shape = data.draw(st.sampled_from([shape, (), shape[1:]]))
    a = data.draw(layouts(dtype, a_shape))
    b = data.draw(layouts(dtype, b_shape))
    assert_same(NUMBA.where(cond, a, b), REF.where(cond, a, b))


@pytest.mark.parametrize("op", ["max", "min", "sum"])
@pytest.mark.parametrize("dtype", FLOATS, ids=lambda d: np.dtype(d).name)
def test_row_reductions_keep_nan_and_inf_as_numpy_does(op, dtype):
    """The last-axis kernels (sum_rows, extreme_rows) on rows holding NaN and inf."""
    x = np.array([[1.0, np.nan, 3.0], [np.inf, 2.0, -1.0], [-np.inf, -2.0, 0.0],
                  [5.0, 4.0, np.nan]], dtype=dtype)
    assert_same(NUMBA.reduce(op, x, (1,), False), REF.reduce(op, x, (1,), False))
    assert_same(NUMBA.reduce(op, x, (0, 1), True), REF.reduce(op, x, (0, 1), True))
