"""Data types: the names a student types (``tf.float32``) and the NumPy dtypes behind them.

A ``DType`` is a small named object.  It compares equal to itself, to its name
(``"float32"``) and to the matching NumPy dtype, so ``x.dtype == "float32"`` and
``x.dtype == np.float32`` both work.

Printed, it looks as in TensorFlow: ``print(x.dtype)`` shows ``<dtype: 'float32'>`` and
``repr(tf.float32)`` (what a list of dtypes shows) is ``tf.float32``; its bare name is
``tf.float32.name``, ``"float32"``, which is what a tensor's own printed form uses
(``dtype=float32``) and what messages should show.

Some TensorFlow dtypes are out of scope: ``tf.string``, ``tf.complex64`` and
``tf.complex128`` raise NotImplementedError when used (see ``out_of_scope.py``).
"""
import numpy as np

from . import out_of_scope


class DType:
    """One element type: a name and the NumPy dtype that stores it.

    Example::

        >>> print(tf.float32, tf.float32.is_floating, tf.int32.is_integer)
        <dtype: 'float32'> True True
    """

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

    @property
    def is_unsigned(self):
        return self.as_numpy_dtype.kind == "u"

    @property
    def size(self):
        """Bytes per element: 4 for float32."""
        return self.as_numpy_dtype.itemsize

    @property
    def min(self):
        """The smallest value (the most negative finite one, for floats)."""
        return self._range("min")

    @property
    def max(self):
        """The largest value (the largest finite one, for floats)."""
        return self._range("max")

    def _range(self, end):
        kind = self.as_numpy_dtype.kind
        if kind not in "fiu":
            raise TypeError(f"Cannot find {'minimum' if end == 'min' else 'maximum'} value "
                            f"of {self}: it holds no numbers")
        info = np.finfo(self.as_numpy_dtype) if kind == "f" else np.iinfo(self.as_numpy_dtype)
        return getattr(info, end)

    def __eq__(self, other):
        try:
            return self.as_numpy_dtype == as_dtype(other).as_numpy_dtype
        except TypeError:
            return False

    def __hash__(self):
        return hash(self.name)

    def __str__(self):
        return f"<dtype: '{self.name}'>"

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
    """Turn ``tf.float32``, ``"float32"``, ``np.float32`` or ``np.dtype('float32')`` into a DType.

    Example::

        >>> print(tf.as_dtype("float32") == tf.float32, tf.as_dtype(np.int64))
        True <dtype: 'int64'>
    """
    if isinstance(value, DType):
        return value
    if value is None:
        raise TypeError("None is not a data type; give one, e.g. tf.float32 or tf.int32")
    if isinstance(value, str) and value in ("string", "complex64", "complex128"):
        raise NotImplementedError(out_of_scope.NAMES[value])
    if value is float or (isinstance(value, str) and value == "float"):
        return float32  # TensorFlow's meaning of both (NumPy's is float64)
    try:
        key = np.dtype(value)
    except TypeError:
        raise TypeError(f"{value!r} is not a data type; use one of "
                        f"{', '.join(sorted(d.name for d in _BY_NUMPY.values()))}") from None
    out_of_scope.refuse(key.kind)  # complex64, strings: NotImplementedError
    if key not in _BY_NUMPY:
        raise TypeError(f"teachtensor has no tensors of dtype {key}; use one of "
                        f"{', '.join(sorted(d.name for d in _BY_NUMPY.values()))}")
    return _BY_NUMPY[key]


def a(dtype):
    """The dtype's name with its article, for messages: "an int32", "a float32"."""
    name = getattr(dtype, "name", None) or str(dtype)
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
