"""Linear systems: tf.linalg.solve, inv and det (batched over leading axes).

The backend computes ``solve`` (x with A x = B) and ``det`` by Gaussian elimination
(``backend.solve``, ``backend.det``); ``inv`` is solve(A, I).  Their gradients are
written with these same operations, so they can be differentiated again:

    X = A⁻¹ B         dL/dB = A⁻ᵀ G   (another solve, with Aᵀ)
                      dL/dA = -(A⁻ᵀ G) Xᵀ  = -dL/dB Xᵀ
    Y = A⁻¹           (from solve with B = I)   dL/dA = -A⁻ᵀ G A⁻ᵀ
    d = det(A)        dL/dA = g d A⁻ᵀ          (Jacobi's formula)

(Where ``A X = B`` changes by dA, X changes by -A⁻¹ dA X; the rules above are that,
turned around for gradients.)

A singular matrix (no inverse) makes ``solve`` and ``inv`` raise ``ValueError``, as
TensorFlow raises; its determinant is 0, but the gradient of ``det`` there needs A⁻¹
and raises too (TensorFlow does the same).
"""
import numpy as np

from ..backend.base import SingularMatrixError
from ..errors import InvalidArgumentError
from ..recording import record
from ..tensor import convert_to_tensor, operands
from .core import broadcast_to, reshape
from .functions import _float_input
from .linalg import matmul
from .shape_ops import transpose


def _square_matrices(name, x):
    """``x`` as a float tensor of square matrices (shape (..., n, n)), checked."""
    x = _float_input(f"linalg.{name}", x)
    if x.ndim < 2:
        raise InvalidArgumentError(f"tf.linalg.{name} needs a matrix or a batch of matrices (rank "
                                   f">= 2), got a tensor of shape {x.shape}")
    if x.shape[-1] != x.shape[-2]:
        raise InvalidArgumentError(f"tf.linalg.{name} needs square matrices (the last two axes of "
                                   f"one length), got shape {x.shape}")
    return x


def _matrix_transpose(x):
    """x with its last two axes swapped (each matrix transposed)."""
    return transpose(x, list(range(x.ndim - 2)) + [x.ndim - 1, x.ndim - 2])


def _solve(a, b, what):
    """x with a @ x = b, recorded with its gradients; ``what`` names the operation in
    the error for a singular matrix."""
    try:
        out = a._backend.solve(a._data, b._data)
    except SingularMatrixError:
        raise InvalidArgumentError(f"{what}: the matrix is not invertible (it is singular: its "
                                   f"determinant is 0), so the system has no single "
                                   f"solution") from None

    def grad_b(g):  # A⁻ᵀ G
        return _solve(_matrix_transpose(a), g, f"the gradient of {what}")

    def grad_a(g):  # -(A⁻ᵀ G) Xᵀ
        return -matmul(grad_b(g), x, transpose_b=True)

    x = record("solve", (a, b), out, grad_a, grad_b)
    return x


def solve(matrix, rhs, adjoint=False, name=None):
    """x with ``matrix @ x = rhs``: matrix of shape (..., n, n), rhs (..., n, k) with the
    same leading axes.  ``adjoint=True`` solves with the transposed matrix.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> a = tf.constant([[2.0, 1.0], [1.0, 3.0]])
        >>> print(tf.linalg.solve(a, tf.constant([[1.0], [2.0]])))   # x with a @ x = b
        teachtensor.Tensor(
        [[0.2]
         [0.6]], shape=(2, 1), dtype=float32)
    """
    a = _square_matrices("solve", matrix)
    a, b = operands(a, rhs, "tf.linalg.solve")
    if b.ndim != a.ndim or tuple(b.shape)[:-1] != tuple(a.shape)[:-1]:
        raise InvalidArgumentError(f"tf.linalg.solve: for matrices of shape {a.shape} the "
                                   f"right-hand side must have shape {tuple(a.shape[:-1])} + (k,): "
                                   f"the same leading axes, {a.shape[-1]} rows, any number k of "
                                   f"columns; got shape {b.shape} (a single vector b is the column "
                                   f"tf.expand_dims(b, -1))")
    if adjoint:
        a = _matrix_transpose(a)
    return _solve(a, b, "tf.linalg.solve")


def inv(input, adjoint=False, name=None):  # noqa: A002
    """The inverse of each square matrix: solve(A, I).  ``adjoint=True`` inverts the
    transposed matrix.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.linalg.inv(tf.constant([[2.0, 1.0], [1.0, 3.0]])))
        teachtensor.Tensor(
        [[ 0.6 -0.2]
         [-0.2  0.4]], shape=(2, 2), dtype=float32)
    """
    a = _square_matrices("inv", input)
    if adjoint:
        a = _matrix_transpose(a)
    n = a.shape[-1]
    identity = broadcast_to(convert_to_tensor(np.eye(n), dtype=a.dtype, like=a), a.shape)
    return _solve(a, identity, "tf.linalg.inv")


def det(input, name=None):  # noqa: A002
    """The determinant of each square matrix (shape (..., n, n) -> (...)); 1 for a
    0 x 0 matrix.

    Example::

        >>> a = tf.Variable([[2.0, 1.0], [1.0, 3.0]])
        >>> with tf.GradientTape() as tape:
        ...     d = tf.linalg.det(a)
        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(d)
        teachtensor.Tensor(5.0, shape=(), dtype=float32)
        >>> print(tape.gradient(d, a))        # d * inverse(a), transposed
        teachtensor.Tensor(
        [[ 3. -1.]
         [-1.  2.]], shape=(2, 2), dtype=float32)
    """
    a = _square_matrices("det", input)

    def grad(g):  # g d A⁻ᵀ, each matrix scaled by its g * d
        scale = reshape(g * d, tuple(g.shape) + (1, 1))
        identity = broadcast_to(convert_to_tensor(np.eye(a.shape[-1]), dtype=a.dtype,
                                                  like=a), a.shape)
        return scale * _solve(_matrix_transpose(a), identity, "the gradient of tf.linalg.det")

    d = record("det", (a,), a._backend.det(a._data), grad)
    return d
