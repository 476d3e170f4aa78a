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

# ---- op codes -----------------------------------------------------------------
UNARY_CODES = {name: code for code, name in enumerate(
    ["negative", "abs", "sign", "exp", "log", "sqrt", "square", "tanh",
     "sin", "cos", "floor", "sigmoid", "relu"])}
BINARY_CODES = {name: code for code, name in enumerate(
    ["add", "subtract", "multiply", "divide", "power", "maximum", "minimum",
     "floordiv", "mod"])}
COMPARE_CODES = {name: code for code, name in enumerate(
    ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
     "logical_and", "logical_or"])}
REDUCE_CODES = {"sum": 0, "prod": 1, "max": 2, "min": 3}


@njit(cache=True, error_model="numpy")
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
            out[i] = (x[i] > 0) - (x[i] < 0)
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
            out[i] = math.floor(x[i])
    elif code == 11:
        for i in range(n):  # 1 / (1 + e^-x), arranged so that e never overflows
            if x[i] >= 0:
                out[i] = 1.0 / (1.0 + math.exp(-x[i]))
            else:
                e = math.exp(x[i])
                out[i] = e / (1.0 + e)
    elif code == 12:
        for i in range(n):
            out[i] = x[i] if x[i] > 0 else 0


@njit(cache=True, error_model="numpy")
def binary_kernel(code, a, a_starts, a_step, b, b_starts, b_step, out, row_len):
    """out[r, i] = a[a_starts[r] + i*a_step]  (op)  b[b_starts[r] + i*b_step].

    The output is seen as rows of ``row_len`` elements.  A step of 1 walks along an
    input's last axis; a step of 0 repeats one element (that input is broadcast along
    the row).  Same-shape inputs are a single row with steps 1 and 1.
    """
    for r in range(a_starts.size):
        ia = a_starts[r]
        ib = b_starts[r]
        o = r * row_len
        if code == 0:
            for i in range(row_len):
                out[o + i] = a[ia + i * a_step] + b[ib + i * b_step]
        elif code == 1:
            for i in range(row_len):
                out[o + i] = a[ia + i * a_step] - b[ib + i * b_step]
        elif code == 2:
            for i in range(row_len):
                out[o + i] = a[ia + i * a_step] * b[ib + i * b_step]
        elif code == 3:
            for i in range(row_len):
                out[o + i] = a[ia + i * a_step] / b[ib + i * b_step]
        elif code == 4:
            for i in range(row_len):
                out[o + i] = a[ia + i * a_step] ** b[ib + i * b_step]
        elif code == 5:  # NaN wins, as in NumPy
            for i in range(row_len):
                x = a[ia + i * a_step]
                y = b[ib + i * b_step]
                out[o + i] = x if (x >= y or x != x) else y
        elif code == 6:
            for i in range(row_len):
                x = a[ia + i * a_step]
                y = b[ib + i * b_step]
                out[o + i] = x if (x <= y or x != x) else y
        elif code == 7:
            for i in range(row_len):
                out[o + i] = a[ia + i * a_step] // b[ib + i * b_step]
        elif code == 8:
            for i in range(row_len):
                out[o + i] = a[ia + i * a_step] % b[ib + i * b_step]


@njit(cache=True, error_model="numpy")
def compare_kernel(code, a, a_starts, a_step, b, b_starts, b_step, out, row_len):
    """Like ``binary_kernel``, but the output is boolean (see COMPARE_CODES)."""
    for r in range(a_starts.size):
        ia = a_starts[r]
        ib = b_starts[r]
        o = r * row_len
        for i in range(row_len):
            x = a[ia + i * a_step]
            y = b[ib + i * b_step]
            if code == 0:
                out[o + i] = x == y
            elif code == 1:
                out[o + i] = x != y
            elif code == 2:
                out[o + i] = x < y
            elif code == 3:
                out[o + i] = x <= y
            elif code == 4:
                out[o + i] = x > y
            elif code == 5:
                out[o + i] = x >= y
            elif code == 6:
                out[o + i] = (x != 0) and (y != 0)
            else:
                out[o + i] = (x != 0) or (y != 0)


@njit(cache=True, error_model="numpy")
def reduce_kernel(code, x, outer, k, inner, acc, out):
    """Reduce the middle axis of x seen as shape (outer, k, inner).

        for o in range(outer):
            acc[:] = x[o, 0, :]
            for j in range(1, k):  acc[:] = acc[:] (op) x[o, j, :]
            out[o, :] = acc[:]

    ``acc`` is a scratch row of ``inner`` elements, float64 for float inputs, so that
    long float32 sums keep their accuracy.  Requires k >= 1.
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


@njit(cache=True, error_model="numpy")
def softmax_kernel(log, x, rows, k, out):
    """Softmax (or log-softmax when ``log``) of each row of x seen as shape (rows, k).

        m = max(x[r]);  s = sum(exp(x[r] - m))
        softmax:      out[r] = exp(x[r] - m) / s
        log_softmax:  out[r] = x[r] - m - log(s)
    """
    for r in range(rows):
        base = r * k
        m = x[base]
        for i in range(1, k):
            if x[base + i] > m:
                m = x[base + i]
        s = 0.0
        for i in range(k):
            s += math.exp(x[base + i] - m)
        if log:
            log_s = math.log(s)
            for i in range(k):
                out[base + i] = x[base + i] - m - log_s
        else:
            for i in range(k):
                out[base + i] = math.exp(x[base + i] - m) / s
