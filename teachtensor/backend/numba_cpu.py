"""The default backend: NumPy arrays in memory, loops compiled by Numba.

This file is the bridge between NumPy-shaped arrays and the flat, one-dimensional
kernels of ``numba_kernels.py``.  Its only real work is *broadcasting*: finding, for
each row of the output, where each input's row starts.  It lets NumPy do that with
the same rule that broadcasts values — it broadcasts an array of positions::

    row_positions = arange(rows_of_a) * row_length_of_a        # where a's rows start
    starts = broadcast_to(row_positions, out_shape[:-1])        # which row each output row reads

**Two tiers, by size.**  A kernel pays twice for being a kernel: the first call
compiles it (about a second for each kernel of ``numba_kernels.py``, since each holds
every operation of its family), and every call checks the types of its nine or so
arguments (a few microseconds).  Both pay off on big arrays, where one pass over
memory is the whole cost, and not on small ones: ``x * 2`` on a (2, 2) tensor is
quicker in NumPy's own compiled loop.  So, like the JIT compilers of Java and
JavaScript, which interpret a function until it is worth compiling, this backend sends
elementwise maps, comparisons, choices and reductions of fewer than ``numpy_below``
elements (32,768) to the reference backend's NumPy code, and bigger ones to the
kernels.  Below that size each call takes a few microseconds either way
(``benchmarks/kernels.py`` times both), so a kernel's gain could never repay its
compile in a small exercise.  Above it, the kernels win where they do in one pass what
NumPy does in several (relu, softmax, a max, a sum of everything), and NumPy where its
loops use the processor's vector instructions (exp, adding a bias row); the figures
are in ``docs/performance.md``.

**Small work never waits for Numba.**  The same reasoning covers the rest:

* softmax (and log-softmax) has a threshold of its own, ``softmax_numpy_below``
  (1,024 elements).  Its kernel does in one pass what NumPy does in six, so it is
  quicker at every size (3 µs against 13 µs for a batch of 32 rows of 3 classes; 14
  against 30 µs for the MNIST model's 128 rows of 10), and only its compile, 0.5-0.7 s,
  is kept out of small exercises: their batches of a few classes run NumPy, the book's
  MNIST batch the kernel;
* the optimizer's fused update (``numba_optimizers.py``) runs for a step whose
  largest variable holds at least ``numpy_below`` numbers, and, whatever the sizes,
  from an optimizer's ``fuse_after_steps``-th step on (``wants_fused_update``).  A
  small model's first thousand steps run the optimizer's ``update_step`` as
  operations (about 25 µs more per variable and step), and a long training pays the
  compile (about 0.4 s) once it has shown that it is long;
* Numba itself is imported at the first big array (``_kernels``), not with
  teachtensor: importing it takes 0.2-0.3 s.

So a student's first small model imports and compiles nothing of Numba: its first
``fit`` takes milliseconds, where compiling its two kernels took about a second; the
book's MNIST model compiles the kernels its big arrays need in its first steps.  Both
tiers return the tensor's dtype, but a float reduction kernel adds (and multiplies) in
float64 where NumPy works in float32: a float32 sum may differ in its last bits, and
by more where float32 overflows on the way (``[3e38, 3e38, -3e38]``: NumPy inf, the
kernel 3e38).  The tests set ``numpy_below = 0``, so that they exercise every kernel,
and ``make test`` runs the Keras and book tests once more with the users' setting
(``pytest --user-tiers``).

Matrix products go to BLAS through ``numpy.matmul``: a hand-written loop is several
times slower, so the loop nest is taught in ``matmul_loops`` below (and in the tiled
CUDA kernel of tutorial 6), and the real work is done by the library built for it.
"""
from math import prod

import numpy as np

from .quiet import restore, silence
from .reference import BINARY, UNARY, NumpyBackend

_ONE_ROW = np.zeros(1, dtype=np.int64)


def _kernels():
    """``numba_kernels``, imported the first time an array is big enough for a kernel
    (importing Numba takes 0.2-0.3 s, which small work need never pay).  After that
    first time, the import statement only finds the module in ``sys.modules``."""
    from . import numba_kernels
    return numba_kernels

# Read by every small operation: one lookup of a global name, where ``np.ndarray`` is a
# lookup of ``np`` and then of its attribute
_ndarray = np.ndarray
_FLOAT_KINDS = "fc"


def broadcast_shape(a, b):
    """NumPy's broadcasting rule for two shapes: line them up from the right; each pair
    of lengths must be equal or contain a 1, which stretches to the other length."""
    ndim = max(len(a), len(b))
    a = (1,) * (ndim - len(a)) + tuple(a)
    b = (1,) * (ndim - len(b)) + tuple(b)
    out = []
    for m, n in zip(a, b):
        if m != n and m != 1 and n != 1:
            raise ValueError(f"shapes {a} and {b} do not broadcast")
        out.append(n if m == 1 else m)
    return tuple(out)


def _row_starts(shape, out_shape):
    """Where each output row starts reading an input of ``shape``, and the step along it.

    Row r of the output is a position in the leading axes of ``out_shape``; the input
    row it reads is found by broadcasting the input's own row positions to those axes.
    """
    if len(out_shape) == 0:
        return _ONE_ROW, 0
    padded = (1,) * (len(out_shape) - len(shape)) + tuple(shape)
    step = 1 if padded[-1] == out_shape[-1] and out_shape[-1] != 1 else 0
    rows = prod(out_shape[:-1])
    if prod(padded[:-1]) == 1:  # one row of the input, repeated (a bias, say)
        return np.zeros(rows, dtype=np.int64), step
    if padded[:-1] == tuple(out_shape[:-1]):  # no broadcasting over the rows
        return np.arange(0, rows * padded[-1], padded[-1], dtype=np.int64), step
    row_positions = np.arange(prod(padded[:-1]), dtype=np.int64) * padded[-1]
    starts = np.broadcast_to(row_positions.reshape(padded[:-1]), out_shape[:-1])
    return starts.ravel(), step


class NumbaBackend(NumpyBackend):
    """Numba-compiled loops for elementwise maps, reductions, softmax and the optimizer
    updates.  Its arrays are NumPy arrays, so it inherits from the reference (and
    only these) methods, for the reason given:

    * asarray, to_numpy, full, empty, copy, cast: making and converting NumPy arrays,
      already one fast loop in C;
    * reshape, transpose, broadcast_to, getitem, concat: layout only (a new view of
      the same memory, or a copy done by NumPy in C);
    * scatter_add, take_along_axis, put_along_axis, one_hot, nonzero, assign, argmax,
      argmin: indexing, one vectorized NumPy call each;
    * matmul: BLAS, several times faster than any loop we could write;
    * solve, det: LAPACK through NumPy (Numba's own ``np.linalg`` would need SciPy);
    * new_generator, random: NumPy's random generators.
    """

    name = "numba"
    numpy_below = 32768  # elements: smaller work runs NumPy's loops (the module docstring)
    softmax_numpy_below = 1024  # elements: a smaller softmax runs NumPy's passes
    # (each threshold no higher than numpy_below: numpy_below = 0 means kernels always)
    fuse_after_steps = 1000  # an optimizer's steps before small variables get the kernel

    def unary(self, op, x):
        if x.size < self.numpy_below:
            # NumpyBackend.unary written out, as binary below
            token = silence()
            try:
                out = UNARY[op](x)
            finally:
                restore(token)
            return out if type(out) is _ndarray and out.dtype is x.dtype else \
                np.asarray(out, dtype=x.dtype)
        kernels = _kernels()
        out = np.empty(x.shape, dtype=x.dtype)
        kernel = kernels.UNARY_KERNEL.get(op, kernels.unary_kernel)
        kernel(kernels.UNARY_CODES[op], x.ravel(), out.ravel())
        return out

    def _zip(self, kernel, code, a, b, out_dtype, one_row_kernel=None):
        """Run a two-input kernel with NumPy broadcasting."""
        shape = a.shape
        if shape == b.shape:                          # same shape: one row, steps 1, 1
            a_step, b_step = 1, 1
        elif b.size == 1 and b.ndim <= a.ndim:        # a number on the right: step 0
            a_step, b_step = 1, 0
        elif a.size == 1 and a.ndim <= b.ndim:        # a number on the left
            a_step, b_step, shape = 0, 1, b.shape
        else:                                         # general broadcasting, row by row
            shape = broadcast_shape(a.shape, b.shape)
            out = np.empty(shape, dtype=out_dtype)
            if out.size == 0:
                return out
            a_starts, a_step = _row_starts(a.shape, shape)
            b_starts, b_step = _row_starts(b.shape, shape)
            kernel(code, a.ravel(), a_starts, a_step, b.ravel(), b_starts, b_step,
                   out.ravel(), shape[-1])
            return out
        out = np.empty(shape, dtype=out_dtype)
        if one_row_kernel is not None:
            one_row_kernel(code, a.ravel(), a_step, b.ravel(), b_step, out.ravel())
        else:
            kernel(code, a.ravel(), _ONE_ROW, a_step, b.ravel(), _ONE_ROW, b_step,
                   out.ravel(), out.size)
        return out

    def binary(self, op, a, b):
        if a.size < self.numpy_below and b.size < self.numpy_below:
            # NumpyBackend.binary written out (keep the two alike), with quietly's two
            # halves in place (quiet.py): no call of the reference's method, none of
            # the Python function quietly, and (for an array of the right dtype) none
            # of np.asarray; about 0.15 µs of the 0.8 µs that multiplying two 2x2
            # arrays took here
            token = silence()
            try:
                out = BINARY[op](a, b)
            finally:
                restore(token)
            if type(out) is _ndarray and (out.dtype is a.dtype or op == "divide"):
                return out
            return np.asarray(out, dtype=a.dtype if op != "divide" else out.dtype)
        kernels = _kernels()
        if a.dtype.kind not in _FLOAT_KINDS:
            if op == "divide":
                a, b = a.astype(np.float64), b.astype(np.float64)  # int / int is a float
            elif op in ("floordiv", "mod", "power"):
                # NumPy's rules for integer division by 0 and negative integer powers
                return NumpyBackend.binary(self, op, a, b)
        if op in kernels.RARE_BINARY:  # ** // % atan2: a kernel of their own (numba_kernels.py)
            return self._zip(kernels.rare_binary_kernel, kernels.BINARY_CODES[op], a, b,
                             a.dtype)
        return self._zip(kernels.binary_kernel, kernels.BINARY_CODES[op], a, b, a.dtype,
                         kernels.zip_kernel)

    def compare(self, op, a, b):
        if a.size < self.numpy_below and b.size < self.numpy_below:
            return NumpyBackend.compare(self, op, a, b)
        kernels = _kernels()
        return self._zip(kernels.compare_kernel, kernels.COMPARE_CODES[op], a, b, np.bool_)

    def where(self, cond, a, b):
        """Elementwise choice; the common shapes (all alike, or a number for a or b) run
        in a kernel, anything else broadcasts with NumPy."""
        shape = cond.shape
        if cond.size < self.numpy_below:
            return NumpyBackend.where(self, cond, a, b)
        if a.dtype == b.dtype and (a.shape == shape or a.size == 1) and \
                (b.shape == shape or b.size == 1) and a.ndim <= len(shape) and \
                b.ndim <= len(shape):
            out = np.empty(shape, dtype=a.dtype)
            _kernels().where_kernel(cond.ravel(), a.ravel(), int(a.shape == shape),
                           b.ravel(), int(b.shape == shape), out.ravel())
            return out
        return NumpyBackend.where(self, cond, a, b)

    def reduce(self, op, x, axes, keepdims):
        """Reduce over ``axes``: a sorted tuple of distinct axes (empty: all of them)."""
        if x.size < self.numpy_below or x.size == 0 or x.ndim == 0:
            return NumpyBackend.reduce(self, op, x, axes, keepdims)  # (empty axes: all)
        kernels = _kernels()
        ndim = x.ndim
        axes = axes or tuple(range(ndim))
        if axes[-1] - axes[0] + 1 != len(axes):
            # Reduced axes not side by side: move them to the end first (one copy).
            kept = tuple(a for a in range(ndim) if a not in axes)
            moved = np.ascontiguousarray(x.transpose(kept + axes))
            out = self.reduce(op, moved, tuple(range(len(kept), ndim)), False)
            return out.reshape(_kept_shape(x.shape, axes)) if keepdims else out
        shape = x.shape
        outer = prod(shape[:axes[0]])
        inner = prod(shape[axes[-1] + 1:])
        depth = x.size // (outer * inner)
        out = np.empty(outer * inner, dtype=x.dtype)
        if inner == 1 and x.dtype.kind == "f" and op != "prod":  # reducing the last axes
            if op == "sum":
                kernels.sum_rows_kernel(x.ravel(), outer, depth, out)
            else:
                kernels.extreme_rows_kernel(op == "max", x.ravel(), outer, depth, out)
            if len(axes) == ndim:  # every axis reduced: a single number
                return out.reshape((1,) * ndim if keepdims else ())
        else:
            acc = np.empty(inner, dtype=np.float64 if x.dtype.kind == "f" else x.dtype)
            kernels.reduce_kernel(kernels.REDUCE_CODES[op], x.ravel(), outer, depth, inner, acc, out)
        if keepdims:
            return out.reshape(_kept_shape(x.shape, axes))
        return out.reshape(tuple(s for i, s in enumerate(x.shape) if i not in axes))

    def _softmax(self, x, axis, log):
        if x.size < min(self.softmax_numpy_below, self.numpy_below):  # (0: kernels always)
            return (NumpyBackend.log_softmax if log else NumpyBackend.softmax)(self, x, axis)
        axis = axis % x.ndim
        last = axis == x.ndim - 1
        moved = np.ascontiguousarray(x if last else np.moveaxis(x, axis, -1))
        out = np.empty(moved.shape, dtype=x.dtype)
        depth = moved.shape[-1]
        if moved.size:
            _kernels().softmax_kernel(log, moved.ravel(), moved.size // depth, depth, out.ravel())
        return out if last else np.moveaxis(out, -1, axis)

    def fused_update(self, rule, weight, gradient, slots, hyperparameters, out):
        """SGD, RMSprop, Adam and Adagrad in one pass each (``numba_optimizers.py``);
        None (no fused kernel) for other rules and dtypes."""
        from . import numba_optimizers  # (imported here for the reason of _kernels)
        return numba_optimizers.fused_update(rule, weight, gradient, slots, hyperparameters,
                                             out)

    def wants_fused_update(self, largest, steps):
        """The optimizer's kernel for big variables at once, for small ones only once
        the training has run ``fuse_after_steps`` steps (the module docstring)."""
        return largest >= self.numpy_below or steps >= self.fuse_after_steps

    def softmax(self, x, axis):
        return self._softmax(x, axis, False)

    def log_softmax(self, x, axis):
        return self._softmax(x, axis, True)


def _kept_shape(shape, axes):
    return tuple(1 if i in axes else s for i, s in enumerate(shape))


def matmul_loops(a, b):
    """The loop nest of a matrix product, for reading (the backend uses BLAS).

        for i in range(n):
            for j in range(m):
                out[i, j] = sum(a[i, p] * b[p, j] for p in range(k))
    """
    n, depth = a.shape
    m = b.shape[1]
    out = np.zeros((n, m), dtype=np.result_type(a, b))
    for i in range(n):
        for j in range(m):
            for p in range(depth):
                out[i, j] += a[i, p] * b[p, j]
    return out
