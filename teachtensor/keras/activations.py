"""Activation functions, by name or as functions: ``Dense(32, activation="relu")``.

An activation is applied to each output of a layer.  Without one, a stack of Dense
layers is still one linear map (a product of matrices is a matrix); the non-linearity
is what lets a deep network bend its decision boundary.

``get`` turns what a user typed into a function: a name, a function (used as is), or
None (the identity, ``linear``).
"""
from ..ops import activations as _more
from ..ops.functions import exp, relu, sigmoid, softplus, tanh  # noqa: F401  (re-exported)
from ..ops.nn_ops import softmax as _softmax
from .suggestions import did_you_mean as _did_you_mean


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
}


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
    for name, fn in _ACTIVATIONS.items():
        if fn is activation:
            return name
    return getattr(activation, "__name__", repr(activation))
