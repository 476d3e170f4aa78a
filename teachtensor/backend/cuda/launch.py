"""How many threads a kernel gets: the launch configuration ``kernel[blocks, threads]``.

A CUDA kernel runs as a *grid* of *blocks*; each block is a group of threads that run
on one multiprocessor and can share fast memory.  The 1-D kernels here use blocks of
``THREADS`` threads and loop with a *grid-stride*: thread ``t`` of a grid of ``T``
threads handles elements t, t + T, t + 2T, ... so any grid size covers any array, and
a grid of a few blocks per multiprocessor keeps them all busy without launching a
thread per element.

Numba's CUDA simulator (``NUMBA_ENABLE_CUDASIM=1``) runs every thread as a Python
thread, thousands of times slower than a GPU.  There the blocks are small and the grids
one block wide, so that the tests stay quick; the kernels are the same.  (The
simulator's ``shape`` also refuses negative indices, ``shape[-1]``, as shapes inside a
kernel do: the code here turns a shape into a plain tuple before indexing it so.
``simulator.py`` repairs a race in its shared memory, and speeds it up.)
"""
import os

import numpy as np

SIMULATOR = os.environ.get("NUMBA_ENABLE_CUDASIM") == "1"
if SIMULATOR:
    from . import simulator
    simulator.repair()  # two repairs for the simulator (see simulator.py)

THREADS = 8 if SIMULATOR else 256   # threads per block of the 1-D kernels
MAX_BLOCKS = 1 if SIMULATOR else 1024  # enough for every multiprocessor, several times
MAX_DIMS = 6  # the kernels that walk an N-d index handle up to this many axes


def grid(n):
    """(blocks, threads) for ``n`` elements, one element per thread or a grid-stride."""
    blocks = max(1, min(MAX_BLOCKS, (n + THREADS - 1) // THREADS))
    return blocks, THREADS


def padded(values, fill):
    """A shape or strides tuple padded at the front to MAX_DIMS entries: the kernels
    take fixed-length tuples (passed by value, with no copy to the GPU), so one
    compiled kernel serves tensors of every rank."""
    values = tuple(int(v) for v in values)
    if len(values) > MAX_DIMS:
        raise ValueError(f"the CUDA backend handles tensors of at most {MAX_DIMS} axes, "
                         f"got {len(values)}")
    return (fill,) * (MAX_DIMS - len(values)) + values


def c_strides(shape):
    """The strides (in elements) of a C-ordered array of ``shape``."""
    strides, step = [], 1
    for n in reversed(shape):
        strides.append(step)
        step *= n
    return tuple(reversed(strides))


def launch(kernel, n, *args):
    """Run a 1-D kernel over ``n`` elements (nothing to do for none)."""
    if n:
        blocks, threads = grid(n)
        kernel[blocks, threads](*args)


def flat(x):
    """The same memory seen as one row (every array of this backend is C-contiguous)."""
    return x.reshape(x.size) if x.ndim != 1 else x


def broadcast_strides(shape, out_shape):
    """Strides (in elements) that read an array of ``shape`` as if it had ``out_shape``:
    0 along the axes broadcasting repeats (length 1, or missing at the front)."""
    own = c_strides(shape)
    extra = len(out_shape) - len(shape)
    return (0,) * extra + tuple(0 if n == 1 and m != 1 else s
                                for n, m, s in zip(shape, out_shape[extra:], own))
