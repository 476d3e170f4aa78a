"""The NumPy reference backend: the *definition* of every kernel.

Every other backend (Numba on the CPU; numba.cuda on a GPU, planned) computes exactly what
these few lines compute, and the tests check them against this file.  Arrays here are
plain ``numpy.ndarray``.  What each method takes, returns and raises is written in
``base.py``, the interface; here is only how, with NumPy.
"""
import math

import numpy as np

from .base import Backend, SingularMatrixError
from .quiet import quietly, restore, silence

UNARY = {
    "negative": np.negative,
    "abs": np.abs,
    "sign": np.sign,
    "exp": np.exp,
    "log": np.log,
    "log1p": np.log1p,
    "sqrt": np.sqrt,
    "square": np.square,
    "tanh": np.tanh,
    "sin": np.sin,
    "cos": np.cos,
    "floor": np.floor,
    "round": np.rint,
    "sigmoid": lambda x: _sigmoid(x),
    "relu": lambda x: np.maximum(x, np.zeros((), x.dtype)),
    "erf": np.vectorize(math.erf, otypes=[np.float64]),  # (NumPy has no erf of its own)
    "expm1": np.expm1,
    "asin": np.arcsin,
    "acos": np.arccos,
    "atan": np.arctan,
    "sinh": np.sinh,
    "cosh": np.cosh,
    "asinh": np.arcsinh,
    "acosh": np.arccosh,
    "atanh": np.arctanh,
}

BINARY = {
    "add": np.add,
    "subtract": np.subtract,
    "multiply": np.multiply,
    "divide": np.true_divide,
    "power": np.power,
    "maximum": np.maximum,
    "minimum": np.minimum,
    "floordiv": np.floor_divide,
    "mod": np.mod,
    "relu_grad": lambda g, x: np.where(x > 0, g, np.zeros((), g.dtype)),  # (scalar_math)
    "atan2": np.arctan2,
}

COMPARE = {
    "equal": np.equal,
    "not_equal": np.not_equal,
    "less": np.less,
    "less_equal": np.less_equal,
    "greater": np.greater,
    "greater_equal": np.greater_equal,
    "logical_and": np.logical_and,
    "logical_or": np.logical_or,
}

# np.sum(x) is np.add.reduce(x) behind a wrapper that costs 1 µs; the ufuncs directly
REDUCE = {"sum": np.add.reduce, "max": np.maximum.reduce, "min": np.minimum.reduce,
          "prod": np.multiply.reduce}


def _lowest(dtype):
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _highest(dtype):
    return np.inf if dtype.kind == "f" else np.iinfo(dtype).max


def _sigmoid(x):
    """1 / (1 + e^-x), computed without overflow for large |x|."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype)


class NumpyBackend(Backend):
    """Kernels written as NumPy calls.  Short, obviously right, and the oracle."""

    name = "numpy"
    device = "/job:localhost/replica:0/task:0/device:CPU:0"

    # -- creation and transfer ------------------------------------------------
    def asarray(self, value, dtype=None):
        return np.asarray(value, dtype=dtype)  # handed over: kept, not copied

    def empty(self, shape, dtype):
        return np.empty(shape, dtype=dtype)

    def full(self, shape, fill_value, dtype):
        out = np.empty(shape, dtype=dtype)
        out.fill(fill_value)
        return out

    def to_numpy(self, x):
        return x

    def copy(self, x):
        return np.array(x, order="C")

    # -- elementwise ----------------------------------------------------------
    # A ufunc returns a NumPy scalar, not an array, for 0-d inputs; its result may come
    # in another dtype than the operands' (NumPy's square root of an integer is a
    # float64), and as a subclass of ndarray for a subclass (np.matrix): np.asarray
    # makes all three a plain array of the right dtype.  It costs 0.1 µs, so it runs
    # only when the result needs it.  (``is``: NumPy's dtype objects for float32 etc.
    # are one object each; where they are not, the check fails safe and np.asarray
    # runs.)
    def unary(self, op, x):
        out = quietly(UNARY[op], x)  # 1/0 is inf, silently
        return out if type(out) is np.ndarray and out.dtype is x.dtype else \
            np.asarray(out, dtype=x.dtype)

    def binary(self, op, a, b):
        out = quietly(BINARY[op], a, b)
        if type(out) is np.ndarray and (out.dtype is a.dtype or op == "divide"):
            return out  # (int / int is a float, as in TensorFlow)
        return np.asarray(out, dtype=a.dtype if op != "divide" else out.dtype)

    def compare(self, op, a, b):
        return np.asarray(COMPARE[op](a, b))  # (a NumPy ufunc turns 0-d results into scalars)

    def where(self, cond, a, b):
        return np.asarray(np.where(cond, a, b))

    def cast(self, x, dtype):
        return x.astype(dtype)

    # -- reductions -----------------------------------------------------------
    def reduce(self, op, x, axes, keepdims):
        """Reduce over ``axes`` (a sorted tuple of non-negative ints; empty: all axes).

        Over no elements at all, sum gives 0, prod 1, max -inf and min +inf (the
        smallest / largest integer for integer dtypes), as in TensorFlow."""
        if x.size == 0 and op in ("max", "min"):
            start = _lowest(x.dtype) if op == "max" else _highest(x.dtype)
            return np.asarray(REDUCE[op](x, axis=axes or None, keepdims=keepdims,
                                         initial=start), dtype=x.dtype)
        # By position, (array, axis, dtype, out, keepdims), as NumPy's _methods.py passes
        # them: no dictionary of options to build.  No axes means every axis.  A sum
        # that overflows is inf, silently, as in TensorFlow (quiet.py).
        token = silence()
        try:
            out = REDUCE[op](x, axes or None, None, None, keepdims)
        finally:
            restore(token)
        return np.asarray(out, dtype=x.dtype)

    # (the methods, not np.argmax and np.argmin, which wrap them at 0.5 µs a call)
    def argmax(self, x, axis):
        return np.asarray(x.argmax(axis=axis), dtype=np.int64)

    def argmin(self, x, axis):
        return np.asarray(x.argmin(axis=axis), dtype=np.int64)

    # -- linear algebra ---------------------------------------------------------
    def matmul(self, a, b, transpose_a=False, transpose_b=False):
        # The transposes are views (no copy; BLAS reads them the other way round).  The
        # method, not np.swapaxes: that is the same call behind a 0.5 µs wrapper.
        if transpose_a:
            a = a.swapaxes(-1, -2)
        if transpose_b:
            b = b.swapaxes(-1, -2)
        token = silence()  # overflow gives inf, silently, as in TensorFlow
        try:
            return np.matmul(a, b)
        finally:
            restore(token)

    def solve(self, a, b):
        """LAPACK's gesv (LU with partial pivoting), through NumPy."""
        try:
            return np.linalg.solve(a, b)
        except np.linalg.LinAlgError:
            raise SingularMatrixError("a matrix is singular (not invertible)") from None

    def det(self, a):
        """LAPACK's getrf (LU with partial pivoting): the product of the pivots, with
        the sign of the row swaps."""
        return np.asarray(np.linalg.det(a), dtype=a.dtype)

    # -- fused kernels ----------------------------------------------------------
    def softmax(self, x, axis):
        """exp(x - max) / sum(exp(x - max)) along ``axis``."""
        if x.size == 0:
            return x.copy()
        m = x.max(axis=axis, keepdims=True)
        if np.isfinite(m).all():  # the usual case: no row holds +inf or NaN (a NaN
            e = np.exp(x - m)     # would be its maximum), so nothing can warn
            return (e / e.sum(axis=axis, keepdims=True)).astype(x.dtype, copy=False)
        with np.errstate(all="ignore"):
            e = np.exp(x - m)
            out = np.where(m == np.inf, e, e / e.sum(axis=axis, keepdims=True))
            # a row with an infinite maximum or a NaN: NaN there, 0 elsewhere (as TF)
            has_nan = np.isnan(x).any(axis=axis, keepdims=True)
            return np.where(has_nan, np.where(np.isnan(x), np.nan, 0), out).astype(x.dtype)

    def log_softmax(self, x, axis):
        """(x - max) - log(sum(exp(x - max))) along ``axis``."""
        if x.size == 0:
            return x.copy()
        with np.errstate(all="ignore"):
            shifted = x - x.max(axis=axis, keepdims=True)
            return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))

    # -- layout -----------------------------------------------------------------
    def reshape(self, x, shape):
        return x.reshape(shape)

    def transpose(self, x, perm):
        return x.transpose(perm)

    def broadcast_to(self, x, shape):
        if x.ndim == 0:
            return self.full(shape, x, x.dtype)  # quicker than a view for one number
        return np.broadcast_to(x, shape)

    def concat(self, arrays, axis):
        return np.concatenate(arrays, axis=axis)

    def getitem(self, x, key):
        try:
            part = x[key]
        except IndexError as error:
            if "valid indices" in str(error):  # x[1.0], x["a"]: the wrong kind of key
                raise TypeError(str(error)) from None
            raise
        # basic indexing gives a view; fancy indexing already a new array
        return np.array(part) if np.may_share_memory(part, x) else np.asarray(part)

    def scatter_add(self, shape, key, values):
        """zeros(shape) with ``values`` added at ``x[key]`` (repeated indices add up)."""
        out = np.zeros(shape, dtype=values.dtype)
        np.add.at(out, key, values)
        return out

    def take_along_axis(self, x, indices):
        return np.take_along_axis(x, indices[..., None], axis=-1)[..., 0]

    def put_along_axis(self, shape, indices, values):
        out = np.zeros(shape, dtype=values.dtype)
        np.put_along_axis(out, indices[..., None], values[..., None], axis=-1)
        return out

    def nonzero(self, x):
        return np.argwhere(x).astype(np.int64)

    def one_hot(self, indices, depth, dtype, on_value=1, off_value=0):
        out = np.full(indices.shape + (depth,), off_value, dtype=dtype)
        valid = (indices >= 0) & (indices < depth)
        out[valid, indices[valid]] = on_value  # out-of-range indices give a row of off_value
        return out

    # -- in place, for Variables ---------------------------------------------
    def assign(self, x, key, value):
        x[key] = value

    # -- random numbers ----------------------------------------------------------
    def new_generator(self, seed):
        return np.random.default_rng(seed)

    def random(self, generator, kind, shape, dtype, low=0.0, high=1.0):
        if kind == "uniform":
            values = generator.uniform(low, high, size=shape)
        elif kind == "integers":
            values = generator.integers(int(low), int(high), size=shape)
        elif kind == "normal":
            values = generator.normal(low, high, size=shape)
        elif kind == "truncated_normal":
            values = generator.normal(size=shape)
            outside = np.abs(values) > 2
            while outside.any():  # redraw those further than 2 standard deviations out
                values[outside] = generator.normal(size=int(outside.sum()))
                outside = np.abs(values) > 2
            values = low + high * values
        else:
            raise ValueError(f"unknown kind of random numbers {kind!r}")
        return values.astype(dtype)
