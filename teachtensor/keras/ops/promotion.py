"""Which dtype a ``keras.ops`` result has: Keras 3's type promotion.

TensorFlow's own operations refuse to mix dtypes (``tf.add`` of a float32 and a float64
tensor is an error).  ``keras.ops`` follows NumPy instead and converts, so that one
program runs the same on every Keras backend.  The rules, for teachtensor's dtypes:

* **Tensors and arrays** of different dtypes meet in the wider one, ordered
  bool < integers < floats: float32 + float64 -> float64; int32 + float32 -> float32
  (also int64 + float32); among integers the one that holds both, uint8 + int8 -> int16.
* **Python numbers are "weak"**: they take the dtype of the tensor they meet
  (float32 tensor + 1.5 -> float32, uint8 tensor + 1 -> uint8), except that a Python
  float meeting integers or bools gives ``keras.config.floatx()`` (int32 + 1.5 ->
  float32), and a Python int meeting bools gives int32.
* **Python numbers alone**: ints give int32, floats give floatx, bools give bool.

Functions that only make sense for real numbers (``sqrt``, ``exp``, ``mean``,
``divide``, ...) turn integers and bools into floatx first (``floating``).
"""
import numpy as np

from ... import dtypes
from ...ops.core import cast
from ...tensor import Tensor, convert_to_tensor
from ..config import floatx


def _is_python_number(value):
    return isinstance(value, (bool, int, float)) and not isinstance(value, np.generic)


def result_dtype(*values):
    """The DType that ``values`` (tensors, arrays, lists, Python numbers) combine into."""
    strong = [_dtype_of(v) for v in values if not _is_python_number(v)]
    weak = {type(v) for v in values if _is_python_number(v)}
    if not strong:
        return dtypes.as_dtype(floatx() if float in weak else "int32" if int in weak
                               else "bool")
    floats = [d for d in strong if d.is_floating]
    integers = [d for d in strong if d.is_integer]
    if floats:
        return max(floats, key=lambda d: d.as_numpy_dtype.itemsize)
    if integers:
        widest = integers[0].as_numpy_dtype
        for d in integers[1:]:
            widest = np.promote_types(widest, d.as_numpy_dtype)
        result = dtypes.as_dtype(widest)
        return dtypes.as_dtype(floatx()) if float in weak else result
    if float in weak:
        return dtypes.as_dtype(floatx())
    return dtypes.int32 if int in weak else dtypes.bool


def _dtype_of(value):
    if isinstance(value, Tensor):
        return value.dtype
    return convert_to_tensor(value).dtype  # lists, arrays: the usual conversion rules


def same_dtype(*values):
    """The values as tensors of their ``result_dtype`` (on the first tensor's device)."""
    like = next((v for v in values if isinstance(v, Tensor)), None)
    values = [v if isinstance(v, Tensor) or _is_python_number(v) else
              convert_to_tensor(v, like=like) for v in values]  # lists, arrays: their dtype
    dtype = result_dtype(*values)
    return [cast(v, dtype) if isinstance(v, Tensor) else
            convert_to_tensor(v, dtype=dtype, like=like) for v in values]


def floating(x):
    """``x`` as a float tensor: floats keep their dtype, integers and bools get floatx."""
    x = x if isinstance(x, Tensor) else convert_to_tensor(x)
    return x if x.dtype.is_floating else cast(x, floatx())
