"""Optimizers: how the weights move once their gradients are known.

The training step of chapter 3 is, for every weight ``w`` with gradient ``g``::

    w.assign_sub(learning_rate * g)          # plain gradient descent

An optimizer does that step for you, with refinements: *momentum* (keep moving in the
direction you were moving), *adaptive rates* (take smaller steps along directions
whose gradients are large), and gradient *clipping*.  Use one like this::

    optimizer = keras.optimizers.SGD(learning_rate=1e-3)
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x))
    grads = tape.gradient(loss, model.trainable_weights)
    optimizer.apply_gradients(zip(grads, model.trainable_weights))

Each class's ``update_step`` is its update rule (Keras 3's equations), written with
teachtensor operations one line per equation, the way Keras writes its own.  The
extra numbers an optimizer remembers per weight (the momentum ``m``, the running mean
of squares ``v``, ...) are called *slots*; they are non-trainable Variables created the
first time a weight is updated.  What all optimizers share — the learning rate, the
step counter, clipping, and making each step all or nothing — is in
``optimizer_base.py``.
"""
import numpy as np

from ..ops.arithmetic import maximum
from ..ops.functions import sqrt, square
from ..ops.selection import cast
from . import schedules  # noqa: F401  (keras.optimizers.schedules)
from .optimizer_base import Optimizer  # noqa: F401  (keras.optimizers.Optimizer)
from .suggestions import did_you_mean as _did_you_mean


class SGD(Optimizer):
    """Stochastic gradient descent, with optional momentum.

        plain (momentum = 0):   w = w - lr * g
        momentum:               m = momentum * m - lr * g;   w = w + m
        nesterov:               m = momentum * m - lr * g;   w = w + momentum * m - lr * g

    Momentum keeps a running velocity ``m``: the ball rolls on through small bumps.

    Example::

        >>> opt = keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)
        >>> w = tf.Variable([1.0, -2.0])
        >>> with tf.GradientTape() as tape:
        ...     loss = tf.reduce_sum(tf.square(w))
        >>> opt.apply_gradients([(tape.gradient(loss, w), w)])     # returns the step count
        <Variable path=.../iteration, shape=(), dtype=int64, value=1>
        >>> print(w.numpy())
        [ 0.8 -1.6]
    """

    fused_rule = "sgd"

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, **kwargs):
        super().__init__(learning_rate, **kwargs)
        if not isinstance(momentum, (int, float, np.floating)) or not 0 <= momentum <= 1:
            raise ValueError(f"`momentum` must be a float between [0, 1]. "
                             f"Received: momentum={momentum!r}")
        self.momentum = float(momentum)
        self.nesterov = bool(nesterov)

    def slot_names(self):
        return ["momentum"] if self.momentum != 0 else []

    def update_step(self, gradient, variable, learning_rate):
        if self.momentum == 0:
            self.assign_sub(variable, gradient * learning_rate)
            return
        m = self.slot(variable, "momentum")
        self.assign(m, -gradient * learning_rate + m * self.momentum)
        if self.nesterov:
            self.assign_add(variable, -gradient * learning_rate + m * self.momentum)
        else:
            self.assign_add(variable, m)

    def fused_hyperparameters(self, learning_rate):
        return {"learning_rate": learning_rate, "momentum": self.momentum,
                "nesterov": self.nesterov}

    def get_config(self):
        return {**super().get_config(), "momentum": self.momentum, "nesterov": self.nesterov}


class RMSprop(Optimizer):
    """RMSprop: divide each step by a running root-mean-square of the gradient.

        v = rho * v + (1 - rho) * g^2
        step = lr * g / sqrt(v + epsilon)
        centered:  a = rho * a + (1 - rho) * g;   step = lr * g / sqrt(v - a^2 + epsilon)
        momentum > 0:  m = momentum * m + step;   w = w - m
        otherwise:     w = w - step

    Directions with large gradients get small steps, flat directions larger ones.

    Example::

        >>> opt = keras.optimizers.RMSprop(learning_rate=0.1)
        >>> w = tf.Variable([1.0, -2.0])
        >>> with tf.GradientTape() as tape:
        ...     loss = tf.reduce_sum(tf.square(w))
        >>> opt.apply_gradients([(tape.gradient(loss, w), w)])     # returns the step count
        <Variable path=.../iteration, shape=(), dtype=int64, value=1>
        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(w.numpy())
        [ 0.6838 -1.6838]
    """

    fused_rule = "rmsprop"

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7,
                 centered=False, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.rho = float(rho)
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.centered = bool(centered)

    def slot_names(self):
        return (["velocity"] + (["momentum"] if self.momentum > 0 else [])
                + (["average_gradient"] if self.centered else []))

    def update_step(self, gradient, variable, learning_rate):
        rho = self.rho
        v = self.slot(variable, "velocity")
        self.assign(v, rho * v + (1 - rho) * square(gradient))
        if self.centered:
            a = self.slot(variable, "average_gradient")
            self.assign(a, rho * a + (1 - rho) * gradient)
            denominator = v - square(a) + self.epsilon
        else:
            denominator = v + self.epsilon
        increment = learning_rate * gradient / sqrt(denominator)
        if self.momentum > 0:
            m = self.slot(variable, "momentum")
            self.assign(m, self.momentum * m + increment)
            self.assign_sub(variable, m)
        else:
            self.assign_sub(variable, increment)

    def fused_hyperparameters(self, learning_rate):
        return {"learning_rate": learning_rate, "rho": self.rho, "momentum": self.momentum,
                "epsilon": self.epsilon, "centered": self.centered}

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "momentum": self.momentum,
                "epsilon": self.epsilon, "centered": self.centered}


class Adam(Optimizer):
    """Adam: momentum, divided by a running RMS of the gradient, with bias correction.

        t = iterations + 1
        m = m + (g - m) * (1 - beta_1)              running mean of g
        v = v + (g^2 - v) * (1 - beta_2)            running mean of g^2
        alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)
        w = w - alpha * m / (sqrt(v) + epsilon)
        amsgrad:  vhat = max(vhat, v), used in place of v in the last line

    m and v start at 0, so early on they are too small; the factor in ``alpha``
    corrects for that.

    Example::

        >>> opt = keras.optimizers.Adam(learning_rate=0.1)
        >>> w = tf.Variable([1.0, -2.0])
        >>> with tf.GradientTape() as tape:
        ...     loss = tf.reduce_sum(tf.square(w))
        >>> opt.apply_gradients([(tape.gradient(loss, w), w)])     # returns the step count
        <Variable path=.../iteration, shape=(), dtype=int64, value=1>
        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(w.numpy())
        [ 0.9 -1.9]
    """

    fused_rule = "adam"

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 amsgrad=False, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.beta_1 = float(beta_1)
        self.beta_2 = float(beta_2)
        self.epsilon = float(epsilon)
        self.amsgrad = bool(amsgrad)

    def slot_names(self):
        return ["momentum", "velocity"] + (["velocity_hat"] if self.amsgrad else [])

    def slot_groups(self):  # Keras makes m and v together, weight by weight
        return [["momentum", "velocity"]] + ([["velocity_hat"]] if self.amsgrad else [])

    def update_step(self, gradient, variable, learning_rate):
        t = cast(self.iterations + 1, variable.dtype)
        alpha = learning_rate * sqrt(1 - self.beta_2 ** t) / (1 - self.beta_1 ** t)
        m = self.slot(variable, "momentum")
        v = self.slot(variable, "velocity")
        self.assign_add(m, (gradient - m) * (1 - self.beta_1))
        self.assign_add(v, (square(gradient) - v) * (1 - self.beta_2))
        if self.amsgrad:
            v_hat = self.slot(variable, "velocity_hat")
            self.assign(v_hat, maximum(v_hat, v))
            v = v_hat
        self.assign_sub(variable, (m * alpha) / (sqrt(v) + self.epsilon))

    def fused_hyperparameters(self, learning_rate):
        return {"learning_rate": learning_rate, "iterations": self.iterations._data,
                "beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon,
                "amsgrad": self.amsgrad}

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2,
                "epsilon": self.epsilon, "amsgrad": self.amsgrad}


class AdamW(Adam):
    """Adam with decoupled weight decay (``weight_decay.py``): each step first shrinks
    every weight, ``w = w - w * weight_decay * lr``, then takes Adam's step.

    Example::

        >>> opt = keras.optimizers.AdamW(learning_rate=0.1, weight_decay=0.5)
        >>> w = tf.Variable([1.0, -2.0])
        >>> with tf.GradientTape() as tape:
        ...     loss = tf.reduce_sum(tf.square(w))
        >>> _ = opt.apply_gradients([(tape.gradient(loss, w), w)])
        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(w.numpy())                   # 1 * (1 - 0.05) - 0.1, -2 * 0.95 + 0.1
        [ 0.85 -1.8 ]
    """

    def __init__(self, learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999,
                 epsilon=1e-7, amsgrad=False, **kwargs):
        if weight_decay is None:
            raise ValueError("AdamW: weight_decay must be a number (it is what makes AdamW "
                             "different from Adam), got None")
        super().__init__(learning_rate, beta_1=beta_1, beta_2=beta_2, epsilon=epsilon,
                         amsgrad=amsgrad, weight_decay=weight_decay, **kwargs)


class Adagrad(Optimizer):
    """Adagrad: divide each step by the root of all the squared gradients seen so far.

        acc = acc + g^2                 (acc starts at initial_accumulator_value)
        w = w - lr * g / sqrt(acc + epsilon)

    Weights that have received large gradients slow down for good.

    Example::

        >>> opt = keras.optimizers.Adagrad(learning_rate=0.1)
        >>> w = tf.Variable([1.0, -2.0])
        >>> with tf.GradientTape() as tape:
        ...     loss = tf.reduce_sum(tf.square(w))
        >>> opt.apply_gradients([(tape.gradient(loss, w), w)])     # returns the step count
        <Variable path=.../iteration, shape=(), dtype=int64, value=1>
        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(w.numpy())
        [ 0.9012 -1.9003]
    """

    fused_rule = "adagrad"

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7,
                 **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.initial_accumulator_value = float(initial_accumulator_value)
        self.epsilon = float(epsilon)

    def slot_names(self):
        return ["accumulator"]

    def slot_initial_value(self, name):
        return self.initial_accumulator_value

    def update_step(self, gradient, variable, learning_rate):
        acc = self.slot(variable, "accumulator")
        self.assign_add(acc, square(gradient))
        self.assign_sub(variable, learning_rate * gradient / sqrt(acc + self.epsilon))

    def fused_hyperparameters(self, learning_rate):
        return {"learning_rate": learning_rate, "epsilon": self.epsilon}

    def get_config(self):
        return {**super().get_config(),
                "initial_accumulator_value": self.initial_accumulator_value,
                "epsilon": self.epsilon}


# ---- by name -----------------------------------------------------------------------

ALL_OPTIMIZERS = {"sgd": SGD, "rmsprop": RMSprop, "adam": Adam, "adamw": AdamW,
                  "adagrad": Adagrad}


def get(identifier):
    """An optimizer from a name (``"rmsprop"``, any case) or an Optimizer instance.

    Example::

        >>> print(keras.optimizers.get("rmsprop"))     # a name: a new one, Keras's defaults
        <RMSprop learning_rate=0.001>
        >>> opt = keras.optimizers.Adam(learning_rate=0.01)
        >>> keras.optimizers.get(opt) is opt             # an optimizer: itself
        True
    """
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, type) and issubclass(identifier, Optimizer):
        return identifier()
    if isinstance(identifier, str):
        cls = ALL_OPTIMIZERS.get(identifier.lower())
        if cls is not None:
            return cls()
    raise ValueError(f"Could not interpret optimizer identifier: {identifier!r}. "
                     f"{_did_you_mean(identifier, ALL_OPTIMIZERS)}"
                     f"Use one of the names {sorted(ALL_OPTIMIZERS)} or an optimizer instance "
                     f"such as keras.optimizers.RMSprop(learning_rate=1e-3).")


def serialize(optimizer):
    """The optimizer as a dict: its class name and its ``get_config()``.

    (In the example, ``...`` stands for a number that depends on what ran before: the
    first SGD made in a session is named ``sgd``, the next ``sgd_1``, as in Keras.)

    Example::

        >>> print(keras.optimizers.serialize(keras.optimizers.SGD(0.1)))
        {'class_name': 'SGD',
         'config': {'name': 'sgd...', 'learning_rate': 0.10000000149011612, 'weight_decay': None,
                    'clipnorm': None, 'clipvalue': None, 'global_clipnorm': None,
                    'momentum': 0.0, 'nesterov': False}}
    """
    return {"class_name": type(optimizer).__name__, "config": optimizer.get_config()}


def deserialize(config, custom_objects=None):
    """The optimizer that ``serialize`` (or a Keras file) describes.

    Example::

        >>> again = keras.optimizers.deserialize(keras.optimizers.serialize(
        ...     keras.optimizers.AdamW(learning_rate=0.01)))
        >>> print(type(again).__name__, again.weight_decay)
        AdamW 0.004
    """
    from .saving.serialization import deserialize_keras_object
    return deserialize_keras_object(config, custom_objects)
