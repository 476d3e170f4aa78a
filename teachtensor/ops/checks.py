"""Checking arguments before computing: axes and dtypes, one way everywhere.

Every operation that takes an ``axis`` reads it with ``normalize_axis`` (one axis) or
``normalize_axes`` (several), so -1 means the last axis everywhere and an axis out of
range is always an error, never silently wrapped around.  Operations that compute
with numbers refuse bool tensors (``numeric``), and logical ones want bool tensors
(``boolean``), with messages that say to ``tf.cast`` first, as TensorFlow refuses them.
"""
import numpy as np

from ..errors import InvalidArgumentError


def normalize_axis(axis, ndim, what="axis"):
    """``axis`` as an index in [0, ndim): -1 means the last axis; anything outside
    [-ndim, ndim) is an error (never silently wrapped around)."""
    if isinstance(axis, (bool, float)) or not isinstance(axis, (int, np.integer)):
        if hasattr(axis, "numpy") and np.ndim(axis.numpy()) == 0:
            axis = axis.numpy()
        else:
            raise TypeError(f"{what} must be an integer, got {type(axis).__name__} {axis!r}")
    axis = int(axis)
    if ndim == 0:
        raise InvalidArgumentError(f"{what} {axis} does not exist: a scalar (rank 0) has no axes")
    if not -ndim <= axis < ndim:
        raise InvalidArgumentError(f"{what} {axis} is out of range for a tensor of rank {ndim} "
                                   f"(valid: {-ndim} to {ndim - 1})")
    return axis % ndim


def normalize_axes(axis, ndim):
    """``axis`` (None, an int, or a list/tuple/tensor of ints) as a sorted tuple of
    distinct non-negative axes; None means every axis.  Returns None when there is
    nothing to reduce (``axis=[]``, or a scalar with ``axis=None``)."""
    if axis is None:
        return tuple(range(ndim)) or None
    if type(axis) is int and -ndim <= axis < ndim:  # the common case, quickly
        return (axis % ndim,)
    if hasattr(axis, "numpy"):
        axis = axis.numpy().tolist()
    if isinstance(axis, (int, np.integer, float, str, bool)):
        axes = (axis,)  # (a float or a string: normalize_axis refuses it, by name)
    else:
        axes = tuple(axis)
    result = {normalize_axis(a, ndim) for a in axes}
    if len(result) != len(axes):  # [1, 1], or [1, -1] of a matrix: TensorFlow refuses it
        raise InvalidArgumentError(f"axis {list(axes)} names an axis twice (a tensor of rank "
                                   f"{ndim} has axes 0 to {ndim - 1}, or -{ndim} to -1)")
    return tuple(sorted(result)) or None


def numeric(name, a, b=None):
    """Refuse bool tensors for the operation ``tf.<name>``, which computes with numbers.
    (Called for every operation: it only compares, and formats a message on failure.)"""
    if a._data.dtype.kind == "b" or (b is not None and b._data.dtype.kind == "b"):
        raise TypeError(f"tf.{name} does not take bool tensors (TensorFlow refuses them "
                        f"too); convert first, e.g. tf.cast(x, tf.int32) or "
                        f"tf.cast(x, tf.float32)")


def boolean(name, a, b=None):
    """Refuse anything but bool tensors for the logical operation ``tf.<name>``."""
    for t in (a, b):
        if t is not None and t._data.dtype.kind != "b":
            raise TypeError(f"tf.{name} needs bool tensors, got dtype {t.dtype.name}; "
                            f"compare first (x > 0) or convert with tf.cast(x, tf.bool)")


def keepdims_flag(keepdims):
    """``keepdims`` as True or False: 1 and 0 too (NumPy's bools), None as False (as
    TensorFlow reads it); a string ("no") is refused, since Python counts it as true.
    (Called only when it is not already True or False: the usual call costs two
    identity tests.)"""
    if keepdims is None:
        return False
    if isinstance(keepdims, str) or keepdims not in (0, 1):
        raise TypeError(f"keepdims must be True or False, got {keepdims!r}")
    return bool(keepdims)


def count_of(value, what, least=0, unit=None):
    """A whole number, ``least`` or more (None: any), for an argument that counts
    something (``tf.linspace``'s num, ``tf.one_hot``'s depth, ``Dataset.batch``'s
    batch_size, ``EarlyStopping``'s patience): a Python or NumPy int, or a 0-d integer
    tensor. 2.5 or "2" is refused (``int()`` would cut the one and read the other);
    ``unit`` names what is counted in the messages ("epochs")."""
    if hasattr(value, "numpy") and np.ndim(value.numpy()) == 0:
        value = value.numpy()
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        of = f" of {unit}" if unit else ""
        floor = "" if least is None else f", {least} or more"
        raise TypeError(f"{what} must be a whole number{of}{floor}, got "
                        f"{type(value).__name__} {value!r}")
    if least is not None and value < least:
        raise ValueError(f"{what} must be {least} or more{' ' + unit if unit else ''}, "
                         f"got {value}")
    return int(value)
