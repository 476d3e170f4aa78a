"""Norms, and clipping by them: norm, global_norm, clip_by_norm, clip_by_global_norm.

A norm measures the size of a tensor.  For a vector x (``axis`` None or an int):

    euclidean (= 2)   ||x|| = sqrt(sum x_i²)
    p > 0             ||x||_p = (sum |x_i|^p)^(1/p)       (1: sum |x_i|,  inf: max |x_i|)

and for a matrix A (``axis`` a pair of axes (rows, columns)):

    euclidean, fro    sqrt(sum A_ij²)                      (Frobenius)
    1                 max over columns j of sum_i |A_ij|   (the largest column sum)
    inf               max over rows i of sum_j |A_ij|      (the largest row sum)

Clipping by norm rescales gradients that are too large, keeping their direction:

    clip_by_norm(t, c)             t * c / max(||t||, c)
    clip_by_global_norm(ts, c)     every t * c / max(G, c), G = sqrt(sum_t ||t||²)

All are built from differentiable operations, so their gradients come for free.  At
t = 0 the Euclidean norm has no derivative: sqrt'(0) = inf, and the gradient is NaN, as
in TensorFlow.  ``clip_by_norm`` avoids that point (its result is smooth there).
"""
import numpy as np

from ..errors import InvalidArgumentError
from ..tensor import Tensor, convert_to_tensor
from .arithmetic import maximum, minimum
from .checks import normalize_axes, normalize_axis
from .core import reduce_sum, reshape, where
from .functions import _float_input, abs, sqrt
from .reductions import reduce_max

_INF = float("inf")


def _norm_axes(axis, ndim):
    """(axes, is_matrix): the axes a norm reduces, and whether they make matrices."""
    if axis is None:
        return tuple(range(ndim)), False
    if isinstance(axis, (list, tuple)) and len(axis) == 2:
        rows, columns = (normalize_axis(a, ndim, "tf.norm axis") for a in axis)
        if rows != columns:
            return (rows, columns), True
    elif isinstance(axis, (int, np.integer)) and not isinstance(axis, bool):
        return (normalize_axis(axis, ndim, "tf.norm axis"),), False
    raise InvalidArgumentError(f"tf.norm: axis must be None, an integer, or a pair of two "
                               f"different integers (the axes of matrices), got {axis!r}")


def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None):  # noqa: A002
    """The norm of a vector (``axis`` None or an int) or of matrices (``axis`` a pair).

    Vector norms: ``ord`` "euclidean" (the default; = 2) or any number p > 0, np.inf
    included.  Matrix norms: "euclidean" / "fro" (Frobenius), 1 (largest column sum of
    |A|) and np.inf (largest row sum).  ``axis=None`` treats the whole tensor as one
    vector, so the default is the Frobenius norm for a matrix too.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.norm(x))                         # sqrt(1 + 4 + 9 + 16)
        teachtensor.Tensor(5.477226, shape=(), dtype=float32)
        >>> print(tf.norm(x, ord=1, axis=1))          # each row's sum of absolute values
        teachtensor.Tensor([3. 7.], shape=(2,), dtype=float32)
        >>> print(tf.norm(x, ord=np.inf, axis=[0, 1]))   # the largest row sum
        teachtensor.Tensor(7.0, shape=(), dtype=float32)
    """
    x = _float_input("norm", tensor)
    axes, is_matrix = _norm_axes(axis, x.ndim)
    if is_matrix:
        rows, columns = axes
        if ord == 2:
            raise NotImplementedError(
                "tf.norm: the matrix 2-norm (the largest singular value) needs a singular "
                "value decomposition, which teachtensor does not have; use ord='fro', 1 or "
                "np.inf, or the vector 2-norm over all entries (axis=None)")
        if ord in ("euclidean", "fro"):
            result = sqrt(reduce_sum(x * x, axes, keepdims=True))
        elif ord == 1:
            column_sums = reduce_sum(abs(x), rows, keepdims=True)
            result = reduce_max(column_sums, columns, keepdims=True)
        elif ord == _INF:
            row_sums = reduce_sum(abs(x), columns, keepdims=True)
            result = reduce_max(row_sums, rows, keepdims=True)
        else:
            raise InvalidArgumentError(f"tf.norm: ord must be a matrix norm ('euclidean', 'fro', 1 "
                                       f"or np.inf) when axis is a pair of axes, got {ord!r}")
    else:
        p = float(ord) if isinstance(ord, (int, float, np.number)) else None
        if ord == "euclidean" or p == 2:
            result = sqrt(reduce_sum(x * x, axes, keepdims=True))
        elif p == 1:
            result = reduce_sum(abs(x), axes, keepdims=True)
        elif p == _INF:
            result = reduce_max(abs(x), axes, keepdims=True)
        elif p is not None and p > 0:
            result = reduce_sum(abs(x) ** p, axes, keepdims=True) ** (1 / p)
        else:
            hint = " ('fro' is a matrix norm: give axis a pair of axes)" if ord == "fro" else ""
            raise InvalidArgumentError(f"tf.norm: ord must be 'euclidean' or a number > 0 (1, 2, "
                                       f"np.inf, ...) for a vector norm, got {ord!r}{hint}")
    if keepdims:
        return result
    return reshape(result, tuple(n for i, n in enumerate(x.shape) if i not in axes))


def global_norm(t_list, name=None):
    """sqrt(sum over the tensors of sum t²): the Euclidean norm of all of them as one
    vector (None entries are skipped; an empty list gives 0.0).

    Example::

        >>> print(tf.linalg.global_norm([tf.constant([3.0, 4.0]), tf.constant([12.0])]))
        teachtensor.Tensor(13.0, shape=(), dtype=float32)
    """
    tensors = [convert_to_tensor(t) for t in _sequence("linalg.global_norm", t_list)
               if t is not None]
    if not tensors:
        return convert_to_tensor(0.0)
    for t in tensors:
        _float_input("linalg.global_norm", t)
    total = reduce_sum(tensors[0] * tensors[0])
    for t in tensors[1:]:
        total = total + reduce_sum(t * t)
    return sqrt(total)


def clip_by_norm(t, clip_norm, axes=None, name=None):
    """t rescaled so that its Euclidean norm (over ``axes``; all by default) is at most
    ``clip_norm``: t * clip_norm / max(||t||, clip_norm).  Unchanged when already small
    enough.  A negative ``clip_norm`` counts as 0, as in TensorFlow.

    The norm is taken as 0, not sqrt(0), where t is all zeros, so that the gradient
    there is 1 (t passes unchanged), not NaN.

    Example::

        >>> print(tf.clip_by_norm(tf.constant([3.0, 4.0]), 1.0))   # [3, 4] / 5: length 1
        teachtensor.Tensor([0.6 0.8], shape=(2,), dtype=float32)
    """
    x = _float_input("clip_by_norm", t)
    bound = maximum(convert_to_tensor(clip_norm, dtype=x.dtype, like=x), 0)
    squares = reduce_sum(x * x, normalize_axes(axes, x.ndim), keepdims=True)
    nonzero = squares > 0
    length = where(nonzero, sqrt(where(nonzero, squares, 1)), 0)
    return x * bound / maximum(length, bound)


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    """(the tensors rescaled together, their global norm G): each t becomes
    t * clip_norm / max(G, clip_norm), written clip_norm * min(1/G, 1/clip_norm), so
    the tensors keep their relative sizes.  None entries stay None.

    ``use_norm`` gives G if it is known already.  If G is infinite or NaN, every entry
    becomes NaN (as in TensorFlow: it signals that something overflowed).

    Example::

        >>> grads = [tf.constant([3.0, 4.0]), None, tf.constant([12.0])]
        >>> clipped, norm = tf.clip_by_global_norm(grads, 6.5)
        >>> print(norm)                               # sqrt(9 + 16 + 144)
        teachtensor.Tensor(13.0, shape=(), dtype=float32)
        >>> print([None if g is None else g.numpy() for g in clipped])   # each times 6.5 / 13
        [array([1.5, 2. ], dtype=float32), None, array([6.], dtype=float32)]
    """
    entries = _sequence("clip_by_global_norm", t_list)
    tensors = [None if t is None else convert_to_tensor(t) for t in entries]
    total = global_norm(tensors) if use_norm is None else convert_to_tensor(use_norm)
    bound = convert_to_tensor(clip_norm, dtype=total.dtype, like=total)
    scale = bound * minimum(1 / total, 1 / bound)
    scale = where(abs(total) < _INF, scale, float("nan"))
    return [None if t is None else t * scale for t in tensors], total


def _sequence(name, t_list):
    """The list of tensors of a global-norm function; one tensor alone, a dict or a
    generator is an error, as in TensorFlow."""
    if isinstance(t_list, Tensor) or not isinstance(t_list, (list, tuple)):
        raise TypeError(f"tf.{name} takes a list (or tuple) of tensors, got "
                        f"{type(t_list).__name__}; wrap a single tensor in a list: [t]")
    return t_list
