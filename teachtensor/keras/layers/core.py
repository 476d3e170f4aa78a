"""The everyday layers: Dense, Activation, Flatten, Dropout.

``Dense`` is the chapter's ``SimpleDense`` grown up: ``output = activation(inputs @
kernel + bias)``, with the kernel of shape (input features, units) created on the first
call.  On inputs of rank > 2 it acts on the last axis (every other axis is a batch axis
of the matrix product).
"""
import warnings

from ... import random as tf_random
from ...ops.linalg import matmul
from ...ops.selection import cast
from ...ops.shape_ops import reshape
from ...tensor import Tensor
from .. import activations, initializers, regularizers
from .layer import InputSpec, Layer


class Dense(Layer):
    """A densely connected layer: ``activation(inputs @ kernel + bias)``.

    ``Dense(units, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
    bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
    activity_regularizer=None)``.  Weights: [kernel (in, units), bias (units,)].
    A regularizer adds ``penalty(kernel)`` (or of the bias, or of the output) to the
    training loss (``keras.regularizers``).

    Example::

        >>> layer = layers.Dense(4, activation="relu", name="hidden")
        >>> print(layer(tf.ones((2, 3))).shape)        # the weights are made on the first call
        (2, 4)
        >>> print([w.name for w in layer.weights])
        ['kernel', 'bias']
        >>> print(layer.kernel.path)                    # where it lives
        hidden/kernel
    """

    def __init__(self, units, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(units, int) or isinstance(units, bool) or units <= 0:
            raise ValueError(f"Dense needs a positive integer number of units, got {units!r}")
        self.units = units
        self.activation = activations.get(activation)
        if units == 1 and self.activation is activations.softmax:
            warnings.warn("Dense(1, activation='softmax') always outputs 1.0: a softmax "
                          "divides by the sum over the units, and one unit is its own sum, "
                          "so the model cannot learn. For a yes/no output use "
                          "Dense(1, activation='sigmoid') with binary_crossentropy; for N "
                          "classes, Dense(N, activation='softmax').", stacklevel=2)
        if isinstance(use_bias, str) or use_bias not in (True, False):
            raise TypeError(f"use_bias must be True or False, not {type(use_bias).__name__} "
                            f"{use_bias!r} (a string such as 'False' counts as true)")
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)

    def build(self, input_shape):
        input_dim = input_shape[-1]
        if input_dim is None:
            raise ValueError(f"the last axis of the input of Dense layer '{self.name}' "
                             f"must be known, got input shape {input_shape}")
        self.kernel = self.add_weight(shape=(input_dim, self.units),
                                      initializer=self.kernel_initializer, name="kernel",
                                      regularizer=self.kernel_regularizer)
        self.bias = (self.add_weight(shape=(self.units,), initializer=self.bias_initializer,
                                     name="bias", regularizer=self.bias_regularizer)
                     if self.use_bias else None)
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})
        self.built = True

    def call(self, inputs):
        if inputs._data.dtype.kind != "f":  # ints, bools (uint8 pixels): promoted to the
            inputs = cast(inputs, self.dtype)  # float, as Keras 3's matmul does
        outputs = matmul(inputs, self.kernel)
        if self.bias is not None:
            outputs = outputs + self.bias
        return self.activation(outputs)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1]) + (self.units,)

    def get_config(self):
        return {**super().get_config(), "units": self.units,
                "activation": activations.serialize(self.activation), "use_bias": self.use_bias,
                "kernel_initializer": initializers.serialize(self.kernel_initializer),
                "bias_initializer": initializers.serialize(self.bias_initializer),
                "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
                "bias_regularizer": regularizers.serialize(self.bias_regularizer)}


class Activation(Layer):
    """Applies an activation function: ``Activation("relu")``.

    Example::

        >>> print(layers.Activation("relu")(tf.constant([-1.0, 2.0])))
        teachtensor.Tensor([0. 2.], shape=(2,), dtype=float32)
    """

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.activation = activations.get(activation)

    def call(self, inputs):
        return self.activation(inputs)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "activation": activations.serialize(self.activation)}


class Identity(Layer):
    """Hands its input on unchanged: y = x (the same tensor, so its gradient too).

    A placeholder where a model's structure asks for a layer but the data needs none,
    e.g. one branch of a model that works on the raw inputs.

    Example::

        >>> print(layers.Identity()(tf.constant([1, 2])))     # any dtype, as it was
        teachtensor.Tensor([1 2], shape=(2,), dtype=int32)
    """

    def call(self, inputs):
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape  # (a list of shapes for a list of inputs, as Keras)


class Flatten(Layer):
    """Collapses every axis but the first (the batch): (N, 28, 28) -> (N, 784).

    Example::

        >>> print(layers.Flatten()(tf.ones((2, 3, 4))).shape)
        (2, 12)
    """

    def call(self, inputs):
        return reshape(inputs, (inputs.shape[0], -1))

    def compute_output_shape(self, input_shape):
        size = 1
        for s in input_shape[1:]:
            size = None if s is None or size is None else size * s
        return (input_shape[0], size)

    def get_config(self):
        return {**super().get_config(), "data_format": "channels_last"}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if config.pop("data_format", "channels_last") != "channels_last":
            raise ValueError("teachtensor's Flatten has only data_format='channels_last'")
        return cls(**config)


class Dropout(Layer):
    """During training, zeroes a random fraction ``rate`` of the inputs and scales the
    others by 1 / (1 - rate) so the expected sum is unchanged; does nothing otherwise.

    Example::

        >>> layer = layers.Dropout(0.5, seed=0)
        >>> print(layer(tf.ones((1, 6)), training=True))   # about half zeroed, the rest * 2
        teachtensor.Tensor([[2. 0. 0. 0. 2. 2.]], shape=(1, 6), dtype=float32)
        >>> print(layer(tf.ones((1, 6))))                  # unchanged outside training
        teachtensor.Tensor([[1. 1. 1. 1. 1. 1.]], shape=(1, 6), dtype=float32)
    """

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not 0 <= rate < 1:
            raise ValueError(f"Dropout rate must be in [0, 1), got {rate!r}")
        self.rate = float(rate)
        self.seed = seed
        # With a seed, a generator of our own (on the inputs' device, made at the first
        # call): reproducible, yet a new mask at each call.
        self._generator = None

    def call(self, inputs, training=False):
        if not training or self.rate == 0:
            return inputs
        backend = inputs._backend
        if self.seed is None:
            generator = tf_random.generator(backend=backend)
        else:
            if self._generator is None:
                self._generator = backend.new_generator(self.seed)
            generator = self._generator
        draws = Tensor(backend.random(generator, "uniform", inputs._data.shape,
                                      inputs._data.dtype), backend)  # drawn on the device
        keep = draws >= self.rate
        return inputs * cast(keep, inputs.dtype) / (1 - self.rate)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed}
