"""``tf.linalg``: linear algebra under its TensorFlow names.

Solving systems, inverses and determinants (``ops/linear_systems.py``), norms
(``ops/norms.py``), einsum, and the matrix products that ``tf`` has too.  The diagonal
functions below are written with other operations (a product with the identity matrix),
so their gradients come from those.
"""
from .ops.einsum import einsum  # noqa: F401
from .ops.linalg import matmul, tensordot  # noqa: F401
from .ops.linear_systems import det, inv, solve  # noqa: F401
from .ops.nn_ops import l2_normalize  # noqa: F401
from .ops.norms import global_norm, norm  # noqa: F401
from .ops.creation import eye as _eye
from .ops.reductions import reduce_sum as _reduce_sum
from .tensor import convert_to_tensor as _convert


def diag(diagonal, name=None):
    """The square matrix with ``diagonal`` on its diagonal and zeros elsewhere (for a
    batch of vectors, a batch of matrices): ``diagonal[..., None] * I``.

    Example::

        >>> print(tf.linalg.diag(tf.constant([1.0, 2.0])))
        teachtensor.Tensor(
        [[1. 0.]
         [0. 2.]], shape=(2, 2), dtype=float32)
    """
    v = _convert(diagonal)
    identity = _eye(v.shape[-1], dtype=v.dtype)
    return v[..., None] * identity


def diag_part(input, name=None):  # noqa: A002
    """The diagonal x[..., i, i] of the last two axes: ``sum over j of x * I``.

    Example::

        >>> print(tf.linalg.diag_part(tf.constant([[1.0, 2.0], [3.0, 4.0]])))
        teachtensor.Tensor([1. 4.], shape=(2,), dtype=float32)
    """
    x = _convert(input)
    k = min(x.shape[-2], x.shape[-1])
    square = x[..., :k, :k]
    return _reduce_sum(square * _eye(k, dtype=x.dtype), axis=-1)


def trace(x, name=None):
    """The sum of the diagonal of the last two axes.

    Example::

        >>> print(tf.linalg.trace(tf.constant([[1.0, 2.0], [3.0, 4.0]])))
        teachtensor.Tensor(5.0, shape=(), dtype=float32)
    """
    return _reduce_sum(diag_part(x), axis=-1)
