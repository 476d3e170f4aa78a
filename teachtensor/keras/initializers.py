"""Initializers: the first values of a layer's weights, ``add_weight(initializer=...)``.

Why not start from zeros?  Every unit of a layer would then compute the same thing and
receive the same gradient, forever: random starting values break the symmetry.  Their
*scale* matters too: too small and the signal fades layer after layer, too large and it
explodes.  The Glorot (Xavier) and He rules pick the scale from the number of inputs
(``fan_in``) and outputs (``fan_out``) of the weight so that the variance of the signal
stays about the same through the layers:

    glorot_uniform   uniform on ±sqrt(6 / (fan_in + fan_out))     (Dense's default)
    glorot_normal    truncated normal, stddev sqrt(2 / (fan_in + fan_out))
    he_uniform       uniform on ±sqrt(6 / fan_in)                 (good before relu)
    he_normal        truncated normal, stddev sqrt(2 / fan_in)

Random draws follow Keras 3's seed rules: with ``seed=None`` they come from
``tf.random``, so ``tf.random.set_seed(n)`` (or ``keras.utils.set_random_seed(n)``)
makes them reproducible; with an int ``seed`` (or a ``keras.random.SeedGenerator``) they
come from ``keras.random``, and an int alone decides the numbers, whatever the global
seed.  An initializer is called as ``init(shape, dtype)`` and returns a tensor.
"""
import math

import numpy as np

from .. import dtypes
from .. import random as tf_random
from . import random as keras_random
from ..conversion import convert_to_tensor
from ..ops.creation import fill
from .suggestions import did_you_mean as _did_you_mean


def _draw(kind, shape, a, b, dtype, seed):
    """``kind`` (normal, uniform, truncated_normal) of ``shape`` with parameters a, b:
    from the global generator for seed=None, else from that seed alone (Keras 3)."""
    if seed is None:
        return getattr(tf_random, kind)(shape, a, b, dtype=dtype)
    return getattr(keras_random, kind)(shape, a, b, dtype=dtype, seed=seed)


def compute_fans(shape):
    """(fan_in, fan_out) of a weight: inputs and outputs each unit is connected to.

    Example::

        >>> print(keras.initializers.compute_fans((784, 32)))
        (784, 32)
    """
    shape = tuple(shape)
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    receptive_field = math.prod(shape[:-2])  # for convolution kernels
    return shape[-2] * receptive_field, shape[-1] * receptive_field


class Initializer:
    """Base class: ``initializer(shape, dtype=None)`` returns a tensor of that shape.

    Example::

        >>> class Twos(keras.initializers.Initializer):
        ...     def __call__(self, shape, dtype=None):
        ...         return tf.fill(shape, 2.0)

        >>> print(layers.Dense(2, kernel_initializer=Twos())(tf.ones((1, 2))))
        teachtensor.Tensor([[4. 4.]], shape=(1, 2), dtype=float32)
    """

    def __call__(self, shape, dtype=None):
        raise NotImplementedError

    def get_config(self):
        return dict(vars(self))

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


class Constant(Initializer):
    """Every value equal to ``value``: a number, or an array that broadcasts to the
    weight's shape (as Keras 3 computes it, ``value * ones(shape)``; a row of 3 fills
    every row of a (2, 3) kernel).

    Example::

        >>> print(keras.initializers.Constant(0.5)((2, 2)))
        teachtensor.Tensor(
        [[0.5 0.5]
         [0.5 0.5]], shape=(2, 2), dtype=float32)
        >>> print(keras.initializers.Constant([1.0, 2.0])((2, 2)))
        teachtensor.Tensor(
        [[1. 2.]
         [1. 2.]], shape=(2, 2), dtype=float32)
    """

    def __init__(self, value=0.0):
        self.value = value

    def __call__(self, shape, dtype=None):
        shape = tuple(shape)
        np_dtype = dtypes.as_dtype(dtype or "float32").as_numpy_dtype
        value = np.asarray(self.value)
        if value.ndim == 0:
            return fill(shape, np_dtype.type(value))
        try:
            filled = np.broadcast_to(value.astype(np_dtype), shape)
        except ValueError:
            raise ValueError(f"Constant: a value of shape {value.shape} cannot fill a weight "
                             f"of shape {shape}; give a number, or an array that broadcasts "
                             f"to {shape}") from None
        return convert_to_tensor(np.array(filled))


class Zeros(Constant):
    """All zeros: the usual start for biases.

    Example::

        >>> print(keras.initializers.Zeros()((2, 2)))
        teachtensor.Tensor(
        [[0. 0.]
         [0. 0.]], shape=(2, 2), dtype=float32)
    """

    def __init__(self):
        super().__init__(0.0)

    def get_config(self):
        return {}


class Ones(Constant):
    """All ones.

    Example::

        >>> print(keras.initializers.Ones()((2, 2)))
        teachtensor.Tensor(
        [[1. 1.]
         [1. 1.]], shape=(2, 2), dtype=float32)
    """

    def __init__(self):
        super().__init__(1.0)

    def get_config(self):
        return {}


class RandomNormal(Initializer):
    """Normal samples, mean 0 and standard deviation 0.05 by default.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.initializers.RandomNormal(seed=0)((2, 2)))
        teachtensor.Tensor(
        [[ 0.0063 -0.0066]
         [ 0.032   0.0052]], shape=(2, 2), dtype=float32)
    """

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def __call__(self, shape, dtype=None):
        return _draw("normal", shape, self.mean, self.stddev, dtype or "float32", self.seed)


class RandomUniform(Initializer):
    """Uniform samples on [minval, maxval), ±0.05 by default.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.initializers.RandomUniform(seed=0)((2, 2)))
        teachtensor.Tensor(
        [[ 0.0137 -0.023 ]
         [-0.0459 -0.0483]], shape=(2, 2), dtype=float32)
    """

    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        self.minval, self.maxval, self.seed = minval, maxval, seed

    def __call__(self, shape, dtype=None):
        return _draw("uniform", shape, self.minval, self.maxval, dtype or "float32",
                     self.seed)


class TruncatedNormal(Initializer):
    """Normal samples, redrawn when further than two standard deviations from the mean.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.initializers.TruncatedNormal(seed=0)((2, 2)))
        teachtensor.Tensor(
        [[ 0.0063 -0.0066]
         [ 0.032   0.0052]], shape=(2, 2), dtype=float32)
    """

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def __call__(self, shape, dtype=None):
        return _draw("truncated_normal", shape, self.mean, self.stddev, dtype or "float32",
                     self.seed)


class VarianceScaling(Initializer):
    """Random values of variance ``scale / n``, n = fan_in, fan_out or their mean.

    ``distribution="uniform"`` draws on ±sqrt(3 * scale / n) (a uniform law on ±a has
    variance a²/3); ``"truncated_normal"`` divides the standard deviation by 0.8796,
    the standard deviation of a normal law cut at two standard deviations.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.initializers.VarianceScaling(seed=0)((2, 2)))
        teachtensor.Tensor(
        [[ 0.1011 -0.1062]
         [ 0.5148  0.0843]], shape=(2, 2), dtype=float32)
    """

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None):
        if mode not in ("fan_in", "fan_out", "fan_avg"):
            raise ValueError(f"mode must be 'fan_in', 'fan_out' or 'fan_avg', not {mode!r}")
        if distribution not in ("uniform", "truncated_normal", "untruncated_normal"):
            raise ValueError(f"distribution must be 'uniform', 'truncated_normal' or "
                             f"'untruncated_normal', not {distribution!r}")
        self.scale, self.mode, self.distribution, self.seed = scale, mode, distribution, seed

    def __call__(self, shape, dtype=None):
        fan_in, fan_out = compute_fans(shape)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[self.mode]
        variance = self.scale / max(1.0, n)
        dtype = dtype or "float32"
        if self.distribution == "uniform":
            limit = math.sqrt(3.0 * variance)
            return _draw("uniform", shape, -limit, limit, dtype, self.seed)
        if self.distribution == "untruncated_normal":
            return _draw("normal", shape, 0.0, math.sqrt(variance), dtype, self.seed)
        stddev = math.sqrt(variance) / 0.87962566103423978
        return _draw("truncated_normal", shape, 0.0, stddev, dtype, self.seed)


class _NamedRule(VarianceScaling):
    """A VarianceScaling with its scale, mode and distribution fixed by name (the class
    attributes below); only the seed is an argument, and all its config holds."""
    SCALE, MODE, DISTRIBUTION = 1.0, "fan_in", "truncated_normal"

    def __init__(self, seed=None):
        super().__init__(self.SCALE, self.MODE, self.DISTRIBUTION, seed)

    def get_config(self):
        return {"seed": self.seed}


class GlorotUniform(_NamedRule):
    """Uniform on ±sqrt(6 / (fan_in + fan_out)) (Glorot & Bengio, 2010).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.initializers.GlorotUniform(seed=0)((2, 2)))
        teachtensor.Tensor(
        [[ 0.3355 -0.5639]
         [-1.1244 -1.1843]], shape=(2, 2), dtype=float32)
    """

    SCALE, MODE, DISTRIBUTION = 1.0, "fan_avg", "uniform"


class GlorotNormal(_NamedRule):
    """Truncated normal with standard deviation sqrt(2 / (fan_in + fan_out)).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.initializers.GlorotNormal(seed=0)((2, 2)))
        teachtensor.Tensor(
        [[ 0.1011 -0.1062]
         [ 0.5148  0.0843]], shape=(2, 2), dtype=float32)
    """

    SCALE, MODE, DISTRIBUTION = 1.0, "fan_avg", "truncated_normal"


class HeNormal(_NamedRule):
    """Truncated normal with standard deviation sqrt(2 / fan_in) (He et al., 2015).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.initializers.HeNormal(seed=0)((2, 2)))
        teachtensor.Tensor(
        [[ 0.1429 -0.1502]
         [ 0.7281  0.1193]], shape=(2, 2), dtype=float32)
    """

    SCALE, MODE, DISTRIBUTION = 2.0, "fan_in", "truncated_normal"


class HeUniform(_NamedRule):
    """Uniform on ±sqrt(6 / fan_in).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.initializers.HeUniform(seed=0)((2, 2)))
        teachtensor.Tensor(
        [[ 0.4744 -0.7975]
         [-1.5901 -1.6748]], shape=(2, 2), dtype=float32)
    """

    SCALE, MODE, DISTRIBUTION = 2.0, "fan_in", "uniform"


class LecunNormal(_NamedRule):
    """Truncated normal with standard deviation sqrt(1 / fan_in).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.initializers.LecunNormal(seed=0)((2, 2)))
        teachtensor.Tensor(
        [[ 0.1011 -0.1062]
         [ 0.5148  0.0843]], shape=(2, 2), dtype=float32)
    """

    SCALE, MODE, DISTRIBUTION = 1.0, "fan_in", "truncated_normal"


class LecunUniform(_NamedRule):
    """Uniform on ±sqrt(3 / fan_in).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.initializers.LecunUniform(seed=0)((2, 2)))
        teachtensor.Tensor(
        [[ 0.3355 -0.5639]
         [-1.1244 -1.1843]], shape=(2, 2), dtype=float32)
    """

    SCALE, MODE, DISTRIBUTION = 1.0, "fan_in", "uniform"


# The snake_case names Keras accepts as strings (and exports as aliases).
zeros, ones, constant = Zeros, Ones, Constant
random_normal, random_uniform, truncated_normal = RandomNormal, RandomUniform, TruncatedNormal
glorot_uniform, glorot_normal = GlorotUniform, GlorotNormal
he_normal, he_uniform = HeNormal, HeUniform
lecun_normal, lecun_uniform = LecunNormal, LecunUniform

_BY_NAME = {
    "zeros": Zeros, "ones": Ones, "constant": Constant,
    "random_normal": RandomNormal, "random_uniform": RandomUniform,
    "normal": RandomNormal, "uniform": RandomUniform,  # (Keras's short names)
    "truncated_normal": TruncatedNormal, "variance_scaling": VarianceScaling,
    "glorot_uniform": GlorotUniform, "glorot_normal": GlorotNormal,
    "he_normal": HeNormal, "he_uniform": HeUniform,
    "lecun_normal": LecunNormal, "lecun_uniform": LecunUniform,
}


def get(identifier):
    """An initializer object for ``identifier``: a name, an Initializer, a callable, or
    a saved description ``{"class_name": "GlorotUniform", "config": {...}}``.

    Example::

        >>> print(keras.initializers.get("glorot_uniform"))
        GlorotUniform(seed=None)
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        from .saving.serialization import deserialize_keras_object
        return deserialize_keras_object(identifier)
    if isinstance(identifier, str):
        key = identifier.lower()
        for cls in _BY_NAME.values():  # class names work too: "GlorotUniform"
            if cls.__name__.lower() == key:
                return cls()
        if key not in _BY_NAME:
            raise ValueError(f"Unknown initializer {identifier!r}. "
                             f"{_did_you_mean(identifier, _BY_NAME)}Valid names: "
                             f"{', '.join(sorted(_BY_NAME))} (or pass an object from "
                             f"keras.initializers)")
        return _BY_NAME[key]()
    if isinstance(identifier, type) and issubclass(identifier, Initializer):
        return identifier()
    if callable(identifier):
        return identifier
    raise TypeError(f"initializer must be a name, an Initializer or a function, not "
                    f"{type(identifier).__name__} {identifier!r}")


def serialize(initializer):
    """The saved description of an initializer (see ``saving/serialization.py``).

    Example::

        >>> print(keras.initializers.serialize(keras.initializers.RandomNormal(stddev=0.1)))
        {'module': 'keras.initializers', 'class_name': 'RandomNormal',
         'config': {'mean': 0.0, 'stddev': 0.1, 'seed': None}, 'registered_name': None}
    """
    from .saving.serialization import serialize_keras_object
    return serialize_keras_object(initializer)
