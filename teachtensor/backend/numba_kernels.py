"""The loops themselves: Numba-compiled CPU kernels.

Every kernel here is defined once, at module top level, with ``cache=True``, so Numba
compiles it the first time it is called with a given array type and stores the machine
code on disk; the next Python process loads it in milliseconds.  (Kernels made by a
factory function, one per op, would miss that cache and recompile at every start.)

To keep the number of compiled versions small, each kernel takes an *op code* (the
``Unary``, ``Binary``, ``Compare`` and ``Reduce`` codes of ``scalar_math.py``) and
handles many operations, and every array argument is one-dimensional and contiguous:
the Python side (``numba_cpu.py``) flattens arrays and works out, with NumPy's own
broadcasting, where each row of the output reads its inputs.

Each loop indexes a *row view* with its own loop variable: ``row = x[base:base + k]``,
then ``row[i]``, never ``x[base + i]``.  Numba must allow a negative index (Python's
``x[-1]``) unless it can prove the index is not negative; for ``i`` of a ``range`` it
can, for ``base + i`` it cannot, and the check it then adds to every element stops
LLVM from vectorizing the loop.  Summing a (128, 512) float32 gradient over its rows
took 37 microseconds written the second way and about 5 written the first.

The per-element math is not written here: each loop body calls one function of
``scalar_math.py``, compiled with ``inline="always"`` so that it becomes the loop's one
line.  The branch on the op code sits *outside* the element loop, so each loop body is
a single arithmetic expression that LLVM can vectorize.
"""
import math

import numpy as np
from numba import njit

from . import scalar_math as sm
from .cache import cached_njit
from .scalar_math import Binary, Compare, Reduce, Unary

UNARY_CODES = sm.by_name(Unary)
BINARY_CODES = sm.by_name(Binary)
COMPARE_CODES = sm.by_name(Compare)
REDUCE_CODES = sm.by_name(Reduce)


def _inline(function):
    """A scalar function of ``scalar_math``, compiled to be pasted into each loop."""
    return njit(inline="always")(function)


# one input
_negative, _abs, _sign = _inline(sm.negative), _inline(sm.absolute), _inline(sm.sign)
_exp, _log, _log1p, _sqrt = _inline(sm.exp), _inline(sm.log), _inline(sm.log1p), _inline(sm.sqrt)
_square, _tanh, _sin, _cos = _inline(sm.square), _inline(sm.tanh), _inline(sm.sin), _inline(sm.cos)
_floor, _round = _inline(sm.floor), _inline(sm.round_half_even)
_sigmoid, _relu, _erf = _inline(sm.sigmoid), _inline(sm.relu), _inline(sm.erf)
_expm1, _asin, _acos, _atan = (_inline(sm.expm1), _inline(sm.asin), _inline(sm.acos),
                               _inline(sm.atan))
_sinh, _cosh, _asinh, _acosh, _atanh = (_inline(sm.sinh), _inline(sm.cosh), _inline(sm.asinh),
                                        _inline(sm.acosh), _inline(sm.atanh))
# two inputs
_add, _subtract, _multiply = _inline(sm.add), _inline(sm.subtract), _inline(sm.multiply)
_divide, _power, _floordiv, _mod = (_inline(sm.divide), _inline(sm.power),
                                    _inline(sm.floordiv), _inline(sm.mod))
_maximum, _minimum = _inline(sm.maximum), _inline(sm.minimum)
_relu_grad, _atan2 = _inline(sm.relu_grad), _inline(sm.atan2)
# comparisons
_equal, _not_equal, _less = _inline(sm.equal), _inline(sm.not_equal), _inline(sm.less)
_less_equal, _greater = _inline(sm.less_equal), _inline(sm.greater)
_greater_equal = _inline(sm.greater_equal)
_logical_and, _logical_or = _inline(sm.logical_and), _inline(sm.logical_or)


@cached_njit
def unary_kernel(code, x, out):
    """out[i] = f(x[i]) for i in range(n); f chosen by ``code`` (a ``Unary``): the
    operations of a training step.  The others are in ``rare_unary_kernel``."""
    n = x.size
    if code == Unary.NEGATIVE:
        for i in range(n):
            out[i] = _negative(x[i])
    elif code == Unary.ABS:
        for i in range(n):
            out[i] = _abs(x[i])
    elif code == Unary.EXP:
        for i in range(n):
            out[i] = _exp(x[i])
    elif code == Unary.LOG:
        for i in range(n):
            out[i] = _log(x[i])
    elif code == Unary.SQRT:
        for i in range(n):
            out[i] = _sqrt(x[i])
    elif code == Unary.SQUARE:
        for i in range(n):
            out[i] = _square(x[i])
    elif code == Unary.TANH:
        for i in range(n):
            out[i] = _tanh(x[i])
    elif code == Unary.SIGMOID:
        for i in range(n):
            out[i] = _sigmoid(x[i])
    elif code == Unary.RELU:
        for i in range(n):
            out[i] = _relu(x[i])


@cached_njit
def rare_unary_kernel(code, x, out):
    """``unary_kernel`` for the operations a training step rarely uses (sign, sin, cos,
    floor, round, log1p, erf): a kernel of their own, compiled only when a program uses
    one (see ``_rare_row``)."""
    n = x.size
    if code == Unary.SIGN:
        for i in range(n):
            out[i] = _sign(x[i])
    elif code == Unary.SIN:
        for i in range(n):
            out[i] = _sin(x[i])
    elif code == Unary.COS:
        for i in range(n):
            out[i] = _cos(x[i])
    elif code == Unary.FLOOR:
        for i in range(n):
            out[i] = _floor(x[i])
    elif code == Unary.ROUND:
        for i in range(n):
            out[i] = _round(x[i])
    elif code == Unary.LOG1P:
        for i in range(n):
            out[i] = _log1p(x[i])
    elif code == Unary.ERF:
        for i in range(n):
            out[i] = _erf(x[i])


RARE_UNARY = ("sign", "sin", "cos", "floor", "round", "log1p", "erf")


@cached_njit
def float_unary_kernel(code, x, out):
    """``unary_kernel`` for the functions of floats only that a training step rarely
    uses: expm1, and the inverse trigonometric and hyperbolic functions.  A third
    kernel, so that ``rare_unary_kernel`` (which also compiles for integers) stays
    quick to compile."""
    n = x.size
    if code == Unary.EXPM1:
        for i in range(n):
            out[i] = _expm1(x[i])
    elif code == Unary.ASIN:
        for i in range(n):
            out[i] = _asin(x[i])
    elif code == Unary.ACOS:
        for i in range(n):
            out[i] = _acos(x[i])
    elif code == Unary.ATAN:
        for i in range(n):
            out[i] = _atan(x[i])
    elif code == Unary.SINH:
        for i in range(n):
            out[i] = _sinh(x[i])
    elif code == Unary.COSH:
        for i in range(n):
            out[i] = _cosh(x[i])
    elif code == Unary.ASINH:
        for i in range(n):
            out[i] = _asinh(x[i])
    elif code == Unary.ACOSH:
        for i in range(n):
            out[i] = _acosh(x[i])
    elif code == Unary.ATANH:
        for i in range(n):
            out[i] = _atanh(x[i])


FLOAT_UNARY = ("expm1", "asin", "acos", "atan", "sinh", "cosh", "asinh", "acosh", "atanh")
UNARY_KERNEL = dict.fromkeys(RARE_UNARY, rare_unary_kernel)
UNARY_KERNEL.update(dict.fromkeys(FLOAT_UNARY, float_unary_kernel))  # (others: unary_kernel)


@njit(inline="always")
def _row_source(values, start, step, row_len, scratch):
    """An input's row as a contiguous view: a broadcast value (step 0) is first copied
    into ``scratch`` so that every loop below reads consecutive memory (and vectorizes)."""
    if step == 1 or row_len == 1:
        return values[start:start + row_len]
    v = values[start]
    for i in range(row_len):
        scratch[i] = v
    return scratch


@njit(inline="always")
def _zip_row(code, x, y, z):
    """z[i] = x[i] (op) y[i] over one contiguous row; the op chosen by ``code`` (a ``Binary``)."""
    n = z.size
    if code == Binary.ADD:
        for i in range(n):
            z[i] = _add(x[i], y[i])
    elif code == Binary.SUBTRACT:
        for i in range(n):
            z[i] = _subtract(x[i], y[i])
    elif code == Binary.MULTIPLY:
        for i in range(n):
            z[i] = _multiply(x[i], y[i])
    elif code == Binary.DIVIDE:
        for i in range(n):
            z[i] = _divide(x[i], y[i])
    elif code == Binary.MAXIMUM:
        for i in range(n):
            z[i] = _maximum(x[i], y[i])
    elif code == Binary.MINIMUM:
        for i in range(n):
            z[i] = _minimum(x[i], y[i])
    elif code == Binary.RELU_GRAD:
        for i in range(n):
            z[i] = _relu_grad(x[i], y[i])


@njit(inline="always")
def _rare_row(code, x, y, z):
    """Like ``_zip_row``, for the operations a training step rarely uses: ``**``,
    ``//``, ``%`` and atan2.

    Speed trick, *a kernel of their own*: Numba compiles a kernel, every branch of
    it, the first time it runs with a new dtype (in a new process with an empty cache,
    that is the first fit).  These three are the slowest to compile, so they live here,
    compiled only by a program that uses them, and the common kernels compile faster.
    """
    n = z.size
    if code == Binary.POWER:
        for i in range(n):
            z[i] = _power(x[i], y[i])
    elif code == Binary.FLOORDIV:
        for i in range(n):
            z[i] = _floordiv(x[i], y[i])
    elif code == Binary.MOD:
        for i in range(n):
            z[i] = _mod(x[i], y[i])
    elif code == Binary.ATAN2:
        for i in range(n):
            z[i] = _atan2(x[i], y[i])


@njit(inline="always")
def _compare_row(code, x, y, z):
    """z[i] = x[i] (comparison) y[i] over one contiguous row (a ``Compare`` code)."""
    n = z.size
    if code == Compare.EQUAL:
        for i in range(n):
            z[i] = _equal(x[i], y[i])
    elif code == Compare.NOT_EQUAL:
        for i in range(n):
            z[i] = _not_equal(x[i], y[i])
    elif code == Compare.LESS:
        for i in range(n):
            z[i] = _less(x[i], y[i])
    elif code == Compare.LESS_EQUAL:
        for i in range(n):
            z[i] = _less_equal(x[i], y[i])
    elif code == Compare.GREATER:
        for i in range(n):
            z[i] = _greater(x[i], y[i])
    elif code == Compare.GREATER_EQUAL:
        for i in range(n):
            z[i] = _greater_equal(x[i], y[i])
    elif code == Compare.LOGICAL_AND:
        for i in range(n):
            z[i] = _logical_and(x[i], y[i])
    elif code == Compare.LOGICAL_OR:
        for i in range(n):
            z[i] = _logical_or(x[i], y[i])


@cached_njit
def binary_kernel(code, a, a_starts, a_step, b, b_starts, b_step, out, row_len):
    """out[r, i] = a[a_starts[r] + i*a_step]  (op)  b[b_starts[r] + i*b_step].

    The output is seen as rows of ``row_len`` elements.  A step of 1 walks along an
    input's last axis; a step of 0 repeats one element (that input is broadcast along
    the row).  This is the general broadcasting case; ``zip_kernel`` is the one-row one.
    """
    scratch_a = np.empty(row_len if a_step == 0 else 0, dtype=a.dtype)
    scratch_b = np.empty(row_len if b_step == 0 else 0, dtype=b.dtype)
    for r in range(a_starts.size):
        x = _row_source(a, a_starts[r], a_step, row_len, scratch_a)
        y = _row_source(b, b_starts[r], b_step, row_len, scratch_b)
        _zip_row(code, x, y, out[r * row_len:(r + 1) * row_len])


@cached_njit
def zip_kernel(code, a, a_step, b, b_step, out):
    """out[i] = a[i*a_step] (op) b[i*b_step]: two inputs of one shape, or one of them a
    single number (step 0).  The most common case, with the fewest arguments to pass
    (each argument costs time on every call)."""
    n = out.size
    x = _row_source(a, 0, a_step, n, np.empty(n if a_step == 0 else 0, dtype=a.dtype))
    y = _row_source(b, 0, b_step, n, np.empty(n if b_step == 0 else 0, dtype=b.dtype))
    _zip_row(code, x, y, out)


@cached_njit
def rare_binary_kernel(code, a, a_starts, a_step, b, b_starts, b_step, out, row_len):
    """``binary_kernel`` for ``**``, ``//``, ``%`` and atan2 (see ``_rare_row``)."""
    scratch_a = np.empty(row_len if a_step == 0 else 0, dtype=a.dtype)
    scratch_b = np.empty(row_len if b_step == 0 else 0, dtype=b.dtype)
    for r in range(a_starts.size):
        x = _row_source(a, a_starts[r], a_step, row_len, scratch_a)
        y = _row_source(b, b_starts[r], b_step, row_len, scratch_b)
        _rare_row(code, x, y, out[r * row_len:(r + 1) * row_len])


RARE_BINARY = ("power", "floordiv", "mod", "atan2")


@cached_njit
def compare_kernel(code, a, a_starts, a_step, b, b_starts, b_step, out, row_len):
    """Like ``binary_kernel``, but the output is boolean (a ``Compare`` code)."""
    scratch_a = np.empty(row_len if a_step == 0 else 0, dtype=a.dtype)
    scratch_b = np.empty(row_len if b_step == 0 else 0, dtype=b.dtype)
    for r in range(a_starts.size):
        x = _row_source(a, a_starts[r], a_step, row_len, scratch_a)
        y = _row_source(b, b_starts[r], b_step, row_len, scratch_b)
        _compare_row(code, x, y, out[r * row_len:(r + 1) * row_len])


@cached_njit(fastmath={"reassoc"})
def reduce_kernel(code, x, outer, k, inner, acc, out):
    """Reduce the middle axis of x seen as shape (outer, k, inner).

        for o in range(outer):
            acc[:] = x[o, 0, :]
            for j in range(1, k):  acc[:] = acc[:] (op) x[o, j, :]
            out[o, :] = acc[:]

    ``acc`` is a scratch row of ``inner`` elements, float64 for float inputs, so that
    long float32 sums keep their accuracy.  ``fastmath={"reassoc"}`` lets LLVM add in
    several lanes at once (a sum's order does not matter beyond rounding).  Requires k >= 1.
    """
    for o in range(outer):
        block = x[o * k * inner:(o + 1) * k * inner]  # x[o, :, :], flat (see the notes)
        first = block[:inner]
        for i in range(inner):
            acc[i] = first[i]
        for j in range(1, k):
            row = block[j * inner:(j + 1) * inner]
            if code == Reduce.SUM:
                for i in range(inner):
                    acc[i] += row[i]
            elif code == Reduce.PROD:
                for i in range(inner):
                    acc[i] *= row[i]
            elif code == Reduce.MAX:
                for i in range(inner):
                    v = row[i]
                    if v > acc[i] or v != v:
                        acc[i] = v
            else:
                for i in range(inner):
                    v = row[i]
                    if v < acc[i] or v != v:
                        acc[i] = v
        result = out[o * inner:(o + 1) * inner]
        for i in range(inner):
            result[i] = acc[i]


@cached_njit(fastmath={"reassoc"})
def sum_rows_kernel(x, rows, k, out):
    """out[r] = sum(x[r, :]) for x seen as shape (rows, k): the reduction over the last
    axes, with one float64 accumulator per row."""
    for r in range(rows):
        row = x[r * k:(r + 1) * k]
        total = 0.0
        for i in range(k):
            total += row[i]
        out[r] = total


@cached_njit
def extreme_rows_kernel(largest, x, rows, k, out):
    """out[r] = max(x[r, :]) (or min, when not ``largest``) for x seen as (rows, k).

    The running extreme lives in a register and is updated by a select, not a branch,
    so random data costs no mispredictions.  A NaN anywhere makes the result NaN.
    """
    for r in range(rows):
        row = x[r * k:(r + 1) * k]
        m = row[0]
        nan = m != m
        for i in range(1, k):
            v = row[i]
            nan = nan or v != v
            if largest:
                m = v if v > m else m
            else:
                m = v if v < m else m
        out[r] = math.nan if nan else m


@cached_njit(fastmath={"reassoc"})
def softmax_kernel(log, x, rows, k, out):
    """Softmax (or log-softmax when ``log``) of each row of x seen as shape (rows, k).

        m = max(x[r]);  s = sum(exp(x[r] - m))
        softmax:      out[r] = exp(x[r] - m) / s
        log_softmax:  out[r] = (x[r] - m) - log(s)

    A row holding a NaN, or whose maximum is +inf, gets (softmax) NaN at those entries
    and 0 elsewhere, as TensorFlow gives: that entry takes all of the probability, but
    how much of it is undefined.  log_softmax is NaN there.
    """
    for r in range(rows):
        row, result = x[r * k:(r + 1) * k], out[r * k:(r + 1) * k]
        m = row[0]
        nan = m != m
        for i in range(1, k):
            v = row[i]
            nan = nan or v != v
            if v > m:
                m = v
        if nan and not log:
            for i in range(k):
                result[i] = math.nan if row[i] != row[i] else 0.0
            continue
        s = 0.0
        for i in range(k):
            e = math.exp(row[i] - m)
            result[i] = e
            s += e
        if log:
            log_s = math.log(s)
            for i in range(k):  # (x - m) - log s, not x - (m + log s): m may be huge
                result[i] = (row[i] - m) - log_s
        elif m == math.inf:
            pass  # an infinite logit: e is NaN there (inf - inf) and 0 elsewhere, as in TF
        else:
            inv = 1.0 / s
            for i in range(k):
                result[i] *= inv


@cached_njit
def where_kernel(cond, a, a_step, b, b_step, out):
    """out[i] = a[i * a_step] if cond[i] else b[i * b_step]  (a step of 0: one number).

    Both values are read before choosing, so the choice compiles to a select
    instruction instead of a branch (a random condition costs nothing extra), and each
    case gets its own loop so that it vectorizes.
    """
    n = out.size
    if a_step == 1 and b_step == 1:
        for i in range(n):
            x = a[i]
            y = b[i]
            out[i] = x if cond[i] else y
    elif a_step == 1:
        y = b[0]
        for i in range(n):
            x = a[i]
            out[i] = x if cond[i] else y
    elif b_step == 1:
        x = a[0]
        for i in range(n):
            y = b[i]
            out[i] = x if cond[i] else y
    else:
        for i in range(n):
            out[i] = a[0] if cond[i] else b[0]
