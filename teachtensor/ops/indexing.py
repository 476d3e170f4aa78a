"""Reading parts of a tensor: ``x[1:, 0]``, ``tf.gather``, and picking one entry per row.

Each read has a *transpose* that puts values back where they were read from, into
zeros; it is the read's gradient, and the read is its gradient in turn, so indexing is
differentiable twice (and more):

    getitem(x, key)          <->  scatter(g, key, x.shape)     (repeated indices add up)
    pick(x, indices)         <->  put(g, indices, x.shape)     (one entry per row)

Keys follow NumPy's rules: ints, slices, ``None``, ``...`` and integer or bool index
arrays (tensors, lists or NumPy arrays), alone or in a tuple.  Index arrays are moved
to the tensor's backend once, here, so a key never makes the backend look at NumPy.
One key means two things: ``x[[0, 2]]`` is rows 0 and 2 in NumPy and here, but
``x[0, 2]`` in TensorFlow, which reads a list of ints as a tuple; it gives a warning.
"""
import os
import sys
import warnings

import numpy as np

from ..errors import IndexOutOfRangeError, InvalidArgumentError
from ..recording import record
from ..tensor import Tensor, convert_to_tensor
from .arithmetic import logical_or
from .checks import normalize_axis
from .core import broadcast_to, reshape, where
from .reductions import reduce_any


def index_key(key, backend):
    """``key`` ready for ``backend.getitem``: ints, slices, None and ... as they are;
    index tensors as their backend arrays; lists and NumPy arrays copied to the backend."""
    if isinstance(key, tuple):
        return tuple(index_key(k, backend) for k in key)
    if isinstance(key, Tensor):
        if key._backend is not backend and key._backend.device != backend.device:
            raise InvalidArgumentError(f"an index tensor on {key.device} cannot index a tensor on "
                                       f"{backend.device}; move one of them first")
        if key._data.dtype.kind not in "iub":
            raise TypeError(f"index tensors must hold integers or bools, not "
                            f"{key.dtype.name}; convert with tf.cast(index, tf.int32)")
        return key._data
    if isinstance(key, (list, np.ndarray)):
        array = np.asarray(key)
        if array.size == 0:
            array = array.astype(np.int64)  # x[[]]: no rows, not a float index
        if array.dtype.kind not in "iub":
            raise TypeError(f"cannot index a tensor with {_describe(key)}: index arrays "
                            f"must hold integers or bools")
        return backend.asarray(array)
    if isinstance(key, (float, np.floating, str)):
        raise TypeError(f"cannot index a tensor with {key!r}: indices must be integers, "
                        f"slices (1:3), None, ... or integer/bool arrays")
    return key


def _is_basic(key):
    """True for a key made only of ints, slices, None and ... (no index arrays)."""
    parts = key if isinstance(key, tuple) else (key,)
    return all(isinstance(k, (int, np.integer, slice)) or k is None or k is Ellipsis
               for k in parts)


def _describe(key):
    text = repr(key)
    return text if len(text) < 80 else text[:77] + "..."


def getitem(tensor, key):
    """``tensor[key]`` with NumPy's indexing rules.  The gradient scatters back."""
    x = convert_to_tensor(tensor)
    backend = x._backend
    if type(key) is list:
        _warn_if_tensorflow_reads_it_otherwise(key, x.ndim)
    key = index_key(key, backend)
    try:
        out = backend.getitem(x._data, key)
    except IndexError as error:
        raise IndexOutOfRangeError(f"index {_describe(key)} is out of range for a tensor "
                                   f"of shape {x.shape}: {error}") from None
    except TypeError as error:
        raise TypeError(f"cannot index a tensor with {_describe(key)}: {error}") from None
    in_shape = x._data.shape
    return record("getitem", (x,), out, lambda g: scatter(g, key, in_shape))


def _warn_if_tensorflow_reads_it_otherwise(key, ndim):
    """``x[[0, 2]]``: NumPy (and teachtensor) pick rows 0 and 2, but TensorFlow reads a
    list of ints as a tuple, ``x[0, 2]``, one entry.  Code written for one gives other
    numbers under the other without an error, so say so.  (A NumPy array, a tensor or
    a tuple as the key is not warned about; neither is a list that TensorFlow refuses:
    bools, or more ints than axes.)"""
    if 1 <= len(key) <= ndim and all(isinstance(k, (int, np.integer)) and
                                     not isinstance(k, bool) for k in key):
        entry = ", ".join(str(int(k)) for k in key)
        gather = f"tf.gather(x, {key}) or " if min(key) >= 0 else ""  # (TF's: no -1)
        warnings.warn(f"x[{key}] picks the rows {key} (of axis 0), as NumPy does, but "
                      f"TensorFlow reads a list of ints as x[{entry}]. Write "
                      f"{gather}x[np.array({key})] for the rows, x[{entry}] for the entry, "
                      f"and this warning goes away",
                      stacklevel=_levels_to_your_code())


def _levels_to_your_code():
    """The ``stacklevel`` that points a warning at the first line outside teachtensor
    (``x[[0, 2]]`` reaches here through Tensor or Variable code)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
    level, frame = 1, sys._getframe(1)  # 1: the function that calls warnings.warn
    while frame.f_back is not None and frame.f_code.co_filename.startswith(package):
        level, frame = level + 1, frame.f_back
    return level


def scatter(values, key, shape):
    """zeros(shape) with ``values`` added at ``[key]``: the gradient of indexing.

    Its own gradient is indexing again, so indexing is twice differentiable.
    """
    values = convert_to_tensor(values)
    backend = values._backend
    if _is_basic(key):  # a basic key never repeats a place: write into zeros
        out = backend.full(shape, 0, values._data.dtype)
        backend.assign(out, key, values._data)
    else:
        out = backend.scatter_add(shape, key, values._data)
    return record("scatter", (values,), out, lambda g: getitem(g, key))


def gather(params, indices, axis=0, batch_dims=0, name=None):
    """The slices of ``params`` at ``indices`` along ``axis``.

    Example::

        >>> print(tf.gather(tf.constant([10.0, 20.0, 30.0]), [2, 0]))
        teachtensor.Tensor([30. 10.], shape=(2,), dtype=float32)
    """
    x = convert_to_tensor(params)
    axis = normalize_axis(axis, x.ndim)
    indices = convert_to_tensor(indices)
    if not indices.dtype.is_integer:
        raise TypeError(f"tf.gather needs integer indices (int32 or int64), got dtype "
                        f"{indices.dtype.name}; convert them with tf.cast(indices, tf.int32)")
    if batch_dims:
        raise NotImplementedError("tf.gather with batch_dims is not supported; index "
                                  "each batch separately, or use pick() for one entry per row")
    n = x.shape[axis]
    if indices._data.size and bool(reduce_any(logical_or(indices < 0, indices >= n))):
        raise IndexOutOfRangeError(f"tf.gather: indices must be in [0, {n}) for axis {axis} "
                                   f"of a tensor of shape {x.shape}; got "
                                   f"{indices.numpy().tolist()!r}"[:300])
    return getitem(x, (slice(None),) * axis + (indices,))


def pick(values, indices):
    """values[..., indices]: the entry of each row (along the last axis) at its index.

    ``indices`` holds one integer per row (shape ``values.shape[:-1]``).  This is how a
    loss reads the probability of the right class without building a one-hot matrix.
    The gradient puts each row's gradient back at its index (``put``).
    """
    x = convert_to_tensor(values)
    indices = convert_to_tensor(indices)
    if tuple(indices.shape) != tuple(x.shape[:-1]) or not indices.dtype.is_integer:
        raise InvalidArgumentError(f"pick needs one integer index per row: indices of shape "
                                   f"{tuple(x.shape[:-1])} for values of shape {x.shape}, got "
                                   f"{indices.dtype.name} indices of shape {indices.shape}")
    in_shape = x._data.shape
    out = x._backend.take_along_axis(x._data, indices._data)
    return record("pick", (x,), out, lambda g: put(g, indices, in_shape))


def put(values, indices, shape):
    """zeros(shape) with values[r] at [r, indices[r]]: the transpose of ``pick``."""
    values = convert_to_tensor(values)
    out = values._backend.put_along_axis(shape, indices._data, values._data)
    return record("put", (values,), out, lambda g: pick(g, indices))


def boolean_mask(tensor, mask, axis=None, name=None):
    """The entries of ``tensor`` where ``mask`` is True: ``tensor[mask]``.

    ``mask`` covers the first axes of ``tensor`` (from ``axis``, 0 by default); the
    result lists the selected entries along one axis, in order.  Its gradient puts each
    entry's gradient back in its place (indexing's gradient).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
        >>> print(tf.boolean_mask(x, tf.constant([True, False, True])))
        teachtensor.Tensor(
        [[1. 2.]
         [5. 6.]], shape=(2, 2), dtype=float32)
    """
    x = convert_to_tensor(tensor)
    mask = convert_to_tensor(mask)
    if mask.dtype.name != "bool":
        raise TypeError(f"boolean_mask needs a bool mask, got {mask.dtype.name}; compare "
                        f"first, e.g. tf.boolean_mask(x, x > 0)")
    start = 0 if axis is None else normalize_axis(axis, x.ndim)
    covered = tuple(x.shape[start:start + mask.ndim])
    if mask.ndim == 0 or tuple(mask.shape) != covered:
        raise InvalidArgumentError(f"boolean_mask: a mask of shape {mask.shape} must match "
                                   f"axes {start}.. of the tensor of shape {x.shape}")
    return getitem(x, (slice(None),) * start + (mask,))


def _nd_key(x, indices, what):
    """The indexing key for ``indices`` of shape (..., m): one index tensor per leading
    axis of x, ``(indices[..., 0], ..., indices[..., m - 1])``, each checked in range."""
    indices = convert_to_tensor(indices)
    if not indices.dtype.is_integer or indices.ndim == 0 or indices.shape[-1] > x.ndim:
        raise InvalidArgumentError(f"{what}: indices must be integers of shape (..., m) with "
                                   f"m <= {x.ndim} (the rank of the tensor); got "
                                   f"{indices.dtype.name} of shape {indices.shape}")
    key = tuple(getitem(indices, (Ellipsis, i)) for i in range(indices.shape[-1]))
    for axis, index in enumerate(key):
        n = x.shape[axis]
        if index._data.size and bool(reduce_any(logical_or(index < 0, index >= n))):
            raise InvalidArgumentError(f"{what}: an index is out of [0, {n}) for axis {axis} "
                                       f"of the tensor of shape {x.shape}")
    return key


def gather_nd(params, indices, batch_dims=0, name=None):
    """The entries (or slices) of ``params`` at the index tuples in the last axis of
    ``indices``: for indices of shape (..., m), ``params[i0, ..., i(m-1)]`` for each
    tuple; the rest of ``params``' axes come along.  Differentiable (indexing).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.gather_nd(x, [[0, 1], [1, 0]]))      # x[0, 1] and x[1, 0]
        teachtensor.Tensor([2. 3.], shape=(2,), dtype=float32)
    """
    if batch_dims:
        raise NotImplementedError("tf.gather_nd with batch_dims is not supported; add the "
                                  "batch index to each index tuple instead")
    x = convert_to_tensor(params)
    key = _nd_key(x, indices, "tf.gather_nd")
    if not key:  # empty index tuples: the whole of params, once for each of them
        rows = tuple(convert_to_tensor(indices).shape[:-1])
        return broadcast_to(reshape(x, (1,) * len(rows) + tuple(x.shape)),
                            rows + tuple(x.shape))
    return getitem(x, key)


def tensor_scatter_nd_update(tensor, indices, updates, name=None):
    """A copy of ``tensor`` with ``updates`` written at the index tuples of ``indices``
    (``tensor[i0, ..., i(m-1)] = update`` for each; tensors never change, so this makes a
    new one).  Gradients flow to ``updates`` at those places and to ``tensor`` elsewhere.

    Example::

        >>> print(tf.tensor_scatter_nd_update(tf.zeros((4,)), [[1], [3]], [9.0, 10.0]))
        teachtensor.Tensor([ 0.  9.  0. 10.], shape=(4,), dtype=float32)
    """
    x = convert_to_tensor(tensor)
    indices = convert_to_tensor(indices)
    updates = convert_to_tensor(updates, dtype=x.dtype, like=x)
    m = indices.shape[-1] if indices.ndim else 0
    wanted = tuple(indices.shape[:-1]) + tuple(x.shape[m:])
    if not m or tuple(updates.shape) != wanted:
        raise InvalidArgumentError(f"tf.tensor_scatter_nd_update: for indices of shape "
                                   f"{indices.shape} into a tensor of shape {x.shape}, "
                                   f"updates must have shape {wanted}, got {updates.shape}")
    # An index tuple given twice: the last update wins, as in TensorFlow.  (The earlier
    # ones are dropped here, so they get no gradient; TensorFlow gives them one.)
    _nd_key(x, indices, "tf.tensor_scatter_nd_update")  # (integers, and in range)
    flat_indices = indices.numpy().reshape(-1, m)
    places = np.ravel_multi_index(tuple(flat_indices.T), tuple(x.shape[:m]))
    _, last_from_end = np.unique(places[::-1], return_index=True)
    kept = np.sort(len(places) - 1 - last_from_end)
    columns = tuple(flat_indices[kept].T)  # one index array per leading axis
    updates = gather(reshape(updates, (-1,) + tuple(x.shape[m:])), kept)
    placed = scatter(updates, index_key(columns, x._backend), x.shape)  # zeros elsewhere
    written = np.zeros(tuple(x.shape[:m]) + (1,) * (x.ndim - m), bool)  # (on the host:
    written[columns] = True                                              # the indices are)
    return where(convert_to_tensor(written, like=x), placed, x)


def _int_row(values, what):
    """slice's begin or size: one row of integers, as TensorFlow requires."""
    row = np.asarray(convert_to_tensor(values).numpy())
    if row.ndim != 1 or row.dtype.kind not in "iu":
        raise InvalidArgumentError(f"slice: {what} must be one list of integers (one per "
                                   f"axis), got {row.dtype} of shape {row.shape}")
    return [int(n) for n in row]


def block(input_, begin, size, name=None):
    """``tf.slice``: the block that starts at ``begin`` and is ``size`` long on each
    axis (-1: to the end), ``x[begin[0]:begin[0] + size[0], begin[1]:...]``; its
    gradient is that indexing's.

    Example::

        >>> x = tf.reshape(tf.range(12), (3, 4))
        >>> print(tf.slice(x, [1, 0], [2, -1]))        # rows 1 and 2, every column
        teachtensor.Tensor(
        [[ 4  5  6  7]
         [ 8  9 10 11]], shape=(2, 4), dtype=int32)
    """
    x = convert_to_tensor(input_)
    begin, size = _int_row(begin, "begin"), _int_row(size, "size")
    if len(begin) != x.ndim or len(size) != x.ndim:
        raise InvalidArgumentError(f"slice: begin and size need one entry per axis of the "
                                   f"tensor ({x.ndim}), got {len(begin)} and {len(size)}")
    key = []
    for axis, (start, length, n) in enumerate(zip(begin, size, x.shape)):
        if not 0 <= start <= n:
            raise InvalidArgumentError(f"slice: begin[{axis}] must be in [0, {n}], got "
                                       f"{start} (negative starts are refused, as in "
                                       f"TensorFlow; x[-1:] reads from the end)")
        if length == -1:
            length = n - start
        if not 0 <= length <= n - start:
            raise InvalidArgumentError(f"slice: size[{axis}] must be in [0, {n - start}] "
                                       f"(or -1: to the end), got {length}")
        key.append(slice(start, start + length))
    return getitem(x, tuple(key))
