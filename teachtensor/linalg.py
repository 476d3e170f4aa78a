"""``tf.linalg``: linear algebra under its TensorFlow names.

Solving systems, inverses and determinants (``ops/linear_systems.py``), norms
(``ops/norms.py``), einsum, the matrix products that ``tf`` has too, and below, the
matrix-times-vector product and the transpose of a batch of matrices.  The diagonal
functions below are written with other operations (a choice, a reshape, a slice), so
their gradients come from those.
"""
from .ops.einsum import einsum  # noqa: F401
from .ops.linalg import matmul, tensordot  # noqa: F401
from .ops.linear_systems import det, inv, solve  # noqa: F401
from .ops.nn_ops import l2_normalize  # noqa: F401
from .ops.norms import global_norm, norm  # noqa: F401
from .ops.core import reshape as _reshape, where as _where
from .ops.creation import eye  # (tf.linalg.eye is tf.eye)
from .ops.shape_ops import transpose as _transpose
from .ops.reductions import reduce_sum as _reduce_sum
from .tensor import convert_to_tensor as _convert


def diag(diagonal, name=None):
    """The square matrix with ``diagonal`` on its diagonal and zeros elsewhere (for a
    batch of vectors, a batch of matrices): ``where(I, diagonal[..., None], 0)`` (a
    choice, not a product with I, which would turn an inf into NaN off the diagonal).

    Example::

        >>> print(tf.linalg.diag(tf.constant([1.0, 2.0])))
        teachtensor.Tensor(
        [[1. 0.]
         [0. 2.]], shape=(2, 2), dtype=float32)
    """
    v = _convert(diagonal)
    on_diagonal = eye(v.shape[-1]) > 0
    return _where(on_diagonal, v[..., None], 0)


def diag_part(input, name=None):  # noqa: A002
    """The diagonal x[..., i, i] of the last two axes.  Of a k x k matrix laid out as
    one row of k*k values, the diagonal is every (k+1)-th value: ``[..., ::k + 1]``.

    Example::

        >>> print(tf.linalg.diag_part(tf.constant([[1.0, 2.0], [3.0, 4.0]])))
        teachtensor.Tensor([1. 4.], shape=(2,), dtype=float32)
    """
    x = _convert(input)
    k = min(x.shape[-2], x.shape[-1])
    flat = _reshape(x[..., :k, :k], tuple(x.shape[:-2]) + (k * k,))
    return flat[..., ::k + 1]


def trace(x, name=None):
    """The sum of the diagonal of the last two axes.

    Example::

        >>> print(tf.linalg.trace(tf.constant([[1.0, 2.0], [3.0, 4.0]])))
        teachtensor.Tensor(5.0, shape=(), dtype=float32)
    """
    return _reduce_sum(diag_part(x), axis=-1)


def matrix_transpose(a, name=None, conjugate=False):
    """The last two axes swapped: each matrix of a batch transposed.

    Example::

        >>> print(tf.linalg.matrix_transpose(tf.constant([[1.0, 2.0, 3.0]])))
        teachtensor.Tensor(
        [[1.]
         [2.]
         [3.]], shape=(3, 1), dtype=float32)
    """
    a = _convert(a)
    if a.ndim < 2:
        raise ValueError(f"tf.linalg.matrix_transpose needs a (batch of) matrix, of rank >= 2; "
                         f"got shape {a.shape}. A vector has no rows and columns to swap: "
                         f"make it a row first, tf.reshape(v, (1, -1))")
    perm = list(range(a.ndim - 2)) + [a.ndim - 1, a.ndim - 2]
    return _transpose(a, perm)


def adjoint(matrix, name=None):
    """The conjugate transpose; for real numbers (all of teachtensor's), the transpose
    of the last two axes, ``matrix_transpose``.

    Example::

        >>> print(tf.linalg.adjoint(tf.constant([[1.0, 2.0], [3.0, 4.0]])))
        teachtensor.Tensor(
        [[1. 3.]
         [2. 4.]], shape=(2, 2), dtype=float32)
    """
    return matrix_transpose(matrix)


def matvec(a, b, transpose_a=False, adjoint_a=False, a_is_sparse=False, b_is_sparse=False,
           name=None):
    """The matrix times the vector, a @ b, for the last axes (batched over the leading
    ones): ``matmul(a, b[..., None])[..., 0]``.

    Example::

        >>> a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.linalg.matvec(a, tf.constant([1.0, 1.0])))    # the row sums
        teachtensor.Tensor([3. 7.], shape=(2,), dtype=float32)
    """
    if transpose_a and adjoint_a:
        raise ValueError("tf.linalg.matvec: only one of transpose_a and adjoint_a can be "
                         "True (for real matrices they mean the same)")
    b = _convert(b)
    if b.ndim < 1:
        raise ValueError(f"tf.linalg.matvec needs a vector (rank >= 1) as b, got shape "
                         f"{b.shape}")
    column = matmul(a, b[..., None], transpose_a=transpose_a or adjoint_a)
    return column[..., 0]
