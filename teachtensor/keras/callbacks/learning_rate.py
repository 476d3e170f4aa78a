"""Callbacks that change the optimizer's learning rate between epochs.

``LearningRateScheduler`` sets it from a function of the epoch; ``ReduceLROnPlateau``
divides it when a monitored value stops improving.  Both write the rate the epoch was
trained with into its logs, as ``learning_rate`` (so it is in ``history.history`` and
on the progress bar, as in Keras 3).
"""
import inspect

import numpy as np

from .base import Callback
from .monitor import _Monitor, count, number


class LearningRateScheduler(Callback):
    """Before each epoch, sets the learning rate to ``schedule(epoch, lr)``.

    ``epoch`` counts from 0 and ``lr`` is the current learning rate (a float); the
    schedule returns the new one, a float.  A schedule of one argument,
    ``schedule(epoch)``, is called with the epoch only.  With ``verbose=1`` it prints
    each new rate.

    Example::

        >>> keras.utils.set_random_seed(0)           # the same initial weights on every run
        >>> inputs = np.random.default_rng(0).normal(size=(64, 2)).astype("float32")
        >>> targets = (inputs[:, :1] + inputs[:, 1:] > 0).astype("float32")
        >>> model = keras.Sequential([layers.Dense(1)])
        >>> model.compile(optimizer="sgd", loss="mse")
        >>> def halve_after_1(epoch, lr):
        ...     return lr if epoch < 1 else lr * 0.5
        >>> halve = keras.callbacks.LearningRateScheduler(halve_after_1)
        >>> history = model.fit(inputs, targets, epochs=3, verbose=0, callbacks=[halve])
        >>> print([round(lr, 6) for lr in history.history["learning_rate"]])   # float32s
        [0.01, 0.005, 0.0025]
    """

    adds_logs = ("learning_rate",)

    def __init__(self, schedule, verbose=0):
        super().__init__()
        if not callable(schedule):
            raise TypeError(f"LearningRateScheduler takes a function schedule(epoch, lr) "
                            f"-> new learning rate; got {type(schedule).__name__} "
                            f"{schedule!r}")
        self.schedule = schedule
        self.verbose = verbose
        self._takes_lr = _takes_two_arguments(schedule)

    def on_train_begin(self, logs=None):
        _check_settable(self, self.model.optimizer)

    def on_epoch_begin(self, epoch, logs=None):
        optimizer = self.model.optimizer
        if self._takes_lr:
            new = self.schedule(epoch, float(optimizer.learning_rate))
        else:
            new = self.schedule(epoch)
        if not isinstance(new, (float, np.floating)):  # as Keras: not an int
            raise ValueError(f"LearningRateScheduler: the schedule must return the new "
                             f"learning rate as a float, but for epoch {epoch} it returned "
                             f"{type(new).__name__} {new!r}.{_how_to_fix(new)}")
        optimizer.learning_rate = new
        if self.verbose:
            print(f"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {new}.")

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["learning_rate"] = float(self.model.optimizer.learning_rate)


class ReduceLROnPlateau(_Monitor):
    """Multiplies the learning rate by ``factor`` when ``monitor`` stops improving.

    After ``patience`` epochs without an improvement (better than the best so far by
    more than ``min_delta``) the rate becomes ``lr * factor``, but never less than
    ``min_lr``.  Then for ``cooldown`` epochs it only watches, before counting again.
    ``factor`` must be below 1.

    Example::

        >>> keras.utils.set_random_seed(0)           # the same initial weights on every run
        >>> inputs = np.random.default_rng(0).normal(size=(64, 2)).astype("float32")
        >>> targets = (inputs[:, :1] + inputs[:, 1:] > 0).astype("float32")
        >>> model = keras.Sequential([layers.Dense(1)])
        >>> model.compile(optimizer="sgd", loss="mse")
        >>> reduce = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1,
        ...                                            min_delta=1.0)
        >>> history = model.fit(inputs, targets, epochs=4, verbose=0, callbacks=[reduce])
        >>> # halved after each epoch that gains less than 1.0 (float32 values, rounded):
        >>> print([round(lr, 6) for lr in history.history["learning_rate"]])
        [0.01, 0.01, 0.005, 0.0025]
    """

    adds_logs = ("learning_rate",)

    def __init__(self, monitor="val_loss", factor=0.1, patience=10, verbose=0, mode="auto",
                 min_delta=1e-4, cooldown=0, min_lr=0.0):
        super().__init__(monitor, mode, min_delta)
        factor = number(factor, "ReduceLROnPlateau: factor")
        if factor is None:
            raise TypeError("ReduceLROnPlateau: factor must be a number below 1, not None")
        if factor >= 1.0:
            raise ValueError(f"ReduceLROnPlateau reduces the learning rate, so factor must "
                             f"be below 1 (new_lr = lr * factor); got factor={factor}")
        self.factor = factor
        self.patience = count(patience, "ReduceLROnPlateau: patience")
        self.verbose = verbose
        self.cooldown = count(cooldown, "ReduceLROnPlateau: cooldown")
        self.min_lr = number(min_lr, "ReduceLROnPlateau: min_lr")
        self.best = None
        self.wait = 0              # epochs without improvement
        self.cooldown_counter = 0  # epochs left to only watch

    def on_train_begin(self, logs=None):
        _check_settable(self, self.model.optimizer)
        self.best = None
        self.wait = 0
        self.cooldown_counter = 0

    def on_epoch_end(self, epoch, logs=None):
        logs = {} if logs is None else logs
        logs["learning_rate"] = float(self.model.optimizer.learning_rate)  # this epoch's
        current = self._current(logs)
        if current is None:
            return
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.wait = 0
        if self._is_improvement(current, self.best):
            self.best = current
            self.wait = 0
        elif self.cooldown_counter == 0:
            self.wait += 1
            if self.wait >= self.patience and self._reduce(epoch):
                self.cooldown_counter = self.cooldown
                self.wait = 0

    def _reduce(self, epoch):
        """Lower the learning rate, unless it is at ``min_lr`` already; True if lowered."""
        optimizer = self.model.optimizer
        old = float(optimizer.learning_rate)
        if old <= np.float32(self.min_lr):  # (the rate is a float32 Variable)
            return False
        new = max(old * self.factor, self.min_lr)
        optimizer.learning_rate = new
        if self.verbose:
            print(f"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {new}.")
        return True


def _takes_two_arguments(schedule):
    """True when ``schedule`` can be called as ``schedule(epoch, lr)``."""
    try:
        parameters = inspect.signature(schedule).parameters.values()
    except (TypeError, ValueError):  # some built-in callables have no signature
        return True
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY,
                                                       p.POSITIONAL_OR_KEYWORD)]
    return len(positional) >= 2 or any(p.kind == p.VAR_POSITIONAL for p in parameters)


def _how_to_fix(value):
    """A hint for a schedule that returned ``value`` instead of a float ("" if none)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return (f" Return a float: {value}.0 rather than {value}, or float(...) (Keras "
                f"refuses an int too).")
    if hasattr(value, "numpy"):
        return " Turn the tensor into a number with float(...)."
    return " Did the schedule forget to return it?" if value is None else ""


def _check_settable(callback, optimizer):
    """Raise before training when ``optimizer`` follows a schedule of its own."""
    if getattr(optimizer, "_schedule", None) is not None:  # learning_rate=callable
        raise TypeError(f"{type(callback).__name__} sets the optimizer's learning rate, but "
                        f"this {type(optimizer).__name__} was created with a learning-rate "
                        f"schedule (a callable), so its rate cannot be set. Create it with a "
                        f"number, e.g. {type(optimizer).__name__}(learning_rate=0.01), or "
                        f"train without this callback.")
