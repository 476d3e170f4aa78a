"""The per-element math of ``scalar_math.py``, compiled as CUDA device functions.

A *device function* runs on the GPU and is called from kernels, not from the host.
These are the very functions the CPU kernels inline (``numba_kernels.py``): one
definition of ``relu`` or ``sigmoid`` serves both.  The op-code dispatchers at the end
pick one by code; each kernel calls a dispatcher inside its loop (every thread of a
launch takes the same branch, so the choice costs almost nothing).
"""
from numba import cuda

from .. import scalar_math as sm
from ..scalar_math import Binary, Compare, Reduce, Unary


def _device(function):
    return cuda.jit(device=True)(function)


negative, absolute, sign = _device(sm.negative), _device(sm.absolute), _device(sm.sign)
exp, log, log1p, sqrt = _device(sm.exp), _device(sm.log), _device(sm.log1p), _device(sm.sqrt)
square, tanh, sin, cos = _device(sm.square), _device(sm.tanh), _device(sm.sin), _device(sm.cos)
floor, round_half_even = _device(sm.floor), _device(sm.round_half_even)
sigmoid, relu, erf = _device(sm.sigmoid), _device(sm.relu), _device(sm.erf)
expm1, asin, acos, atan = _device(sm.expm1), _device(sm.asin), _device(sm.acos), _device(sm.atan)
sinh, cosh, asinh = _device(sm.sinh), _device(sm.cosh), _device(sm.asinh)
acosh, atanh = _device(sm.acosh), _device(sm.atanh)
add, subtract, multiply, divide = (_device(sm.add), _device(sm.subtract),
                                   _device(sm.multiply), _device(sm.divide))
power, floordiv, mod = _device(sm.power), _device(sm.floordiv), _device(sm.mod)
maximum, minimum = _device(sm.maximum), _device(sm.minimum)
relu_grad, atan2 = _device(sm.relu_grad), _device(sm.atan2)
equal, not_equal, less = _device(sm.equal), _device(sm.not_equal), _device(sm.less)
less_equal, greater, greater_equal = (_device(sm.less_equal), _device(sm.greater),
                                      _device(sm.greater_equal))
logical_and, logical_or = _device(sm.logical_and), _device(sm.logical_or)


@cuda.jit(device=True)
def apply_unary(code, x):
    """f(x) for the ``Unary`` code."""
    if code == Unary.NEGATIVE:
        return negative(x)
    if code == Unary.ABS:
        return absolute(x)
    if code == Unary.SIGN:
        return sign(x)
    if code == Unary.EXP:
        return exp(x)
    if code == Unary.LOG:
        return log(x)
    if code == Unary.SQRT:
        return sqrt(x)
    if code == Unary.SQUARE:
        return square(x)
    if code == Unary.TANH:
        return tanh(x)
    if code == Unary.SIN:
        return sin(x)
    if code == Unary.COS:
        return cos(x)
    if code == Unary.FLOOR:
        return floor(x)
    if code == Unary.SIGMOID:
        return sigmoid(x)
    if code == Unary.RELU:
        return relu(x)
    if code == Unary.ROUND:
        return round_half_even(x)
    if code == Unary.LOG1P:
        return log1p(x)
    if code == Unary.EXPM1:
        return expm1(x)
    if code == Unary.ASIN:
        return asin(x)
    if code == Unary.ACOS:
        return acos(x)
    if code == Unary.ATAN:
        return atan(x)
    if code == Unary.SINH:
        return sinh(x)
    if code == Unary.COSH:
        return cosh(x)
    if code == Unary.ASINH:
        return asinh(x)
    if code == Unary.ACOSH:
        return acosh(x)
    if code == Unary.ATANH:
        return atanh(x)
    return erf(x)  # Unary.ERF


@cuda.jit(device=True)
def apply_binary(code, x, y):
    """x (op) y for the ``Binary`` code."""
    if code == Binary.ADD:
        return add(x, y)
    if code == Binary.SUBTRACT:
        return subtract(x, y)
    if code == Binary.MULTIPLY:
        return multiply(x, y)
    if code == Binary.DIVIDE:
        return divide(x, y)
    if code == Binary.POWER:
        return power(x, y)
    if code == Binary.MAXIMUM:
        return maximum(x, y)
    if code == Binary.MINIMUM:
        return minimum(x, y)
    if code == Binary.RELU_GRAD:
        return relu_grad(x, y)
    if code == Binary.FLOORDIV:
        return floordiv(x, y)
    if code == Binary.ATAN2:
        return atan2(x, y)
    return mod(x, y)  # Binary.MOD


@cuda.jit(device=True)
def apply_compare(code, x, y):
    """x (comparison) y for the ``Compare`` code."""
    if code == Compare.EQUAL:
        return equal(x, y)
    if code == Compare.NOT_EQUAL:
        return not_equal(x, y)
    if code == Compare.LESS:
        return less(x, y)
    if code == Compare.LESS_EQUAL:
        return less_equal(x, y)
    if code == Compare.GREATER:
        return greater(x, y)
    if code == Compare.GREATER_EQUAL:
        return greater_equal(x, y)
    if code == Compare.LOGICAL_AND:
        return logical_and(x, y)
    return logical_or(x, y)  # Compare.LOGICAL_OR


@cuda.jit(device=True)
def fold(code, acc, x):
    """One step of a reduction: the running result ``acc`` combined with ``x``."""
    if code == Reduce.SUM:
        return add(acc, x)
    if code == Reduce.PROD:
        return multiply(acc, x)
    if code == Reduce.MAX:
        return maximum(acc, x)  # (a NaN, once in acc, stays: see scalar_math.maximum)
    return minimum(acc, x)      # Reduce.MIN
