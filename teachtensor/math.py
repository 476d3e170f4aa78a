"""``tf.math``: the mathematical operations under their TensorFlow names."""
from .ops.arithmetic import (add, add_n, divide, equal, floordiv, floormod,  # noqa: F401
                             greater, greater_equal, less, less_equal, logical_and,
                             logical_not, logical_or, logical_xor, maximum, minimum, multiply,
                             negative, not_equal, pow, subtract, truediv)
from .ops.functions import (abs, ceil, cos, erf, exp, expm1, floor, log, log1p,  # noqa: F401
                            reciprocal, relu, round, rsqrt, sigmoid, sign, sin, softplus, sqrt,
                            square, tanh)
from .ops.reductions import (reduce_all, reduce_any, reduce_logsumexp,  # noqa: F401
                             reduce_max, reduce_mean, reduce_min, reduce_prod, reduce_std,
                             reduce_sum, reduce_variance)
from .ops.selection import argmax, argmin  # noqa: F401
from .ops.activations import log_sigmoid  # noqa: F401
from .ops.nn_ops import l2_normalize, log_softmax, softmax  # noqa: F401
from .ops.safe_math import (divide_no_nan, multiply_no_nan, reciprocal_no_nan,  # noqa: F401
                            xdivy, xlogy)
from .ops.scan import cumsum  # noqa: F401
from .ops.trigonometric import (acos, acosh, asin, asinh, atan, atan2, atanh,  # noqa: F401
                                cosh, sinh)
from .ops.sorting import top_k  # noqa: F401
from .ops.confusion import confusion_matrix  # noqa: F401
from .ops.core import cast as _cast, where as _where
from .ops.functions import _float_input
from .tensor import convert_to_tensor as _convert
from .tensor import operands as _operands

mod = floormod

def squared_difference(x, y, name=None):
    """(x - y)^2.

    Example::

        >>> a, b = tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 0.5])
        >>> print(tf.math.squared_difference(a, b))      # (a - b) ** 2
        teachtensor.Tensor([1.   0.   6.25], shape=(3,), dtype=float32)
    """
    return square(subtract(x, y))


def _floats_only(name, x):
    x = _convert(x)
    if not x.dtype.is_floating:
        raise TypeError(f"tf.math.{name} asks a question about floats (NaN and infinity "
                        f"exist only there); got {x.dtype.name}: cast first with "
                        f"tf.cast(x, tf.float32)")
    return x


def is_nan(x, name=None):
    """True where x is NaN ("not a number": 0/0, inf - inf).  NaN is the one value not
    equal to itself, so this is ``x != x``.

    Example::

        >>> print(tf.math.is_nan(tf.constant([1.0, float("nan"), float("inf")])))
        teachtensor.Tensor([False  True False], shape=(3,), dtype=bool)
    """
    x = _floats_only("is_nan", x)
    return x != x


def is_inf(x, name=None):
    """True where x is +inf or -inf.

    Example::

        >>> print(tf.math.is_inf(tf.constant([1.0, float("nan"), -float("inf")])))
        teachtensor.Tensor([False False  True], shape=(3,), dtype=bool)
    """
    x = _floats_only("is_inf", x)
    return abs(x) == float("inf")


def is_finite(x, name=None):
    """True where x is neither NaN nor infinite: ``|x| < inf`` (a comparison with NaN
    is False, so NaN is left out too).

    Example::

        >>> print(tf.math.is_finite(tf.constant([1.0, float("nan"), float("inf")])))
        teachtensor.Tensor([ True False False], shape=(3,), dtype=bool)
    """
    x = _floats_only("is_finite", x)
    return abs(x) < float("inf")


def tan(x, name=None):
    """tan(x) = sin(x) / cos(x).   d/dx = 1 / cos²(x) (through the quotient's gradient).

    Example::

        >>> print(tf.math.tan(tf.constant([0.0, 0.5])))
        teachtensor.Tensor([0.        0.5463025], shape=(2,), dtype=float32)
    """
    x = _float_input("math.tan", x)
    return sin(x) / cos(x)


def count_nonzero(input, axis=None, keepdims=None, dtype="int64", name=None):  # noqa: A002
    """How many elements along ``axis`` are not zero (not False, for bools), as int64.

    Example::

        >>> print(tf.math.count_nonzero(tf.constant([[0.0, 1.5], [2.0, 3.0]]), axis=1))
        teachtensor.Tensor([1 2], shape=(2,), dtype=int64)
    """
    x = _convert(input)
    nonzero = x if x.dtype.name == "bool" else x != 0
    return _cast(reduce_sum(_cast(nonzero, dtype), axis=axis, keepdims=bool(keepdims)), dtype)
