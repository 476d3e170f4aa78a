"""Sorting: ``tf.argsort`` (the order, as indices), ``tf.sort`` (the values in it),
``tf.math.top_k`` (the k largest) and ``tf.unique``.

The order is worked out on the host with NumPy's stable sort (equal values keep their
order, earlier first, in both directions), then applied with indexing::

    order = argsort(x, axis)                 # which element goes to each place
    sort(x)[..., i, ...] = x[..., order[..., i, ...], ...]

so ``sort`` is an ordinary indexing operation on the tape: its gradient puts each
sorted place's gradient back where that element came from.
"""
from collections import namedtuple

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
    return _in_order(x, _order(x, axis, direction), normalize_axis(axis, x.ndim))


def _in_order(x, order, axis):
    """x's entries rearranged along ``axis`` by ``order`` (an index array): every other
    axis indexed by its own position (``np.indices``), this one by the order."""
    key = list(np.indices(order.shape, sparse=True))
    key[axis] = order
    return getitem(x, tuple(key))


TopKV2 = namedtuple("TopKV2", ["values", "indices"])
Unique = namedtuple("Unique", ["y", "idx"])


def top_k(input, k=1, sorted=True, name=None):  # noqa: A002
    """The ``k`` largest entries of each row (the last axis), largest first, and where
    they were: ``(values, indices)``.  Ties: the earlier entry first, as in TensorFlow.
    The values are differentiable (indexing, as for ``sort``).

    Example::

        >>> values, indices = tf.math.top_k(tf.constant([[1.0, 3.0, 3.0, 2.0]]), k=2)
        >>> print(values)
        teachtensor.Tensor([[3. 3.]], shape=(1, 2), dtype=float32)
        >>> print(indices)
        teachtensor.Tensor([[1 2]], shape=(1, 2), dtype=int32)
    """
    x = convert_to_tensor(input)
    k = int(k)
    if x.ndim == 0 or not 0 <= k <= x.shape[-1]:
        raise InvalidArgumentError(f"top_k: k={k} needs rows of at least k entries along "
                                   f"the last axis; the tensor has shape {x.shape}")
    order = _order(x, -1, "DESCENDING")[..., :k]
    return TopKV2(_in_order(x, order, x.ndim - 1),
                  convert_to_tensor(order, dtype=dtypes.int32, like=x))


def unique(x, out_idx=dtypes.int32, name=None):
    """The distinct values of a vector in the order they first appear, and for each
    entry the place of its value among them: ``x == y[idx]`` (worked out on the host).

    Example::

        >>> y, idx = tf.unique(tf.constant([1, 1, 2, 4, 4, 4, 7, 8, 8]))
        >>> print(y)
        teachtensor.Tensor([1 2 4 7 8], shape=(5,), dtype=int32)
        >>> print(idx)
        teachtensor.Tensor([0 0 1 2 2 2 3 4 4], shape=(9,), dtype=int32)
    """
    x = convert_to_tensor(x)
    if x.ndim != 1:
        raise InvalidArgumentError(f"tf.unique takes a vector (rank 1), got shape {x.shape}; "
                                   f"flatten it first with tf.reshape(x, [-1])")
    values, first, inverse = np.unique(x.numpy(), return_index=True, return_inverse=True,
                                       equal_nan=False)  # (each NaN its own value, as TF)
    by_appearance = np.argsort(first, kind="stable")  # the sorted values' first places
    place = np.empty_like(by_appearance)
    place[by_appearance] = np.arange(len(by_appearance))
    return Unique(convert_to_tensor(values[by_appearance], like=x),
                  convert_to_tensor(place[inverse.ravel()], dtype=out_idx, like=x))


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
