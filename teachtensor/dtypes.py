"""Data types: the names a student types (``tf.float32``) and the NumPy dtypes behind them.

A ``DType`` is a small named object.  It compares equal to itself, to its name
(``"float32"``) and to the matching NumPy dtype, so ``x.dtype == "float32"`` and
``x.dtype == np.float32`` both work.  ``str(tf.float32)`` is ``float32``.
"""
import numpy as np


class DType:
    """One element type: a name and the NumPy dtype that stores it."""

    __slots__ = ("name", "as_numpy_dtype")

    def __init__(self, name):
        self.name = name
        self.as_numpy_dtype = np.dtype(name)

    @property
    def is_floating(self):
        return self.as_numpy_dtype.kind == "f"

    @property
    def is_integer(self):
        return self.as_numpy_dtype.kind in "iu"

    @property
    def is_bool(self):
        return self.as_numpy_dtype.kind == "b"

    def __eq__(self, other):
        try:
            return self.as_numpy_dtype == as_dtype(other).as_numpy_dtype
        except TypeError:
            return False

    def __hash__(self):
        return hash(self.name)

    def __str__(self):
        return self.name

    def __repr__(self):
        return "tf." + self.name


float16 = DType("float16")
float32 = DType("float32")
float64 = DType("float64")
int8 = DType("int8")
int16 = DType("int16")
int32 = DType("int32")
int64 = DType("int64")
uint8 = DType("uint8")
bool = DType("bool")  # noqa: A001  (the TensorFlow name, shadowing is intended here)
double = float64
half = float16

_BY_NUMPY = {d.as_numpy_dtype: d for d in
             (float16, float32, float64, int8, int16, int32, int64, uint8, bool)}


def as_dtype(value):
    """Turn ``tf.float32``, ``"float32"``, ``np.float32`` or ``np.dtype('float32')`` into a DType."""
    if isinstance(value, DType):
        return value
    if value is None:
        raise TypeError("None is not a data type; give one, e.g. tf.float32 or tf.int32")
    try:
        key = np.dtype(value)
    except TypeError:
        raise TypeError(f"{value!r} is not a data type; use one of "
                        f"{', '.join(sorted(d.name for d in _BY_NUMPY.values()))}") from None
    if key not in _BY_NUMPY:
        raise TypeError(f"teachtensor has no tensors of dtype {key}; use one of "
                        f"{', '.join(sorted(d.name for d in _BY_NUMPY.values()))}")
    return _BY_NUMPY[key]


def a(dtype):
    """The dtype's name with its article, for messages: "an int32", "a float32"."""
    name = str(dtype)
    return ("an " if name.startswith("int") else "a ") + name


def check_supported(np_dtype):
    """Refuse a dtype no kernel computes with (float16), before a tensor is made."""
    if np_dtype == np.float16:
        raise TypeError("teachtensor has no float16 (half precision) kernels: its tensors "
                        "hold float32 or float64 numbers (and integers, bools). Use "
                        "tf.float32, or convert NumPy data with x.astype('float32').")


def from_numpy(np_dtype):
    """The DType of a NumPy dtype (fast path used by every tensor's ``.dtype``)."""
    return _BY_NUMPY[np_dtype]
