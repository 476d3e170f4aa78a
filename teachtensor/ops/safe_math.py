"""Arithmetic that gives 0 where the plain formula would give 0 * inf or 0 / 0.

Cross-entropy needs ``p * log(p)`` with 0 * log(0) taken as 0; an average needs
``total / count`` with 0 / 0 taken as 0.  Each function here says which zero wins, and
keeps it in its gradient too, as TensorFlow does:

    divide_no_nan(x, y)     x / y,       0 where y == 0
    reciprocal_no_nan(x)    1 / x,       0 where x == 0
    multiply_no_nan(x, y)   x * y,       0 where y == 0 (even if x is inf or NaN)
    xlogy(x, y)             x * log(y),  0 where x == 0 (even if y is 0 or NaN)
    xdivy(x, y)             x / y,       0 where x == 0

Each but multiply_no_nan is written with ``where``, choosing between the plain result
and 0.  A choice alone is not enough: ``where(y == 0, 0, x / y)`` still computes
x / 0 = inf in the branch it drops, and that branch's gradient, 0 * inf, is NaN.  So
the operand the formula would choke on is replaced first (by 1 where it would be 0),
and the dropped branch computes something finite.
"""
from ..recording import record
from ..tensor import operands
from .arithmetic import _binary, check_broadcast
from .core import unbroadcast, where
from .functions import _float_input, log


def _float_operands(name, x, y):
    """x and y of one float dtype, whose shapes broadcast (checked before computing)."""
    x, y = operands(x, y, f"tf.math.{name}")
    _float_input(f"math.{name}", x)  # refuses integers, with a message
    check_broadcast(f"tf.math.{name}", x, y)
    return x, y


def divide_no_nan(x, y, name=None):
    """x / y, or 0 where y == 0.

    Example::

        >>> a, b = tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 0.0, 0.5])
        >>> print(tf.math.divide_no_nan(a, b))           # 2 / 0 gives 0
        teachtensor.Tensor([0.5 0.  6. ], shape=(3,), dtype=float32)
    """
    x, y = operands(x, y, "tf.math.divide_no_nan")
    check_broadcast("tf.math.divide_no_nan", x, y)
    zero = y == 0
    return where(zero, 0, x / where(zero, 1, y))


def reciprocal_no_nan(x, name=None):
    """1 / x, or 0 where x == 0.

    Example::

        >>> print(tf.math.reciprocal_no_nan(tf.constant([0.0, 4.0])))
        teachtensor.Tensor([0.   0.25], shape=(2,), dtype=float32)
    """
    x = _float_input("math.reciprocal_no_nan", x)
    return divide_no_nan(1, x)


def multiply_no_nan(x, y, name=None):
    """x * y, or 0 where y == 0, even where x is inf or NaN (plain 0 * inf is NaN).

    A primitive, because its gradients are TensorFlow's, not those of a ``where``:
    d/dx = multiply_no_nan(g, y) and d/dy = multiply_no_nan(x, g), so d/dy is x also
    where y == 0, and a zero incoming gradient gives 0 even against an infinite x.

    Example::

        >>> print(tf.math.multiply_no_nan(tf.constant([float("inf"), 2.0]),
        ...                               tf.constant([0.0, 4.0])))
        teachtensor.Tensor([0. 8.], shape=(2,), dtype=float32)
    """
    x, y = _float_operands("multiply_no_nan", x, y)
    x, y, product = _binary("multiply", x, y)
    backend = x._backend
    zero = backend.full((), 0, x._data.dtype)
    out = backend.where(backend.compare("equal", y._data, zero), zero, product)
    return record("multiply_no_nan", (x, y), out,
                  lambda g: unbroadcast(multiply_no_nan(g, y), x),
                  lambda g: unbroadcast(multiply_no_nan(x, g), y))


def xlogy(x, y, name=None):
    """x * log(y), or 0 where x == 0 (even where y is 0 or NaN).

    d/dx = log(y), d/dy = x / y; both 0 where x == 0.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.math.xlogy(tf.constant([0.0, 2.0]), tf.constant([0.0, 3.0])))
        teachtensor.Tensor([0.     2.1972], shape=(2,), dtype=float32)
    """
    x, y = _float_operands("xlogy", x, y)
    zero = x == 0
    return where(zero, 0, x * log(where(zero, 1, y)))


def xdivy(x, y, name=None):
    """x / y, or 0 where x == 0 (even where y is 0).

    d/dx = 1 / y, d/dy = -x / y^2; both 0 where x == 0.

    Example::

        >>> print(tf.math.xdivy(tf.constant([0.0, 2.0]), tf.constant([0.0, 4.0])))
        teachtensor.Tensor([0.  0.5], shape=(2,), dtype=float32)
    """
    x, y = _float_operands("xdivy", x, y)
    zero = x == 0
    return where(zero, 0, x / where(zero, 1, y))
