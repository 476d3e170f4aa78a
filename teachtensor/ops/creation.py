"""Making tensors: constant, ones, zeros, fill, range, eye, and the *_like forms."""
from math import prod

import numpy as np

from .. import dtypes
from ..backend import get_backend
from ..errors import InvalidArgumentError
from ..tensor import Tensor, convert_to_tensor, wrap
from .checks import count_of
from .core import reshape, shape_tuple


def _filled(shape, value, dtype, backend=None):
    """A new tensor of ``shape`` full of ``value``, on ``backend`` (default: the current)."""
    shape = shape_tuple(shape)
    if any(s < 0 for s in shape):
        raise InvalidArgumentError(f"shape {shape} has a negative size")
    backend = backend or get_backend()
    np_dtype = dtypes.as_dtype(dtype).as_numpy_dtype
    dtypes.check_supported(np_dtype)
    return wrap(backend.full(shape, value, np_dtype), backend)


def constant(value, dtype=None, shape=None, name=None):
    """A tensor holding ``value`` (a number, nested lists, a NumPy array or a tensor).

    Example::

        >>> print(tf.constant([[1, 2], [3, 4]]))
        teachtensor.Tensor(
        [[1 2]
         [3 4]], shape=(2, 2), dtype=int32)
        >>> print(tf.constant(3.0))
        teachtensor.Tensor(3.0, shape=(), dtype=float32)
    """
    t = convert_to_tensor(value, dtype=dtype)
    if shape is not None:
        shape = shape_tuple(shape)
        if t._data.size == 1 and prod(shape) != 1:  # one value fills the shape
            backend = t._backend
            one = backend.reshape(t._data, ())
            return wrap(backend.copy(backend.broadcast_to(one, shape)), backend)
        return reshape(t, shape)
    if isinstance(value, Tensor):
        return wrap(t._lend(), t._backend)  # a new tensor object, not the same one
    return t


def zeros(shape, dtype=dtypes.float32, name=None):
    """A tensor of ``shape`` filled with 0.

    Example::

        >>> print(tf.zeros(shape=(2, 1)))
        teachtensor.Tensor(
        [[0.]
         [0.]], shape=(2, 1), dtype=float32)
    """
    return _filled(shape, 0, dtype)


def ones(shape, dtype=dtypes.float32, name=None):
    """A tensor of ``shape`` filled with 1.

    Example::

        >>> print(tf.ones(shape=(2, 1)))
        teachtensor.Tensor(
        [[1.]
         [1.]], shape=(2, 1), dtype=float32)
    """
    return _filled(shape, 1, dtype)


def fill(dims, value, name=None):
    """A tensor of shape ``dims`` filled with ``value`` (its dtype from the value).

    Example::

        >>> print(tf.fill((2, 3), 7.0))
        teachtensor.Tensor(
        [[7. 7. 7.]
         [7. 7. 7.]], shape=(2, 3), dtype=float32)
    """
    return _filled(dims, value, convert_to_tensor(value).dtype)


def zeros_like(input, dtype=None, name=None):  # noqa: A002
    """A tensor of zeros with the shape (and, unless ``dtype`` is given, the dtype) of ``input``.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.zeros_like(x))
        teachtensor.Tensor(
        [[0. 0.]
         [0. 0.]], shape=(2, 2), dtype=float32)
    """
    x = convert_to_tensor(input)
    return _filled(x.shape, 0, dtype or x.dtype, x._backend)  # on x's device


def ones_like(input, dtype=None, name=None):  # noqa: A002
    """A tensor of ones with the shape (and, unless ``dtype`` is given, the dtype) of ``input``.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.ones_like(x))
        teachtensor.Tensor(
        [[1. 1.]
         [1. 1.]], shape=(2, 2), dtype=float32)
    """
    x = convert_to_tensor(input)
    return _filled(x.shape, 1, dtype or x.dtype, x._backend)  # on x's device


def range(start, limit=None, delta=1, dtype=None, name=None):  # noqa: A001
    """[start, start + delta, ...) up to ``limit``, like Python's range (tf.range).

    Example::

        >>> print(tf.range(5))
        teachtensor.Tensor([0 1 2 3 4], shape=(5,), dtype=int32)
        >>> print(tf.range(1.0, 2.0, 0.25))
        teachtensor.Tensor([1.   1.25 1.5  1.75], shape=(4,), dtype=float32)
    """
    if limit is None:
        start, limit = 0, start
    if delta == 0:
        raise InvalidArgumentError("tf.range needs a step (delta) other than 0: with 0 it would "
                                   "never reach the limit")
    if (delta > 0 and start > limit) or (delta < 0 and start < limit):
        way = "start <= limit when delta > 0" if delta > 0 else "start >= limit when delta < 0"
        raise InvalidArgumentError(f"tf.range({start}, {limit}, {delta}) requires {way}, as in "
                                   f"TensorFlow (an empty range is asked for with start == limit)")
    values = np.arange(start, limit, delta)
    if dtype is None:
        dtype = _widest(start, limit, delta)
    return convert_to_tensor(values, dtype=dtype)


# TensorFlow's order for the dtype of range's and linspace's arguments: the result takes
# the widest of them, with Python ints as int32 and Python floats as float32.
_WIDTH = {"int32": 0, "int64": 1, "float32": 2, "float64": 3}


def _widest(*values):
    found = []
    for v in values:
        if hasattr(v, "dtype"):  # a tensor, a NumPy array or number
            found.append(dtypes.as_dtype(v.dtype).name)
        else:
            found.append("float32" if isinstance(v, float) else "int32")
    return max(found, key=lambda name: _WIDTH.get(name, 0))


def linspace(start, stop, num, name=None, axis=0):
    """``num`` evenly spaced values from start to stop inclusive: float32 for Python
    floats, float64 for float64 values, and (TensorFlow's rule) for integers.

    Example::

        >>> print(tf.linspace(0.0, 1.0, 5))
        teachtensor.Tensor([0.   0.25 0.5  0.75 1.  ], shape=(5,), dtype=float32)
    """
    dtype = _widest(start, stop)
    num = count_of(num, "tf.linspace: num")
    return convert_to_tensor(np.linspace(float(start), float(stop), num),
                             dtype="float32" if dtype == "float32" else "float64")


def eye(num_rows, num_columns=None, batch_shape=None, dtype=dtypes.float32, name=None):
    """The identity matrix (ones on the diagonal); with ``batch_shape``, that many of
    them: shape ``batch_shape + (num_rows, num_columns)``.

    Example::

        >>> print(tf.eye(3))
        teachtensor.Tensor(
        [[1. 0. 0.]
         [0. 1. 0.]
         [0. 0. 1.]], shape=(3, 3), dtype=float32)
        >>> print(tf.eye(2, batch_shape=[4]).shape)
        (4, 2, 2)
    """
    num_rows = count_of(num_rows, "tf.eye: num_rows")
    num_columns = None if num_columns is None else count_of(num_columns, "tf.eye: num_columns")
    matrix = np.eye(num_rows, num_columns) != 0  # (bools: converted to any dtype below)
    if batch_shape is not None:
        matrix = np.broadcast_to(matrix, tuple(int(n) for n in batch_shape) + matrix.shape)
    return convert_to_tensor(matrix, dtype=dtypes.as_dtype(dtype))
