"""Elementwise kernels: one thread per output element.

Thread layout (all kernels of this file)::

    grid of B blocks x T threads; thread t = blockIdx.x * T + threadIdx.x
    t handles output elements  t, t + B*T, t + 2*B*T, ...   (a grid-stride loop)

Neighbouring threads touch neighbouring elements, so each warp of 32 threads reads and
writes 32 consecutive numbers at once (*coalesced* memory access): these kernels run
at nearly the speed of copying memory.

Broadcasting: an input that is repeated along an axis has *stride* 0 along it.  The
general kernels turn the output index into one index per axis (``shape``, a tuple
padded to MAX_DIMS axes) and the input's position is the sum of index x stride.  The
``flat`` kernels cover the common cases — same shapes, or a single number on one side
(step 0) — without that arithmetic.
"""
from numba import cuda

from .device_functions import apply_binary, apply_compare, apply_unary
from .launch import MAX_DIMS


@cuda.jit(device=True)
def offset_of(i, shape, strides):
    """The position, in an array of ``strides``, of element i of an output of ``shape``
    (C order): i is split into one index per axis, last axis fastest."""
    position = 0
    for d in range(MAX_DIMS - 1, -1, -1):
        position += (i % shape[d]) * strides[d]
        i //= shape[d]
    return position


@cuda.jit(cache=True)
def fill_kernel(out, value):
    """out[i] = value."""
    for i in range(cuda.grid(1), out.size, cuda.gridsize(1)):
        out[i] = value


@cuda.jit(cache=True)
def copy_kernel(x, out):
    """out[i] = x[i]: a copy from GPU memory to GPU memory."""
    for i in range(cuda.grid(1), out.size, cuda.gridsize(1)):
        out[i] = x[i]


@cuda.jit(cache=True)
def unary_kernel(code, x, out):
    """out[i] = f(x[i]), f given by a ``Unary`` code."""
    for i in range(cuda.grid(1), out.size, cuda.gridsize(1)):
        out[i] = apply_unary(code, x[i])


@cuda.jit(cache=True)
def binary_flat_kernel(code, a, a_step, b, b_step, out):
    """out[i] = a[i * a_step] (op) b[i * b_step]; a step of 0 repeats a single number."""
    for i in range(cuda.grid(1), out.size, cuda.gridsize(1)):
        out[i] = apply_binary(code, a[i * a_step], b[i * b_step])


@cuda.jit(cache=True)
def binary_kernel(code, a, a_strides, b, b_strides, out, shape):
    """out[i] = a[offset of i in a] (op) b[offset of i in b], with broadcasting."""
    for i in range(cuda.grid(1), out.size, cuda.gridsize(1)):
        out[i] = apply_binary(code, a[offset_of(i, shape, a_strides)],
                              b[offset_of(i, shape, b_strides)])


@cuda.jit(cache=True)
def compare_flat_kernel(code, a, a_step, b, b_step, out):
    """out[i] = a[i * a_step] (comparison) b[i * b_step], a bool."""
    for i in range(cuda.grid(1), out.size, cuda.gridsize(1)):
        out[i] = apply_compare(code, a[i * a_step], b[i * b_step])


@cuda.jit(cache=True)
def compare_kernel(code, a, a_strides, b, b_strides, out, shape):
    """out[i] = a[...] (comparison) b[...], with broadcasting."""
    for i in range(cuda.grid(1), out.size, cuda.gridsize(1)):
        out[i] = apply_compare(code, a[offset_of(i, shape, a_strides)],
                               b[offset_of(i, shape, b_strides)])


@cuda.jit(cache=True)
def where_kernel(condition, c_strides, a, a_strides, b, b_strides, out, shape):
    """out[i] = a[...] if condition[...] else b[...], all three broadcast."""
    for i in range(cuda.grid(1), out.size, cuda.gridsize(1)):
        if condition[offset_of(i, shape, c_strides)]:
            out[i] = a[offset_of(i, shape, a_strides)]
        else:
            out[i] = b[offset_of(i, shape, b_strides)]


@cuda.jit(cache=True)
def cast_kernel(x, out, to_bool):
    """out[i] = x[i] in out's dtype (floats to integers truncate; to bool: x != 0)."""
    for i in range(cuda.grid(1), out.size, cuda.gridsize(1)):
        if to_bool:
            out[i] = x[i] != 0
        else:
            out[i] = x[i]


@cuda.jit(cache=True)
def strided_copy_kernel(x, offset, strides, out, shape):
    """out[i] = x[offset + sum(index_d * strides_d)] for element i of ``shape``.

    One kernel for every layout change that is not a plain reshape: a transpose (the
    strides permuted), a broadcast (stride 0 along repeated axes), a slice such as
    x[1:, ::2] (an offset and larger strides)."""
    for i in range(cuda.grid(1), out.size, cuda.gridsize(1)):
        out[i] = x[offset + offset_of(i, shape, strides)]


@cuda.jit(cache=True)
def strided_store_kernel(values, out, offset, strides, shape):
    """The reverse of ``strided_copy_kernel``: out[offset + ...] = values[i] (writes a
    slice such as v[1:, 0] = values)."""
    for i in range(cuda.grid(1), values.size, cuda.gridsize(1)):
        out[offset + offset_of(i, shape, strides)] = values[i]


@cuda.jit(cache=True)
def concat_kernel(x, out, outer, length, total, start, inner):
    """Copy x, seen as (outer, length, inner), into out, seen as (outer, total, inner),
    at position ``start`` of the middle axis: one input of a concat."""
    n = outer * length * inner
    for i in range(cuda.grid(1), n, cuda.gridsize(1)):
        o = i // (length * inner)
        rest = i - o * length * inner
        out[o * total * inner + start * inner + rest] = x[i]
