"""Activation functions, by name or as functions: ``Dense(32, activation="relu")``.

An activation is applied to each output of a layer.  Without one, a stack of Dense
layers is still one linear map (a product of matrices is a matrix); the non-linearity
is what lets a deep network bend its decision boundary.

``get`` turns what a user typed into a function: a name, a function (used as is), or
None (the identity, ``linear``).
"""
from ..ops import activations as _more
from ..ops.arithmetic import greater as _greater
from ..ops.creation import zeros_like as _zeros_like
from ..ops.functions import abs as _abs
from ..ops.functions import exp, sigmoid, softplus, tanh  # noqa: F401  (re-exported)
from ..ops.functions import relu as _relu
from ..ops.nn_ops import log_softmax as _log_softmax
from ..ops.nn_ops import relu6 as _relu6
from ..ops.nn_ops import softmax as _softmax
from ..ops.selection import clip_by_value as _clip, where as _where
from ..tensor import convert_to_tensor as _convert
from .suggestions import did_you_mean as _did_you_mean


def relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    """max(x, 0), with Keras 3's options: ``threshold`` (0 up to it, instead of up to 0),
    ``max_value`` (capped there) and ``negative_slope`` (below the threshold,
    ``negative_slope * (x - threshold)`` instead of 0).  Without options it is
    ``tf.nn.relu``.

    Example::

        >>> x = tf.constant([[-1.0, 0.5, 2.0, 7.0]])
        >>> print(keras.activations.relu(x))
        teachtensor.Tensor([[0.  0.5 2.  7. ]], shape=(1, 4), dtype=float32)
        >>> print(keras.activations.relu(x, negative_slope=0.1, max_value=5.0, threshold=1.0))
        teachtensor.Tensor([[-0.2  -0.05  2.    5.  ]], shape=(1, 4), dtype=float32)
    """
    if negative_slope == 0 and max_value is None and threshold == 0:
        return _relu(x)
    # Keras 3's ReLU.static_call, step by step
    x = _convert(x)
    if negative_slope != 0 and max_value is None and threshold == 0:
        return leaky_relu(x, negative_slope)
    negative_part = _relu(threshold - x) if negative_slope != 0 else None
    if threshold != 0:
        x = _where(_greater(x, threshold), x, _zeros_like(x))  # x above the threshold, else 0
    else:
        x = _relu(x)
    if max_value is not None:
        x = _clip(x, 0.0, max_value)
    if negative_part is not None:
        x = x - negative_slope * negative_part
    return x


def relu6(x):
    """min(max(x, 0), 6).

    Example::

        >>> print(keras.activations.relu6(tf.constant([[-1.0, 0.5, 7.0]])))
        teachtensor.Tensor([[0.  0.5 6. ]], shape=(1, 3), dtype=float32)
    """
    return _relu6(x)


def silu(x):
    """x * sigmoid(x) (also called swish): a smooth relu that dips below 0 near -1.3.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.activations.silu(tf.constant([[-1.0, 0.0, 2.0]])))
        teachtensor.Tensor([[-0.2689  0.      1.7616]], shape=(1, 3), dtype=float32)
    """
    return _more.silu(x)


swish = silu  # Keras 3's other name for it (serialized as "silu")


def mish(x):
    """x * tanh(softplus(x)).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.activations.mish(tf.constant([[-1.0, 0.0, 2.0]])))
        teachtensor.Tensor([[-0.3034  0.      1.944 ]], shape=(1, 3), dtype=float32)
    """
    return x * tanh(softplus(x))


def softsign(x):
    """x / (1 + |x|): like tanh, between -1 and 1, but approaching them slowly.

    Example::

        >>> print(keras.activations.softsign(tf.constant([[-4.0, 0.0, 1.0]])))
        teachtensor.Tensor([[-0.8  0.   0.5]], shape=(1, 3), dtype=float32)
    """
    x = _convert(x)
    return x / (1.0 + _abs(x))


def hard_sigmoid(x):
    """relu6(x + 3) / 6: a sigmoid made of three straight pieces (Keras 3's).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.activations.hard_sigmoid(tf.constant([[-4.0, 0.5, 2.0, 7.0]])))
        teachtensor.Tensor([[0.     0.5833 0.8333 1.    ]], shape=(1, 4), dtype=float32)
    """
    return _relu6(_convert(x) + 3.0) / 6.0


def log_sigmoid(x):
    """log(sigmoid(x)), computed without overflow: -softplus(-x).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.activations.log_sigmoid(tf.constant([[-4.0, 0.0, 2.0]])))
        teachtensor.Tensor([[-4.0181 -0.6931 -0.1269]], shape=(1, 3), dtype=float32)
    """
    return _more.log_sigmoid(x)


def log_softmax(x, axis=-1):
    """log(softmax(x)) along ``axis``, computed as x - logsumexp(x).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.activations.log_softmax(tf.constant([[-1.0, 0.0, 2.0]])))
        teachtensor.Tensor([[-3.1698 -2.1698 -0.1698]], shape=(1, 3), dtype=float32)
    """
    return _log_softmax(x, axis=axis)


def softmax(x, axis=-1):
    """Non-negative outputs that sum to 1 along ``axis``: a probability distribution.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.activations.softmax(tf.constant([[-1.0, 0.0, 2.0]])))
        teachtensor.Tensor([[0.042  0.1142 0.8438]], shape=(1, 3), dtype=float32)
    """
    return _softmax(x, axis=axis)


def linear(x):
    """The identity: ``activation=None`` means this.

    Example::

        >>> print(keras.activations.linear(tf.constant([[-1.0, 0.0, 2.0]])))
        teachtensor.Tensor([[-1.  0.  2.]], shape=(1, 3), dtype=float32)
    """
    return x


def exponential(x):
    """e^x.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.activations.exponential(tf.constant([[-1.0, 0.0, 2.0]])))
        teachtensor.Tensor([[0.3679 1.     7.3891]], shape=(1, 3), dtype=float32)
    """
    return exp(x)


def elu(x, alpha=1.0):
    """x for x >= 0, alpha (e^x - 1) below: smooth where relu has a corner.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.activations.elu(tf.constant([[-1.0, 0.0, 2.0]])))
        teachtensor.Tensor([[-0.6321  0.      2.    ]], shape=(1, 3), dtype=float32)
    """
    return _more.elu(x, alpha=alpha)


def selu(x):
    """scale * elu(x, alpha) with the constants that keep activations normalized.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.activations.selu(tf.constant([[-1.0, 0.0, 2.0]])))
        teachtensor.Tensor([[-1.1113  0.      2.1014]], shape=(1, 3), dtype=float32)
    """
    return _more.selu(x)


def gelu(x, approximate=False):
    """x Φ(x), Φ the standard normal distribution function (tanh form if ``approximate``).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.activations.gelu(tf.constant([[-1.0, 0.0, 2.0]])))
        teachtensor.Tensor([[-0.1587  0.      1.9545]], shape=(1, 3), dtype=float32)
    """
    return _more.gelu(x, approximate=approximate)


def leaky_relu(x, negative_slope=0.2):
    """x for x > 0, negative_slope * x otherwise (Keras 3's name for tf.nn's alpha).

    Example::

        >>> print(keras.activations.leaky_relu(tf.constant([[-1.0, 0.0, 2.0]])))
        teachtensor.Tensor([[-0.2  0.   2. ]], shape=(1, 3), dtype=float32)
    """
    return _more.leaky_relu(x, alpha=negative_slope)


_ACTIVATIONS = {
    "relu": relu,
    "sigmoid": sigmoid,
    "softmax": softmax,
    "tanh": tanh,
    "linear": linear,
    "softplus": softplus,
    "exponential": exponential,
    "elu": elu,
    "selu": selu,
    "gelu": gelu,
    "leaky_relu": leaky_relu,
    "relu6": relu6,
    "silu": silu,
    "swish": silu,
    "mish": mish,
    "softsign": softsign,
    "hard_sigmoid": hard_sigmoid,
    "log_sigmoid": log_sigmoid,
    "log_softmax": log_softmax,
}
# tf.nn's functions that are one of the above, saved under its name (Dense(activation=
# tf.nn.relu) saves as "relu", which Keras reads)
TF_FUNCTIONS = {"relu": _relu, "relu6": _relu6}


def get(identifier):
    """The activation function for ``identifier``: a name, a callable, or None (linear).

    Example::

        >>> print(keras.activations.get("relu")(tf.constant([-1.0, 1.0])))
        teachtensor.Tensor([0. 1.], shape=(2,), dtype=float32)
    """
    if identifier is None:
        return linear
    if isinstance(identifier, str):
        fn = _ACTIVATIONS.get(identifier.lower())
        if fn is None:
            raise ValueError(f"Unknown activation {identifier!r}. "
                             f"{_did_you_mean(identifier, _ACTIVATIONS)}Valid names: "
                             f"{', '.join(sorted(_ACTIVATIONS))} (or pass a function, "
                             f"e.g. activation=tf.nn.relu)")
        return fn
    if callable(identifier):
        return identifier
    raise TypeError(f"activation must be a name, a function or None, not "
                    f"{type(identifier).__name__} {identifier!r}")


def serialize(activation):
    """The name of an activation function (its ``__name__`` for your own functions).

    Example::

        >>> print(keras.activations.serialize(keras.activations.relu))
        relu
    """
    for table in (_ACTIVATIONS, TF_FUNCTIONS):
        for name, fn in table.items():
            if fn is activation:
                return name
    return getattr(activation, "__name__", repr(activation))
