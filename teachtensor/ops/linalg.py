"""Matrix products: matmul (the workhorse of every dense layer) and tensordot.

For ``C = A @ B`` with A of shape (n, k) and B of shape (k, m)::

    C[i, j] = sum_p A[i, p] * B[p, j]
    dL/dA   = dL/dC @ B^T        (n, m) @ (m, k) -> (n, k)
    dL/dB   = A^T @ dL/dC        (k, n) @ (n, m) -> (k, m)

Leading axes are batch axes and broadcast like any elementwise op, so the gradients
are summed back over broadcast batch axes with ``unbroadcast``.
"""
import numpy as np

from ..tape import record
from ..tensor import operands
from .arithmetic import unbroadcast
from .checks import normalize_axis, numeric
from .shape_ops import reshape, transpose


def _swap_last(x):
    perm = list(range(x.ndim))
    perm[-1], perm[-2] = perm[-2], perm[-1]
    return transpose(x, perm)


def matmul(a, b, transpose_a=False, transpose_b=False, name=None):
    """The matrix product of the last two axes, batched over the leading ones."""
    a, b = operands(a, b)
    numeric("matmul", a, b)
    if a.ndim < 2 or b.ndim < 2:
        raise ValueError(f"matmul needs tensors of rank >= 2, got shapes {a.shape} and "
                         f"{b.shape}; reshape a vector v into a matrix with "
                         f"tf.reshape(v, (1, -1)) or tf.expand_dims(v, 0)")
    if transpose_a:
        a = _swap_last(a)
    if transpose_b:
        b = _swap_last(b)
    if a.shape[-1] != b.shape[-2]:
        raise ValueError(f"matmul: cannot multiply shapes {a.shape} and {b.shape}: the last "
                         f"axis of the first ({a.shape[-1]}) must equal the second-to-last "
                         f"axis of the second ({b.shape[-2]})")
    try:
        np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    except ValueError:
        raise ValueError(f"matmul: the batch axes of shapes {a.shape} and {b.shape} do not "
                         f"broadcast") from None
    out = a._backend.matmul(a._data, b._data)
    return record("matmul", (a, b), out,
                  lambda g: unbroadcast(matmul(g, b, transpose_b=True), a.shape),
                  lambda g: unbroadcast(matmul(a, g, transpose_a=True), b.shape))


def tensordot(a, b, axes, name=None):
    """Sum of products over ``axes`` of a and b (an int n: the last n of a, first n of b)."""
    a, b = operands(a, b)
    if isinstance(axes, (int, np.integer)):
        a_axes = list(range(a.ndim - int(axes), a.ndim))
        b_axes = list(range(int(axes)))
    else:
        a_axes, b_axes = ([int(x) for x in np.atleast_1d(ax)] for ax in axes)
    a_axes = [normalize_axis(x, a.ndim, "tensordot axis") for x in a_axes]
    b_axes = [normalize_axis(x, b.ndim, "tensordot axis") for x in b_axes]
    if [a.shape[i] for i in a_axes] != [b.shape[i] for i in b_axes]:
        raise ValueError(f"tensordot: axes {a_axes} of shape {a.shape} and axes {b_axes} of "
                         f"shape {b.shape} have different lengths")
    a_free = [i for i in range(a.ndim) if i not in a_axes]
    b_free = [i for i in range(b.ndim) if i not in b_axes]
    size = int(np.prod([a.shape[i] for i in a_axes]))
    a2 = reshape(transpose(a, a_free + a_axes), (-1, size))
    b2 = reshape(transpose(b, b_axes + b_free), (size, -1))
    out_shape = [a.shape[i] for i in a_free] + [b.shape[i] for i in b_free]
    return reshape(matmul(a2, b2), out_shape)
