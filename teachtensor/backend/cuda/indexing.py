"""Indexing kernels: gather, scatter-add, picking one entry per row, one-hot.

Thread layout: one thread per element of the *smaller* side — per output element when
reading (gather), per input element when writing (scatter).

Two threads of a scatter may add into the same place (an index that repeats), so they
add with ``cuda.atomic.add``, which the hardware makes indivisible: without it one of
the two additions could be lost.
"""
from numba import cuda


@cuda.jit(cache=True)
def gather_kernel(x, positions, out):
    """out[i] = x[positions[i]]: any NumPy index, once turned into flat positions."""
    for i in range(cuda.grid(1), out.size, cuda.gridsize(1)):
        out[i] = x[positions[i]]


@cuda.jit(cache=True)
def scatter_add_kernel(values, positions, out):
    """out[positions[i]] += values[i], atomically (positions may repeat)."""
    for i in range(cuda.grid(1), values.size, cuda.gridsize(1)):
        cuda.atomic.add(out, positions[i], values[i])


@cuda.jit(cache=True)
def scatter_set_kernel(values, positions, out):
    """out[positions[i]] = values[i] (assignment; with repeated positions, one wins)."""
    for i in range(cuda.grid(1), values.size, cuda.gridsize(1)):
        out[positions[i]] = values[i]


@cuda.jit(cache=True)
def take_axis_kernel(x, indices, out, length, inner):
    """out[o, j, i] = x[o, indices[j], i]: a gather along one axis of x seen as
    (outer, length, inner), for ``tf.gather`` and ``x[index_tensor]``."""
    count = indices.size
    for e in range(cuda.grid(1), out.size, cuda.gridsize(1)):
        o = e // (count * inner)
        j = (e // inner) % count
        i = e % inner
        out[e] = x[(o * length + indices[j]) * inner + i]


@cuda.jit(cache=True)
def take_along_kernel(x, indices, k, out):
    """out[r] = x[r, indices[r]] for x seen as (rows, k): a loss reading the probability
    of each sample's class."""
    for r in range(cuda.grid(1), out.size, cuda.gridsize(1)):
        out[r] = x[r * k + indices[r]]


@cuda.jit(cache=True)
def put_along_kernel(values, indices, k, out):
    """out[r, indices[r]] = values[r] (out holds zeros): the gradient of the above."""
    for r in range(cuda.grid(1), values.size, cuda.gridsize(1)):
        out[r * k + indices[r]] = values[r]


@cuda.jit(cache=True)
def one_hot_kernel(indices, depth, on_value, off_value, out):
    """out[r, j] = on_value if j == indices[r] else off_value."""
    for e in range(cuda.grid(1), out.size, cuda.gridsize(1)):
        out[e] = on_value if e % depth == indices[e // depth] else off_value
