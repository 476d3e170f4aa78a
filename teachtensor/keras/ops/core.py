"""``keras.ops``'s core operations: converting, casting, shapes, and ``cond``."""
from ... import dtypes
from ...conversion import convert_to_tensor as _convert_to_tensor
from ...ops import core
from ...tensor import Tensor


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    """x (a number, list, NumPy array, tensor or Variable) as a Tensor.

    A Variable gives a Tensor of its current value.  Sparse and ragged tensors are out
    of scope in teachtensor: ``sparse=True`` / ``ragged=True`` raise
    NotImplementedError.

    Example::

        >>> print(keras.ops.convert_to_tensor([1.0, 2.0]))      # Python floats: floatx
        teachtensor.Tensor([1. 2.], shape=(2,), dtype=float32)
        >>> print(keras.ops.convert_to_tensor(np.arange(3)))    # NumPy keeps its dtype
        teachtensor.Tensor([0 1 2], shape=(3,), dtype=int64)
    """
    if sparse or ragged:
        raise NotImplementedError(f"keras.ops.convert_to_tensor(..., "
                                  f"{'sparse' if sparse else 'ragged'}=True): sparse and "
                                  f"ragged tensors are out of scope in teachtensor; leave "
                                  f"the argument out to get a regular (dense) tensor")
    if isinstance(x, Tensor) and dtype is not None:
        return core.cast(_convert_to_tensor(x), dtype)  # Keras converts dtypes here
    return _convert_to_tensor(x, dtype=dtype)


def cast(x, dtype):
    """x converted to ``dtype`` ("float32", "int32", ...; floats to ints truncate).

    Example::

        >>> print(keras.ops.cast(np.array([1.7, -0.3]), "int32"))
        teachtensor.Tensor([1 0], shape=(2,), dtype=int32)
    """
    x = x if isinstance(x, Tensor) else _convert_to_tensor(x)
    return core.cast(x, dtypes.as_dtype(dtype))


def shape(x):
    """The shape of x as a tuple of ints: ``shape(ones((2, 3)))`` is ``(2, 3)``.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(keras.ops.shape(x))
        (2, 2)
    """
    x = x if isinstance(x, Tensor) else _convert_to_tensor(x)
    return tuple(x.shape)


def stop_gradient(variable):
    """The same values, seen by a GradientTape as a constant: no gradient flows back.

    Example::

        >>> v = tf.Variable(2.0)
        >>> with tf.GradientTape() as tape:
        ...     y = v * keras.ops.stop_gradient(v)
        >>> print(tape.gradient(y, v))          # v, not 2 * v
        teachtensor.Tensor(2.0, shape=(), dtype=float32)
    """
    return core.stop_gradient(variable)


def cond(pred, true_fn, false_fn):
    """``true_fn()`` if ``pred`` is true, else ``false_fn()``.

    In a compiled graph both branches become part of the graph (``tf.cond``);
    teachtensor runs eagerly, so this is a Python ``if``: only the branch taken runs.

    Example::

        >>> print(keras.ops.cond(True, lambda: keras.ops.ones(2), lambda: keras.ops.zeros(2)))
        teachtensor.Tensor([1. 1.], shape=(2,), dtype=float32)
    """
    return true_fn() if bool(pred) else false_fn()
