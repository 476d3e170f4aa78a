"""Indexing with a NumPy key on the GPU: ``getitem``, ``scatter_add`` and ``assign``.

Three kinds of keys, three ways:

* **Basic** keys (ints, slices, None, ...) select a strided view: where it starts and
  how far apart its elements are.  NumPy works that out for us on a dummy array of the
  same shape (no data is touched), and ``strided_copy_kernel`` copies the view out (or
  ``strided_store_kernel`` writes values into it).
* **One index array on one axis** (``x[i]`` for an integer tensor i, ``tf.gather``):
  ``take_axis_kernel`` reads along that axis; nothing leaves the GPU.
* **Anything else** (bool masks, several index arrays): NumPy computes, on the host,
  the flat position of every element the key selects (``np.arange(size)[key]``), the
  positions go to the GPU, and ``gather_kernel`` / ``scatter_add_kernel`` do the rest.
  This is the slow path: the index arrays come to the host, and the positions go back.
"""
from math import prod

import numpy as np

from . import elementwise as ew
from . import indexing as ix
from .launch import c_strides, flat, launch, padded


def _is_device_array(k):
    return not isinstance(k, np.ndarray) and hasattr(k, "copy_to_host")


def is_basic(key):
    """True for a key of ints, slices, None and ... only."""
    parts = key if isinstance(key, tuple) else (key,)
    return all(isinstance(k, (int, np.integer, slice)) or k is None or k is Ellipsis
               for k in parts)


def _dummy(shape):
    """A NumPy view with ``shape`` and C strides of 1-byte elements over a single byte:
    indexing it with a basic key computes the key's offset, shape and strides (in
    elements) without touching memory; its values are never read."""
    return np.lib.stride_tricks.as_strided(np.zeros(1, np.uint8), shape=shape,
                                           strides=c_strides(shape))


def _basic_view(shape, key):
    """(offset, strides, shape) of x[key] for a basic key, computed by NumPy."""
    dummy = _dummy(shape)
    parts = key if isinstance(key, tuple) else (key,)
    if not any(k is Ellipsis for k in parts):
        parts = parts + (Ellipsis,)  # so that x[0, 0] is a 0-d view, not a number
    try:
        view = dummy[parts]
    except IndexError as error:
        if "valid indices" in str(error):  # x[1.0], x["a"]: the wrong kind of key
            raise TypeError(str(error)) from None
        raise
    offset = view.__array_interface__["data"][0] - dummy.__array_interface__["data"][0]
    return offset, view.strides, view.shape


def _axis_gather(shape, key):
    """(axis, index array) when ``key`` is full slices then one device index array."""
    parts = key if isinstance(key, tuple) else (key,)
    for axis, part in enumerate(parts):
        if _is_device_array(part):
            full = all(isinstance(p, slice) and p == slice(None)
                       for p in parts[:axis] + parts[axis + 1:])
            if full and part.dtype.kind in "iu" and part.ndim == 1 and axis < len(shape):
                return axis, part
            return None
    return None


def _positions(backend, shape, key):
    """The flat positions x[key] reads, as a device array (the slow path, on the host)."""
    parts = key if isinstance(key, tuple) else (key,)
    host = tuple(p.copy_to_host() if _is_device_array(p) else p for p in parts)
    try:
        positions = np.arange(prod(shape), dtype=np.int64).reshape(shape)[host]
    except IndexError as error:
        if "valid indices" in str(error):
            raise TypeError(str(error)) from None
        raise
    return positions, backend.asarray(positions)


def _check_range(backend, indices, length, axis):
    """An index array read on the GPU must be in range (a GPU would read garbage)."""
    if indices.size:
        low = int(backend.to_numpy(backend.reduce("min", indices, (0,), False)))
        high = int(backend.to_numpy(backend.reduce("max", indices, (0,), False)))
        if low < 0 or high >= length:
            raise IndexError(f"index {low if low < 0 else high} is out of bounds for axis "
                             f"{axis} with size {length}")


def getitem(backend, x, key):
    if is_basic(key):
        offset, strides, shape = _basic_view(x.shape, key)
        return backend._strided_copy(x, offset, strides, shape)
    gather = _axis_gather(x.shape, key)
    if gather is not None:
        axis, indices = gather
        _check_range(backend, indices, x.shape[axis], axis)
        shape = x.shape[:axis] + indices.shape + x.shape[axis + 1:]
        out = backend.empty(shape, x.dtype)
        launch(ix.take_axis_kernel, out.size, flat(x), indices, flat(out), x.shape[axis],
               prod(x.shape[axis + 1:]))
        return out
    positions, device_positions = _positions(backend, x.shape, key)
    out = backend.empty(positions.shape, x.dtype)
    launch(ix.gather_kernel, out.size, flat(x), flat(device_positions), flat(out))
    return out


def scatter_add(backend, shape, key, values):
    out = backend.full(shape, 0, values.dtype)
    if is_basic(key):  # a basic key never repeats a place: store into zeros
        offset, strides, view_shape = _basic_view(shape, key)
        _store(values, out, offset, strides, view_shape)
        return out
    _, positions = _positions(backend, shape, key)
    launch(ix.scatter_add_kernel, values.size, flat(values), flat(positions), flat(out))
    return out


def assign(backend, x, key, value):
    if is_basic(key):
        offset, strides, view_shape = _basic_view(x.shape, key)
        if value.shape != tuple(view_shape):
            value = backend.broadcast_to(value, tuple(view_shape))
        _store(value, x, offset, strides, view_shape)
        return
    positions, device_positions = _positions(backend, x.shape, key)
    if value.shape != positions.shape:
        value = backend.broadcast_to(value, positions.shape)
    launch(ix.scatter_set_kernel, value.size, flat(value), flat(device_positions), flat(x))


def _store(values, out, offset, strides, shape):
    launch(ew.strided_store_kernel, values.size, flat(values), flat(out), offset,
            padded(strides, 0), padded(shape, 1))

