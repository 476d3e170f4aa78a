"""The per-element math, written once: one small function per operation, on numbers.

Every elementwise kernel is a loop around one of these.  The Numba CPU kernels
(``numba_kernels.py``) compile them with ``njit(inline="always")``, so each loop body
becomes the function's one line and LLVM can vectorize it; a CUDA backend compiles the
very same functions with ``cuda.jit(device=True)``.  The op codes that name them are
here too (``Unary``, ``Binary``, ``Compare``, ``Reduce``): the kernels branch on them.

The rules these functions keep, because NumPy (the reference) keeps them:

* NaN stays NaN: ``relu(nan)``, ``maximum(nan, 1)`` and ``sign(nan)`` are NaN;
* ``log`` of 0 is -inf and of a negative number NaN (no exception), ``sqrt`` of a
  negative number NaN;
* ``sigmoid`` never overflows: for x < 0 it uses e^x / (1 + e^x);
* no function raises: where Python's ``math`` would (``exp(1000)``, ``sin(inf)``), they
  return inf or NaN as NumPy does.  (Numba's CUDA simulator runs them as plain Python.)

This module imports nothing that compiles: it is plain Python, readable on its own.
Each function stands alone (none calls another): a compiled kernel can only call
functions that were compiled too, and these are compiled one by one.
"""
import math
from enum import IntEnum


class Unary(IntEnum):
    """The one-input operations (``backend.unary(op, x)``, by lower-case name)."""
    NEGATIVE = 0
    ABS = 1
    SIGN = 2
    EXP = 3
    LOG = 4
    SQRT = 5
    SQUARE = 6
    TANH = 7
    SIN = 8
    COS = 9
    FLOOR = 10
    SIGMOID = 11
    RELU = 12
    ROUND = 13
    LOG1P = 14
    ERF = 15
    EXPM1 = 16
    ASIN = 17
    ACOS = 18
    ATAN = 19
    SINH = 20
    COSH = 21
    ASINH = 22
    ACOSH = 23
    ATANH = 24


class Binary(IntEnum):
    """The two-input operations with a result of the inputs' dtype."""
    ADD = 0
    SUBTRACT = 1
    MULTIPLY = 2
    DIVIDE = 3
    POWER = 4
    MAXIMUM = 5
    MINIMUM = 6
    FLOORDIV = 7
    MOD = 8
    RELU_GRAD = 9  # relu's gradient: x is the gradient flowing back, y relu's input
    ATAN2 = 10


class Compare(IntEnum):
    """The two-input operations with a bool result."""
    EQUAL = 0
    NOT_EQUAL = 1
    LESS = 2
    LESS_EQUAL = 3
    GREATER = 4
    GREATER_EQUAL = 5
    LOGICAL_AND = 6
    LOGICAL_OR = 7


class Reduce(IntEnum):
    """The reductions (``backend.reduce(op, x, axes, keepdims)``)."""
    SUM = 0
    PROD = 1
    MAX = 2
    MIN = 3


def by_name(codes):
    """{"exp": 3, ...}: how a backend turns the interface's names into codes (plain ints:
    Numba types an int argument faster than an enum member)."""
    return {member.name.lower(): int(member) for member in codes}


# ---- one input -------------------------------------------------------------------------

def negative(x):
    return -x


def absolute(x):
    return abs(x)


def sign(x):
    return (x > 0) * 1 - (x < 0) * 1 if x == x else x  # NaN stays NaN


# Where e^x and e^x / 2 (sinh, cosh) overflow a float64.  The guards compare float(x):
# against a float32 x, NumPy would round the bound to float32 first, upwards here.
_LOG_MAX = 709.782712893384    # log of the largest float64
_LOG_2MAX = 710.4758600739439  # log(2 * largest)


def exp(x):
    return math.exp(x) if not float(x) > _LOG_MAX else math.inf  # (Python's raises beyond)


def log(x):
    return math.log(x) if x > 0 else (-math.inf if x == 0 else math.nan)


def log1p(x):
    """log(1 + x), exact for tiny x (1 + 1e-10 would round to 1 first)."""
    return math.log1p(x) if x > -1 else (-math.inf if x == -1 else math.nan)


def sqrt(x):
    return math.sqrt(x) if x >= 0 else math.nan


def square(x):
    return x * x


def tanh(x):
    return math.tanh(x)


def sin(x):
    return math.sin(x) if x - x == 0 else math.nan  # inf or NaN: NaN (Python would raise)


def cos(x):
    return math.cos(x) if x - x == 0 else math.nan


_WHOLE = 4503599627370496.0  # 2**52: from here on every float64 is a whole number


def floor(x):
    """The largest whole number <= x, with arithmetic only (a GPU has no np.floor):
    x minus its fractional part, where Python's % gives a part in [0, 1) also for
    negative x.  Whole numbers, infinities and NaN come back as they are."""
    if not abs(x) < _WHOLE:
        return x
    return x - x % 1.0


def round_half_even(x):
    """The nearest whole number, a tie (x.5) going to the even one, as np.rint:
    2.5 -> 2, 3.5 -> 4, -0.2 -> -0.0."""
    if not abs(x) < _WHOLE:
        return x
    d = x % 1.0  # the fractional part, in [0, 1) (exact)
    r = x - d    # floor(x)
    if d > 0.5 or (d == 0.5 and r % 2.0 != 0.0):
        r += 1.0
    return math.copysign(r, x) if r == 0 else r


def sigmoid(x):
    """1 / (1 + e^-x), arranged so that e never overflows."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def relu(x):
    return x if (x > 0 or x != x) else 0  # NaN stays NaN


def erf(x):
    """The error function, (2/√π) ∫_0^x e^(-t²) dt: the normal distribution's
    cumulative probability is (1 + erf(x/√2)) / 2 (gelu uses it)."""
    return math.erf(x)


def expm1(x):
    """e^x - 1, exact for tiny x (e^1e-10 would round to 1 first)."""
    return math.expm1(x) if float(x) <= _LOG_MAX else x * math.inf  # (NaN * inf: NaN)


def asin(x):
    return math.asin(x) if -1 <= x <= 1 else math.nan


def acos(x):
    return math.acos(x) if -1 <= x <= 1 else math.nan


def atan(x):
    return math.atan(x)


def sinh(x):
    return math.sinh(x) if abs(float(x)) <= _LOG_2MAX else x * math.inf  # overflow: +-inf


def cosh(x):
    return math.cosh(x) if abs(float(x)) <= _LOG_2MAX else abs(x) * math.inf


def asinh(x):
    return math.asinh(x)


def acosh(x):
    return math.acosh(x) if x >= 1 else math.nan


def atanh(x):
    """0.5 log((1 + x) / (1 - x)): +-inf at +-1, NaN beyond."""
    if -1 < x < 1:
        return math.atanh(x)
    if x == 1 or x == -1:
        return x * math.inf
    return math.nan


# ---- two inputs --------------------------------------------------------------------------

def add(x, y):
    return x + y


def subtract(x, y):
    return x - y


def multiply(x, y):
    return x * y


def divide(x, y):
    return x / y


def power(x, y):
    return x ** y


def maximum(x, y):
    return x if (x >= y or x != x) else y  # NaN wins, as in NumPy


def minimum(x, y):
    return x if (x <= y or x != x) else y


def relu_grad(g, x):
    """The gradient of relu(x), given the gradient g of its output: g where x > 0, else
    0 (also where x is NaN).  One pass over g and x, where ``where(x > 0, g, 0)`` makes
    two (a bool mask first); TensorFlow's ``ReluGrad``."""
    return g if x > 0 else 0


def floordiv(x, y):
    return x // y


def atan2(y, x):
    """The angle of the point (x, y) from the x axis, in (-pi, pi]: atan(y / x) moved to
    the right quadrant by the signs of x and y."""
    return math.atan2(y, x)


def mod(x, y):
    return x % y


# ---- comparisons --------------------------------------------------------------------------

def equal(x, y):
    return x == y


def not_equal(x, y):
    return x != y


def less(x, y):
    return x < y


def less_equal(x, y):
    return x <= y


def greater(x, y):
    return x > y


def greater_equal(x, y):
    return x >= y


def logical_and(x, y):
    return (x != 0) and (y != 0)


def logical_or(x, y):
    return (x != 0) or (y != 0)
