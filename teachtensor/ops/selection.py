"""Choosing and converting values: where, cast, clip_by_value, argmax, one_hot, stop_gradient."""
import numpy as np

from .. import dtypes
from ..tape import record
from ..tensor import Tensor, convert_to_tensor, operands
from .arithmetic import unbroadcast
from .checks import normalize_axis


def where(condition, x=None, y=None, name=None):
    """x where ``condition`` is true, else y (all three broadcast together).

    The gradient flows to x where the condition holds and to y elsewhere.  With only a
    condition, returns the coordinates of its true elements (an int64 tensor).
    """
    condition = convert_to_tensor(condition, dtype=dtypes.bool)
    if x is None and y is None:
        return convert_to_tensor(np.argwhere(condition.numpy()).astype(np.int64))
    x, y = operands(x, y)
    backend = x._backend
    out = backend.where(condition._data, x._data, y._data)
    return record("where", (x, y), out,
                  lambda g: unbroadcast(where(condition, g, 0), x.shape),
                  lambda g: unbroadcast(where(condition, 0, g), y.shape))


def cast(x, dtype, name=None):
    """x converted to ``dtype``.  Float to float passes gradients (cast back)."""
    dtype = dtypes.as_dtype(dtype)
    dtypes.check_supported(dtype.as_numpy_dtype)
    if not isinstance(x, Tensor):
        x = convert_to_tensor(x)
    if x.dtype == dtype:
        return x
    out = x._backend.cast(x._data, dtype.as_numpy_dtype)
    differentiable = x._differentiable and dtype.is_floating
    return record("cast", (x,), out,
                  (lambda g: cast(g, x.dtype)) if differentiable else None)


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    """t limited to [min, max].  The gradient passes where min <= t <= max."""
    t = convert_to_tensor(t)
    return minimum(maximum(t, clip_value_min), clip_value_max)


def stop_gradient(x, name=None):
    """x itself, but tapes see a constant: no gradient flows through."""
    x = convert_to_tensor(x)
    return record("stop_gradient", (x,), x._lend(), None)


def identity(x, name=None):
    """A new tensor with the same values; the gradient passes unchanged."""
    x = convert_to_tensor(x)
    return record("identity", (x,), x._lend(), lambda g: g)


def argmax(input, axis=None, output_type=dtypes.int64, name=None):  # noqa: A002
    """Index of the largest value along ``axis`` (default 0, as in TensorFlow)."""
    input = convert_to_tensor(input)
    axis = normalize_axis(0 if axis is None else axis, input.ndim)
    out = input._backend.argmax(input._data, axis)
    return convert_to_tensor(out.astype(dtypes.as_dtype(output_type).as_numpy_dtype))


def argmin(input, axis=None, output_type=dtypes.int64, name=None):  # noqa: A002
    """Index of the smallest value along ``axis`` (default 0)."""
    input = convert_to_tensor(input)
    axis = normalize_axis(0 if axis is None else axis, input.ndim)
    out = input._backend.argmin(input._data, axis)
    return convert_to_tensor(out.astype(dtypes.as_dtype(output_type).as_numpy_dtype))


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    """A vector of length ``depth`` per index: on_value at the index, off_value elsewhere."""
    indices = convert_to_tensor(indices)
    if not indices.dtype.is_integer:
        raise TypeError(f"one_hot needs integer indices, got dtype {indices.dtype}; "
                        f"use tf.cast(indices, tf.int32)")
    dtype = dtypes.as_dtype(dtype or dtypes.float32)
    on = 1 if on_value is None else on_value
    off = 0 if off_value is None else off_value
    out = indices._backend.one_hot(indices._data, int(depth), dtype.as_numpy_dtype, on, off)
    if axis is not None and axis != -1:
        out = np.moveaxis(out, -1, axis)
    return convert_to_tensor(out)


# Imported last: these modules use this one too (a gradient is made of other ops).
from .arithmetic import maximum, minimum  # noqa: E402
