"""The loops themselves: Numba-compiled CPU kernels.

Every kernel here is defined once, at module top level, with ``cache=True``, so Numba
compiles it the first time it is called with a given array type and stores the machine
code on disk; the next Python process loads it in milliseconds.  (Kernels made by a
factory function, one per op, would miss that cache and recompile at every start.)

To keep the number of compiled versions small, each kernel takes an integer *op code*
and handles many operations, and every array argument is one-dimensional and
contiguous: the Python side (``numba_cpu.py``) flattens arrays and works out, with
NumPy's own broadcasting, where each row of the output reads its inputs.

The branch on the op code sits *outside* the element loop, so each loop body is a
single arithmetic expression that LLVM can vectorize.  ``error_model="numpy"`` makes
1/0 give inf (as NumPy does) instead of raising ZeroDivisionError.
"""
import math

import numpy as np
from numba import njit

from .cache import cached_njit

# ---- op codes -----------------------------------------------------------------
UNARY_CODES = {name: code for code, name in enumerate(
    ["negative", "abs", "sign", "exp", "log", "sqrt", "square", "tanh",
     "sin", "cos", "floor", "sigmoid", "relu", "round", "log1p"])}
BINARY_CODES = {name: code for code, name in enumerate(
    ["add", "subtract", "multiply", "divide", "power", "maximum", "minimum",
     "floordiv", "mod"])}
COMPARE_CODES = {name: code for code, name in enumerate(
    ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
     "logical_and", "logical_or"])}
REDUCE_CODES = {"sum": 0, "prod": 1, "max": 2, "min": 3}


@cached_njit
def unary_kernel(code, x, out):
    """out[i] = f(x[i]) for i in range(n); f chosen by ``code`` (see UNARY_CODES)."""
    n = x.size
    if code == 0:
        for i in range(n):
            out[i] = -x[i]
    elif code == 1:
        for i in range(n):
            out[i] = abs(x[i])
    elif code == 2:
        for i in range(n):
            out[i] = (x[i] > 0) - (x[i] < 0) if x[i] == x[i] else x[i]  # NaN stays NaN
    elif code == 3:
        for i in range(n):
            out[i] = math.exp(x[i])
    elif code == 4:
        for i in range(n):
            out[i] = math.log(x[i]) if x[i] > 0 else (-math.inf if x[i] == 0 else math.nan)
    elif code == 5:
        for i in range(n):
            out[i] = math.sqrt(x[i]) if x[i] >= 0 else math.nan
    elif code == 6:
        for i in range(n):
            out[i] = x[i] * x[i]
    elif code == 7:
        for i in range(n):
            out[i] = math.tanh(x[i])
    elif code == 8:
        for i in range(n):
            out[i] = math.sin(x[i])
    elif code == 9:
        for i in range(n):
            out[i] = math.cos(x[i])
    elif code == 10:
        for i in range(n):
            out[i] = np.floor(x[i])
    elif code == 11:
        for i in range(n):  # 1 / (1 + e^-x), arranged so that e never overflows
            if x[i] >= 0:
                out[i] = 1.0 / (1.0 + math.exp(-x[i]))
            else:
                e = math.exp(x[i])
                out[i] = e / (1.0 + e)
    elif code == 12:
        for i in range(n):
            out[i] = x[i] if (x[i] > 0 or x[i] != x[i]) else 0  # NaN stays NaN
    elif code == 13:
        for i in range(n):
            out[i] = np.rint(x[i])  # ties to even
    elif code == 14:
        for i in range(n):  # log(1 + x), exact for tiny x (1 + 1e-10 would round to 1)
            out[i] = math.log1p(x[i]) if x[i] > -1 else (-math.inf if x[i] == -1 else math.nan)


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
    """z[i] = x[i] (op) y[i] over one contiguous row; the op chosen by ``code``."""
    n = z.size
    if code == 0:
        for i in range(n):
            z[i] = x[i] + y[i]
    elif code == 1:
        for i in range(n):
            z[i] = x[i] - y[i]
    elif code == 2:
        for i in range(n):
            z[i] = x[i] * y[i]
    elif code == 3:
        for i in range(n):
            z[i] = x[i] / y[i]
    elif code == 4:
        for i in range(n):
            z[i] = x[i] ** y[i]
    elif code == 5:  # NaN wins, as in NumPy
        for i in range(n):
            u = x[i]
            v = y[i]
            z[i] = u if (u >= v or u != u) else v
    elif code == 6:
        for i in range(n):
            u = x[i]
            v = y[i]
            z[i] = u if (u <= v or u != u) else v
    elif code == 7:
        for i in range(n):
            z[i] = x[i] // y[i]
    elif code == 8:
        for i in range(n):
            z[i] = x[i] % y[i]


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
def compare_kernel(code, a, a_starts, a_step, b, b_starts, b_step, out, row_len):
    """Like ``binary_kernel``, but the output is boolean (see COMPARE_CODES)."""
    scratch_a = np.empty(row_len if a_step == 0 else 0, dtype=a.dtype)
    scratch_b = np.empty(row_len if b_step == 0 else 0, dtype=b.dtype)
    for r in range(a_starts.size):
        x = _row_source(a, a_starts[r], a_step, row_len, scratch_a)
        y = _row_source(b, b_starts[r], b_step, row_len, scratch_b)
        z = out[r * row_len:(r + 1) * row_len]
        if code == 0:
            for i in range(row_len):
                z[i] = x[i] == y[i]
        elif code == 1:
            for i in range(row_len):
                z[i] = x[i] != y[i]
        elif code == 2:
            for i in range(row_len):
                z[i] = x[i] < y[i]
        elif code == 3:
            for i in range(row_len):
                z[i] = x[i] <= y[i]
        elif code == 4:
            for i in range(row_len):
                z[i] = x[i] > y[i]
        elif code == 5:
            for i in range(row_len):
                z[i] = x[i] >= y[i]
        elif code == 6:
            for i in range(row_len):
                z[i] = (x[i] != 0) and (y[i] != 0)
        else:
            for i in range(row_len):
                z[i] = (x[i] != 0) or (y[i] != 0)


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
        base = o * k * inner
        for i in range(inner):
            acc[i] = x[base + i]
        for j in range(1, k):
            row = base + j * inner
            if code == 0:
                for i in range(inner):
                    acc[i] += x[row + i]
            elif code == 1:
                for i in range(inner):
                    acc[i] *= x[row + i]
            elif code == 2:
                for i in range(inner):
                    v = x[row + i]
                    if v > acc[i] or v != v:
                        acc[i] = v
            else:
                for i in range(inner):
                    v = x[row + i]
                    if v < acc[i] or v != v:
                        acc[i] = v
        for i in range(inner):
            out[o * inner + i] = acc[i]


@cached_njit(fastmath={"reassoc"})
def sum_rows_kernel(x, rows, k, out):
    """out[r] = sum(x[r, :]) for x seen as shape (rows, k): the reduction over the last
    axes, with one float64 accumulator per row."""
    for r in range(rows):
        total = 0.0
        base = r * k
        for i in range(k):
            total += x[base + i]
        out[r] = total


@cached_njit
def extreme_rows_kernel(largest, x, rows, k, out):
    """out[r] = max(x[r, :]) (or min, when not ``largest``) for x seen as (rows, k).

    The running extreme lives in a register and is updated by a select, not a branch,
    so random data costs no mispredictions.  A NaN anywhere makes the result NaN.
    """
    for r in range(rows):
        base = r * k
        m = x[base]
        nan = m != m
        for i in range(1, k):
            v = x[base + i]
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

    A row whose maximum is +inf gets NaN where it is +inf and 0 elsewhere (softmax),
    as TensorFlow gives; log_softmax is NaN there.
    """
    for r in range(rows):
        base = r * k
        m = x[base]
        for i in range(1, k):
            if x[base + i] > m:
                m = x[base + i]
        s = 0.0
        for i in range(k):
            e = math.exp(x[base + i] - m)
            out[base + i] = e
            s += e
        if log:
            log_s = math.log(s)
            for i in range(k):  # (x - m) - log s, not x - (m + log s): m may be huge
                out[base + i] = (x[base + i] - m) - log_s
        elif m == math.inf:
            pass  # an infinite logit: e is NaN there (inf - inf) and 0 elsewhere, as in TF
        else:
            inv = 1.0 / s
            for i in range(k):
                out[base + i] *= inv


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
