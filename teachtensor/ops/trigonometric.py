"""The inverse trigonometric functions (asin, acos, atan, atan2) and the hyperbolic ones
(sinh, cosh and their inverses; tanh is in ``functions.py``, with sin and cos).

Each is the backend's kernel forward, and its derivative as TensorFlow writes it:

    asin x:  1 / sqrt(1 - x^2)       sinh x:   cosh x        asinh x:  1 / cosh(y)
    acos x: -1 / sqrt(1 - x^2)       cosh x:   sinh x        acosh x:  1 / sinh(y)
    atan x:  1 / (1 + x^2)                                   atanh x:  1 / (1 - x^2)
    atan2(y, x):  d/dy = x / (x^2 + y^2),  d/dx = -y / (x^2 + y^2)

(asinh and acosh use their output y: cosh(asinh x) = sqrt(x^2 + 1), written without
the square root.)  Outside a function's domain the result is NaN, as in NumPy: asin(2),
acosh(0.5).  Floats only; an integer tensor is refused, as in TensorFlow.
"""
from ..recording import record
from ..tensor import operands
from .arithmetic import _binary
from .core import unbroadcast
from .functions import _float_input, _unary, rsqrt, square


def asin(x, name=None):
    """The angle in [-pi/2, pi/2] whose sine is x.   dy/dx = 1 / sqrt(1 - x^2).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.asin(tf.constant([0.0, 0.5, 1.0])))
        teachtensor.Tensor([0.     0.5236 1.5708], shape=(3,), dtype=float32)
    """
    x = _float_input("asin", x)
    return record("asin", (x,), _unary("asin", x), lambda g: g * rsqrt(1 - square(x)))


def acos(x, name=None):
    """The angle in [0, pi] whose cosine is x.   dy/dx = -1 / sqrt(1 - x^2).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.acos(tf.constant([1.0, 0.5, -1.0])))
        teachtensor.Tensor([0.     1.0472 3.1416], shape=(3,), dtype=float32)
    """
    x = _float_input("acos", x)
    return record("acos", (x,), _unary("acos", x), lambda g: -g * rsqrt(1 - square(x)))


def atan(x, name=None):
    """The angle in (-pi/2, pi/2) whose tangent is x.   dy/dx = 1 / (1 + x^2).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.atan(tf.constant([0.0, 1.0, float("inf")])))
        teachtensor.Tensor([0.     0.7854 1.5708], shape=(3,), dtype=float32)
    """
    x = _float_input("atan", x)
    return record("atan", (x,), _unary("atan", x), lambda g: g / (1 + square(x)))


def atan2(y, x, name=None):
    """The angle of the point (x, y) from the positive x axis, in (-pi, pi]: atan(y / x)
    put in the right quadrant by the signs of x and y (note the order: y first, as in
    TensorFlow, NumPy and C).   d/dy = x / (x^2 + y^2),  d/dx = -y / (x^2 + y^2).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.atan2(tf.constant([1.0, 1.0, -1.0]), tf.constant([1.0, -1.0, -1.0])))
        teachtensor.Tensor([ 0.7854  2.3562 -2.3562], shape=(3,), dtype=float32)
    """
    y, x = operands(y, x, "atan2")
    _float_input("atan2", y)  # refuses integers before computing anything
    y, x, out = _binary("atan2", y, x)

    def scaled(g):
        return g / (square(x) + square(y))
    return record("atan2", (y, x), out,
                  lambda g: unbroadcast(x * scaled(g), y),
                  lambda g: unbroadcast(-y * scaled(g), x))


def sinh(x, name=None):
    """(e^x - e^-x) / 2.   dy/dx = cosh x.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.sinh(tf.constant([0.0, 1.0, -2.0])))
        teachtensor.Tensor([ 0.      1.1752 -3.6269], shape=(3,), dtype=float32)
    """
    x = _float_input("sinh", x)
    return record("sinh", (x,), _unary("sinh", x), lambda g: g * cosh(x))


def cosh(x, name=None):
    """(e^x + e^-x) / 2.   dy/dx = sinh x.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.cosh(tf.constant([0.0, 1.0, -2.0])))
        teachtensor.Tensor([1.     1.5431 3.7622], shape=(3,), dtype=float32)
    """
    x = _float_input("cosh", x)
    return record("cosh", (x,), _unary("cosh", x), lambda g: g * sinh(x))


def asinh(x, name=None):
    """The inverse of sinh: log(x + sqrt(x^2 + 1)).   dy/dx = 1 / cosh(y).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.asinh(tf.constant([0.0, 1.1752])))
        teachtensor.Tensor([0. 1.], shape=(2,), dtype=float32)
    """
    x = _float_input("asinh", x)
    y = record("asinh", (x,), _unary("asinh", x), lambda g: g / cosh(y))
    return y


def acosh(x, name=None):
    """The inverse of cosh on [1, inf): log(x + sqrt(x^2 - 1)).   dy/dx = 1 / sinh(y).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.acosh(tf.constant([1.0, 1.5431, 0.5])))    # NaN below 1
        teachtensor.Tensor([ 0.  1. nan], shape=(3,), dtype=float32)
    """
    x = _float_input("acosh", x)
    y = record("acosh", (x,), _unary("acosh", x), lambda g: g / sinh(y))
    return y


def atanh(x, name=None):
    """The inverse of tanh on (-1, 1): 0.5 log((1 + x) / (1 - x)).   dy/dx = 1 / (1 - x^2).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.atanh(tf.constant([0.0, 0.5, 1.0])))
        teachtensor.Tensor([0.     0.5493    inf], shape=(3,), dtype=float32)
    """
    x = _float_input("atanh", x)
    return record("atanh", (x,), _unary("atanh", x), lambda g: g / (1 - square(x)))
