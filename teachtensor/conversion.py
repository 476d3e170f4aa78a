"""``tf.convert_to_tensor``: any value as a Tensor, and a Variable as a Tensor of its value.

The conversion rules themselves (Python floats become float32, NumPy arrays keep their
dtype, ...) are in ``tensor.py``.  This module adds what the *public* function does
with a Variable, as TensorFlow does: it reads the variable and returns a plain Tensor
holding its current value, so ``type(tf.convert_to_tensor(v))`` is ``Tensor`` and the
result does not change when the variable is assigned later.  The read is recorded on
open tapes (an identity), so gradients still reach the variable.

Inside teachtensor, operations call ``tensor.convert_to_tensor``, which lets a Variable
through unchanged: every ``tf.matmul(x, W)`` of a training step would otherwise pay for
a copy-free but recorded read of ``W``.
"""
from . import dtypes
from .ops.core import identity
from .tensor import convert_to_tensor as _convert


def convert_to_tensor(value, dtype=None, dtype_hint=None, name=None, like=None):
    """``value`` as a Tensor: a Tensor passes through, a Variable gives a Tensor of its
    current value, anything else (numbers, lists, NumPy arrays) is converted.

    Python floats become float32, Python ints int32, NumPy arrays keep their dtype,
    unless ``dtype`` asks for another one (a Tensor or Variable of another dtype is
    refused: convert it with ``tf.cast``).  ``dtype_hint`` is used only when the value
    has no dtype of its own.  ``like`` (a tensor) makes the new tensor on that
    tensor's device.

    Example::

        >>> print(tf.convert_to_tensor(np.arange(3.0)))
        teachtensor.Tensor([0. 1. 2.], shape=(3,), dtype=float64)
    """
    if getattr(value, "_is_variable", False):
        if dtype is not None and dtypes.as_dtype(dtype) != value.dtype:
            raise TypeError(f"cannot convert the {value.dtype.name} variable "
                            f"'{value.name}' to {dtypes.a(dtypes.as_dtype(dtype))} tensor; "
                            f"convert it with tf.cast(v, tf.{dtypes.as_dtype(dtype).name})")
        return identity(value)
    return _convert(value, dtype=dtype, dtype_hint=dtype_hint, name=name, like=like)
