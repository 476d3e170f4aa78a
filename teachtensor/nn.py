"""``tf.nn``: activation functions, losses on logits, and the pieces of layers: adding a
bias, dropout, moments and batch normalization."""
import numpy as np

from . import random as _random
from .errors import InvalidArgumentError as _InvalidArgumentError
from .ops.activations import elu, gelu, leaky_relu, selu, silu, swish  # noqa: F401
from .ops.core import cast as _cast, reshape as _reshape
from .ops.functions import relu, sigmoid, softplus, tanh  # noqa: F401
from .ops.nn_ops import (l2_loss, l2_normalize, log_softmax, relu6,  # noqa: F401
                         sigmoid_cross_entropy_with_logits, softmax,
                         softmax_cross_entropy_with_logits,
                         sparse_softmax_cross_entropy_with_logits)
from .ops.normalization import batch_normalization, moments  # noqa: F401
from .ops.sorting import top_k  # noqa: F401,E402  (tf.nn.top_k, its older name)
from .tensor import Tensor as _Tensor, convert_to_tensor as _convert


def bias_add(value, bias, data_format=None, name=None):
    """value + bias, the bias (a vector) added along the channels axis: the last one, or
    axis 1 for a ``data_format`` starting with "NC" ("NCHW", channels first).

    Unlike ``value + bias``, it insists that the bias is a vector of one number per
    channel, so that a wrong shape is an error rather than an unexpected broadcast.

    Example::

        >>> x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        >>> print(tf.nn.bias_add(x, [10.0, 20.0, 30.0]))
        teachtensor.Tensor(
        [[11. 22. 33.]
         [14. 25. 36.]], shape=(2, 3), dtype=float32)
    """
    value = _convert(value)
    bias = _convert(bias, dtype=value.dtype)
    if value.ndim < 2:
        raise _InvalidArgumentError(f"tf.nn.bias_add: the value must have rank 2 or more "
                                    f"(a batch axis and a channels axis), got shape "
                                    f"{value.shape}")
    if bias.ndim != 1:
        raise _InvalidArgumentError(f"tf.nn.bias_add: the bias must be a vector, one "
                                    f"number per channel, got shape {bias.shape}")
    if data_format is not None and not (
            isinstance(data_format, str) and data_format.startswith("N") and
            (data_format.startswith("NC") or data_format.endswith("C"))):
        raise ValueError(f"tf.nn.bias_add: data_format must be of the form N...C "
                         f"(channels last, e.g. 'NHWC') or NC... (channels first, e.g. "
                         f"'NCHW'), got {data_format!r}")
    channels_first = data_format is not None and data_format.startswith("NC")
    axis = 1 if channels_first else value.ndim - 1
    if bias.shape[0] != value.shape[axis]:
        raise _InvalidArgumentError(f"tf.nn.bias_add: {bias.shape[0]} biases for "
                                    f"{value.shape[axis]} channels (axis {axis} of the "
                                    f"value's shape {value.shape}); give one bias per channel")
    if channels_first:  # (C,) -> (C, 1, 1, ...): lined up with axis 1
        bias = _reshape(bias, (bias.shape[0],) + (1,) * (value.ndim - 2))
    return value + bias


def dropout(x, rate, noise_shape=None, seed=None, name=None):
    """Zero each element with probability ``rate``, and scale the others by
    1 / (1 - rate) so that the expected value of each element is unchanged.

    ``noise_shape`` (broadcast against x's shape) drops whole slices together, e.g.
    ``(batch, 1)`` keeps or drops each row as a whole.  ``rate=0`` returns x itself.
    The mask is drawn on x's device: keep where uniform(0, 1) >= rate.  (This is
    ``layers.Dropout`` without the layer: it always drops, training or not.)

    Example::

        >>> tf.random.set_seed(0)
        >>> print(tf.nn.dropout(tf.ones((2, 4)), rate=0.5))   # about half of them 0
        teachtensor.Tensor(
        [[2. 0. 0. 0.]
         [2. 2. 2. 2.]], shape=(2, 4), dtype=float32)
    """
    x = _convert(x)
    if not x.dtype.is_floating:
        raise ValueError(f"tf.nn.dropout scales x, so x must be a float tensor; got "
                         f"{x.dtype.name}. Cast it first: tf.cast(x, tf.float32)")
    if isinstance(rate, _Tensor):
        rate = float(rate)
    if not 0 <= rate < 1:
        raise ValueError(f"tf.nn.dropout: rate must be in [0, 1) (the fraction dropped), "
                         f"got {rate!r}")
    if rate == 0:
        return x
    shape = x._data.shape if noise_shape is None else _noise_shape(noise_shape, x)
    backend = x._backend
    generator = _random.generator(seed, backend, ("dropout", x.dtype.name))
    draws = _Tensor(backend.random(generator, "uniform", shape, x._data.dtype), backend)
    keep = _cast(draws >= rate, x.dtype)
    return x * (1 / (1 - rate)) * keep


def _noise_shape(noise_shape, x):
    """``noise_shape`` with each None filled from x's shape, checked to broadcast
    against x before anything is drawn."""
    if isinstance(noise_shape, _Tensor):
        noise_shape = noise_shape.numpy().tolist()
    given = list(noise_shape)
    if len(given) == x.ndim:
        given = [x.shape[i] if n is None else n for i, n in enumerate(given)]
    shape = tuple(int(n) for n in given) if None not in given else None
    try:
        fits = shape is not None and np.broadcast_shapes(shape, x.shape) == tuple(x.shape)
    except ValueError:
        fits = False
    if not fits:
        raise ValueError(f"tf.nn.dropout: noise_shape {list(noise_shape)} does not broadcast "
                         f"against x's shape {x.shape}: line it up with x's axes, each "
                         f"length x's or 1 (1 drops whole slices together)")
    return shape
