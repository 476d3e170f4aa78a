"""The operations every gradient is made of: reshape, broadcast_to, reduce_sum, where,
cast, stop_gradient, identity, and ``unbroadcast``.

They sit at the bottom of ``ops/`` because the gradients of the other operations use
them (a gradient is computed with operations, so that it can be differentiated again),
and because their own gradients use only each other:

    reshape       <->  reshape back              broadcast_to  ->  unbroadcast (a sum)
    reduce_sum    ->   broadcast back            where         ->  where (0 elsewhere)
    cast          ->   cast back

Every module of ``ops/`` may import this one; it imports none of them but ``checks.py``.
"""
from math import prod

import numpy as np

from .. import dtypes
from ..errors import InvalidArgumentError
from ..recording import record
from ..tensor import Tensor, convert_to_tensor, operands
from .checks import keepdims_flag, normalize_axes, numeric


def shape_tuple(shape):
    """A shape as a tuple of ints (None, meaning 'unknown', becomes -1). A size that is
    not a whole number (``(2.0, 3)``, ``"3"``) is refused, by name."""
    if type(shape) is tuple:  # the usual case, checked with a plain loop (all() of a
        for s in shape:       # generator would cost more than the rest of the call)
            if type(s) is not int:
                break
        else:
            return shape
    if isinstance(shape, Tensor):
        shape = shape.numpy().tolist()
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
        return (int(shape),)
    if isinstance(shape, (str, bytes, float, bool)) or not hasattr(shape, "__iter__"):
        raise TypeError(f"a shape is a tuple of whole numbers, e.g. (2, 3), or one whole "
                        f"number; got {type(shape).__name__} {shape!r}")
    sizes = []
    for s in shape:
        if s is None:
            sizes.append(-1)
        elif isinstance(s, (int, np.integer)) and not isinstance(s, (bool, np.bool_)):
            sizes.append(int(s))
        elif isinstance(s, Tensor) and s.dtype.is_integer and s.ndim == 0:
            sizes.append(int(s))
        else:
            raise TypeError(f"the shape {tuple(shape)!r} has the size {s!r} "
                            f"({type(s).__name__}); each size must be a whole number, "
                            f"e.g. (2, 3), or None for 'any'")
    return tuple(sizes)


def unchanged(x):
    """What an operation that changes nothing returns: x itself, but for a Variable a
    tensor of its current value, which a later assign does not change (as in TF)."""
    return identity(x) if x._is_variable else x


def reshape(tensor, shape, name=None):
    """The same values in a new shape (one entry may be -1: "whatever fits").

    Example::

        >>> print(tf.reshape(tf.range(6), (3, -1)))
        teachtensor.Tensor(
        [[0 1]
         [2 3]
         [4 5]], shape=(3, 2), dtype=int32)
    """
    x = convert_to_tensor(tensor)
    shape = shape_tuple(shape)
    size = x._data.size
    known = prod(shape)
    if known < 0:  # one -1 makes the product negative
        known = -known
        fits = shape.count(-1) == 1 and known != 0 and size % known == 0
        shape = tuple(size // known if s == -1 else s for s in shape) if fits else shape
    else:
        fits = known == size
    if not fits:
        raise InvalidArgumentError(f"cannot reshape a tensor of shape {x.shape} ({size} elements) "
                                   f"into shape {shape}: the number of elements must stay the same "
                                   f"(at most one -1 may stand for 'whatever fits')")
    in_shape = x._data.shape
    return record("reshape", (x,), x._backend.reshape(x._lend(), shape),
                  lambda g: reshape(g, in_shape))


def broadcast_to(input, shape, name=None):  # noqa: A002
    """The values repeated along new or length-1 axes to fill ``shape``.

    Example::

        >>> print(tf.broadcast_to(tf.constant([1.0, 2.0]), (3, 2)))
        teachtensor.Tensor(
        [[1. 2.]
         [1. 2.]
         [1. 2.]], shape=(3, 2), dtype=float32)
    """
    x = convert_to_tensor(input)
    shape = shape_tuple(shape)
    if x._data.shape == shape:
        return unchanged(x)
    fits = len(shape) >= x.ndim and all(
        n == m or n == 1 for n, m in zip(reversed(x._data.shape), reversed(shape)))
    if not fits:
        raise InvalidArgumentError(f"cannot broadcast a tensor of shape {x.shape} to shape "
                                   f"{shape}: lengths must match or be 1, lining the shapes up "
                                   f"from the right")
    in_shape = x._data.shape
    return record("broadcast_to", (x,), x._backend.broadcast_to(x._lend(), shape),
                  lambda g: unbroadcast(g, in_shape))


def unbroadcast(grad, target):
    """Sum ``grad`` over the axes that broadcasting stretched, giving it the shape of
    ``target`` (the input whose gradient this is, or that shape itself).

    If ``x`` of shape (3,) was added to ``y`` of shape (2, 3), each x[j] contributed to
    two outputs, so its gradient is the sum of those two gradients: sum over axis 0.
    This is the one rule that makes broadcasting differentiable.
    """
    shape = target._data.shape if isinstance(target, Tensor) else tuple(target)
    grad_shape = grad._data.shape
    if grad_shape == shape:
        return grad
    extra = len(grad_shape) - len(shape)
    if extra > 0 and grad_shape[extra:] == shape:  # a bias row: sum the new leading axes
        return reduce_sum(grad, axis=tuple(range(extra)))
    axes = tuple(range(extra)) + tuple(
        extra + i for i, n in enumerate(shape) if n == 1 and grad_shape[extra + i] != 1)
    return reshape(reduce_sum(grad, axis=axes, keepdims=True), shape)


def stretch(grad, x_shape, axes, keepdims):
    """The gradient of a reduction's output, broadcast back over the reduced ``axes``
    to the input's shape: each input element receives the gradient of the output
    element it fed."""
    if not keepdims and grad._data.ndim:  # a 0-d gradient broadcasts as it is
        grad = reshape(grad, tuple(1 if i in axes else n for i, n in enumerate(x_shape)))
    return broadcast_to(grad, x_shape)


def reduce_sum(input_tensor, axis=None, keepdims=False, name=None):
    """Sum over ``axis``.   d/dx_i = 1 for every element that was summed.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.reduce_sum(x))                        # all the elements
        teachtensor.Tensor(10.0, shape=(), dtype=float32)
        >>> print(tf.reduce_sum(x, axis=0))                # down each column
        teachtensor.Tensor([4. 6.], shape=(2,), dtype=float32)
        >>> print(tf.reduce_sum(x, axis=1, keepdims=True).shape)
        (2, 1)
    """
    x = convert_to_tensor(input_tensor)
    if x._data.dtype.kind == "b":
        numeric("reduce_sum", x)  # refuses bools, with a message
    if keepdims is not False and keepdims is not True:
        keepdims = keepdims_flag(keepdims)
    axes = normalize_axes(axis, x.ndim)
    if axes is None:  # tf.reduce_sum(x, axis=[]): nothing to sum
        return unchanged(x)
    x_shape = x._data.shape
    return record("reduce_sum", (x,), x._backend.reduce("sum", x._data, axes, keepdims),
                  lambda g: stretch(g, x_shape, axes, keepdims))


def where(condition, x=None, y=None, name=None):
    """x where ``condition`` is true, else y (all three broadcast together).

    The gradient flows to x where the condition holds and to y elsewhere.  With only a
    condition, returns the coordinates of its true elements (an int64 tensor).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.where(x > 2.0, x, tf.zeros_like(x)))
        teachtensor.Tensor(
        [[0. 0.]
         [3. 4.]], shape=(2, 2), dtype=float32)
    """
    condition = convert_to_tensor(condition, dtype=dtypes.bool)
    backend = condition._backend
    if x is None and y is None:
        return Tensor(backend.nonzero(condition._data), backend)
    if x is None or y is None:
        raise ValueError("tf.where takes both x and y (the values where the condition is "
                         "true and where it is false), or neither (then it gives the "
                         "indices where it is true); here one of them is missing")
    x, y = operands(x, y, "where")
    if x._backend is not backend and x._backend.device != backend.device:
        raise InvalidArgumentError(f"tf.where: the condition is on {condition.device}, the values "
                                   f"on {x.device}; move one of them first")
    try:
        out = backend.where(condition._data, x._data, y._data)
    except ValueError:  # NumPy's "operands could not be broadcast together"
        raise InvalidArgumentError(
            f"tf.where: the shapes of the condition {condition.shape}, x {x.shape} and y "
            f"{y.shape} do not broadcast together (lined up from the right, each length "
            f"must be equal or 1). Reshape one of them (tf.reshape, tf.expand_dims)."
        ) from None
    return record("where", (x, y), out,
                  lambda g: unbroadcast(where(condition, g, 0), x),
                  lambda g: unbroadcast(where(condition, 0, g), y))


def cast(x, dtype, name=None):
    """x converted to ``dtype``.  Float to float passes gradients (cast back).

    Example::

        >>> print(tf.cast(tf.constant([1.7, -0.3]), tf.int32))
        teachtensor.Tensor([1 0], shape=(2,), dtype=int32)
    """
    dtype = dtypes.as_dtype(dtype)
    dtypes.check_supported(dtype.as_numpy_dtype)
    if not isinstance(x, Tensor):
        x = convert_to_tensor(x)
    if x._data.dtype == dtype.as_numpy_dtype:
        return x
    out = x._backend.cast(x._data, dtype.as_numpy_dtype)
    differentiable = x._differentiable and dtype.is_floating
    return record("cast", (x,), out,
                  (lambda g: cast(g, x.dtype)) if differentiable else None)


def stop_gradient(x, name=None):
    """x itself, but tapes see a constant: no gradient flows through.

    Example::

        >>> v = tf.Variable(2.0)
        >>> with tf.GradientTape() as tape:
        ...     y = v * tf.stop_gradient(v)     # the second factor is treated as a constant
        >>> print(tape.gradient(y, v))          # v, not 2 * v
        teachtensor.Tensor(2.0, shape=(), dtype=float32)
    """
    x = convert_to_tensor(x)
    return record("stop_gradient", (x,), x._lend(), None)


def identity(x, name=None):
    """A new tensor with the same values; the gradient passes unchanged."""
    x = convert_to_tensor(x)
    return record("identity", (x,), x._lend(), lambda g: g)
