"""Backend conformance: every backend against the NumPy reference, method by method.

The reference backend (``backend/reference.py``) is the definition; every registered
backend (Numba; the strict test backend; CUDA when it joins) must compute the same on
every dtype, broadcast shape and memory layout: transposed and strided views (which the
NumPy-array backends receive as they are), empty arrays, reductions over axes that are
not side by side, and raise the errors the interface documents (``backend/base.py``).

Each test draws NumPy inputs, hands them to the backend under test with
``backend.asarray``, and compares ``backend.to_numpy`` of its result with the
reference's result on the same inputs.
"""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import strict_backend  # noqa: F401  (registers the "strict" backend)
from teachtensor.backend import get_backend, gpu_available, registered_backends, set_backend
from teachtensor.backend import numba_kernels

REF = get_backend("numpy")
# every backend but the reference itself; CUDA where a GPU (or Numba's simulator) is there
UNDER_TEST = [name for name in registered_backends()
              if name != "numpy" and (name != "cuda" or gpu_available())]


@pytest.fixture(params=UNDER_TEST, scope="module")
def backend(request):
    return Driver(get_backend(request.param))


class Driver:
    """Calls a backend's methods with NumPy arrays in and out (``asarray`` on the way in,
    ``to_numpy`` on the way out), so each test reads like a call of the reference."""

    def __init__(self, backend):
        self.backend = backend

    def _in(self, value):
        if isinstance(value, np.ndarray):
            return self.backend.asarray(value)
        if isinstance(value, tuple):
            return tuple(self._in(v) for v in value)
        if isinstance(value, list):
            return [self._in(v) for v in value]
        if isinstance(value, dict):
            return {k: self._in(v) for k, v in value.items()}
        return value

    def _out(self, value):
        if isinstance(value, (tuple, list)):
            return type(value)(self._out(v) for v in value)
        if isinstance(value, dict):
            return {k: self._out(v) for k, v in value.items()}
        if value is None or isinstance(value, (bool, int, float)):
            return value
        return self.backend.to_numpy(value)

    def __getattr__(self, name):
        method = getattr(self.backend, name)
        return lambda *args, **kwargs: self._out(method(*self._in(args), **self._in(kwargs)))

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
FLOAT_ONLY = {"exp", "log", "log1p", "sqrt", "tanh", "sin", "cos", "floor", "sigmoid", "erf",
              "expm1", "asin", "acos", "atan", "sinh", "cosh", "asinh", "acosh", "atanh",
              "atan2"}


@pytest.mark.parametrize("op", sorted(numba_kernels.UNARY_CODES))
@pytest.mark.parametrize("dtype", NUMBERS, ids=lambda d: np.dtype(d).name)
@FEWER
@given(data=st.data())
def test_unary(backend, op, dtype, data):
    if op in FLOAT_ONLY and np.dtype(dtype).kind != "f":
        return
    lo, hi = UNARY_RANGES.get(op, (-4, 4))
    x = data.draw(layouts(dtype, data.draw(shapes), lo, hi))
    assert_same(backend.unary(op, x), REF.unary(op, x))


EDGES = np.array([0.0, -0.0, -1.0, np.inf, -np.inf, np.nan, 1e-30], dtype=np.float64)


@pytest.mark.parametrize("op", ["log", "sqrt", "exp", "abs", "sigmoid", "tanh", "square",
                                "negative", "sin", "cos", "erf"])
def test_unary_edge_values_match_numpy(backend, op):
    assert_same(backend.unary(op, EDGES), REF.unary(op, EDGES))


@pytest.mark.parametrize("op", ["relu", "sign", "floor"])
def test_unary_nan_and_inf_match_numpy(backend, op):
    assert_same(backend.unary(op, EDGES), REF.unary(op, EDGES))


# the domains' ends, just beyond them, and overflow (sinh, cosh and expm1 of 800)
FLOAT_EDGES = np.concatenate([EDGES, [1.0, 0.5, -0.5, 1.0001, -1.0001, 2.0, 800.0, -800.0,
                                      709.782712893384, 709.79, 710.2, -710.2, 710.47,
                                      710.48]])


@pytest.mark.parametrize("op", ["exp", "expm1", "asin", "acos", "atan", "sinh", "cosh", "asinh",
                                "acosh", "atanh"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=lambda d: np.dtype(d).name)
def test_float_functions_at_their_domains_edges_match_numpy(backend, op, dtype):
    x = FLOAT_EDGES.astype(dtype)
    assert_same(backend.unary(op, x), REF.unary(op, x))


def test_atan2_in_every_quadrant_and_at_the_edges_matches_numpy(backend):
    y, x = np.meshgrid(EDGES, EDGES)
    assert_same(backend.binary("atan2", y.ravel(), x.ravel()),
                REF.binary("atan2", y.ravel(), x.ravel()))


def test_relu_grad_edge_values_match_numpy(backend):
    """g where x > 0, else exactly 0: every pair of edge values, as g and as x."""
    g, x = np.meshgrid(EDGES, EDGES)
    g, x = g.ravel(), x.ravel()
    assert_same(backend.binary("relu_grad", g, x), REF.binary("relu_grad", g, x))
    np.testing.assert_array_equal(REF.binary("relu_grad", g, x), np.where(x > 0, g, 0.0))


@pytest.mark.parametrize("op", sorted(numba_kernels.BINARY_CODES))
@pytest.mark.parametrize("dtype", NUMBERS, ids=lambda d: np.dtype(d).name)
@FEWER
@given(data=st.data())
def test_binary_broadcasting(backend, op, dtype, data):
    bs = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=4,
                                                      min_side=0, max_side=4))
    integer = np.dtype(dtype).kind == "i"
    if op in FLOAT_ONLY and integer:
        return
    b_lo, b_hi = (-4, 4)
    if op in ("divide", "floordiv", "mod"):
        b_lo, b_hi = (1, 4)  # no division by zero (integer semantics differ there)
    a_lo, a_hi = (-4, 4)
    if op == "power":
        a_lo, a_hi, b_lo, b_hi = ((1, 3, 0, 4) if integer else (0.1, 3, -3, 3))
    a = data.draw(layouts(dtype, bs.input_shapes[0], a_lo, a_hi))
    b = data.draw(layouts(dtype, bs.input_shapes[1], b_lo, b_hi))
    got, expected = backend.binary(op, a, b), REF.binary(op, a, b)
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
def test_compare_broadcasting(backend, op, dtype, data):
    bs = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=4,
                                                      min_side=0, max_side=4))
    if dtype == np.bool_:
        a = data.draw(hnp.arrays(np.bool_, bs.input_shapes[0]))
        b = data.draw(hnp.arrays(np.bool_, bs.input_shapes[1]))
    else:  # few distinct values, so that equal elements are common
        a = np.asarray(data.draw(layouts(dtype, bs.input_shapes[0], -2, 2)).round())
        b = np.asarray(data.draw(layouts(dtype, bs.input_shapes[1], -2, 2)).round())
    got = backend.compare(op, a, b)
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
def test_reduce(backend, op, dtype, data, keepdims):
    x, axes = data.draw(reduce_args(dtype))
    got, expected = backend.reduce(op, x, axes, keepdims), REF.reduce(op, x, axes, keepdims)
    assert got.shape == expected.shape and got.dtype == expected.dtype
    if dtype == np.float32:
        # Numba sums in float64, NumPy pairwise in float32: both round differently
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
    else:
        assert_same(got, expected)


@pytest.mark.parametrize("op", ["sum", "prod"])
@given(data=st.data(), keepdims=st.booleans())
def test_reduce_empty(backend, op, data, keepdims):
    x, axes = data.draw(reduce_args(np.float64, min_side=0))
    assert_same(backend.reduce(op, x, axes, keepdims), REF.reduce(op, x, axes, keepdims))


def test_reduce_non_adjacent_axes_and_nan(backend):
    x = np.arange(2 * 3 * 4 * 5, dtype=np.float64).reshape(2, 3, 4, 5)
    for axes in [(0, 2), (1, 3), (0, 3), (0, 1, 3)]:
        for keepdims in (False, True):
            assert_same(backend.reduce("sum", x, axes, keepdims), REF.reduce("sum", x, axes, keepdims))
    y = np.array([[1.0, np.nan, 3.0], [4.0, 5.0, 6.0]])
    for op in ("max", "min", "sum"):
        assert_same(backend.reduce(op, y, (1,), False), REF.reduce(op, y, (1,), False))


def test_long_float32_sum_is_accurate(backend):
    x = np.full(1_000_000, 0.1, dtype=np.float32)
    got = backend.reduce("sum", x, (0,), False)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, 0.1 * 1_000_000, rtol=1e-6)


@pytest.mark.parametrize("fn", ["softmax", "log_softmax"])
@pytest.mark.parametrize("dtype", FLOATS, ids=lambda d: np.dtype(d).name)
@given(data=st.data())
def test_softmax(backend, fn, dtype, data):
    shape = list(data.draw(hnp.array_shapes(min_dims=1, max_dims=4, min_side=0, max_side=5)))
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    shape[axis] = max(shape[axis], 1)  # other axes may be empty (see the test below)
    x = data.draw(layouts(dtype, tuple(shape), -30, 30))
    got, expected = getattr(backend, fn)(x, axis), getattr(REF, fn)(x, axis)
    assert got.shape == expected.shape and got.dtype == expected.dtype
    np.testing.assert_allclose(got, expected, rtol=1e-5 if dtype == np.float32 else 1e-12,
                               atol=1e-6 if dtype == np.float32 else 1e-12)


@pytest.mark.parametrize("fn", ["softmax", "log_softmax"])
def test_softmax_over_an_empty_axis(backend, fn):
    x = np.zeros((2, 0), dtype=np.float32)
    assert_same(getattr(backend, fn)(x, -1), getattr(REF, fn)(x, -1))


def test_results_are_fresh_arrays(backend):
    """A kernel never returns (or writes into) its input's memory."""
    b = backend.backend
    x = b.asarray(np.arange(6.0).reshape(2, 3))
    before = b.to_numpy(b.copy(x))
    outs = [b.unary("negative", x), b.binary("add", x, x), b.compare("less", x, x),
            b.getitem(x, (slice(None), 0)), b.cast(x, np.float32), b.copy(x)]
    for out in outs:
        out_host, x_host = b.to_numpy(out), b.to_numpy(x)
        assert not np.shares_memory(out_host, x_host)
    np.testing.assert_array_equal(b.to_numpy(x), before)


def test_get_backend_names_and_set_backend(request):
    assert get_backend("NUMPY") is REF
    default = request.config.getoption("--backend") or ("cuda" if gpu_available() else "numba")
    assert get_backend().name == default
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
    assert get_backend().name == default


def test_matmul_loops_teaching_version():
    from teachtensor.backend.numba_cpu import matmul_loops
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(3, 4)), rng.normal(size=(4, 2))
    np.testing.assert_allclose(matmul_loops(a, b), a @ b)


@pytest.mark.parametrize("dtype", NUMBERS, ids=lambda d: np.dtype(d).name)
@FEWER
@given(data=st.data())
def test_where_matches_reference(backend, dtype, data):
    """The where kernel (same shapes, or one number for either branch) and its
    broadcasting fallback both equal NumPy's where."""
    shape = data.draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4))
    cond = data.draw(hnp.arrays(np.bool_, shape))
    a_shape = data.draw(st.sampled_from([shape, (), (1,) * len(shape), shape[1:]]))
    b_shape = data.draw(st.sampled_from([shape, (), shape[1:]]))
    a = data.draw(layouts(dtype, a_shape))
    b = data.draw(layouts(dtype, b_shape))
    assert_same(backend.where(cond, a, b), REF.where(cond, a, b))


@pytest.mark.parametrize("op", ["max", "min", "sum"])
@pytest.mark.parametrize("dtype", FLOATS, ids=lambda d: np.dtype(d).name)
def test_row_reductions_keep_nan_and_inf_as_numpy_does(backend, op, dtype):
    """The last-axis kernels (sum_rows, extreme_rows) on rows holding NaN and inf."""
    x = np.array([[1.0, np.nan, 3.0], [np.inf, 2.0, -1.0], [-np.inf, -2.0, 0.0],
                  [5.0, 4.0, np.nan]], dtype=dtype)
    assert_same(backend.reduce(op, x, (1,), False), REF.reduce(op, x, (1,), False))
    assert_same(backend.reduce(op, x, (0, 1), True), REF.reduce(op, x, (0, 1), True))


# ---- the rest of the interface ----------------------------------------------------------

def test_creation_and_transfer(backend):
    b = backend.backend
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    assert_same(b.to_numpy(b.asarray(x)), x)
    assert_same(b.to_numpy(b.asarray(x[:, ::2])), x[:, ::2])    # a strided view comes in
    assert_same(b.to_numpy(b.asarray(np.float64(2.5))), np.asarray(2.5))
    assert_same(backend.full((2, 0, 3), 7, np.int32), np.full((2, 0, 3), 7, np.int32))
    assert_same(backend.full((), 1.5, np.float64), np.asarray(1.5))
    empty = b.empty((3, 2), np.float32)
    assert empty.shape == (3, 2) and empty.dtype == np.float32
    original = b.asarray(x.copy())
    duplicate = b.copy(original)
    b.assign(duplicate, (0, 0), b.full((), -1, np.float32))
    assert b.to_numpy(original)[0, 0] == 0 and b.to_numpy(duplicate)[0, 0] == -1


@pytest.mark.parametrize("source, target", [(np.float32, np.float64), (np.float64, np.int32),
                                            (np.int32, np.float32), (np.int64, np.bool_),
                                            (np.bool_, np.float32), (np.float32, np.int64)])
@given(data=st.data())
def test_cast(backend, source, target, data):
    x = data.draw(layouts(source, data.draw(shapes), -100, 100)) if source != np.bool_ else \
        data.draw(hnp.arrays(np.bool_, data.draw(shapes)))
    assert_same(backend.cast(x, np.dtype(target)), REF.cast(x, np.dtype(target)))


@pytest.mark.parametrize("which", ["argmax", "argmin"])
@given(data=st.data())
def test_argmax_argmin(backend, which, data):
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=5))
    x = np.asarray(data.draw(layouts(np.float32, shape, -2, 2)).round())  # ties: the first one wins
    axis = data.draw(st.integers(0, len(shape) - 1))
    assert_same(getattr(backend, which)(x, axis), getattr(REF, which)(x, axis))


@pytest.mark.parametrize("dtype", NUMBERS, ids=lambda d: np.dtype(d).name)
@given(data=st.data(), transpose_a=st.booleans(), transpose_b=st.booleans())
def test_matmul(backend, dtype, data, transpose_a, transpose_b):
    n, k, m = (data.draw(st.integers(0, 4)) for _ in range(3))
    batch_a, batch_b = data.draw(hnp.mutually_broadcastable_shapes(
        num_shapes=2, max_dims=2, max_side=3)).input_shapes
    a = data.draw(layouts(dtype, batch_a + ((k, n) if transpose_a else (n, k))))
    b = data.draw(layouts(dtype, batch_b + ((m, k) if transpose_b else (k, m))))
    assert_same(backend.matmul(a, b, transpose_a, transpose_b),
                REF.matmul(a, b, transpose_a, transpose_b))


@st.composite
def square_systems(draw, dtype):
    """Batches of square matrices with a dominant diagonal (well away from singular),
    and right-hand sides with the same leading axes; sizes from 0 on."""
    batch = draw(hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=3))
    n, k = draw(st.integers(0, 4)), draw(st.integers(0, 3))
    a = draw(layouts(dtype, batch + (n, n), -1, 1)) + (2 * n + 1) * np.eye(n, dtype=dtype)
    return a.astype(dtype), draw(layouts(dtype, batch + (n, k)))


@pytest.mark.parametrize("dtype", FLOATS, ids=lambda d: np.dtype(d).name)
@given(data=st.data())
def test_solve_and_det(backend, dtype, data):
    a, b = data.draw(square_systems(dtype))
    # (LAPACK and a backend's own elimination may round differently: a looser float32 bound)
    close = dict(rtol=1e-5, atol=1e-5) if dtype == np.float32 else dict(rtol=1e-11, atol=1e-12)
    for got, expected in [(backend.solve(a, b), REF.solve(a, b)), (backend.det(a), REF.det(a))]:
        assert got.shape == expected.shape and got.dtype == expected.dtype
        np.testing.assert_allclose(got, expected, **close)


@pytest.mark.parametrize("matrix, det", [
    ([[1.0, 2.0], [2.0, 4.0]], 0.0),                     # rows that are multiples
    ([[0.0, 0.0], [0.0, 0.0]], 0.0),
    ([[0.0, 1.0], [1.0, 0.0]], -1.0),                    # needs a row swap: not singular
    ([[2.0, 0.0, 0.0], [0.0, 0.0, 3.0], [0.0, 5.0, 0.0]], -30.0),
])
def test_singular_matrices_and_row_swaps(backend, matrix, det):
    a = np.array([np.eye(len(matrix)), matrix])   # a batch: one good matrix, then this one
    b = np.ones((2, len(matrix), 1))
    np.testing.assert_allclose(backend.det(a), [1.0, det], atol=1e-12)
    if det == 0:
        from teachtensor.backend.base import SingularMatrixError
        with pytest.raises(SingularMatrixError):
            backend.solve(a, b)
        with pytest.raises(SingularMatrixError):
            REF.solve(a, b)
    else:
        np.testing.assert_allclose(backend.solve(a, b), REF.solve(a, b), atol=1e-12)


@given(data=st.data())
def test_reshape_transpose_broadcast_concat(backend, data):
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=4, min_side=0, max_side=4))
    x = data.draw(layouts(np.float64, shape))
    assert_same(backend.reshape(x, (x.size,)), REF.reshape(x, (x.size,)))
    perm = tuple(data.draw(st.permutations(range(x.ndim))))
    assert_same(backend.transpose(x, perm), REF.transpose(x, perm))
    target = data.draw(hnp.broadcastable_shapes(shape, max_dims=5, max_side=4).filter(
        lambda s: np.broadcast_shapes(s, shape) == s))
    assert_same(backend.broadcast_to(x, target), REF.broadcast_to(x, target))
    axis = data.draw(st.integers(0, x.ndim - 1))
    other = list(shape)
    other[axis] = data.draw(st.integers(0, 3))
    y = data.draw(layouts(np.float64, tuple(other)))
    assert_same(backend.concat([x, y, x], axis), REF.concat([x, y, x], axis))


def test_broadcast_failures_are_value_errors(backend):
    with pytest.raises(ValueError):
        backend.binary("add", np.ones((2, 3)), np.ones((4,)))
    with pytest.raises(ValueError):
        backend.compare("less", np.ones((2, 3)), np.ones((2, 2)))
    with pytest.raises(ValueError):
        backend.broadcast_to(np.ones((2, 3)), (3, 3))


KEYS = [(0,), (slice(1, None),), (Ellipsis, 0), (None, slice(None, None, 2)),
        (np.array([2, 0, 2]),), (np.array([True, False, True]),),
        (slice(None), np.array([1, 1, 0])), (np.array([0, 2]), np.array([1, 0]))]


@pytest.mark.parametrize("key", KEYS, ids=[str(i) for i in range(len(KEYS))])
def test_getitem_scatter_add_and_assign(backend, key):
    x = np.arange(9.0).reshape(3, 3)
    part = REF.getitem(x, key)
    assert_same(backend.getitem(x, key), part)
    values = np.arange(part.size, dtype=np.float64).reshape(part.shape) + 1
    assert_same(backend.scatter_add(x.shape, key, values), REF.scatter_add(x.shape, key, values))
    places = REF.getitem(np.arange(9).reshape(3, 3), key).ravel()
    if len(set(places.tolist())) < places.size:
        return  # assigning twice to one place: which value wins is not defined (NumPy)
    b = backend.backend
    target = b.asarray(x.copy())
    b.assign(target, backend._in(key), b.asarray(values))
    expected = x.copy()
    REF.assign(expected, key, values)
    assert_same(b.to_numpy(target), expected)


def test_getitem_errors(backend):
    x = np.arange(6.0).reshape(2, 3)
    for key in [(5,), (0, 3), (np.array([0, 7]),)]:
        with pytest.raises(IndexError):
            backend.getitem(x, key)
    for key in [(1.0,), ("a",)]:
        with pytest.raises(TypeError):
            backend.getitem(x, key)


@given(data=st.data())
def test_take_and_put_along_the_last_axis(backend, data):
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4))
    x = data.draw(layouts(np.float32, shape))
    indices = data.draw(hnp.arrays(np.int64, shape[:-1], elements=st.integers(0, shape[-1] - 1)))
    picked = REF.take_along_axis(x, indices)
    assert_same(backend.take_along_axis(x, indices), picked)
    assert_same(backend.put_along_axis(shape, indices, picked),
                REF.put_along_axis(shape, indices, picked))


def test_one_hot_and_nonzero(backend):
    indices = np.array([[0, 3], [-1, 2]])
    assert_same(backend.one_hot(indices, 3, np.float32, 5, -1),
                REF.one_hot(indices, 3, np.float32, 5, -1))
    mask = np.array([[True, False, True], [False, False, True]])
    assert_same(backend.nonzero(mask), REF.nonzero(mask))
    assert_same(backend.nonzero(np.zeros((0, 2), bool)), REF.nonzero(np.zeros((0, 2), bool)))


def test_reductions_over_nothing(backend):
    x = np.zeros((2, 0), np.float32)
    for op, expected in [("sum", 0.0), ("prod", 1.0), ("max", -np.inf), ("min", np.inf)]:
        assert_same(backend.reduce(op, x, (1,), False), np.full(2, expected, np.float32))
    assert_same(backend.reduce("max", np.zeros(0, np.int32), (0,), False),
                np.asarray(np.iinfo(np.int32).min, np.int32))


@pytest.mark.parametrize("kind, low, high", [("uniform", -2.0, 3.0), ("normal", 1.0, 2.0),
                                             ("truncated_normal", 0.0, 1.0),
                                             ("integers", 0, 7)])
def test_random(backend, kind, low, high):
    b = backend.backend
    dtype = np.dtype(np.int32 if kind == "integers" else np.float32)
    draw = b.to_numpy(b.random(b.new_generator(3), kind, (500,), dtype, low, high))
    again = b.to_numpy(b.random(b.new_generator(3), kind, (500,), dtype, low, high))
    assert draw.shape == (500,) and draw.dtype == dtype
    np.testing.assert_array_equal(draw, again)  # the same seed, the same numbers
    if kind in ("uniform", "integers"):
        assert draw.min() >= low and draw.max() < high
    elif kind == "truncated_normal":
        assert np.abs(draw).max() <= 2
    else:
        assert abs(draw.mean() - low) < 0.3 and abs(draw.std() - high) < 0.3


def test_fused_update_is_optional_and_right_when_present(backend):
    """A backend without the kernel returns None; one with it matches plain SGD."""
    b = backend.backend
    w, g = np.arange(6, dtype=np.float32).reshape(2, 3), np.full((2, 3), 0.5, np.float32)
    result = b.fused_update("sgd", b.asarray(w.copy()), b.asarray(g), {},
                            {"learning_rate": 0.25, "momentum": 0.0, "nesterov": False},
                            (None, {}))
    if result is not None:
        new_weight, slots = result
        assert_same(b.to_numpy(new_weight), w - 0.25 * g) and slots == {}
    assert b.fused_update("no such rule", b.asarray(w), b.asarray(g), {}, {}, (None, {})) \
        is None


def test_big_work_is_offered_to_the_fused_update(backend):
    """Whatever a backend decides for small work, a step with a big variable, or one
    late in a long training, is offered to its fused kernel (if it has one)."""
    b = backend.backend
    assert b.wants_fused_update(10**8, 0) is True
    assert b.wants_fused_update(10**8, 10**6) is True
    assert b.wants_fused_update(1, 10**6) is True


def test_every_interface_method_is_tested_here():
    import inspect
    from teachtensor.backend.base import Backend
    source = inspect.getsource(inspect.getmodule(test_every_interface_method_is_tested_here))
    methods = [name for name, member in vars(Backend).items()
               if callable(member) and not name.startswith("_")]
    untested = [name for name in methods
                if f".{name}(" not in source and f'"{name}"' not in source]
    assert not untested, f"conformance tests missing for {untested}"
