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

Each class's docstring states its update rule (Keras 3's equations).  The extra
numbers an optimizer remembers per weight (the momentum ``m``, the running mean of
squares ``v``, ...) are called *slots*; they are non-trainable Variables created the
first time a weight is updated.  The update itself runs in a fused Numba kernel
(``optimizer_kernels.py``) that reads the weight, gradient and slots once and writes
their new values: one sweep over memory instead of a dozen NumPy temporaries.
"""
import numpy as np

from ..tensor import Tensor
from ..variable import Variable
from . import optimizer_kernels as kernels


class Optimizer:
    """What every optimizer shares: the learning rate, the step counter, clipping, slots.

    Arguments:
        learning_rate: a float, or a callable ``schedule(step) -> float`` evaluated at
            every step (step = ``iterations``, starting at 0).
        clipnorm: rescale each gradient so that its L2 norm is at most this.
        clipvalue: clip each gradient element to ``[-clipvalue, clipvalue]``.
        global_clipnorm: rescale all gradients together so that the norm of all of
            them, concatenated, is at most this.  (Set at most one of the three.)

    Subclasses list their slot names in ``slot_names()`` and implement
    ``update_step(gradient, variable, learning_rate)``.
    """

    def __init__(self, learning_rate=0.001, name=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None):
        if sum(c is not None for c in (clipnorm, clipvalue, global_clipnorm)) > 1:
            raise ValueError(f"Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can "
                             f"be set. Received: clipnorm={clipnorm}, clipvalue={clipvalue}, "
                             f"global_clipnorm={global_clipnorm}")
        self.name = name or type(self).__name__.lower()
        self.clipnorm = clipnorm
        self.clipvalue = clipvalue
        self.global_clipnorm = global_clipnorm
        self.iterations = Variable(np.int64(0), trainable=False, name="iteration")
        self._schedule = None
        self._learning_rate = Variable(np.float32(0), trainable=False, name="learning_rate")
        self.learning_rate = learning_rate
        self._slots = {}  # id(variable) -> (variable, {slot name: slot Variable})

    # -- the learning rate -----------------------------------------------------------
    @property
    def learning_rate(self):
        """The current learning rate (a float32 Variable; assign to it, or set it)."""
        if self._schedule is not None:
            return self._schedule(int(self.iterations.numpy()))
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value):
        if callable(value) and not isinstance(value, Tensor):
            self._schedule = value
            return
        if self._schedule is not None:
            raise TypeError("this optimizer was created with a learning-rate schedule (a "
                            "callable), so its learning rate cannot be set to a number")
        try:
            self._learning_rate.assign(np.float32(float(value)))
        except (TypeError, ValueError):
            raise TypeError(f"learning_rate must be a number or a callable schedule(step), "
                            f"got {type(value).__name__} {value!r}") from None

    def _current_learning_rate(self):
        return float(self.learning_rate)

    # -- the public entry points -----------------------------------------------------
    def apply_gradients(self, grads_and_vars):
        """One step: move each variable using its gradient.  ``grads_and_vars`` is an
        iterable of ``(gradient, variable)`` pairs (``zip(grads, variables)``); pairs
        whose gradient is None are skipped.  Returns ``iterations`` (the step count)."""
        pairs = list(grads_and_vars)
        for pair in pairs:
            if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
                raise TypeError(f"apply_gradients takes (gradient, variable) pairs, e.g. "
                                f"zip(grads, model.trainable_weights); got {pair!r}")
        return self.apply([g for g, _ in pairs], [v for _, v in pairs])

    def apply(self, grads, trainable_variables=None):
        """Like ``apply_gradients(zip(grads, trainable_variables))``."""
        grads = list(grads)
        variables = list(trainable_variables or [])
        if len(grads) != len(variables):
            raise ValueError(f"got {len(grads)} gradients for {len(variables)} variables; "
                             f"give one gradient per variable (None where there is none)")
        # Check everything before changing anything: a bad call leaves all unchanged.
        checked = [(self._as_array(g, v), v) for g, v in zip(grads, variables) if g is not None]
        if not checked:
            names = [getattr(v, "name", repr(v)) for v in variables]
            raise ValueError(f"No gradients provided for any variable: {names}. Were the "
                             f"losses computed inside the GradientTape, from these variables?")
        arrays = self._clip([g for g, _ in checked])
        learning_rate = self._current_learning_rate()
        for gradient, variable in zip(arrays, (v for _, v in checked)):
            self.update_step(gradient, variable, learning_rate)
        self.iterations.assign_add(1)
        return self.iterations

    def build(self, variables):
        """Create the slots of ``variables`` now (otherwise: at their first update)."""
        for v in variables:
            self._slots_of(v)

    @property
    def variables(self):
        """The optimizer's own state: iterations, learning rate, then every slot."""
        slots = [s for _, named in self._slots.values() for s in named.values()]
        return [self.iterations, self._learning_rate] + slots

    def get_config(self):
        """The arguments that rebuild this optimizer: ``type(opt)(**opt.get_config())``."""
        lr = self._schedule if self._schedule is not None else float(self._learning_rate)
        return {"name": self.name, "learning_rate": lr, "clipnorm": self.clipnorm,
                "clipvalue": self.clipvalue, "global_clipnorm": self.global_clipnorm}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} learning_rate={self._current_learning_rate():g}>"

    # -- what subclasses provide -------------------------------------------------------
    def slot_names(self):
        """The names of the per-variable slots this optimizer keeps (in its options)."""
        return []

    def slot_initial_value(self, name):
        return 0.0

    def update_step(self, gradient, variable, learning_rate):
        """Move ``variable`` using ``gradient`` (a flat NumPy array of its dtype)."""
        raise NotImplementedError(f"{type(self).__name__} must implement update_step")

    # -- helpers for update_step -------------------------------------------------------
    def _as_array(self, gradient, variable):
        """The gradient as a flat contiguous NumPy array in the variable's dtype."""
        if not isinstance(variable, Variable):
            raise TypeError(f"optimizers update tf.Variable objects, got "
                            f"{type(variable).__name__}; only Variables can be assigned to")
        if not variable.dtype.is_floating:
            raise TypeError(f"cannot train the {variable.dtype} variable '{variable.name}': "
                            f"only floating-point variables have gradients")
        if isinstance(gradient, Tensor):
            gradient = gradient._backend.to_numpy(gradient._data)
        gradient = np.asarray(gradient)
        if gradient.shape != tuple(variable.shape):
            raise ValueError(f"the gradient of shape {gradient.shape} does not fit the "
                             f"variable '{variable.name}' of shape {tuple(variable.shape)}; "
                             f"pair each gradient with its own variable")
        dtype = variable._backend.to_numpy(variable._data).dtype
        return np.ascontiguousarray(gradient, dtype=dtype).reshape(-1)

    def _clip(self, grads):
        """Apply clipnorm / global_clipnorm / clipvalue (Keras's formulas)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            if self.clipnorm:         # g * c / max(|g|, c)
                c = self.clipnorm
                return [g * (g.dtype.type(c) / max(np.sqrt(np.sum(g * g)), g.dtype.type(c)))
                        for g in grads]
            if self.global_clipnorm:  # all g * c * min(1/|all g|, 1/c)
                c = self.global_clipnorm
                norm = np.sqrt(sum(float(np.sum(g.astype(np.float64) ** 2)) for g in grads))
                scale = c * min(1.0 / norm if norm else np.inf, 1.0 / c)
                return [g * g.dtype.type(scale) for g in grads]
            if self.clipvalue:        # g limited to [-c, c]
                c = self.clipvalue
                return [np.clip(g, -c, c).astype(g.dtype) for g in grads]
        return grads

    def _slots_of(self, variable):
        """This variable's slots, created on its first update (filled with their start value)."""
        entry = self._slots.get(id(variable))
        if entry is None:  # the entry holds the variable, so its id stays unique
            dtype = variable._backend.to_numpy(variable._data).dtype
            named = {name: Variable(np.full(tuple(variable.shape),
                                            self.slot_initial_value(name), dtype=dtype),
                                    trainable=False, name=f"{variable._name}_{name}")
                     for name in self.slot_names()}
            entry = self._slots[id(variable)] = (variable, named)
        return entry[1]

    def _flat_arrays(self, variable, *names):
        """[the variable's values, then each named slot's] as flat arrays that the
        kernels update in place; an empty array stands for a slot these options do not
        use.  ``_own_data`` first gives the variable a private copy if any other tensor
        shares its array (copy-on-write), so no tensor read earlier changes."""
        slots = self._slots_of(variable)
        values = [variable] + [slots.get(name) for name in names]
        empty = np.empty(0, dtype=variable._backend.to_numpy(variable._data).dtype)
        return [v._own_data().reshape(-1) if v is not None else empty for v in values]


class SGD(Optimizer):
    """Stochastic gradient descent, with optional momentum.

        plain (momentum = 0):   w = w - lr * g
        momentum:               m = momentum * m - lr * g;   w = w + m
        nesterov:               m = momentum * m - lr * g;   w = w + momentum * m - lr * g

    Momentum keeps a running velocity ``m``: the ball rolls on through small bumps.
    """

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
        w, m = self._flat_arrays(variable, "momentum")
        f = w.dtype.type
        kernels.sgd_kernel(w, gradient, m, f(learning_rate), f(self.momentum), self.nesterov)

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
    """

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
        w, v, a, m = self._flat_arrays(variable, "velocity", "average_gradient", "momentum")
        f = w.dtype.type
        kernels.rmsprop_kernel(w, gradient, v, a, m, f(learning_rate), f(self.rho),
                               f(1 - self.rho), f(self.momentum), f(self.epsilon),
                               self.centered)

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
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 amsgrad=False, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.beta_1 = float(beta_1)
        self.beta_2 = float(beta_2)
        self.epsilon = float(epsilon)
        self.amsgrad = bool(amsgrad)

    def slot_names(self):
        return ["momentum", "velocity"] + (["velocity_hat"] if self.amsgrad else [])

    def update_step(self, gradient, variable, learning_rate):
        w, m, v, vhat = self._flat_arrays(variable, "momentum", "velocity", "velocity_hat")
        f = w.dtype.type  # compute alpha in the weight's dtype, as Keras does
        t = f(int(self.iterations.numpy()) + 1)
        alpha = f(learning_rate) * np.sqrt(f(1) - f(self.beta_2) ** t) / (f(1) - f(self.beta_1) ** t)
        kernels.adam_kernel(w, gradient, m, v, vhat, f(alpha), f(1 - self.beta_1),
                            f(1 - self.beta_2), f(self.epsilon), self.amsgrad)

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2,
                "epsilon": self.epsilon, "amsgrad": self.amsgrad}


class Adagrad(Optimizer):
    """Adagrad: divide each step by the root of all the squared gradients seen so far.

        acc = acc + g^2                 (acc starts at initial_accumulator_value)
        w = w - lr * g / sqrt(acc + epsilon)

    Weights that have received large gradients slow down for good.
    """

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
        w, acc = self._flat_arrays(variable, "accumulator")
        f = w.dtype.type
        kernels.adagrad_kernel(w, gradient, acc, f(learning_rate), f(self.epsilon))

    def get_config(self):
        return {**super().get_config(),
                "initial_accumulator_value": self.initial_accumulator_value,
                "epsilon": self.epsilon}


# ---- by name -----------------------------------------------------------------------

ALL_OPTIMIZERS = {"sgd": SGD, "rmsprop": RMSprop, "adam": Adam, "adagrad": Adagrad}


def get(identifier):
    """An optimizer from a name (``"rmsprop"``, any case) or an Optimizer instance."""
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, type) and issubclass(identifier, Optimizer):
        return identifier()
    if isinstance(identifier, str):
        cls = ALL_OPTIMIZERS.get(identifier.lower())
        if cls is not None:
            return cls()
    raise ValueError(f"Could not interpret optimizer identifier: {identifier!r}. Use one of "
                     f"the names {sorted(ALL_OPTIMIZERS)} or an optimizer instance such as "
                     f"keras.optimizers.RMSprop(learning_rate=1e-3).")


def serialize(optimizer):
    """The optimizer as a dict: its class name and its ``get_config()``."""
    return {"class_name": type(optimizer).__name__, "config": optimizer.get_config()}
