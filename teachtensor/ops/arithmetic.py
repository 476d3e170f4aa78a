"""Elementwise arithmetic with two inputs: + - * / ** maximum minimum, and friends.

Each operation is its forward computation followed by its gradient, one function per
input.  Inputs broadcast (NumPy rules), so each gradient is summed back to its
input's shape by ``unbroadcast`` (``core.py``) — the one rule that makes broadcasting
differentiable.  Gradients are written with teachtensor operations, so they can be
differentiated again (nested tapes, second derivatives).
"""
import numpy as np

from ..errors import InvalidArgumentError
from ..recording import record
from ..tensor import convert_to_tensor, operands
from .checks import boolean, numeric
from .core import cast, reduce_sum, unbroadcast, unchanged, where
from .functions import log


def _binary(name, a, b):
    """Convert the operands and run a two-input kernel: (a, b, result data)."""
    a, b = operands(a, b, name)  # now of one dtype
    if a._data.dtype.kind == "b":
        numeric(name, a)  # refuses bools, with a message
    try:
        return a, b, a._backend.binary(name, a._data, b._data)
    except ValueError:
        check_broadcast(name, a, b)
        raise


def check_broadcast(name, a, b):
    """Raise a clear error when the shapes of a and b do not broadcast."""
    try:
        np.broadcast_shapes(a._data.shape, b._data.shape)
    except ValueError:
        raise InvalidArgumentError(
            f"{name}: shapes {a.shape} and {b.shape} are incompatible. Broadcasting lines "
            f"the shapes up from the right; each pair of lengths must be equal or one of "
            f"them 1. Reshape one operand (tf.reshape, tf.expand_dims) to make them fit."
        ) from None


def add(x, y, name=None):
    """x + y.

    Example::

        >>> print(tf.add(tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 0.5])))
        teachtensor.Tensor([3.  4.  3.5], shape=(3,), dtype=float32)
    """
    x, y, out = _binary("add", x, y)
    return record("add", (x, y), out,
                  lambda g: unbroadcast(g, x),
                  lambda g: unbroadcast(g, y))


def subtract(x, y, name=None):
    """x - y.

    Example::

        >>> print(tf.subtract(tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 0.5])))
        teachtensor.Tensor([-1.   0.   2.5], shape=(3,), dtype=float32)
    """
    x, y, out = _binary("subtract", x, y)
    return record("subtract", (x, y), out,
                  lambda g: unbroadcast(g, x),
                  lambda g: unbroadcast(-g, y))


def multiply(x, y, name=None):
    """x * y.   d/dx = y,  d/dy = x.

    Example::

        >>> print(tf.multiply(tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 0.5])))
        teachtensor.Tensor([2.  4.  1.5], shape=(3,), dtype=float32)
    """
    x, y, out = _binary("multiply", x, y)
    return record("multiply", (x, y), out,
                  lambda g: unbroadcast(g * y, x),
                  lambda g: unbroadcast(g * x, y))


def divide(x, y, name=None):
    """x / y.   d/dx = 1/y,  d/dy = -x/y^2.

    Integers divide into floats, by TensorFlow's rule: 8- and 16-bit integers into
    float32 (``pixels / 255`` of a uint8 image is float32, like the weights), wider
    ones into float64 (a float32 has too few digits for every int32).

    Example::

        >>> print(tf.divide(tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 0.5])))
        teachtensor.Tensor([0.5 1.  6. ], shape=(3,), dtype=float32)
        >>> print((tf.constant([51, 255], dtype=tf.uint8) / 255).dtype)
        <dtype: 'float32'>
    """
    x, y = operands(x, y, "truediv")
    if x._data.dtype.kind in "iu" and x._data.dtype.itemsize <= 2:
        return divide(cast(x, "float32"), cast(y, "float32"))  # (no gradient: integers)
    x, y, out = _binary("divide", x, y)
    if out.dtype != x._data.dtype:  # int / int: not differentiable anyway
        return record("divide", (x, y), out, None, None)
    return record("divide", (x, y), out,
                  lambda g: unbroadcast(g / y, x),
                  lambda g: unbroadcast(-g * x / (y * y), y))


truediv = divide


def pow(x, y, name=None):  # noqa: A001  (the TensorFlow name)
    """x ** y.   d/dx = y * x^(y-1),  d/dy = x^y * log(x)  (taken as 0 where x <= 0).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.pow(tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 0.5])))
        teachtensor.Tensor([1.     4.     1.7321], shape=(3,), dtype=float32)
    """
    x, y, out = _binary("power", x, y)
    if not x._differentiable:
        return record("pow", (x, y), out, None, None)
    result = record("pow", (x, y), out,
                    lambda g: unbroadcast(g * y * x ** (y - 1), x),
                    lambda g: unbroadcast(g * result * where(x > 0, log(where(x > 0, x, 1)), 0), y))
    return result


def negative(x, name=None):
    """-x.

    Example::

        >>> print(tf.negative(tf.constant([0.5, 1.0, 2.0])))
        teachtensor.Tensor([-0.5 -1.  -2. ], shape=(3,), dtype=float32)
    """
    x = convert_to_tensor(x)
    numeric("negative", x)
    return record("negative", (x,), x._backend.unary("negative", x._data), lambda g: -g)


def maximum(x, y, name=None):
    """The larger of x and y.  On a tie the gradient goes to x.

    Example::

        >>> print(tf.maximum(tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 0.5])))
        teachtensor.Tensor([2. 2. 3.], shape=(3,), dtype=float32)
    """
    x, y, out = _binary("maximum", x, y)
    return record("maximum", (x, y), out,
                  lambda g: unbroadcast(where(x >= y, g, 0), x),
                  lambda g: unbroadcast(where(x >= y, 0, g), y))


def minimum(x, y, name=None):
    """The smaller of x and y.  On a tie the gradient goes to x.

    Example::

        >>> print(tf.minimum(tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 0.5])))
        teachtensor.Tensor([1.  2.  0.5], shape=(3,), dtype=float32)
    """
    x, y, out = _binary("minimum", x, y)
    return record("minimum", (x, y), out,
                  lambda g: unbroadcast(where(x <= y, g, 0), x),
                  lambda g: unbroadcast(where(x <= y, 0, g), y))


def floordiv(x, y, name=None):
    """floor(x / y): piecewise constant, so no gradient.

    Example::

        >>> print(tf.floordiv(tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 0.5])))
        teachtensor.Tensor([0. 1. 6.], shape=(3,), dtype=float32)
    """
    x, y = operands(x, y, "floordiv")
    _no_integer_zero("floordiv (//)", y)
    x, y, out = _binary("floordiv", x, y)
    return record("floordiv", (x, y), out, None, None)


def _no_integer_zero(name, y):
    """Integers have no infinity to give for x // 0 (NumPy quietly gives 0): refuse, as
    TensorFlow does (InvalidArgumentError), before computing anything."""
    if y._data.dtype.kind in "iu" and int(reduce_sum(cast(equal(y, 0), "int32"))):
        raise InvalidArgumentError(f"{name}: integer division by zero (integers have no "
                                   f"infinity); divide floats, tf.cast(y, tf.float32), to "
                                   f"get inf, or keep zeros out of the divisor")


def floormod(x, y, name=None):
    """x - floor(x / y) * y (Python's %).   d/dx = 1,  d/dy = -floor(x / y).

    Example::

        >>> print(tf.math.floormod(tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 0.5])))
        teachtensor.Tensor([1. 0. 0.], shape=(3,), dtype=float32)
    """
    x, y = operands(x, y, "floormod")
    _no_integer_zero("floormod (%)", y)
    x, y, out = _binary("mod", x, y)
    return record("floormod", (x, y), out,
                  lambda g: unbroadcast(g, x),
                  lambda g: unbroadcast(-g * floordiv(x, y), y))


# ---- comparisons: boolean results, no gradient ------------------------------------

def _compare(name, x, y):
    x, y = operands(x, y, name)
    if name.startswith("logical_"):
        boolean(name, x, y)
    elif name not in ("equal", "not_equal"):
        numeric(name, x, y)  # bools are equal or not, but not less or greater
    try:
        out = x._backend.compare(name, x._data, y._data)
    except ValueError:
        check_broadcast(name, x, y)
        raise
    return record(name, (x, y), out, None, None)


def equal(x, y, name=None):
    """x == y, elementwise (a bool tensor; no gradient).

    Example::

        >>> print(tf.equal(tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 0.5])))
        teachtensor.Tensor([False  True False], shape=(3,), dtype=bool)
    """
    return _compare("equal", x, y)


def not_equal(x, y, name=None):
    """x != y, elementwise (a bool tensor; no gradient).

    Example::

        >>> print(tf.not_equal(tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 0.5])))
        teachtensor.Tensor([ True False  True], shape=(3,), dtype=bool)
    """
    return _compare("not_equal", x, y)


def less(x, y, name=None):
    """x < y, elementwise (a bool tensor; no gradient).

    Example::

        >>> print(tf.less(tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 0.5])))
        teachtensor.Tensor([ True False False], shape=(3,), dtype=bool)
    """
    return _compare("less", x, y)


def less_equal(x, y, name=None):
    """x <= y, elementwise (a bool tensor; no gradient).

    Example::

        >>> print(tf.less_equal(tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 0.5])))
        teachtensor.Tensor([ True  True False], shape=(3,), dtype=bool)
    """
    return _compare("less_equal", x, y)


def greater(x, y, name=None):
    """x > y, elementwise (a bool tensor; no gradient).

    Example::

        >>> print(tf.greater(tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 0.5])))
        teachtensor.Tensor([False False  True], shape=(3,), dtype=bool)
    """
    return _compare("greater", x, y)


def greater_equal(x, y, name=None):
    """x >= y, elementwise (a bool tensor; no gradient).

    Example::

        >>> print(tf.greater_equal(tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 0.5])))
        teachtensor.Tensor([False  True  True], shape=(3,), dtype=bool)
    """
    return _compare("greater_equal", x, y)


def logical_and(x, y, name=None):
    """x and y, elementwise, for bool tensors.

    Example::

        >>> a, b = tf.constant([True, True, False]), tf.constant([True, False, False])
        >>> print(tf.logical_and(a, b))
        teachtensor.Tensor([ True False False], shape=(3,), dtype=bool)
    """
    return _compare("logical_and", x, y)


def logical_or(x, y, name=None):
    """x or y, elementwise, for bool tensors.

    Example::

        >>> a, b = tf.constant([True, True, False]), tf.constant([True, False, False])
        >>> print(tf.logical_or(a, b))
        teachtensor.Tensor([ True  True False], shape=(3,), dtype=bool)
    """
    return _compare("logical_or", x, y)


def logical_xor(x, y, name=None):
    """x xor y, elementwise, for bool tensors: (x or y) and not (x and y).

    Example::

        >>> a, b = tf.constant([True, True, False]), tf.constant([True, False, False])
        >>> print(tf.logical_xor(a, b))
        teachtensor.Tensor([False  True False], shape=(3,), dtype=bool)
    """
    return logical_and(logical_or(x, y), logical_not(logical_and(x, y)))


def logical_not(x, name=None):
    """not x, elementwise, for bool tensors.

    Example::

        >>> print(tf.logical_not(tf.constant([True, False])))
        teachtensor.Tensor([False  True], shape=(2,), dtype=bool)
    """
    x = convert_to_tensor(x)
    boolean("logical_not", x)
    return equal(x, False)


# ---- several at once ----------------------------------------------------------------

def add_n(inputs, name=None):
    """The sum of a list of tensors of one shape.

    Example::

        >>> print(tf.add_n([tf.ones(2), tf.ones(2), tf.ones(2)]))
        teachtensor.Tensor([3. 3.], shape=(2,), dtype=float32)
    """
    inputs = list(inputs)
    if not inputs:
        raise InvalidArgumentError("tf.add_n needs at least one tensor to add, got an empty list")
    shapes = {tuple(convert_to_tensor(t).shape) for t in inputs}
    if len(shapes) > 1:
        raise InvalidArgumentError(f"tf.add_n adds tensors of one shape, got shapes "
                                   f"{sorted(shapes)}")
    total = convert_to_tensor(inputs[0])
    if len(inputs) == 1:
        return unchanged(total)
    for t in inputs[1:]:
        total = add(total, t)
    return total
