"""``keras.ops``'s NumPy-like operations, each a thin mapping onto teachtensor's.

Names and arguments are NumPy's, as Keras 3 has them: ``sum(x, axis=None,
keepdims=False)`` where TensorFlow says ``reduce_sum(input_tensor, axis, keepdims)``;
``concatenate`` for ``tf.concat``, ``clip`` for ``tf.clip_by_value``, ``x1`` / ``x2``
for the two operands.  Mixed dtypes are converted by Keras's rules (``promotion.py``):
``add(int32 tensor, 1.5)`` is float32, where ``tf.add`` would refuse.

Every function returns a teachtensor Tensor and is differentiable wherever the
operation it maps onto is, so a GradientTape sees through them.
"""
from ... import dtypes
from ...ops import (arithmetic, core, creation, functions, linalg, reductions,
                    selection, shape_ops)
from ...tensor import Tensor, convert_to_tensor
from ..config import floatx
from .promotion import floating, same_dtype


def _tensor(x):
    return x if isinstance(x, Tensor) else convert_to_tensor(x)


# ---- arithmetic, elementwise (with broadcasting) ------------------------------------

def add(x1, x2):
    """x1 + x2, elementwise.

    Example::

        >>> print(keras.ops.add(np.array([1, 2, 3]), 2.5))   # ints meet a float: float32
        teachtensor.Tensor([3.5 4.5 5.5], shape=(3,), dtype=float32)
    """
    return arithmetic.add(*same_dtype(x1, x2))


def subtract(x1, x2):
    """x1 - x2, elementwise.

    Example::

        >>> print(keras.ops.subtract(np.array([1, 2, 3]), 2.5))   # ints meet a float: float32
        teachtensor.Tensor([-1.5 -0.5  0.5], shape=(3,), dtype=float32)
    """
    return arithmetic.subtract(*same_dtype(x1, x2))


def multiply(x1, x2):
    """x1 * x2, elementwise.

    Example::

        >>> print(keras.ops.multiply(np.array([1, 2, 3]), 2.5))   # ints meet a float: float32
        teachtensor.Tensor([2.5 5.  7.5], shape=(3,), dtype=float32)
    """
    return arithmetic.multiply(*same_dtype(x1, x2))


def divide(x1, x2):
    """x1 / x2, elementwise; integers are divided as floats (``divide(3, 2)`` is 1.5).

    Example::

        >>> print(keras.ops.divide(np.array([1, 2, 3]), 2.5))   # ints meet a float: float32
        teachtensor.Tensor([0.4 0.8 1.2], shape=(3,), dtype=float32)
    """
    x1, x2 = same_dtype(x1, x2)
    if not x1.dtype.is_floating:
        x1, x2 = floating(x1), floating(x2)
    return arithmetic.divide(x1, x2)


def power(x1, x2):
    """x1 ** x2, elementwise.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.ops.power(np.array([1, 2, 3]), 2.5))   # ints meet a float: float32
        teachtensor.Tensor([ 1.      5.6569 15.5885], shape=(3,), dtype=float32)
    """
    return arithmetic.pow(*same_dtype(x1, x2))


def negative(x):
    """-x.

    Example::

        >>> print(keras.ops.negative(np.array([-1.5, 0.0, 2.0], "float32")))
        teachtensor.Tensor([ 1.5 -0.  -2. ], shape=(3,), dtype=float32)
    """
    return arithmetic.negative(_tensor(x))


def maximum(x1, x2):
    """The larger of x1 and x2, elementwise.

    Example::

        >>> print(keras.ops.maximum(np.array([1, 2, 3]), 2.5))   # ints meet a float: float32
        teachtensor.Tensor([2.5 2.5 3. ], shape=(3,), dtype=float32)
    """
    return arithmetic.maximum(*same_dtype(x1, x2))


def minimum(x1, x2):
    """The smaller of x1 and x2, elementwise.

    Example::

        >>> print(keras.ops.minimum(np.array([1, 2, 3]), 2.5))   # ints meet a float: float32
        teachtensor.Tensor([1.  2.  2.5], shape=(3,), dtype=float32)
    """
    return arithmetic.minimum(*same_dtype(x1, x2))


def clip(x, x_min, x_max):
    """x limited to [x_min, x_max]: ``maximum(minimum(x, x_max), x_min)``, so if
    x_min > x_max every value becomes x_min (as in Keras).

    Example::

        >>> print(keras.ops.clip(np.array([-2.0, 0.5, 3.0]), 0.0, 1.0))
        teachtensor.Tensor([0.  0.5 1. ], shape=(3,), dtype=float64)
    """
    x = _tensor(x)
    if x.dtype.is_bool:
        x = core.cast(x, "int32")
    return arithmetic.maximum(arithmetic.minimum(x, x_max), x_min)


def abs(x):  # noqa: A001  (NumPy's name)
    """|x|, elementwise.

    Example::

        >>> print(keras.ops.abs(np.array([-1.5, 0.0, 2.0], "float32")))
        teachtensor.Tensor([1.5 0.  2. ], shape=(3,), dtype=float32)
    """
    return functions.abs(_tensor(x))


absolute = abs


def square(x):
    """x², elementwise (bools become int32 first).

    Example::

        >>> print(keras.ops.square(np.array([-1.5, 0.0, 2.0], "float32")))
        teachtensor.Tensor([2.25 0.   4.  ], shape=(3,), dtype=float32)
    """
    x = _tensor(x)
    return functions.square(core.cast(x, "int32") if x.dtype.is_bool else x)


def sqrt(x):
    """√x, elementwise (integers become floats first).

    Example::

        >>> print(keras.ops.sqrt(np.array([1, 4, 9])))   # integers become float32
        teachtensor.Tensor([1. 2. 3.], shape=(3,), dtype=float32)
    """
    return functions.sqrt(floating(x))


def exp(x):
    """e^x, elementwise.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.ops.exp(np.array([-1.5, 0.0, 2.0], "float32")))
        teachtensor.Tensor([0.2231 1.     7.3891], shape=(3,), dtype=float32)
    """
    return functions.exp(floating(x))


def log(x):
    """The natural logarithm, elementwise.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.ops.log(np.array([1.0, 2.718282], "float32")))
        teachtensor.Tensor([0. 1.], shape=(2,), dtype=float32)
    """
    return functions.log(floating(x))


def tanh(x):
    """The hyperbolic tangent, elementwise.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.ops.tanh(np.array([-1.5, 0.0, 2.0], "float32")))
        teachtensor.Tensor([-0.9051  0.      0.964 ], shape=(3,), dtype=float32)
    """
    return functions.tanh(floating(x))


def sin(x):
    """The sine (of radians), elementwise.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.ops.sin(np.array([-1.5, 0.0, 2.0], "float32")))
        teachtensor.Tensor([-0.9975  0.      0.9093], shape=(3,), dtype=float32)
    """
    return functions.sin(floating(x))


def cos(x):
    """The cosine (of radians), elementwise.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.ops.cos(np.array([-1.5, 0.0, 2.0], "float32")))
        teachtensor.Tensor([ 0.0707  1.     -0.4161], shape=(3,), dtype=float32)
    """
    return functions.cos(floating(x))


def sign(x):
    """-1, 0 or 1: the sign of each element.

    Example::

        >>> print(keras.ops.sign(np.array([-1.5, 0.0, 2.0], "float32")))
        teachtensor.Tensor([-1.  0.  1.], shape=(3,), dtype=float32)
    """
    return functions.sign(_tensor(x))


def floor(x):
    """The largest integer <= x, elementwise (as floats).

    Example::

        >>> print(keras.ops.floor(np.array([-1.5, 0.0, 2.0], "float32")))
        teachtensor.Tensor([-2.  0.  2.], shape=(3,), dtype=float32)
    """
    return functions.floor(floating(x))


def round(x, decimals=0):  # noqa: A001
    """x rounded to ``decimals`` digits, halves to even (``round(2.5)`` is 2.0).

    Example::

        >>> print(keras.ops.round(np.array([-1.5, 0.0, 2.0], "float32")))
        teachtensor.Tensor([-2.  0.  2.], shape=(3,), dtype=float32)
    """
    x = floating(x)
    if decimals == 0:
        return functions.round(x)
    scale = 10.0 ** decimals
    return functions.round(x * scale) / scale


# ---- comparisons and logic ------------------------------------------------------------

def equal(x1, x2):
    """x1 == x2, elementwise (a bool tensor).

    Example::

        >>> print(keras.ops.equal(np.array([1, 2, 3]), 2.0))   # as float32s: 2 == 2.0
        teachtensor.Tensor([False  True False], shape=(3,), dtype=bool)
    """
    return arithmetic.equal(*same_dtype(x1, x2))


def not_equal(x1, x2):
    """x1 != x2, elementwise.

    Example::

        >>> print(keras.ops.not_equal(np.array([1, 2, 3]), 2.0))   # as float32s: 2 == 2.0
        teachtensor.Tensor([ True False  True], shape=(3,), dtype=bool)
    """
    return arithmetic.not_equal(*same_dtype(x1, x2))


def less(x1, x2):
    """x1 < x2, elementwise.

    Example::

        >>> print(keras.ops.less(np.array([1, 2, 3]), 2.5))   # compared as float32
        teachtensor.Tensor([ True  True False], shape=(3,), dtype=bool)
    """
    return arithmetic.less(*same_dtype(x1, x2))


def less_equal(x1, x2):
    """x1 <= x2, elementwise.

    Example::

        >>> print(keras.ops.less_equal(np.array([1, 2, 3]), 2.5))   # compared as float32
        teachtensor.Tensor([ True  True False], shape=(3,), dtype=bool)
    """
    return arithmetic.less_equal(*same_dtype(x1, x2))


def greater(x1, x2):
    """x1 > x2, elementwise.

    Example::

        >>> print(keras.ops.greater(np.array([1, 2, 3]), 2.5))   # compared as float32
        teachtensor.Tensor([False False  True], shape=(3,), dtype=bool)
    """
    return arithmetic.greater(*same_dtype(x1, x2))


def greater_equal(x1, x2):
    """x1 >= x2, elementwise.

    Example::

        >>> print(keras.ops.greater_equal(np.array([1, 2, 3]), 2.5))   # compared as float32
        teachtensor.Tensor([False False  True], shape=(3,), dtype=bool)
    """
    return arithmetic.greater_equal(*same_dtype(x1, x2))


def _as_bool(x):
    x = _tensor(x)
    return x if x.dtype.is_bool else core.cast(x, "bool")  # nonzero is True


def logical_and(x1, x2):
    """x1 and x2, elementwise (numbers count as True when nonzero).

    Example::

        >>> print(keras.ops.logical_and(np.array([True, True, False]),
        ...       np.array([True, False, False])))
        teachtensor.Tensor([ True False False], shape=(3,), dtype=bool)
    """
    return arithmetic.logical_and(_as_bool(x1), _as_bool(x2))


def logical_or(x1, x2):
    """x1 or x2, elementwise.

    Example::

        >>> print(keras.ops.logical_or(np.array([True, True, False]),
        ...       np.array([True, False, False])))
        teachtensor.Tensor([ True  True False], shape=(3,), dtype=bool)
    """
    return arithmetic.logical_or(_as_bool(x1), _as_bool(x2))


def logical_not(x):
    """not x, elementwise.

    Example::

        >>> print(keras.ops.logical_not(np.array([True, False])))
        teachtensor.Tensor([False  True], shape=(2,), dtype=bool)
    """
    return arithmetic.logical_not(_as_bool(x))


def where(condition, x1=None, x2=None):
    """x1 where ``condition`` is true, else x2.

    With only a condition: the indices of its true elements, as a list with one int32
    tensor per axis (``where([True, False, True])`` -> ``[[0, 2]]``), like NumPy's
    ``nonzero``.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(keras.ops.where(x > 2.0, x, 0))
        teachtensor.Tensor(
        [[0. 0.]
         [3. 4.]], shape=(2, 2), dtype=float32)
        >>> keras.ops.where(np.array([True, False, True]))   # no x, y: the indices (nonzero)
        [<teachtensor.Tensor: shape=(2,), dtype=int32, numpy=array([0, 2], dtype=int32)>]
    """
    if (x1 is None) != (x2 is None):
        raise ValueError("keras.ops.where takes both x1 and x2, or neither (then it "
                         "returns the indices where the condition is true)")
    condition = _as_bool(condition)
    if x1 is None:
        coordinates = core.where(condition)  # one row (i, j, ...) per true element
        return [core.cast(coordinates[:, axis], "int32") for axis in range(condition.ndim)]
    return core.where(condition, *same_dtype(x1, x2))


# ---- reductions ---------------------------------------------------------------------------

def sum(x, axis=None, keepdims=False):  # noqa: A001
    """The sum over ``axis`` (an int, a tuple, or None for all); bools and small
    integers are summed as int32.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(keras.ops.sum(x))                        # all the elements
        teachtensor.Tensor(10.0, shape=(), dtype=float32)
        >>> print(keras.ops.sum(x, axis=0))                # down each column
        teachtensor.Tensor([4. 6.], shape=(2,), dtype=float32)
        >>> print(keras.ops.sum(x, axis=1, keepdims=True).shape)
        (2, 1)
    """
    x = _tensor(x)
    if x.dtype.is_bool or (x.dtype.is_integer and x.dtype.as_numpy_dtype.itemsize < 4):
        x = core.cast(x, "int32")
    return core.reduce_sum(x, axis=axis, keepdims=keepdims)


def mean(x, axis=None, keepdims=False):
    """The mean over ``axis``; integers and bools give floats (``mean([True, False])``
    is 0.5: the fraction of True, handy for accuracies).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(keras.ops.mean(x))                        # all the elements
        teachtensor.Tensor(2.5, shape=(), dtype=float32)
        >>> print(keras.ops.mean(x, axis=0))                # down each column
        teachtensor.Tensor([2. 3.], shape=(2,), dtype=float32)
        >>> print(keras.ops.mean(x, axis=1, keepdims=True).shape)
        (2, 1)
    """
    return reductions.reduce_mean(floating(x), axis=axis, keepdims=keepdims)


def max(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    """The largest value over ``axis`` (at least ``initial``, when given).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(keras.ops.max(x))                        # all the elements
        teachtensor.Tensor(4.0, shape=(), dtype=float32)
        >>> print(keras.ops.max(x, axis=0))                # down each column
        teachtensor.Tensor([3. 4.], shape=(2,), dtype=float32)
        >>> print(keras.ops.max(x, axis=1, keepdims=True).shape)
        (2, 1)
    """
    x = _tensor(x)
    result = (reductions.reduce_any if x.dtype.is_bool else reductions.reduce_max)(
        x, axis=axis, keepdims=keepdims)
    return result if initial is None else maximum(result, initial)


def min(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    """The smallest value over ``axis`` (at most ``initial``, when given).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(keras.ops.min(x))                        # all the elements
        teachtensor.Tensor(1.0, shape=(), dtype=float32)
        >>> print(keras.ops.min(x, axis=0))                # down each column
        teachtensor.Tensor([1. 2.], shape=(2,), dtype=float32)
        >>> print(keras.ops.min(x, axis=1, keepdims=True).shape)
        (2, 1)
    """
    x = _tensor(x)
    result = (reductions.reduce_all if x.dtype.is_bool else reductions.reduce_min)(
        x, axis=axis, keepdims=keepdims)
    return result if initial is None else minimum(result, initial)


def prod(x, axis=None, keepdims=False, dtype=None):
    """The product over ``axis``.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(keras.ops.prod(x))                        # all the elements
        teachtensor.Tensor(24.0, shape=(), dtype=float32)
        >>> print(keras.ops.prod(x, axis=0))                # down each column
        teachtensor.Tensor([3. 8.], shape=(2,), dtype=float32)
        >>> print(keras.ops.prod(x, axis=1, keepdims=True).shape)
        (2, 1)
    """
    x = _tensor(x)
    if dtype is not None or x.dtype.is_bool:
        x = core.cast(x, dtype or "int32")
    return reductions.reduce_prod(x, axis=axis, keepdims=keepdims)


def std(x, axis=None, keepdims=False):
    """The standard deviation over ``axis`` (dividing by n, as NumPy does).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(keras.ops.std(x))                        # all the elements
        teachtensor.Tensor(1.118034, shape=(), dtype=float32)
        >>> print(keras.ops.std(x, axis=0))                # down each column
        teachtensor.Tensor([1. 1.], shape=(2,), dtype=float32)
        >>> print(keras.ops.std(x, axis=1, keepdims=True).shape)
        (2, 1)
    """
    return reductions.reduce_std(floating(x), axis=axis, keepdims=keepdims)


def var(x, axis=None, keepdims=False):
    """The variance over ``axis`` (dividing by n).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(keras.ops.var(x))                        # all the elements
        teachtensor.Tensor(1.25, shape=(), dtype=float32)
        >>> print(keras.ops.var(x, axis=0))                # down each column
        teachtensor.Tensor([1. 1.], shape=(2,), dtype=float32)
        >>> print(keras.ops.var(x, axis=1, keepdims=True).shape)
        (2, 1)
    """
    return reductions.reduce_variance(floating(x), axis=axis, keepdims=keepdims)


def _arg(which, x, axis, keepdims):
    x = _tensor(x)
    flat = axis is None
    if flat:  # NumPy's rule: the index into the flattened tensor
        shape, x, axis = x.shape, core.reshape(x, (-1,)), 0
    index = which(x, axis=axis, output_type=dtypes.int32)
    if keepdims:
        index = core.reshape(index, [1] * len(shape)) if flat else \
            shape_ops.expand_dims(index, axis)
    return index


def argmax(x, axis=None, keepdims=False):
    """The index of the largest value along ``axis`` (int32); with ``axis=None``, the
    index into the flattened tensor.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(keras.ops.argmax(x, axis=1))
        teachtensor.Tensor([1 1], shape=(2,), dtype=int32)
        >>> print(keras.ops.argmax(x))          # in the flattened tensor
        teachtensor.Tensor(3, shape=(), dtype=int32)
    """
    return _arg(selection.argmax, x, axis, keepdims)


def argmin(x, axis=None, keepdims=False):
    """The index of the smallest value along ``axis`` (int32).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(keras.ops.argmin(x, axis=1))
        teachtensor.Tensor([0 0], shape=(2,), dtype=int32)
        >>> print(keras.ops.argmin(x))          # in the flattened tensor
        teachtensor.Tensor(0, shape=(), dtype=int32)
    """
    return _arg(selection.argmin, x, axis, keepdims)


# ---- products -------------------------------------------------------------------------

def matmul(x1, x2):
    """The matrix product, as NumPy's ``matmul`` (``x1 @ x2``).

    Batched over leading axes; a 1-D operand is a vector (a row on the left, a column
    on the right), and its axis is removed from the result.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(keras.ops.matmul(x, x))
        teachtensor.Tensor(
        [[ 7. 10.]
         [15. 22.]], shape=(2, 2), dtype=float32)
        >>> print(keras.ops.matmul(x, np.ones(2, "float32")).shape)   # matrix @ vector
        (2,)
    """
    a, b = same_dtype(x1, x2)
    if a.ndim == 0 or b.ndim == 0:
        raise ValueError(f"matmul does not take scalars (shapes {a.shape} and {b.shape}); "
                         f"to scale a tensor use keras.ops.multiply")
    removed = []
    if a.ndim == 1:
        a, removed = shape_ops.expand_dims(a, 0), removed + [-2]
    if b.ndim == 1:
        b, removed = shape_ops.expand_dims(b, -1), removed + [-1]
    out = linalg.matmul(a, b)
    return shape_ops.squeeze(out, axis=removed) if removed else out


def dot(x1, x2):
    """NumPy's ``dot``: the inner product of vectors, the matrix product of matrices,
    a scalar times a tensor; for higher ranks, a sum over the last axis of x1 and the
    second-to-last of x2.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(keras.ops.dot(np.array([1.0, 2.0]), np.array([3.0, 4.0])))   # 1 * 3 + 2 * 4
        teachtensor.Tensor(11.0, shape=(), dtype=float64)
        >>> print(keras.ops.dot(x, 2.0))                  # with a number: a product
        teachtensor.Tensor(
        [[2. 4.]
         [6. 8.]], shape=(2, 2), dtype=float32)
    """
    a, b = same_dtype(x1, x2)
    if a.ndim == 0 or b.ndim == 0:
        return arithmetic.multiply(a, b)
    b_axis = 0 if b.ndim == 1 else b.ndim - 2
    return linalg.tensordot(a, b, axes=[[a.ndim - 1], [b_axis]])


def tensordot(x1, x2, axes=2):
    """The sum of products over ``axes`` (an int n: the last n of x1 and first n of x2;
    or two lists of axes).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(keras.ops.tensordot(x, x, axes=1))
        teachtensor.Tensor(
        [[ 7. 10.]
         [15. 22.]], shape=(2, 2), dtype=float32)
    """
    return linalg.tensordot(*same_dtype(x1, x2), axes=axes)


# ---- shapes ---------------------------------------------------------------------------------

def reshape(x, newshape):
    """The same values in a new shape (one entry may be -1).

    Example::

        >>> print(keras.ops.reshape(np.arange(6), (3, -1)))
        teachtensor.Tensor(
        [[0 1]
         [2 3]
         [4 5]], shape=(3, 2), dtype=int64)
    """
    return core.reshape(_tensor(x), newshape)


def transpose(x, axes=None):
    """The axes permuted (``axes=None``: reversed, so a matrix is transposed).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(keras.ops.transpose(x))
        teachtensor.Tensor(
        [[1. 3.]
         [2. 4.]], shape=(2, 2), dtype=float32)
        >>> print(keras.ops.transpose(np.ones((2, 3, 4)), axes=(2, 0, 1)).shape)
        (4, 2, 3)
    """
    return shape_ops.transpose(_tensor(x), perm=axes)


def expand_dims(x, axis):
    """A new axis of length 1 at ``axis``.

    Example::

        >>> print(keras.ops.expand_dims(np.array([1.0, 2.0]), axis=-1).shape)
        (2, 1)
    """
    return shape_ops.expand_dims(_tensor(x), axis)


def squeeze(x, axis=None):
    """The axes of length 1 removed (only ``axis``, when given).

    Example::

        >>> print(keras.ops.squeeze(np.ones((1, 3, 1))).shape)
        (3,)
    """
    return shape_ops.squeeze(_tensor(x), axis=axis)


def concatenate(xs, axis=0):
    """The tensors joined along an existing axis.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(keras.ops.concatenate([x, x], axis=1).shape)
        (2, 4)
        >>> print(keras.ops.concatenate([x, x]).shape)     # axis=0
        (4, 2)
    """
    return shape_ops.concat(same_dtype(*xs), axis=axis)


def stack(x, axis=0):
    """The tensors (of one shape) joined along a new axis.

    Example::

        >>> print(keras.ops.stack([np.ones(2), np.zeros(2)], axis=1))
        teachtensor.Tensor(
        [[1. 0.]
         [1. 0.]], shape=(2, 2), dtype=float64)
    """
    return shape_ops.stack(same_dtype(*x), axis=axis)


def tile(x, repeats):
    """x repeated ``repeats[i]`` times along axis i (an int repeats the last axis);
    shorter ``repeats`` count from the last axis, as in NumPy.

    Example::

        >>> print(keras.ops.tile(np.array([1, 2]), 2))
        teachtensor.Tensor([1 2 1 2], shape=(4,), dtype=int64)
    """
    x = _tensor(x)
    repeats = [int(repeats)] if isinstance(repeats, int) else [int(r) for r in repeats]
    if len(repeats) > x.ndim:
        x = core.reshape(x, [1] * (len(repeats) - x.ndim) + list(x.shape))
    repeats = [1] * (x.ndim - len(repeats)) + repeats
    return shape_ops.tile(x, repeats)


# ---- making tensors ----------------------------------------------------------------------

def ones(shape, dtype=None):
    """A tensor of ones (of floatx unless ``dtype`` says otherwise).

    Example::

        >>> print(keras.ops.ones(shape=(2, 3)))
        teachtensor.Tensor(
        [[1. 1. 1.]
         [1. 1. 1.]], shape=(2, 3), dtype=float32)
    """
    return creation.ones(shape, dtype=dtype or floatx())


def zeros(shape, dtype=None):
    """A tensor of zeros (of floatx unless ``dtype`` says otherwise).

    Example::

        >>> print(keras.ops.zeros((2, 1)))
        teachtensor.Tensor(
        [[0.]
         [0.]], shape=(2, 1), dtype=float32)
    """
    return creation.zeros(shape, dtype=dtype or floatx())


def full(shape, fill_value, dtype=None):
    """A tensor filled with ``fill_value`` (of floatx unless ``dtype`` says otherwise).

    Example::

        >>> print(keras.ops.full((2,), 7))
        teachtensor.Tensor([7. 7.], shape=(2,), dtype=float32)
    """
    return core.cast(creation.fill(core.shape_tuple(shape), fill_value), dtype or floatx())


def ones_like(x, dtype=None):
    """Ones, of the shape (and dtype, unless given) of x.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(keras.ops.ones_like(x))
        teachtensor.Tensor(
        [[1. 1.]
         [1. 1.]], shape=(2, 2), dtype=float32)
    """
    return creation.ones_like(_tensor(x), dtype=dtype)


def zeros_like(x, dtype=None):
    """Zeros, of the shape (and dtype, unless given) of x.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(keras.ops.zeros_like(x, dtype="int32"))
        teachtensor.Tensor(
        [[0 0]
         [0 0]], shape=(2, 2), dtype=int32)
    """
    return creation.zeros_like(_tensor(x), dtype=dtype)


def arange(start, stop=None, step=None, dtype=None):
    """[start, start + step, ...) below ``stop``, like Python's range; int32 for
    integers, floatx when any of the three is a float.

    Example::

        >>> print(keras.ops.arange(5))
        teachtensor.Tensor([0 1 2 3 4], shape=(5,), dtype=int32)
        >>> print(keras.ops.arange(0.0, 1.0, 0.25))
        teachtensor.Tensor([0.   0.25 0.5  0.75], shape=(4,), dtype=float32)
    """
    if stop is None:
        start, stop = 0, start
    step = 1 if step is None else step
    if dtype is None:
        dtype = floatx() if any(isinstance(v, float) for v in (start, stop, step)) \
            else "int32"
    return creation.range(start, stop, step, dtype=dtype)
