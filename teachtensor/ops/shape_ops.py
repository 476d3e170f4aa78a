"""Operations that move values around without changing them.

transpose, expand_dims, squeeze, concat, stack, unstack, tile (and reshape and
broadcast_to, from ``core.py``; indexing is in ``indexing.py``).  Their gradients move
the gradient back the same way: transpose it back, cut it back into pieces.
"""
import numpy as np

from .. import dtypes
from ..errors import InvalidArgumentError
from ..recording import record
from ..tensor import Tensor, convert_to_tensor
from .checks import normalize_axis
from .core import broadcast_to, reshape, unchanged
from .indexing import gather, getitem  # noqa: F401  (tf.gather is exported from here too)


def transpose(a, perm=None, conjugate=False, name=None):
    """Axes permuted: output axis i is input axis perm[i] (default: reversed).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.transpose(x))
        teachtensor.Tensor(
        [[1. 3.]
         [2. 4.]], shape=(2, 2), dtype=float32)
        >>> print(tf.transpose(tf.ones((2, 3, 4)), perm=[2, 0, 1]).shape)
        (4, 2, 3)
    """
    x = convert_to_tensor(a)
    perm = tuple(reversed(range(x.ndim))) if perm is None else tuple(int(p) for p in perm)
    if len(perm) != x.ndim or any(not -x.ndim <= p < x.ndim for p in perm) or \
            sorted(p % x.ndim for p in perm) != list(range(x.ndim)):
        raise InvalidArgumentError(f"perm {perm} is not a permutation of the {x.ndim} axes of a "
                                   f"tensor of shape {x.shape}")
    perm = tuple(p % x.ndim for p in perm)  # -1 means the last axis; argsort needs >= 0
    inverse = tuple(np.argsort(perm))
    return record("transpose", (x,), x._backend.transpose(x._lend(), perm),
                  lambda g: transpose(g, inverse))


def expand_dims(input, axis, name=None):  # noqa: A002
    """A new axis of length 1 inserted at ``axis``.

    Example::

        >>> print(tf.expand_dims(tf.constant([1.0, 2.0]), axis=-1).shape)
        (2, 1)
    """
    x = convert_to_tensor(input)
    axis = normalize_axis(axis, x.ndim + 1, "expand_dims axis")  # -1: after the last
    shape = x.shape[:axis] + (1,) + x.shape[axis:]
    return reshape(x, shape)


def squeeze(input, axis=None, name=None):  # noqa: A002
    """The axes of length 1 removed (only ``axis``, when given).

    Example::

        >>> print(tf.squeeze(tf.ones((1, 3, 1))).shape)
        (3,)
    """
    x = convert_to_tensor(input)
    if axis is None:
        axes = [i for i, n in enumerate(x.shape) if n == 1]
    else:
        axes = [normalize_axis(a, x.ndim) for a in ((axis,) if np.ndim(axis) == 0 else axis)]
        for a in axes:
            if x.shape[a] != 1:
                raise InvalidArgumentError(f"cannot squeeze axis {a} of a tensor of shape "
                                           f"{x.shape}: it has length {x.shape[a]}, not 1")
    return reshape(x, tuple(n for i, n in enumerate(x.shape) if i not in axes))


def concat(values, axis, name=None):
    """Tensors joined along an existing axis.  The gradient is cut back into pieces.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.concat([x, x], axis=0).shape, tf.concat([x, x], axis=1).shape)
        (4, 2) (2, 4)
    """
    if isinstance(values, (Tensor, np.ndarray)):  # one tensor, not a list of them: as
        values = [values]                          # TensorFlow, itself (not its rows joined)
    tensors = [convert_to_tensor(v) for v in values]
    if not tensors:
        raise InvalidArgumentError("concat needs at least one tensor")
    first = tensors[0]
    tensors = [first] + [convert_to_tensor(t, dtype=first.dtype) for t in tensors[1:]]
    if first.ndim == 0:
        raise InvalidArgumentError("concat joins tensors along an axis; scalars have none "
                                   "(use tf.stack to make a vector of scalars)")
    axis = normalize_axis(axis, first.ndim)
    for t in tensors[1:]:
        if t.ndim != first.ndim or any(a != b for i, (a, b) in enumerate(zip(t.shape, first.shape))
                                       if i != axis):
            raise InvalidArgumentError(f"cannot concat tensors of shapes {first.shape} and "
                                       f"{t.shape} along axis {axis}: all other axes must match")
    out = first._backend.concat([t._data for t in tensors], axis)
    bounds = np.cumsum([0] + [t.shape[axis] for t in tensors])

    def piece(i):
        index = (slice(None),) * axis + (slice(int(bounds[i]), int(bounds[i + 1])),)
        return lambda g: getitem(g, index)

    return record("concat", tuple(tensors), out, *[piece(i) for i in range(len(tensors))])


def stack(values, axis=0, name=None):
    """Tensors of one shape joined along a new axis.

    Example::

        >>> print(tf.stack([tf.ones(2), tf.zeros(2)], axis=0))
        teachtensor.Tensor(
        [[1. 1.]
         [0. 0.]], shape=(2, 2), dtype=float32)
    """
    tensors = [convert_to_tensor(v) for v in values]
    shapes = {tuple(t.shape) for t in tensors}
    if len(shapes) > 1:
        raise InvalidArgumentError(f"stack needs tensors of one shape, got shapes {sorted(shapes)}")
    return concat([expand_dims(t, axis) for t in tensors], axis)


def unstack(value, num=None, axis=0, name=None):
    """The slices of ``value`` along ``axis``, as a list (``num`` of them, if given).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> for row in tf.unstack(x):
        ...     print(row)
        teachtensor.Tensor([1. 2.], shape=(2,), dtype=float32)
        teachtensor.Tensor([3. 4.], shape=(2,), dtype=float32)
    """
    x = convert_to_tensor(value)
    axis = normalize_axis(axis, x.ndim)
    if num is not None and int(num) != x.shape[axis]:
        raise InvalidArgumentError(f"unstack: num={num}, but axis {axis} of the tensor of shape "
                                   f"{x.shape} has length {x.shape[axis]}")
    return [getitem(x, (slice(None),) * axis + (i,)) for i in range(x.shape[axis])]


def split(value, num_or_size_splits, axis=0, num=None, name=None):
    """``value`` cut along ``axis`` into a list of pieces: a number n gives n equal
    pieces; a list gives pieces of those lengths (one of them may be -1: the rest).
    Each piece is a slice, so gradients flow back to its part of ``value``.

    Example::

        >>> x = tf.reshape(tf.range(6), (1, 6))
        >>> print([piece.shape for piece in tf.split(x, 3, axis=1)])
        [TensorShape([1, 2]), TensorShape([1, 2]), TensorShape([1, 2])]
        >>> print([piece.shape for piece in tf.split(x, [1, -1], axis=1)])
        [TensorShape([1, 1]), TensorShape([1, 5])]
    """
    x = convert_to_tensor(value)
    axis = normalize_axis(axis, x.ndim)
    length = x.shape[axis]
    if hasattr(num_or_size_splits, "numpy") and np.ndim(num_or_size_splits.numpy()) == 0:
        num_or_size_splits = int(num_or_size_splits.numpy())  # tf.constant(3): a number
    if isinstance(num_or_size_splits, (int, np.integer)) and not isinstance(
            num_or_size_splits, bool):
        n = int(num_or_size_splits)
        if n <= 0 or length % n:
            raise InvalidArgumentError(f"split: {n} equal pieces do not fit axis {axis} of "
                                       f"length {length}; give a number that divides it, or "
                                       f"a list of lengths")
        sizes = [length // n] * n
    else:
        sizes = [int(s) for s in (num_or_size_splits.numpy().tolist() if hasattr(
            num_or_size_splits, "numpy") else num_or_size_splits)]
        if sizes.count(-1) == 1:
            sizes[sizes.index(-1)] = length - (sum(sizes) + 1)
        if sum(sizes) != length or any(s < 0 for s in sizes):
            raise InvalidArgumentError(f"split: lengths {list(num_or_size_splits)} must add up "
                                       f"to {length}, the length of axis {axis} (at most one "
                                       f"-1, for the rest)")
    bounds = np.cumsum([0] + sizes)
    return [getitem(x, (slice(None),) * axis + (slice(int(a), int(b)),))
            for a, b in zip(bounds[:-1], bounds[1:])]


def reverse(tensor, axis, name=None):
    """The values in reverse order along each axis in ``axis`` (a list): ``x[::-1]``.

    Example::

        >>> print(tf.reverse(tf.constant([[1, 2], [3, 4]]), axis=[1]))
        teachtensor.Tensor(
        [[2 1]
         [4 3]], shape=(2, 2), dtype=int32)
    """
    x = convert_to_tensor(tensor)
    axes = [axis] if isinstance(axis, (int, np.integer)) else list(
        axis.numpy().tolist() if hasattr(axis, "numpy") else axis)
    axes = [normalize_axis(a, x.ndim) for a in axes]
    if len(set(axes)) != len(axes):
        raise InvalidArgumentError(f"reverse: axis {axes} names an axis twice")
    key = tuple(slice(None, None, -1) if i in axes else slice(None) for i in range(x.ndim))
    return getitem(x, key)


def tile(input, multiples, name=None):  # noqa: A002
    """The tensor repeated ``multiples[i]`` times along axis i.

    Done without copying pieces one by one: each axis of length n gets a new axis of
    length m in front of it, the values are broadcast along it, and the two are merged::

        (a, b), multiples (m, k):  reshape (1, a, 1, b) -> broadcast (m, a, k, b)
                                   -> reshape (m*a, k*b)

    The gradient follows from those three operations (broadcasting sums it back).

    Example::

        >>> print(tf.tile(tf.constant([[1, 2]]), [2, 3]))
        teachtensor.Tensor(
        [[1 2 1 2 1 2]
         [1 2 1 2 1 2]], shape=(2, 6), dtype=int32)
    """
    x = convert_to_tensor(input)
    given = multiples.numpy() if hasattr(multiples, "numpy") else np.asarray(multiples)
    if given.dtype.kind not in "iu":
        raise TypeError(f"tile multiples must be integers (int32 or int64), got "
                        f"{given.tolist()!r}")
    multiples = tuple(int(m) for m in np.ravel(given))
    if len(multiples) != x.ndim:
        raise InvalidArgumentError(f"tile needs one multiple per axis: the tensor of shape "
                                   f"{x.shape} has {x.ndim} axes, but {len(multiples)} multiples "
                                   f"were given")
    if any(m < 0 for m in multiples):
        raise InvalidArgumentError(f"tile multiples must be >= 0, got {list(multiples)}")
    if all(m == 1 for m in multiples):
        return unchanged(x)
    spread = reshape(x, tuple(n for size in x.shape for n in (1, size)))
    repeated = broadcast_to(spread, tuple(n for m, size in zip(multiples, x.shape)
                                          for n in (m, size)))
    return reshape(repeated, tuple(m * size for m, size in zip(multiples, x.shape)))


# ---- shape as data ---------------------------------------------------------------

def shape(input, out_type=dtypes.int32, name=None):  # noqa: A002
    """The shape as a 1-D integer tensor.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.shape(x))
        teachtensor.Tensor([2 2], shape=(2,), dtype=int32)
    """
    return convert_to_tensor(list(convert_to_tensor(input).shape), dtype=out_type)


def size(input, out_type=dtypes.int32, name=None):  # noqa: A002
    """The number of elements as a scalar integer tensor.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.size(x))
        teachtensor.Tensor(4, shape=(), dtype=int32)
    """
    return convert_to_tensor(convert_to_tensor(input)._data.size, dtype=out_type)


def rank(input, name=None):  # noqa: A002
    """The number of axes as a scalar int32 tensor.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.rank(x))
        teachtensor.Tensor(2, shape=(), dtype=int32)
    """
    return convert_to_tensor(convert_to_tensor(input).ndim, dtype=dtypes.int32)
