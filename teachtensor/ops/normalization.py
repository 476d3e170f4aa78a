"""Mean and variance of activations, and normalizing with them: ``tf.nn.moments`` and
``tf.nn.batch_normalization`` (what a BatchNormalization layer computes).

    mean     = reduce_mean(x, axes)
    variance = reduce_mean((x - mean)^2, axes)
    y        = (x - mean) / sqrt(variance + epsilon) * scale + offset

Both are written with other operations, so their gradients come from those, with one
choice copied from TensorFlow: the variance treats the mean as a constant
(``stop_gradient``).  The first derivative is the same either way, since the
deviations x - mean sum to zero; the second derivatives are those of TensorFlow.
"""
from .core import reshape, stop_gradient
from .checks import normalize_axes
from .functions import _float_input, _numeric_input, rsqrt, square
from .reductions import reduce_mean


def moments(x, axes, shift=None, keepdims=False, name=None):
    """(mean, variance) of ``x`` over ``axes`` (a list of axes; variance divides by n).

    ``shift`` is accepted and ignored, as TensorFlow 2 does.  Integers give integer
    moments (``reduce_mean`` rounds toward zero), as in TensorFlow.

    Example::

        >>> x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        >>> mean, variance = tf.nn.moments(x, axes=[0])
        >>> print(mean)
        teachtensor.Tensor([2.5 3.5 4.5], shape=(3,), dtype=float32)
        >>> print(variance)
        teachtensor.Tensor([2.25 2.25 2.25], shape=(3,), dtype=float32)
    """
    x = _numeric_input("nn.moments", x)
    axes = normalize_axes(axes, x.ndim)
    if axes is None:  # axes=[]: the mean of each element alone is itself
        axes = ()
    mean = reduce_mean(x, axis=axes, keepdims=True) if axes else x
    variance = reduce_mean(square(x - stop_gradient(mean)), axis=axes, keepdims=True)
    if not keepdims and axes:
        kept = tuple(n for i, n in enumerate(x.shape) if i not in axes)
        mean, variance = reshape(mean, kept), reshape(variance, kept)
    return mean, variance


def batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None):
    """(x - mean) / sqrt(variance + variance_epsilon) * scale + offset, each broadcast
    against x; ``offset`` and ``scale`` may be None (0 and 1).

    Computed in TensorFlow's order: ``inv = rsqrt(variance + epsilon) * scale``, then
    ``x * inv + (offset - mean * inv)``.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> x = tf.constant([[1.0, 2.0], [3.0, 6.0]])
        >>> mean, variance = tf.nn.moments(x, axes=[0])
        >>> print(tf.nn.batch_normalization(x, mean, variance, None, None, 1e-3))
        teachtensor.Tensor(
        [[-0.9995 -0.9999]
         [ 0.9995  0.9999]], shape=(2, 2), dtype=float32)
    """
    x = _float_input("nn.batch_normalization", x)
    inv = rsqrt(variance + variance_epsilon)
    if scale is not None:
        inv = inv * scale
    return x * inv + (offset - mean * inv if offset is not None else -mean * inv)
