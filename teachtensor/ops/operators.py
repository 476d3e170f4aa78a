"""Python operators on tensors: ``a + b`` calls ``add(a, b)``, ``a @ b`` calls ``matmul``.

Python turns ``a + b`` into ``a.__add__(b)``, and, when ``a`` is a number or a NumPy
array that does not know tensors, into ``b.__radd__(a)``.  This file attaches those
methods to Tensor.  ``__array_ufunc__`` makes NumPy hand its functions over to us too,
so ``numpy_array - tensor`` and ``np.exp(tensor)`` give tensors.
"""
import numpy as np

from ..tensor import Tensor, operands
from . import arithmetic as ar
from . import functions as fn
from . import linalg
from .indexing import getitem


def _flip(op):
    return lambda self, other: op(other, self)


def _equality(op, self, other, when_apart):
    """``x == y`` and ``x != y`` as TensorFlow 2 has them: a bool tensor, elementwise.

    Two cases differ from ``tf.equal``, as in TensorFlow: comparing with None gives the
    Python bool ``when_apart`` (False for ==), and shapes that do not broadcast give it
    as a 0-d bool tensor, not an error.  Everything else raises as every operation does:
    an int64 tensor == an int32 one is a TypeError, not a silent False (which would make
    ``tf.reduce_mean(tf.cast(predictions == labels, "float32"))`` an accuracy of 0).
    """
    if other is None:
        return when_apart
    x, y = operands(self, other, op.__name__)  # (refuses mixed dtypes and values that do not fit)
    try:
        np.broadcast_shapes(tuple(x._data.shape), tuple(y._data.shape))
    except ValueError:
        return Tensor(x._backend.full((), when_apart, np.bool_), x._backend)
    return op(x, y)


def _eq(self, other):
    return _equality(ar.equal, self, other, False)


def _ne(self, other):
    return _equality(ar.not_equal, self, other, True)


OPERATORS = {
    "__add__": ar.add, "__radd__": _flip(ar.add),
    "__sub__": ar.subtract, "__rsub__": _flip(ar.subtract),
    "__mul__": ar.multiply, "__rmul__": _flip(ar.multiply),
    "__truediv__": ar.divide, "__rtruediv__": _flip(ar.divide),
    "__floordiv__": ar.floordiv, "__rfloordiv__": _flip(ar.floordiv),
    "__mod__": ar.floormod, "__rmod__": _flip(ar.floormod),
    "__pow__": ar.pow, "__rpow__": _flip(ar.pow),
    "__matmul__": linalg.matmul, "__rmatmul__": _flip(linalg.matmul),
    "__neg__": ar.negative, "__pos__": lambda self: self, "__abs__": fn.abs,
    "__lt__": ar.less, "__le__": ar.less_equal,
    "__gt__": ar.greater, "__ge__": ar.greater_equal,
    "__eq__": _eq, "__ne__": _ne,
    "__and__": ar.logical_and, "__rand__": _flip(ar.logical_and),
    "__or__": ar.logical_or, "__ror__": _flip(ar.logical_or),
    "__xor__": ar.logical_xor, "__rxor__": _flip(ar.logical_xor),
    "__invert__": ar.logical_not,
    "__getitem__": getitem,
}

# NumPy functions that have a teachtensor twin (called as np.f(..., tensor, ...)).
UFUNCS = {
    np.add: ar.add, np.subtract: ar.subtract, np.multiply: ar.multiply,
    np.true_divide: ar.divide, np.floor_divide: ar.floordiv, np.remainder: ar.floormod,
    np.power: ar.pow, np.matmul: linalg.matmul, np.negative: ar.negative,
    np.maximum: ar.maximum, np.minimum: ar.minimum,
    np.less: ar.less, np.less_equal: ar.less_equal, np.greater: ar.greater,
    np.greater_equal: ar.greater_equal, np.equal: ar.equal, np.not_equal: ar.not_equal,
    np.exp: fn.exp, np.log: fn.log, np.sqrt: fn.sqrt, np.square: fn.square,
    np.abs: fn.abs, np.sin: fn.sin, np.cos: fn.cos, np.tanh: fn.tanh,
}


def _array_ufunc(self, ufunc, method, *inputs, **kwargs):
    if method == "__call__" and ufunc in UFUNCS and not kwargs:
        return UFUNCS[ufunc](*inputs)
    arrays = [np.asarray(x) if isinstance(x, Tensor) else x for x in inputs]
    return getattr(ufunc, method)(*arrays, **kwargs)  # anything else: plain NumPy


def attach():
    for name, op in OPERATORS.items():
        setattr(Tensor, name, op)
    Tensor.__array_ufunc__ = _array_ufunc
    Tensor.__hash__ = object.__hash__  # defining __eq__ would otherwise remove it


attach()
