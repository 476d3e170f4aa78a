"""The NumPy reference backend: the *definition* of every kernel.

Every other backend (Numba on the CPU; numba.cuda on a GPU, planned) computes exactly what
these few lines compute, and the tests check them against this file.  Arrays here are
plain ``numpy.ndarray``.

The interface is small on purpose.  A backend provides

* creation:      ``asarray``, ``full``, ``to_numpy``
* elementwise:   ``unary(op, x)``, ``binary(op, a, b)``, ``compare(op, a, b)``,
  ``where(cond, a, b)``, ``cast(x, dtype)``  (NumPy broadcasting rules)
* reductions:    ``reduce(op, x, axes, keepdims)``, ``argmax(x, axis)``, ``argmin``
* linear algebra: ``matmul(a, b)``
* fused:         ``softmax(x, axis)``, ``log_softmax(x, axis)``
* layout:        ``reshape``, ``transpose``, ``broadcast_to``, ``concat``,
  ``getitem``, ``scatter_add``, ``one_hot``
* in place, on a fresh array: ``assign(x, key, value)`` (x[key] = value)

The differentiable operations in ``teachtensor/ops`` call only these.
"""
import numpy as np

UNARY = {
    "negative": np.negative,
    "abs": np.abs,
    "sign": np.sign,
    "exp": np.exp,
    "log": np.log,
    "sqrt": np.sqrt,
    "square": np.square,
    "tanh": np.tanh,
    "sin": np.sin,
    "cos": np.cos,
    "floor": np.floor,
    "round": np.rint,
    "log1p": np.log1p,
    "sigmoid": lambda x: _sigmoid(x),
    "relu": lambda x: np.maximum(x, np.zeros((), x.dtype)),
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

REDUCE = {"sum": np.sum, "max": np.max, "min": np.min, "prod": np.prod}


def _lowest(dtype):
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _highest(dtype):
    return np.inf if dtype.kind == "f" else np.iinfo(dtype).max


def _sigmoid(x):
    """1 / (1 + e^-x), computed without overflow for large |x|."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype)


class NumpyBackend:
    """Kernels written as NumPy calls.  Short, obviously right, and the oracle."""

    name = "numpy"
    device = "/job:localhost/replica:0/task:0/device:CPU:0"

    # -- creation and transfer ------------------------------------------------
    def asarray(self, value, dtype=None):
        return np.asarray(value, dtype=dtype)

    def empty(self, shape, dtype):
        """A new array of ``shape`` whose values are not set yet (to be written)."""
        return np.empty(shape, dtype=dtype)

    def full(self, shape, fill_value, dtype):
        out = np.empty(shape, dtype=dtype)
        out.fill(fill_value)
        return out

    def to_numpy(self, x):
        return x

    def copy(self, x):
        """A new, contiguous array with the same values."""
        return np.array(x, order="C")

    # -- elementwise ----------------------------------------------------------
    def unary(self, op, x):
        with np.errstate(all="ignore"):
            return np.asarray(UNARY[op](x), dtype=x.dtype)

    def binary(self, op, a, b):
        with np.errstate(all="ignore"):
            out = BINARY[op](a, b)
        return np.asarray(out, dtype=a.dtype if op != "divide" else out.dtype)

    def compare(self, op, a, b):
        return COMPARE[op](a, b)

    def where(self, cond, a, b):
        return np.where(cond, a, b)

    def cast(self, x, dtype):
        return x.astype(dtype)

    # -- reductions -----------------------------------------------------------
    def reduce(self, op, x, axes, keepdims):
        """Reduce over ``axes`` (a tuple of non-negative ints; empty means all).

        Over no elements at all, sum gives 0, prod 1, max -inf and min +inf (the
        smallest / largest integer for integer dtypes), as in TensorFlow."""
        options = {}
        if op in ("max", "min") and x.size == 0:
            options["initial"] = _lowest(x.dtype) if op == "max" else _highest(x.dtype)
        return np.asarray(REDUCE[op](x, axis=axes if axes else None, keepdims=keepdims,
                                     **options), dtype=x.dtype)

    def argmax(self, x, axis):
        return np.argmax(x, axis=axis)

    def argmin(self, x, axis):
        return np.argmin(x, axis=axis)

    # -- linear algebra ---------------------------------------------------------
    def matmul(self, a, b):
        return np.matmul(a, b)

    # -- fused kernels ----------------------------------------------------------
    def softmax(self, x, axis):
        """exp(x - max) / sum(exp(x - max)) along ``axis``."""
        if x.size == 0:
            return x.copy()
        with np.errstate(all="ignore"):
            m = x.max(axis=axis, keepdims=True)
            e = np.exp(x - m)
            # a row with an infinite maximum: NaN there, 0 elsewhere (as TensorFlow)
            return np.where(m == np.inf, e, e / e.sum(axis=axis, keepdims=True))

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
        """x[key] as a new array (never a view, so nothing written later shows through)."""
        return np.array(x[key])

    def scatter_add(self, shape, key, values):
        """zeros(shape) with ``values`` added at ``x[key]`` (repeated indices add up)."""
        out = np.zeros(shape, dtype=values.dtype)
        np.add.at(out, key, values)
        return out

    def one_hot(self, indices, depth, dtype, on_value=1, off_value=0):
        out = np.full(indices.shape + (depth,), off_value, dtype=dtype)
        valid = (indices >= 0) & (indices < depth)
        out[valid, indices[valid]] = on_value  # out-of-range indices give a row of off_value
        return out

    # -- optional fused kernels ----------------------------------------------------
    def fused_update(self, rule, weight, gradient, slots, hyperparameters, out):
        """One optimizer step in a single pass, written into ``out`` = (new weight,
        {slot name: new values}); True when done.  This backend has no fused kernels:
        it returns False, and the optimizer runs its ``update_step`` (the same
        equations, as operations)."""
        return False

    # -- in place, for Variables ---------------------------------------------
    def assign(self, x, key, value):
        x[key] = value
