"""Operations that move values around without changing them.

reshape, transpose, expand_dims, squeeze, broadcast_to, concat, stack, and indexing
(``x[1:, 0]``).  Their gradients move the gradient back the same way: reshape it
back, transpose it back, scatter it back into the places that were read.
"""
from math import prod

import numpy as np

from .. import dtypes
from ..tape import record
from ..tensor import Tensor, convert_to_tensor
from .checks import normalize_axis


def _shape_tuple(shape):
    """A shape as a tuple of ints (None, meaning 'unknown', becomes -1)."""
    if type(shape) is tuple and None not in shape:
        return shape
    if isinstance(shape, Tensor):
        shape = shape.numpy().tolist()
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    return tuple(-1 if s is None else int(s) for s in shape)


def reshape(tensor, shape, name=None):
    """The same values in a new shape (one entry may be -1: "whatever fits")."""
    x = convert_to_tensor(tensor)
    shape = _shape_tuple(shape)
    size = x._data.size
    known = prod(shape)
    if known < 0:  # one -1 makes the product negative
        known = -known
        fits = shape.count(-1) == 1 and known != 0 and size % known == 0
    else:
        fits = known == size
    if not fits:
        raise ValueError(f"cannot reshape a tensor of shape {x.shape} ({size} elements) "
                         f"into shape {shape}: the number of elements must stay the same "
                         f"(at most one -1 may stand for 'whatever fits')")
    in_shape = x._data.shape
    return record("reshape", (x,), x._backend.reshape(x._lend(), shape),
                  lambda g: reshape(g, in_shape))


def transpose(a, perm=None, conjugate=False, name=None):
    """Axes permuted: output axis i is input axis perm[i] (default: reversed)."""
    x = convert_to_tensor(a)
    perm = tuple(reversed(range(x.ndim))) if perm is None else tuple(int(p) for p in perm)
    if len(perm) != x.ndim or any(not -x.ndim <= p < x.ndim for p in perm) or \
            sorted(p % x.ndim for p in perm) != list(range(x.ndim)):
        raise ValueError(f"perm {perm} is not a permutation of the {x.ndim} axes of a tensor "
                         f"of shape {x.shape}")
    perm = tuple(p % x.ndim for p in perm)  # -1 means the last axis; argsort needs >= 0
    inverse = tuple(np.argsort(perm))
    return record("transpose", (x,), x._backend.transpose(x._lend(), perm),
                  lambda g: transpose(g, inverse))


def expand_dims(input, axis, name=None):  # noqa: A002
    """A new axis of length 1 inserted at ``axis``."""
    x = convert_to_tensor(input)
    axis = int(axis)
    if not -x.ndim - 1 <= axis <= x.ndim:
        raise ValueError(f"axis {axis} is out of range for expand_dims on a tensor of rank {x.ndim}")
    axis = axis % (x.ndim + 1)
    shape = x.shape[:axis] + (1,) + x.shape[axis:]
    return reshape(x, shape)


def squeeze(input, axis=None, name=None):  # noqa: A002
    """The axes of length 1 removed (only ``axis``, when given)."""
    x = convert_to_tensor(input)
    if axis is None:
        axes = [i for i, n in enumerate(x.shape) if n == 1]
    else:
        axes = [normalize_axis(a, x.ndim) for a in ((axis,) if np.ndim(axis) == 0 else axis)]
        for a in axes:
            if x.shape[a] != 1:
                raise ValueError(f"cannot squeeze axis {a} of a tensor of shape {x.shape}: "
                                 f"it has length {x.shape[a]}, not 1")
    return reshape(x, tuple(n for i, n in enumerate(x.shape) if i not in axes))


def broadcast_to(input, shape, name=None):  # noqa: A002
    """The values repeated along new or length-1 axes to fill ``shape``."""
    x = convert_to_tensor(input)
    shape = _shape_tuple(shape)
    if x._data.shape == shape:
        return x
    try:
        out = x._backend.broadcast_to(x._lend(), shape)
    except ValueError:
        raise ValueError(f"cannot broadcast a tensor of shape {x.shape} to shape {shape}: "
                         f"lengths must match or be 1, lining the shapes up from the "
                         f"right") from None
    in_shape = x._data.shape
    return record("broadcast_to", (x,), out, lambda g: unbroadcast(g, in_shape))


def concat(values, axis, name=None):
    """Tensors joined along an existing axis.  The gradient is cut back into pieces."""
    tensors = [convert_to_tensor(v) for v in values]
    if not tensors:
        raise ValueError("concat needs at least one tensor")
    first = tensors[0]
    tensors = [first] + [convert_to_tensor(t, dtype=first.dtype) for t in tensors[1:]]
    if first.ndim == 0:
        raise ValueError("concat joins tensors along an axis; scalars have none "
                         "(use tf.stack to make a vector of scalars)")
    axis = normalize_axis(axis, first.ndim)
    for t in tensors[1:]:
        if t.ndim != first.ndim or any(a != b for i, (a, b) in enumerate(zip(t.shape, first.shape))
                                       if i != axis):
            raise ValueError(f"cannot concat tensors of shapes {first.shape} and {t.shape} "
                             f"along axis {axis}: all other axes must match")
    out = first._backend.concat([t._data for t in tensors], axis)
    bounds = np.cumsum([0] + [t.shape[axis] for t in tensors])

    def piece(i):
        index = (slice(None),) * axis + (slice(int(bounds[i]), int(bounds[i + 1])),)
        return lambda g: getitem(g, index)

    return record("concat", tuple(tensors), out, *[piece(i) for i in range(len(tensors))])


def stack(values, axis=0, name=None):
    """Tensors of one shape joined along a new axis."""
    tensors = [convert_to_tensor(v) for v in values]
    shapes = {tuple(t.shape) for t in tensors}
    if len(shapes) > 1:
        raise ValueError(f"stack needs tensors of one shape, got shapes {sorted(shapes)}")
    return concat([expand_dims(t, axis) for t in tensors], axis)


def unstack(value, num=None, axis=0, name=None):
    """The slices of ``value`` along ``axis``, as a list (``num`` of them, if given)."""
    x = convert_to_tensor(value)
    axis = normalize_axis(axis, x.ndim)
    if num is not None and int(num) != x.shape[axis]:
        raise ValueError(f"unstack: num={num}, but axis {axis} of the tensor of shape "
                         f"{x.shape} has length {x.shape[axis]}")
    return [getitem(x, (slice(None),) * axis + (i,)) for i in range(x.shape[axis])]


def tile(input, multiples, name=None):  # noqa: A002
    """The tensor repeated ``multiples[i]`` times along axis i.

    Done without copying pieces one by one: each axis of length n gets a new axis of
    length m in front of it, the values are broadcast along it, and the two are merged::

        (a, b), multiples (m, k):  reshape (1, a, 1, b) -> broadcast (m, a, k, b)
                                   -> reshape (m*a, k*b)

    The gradient follows from those three operations (broadcasting sums it back).
    """
    x = convert_to_tensor(input)
    multiples = _shape_tuple(multiples)
    if len(multiples) != x.ndim:
        raise ValueError(f"tile needs one multiple per axis: the tensor of shape {x.shape} "
                         f"has {x.ndim} axes, but {len(multiples)} multiples were given")
    if any(m < 0 for m in multiples):
        raise ValueError(f"tile multiples must be >= 0, got {list(multiples)}")
    if all(m == 1 for m in multiples):
        return x
    spread = reshape(x, tuple(n for size in x.shape for n in (1, size)))
    repeated = broadcast_to(spread, tuple(n for m, size in zip(multiples, x.shape)
                                          for n in (m, size)))
    return reshape(repeated, tuple(m * size for m, size in zip(multiples, x.shape)))


# ---- indexing ------------------------------------------------------------------------

def _index_key(key):
    """A NumPy index from a teachtensor one (tensors inside become arrays)."""
    if isinstance(key, tuple):
        return tuple(_index_key(k) for k in key)
    if isinstance(key, Tensor):
        return key.numpy()
    if isinstance(key, list):
        return np.asarray(key)
    return key


def _is_basic(key):
    parts = key if isinstance(key, tuple) else (key,)
    return all(isinstance(k, (int, np.integer, slice)) or k is None or k is Ellipsis
               for k in parts)


def getitem(tensor, key):
    """``tensor[key]`` with NumPy's indexing rules.  The gradient scatters back."""
    x = convert_to_tensor(tensor)
    key = _index_key(key)
    try:
        out = x._backend.getitem(x._data, key)
    except IndexError as err:
        if "valid indices" in str(err):  # x[1.0], x["a"]: the wrong kind of index, not a range
            raise TypeError(f"cannot index a tensor with {key!r}: {err}") from None
        raise IndexError(f"index {key!r} is out of range for a tensor of shape {x.shape}: {err}") from None
    in_shape = x._data.shape
    return record("getitem", (x,), out, lambda g: scatter(g, key, in_shape))


def scatter(values, key, shape):
    """zeros(shape) with ``values`` added at ``[key]``: the gradient of indexing.

    Its own gradient is indexing again, so indexing is twice differentiable.
    """
    values = convert_to_tensor(values)
    backend = values._backend
    if _is_basic(key):
        out = backend.full(shape, 0, values._data.dtype)
        backend.assign(out, key, values._data)
    else:
        out = backend.scatter_add(shape, key, values._data)
    return record("scatter", (values,), out, lambda g: getitem(g, key))


def gather(params, indices, axis=0, batch_dims=0, name=None):
    """The slices of ``params`` at ``indices`` along ``axis``."""
    x = convert_to_tensor(params)
    axis = normalize_axis(axis, x.ndim)
    indices = convert_to_tensor(indices)
    if not indices.dtype.is_integer:
        raise TypeError(f"tf.gather needs integer indices (int32 or int64), got dtype "
                        f"{indices.dtype}; convert them with tf.cast(indices, tf.int32)")
    return getitem(x, (slice(None),) * axis + (_index_key(indices),))


# ---- shape as data ---------------------------------------------------------------

def shape(input, out_type=dtypes.int32, name=None):  # noqa: A002
    """The shape as a 1-D integer tensor."""
    return convert_to_tensor(list(convert_to_tensor(input).shape), dtype=out_type)


def size(input, out_type=dtypes.int32, name=None):  # noqa: A002
    """The number of elements as a scalar integer tensor."""
    return convert_to_tensor(convert_to_tensor(input)._data.size, dtype=out_type)


def rank(input, name=None):  # noqa: A002
    """The number of axes as a scalar int32 tensor."""
    return convert_to_tensor(convert_to_tensor(input).ndim, dtype=dtypes.int32)


# Imported last: these modules use this one too (a gradient is made of other ops).
from .arithmetic import unbroadcast  # noqa: E402
