"""Reductions: sums, products, maxima and minima along axes, argmax, softmax.

A reduction is seen as a 3-d problem: the input as (outer, k, inner), reduced over the
middle axis k (the backend first moves the reduced axes next to each other).  Two
layouts of threads, for the two common cases:

**Rows** (inner == 1, e.g. a sum over the last axis, or over everything)::

    block r reduces row r:   thread t adds up x[r, t], x[r, t + T], x[r, t + 2T], ...
    then the T partial sums meet in shared memory, halving at each step:

        step 1:  s[t] += s[t + T/2]   for t < T/2
        step 2:  s[t] += s[t + T/4]   for t < T/4
        ...      (log2 T steps)       s[0] is the row's result

    This is the *tree reduction*: T threads combine T numbers in log2(T) steps instead
    of T.  Float rows are combined in float64, as on the CPU, so that long float32 sums
    keep their accuracy.

**Columns** (inner > 1, e.g. the sum over the batch axis of a (batch, features) matrix,
as the gradient of a bias needs)::

    thread (o, j) walks down column j of slab o:  x[o, 0, j], x[o, 1, j], ...

    Neighbouring threads read neighbouring columns, so every step reads one contiguous
    row of the input at once.

argmax/argmin and softmax give each row to one thread (rows are short: a class axis).
"""
import math

from numba import cuda, float64

from .device_functions import exp, fold
from .launch import SIMULATOR, THREADS
from ..scalar_math import Reduce

TREE = 4 if SIMULATOR else THREADS  # threads of a tree reduction's block (a power of 2)


@cuda.jit(device=True)
def start_value(code):
    """What a reduction over nothing gives: 0, 1, -inf, +inf."""
    if code == Reduce.SUM:
        return 0.0
    if code == Reduce.PROD:
        return 1.0
    if code == Reduce.MAX:
        return -math.inf
    return math.inf


@cuda.jit(cache=True)
def reduce_rows_kernel(code, x, rows, k, chunk, out):
    """Tree reductions of float rows: x seen as (rows, k), each row cut into chunks of
    ``chunk`` elements; block (b, c) reduces chunk c of rows b, b + B, b + 2B, ... (B
    blocks along x) into out[r, c].  With one chunk per row (chunk == k) this is the
    layout of the module docstring; a few long rows get many blocks each, and a second
    launch reduces their results."""
    shared = cuda.shared.array(TREE, float64)
    c = cuda.blockIdx.y
    t = cuda.threadIdx.x
    stop = min(k, (c + 1) * chunk)
    for r in range(cuda.blockIdx.x, rows, cuda.gridDim.x):  # (the same r for the block)
        acc = start_value(code)
        for j in range(c * chunk + t, stop, TREE):
            acc = fold(code, acc, float64(x[r * k + j]))
        shared[t] = acc
        cuda.syncthreads()
        half = TREE // 2
        while half > 0:
            if t < half:
                shared[t] = fold(code, shared[t], shared[t + half])
            cuda.syncthreads()
            half //= 2
        if t == 0:
            out[r * cuda.gridDim.y + c] = shared[0]
        cuda.syncthreads()  # shared[0] read before the next row overwrites it


@cuda.jit(cache=True)
def reduce_columns_kernel(code, x, outer, k, inner, out):
    """out[o, j] = reduce(x[o, 0:k, j]): one thread per (o, j), walking down the column
    (k >= 1; the result has x's dtype)."""
    for i in range(cuda.grid(1), outer * inner, cuda.gridsize(1)):
        o = i // inner
        j = i - o * inner
        base = o * k * inner + j
        acc = x[base]
        for r in range(1, k):
            acc = fold(code, acc, x[base + r * inner])
        out[i] = acc


@cuda.jit(cache=True)
def arg_extreme_kernel(largest, x, rows, k, out):
    """out[r] = the index of the largest (or smallest) of x[r, 0:k], the first on ties;
    one thread per row."""
    for r in range(cuda.grid(1), rows, cuda.gridsize(1)):
        best = 0
        value = x[r * k]
        for j in range(1, k):
            v = x[r * k + j]
            if value == value and ((largest and v > value) or (not largest and v < value)
                                   or v != v):
                best = j
                value = v
        out[r] = best


@cuda.jit(cache=True)
def softmax_kernel(log, x, rows, k, out):
    """Softmax (or log-softmax) of each row of x seen as (rows, k), one thread per row:

        m = max(x[r]);  s = sum(exp(x[r] - m))
        softmax:  out = exp(x - m) / s        log_softmax:  out = (x - m) - log(s)

    A row holding a NaN, or whose maximum is +inf, gets NaN there and 0 elsewhere
    (softmax), as on the CPU and in TensorFlow."""
    for r in range(cuda.grid(1), rows, cuda.gridsize(1)):
        base = r * k
        m = x[base]
        nan = m != m
        for j in range(1, k):
            v = x[base + j]
            nan = nan or v != v
            if v > m:
                m = v
        if nan and not log:
            for j in range(k):
                out[base + j] = math.nan if x[base + j] != x[base + j] else 0.0
            continue
        s = 0.0
        for j in range(k):
            s += exp(x[base + j] - m)
        if log:
            log_s = math.log(s)
            for j in range(k):
                out[base + j] = (x[base + j] - m) - log_s
        elif m == math.inf:
            for j in range(k):
                out[base + j] = exp(x[base + j] - m)  # NaN at +inf, 0 elsewhere
        else:
            for j in range(k):
                out[base + j] = exp(x[base + j] - m) / s

