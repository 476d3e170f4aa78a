"""Regularizers: a penalty on the size of the weights (or of a layer's outputs), added
to the loss that training minimizes.

A big weight lets a network fit the noise of its training data.  Adding a cost for
large weights to the loss makes the optimizer trade a little fit for smaller weights,
which usually generalizes better (chapter 5, "adding weight regularization")::

    L1(l1)        penalty = l1 * sum(|w|)      pushes weights to exactly 0
    L2(l2)        penalty = l2 * sum(w ** 2)   "weight decay": shrinks every weight
    L1L2(l1, l2)  both

A layer takes them as ``kernel_regularizer=``, ``bias_regularizer=`` (a penalty on
that weight) and ``activity_regularizer=`` (a penalty on the layer's output, divided by
the batch size, so its weight does not change with the batch size).  ``layer.losses``
lists the penalties; ``fit`` and ``evaluate`` add them to the compiled loss, so the
logged ``loss`` includes them (``models/trainer.py``, ``compute_loss``).

A regularizer is any function of a tensor returning a scalar: these classes, or a
function of your own, ``lambda w: 0.01 * tf.reduce_sum(tf.abs(w))``.
"""
import numbers

from ..ops.functions import abs as absolute, square
from ..ops.reductions import reduce_sum
from ..tensor import convert_to_tensor


class Regularizer:
    """Base class: ``regularizer(x)`` returns a scalar penalty (here 0).

    Example::

        >>> class Orthogonality(keras.regularizers.Regularizer):
        ...     def __init__(self, factor=0.01):
        ...         self.factor = factor
        ...
        ...     def __call__(self, w):
        ...         gram = tf.matmul(w, w, transpose_a=True)
        ...         return self.factor * tf.reduce_sum(tf.square(gram - tf.eye(gram.shape[0])))
        ...
        ...     def get_config(self):
        ...         return {"factor": self.factor}

        >>> layer = layers.Dense(2, kernel_initializer="ones",
        ...                      kernel_regularizer=Orthogonality())
        >>> outputs = layer(tf.ones((1, 3)))
        >>> print(layer.losses)        # 0.01 * the sum of (W.T @ W - I) ** 2
        [<teachtensor.Tensor: shape=(), dtype=float32, numpy=0.26>]
    """

    def __call__(self, x):
        return _zero_like(x)

    def get_config(self):
        raise NotImplementedError(f"{type(self).__name__} does not implement get_config(); "
                                  f"write one returning its constructor's arguments")

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        try:
            config = self.get_config()
        except NotImplementedError:
            config = {}
        arguments = ", ".join(f"{k}={v!r}" for k, v in config.items())
        return f"{type(self).__name__}({arguments})"


class L1(Regularizer):
    """``l1 * sum(|x|)``; ``L1()`` and the string ``"l1"`` use l1=0.01.

    Example::

        >>> print(keras.regularizers.L1(0.1)(tf.constant([[1.0, -2.0]])))   # 0.1 * sum(|w|)
        teachtensor.Tensor(0.3, shape=(), dtype=float32)
    """

    def __init__(self, l1=0.01):
        self.l1 = _factor("l1", 0.01 if l1 is None else l1)

    def __call__(self, x):
        return self.l1 * reduce_sum(absolute(x))

    def get_config(self):
        return {"l1": self.l1}


class L2(Regularizer):
    """``l2 * sum(x ** 2)``; ``L2()`` and the string ``"l2"`` use l2=0.01.

    Example::

        >>> print(keras.regularizers.L2(0.1)(tf.constant([[1.0, -2.0]])))   # 0.1 * sum(w ** 2)
        teachtensor.Tensor(0.5, shape=(), dtype=float32)
    """

    def __init__(self, l2=0.01):
        self.l2 = _factor("l2", 0.01 if l2 is None else l2)

    def __call__(self, x):
        return self.l2 * reduce_sum(square(x))

    def get_config(self):
        return {"l2": self.l2}


class L1L2(Regularizer):
    """``l1 * sum(|x|) + l2 * sum(x ** 2)``; both factors default to 0 (as in Keras 3,
    where ``l1_l2`` is this class); the string ``"l1_l2"`` means l1=l2=0.01.

    Example::

        >>> w = tf.constant([[1.0, -2.0]])
        >>> print(keras.regularizers.L1L2(l1=0.1, l2=0.1)(w))   # 0.1 * 3 + 0.1 * 5
        teachtensor.Tensor(0.8, shape=(), dtype=float32)
    """

    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = _factor("l1", 0.0 if l1 is None else l1)
        self.l2 = _factor("l2", 0.0 if l2 is None else l2)

    def __call__(self, x):
        penalty = _zero_like(x)
        if self.l1 != 0.0:
            penalty = penalty + self.l1 * reduce_sum(absolute(x))
        if self.l2 != 0.0:
            penalty = penalty + self.l2 * reduce_sum(square(x))
        return penalty

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}


# The lowercase names are the same classes (as in Keras 3): regularizers.l2(0.002).
l1, l2, l1_l2 = L1, L2, L1L2

_BY_NAME = {"l1": L1, "l2": L2, "l1_l2": lambda: L1L2(l1=0.01, l2=0.01),
            "L1": L1, "L2": L2, "L1L2": L1L2}


def _zero_like(x):
    """A scalar 0 of x's dtype, where x lives (on its device)."""
    return convert_to_tensor(0.0, dtype=x.dtype, like=x)


def _factor(name, value):
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or value < 0 or \
            value != value:
        raise ValueError(f"Invalid value for argument {name}: expected a non-negative "
                         f"float, received {name}={value!r}")
    return float(value)


def get(identifier):
    """A regularizer for ``identifier``: None, a name (``"l1"``, ``"l2"``, ``"l1_l2"``),
    a Regularizer (object or class), a function, or a saved description (a dict).

    (``"l1_l2"`` means l1=l2=0.01, as Keras documents; Keras 3.15 itself rejects the
    string, so a file meant for Keras should use ``L1L2(l1=..., l2=...)``.)

    Example::

        >>> print(keras.regularizers.get("l2"), keras.regularizers.get("l1_l2"))  # the defaults
        L2(l2=0.01) L1L2(l1=0.01, l2=0.01)
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        if identifier not in _BY_NAME:
            raise ValueError(f"Unknown regularizer {identifier!r}. Valid names: 'l1', 'l2', "
                             f"'l1_l2' (or an object such as keras.regularizers.L2(0.001), "
                             f"or a function of the weight returning a scalar)")
        return _BY_NAME[identifier]()
    if isinstance(identifier, type) and issubclass(identifier, Regularizer):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret regularizer identifier {identifier!r}: pass "
                     f"'l1', 'l2', 'l1_l2', a keras.regularizers object, or a function of "
                     f"the weight returning a scalar")


def serialize(regularizer):
    """The saved description: ``{"module": "keras.regularizers", "class_name": "L2",
    "config": {"l2": 0.002}, "registered_name": None}`` (None stays None).

    Example::

        >>> print(keras.regularizers.serialize(keras.regularizers.L2(0.002)))
        {'module': 'keras.regularizers', 'class_name': 'L2', 'config': {'l2': 0.002},
         'registered_name': None}
    """
    from .saving.serialization import serialize_keras_object
    return serialize_keras_object(regularizer)


def deserialize(config, custom_objects=None):
    """The regularizer that ``serialize`` described.

    Example::

        >>> config = keras.regularizers.serialize(keras.regularizers.L1(0.5))
        >>> print(keras.regularizers.deserialize(config))
        L1(l1=0.5)
    """
    from .saving.serialization import deserialize_keras_object
    regularizer = deserialize_keras_object(config, custom_objects)
    if isinstance(regularizer, dict):
        raise ValueError(f"Could not interpret regularizer identifier {config!r}")
    return regularizer
