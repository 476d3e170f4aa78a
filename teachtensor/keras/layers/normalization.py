"""BatchNormalization: keep every feature of a layer's output near mean 0, variance 1.

In training (``fit`` calls the model with ``training=True``) each feature (each index
along ``axis``) is normalized with the statistics of the batch at hand, over every
other axis::

    mean     = mean(x)                      variance = mean((x - mean) ** 2)  (divided by n)
    output   = gamma * (x - mean) / sqrt(variance + epsilon) + beta

``gamma`` (``scale=True``) and ``beta`` (``center=True``) are trained, so the layer can
still learn any scale and offset.  The batch statistics are also folded into running
averages, updated at every training call::

    moving_mean     = moving_mean * momentum + mean * (1 - momentum)
    moving_variance = moving_variance * momentum + variance * (1 - momentum)

and those are used when there is no batch to learn from (``predict``, ``evaluate``,
``model(x)``: ``training`` False or None)::

    output   = gamma * (x - moving_mean) / sqrt(moving_variance + epsilon) + beta

The moving averages are *non-trainable weights*: the optimizer never changes them (the
layer assigns them itself), but ``weights`` lists them and saving keeps them.  Weights,
in Keras's order: [gamma, beta, moving_mean, moving_variance].

A frozen layer (``layer.trainable = False``) always uses the moving averages, even in
``fit``, as in Keras 3: fine-tuning a pretrained model then does not disturb them.

The output is computed in TensorFlow's order, ``x * inv + (beta - mean * inv)`` with
``inv = gamma / sqrt(variance + epsilon)``, so the float32 results agree with Keras.
"""
from ...ops.functions import rsqrt, square
from ...ops.reductions import reduce_mean
from ...ops.shape_ops import reshape
from .. import initializers, regularizers
from .layer import InputSpec, Layer, promote_to_float


class BatchNormalization(Layer):
    """Normalizes each feature with the batch's statistics (training) or their running
    averages (inference); see the module docstring for the equations.

    ``BatchNormalization(axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
    beta_initializer="zeros", gamma_initializer="ones", moving_mean_initializer="zeros",
    moving_variance_initializer="ones", beta_regularizer=None, gamma_regularizer=None)``

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> bn = layers.BatchNormalization(name="bn")
        >>> batch = tf.constant([[1.0, 10.0], [3.0, 30.0]])
        >>> print(bn(batch, training=True))          # the batch's statistics: about -1 and 1
        teachtensor.Tensor(
        [[-0.9995 -1.    ]
         [ 0.9995  1.    ]], shape=(2, 2), dtype=float32)
        >>> print(bn.moving_mean.numpy())            # moved 1% of the way to the batch mean
        [0.02 0.2 ]
        >>> print(bn(batch))                         # inference: the moving statistics
        teachtensor.Tensor(
        [[ 0.9795  6.9453]
         [ 2.9785 21.1194]], shape=(2, 2), dtype=float32)
        >>> print([w.path for w in bn.non_trainable_weights])
        ['bn/moving_mean', 'bn/moving_variance']
    """

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones",
                 moving_mean_initializer="zeros", moving_variance_initializer="ones",
                 beta_regularizer=None, gamma_regularizer=None, **kwargs):
        super().__init__(**kwargs)
        if isinstance(axis, (list, tuple)):
            raise NotImplementedError(f"BatchNormalization normalizes along one axis in "
                                      f"teachtensor; got axis={axis!r}")
        self.axis = int(axis)
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.center, self.scale = bool(center), bool(scale)
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.gamma = self.beta = None

    def build(self, input_shape):
        rank = len(input_shape)
        if not -rank <= self.axis < rank:
            raise ValueError(f"BatchNormalization layer '{self.name}' has axis={self.axis}, "
                             f"out of range for inputs of shape {input_shape}")
        features = input_shape[self.axis]
        if features is None:
            raise ValueError(f"axis {self.axis} of the input of BatchNormalization layer "
                             f"'{self.name}' must have a known size, got input shape "
                             f"{input_shape}")
        shape = (features,)
        if self.scale:
            self.gamma = self.add_weight(shape=shape, initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer, name="gamma")
        if self.center:
            self.beta = self.add_weight(shape=shape, initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer, name="beta")
        self.moving_mean = self.add_weight(shape=shape, initializer=self.moving_mean_initializer,
                                           trainable=False, name="moving_mean")
        self.moving_variance = self.add_weight(shape=shape,
                                               initializer=self.moving_variance_initializer,
                                               trainable=False, name="moving_variance")
        axis = self.axis % rank
        self._reduction_axes = tuple(i for i in range(rank) if i != axis)
        # (features, 1, ...) when the features are not on the last axis, to broadcast
        self._broadcast_shape = None if axis == rank - 1 else \
            tuple(features if i == axis else 1 for i in range(rank))
        self.input_spec = InputSpec(min_ndim=rank, axes={self.axis: features})
        self.built = True

    def call(self, inputs, training=None):
        inputs, _ = promote_to_float([inputs, self.moving_mean])  # (int inputs: float32)
        if training and self.trainable:
            mean = reduce_mean(inputs, axis=self._reduction_axes)
            variance = reduce_mean(square(inputs - self._along_axis(mean)),
                                   axis=self._reduction_axes)
            keep = self.momentum
            self.moving_mean.assign(self.moving_mean * keep + mean * (1.0 - keep))
            self.moving_variance.assign(self.moving_variance * keep + variance * (1.0 - keep))
        else:
            mean, variance = self.moving_mean, self.moving_variance
        inv = rsqrt(variance + self.epsilon)
        if self.gamma is not None:
            inv = inv * self.gamma
        shift = -mean * inv if self.beta is None else self.beta - mean * inv
        return inputs * self._along_axis(inv) + self._along_axis(shift)

    def _along_axis(self, values):
        """Per-feature values shaped to broadcast against the inputs."""
        return values if self._broadcast_shape is None else \
            reshape(values, self._broadcast_shape)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis, "momentum": self.momentum,
                "epsilon": self.epsilon, "center": self.center, "scale": self.scale,
                "beta_initializer": initializers.serialize(self.beta_initializer),
                "gamma_initializer": initializers.serialize(self.gamma_initializer),
                "moving_mean_initializer": initializers.serialize(self.moving_mean_initializer),
                "moving_variance_initializer":
                    initializers.serialize(self.moving_variance_initializer),
                "beta_regularizer": regularizers.serialize(self.beta_regularizer),
                "gamma_regularizer": regularizers.serialize(self.gamma_regularizer)}
