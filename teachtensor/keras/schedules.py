"""``keras.optimizers.schedules``: learning rates that change as training goes on.

A schedule is a function of the step (the optimizer's ``iterations``: how many updates
it has made) giving the learning rate of that step.  Pass one where a number would go,
``SGD(learning_rate=ExponentialDecay(0.1, decay_steps=1000, decay_rate=0.5))``, and the
optimizer asks it for the rate at every step.  The formulas are Keras 3's; they are
computed here with NumPy in float64 (a learning rate is one number), so a rate can
differ from Keras's float32 one in its last digit.  A step may be a number, a tensor
(``optimizer.iterations``) or an array of steps (to plot a schedule): the rate comes
back as a number, or as an array of rates.

Example::

    >>> schedule = keras.optimizers.schedules.ExponentialDecay(
    ...     0.1, decay_steps=10, decay_rate=0.5)
    >>> print([round(schedule(step), 4) for step in (0, 10, 20)])   # halved every 10 steps
    [0.1, 0.05, 0.025]
"""
import numpy as np


class LearningRateSchedule:
    """The base class: ``schedule(step)`` gives the learning rate of that step.
    Subclass it and write ``__call__`` and ``get_config`` for a schedule of your own."""

    def __call__(self, step):
        raise NotImplementedError(f"{type(self).__name__} must define __call__(self, step)")

    def get_config(self):
        raise NotImplementedError(f"{type(self).__name__} must define get_config(), "
                                  f"returning its constructor's arguments")

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        arguments = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items()
                              if k != "name")
        return f"<{type(self).__name__} {arguments}>"


class _DecayEvery(LearningRateSchedule):
    """What ExponentialDecay and InverseTimeDecay share: a decay by ``decay_rate`` for
    every ``decay_steps`` steps, counted smoothly or (``staircase=True``) in whole
    periods."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name=None):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = _positive(decay_steps, "decay_steps")
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name or type(self).__name__

    def _periods(self, step):
        """How many decay_steps periods ``step`` is into training (whole ones, in
        stairs)."""
        p = _steps(step) / self.decay_steps
        return np.floor(p) if self.staircase else p

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase, "name": self.name}


class ExponentialDecay(_DecayEvery):
    """lr(step) = initial * decay_rate ^ (step / decay_steps): multiplied by
    ``decay_rate`` every ``decay_steps`` steps, smoothly (or in stairs, with
    ``staircase=True``: the exponent rounded down).

    Example::

        >>> schedule = keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.5)
        >>> print(round(schedule(15), 4))      # 0.1 * 0.5 ** 1.5
        0.0354
    """

    def __call__(self, step):
        return _number_if_one(self.initial_learning_rate *
                              self.decay_rate ** self._periods(step))


class InverseTimeDecay(_DecayEvery):
    """lr(step) = initial / (1 + decay_rate * step / decay_steps) (the fraction rounded
    down with ``staircase=True``).

    Example::

        >>> print(round(keras.optimizers.schedules.InverseTimeDecay(0.1, 10, 0.5)(15), 4))
        0.0571
    """

    def __call__(self, step):
        return _number_if_one(self.initial_learning_rate /
                              (1 + self.decay_rate * self._periods(step)))


class PiecewiseConstantDecay(LearningRateSchedule):
    """``values[0]`` up to step ``boundaries[0]`` (included), then ``values[1]`` up to
    ``boundaries[1]``, ..., and ``values[-1]`` after the last boundary.

    Example::

        >>> schedule = keras.optimizers.schedules.PiecewiseConstantDecay([10, 20],
        ...                                                              [1.0, 0.5, 0.1])
        >>> print([schedule(step) for step in (10, 11, 25)])
        [1.0, 0.5, 0.1]
    """

    def __init__(self, boundaries, values, name="PiecewiseConstant"):
        if len(values) != len(boundaries) + 1:
            raise ValueError(f"PiecewiseConstantDecay needs one value more than boundaries "
                             f"(a value before, between and after them); got "
                             f"{len(boundaries)} boundaries and {len(values)} values")
        if list(boundaries) != sorted(boundaries):
            raise ValueError(f"PiecewiseConstantDecay: the boundaries must increase, got "
                             f"{list(boundaries)}")
        self.boundaries = list(boundaries)
        self.values = list(values)
        self.name = name

    def __call__(self, step):
        # the first boundary at or past the step names the piece (past all: the last)
        piece = np.searchsorted(np.asarray(self.boundaries, np.float64), _steps(step),
                                side="left")
        rate = np.asarray(self.values)[piece]
        return rate.item() if np.ndim(rate) == 0 else rate

    def get_config(self):
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}


class PolynomialDecay(LearningRateSchedule):
    """From ``initial`` down to ``end_learning_rate`` over ``decay_steps`` steps along
    (1 - step / decay_steps) ^ power, then constant; with ``cycle=True`` it starts
    again, each cycle a multiple of decay_steps long.

    Example::

        >>> schedule = keras.optimizers.schedules.PolynomialDecay(0.1, 100, 0.01, power=2.0)
        >>> print(round(schedule(50), 4), round(schedule(500), 4))   # 0.09 * 0.5² + 0.01
        0.0325 0.01
    """

    def __init__(self, initial_learning_rate, decay_steps, end_learning_rate=0.0001,
                 power=1.0, cycle=False, name="PolynomialDecay"):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = _positive(decay_steps, "decay_steps")
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name

    def __call__(self, step):
        step, steps = _steps(step), self.decay_steps
        if self.cycle:
            steps = steps * np.where(step == 0, 1.0, np.ceil(step / steps))
        else:
            step = np.minimum(step, steps)
        fraction = 1 - step / steps
        return _number_if_one((self.initial_learning_rate - self.end_learning_rate) *
                              fraction ** self.power + self.end_learning_rate)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "end_learning_rate": self.end_learning_rate,
                "power": self.power, "cycle": self.cycle, "name": self.name}


class CosineDecay(LearningRateSchedule):
    """Half a cosine wave from ``initial`` down to ``alpha * initial`` over
    ``decay_steps`` steps, then constant.  With ``warmup_target``, it first rises in a
    straight line from ``initial`` to ``warmup_target`` over ``warmup_steps`` steps, then
    decays from there.

        decayed(t) = (1 - alpha) * (1 + cos(pi * t / decay_steps)) / 2 + alpha

    Example::

        >>> print(round(keras.optimizers.schedules.CosineDecay(0.1, 100)(50), 4))
        0.05
    """

    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name="CosineDecay",
                 warmup_target=None, warmup_steps=0):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = _positive(decay_steps, "decay_steps")
        self.alpha = alpha
        self.name = name
        self.warmup_target = warmup_target
        self.warmup_steps = warmup_steps

    def __call__(self, step):
        step = _steps(step)
        if self.warmup_target is None:
            return _number_if_one(self._decayed(np.minimum(step, self.decay_steps),
                                                self.initial_learning_rate))
        step = np.minimum(step, self.decay_steps + self.warmup_steps)
        rise = self.warmup_target - self.initial_learning_rate
        warming = self.initial_learning_rate + rise * step / max(self.warmup_steps, 1)
        decaying = self._decayed(step - self.warmup_steps, self.warmup_target)
        return _number_if_one(np.where(step < self.warmup_steps, warming, decaying))

    def _decayed(self, step, start):
        cosine = 0.5 * (1 + np.cos(np.pi * step / self.decay_steps))
        return start * ((1 - self.alpha) * cosine + self.alpha)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "alpha": self.alpha, "name": self.name,
                "warmup_target": self.warmup_target, "warmup_steps": self.warmup_steps}


def _steps(step):
    """A step (number, tensor, array) as float64 NumPy values."""
    return np.asarray(step, dtype=np.float64)


def _number_if_one(rate):
    """One step gives a Python float, several an array."""
    rate = np.asarray(rate, dtype=np.float64)
    return float(rate) if rate.ndim == 0 else rate


def _positive(steps, what):
    if not steps > 0:
        raise ValueError(f"{what} must be a positive number of steps, got {steps!r}")
    return steps


def serialize(schedule):
    """The schedule as Keras writes it in a file."""
    from .saving.serialization import serialize_keras_object
    return serialize_keras_object(schedule)


def deserialize(config, custom_objects=None):
    """The schedule that ``serialize`` (or Keras) described."""
    from .saving.serialization import deserialize_keras_object
    return deserialize_keras_object(config, custom_objects)
