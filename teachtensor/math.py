"""``tf.math``: the mathematical operations under their TensorFlow names."""
from .ops.arithmetic import (add, add_n, divide, equal, floordiv, floormod,  # noqa: F401
                             greater, greater_equal, less, less_equal, logical_and,
                             logical_not, logical_or, logical_xor, maximum, minimum, multiply,
                             negative, not_equal, pow, subtract, truediv)
from .ops.functions import (abs, ceil, cos, erf, exp, floor, log, log1p,  # noqa: F401
                            reciprocal, relu, round, rsqrt, sigmoid, sign, sin, softplus, sqrt,
                            square, tanh)
from .ops.reductions import (reduce_all, reduce_any, reduce_logsumexp,  # noqa: F401
                             reduce_max, reduce_mean, reduce_min, reduce_prod, reduce_std,
                             reduce_sum, reduce_variance)
from .ops.selection import argmax, argmin  # noqa: F401
from .ops.nn_ops import l2_normalize  # noqa: F401
from .ops.core import where as _where
from .tensor import operands as _operands

mod = floormod

def divide_no_nan(x, y, name=None):
    """x / y, or 0 where y == 0.

    Example::

        >>> a, b = tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 0.0, 0.5])
        >>> print(tf.math.divide_no_nan(a, b))           # 2 / 0 gives 0
        teachtensor.Tensor([0.5 0.  6. ], shape=(3,), dtype=float32)
    """
    x, y = _operands(x, y)
    safe = _where(y == 0, 1, y)
    return _where(y == 0, 0, x / safe)


def squared_difference(x, y, name=None):
    """(x - y)^2.

    Example::

        >>> a, b = tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 0.5])
        >>> print(tf.math.squared_difference(a, b))      # (a - b) ** 2
        teachtensor.Tensor([1.   0.   6.25], shape=(3,), dtype=float32)
    """
    return square(subtract(x, y))
