"""Reductions: reduce_mean, reduce_max, reduce_min, reduce_prod, reduce_all/any (and
reduce_variance / reduce_std / reduce_logsumexp, built from them); reduce_sum, which
every gradient needs, is in ``core.py`` and exported from here too.

A reduction collapses ``axis`` (an int, a tuple, or None for all axes).  Going
backwards, each input element receives the gradient of the output element it fed,
so the gradient is the output gradient *stretched back* over the reduced axes
(``core.stretch``): reshaped with those axes kept as size 1, then broadcast to the
input's shape.
"""
from math import prod

import numpy as np

from ..recording import record
from ..tensor import Tensor, _constant, convert_to_tensor
from .checks import boolean, keepdims_flag, normalize_axes, numeric
from .core import cast, reduce_sum, reshape, stop_gradient, unchanged, where  # noqa: F401
from .core import stretch as _stretch
from .functions import _float_input, abs, exp, log, sqrt


def _reduce(op, x, axis, keepdims, name=None):
    x = convert_to_tensor(x)
    if x._data.dtype.kind == "b":
        numeric(name or "reduce_" + op, x)  # refuses bools, with a message
    if keepdims is not False and keepdims is not True:
        keepdims = keepdims_flag(keepdims)
    axes = normalize_axes(axis, x.ndim)
    if axes is None:  # axis=[]: nothing to reduce
        return unchanged(x), None, None
    return x, axes, x._backend.reduce(op, x._data, axes, keepdims)


def reduce_mean(input_tensor, axis=None, keepdims=False, name=None):
    """Mean over ``axis``: the sum divided by n, the number of elements averaged.

    d/dx_i = 1/n for each of them.  (Integer tensors get an integer mean, as in
    TensorFlow.)

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.reduce_mean(x))                        # all the elements
        teachtensor.Tensor(2.5, shape=(), dtype=float32)
        >>> print(tf.reduce_mean(x, axis=0))                # down each column
        teachtensor.Tensor([2. 3.], shape=(2,), dtype=float32)
        >>> print(tf.reduce_mean(x, axis=1, keepdims=True).shape)
        (2, 1)
    """
    if not isinstance(input_tensor, Tensor) or input_tensor._data.dtype.kind in "iu":
        input_tensor = convert_to_tensor(input_tensor)
        if input_tensor._data.dtype.kind in "iu":
            return _integer_mean(input_tensor, axis, keepdims)
    x, axes, total = _reduce("sum", input_tensor, axis, keepdims, "reduce_mean")
    if axes is None:
        return x
    shape = x._data.shape
    count = x._data.size if len(axes) == len(shape) else prod(shape[a] for a in axes)
    backend = x._backend
    out = backend.binary("divide", total, _constant(count, x)._data)
    return record("reduce_mean", (x,), out,
                  lambda g: _spread_mean(g, shape, axes, keepdims, count))


def _integer_mean(x, axis, keepdims):
    """The mean of integers as TensorFlow computes it: summed in 64 bits (so uint8 pixels
    do not wrap around: mean([100, 200]) is 150), divided with truncation toward zero
    (mean([-1, -2]) is -1), and returned in the input's dtype.  Not differentiable."""
    if keepdims is not False and keepdims is not True:
        keepdims = keepdims_flag(keepdims)
    axes = normalize_axes(axis, x.ndim)
    if axes is None:
        return unchanged(x)
    backend = x._backend
    wide = np.uint64 if x._data.dtype.kind == "u" else np.int64
    total = backend.reduce("sum", backend.cast(x._data, wide), axes, keepdims)
    count = backend.full((), max(prod(x._data.shape[a] for a in axes), 1), wide)
    magnitude = backend.binary("floordiv", backend.unary("abs", total), count)
    negative = backend.compare("less", total, backend.full((), 0, wide))
    quotient = backend.where(negative, backend.unary("negative", magnitude), magnitude)
    return record("reduce_mean", (x,), backend.cast(quotient, x._data.dtype), None)


def _spread_mean(grad, x_shape, axes, keepdims, count):
    """The gradient of reduce_mean: each of the ``count`` averaged elements gets
    grad / count (divided first, then broadcast back over the reduced axes).

    Spreading and averaging are each other's transposes, so the gradient of this
    operation is reduce_mean again: second derivatives through a mean work.
    """
    backend = grad._backend
    g = grad._data
    if not keepdims and g.ndim:
        g = backend.reshape(g, tuple(1 if i in axes else n for i, n in enumerate(x_shape)))
    share = backend.binary("divide", g, _constant(count, grad)._data)
    return record("spread_mean", (grad,), backend.broadcast_to(share, x_shape),
                  lambda gg: reduce_mean(gg, axes, keepdims))


def _extreme(op, x, axis, keepdims):
    """reduce_max / reduce_min: the gradient is shared equally by the tied winners."""
    x, axes, out = _reduce(op, x, axis, keepdims)
    if axes is None:
        return x
    def grad(g):
        winners = cast(x == stop_gradient(_stretch(y, x.shape, axes, keepdims)), x.dtype)
        share = winners / _stretch(reduce_sum(winners, axes, keepdims=keepdims),
                                   x.shape, axes, keepdims)
        return share * _stretch(g, x.shape, axes, keepdims)

    y = record("reduce_" + op, (x,), out, grad)  # grad reads y when it runs, later
    return y


def reduce_max(input_tensor, axis=None, keepdims=False, name=None):
    """Largest value over ``axis``.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.reduce_max(x))                        # all the elements
        teachtensor.Tensor(4.0, shape=(), dtype=float32)
        >>> print(tf.reduce_max(x, axis=0))                # down each column
        teachtensor.Tensor([3. 4.], shape=(2,), dtype=float32)
        >>> print(tf.reduce_max(x, axis=1, keepdims=True).shape)
        (2, 1)
    """
    return _extreme("max", input_tensor, axis, keepdims)


def reduce_min(input_tensor, axis=None, keepdims=False, name=None):
    """Smallest value over ``axis``.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.reduce_min(x))                        # all the elements
        teachtensor.Tensor(1.0, shape=(), dtype=float32)
        >>> print(tf.reduce_min(x, axis=0))                # down each column
        teachtensor.Tensor([1. 2.], shape=(2,), dtype=float32)
        >>> print(tf.reduce_min(x, axis=1, keepdims=True).shape)
        (2, 1)
    """
    return _extreme("min", input_tensor, axis, keepdims)


def reduce_prod(input_tensor, axis=None, keepdims=False, name=None):
    """Product over ``axis``.   d/dx_i = product of all the *other* elements.

    Written as ``prod / x_i`` where x_i != 0; where x_i == 0 the product of the others
    is computed directly by replacing that zero with 1 (exact for a single zero; with two
    or more zeros in one product every gradient is 0, and so is this).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.reduce_prod(x))                        # all the elements
        teachtensor.Tensor(24.0, shape=(), dtype=float32)
        >>> print(tf.reduce_prod(x, axis=0))                # down each column
        teachtensor.Tensor([3. 8.], shape=(2,), dtype=float32)
        >>> print(tf.reduce_prod(x, axis=1, keepdims=True).shape)
        (2, 1)
    """
    x, axes, out = _reduce("prod", input_tensor, axis, keepdims)
    if axes is None:
        return x

    def grad(g):
        is_zero = x == 0
        safe = where(is_zero, 1, x)
        others = _stretch(reduce_prod(safe, axes, keepdims), x.shape, axes, keepdims)
        zeros = _stretch(reduce_sum(cast(is_zero, x.dtype), axes, keepdims),
                         x.shape, axes, keepdims)
        # No zero: prod / x.  This x the only zero: product of the others.  More: 0.
        other_product = where(is_zero, where(zeros == 1, others, 0),
                              where(zeros == 0, others / safe, 0))
        return _stretch(g, x.shape, axes, keepdims) * other_product

    return record("reduce_prod", (x,), out, grad)


def reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    """Variance over ``axis``: mean((x - mean(x))^2), dividing by n (not n - 1), as
    ``tf.math.reduce_variance`` and ``np.var`` do.  Built from differentiable ops.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.math.reduce_variance(x))                        # all the elements
        teachtensor.Tensor(1.25, shape=(), dtype=float32)
        >>> print(tf.math.reduce_variance(x, axis=0))                # down each column
        teachtensor.Tensor([1. 1.], shape=(2,), dtype=float32)
        >>> print(tf.math.reduce_variance(x, axis=1, keepdims=True).shape)
        (2, 1)
    """
    x = convert_to_tensor(input_tensor)
    if x._data.dtype.kind != "f":
        raise TypeError(f"reduce_variance needs a floating-point tensor, got dtype "
                        f"{x.dtype.name}; convert it first with tf.cast(x, tf.float32)")
    centred = x - reduce_mean(x, axis, keepdims=True)
    return reduce_mean(centred * centred, axis, keepdims)


def reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    """Standard deviation over ``axis``: sqrt(reduce_variance(x, axis)).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.math.reduce_std(x))                        # all the elements
        teachtensor.Tensor(1.118034, shape=(), dtype=float32)
        >>> print(tf.math.reduce_std(x, axis=0))                # down each column
        teachtensor.Tensor([1. 1.], shape=(2,), dtype=float32)
        >>> print(tf.math.reduce_std(x, axis=1, keepdims=True).shape)
        (2, 1)
    """
    return sqrt(reduce_variance(input_tensor, axis, keepdims))


def reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None):
    """log(sum(exp(x))) over ``axis``, computed stably as m + log(sum(exp(x - m))) with
    m the maximum (held constant: the result does not depend on m; where the maximum
    is infinite, m = 0 so that -inf - -inf does not make a NaN).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(round(float(tf.math.reduce_logsumexp(x)), 4))      # all the elements
        4.4402
        >>> print(tf.math.reduce_logsumexp(x, axis=0))                # down each column
        teachtensor.Tensor([3.1269 4.1269], shape=(2,), dtype=float32)
        >>> print(tf.math.reduce_logsumexp(x, axis=1, keepdims=True).shape)
        (2, 1)
    """
    x = _float_input("math.reduce_logsumexp", input_tensor)
    if keepdims is not False and keepdims is not True:
        keepdims = keepdims_flag(keepdims)
    axes = normalize_axes(axis, x.ndim)
    if axes is None:
        return unchanged(x)
    m = stop_gradient(reduce_max(x, axes, keepdims=True))
    m = where(abs(m) < float("inf"), m, 0)
    out = log(reduce_sum(exp(x - m), axes, keepdims=True)) + m
    if keepdims:
        return out
    return reshape(out, tuple(n for i, n in enumerate(x.shape) if i not in axes))


def reduce_all(input_tensor, axis=None, keepdims=False, name=None):
    """True where every element along ``axis`` is true (for bool tensors).

    Example::

        >>> print(tf.reduce_all(tf.constant([True, False])))
        teachtensor.Tensor(False, shape=(), dtype=bool)
    """
    x = convert_to_tensor(input_tensor)
    boolean("reduce_all", x)
    return reduce_min(cast(x, "int32"), axis, keepdims) == 1


def reduce_any(input_tensor, axis=None, keepdims=False, name=None):
    """True where some element along ``axis`` is true (for bool tensors).

    Example::

        >>> print(tf.reduce_any(tf.constant([True, False])))
        teachtensor.Tensor(True, shape=(), dtype=bool)
    """
    x = convert_to_tensor(input_tensor)
    boolean("reduce_any", x)
    return reduce_max(cast(x, "int32"), axis, keepdims) == 1
