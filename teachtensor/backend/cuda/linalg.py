"""Linear systems on the GPU: Gaussian elimination, one thread per matrix.

For each matrix A of a batch (with its right-hand sides B), one thread runs the
textbook algorithm, in place, on copies of A and B that the host made::

    sign = +1
    for each column c:
        p = the row >= c with the largest |A[p, c]|     partial pivoting: every
                                                        multiplier is <= 1 in size,
                                                        so rounding errors stay small
        if A[p, c] == 0: singular, stop                 (the whole column below is 0)
        swap rows p and c of A and of B; sign = -sign   (if p != c)
        for each row r below c:                         make A[r, c] zero
            f = A[r, c] / A[c, c]
            row r of A -= f * row c of A;  row r of B -= f * row c of B
    now A is upper triangular (U), and
        det(A) = sign * U[0, 0] * U[1, 1] * ... * U[n-1, n-1]
        x      = back substitution, from the last row up:
                 x[r] = (B[r] - sum_{j > r} U[r, j] x[j]) / U[r, r]

This is what LAPACK's ``getrf``/``gesv`` compute (the reference backend calls them
through NumPy), without their blocking.  One thread per matrix is the simplest mapping,
and suits the many small systems of a batch; a single large matrix would want a block
of threads sharing each column step, which this teaching backend leaves out.  Arrays
are flat, C-ordered: element (r, j) of matrix z of A sits at ``z*n*n + r*n + j``.
"""
from numba import cuda


@cuda.jit(device=True)
def eliminate(a, a0, b, b0, n, k):
    """Reduce the n x n matrix at ``a[a0:]`` to upper triangular form, doing the same
    row operations on the n x k matrix at ``b[b0:]``.  Returns the sign of the row
    swaps (+1.0 or -1.0), or 0.0 when a pivot is exactly 0 (a singular matrix)."""
    sign = 1.0
    for c in range(n):
        p = c
        for r in range(c + 1, n):
            if abs(a[a0 + r * n + c]) > abs(a[a0 + p * n + c]):
                p = r
        if a[a0 + p * n + c] == 0:
            return 0.0
        if p != c:
            sign = -sign
            for j in range(n):
                held = a[a0 + c * n + j]
                a[a0 + c * n + j] = a[a0 + p * n + j]
                a[a0 + p * n + j] = held
            for j in range(k):
                held = b[b0 + c * k + j]
                b[b0 + c * k + j] = b[b0 + p * k + j]
                b[b0 + p * k + j] = held
        pivot = a[a0 + c * n + c]
        for r in range(c + 1, n):
            factor = a[a0 + r * n + c] / pivot
            for j in range(c, n):  # (row r is already 0 left of column c)
                a[a0 + r * n + j] -= factor * a[a0 + c * n + j]
            for j in range(k):
                b[b0 + r * k + j] -= factor * b[b0 + c * k + j]
    return sign


@cuda.jit(cache=True)
def solve_kernel(a, b, count, n, k, singular):
    """Thread z solves system z: ``a`` (count*n*n) and ``b`` (count*n*k) are
    overwritten, and b ends up holding x.  ``singular[0]`` is set to 1 if any matrix
    is singular (its x is then left unfinished)."""
    for z in range(cuda.grid(1), count, cuda.gridsize(1)):
        a0, b0 = z * n * n, z * n * k
        if eliminate(a, a0, b, b0, n, k) == 0:
            singular[0] = 1
            continue
        for r in range(n - 1, -1, -1):  # back substitution
            for j in range(k):
                total = b[b0 + r * k + j]
                for c in range(r + 1, n):
                    total -= a[a0 + r * n + c] * b[b0 + c * k + j]
                b[b0 + r * k + j] = total / a[a0 + r * n + r]


@cuda.jit(cache=True)
def det_kernel(a, count, n, out):
    """Thread z writes the determinant of matrix z of ``a`` (which is overwritten) to
    out[z]: the sign of the row swaps times the product of the pivots."""
    for z in range(cuda.grid(1), count, cuda.gridsize(1)):
        a0 = z * n * n
        d = eliminate(a, a0, a, 0, n, 0)  # no right-hand side (k = 0)
        if d != 0:  # (0 for a singular matrix: the pivots are not all there)
            for c in range(n):
                d *= a[a0 + c * n + c]
        out[z] = d
