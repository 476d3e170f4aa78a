"""The matrix product on the GPU: a tiled kernel with shared memory.

For C = A @ B (A: n x k, B: k x m), a naive kernel gives each thread one C[i, j] and
reads a whole row of A and column of B from slow global memory: 2k reads for 2k
flops.  The tiled kernel reads each number from global memory once per *tile*:

    the output is cut into TILE x TILE tiles, one block of threads per tile
    for each slice of STEP columns of A (and STEP rows of B):
        the block copies A[rows of the tile, slice] and B[slice, columns of the tile]
        into shared memory (fast, on the multiprocessor), all threads together
        each thread multiplies out of shared memory, accumulating in registers
    each thread writes the WORK x WORK outputs it owns

    block (bx, by, batch):        threads (tx, ty), each owning WORK x WORK outputs
      +---------- TILE ----------+
      | (0,0) (0,1) ...          |  thread (ty, tx) owns rows  ty*WORK ... ty*WORK+WORK-1
      | (1,0) ...                |                    columns tx*WORK ... tx*WORK+WORK-1
      |                          |  of the block's tile of C
      +--------------------------+

Each number brought into shared memory is used TILE times, and each one read from
shared memory into a register WORK times: that reuse is what makes matrix products
fast.  Transposed operands (``transpose_a``, ``transpose_b``) are read the other way
round while the tiles are loaded; nothing is copied.  Leading axes are batch axes: the
grid's third dimension runs over the batch, each batch member finding its A and B
through broadcast batch strides.

The tiles' element type is fixed when a kernel compiles, so one definition below makes
two kernels when the module is imported, one for float32 and one for float64 (made
once, and cached on disk like the others).  Integers use ``matmul_naive_kernel``.
"""
from numba import cuda, float32, float64

from .launch import SIMULATOR
from .elementwise import offset_of

# The real GPU: 64 x 64 tiles, 16 x 16 threads of 4 x 4 outputs each.  The simulator
# (a Python thread per CUDA thread, and each syncthreads a wait of the Python threads):
# 8 x 8 tiles, 2 x 2 threads of 4 x 4 outputs, slices of 8.
TILE, WORK, STEP = (8, 4, 8) if SIMULATOR else (64, 4, 16)
THREADS_PER_SIDE = TILE // WORK


def _tiled(element_type):
    """The tiled matrix-product kernel for ``element_type`` (see the module docstring).

    The grid is one-dimensional: block b computes tiles b, b + B, b + 2B, ... of all
    the (batch, tile row, tile column) triples, so any number of blocks covers any
    product (the simulator uses one)."""

    @cuda.jit(cache=True)
    def kernel(a, a_batch, b, b_batch, out, n, k, m, transpose_a, transpose_b, batch_shape,
               count):
        a_tile = cuda.shared.array((STEP, TILE), element_type)  # A[rows, slice], transposed
        b_tile = cuda.shared.array((STEP, TILE), element_type)  # B[slice, columns]
        acc = cuda.local.array((WORK, WORK), element_type)
        tx, ty = cuda.threadIdx.x, cuda.threadIdx.y
        thread = ty * THREADS_PER_SIDE + tx
        threads = THREADS_PER_SIDE * THREADS_PER_SIDE
        across = (m + TILE - 1) // TILE
        down = (n + TILE - 1) // TILE
        for tile in range(cuda.blockIdx.x, across * down * count, cuda.gridDim.x):
            z = tile // (across * down)                        # member of the batch
            row0 = (tile // across) % down * TILE
            col0 = tile % across * TILE
            a0 = offset_of(z, batch_shape, a_batch)
            b0 = offset_of(z, batch_shape, b_batch)
            for i in range(WORK):
                for j in range(WORK):
                    acc[i, j] = element_type(0)
            for s0 in range(0, k, STEP):
                for e in range(thread, STEP * TILE, threads):  # load the two tiles
                    # consecutive threads read consecutive addresses (coalesced): along
                    # the depth for a row-major A or a transposed B, else along rows/columns
                    if transpose_a:
                        s, r = e // TILE, e % TILE
                    else:
                        r, s = e // STEP, e % STEP
                    row, depth = row0 + r, s0 + s
                    value = element_type(0)
                    if row < n and depth < k:
                        value = a[a0 + (depth * n + row if transpose_a else row * k + depth)]
                    a_tile[s, r] = value
                    if transpose_b:
                        r, s = e // STEP, e % STEP
                    else:
                        s, r = e // TILE, e % TILE
                    col, depth = col0 + r, s0 + s
                    value = element_type(0)
                    if col < m and depth < k:
                        value = b[b0 + (col * k + depth if transpose_b else depth * m + col)]
                    b_tile[s, r] = value
                cuda.syncthreads()
                for s in range(STEP):                          # multiply the tiles
                    for i in range(WORK):
                        left = a_tile[s, ty * WORK + i]
                        for j in range(WORK):
                            acc[i, j] += left * b_tile[s, tx * WORK + j]
                cuda.syncthreads()
            base = z * n * m
            for i in range(WORK):                              # write what this thread owns
                row = row0 + ty * WORK + i
                for j in range(WORK):
                    col = col0 + tx * WORK + j
                    if row < n and col < m:
                        out[base + row * m + col] = acc[i, j]

    return kernel


matmul_float32_kernel = _tiled(float32)
matmul_float64_kernel = _tiled(float64)


@cuda.jit(cache=True)
def matmul_naive_kernel(a, a_batch, b, b_batch, out, n, k, m, transpose_a, transpose_b,
                        batch_shape):
    """One thread per output element C[z, i, j] = sum_p A[z, i, p] * B[z, p, j]: the
    loop nest, for integer matrices (rare, so kept simple)."""
    for e in range(cuda.grid(1), out.size, cuda.gridsize(1)):
        z = e // (n * m)
        i = (e // m) % n
        j = e % m
        a0 = offset_of(z, batch_shape, a_batch)
        b0 = offset_of(z, batch_shape, b_batch)
        total = 0
        for p in range(k):
            left = a[a0 + (p * n + i if transpose_a else i * k + p)]
            right = b[b0 + (j * k + p if transpose_b else p * m + j)]
            total += left * right
        out[e] = total
