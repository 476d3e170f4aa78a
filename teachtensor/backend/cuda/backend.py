"""``CudaBackend``: the backend interface (``backend/base.py``) on an NVIDIA GPU.

Each method works out, on the host, the sizes and strides of the problem — small
numbers, passed to the kernels by value — and launches the kernels of this package on
arrays that stay in GPU memory.  Arrays are ``DeviceNDArray`` objects in C order; a
reshape is a view, every other change of layout (transpose, broadcast, slicing) is a
copy made by ``strided_copy_kernel``.  Data crosses to the host only in ``to_numpy``
(and ``asarray`` brings it in), except in the few slow paths that say so (``nonzero``,
indexing with masks or several index arrays, and the singular-matrix flag of ``solve``).
"""
import warnings
from math import prod

import numpy as np
from numba import cuda

from ..base import Backend, SingularMatrixError
from ..scalar_math import Binary, Compare, Reduce, Unary, by_name
from . import elementwise as ew
from . import indexing as ix
from . import keys, optimizer_steps
from . import linalg as la
from . import matmul as mm
from . import reductions as rd
from . import updates as up
from .launch import (MAX_BLOCKS, SIMULATOR, THREADS, broadcast_strides, c_strides, flat,
                     launch, padded)

UNARY, BINARY, COMPARE, REDUCE = by_name(Unary), by_name(Binary), by_name(Compare), by_name(Reduce)


class CudaBackend(Backend):
    """Tensors in GPU memory; the kernels of ``teachtensor/backend/cuda``."""

    name = "cuda"
    device = "/job:localhost/replica:0/task:0/device:GPU:0"

    # ---- creation and transfer ---------------------------------------------------------
    def asarray(self, value, dtype=None):
        return cuda.to_device(np.asarray(value, dtype=dtype, order="C"))  # (0-d stays 0-d)

    def to_numpy(self, x):
        return x.copy_to_host()

    def empty(self, shape, dtype):
        return cuda.device_array(tuple(shape), dtype=np.dtype(dtype))

    def full(self, shape, fill_value, dtype):
        out = self.empty(shape, dtype)
        launch(ew.fill_kernel, out.size, flat(out), np.dtype(dtype).type(fill_value))
        return out

    def copy(self, x):
        out = self.empty(x.shape, x.dtype)
        launch(ew.copy_kernel, x.size, flat(x), flat(out))
        return out

    # ---- elementwise -----------------------------------------------------------------------
    def unary(self, op, x):
        out = self.empty(x.shape, x.dtype)
        launch(ew.unary_kernel, x.size, UNARY[op], flat(x), flat(out))
        return out

    def binary(self, op, a, b):
        if op == "divide" and a.dtype.kind not in "fc":  # int / int is a float
            a, b = self.cast(a, np.float64), self.cast(b, np.float64)
        return self._zip(ew.binary_flat_kernel, ew.binary_kernel, BINARY[op], a, b, a.dtype)

    def compare(self, op, a, b):
        return self._zip(ew.compare_flat_kernel, ew.compare_kernel, COMPARE[op], a, b,
                         np.dtype(bool))

    def _zip(self, flat_kernel, kernel, code, a, b, dtype):
        """Two inputs: the flat kernel for one shape or a single number, else the
        broadcasting one (NumPy's rule; ValueError when the shapes do not fit)."""
        if a.shape == b.shape:
            out = self.empty(a.shape, dtype)
            launch(flat_kernel, out.size, code, flat(a), 1, flat(b), 1, flat(out))
        elif b.size == 1 and b.ndim <= a.ndim:
            out = self.empty(a.shape, dtype)
            launch(flat_kernel, out.size, code, flat(a), 1, flat(b), 0, flat(out))
        elif a.size == 1 and a.ndim <= b.ndim:
            out = self.empty(b.shape, dtype)
            launch(flat_kernel, out.size, code, flat(a), 0, flat(b), 1, flat(out))
        else:
            shape = np.broadcast_shapes(a.shape, b.shape)
            out = self.empty(shape, dtype)
            launch(kernel, out.size, code,
                    flat(a), padded(broadcast_strides(a.shape, shape), 0),
                    flat(b), padded(broadcast_strides(b.shape, shape), 0),
                    flat(out), padded(shape, 1))
        return out

    def where(self, condition, a, b):
        shape = np.broadcast_shapes(condition.shape, a.shape, b.shape)
        out = self.empty(shape, np.result_type(a.dtype, b.dtype))
        strides = [padded(broadcast_strides(x.shape, shape), 0) for x in (condition, a, b)]
        launch(ew.where_kernel, out.size, flat(condition), strides[0], flat(a), strides[1],
                flat(b), strides[2], flat(out), padded(shape, 1))
        return out

    def cast(self, x, dtype):
        dtype = np.dtype(dtype)
        out = self.empty(x.shape, dtype)
        launch(ew.cast_kernel, x.size, flat(x), flat(out), dtype.kind == "b")
        return out

    # ---- reductions ------------------------------------------------------------------------
    def reduce(self, op, x, axes, keepdims):
        axes = tuple(axes) or tuple(range(x.ndim))
        kept = tuple(1 if i in axes else n for i, n in enumerate(x.shape))
        result_shape = kept if keepdims else tuple(n for i, n in enumerate(x.shape)
                                                   if i not in axes)
        if x.ndim == 0:
            return self.copy(x)
        if x.size == 0:  # over nothing: 0, 1, or the lowest / highest value
            start = {"sum": 0, "prod": 1}.get(op)
            if start is None:
                info = np.finfo if x.dtype.kind == "f" else np.iinfo
                start = (-np.inf if op == "max" else np.inf) if x.dtype.kind == "f" else \
                    (info(x.dtype).min if op == "max" else info(x.dtype).max)
            return self.full(result_shape, start, x.dtype)
        if axes[-1] - axes[0] + 1 != len(axes):  # reduced axes not side by side: move them
            others = tuple(i for i in range(x.ndim) if i not in axes)
            x = self.transpose(x, others + axes)
            axes = tuple(range(len(others), x.ndim))
        outer = prod(x.shape[:axes[0]])
        inner = prod(x.shape[axes[-1] + 1:])
        k = x.size // (outer * inner)
        out = self.empty((outer * inner,), x.dtype)
        code = REDUCE[op]
        if inner == 1 and x.dtype.kind == "f":
            self._reduce_rows(code, flat(x), outer, k, out)
        else:
            launch(rd.reduce_columns_kernel, outer * inner, code, flat(x), outer, k, inner, out)
        return out.reshape(result_shape)

    def _reduce_rows(self, code, x, rows, k, out):
        """Block-per-row tree reductions; a few long rows are cut into chunks first
        (one block per chunk), and the chunks' results reduced in a second pass."""
        blocks = min(rows, MAX_BLOCKS)
        chunks = 1 if rows >= 64 or SIMULATOR else min(1024, max(1, k // (8 * rd.TREE)))
        if chunks == 1:
            rd.reduce_rows_kernel[(blocks, 1), rd.TREE](code, x, rows, k, k, out)
            return
        partial = self.empty((rows * chunks,), np.float64)
        chunk = (k + chunks - 1) // chunks
        rd.reduce_rows_kernel[(blocks, chunks), rd.TREE](code, x, rows, k, chunk, partial)
        rd.reduce_rows_kernel[(blocks, 1), rd.TREE](code, partial, rows, chunks, chunks, out)

    def _rows_of(self, x, axis):
        """x with ``axis`` moved last (a copy when it is not last already), as rows."""
        if axis != x.ndim - 1:
            perm = tuple(i for i in range(x.ndim) if i != axis) + (axis,)
            x = self.transpose(x, perm)
        return x

    def argmax(self, x, axis):
        return self._arg_extreme(True, x, axis)

    def argmin(self, x, axis):
        return self._arg_extreme(False, x, axis)

    def _arg_extreme(self, largest, x, axis):
        axis %= x.ndim
        if x.shape[axis] == 0:
            raise ValueError("attempt to get argmax/argmin of an empty sequence")
        shape = tuple(n for i, n in enumerate(x.shape) if i != axis)
        rows = self._rows_of(x, axis)
        out = self.empty(shape, np.int64)
        launch(rd.arg_extreme_kernel, out.size, largest, flat(rows), out.size,
                x.shape[axis], flat(out))
        return out

    # ---- linear algebra --------------------------------------------------------------------
    def matmul(self, a, b, transpose_a=False, transpose_b=False):
        a_shape, b_shape = tuple(a.shape), tuple(b.shape)  # (plain tuples: see launch.py)
        n, k = (a_shape[-1], a_shape[-2]) if transpose_a else a_shape[-2:]
        m = b_shape[-2] if transpose_b else b_shape[-1]
        batch = np.broadcast_shapes(a_shape[:-2], b_shape[:-2])
        dtype = np.result_type(a.dtype, b.dtype)
        out = self.empty(batch + (n, m), dtype)
        count = prod(batch)
        if out.size == 0:
            return out
        if k == 0:
            return self.full(out.shape, 0, dtype)
        a_batch = padded(broadcast_strides(a_shape[:-2], batch), 0)
        a_batch = tuple(s * n * k for s in a_batch)  # whole matrices per batch step
        b_batch = tuple(s * k * m for s in padded(broadcast_strides(b_shape[:-2], batch), 0))
        args = (flat(a), a_batch, flat(b), b_batch, flat(out), n, k, m, transpose_a,
                transpose_b, padded(batch, 1))
        if dtype.kind != "f":
            launch(mm.matmul_naive_kernel, out.size, *args)
            return out
        kernel = mm.matmul_float32_kernel if dtype == np.float32 else mm.matmul_float64_kernel
        tiles = ((m + mm.TILE - 1) // mm.TILE) * ((n + mm.TILE - 1) // mm.TILE) * count
        blocks = 1 if SIMULATOR else min(tiles, 65535)
        kernel[blocks, (mm.THREADS_PER_SIDE, mm.THREADS_PER_SIDE)](*args, count)
        return out

    def solve(self, a, b):
        """Gaussian elimination with partial pivoting, one thread per system
        (``linalg.py``), on copies of a and b.  Then one number comes back to the host:
        the flag saying whether some matrix was singular.  That 4-byte copy (counted
        like every copy) is the price of raising an error, as TensorFlow does, instead
        of returning NaNs."""
        a_shape, b_shape = tuple(a.shape), tuple(b.shape)
        n, k, count = a_shape[-1], b_shape[-1], prod(a_shape[:-2])
        work, x = self.copy(a), self.copy(b)
        if count == 0 or n == 0:
            return x
        singular = self.full((1,), 0, np.int32)
        launch(la.solve_kernel, count, flat(work), flat(x), count, n, k, singular)
        if singular.copy_to_host()[0]:
            raise SingularMatrixError("a matrix is singular (not invertible)")
        return x

    def det(self, a):
        """The sign of the row swaps times the product of the pivots of Gaussian
        elimination, one thread per matrix (``linalg.py``), on a copy of a."""
        a_shape = tuple(a.shape)
        n, batch = a_shape[-1], a_shape[:-2]
        if n == 0:
            return self.full(batch, 1, a.dtype)  # the empty product
        work = self.copy(a)
        out = self.empty(batch, a.dtype)
        launch(la.det_kernel, prod(batch), flat(work), prod(batch), n, flat(out))
        return out

    # ---- fused kernels ---------------------------------------------------------------------
    def softmax(self, x, axis):
        return self._softmax(x, axis, False)

    def log_softmax(self, x, axis):
        return self._softmax(x, axis, True)

    def _softmax(self, x, axis, log):
        axis %= x.ndim
        rows = self._rows_of(x, axis)
        out = self.empty(rows.shape, x.dtype)
        k = x.shape[axis]
        if k:
            launch(rd.softmax_kernel, rows.size // k, log, flat(rows), rows.size // k, k,
                    flat(out))
        if axis != x.ndim - 1:  # back to the original order of the axes
            perm = list(range(x.ndim - 1))
            perm.insert(axis, x.ndim - 1)
            out = self.transpose(out, tuple(perm))
        return out

    def fused_update(self, rule, weight, gradient, slots, hyperparameters, out):
        return optimizer_steps.fused_update(self, rule, weight, gradient, slots,
                                            hyperparameters, out)

    # ---- layout ----------------------------------------------------------------------------
    def reshape(self, x, shape):
        return x.reshape(tuple(shape))

    def _strided_copy(self, x, offset, strides, shape):
        out = self.empty(shape, x.dtype)
        launch(ew.strided_copy_kernel, out.size, flat(x), offset, padded(strides, 0),
                flat(out), padded(shape, 1))
        return out

    def transpose(self, x, perm):
        own = c_strides(x.shape)
        return self._strided_copy(x, 0, tuple(own[p] for p in perm),
                                  tuple(x.shape[p] for p in perm))

    def broadcast_to(self, x, shape):
        shape = tuple(shape)
        np.broadcast_shapes(x.shape, shape)  # ValueError when it does not fit
        if np.broadcast_shapes(x.shape, shape) != shape or len(shape) < x.ndim:
            raise ValueError(f"cannot broadcast shape {x.shape} to {shape}")
        return self._strided_copy(x, 0, broadcast_strides(x.shape, shape), shape)

    def concat(self, arrays, axis):
        shape = list(arrays[0].shape)
        total = sum(a.shape[axis] for a in arrays)
        shape[axis] = total
        out = self.empty(tuple(shape), arrays[0].dtype)
        outer, inner = prod(shape[:axis]), prod(shape[axis + 1:])
        start = 0
        for a in arrays:
            launch(ew.concat_kernel, a.size, flat(a), flat(out), outer, a.shape[axis], total,
                    start, inner)
            start += a.shape[axis]
        return out

    def getitem(self, x, key):
        return keys.getitem(self, x, key)

    def scatter_add(self, shape, key, values):
        return keys.scatter_add(self, shape, key, values)

    def assign(self, x, key, value):
        keys.assign(self, x, key, value)

    def take_along_axis(self, x, indices):
        out = self.empty(indices.shape, x.dtype)
        launch(ix.take_along_kernel, out.size, flat(x), flat(indices), tuple(x.shape)[-1],
               flat(out))
        return out

    def put_along_axis(self, shape, indices, values):
        out = self.full(shape, 0, values.dtype)
        launch(ix.put_along_kernel, values.size, flat(values), flat(indices), tuple(shape)[-1],
                flat(out))
        return out

    def one_hot(self, indices, depth, dtype, on_value=1, off_value=0):
        dtype = np.dtype(dtype)
        out = self.empty(indices.shape + (depth,), dtype)
        launch(ix.one_hot_kernel, out.size, flat(indices), depth, dtype.type(on_value),
                dtype.type(off_value), flat(out))
        return out

    def nonzero(self, x):
        """A slow path, on the host: how many elements are true is not known before."""
        return self.asarray(np.argwhere(self.to_numpy(x)).astype(np.int64))

    # ---- random numbers ----------------------------------------------------------------------
    def new_generator(self, seed):
        return up.Generator(seed)

    def random(self, generator, kind, shape, dtype, low=0.0, high=1.0):
        kinds = {"uniform": up.UNIFORM, "integers": up.INTEGERS, "normal": up.NORMAL,
                 "truncated_normal": up.TRUNCATED_NORMAL}
        if kind not in kinds:
            raise ValueError(f"unknown kind of random numbers {kind!r}")
        out = self.empty(shape, dtype)
        if out.size:
            states = generator.states
            with warnings.catch_warnings():  # the simulator warns of uint64 wrap-around
                warnings.simplefilter("ignore", RuntimeWarning)
                up.random_kernel[(states.size + THREADS - 1) // THREADS, THREADS](
                    states, kinds[kind], float(low), float(high), flat(out))
        return out
