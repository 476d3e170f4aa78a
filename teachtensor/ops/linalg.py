"""Matrix products: matmul (the workhorse of every dense layer) and tensordot.

For ``C = A @ B`` with A of shape (n, k) and B of shape (k, m)::

    C[i, j] = sum_p A[i, p] * B[p, j]
    dL/dA   = dL/dC @ B^T        (n, m) @ (m, k) -> (n, k)
    dL/dB   = A^T @ dL/dC        (k, n) @ (n, m) -> (k, m)

Leading axes are batch axes and broadcast like any elementwise op, so the gradients
are summed back over broadcast batch axes with ``unbroadcast``.
"""
import numpy as np

from ..errors import InvalidArgumentError
from ..recording import record
from ..tensor import operands
from .checks import normalize_axis, numeric
from .core import reshape, unbroadcast
from .shape_ops import transpose


def matmul(a, b, transpose_a=False, transpose_b=False, name=None):
    """The matrix product of the last two axes, batched over the leading ones.

    ``transpose_a`` / ``transpose_b`` multiply by a transposed matrix without making
    it: the backend reads the matrix the other way round (as BLAS can).  Gradients,
    for C = op(A) @ op(B), follow the table at the top of this file, with the
    transposes moved around (TensorFlow's rule).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.matmul(x, x))
        teachtensor.Tensor(
        [[ 7. 10.]
         [15. 22.]], shape=(2, 2), dtype=float32)
        >>> print(tf.matmul(x, x, transpose_b=True))   # x @ x.T
        teachtensor.Tensor(
        [[ 5. 11.]
         [11. 25.]], shape=(2, 2), dtype=float32)
    """
    a, b = operands(a, b, "matmul")
    numeric("matmul", a, b)
    a_shape, b_shape = tuple(a._data.shape), tuple(b._data.shape)  # (a GPU array's shape
    # may be a tuple-like object of its library's, without negative indexing)
    if len(a_shape) < 2 or len(b_shape) < 2:
        raise InvalidArgumentError(f"matmul needs tensors of rank >= 2, got shapes {a.shape} and "
                                   f"{b.shape}; reshape a vector v into a matrix with "
                                   f"tf.reshape(v, (1, -1)) or tf.expand_dims(v, 0)")
    inner_a = a_shape[-2] if transpose_a else a_shape[-1]
    inner_b = b_shape[-1] if transpose_b else b_shape[-2]
    if inner_a != inner_b:
        first = f"{a.shape}{' transposed' if transpose_a else ''}"
        second = f"{b.shape}{' transposed' if transpose_b else ''}"
        raise InvalidArgumentError(f"matmul: cannot multiply shapes {first} and {second}: the last "
                                   f"axis of the first ({inner_a}) must equal the second-to-last "
                                   f"axis of the second ({inner_b})")
    if len(a_shape) > 2 or len(b_shape) > 2:  # batch axes: they must broadcast
        try:
            np.broadcast_shapes(a_shape[:-2], b_shape[:-2])
        except ValueError:
            raise InvalidArgumentError(f"matmul: the batch axes of shapes {a.shape} and {b.shape} "
                                       f"do not broadcast") from None
    out = a._backend.matmul(a._data, b._data, transpose_a, transpose_b)
    if transpose_a:
        grad_a = ((lambda g: matmul(b, g, True, True)) if transpose_b else
                  (lambda g: matmul(b, g, transpose_b=True)))
        grad_b = ((lambda g: matmul(g, a, True, True)) if transpose_b else
                  (lambda g: matmul(a, g)))
    else:
        grad_a = ((lambda g: matmul(g, b)) if transpose_b else
                  (lambda g: matmul(g, b, transpose_b=True)))
        grad_b = ((lambda g: matmul(g, a, transpose_a=True)) if transpose_b else
                  (lambda g: matmul(a, g, transpose_a=True)))
    return record("matmul", (a, b), out,
                  lambda g: unbroadcast(grad_a(g), a),
                  lambda g: unbroadcast(grad_b(g), b))


def tensordot(a, b, axes, name=None):
    """Sum of products over ``axes`` of a and b (an int n: the last n of a, first n of b).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.tensordot(x, x, axes=1))
        teachtensor.Tensor(
        [[ 7. 10.]
         [15. 22.]], shape=(2, 2), dtype=float32)
    """
    a, b = operands(a, b, "tensordot")
    if isinstance(axes, (int, np.integer)):
        a_axes = list(range(a.ndim - int(axes), a.ndim))
        b_axes = list(range(int(axes)))
    else:
        a_axes, b_axes = ([int(x) for x in np.atleast_1d(ax)] for ax in axes)
    a_axes = [normalize_axis(x, a.ndim, "tensordot axis") for x in a_axes]
    b_axes = [normalize_axis(x, b.ndim, "tensordot axis") for x in b_axes]
    if [a.shape[i] for i in a_axes] != [b.shape[i] for i in b_axes]:
        raise InvalidArgumentError(f"tensordot: axes {a_axes} of shape {a.shape} and axes {b_axes} "
                                   f"of shape {b.shape} have different lengths")
    a_free = [i for i in range(a.ndim) if i not in a_axes]
    b_free = [i for i in range(b.ndim) if i not in b_axes]
    size = int(np.prod([a.shape[i] for i in a_axes]))
    a2 = reshape(transpose(a, a_free + a_axes), (-1, size))
    b2 = reshape(transpose(b, b_axes + b_free), (size, -1))
    out_shape = [a.shape[i] for i in a_free] + [b.shape[i] for i in b_free]
    return reshape(matmul(a2, b2), out_shape)
