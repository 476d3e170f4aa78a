"""Sorting: ``tf.argsort`` (the order, as indices) and ``tf.sort`` (the values in it).

The order is worked out on the host with NumPy's stable sort (equal values keep their
order, earlier first, in both directions), then applied with indexing::

    order = argsort(x, axis)                 # which element goes to each place
    sort(x)[..., i, ...] = x[..., order[..., i, ...], ...]

so ``sort`` is an ordinary indexing operation on the tape: its gradient puts each
sorted place's gradient back where that element came from.
"""
import numpy as np

from .. import dtypes
from ..errors import InvalidArgumentError
from ..tensor import convert_to_tensor
from .checks import normalize_axis
from .indexing import getitem


def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None):
    """The indices that put ``values`` in order along ``axis`` (int32).

    Example::

        >>> print(tf.argsort(tf.constant([3.0, 1.0, 2.0])))
        teachtensor.Tensor([1 2 0], shape=(3,), dtype=int32)
        >>> print(tf.argsort(tf.constant([3.0, 1.0, 2.0]), direction="DESCENDING"))
        teachtensor.Tensor([0 2 1], shape=(3,), dtype=int32)
    """
    x = convert_to_tensor(values)
    return convert_to_tensor(_order(x, axis, direction), dtype=dtypes.int32, like=x)


def sort(values, axis=-1, direction="ASCENDING", name=None):
    """``values`` in order along ``axis``; differentiable (the gradient of each place
    goes back to the element that landed there).

    Example::

        >>> print(tf.sort(tf.constant([[3.0, 1.0, 2.0]]), direction="DESCENDING"))
        teachtensor.Tensor([[3. 2. 1.]], shape=(1, 3), dtype=float32)
    """
    x = convert_to_tensor(values)
    order = _order(x, axis, direction)
    axis = normalize_axis(axis, x.ndim)
    # every other axis indexed by its own position (np.indices), this one by the order
    key = list(np.indices(order.shape, sparse=True))
    key[axis] = order
    return getitem(x, tuple(key))


def _order(x, axis, direction):
    """The stable order of x along axis, as a NumPy int array of x's shape."""
    if direction not in ("ASCENDING", "DESCENDING"):
        raise InvalidArgumentError(f"direction must be 'ASCENDING' or 'DESCENDING', got "
                                   f"{direction!r}")
    if x.ndim == 0:
        raise InvalidArgumentError("sorting needs a tensor with at least one axis, got a "
                                   "scalar")
    if x.dtype.is_bool:
        raise TypeError("tf.sort and tf.argsort take numbers, not bools; cast first with "
                        "tf.cast(x, tf.int32)")
    axis = normalize_axis(axis, x.ndim)
    array = x.numpy()
    if direction == "ASCENDING":
        return np.argsort(array, axis=axis, kind="stable")
    # Descending, ties earlier-first: sort the reversed values ascending, read that order
    # backwards, and turn positions in the reversed values back into positions in x.
    n = array.shape[axis]
    backwards = np.argsort(np.flip(array, axis), axis=axis, kind="stable")
    return n - 1 - np.flip(backwards, axis)
