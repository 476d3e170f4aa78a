"""Choosing and converting values: where, cast, clip_by_value, argmax, one_hot,
stop_gradient, identity (where, cast, stop_gradient and identity live in ``core.py``,
because gradients use them; they are exported from here too)."""
from .. import dtypes
from ..errors import InvalidArgumentError
from ..recording import record
from ..tensor import convert_to_tensor
from .arithmetic import maximum, minimum
from .checks import count_of, normalize_axis
from .core import cast, identity, stop_gradient, where  # noqa: F401


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    """t limited to [min, max].  The gradient passes where min <= t <= max.

    Example::

        >>> print(tf.clip_by_value(tf.constant([-2.0, 0.5, 3.0]), 0.0, 1.0))
        teachtensor.Tensor([0.  0.5 1. ], shape=(3,), dtype=float32)
    """
    t = convert_to_tensor(t)
    return minimum(maximum(t, clip_value_min), clip_value_max)


def _arg_extreme(which, input, axis, output_type):  # noqa: A002
    x = convert_to_tensor(input)
    axis = normalize_axis(0 if axis is None else axis, x.ndim)
    if x._data.shape[axis] == 0:
        raise InvalidArgumentError(f"tf.{which}: axis {axis} of the shape {x.shape} is "
                                   f"empty, so there is no largest or smallest element")
    backend = x._backend
    out = getattr(backend, which)(x._data, axis)  # int64 indices
    np_type = dtypes.as_dtype(output_type).as_numpy_dtype
    if out.dtype != np_type:
        out = backend.cast(out, np_type)
    return record(which, (x,), out, None)


def argmax(input, axis=None, output_type=dtypes.int64, name=None):  # noqa: A002
    """Index of the largest value along ``axis`` (default 0, as in TensorFlow).

    Example::

        >>> print(tf.argmax(tf.constant([[1.0, 5.0], [3.0, 2.0]]), axis=1))
        teachtensor.Tensor([1 0], shape=(2,), dtype=int64)
    """
    return _arg_extreme("argmax", input, axis, output_type)


def argmin(input, axis=None, output_type=dtypes.int64, name=None):  # noqa: A002
    """Index of the smallest value along ``axis`` (default 0).

    Example::

        >>> print(tf.argmin(tf.constant([[1.0, 5.0], [3.0, 2.0]]), axis=1))
        teachtensor.Tensor([0 1], shape=(2,), dtype=int64)
    """
    return _arg_extreme("argmin", input, axis, output_type)


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    """A vector of length ``depth`` per index: on_value at the index, off_value elsewhere.

    Example::

        >>> print(tf.one_hot([0, 2, 1], depth=3))
        teachtensor.Tensor(
        [[1. 0. 0.]
         [0. 0. 1.]
         [0. 1. 0.]], shape=(3, 3), dtype=float32)
    """
    indices = convert_to_tensor(indices)
    if not indices.dtype.is_integer:
        raise TypeError(f"one_hot needs integer indices, got dtype {indices.dtype.name}; "
                        f"use tf.cast(indices, tf.int32)")
    dtype = dtypes.as_dtype(dtype or dtypes.float32)
    on = 1 if on_value is None else on_value
    off = 0 if off_value is None else off_value
    backend = indices._backend
    depth = count_of(depth, "tf.one_hot: depth (the number of classes)", least=1)
    out = backend.one_hot(indices._data, depth, dtype.as_numpy_dtype, on, off)
    if axis is not None and axis != -1:  # the new axis goes to ``axis``, not last
        axis = normalize_axis(axis, out.ndim)
        perm = list(range(out.ndim - 1))
        perm.insert(axis, out.ndim - 1)
        out = backend.transpose(out, tuple(perm))
    return record("one_hot", (indices,), out, None)
