"""Callbacks that watch one logged value: is it still improving?

``_Monitor`` holds what they share (which value, whether smaller or larger is better,
by how much it must change to count).  ``EarlyStopping`` is here; ``ModelCheckpoint``
(checkpoint.py) and ``ReduceLROnPlateau`` (learning_rate.py) build on it too.
"""
import warnings

import numpy as np

from ...ops.checks import count_of
from ..suggestions import did_you_mean
from .base import Callback, _overrides


_GROWING = ("acc", "auc", "precision", "recall")  # names of values where larger is better


def _guess(monitor):
    """The direction a name alone tells: "min" for a loss, "max" for an accuracy (and
    AUC, precision, recall), "auto" (undecided) for anything else."""
    if monitor.endswith("loss"):
        return "min"
    return "max" if any(word in monitor for word in _GROWING) else "auto"


class _Monitor(Callback):
    """Shared by EarlyStopping, ModelCheckpoint and ReduceLROnPlateau: is a monitored
    value an improvement?

    With ``mode="auto"`` the direction comes, as in Keras 3, from the metric of that
    name: its ``_direction`` ("up" for accuracies, "down" for errors and losses).  A
    name alone decides only for losses and accuracies; a metric of yours (a function
    ``f1`` passed to compile) has no direction, so ``fit`` refuses to guess and asks
    for ``mode="max"`` or ``mode="min"`` (Keras raises then too).

    ``fit`` calls ``_before_training`` before its first step, so a misspelt monitor, or
    a ``val_`` value without validation data, is an error before any weight changes.
    """

    def __init__(self, monitor, mode, min_delta=0.0):
        super().__init__()
        if not isinstance(monitor, str):
            raise TypeError(f"monitor must be the name of a logged value, e.g. 'val_loss', "
                            f"not {type(monitor).__name__} {monitor!r}")
        if mode not in ("auto", "min", "max"):
            raise ValueError(f"mode must be 'auto', 'min' or 'max', not {mode!r}")
        if number(min_delta, "min_delta") is None:  # (refuses a string; None here too)
            raise TypeError("min_delta must be a number, not None")
        self._guessed = mode == "auto"  # the direction to be found from the metric
        self._checked = False  # fit found the name among the logs it will write
        self.monitor = monitor
        self.mode = _guess(monitor) if mode == "auto" else mode
        self.min_delta = abs(float(min_delta))

    def _uses_monitor(self):
        """Whether this callback reads the monitored value (ModelCheckpoint only does
        with save_best_only=True)."""
        return True

    def _before_training(self, model, log_names, validating):
        """Settle the direction and check the name, before ``fit``'s first step.

        ``log_names``: the names an epoch's logs will have, or None when they cannot
        be known (a custom ``train_step``, or a callback of yours that
        may add values of its own); ``validating``: whether fit has validation data.
        """
        base = self.monitor.removeprefix("val_")
        if self._guessed:
            metric = next((m for m in model.metrics if m.name == base), None)
            direction = getattr(metric, "_direction", None)
            if direction is not None:
                self.mode = "max" if direction == "up" else "min"
            elif metric is not None and self.mode == "auto" and self._uses_monitor():
                self._undecided()
        if log_names is None or not self._uses_monitor():
            return
        if self.monitor in log_names:
            self._checked = True  # (a missing value later is an epoch without validation)
            return
        if self.monitor.startswith("val_") and not validating and base in log_names:
            raise ValueError(f"{type(self).__name__}(monitor={self.monitor!r}): val_ values "
                             f"come from validation data, and this fit has none. Pass "
                             f"validation_data=(x_val, y_val) or validation_split=0.2 to "
                             f"fit, or monitor the training value, monitor={base!r}.")
        raise ValueError(f"{type(self).__name__}(monitor={self.monitor!r}): the logs will "
                         f"have no such value; they will hold {', '.join(log_names)}. "
                         f"{did_you_mean(self.monitor, log_names)}Check the spelling (a "
                         f"metric is logged by its name, e.g. 'val_accuracy').")

    def _undecided(self):
        raise ValueError(f"{type(self).__name__}(monitor={self.monitor!r}): cannot tell "
                         f"whether {self.monitor!r} should grow or shrink (the metric has no "
                         f"direction, as a function of yours has not). Pass mode='max' if "
                         f"larger is better (an accuracy, an F1 score), mode='min' if "
                         f"smaller is (an error).")

    def _is_improvement(self, value, best):
        if best is None:
            return True
        if self.mode == "min":
            return value < best - self.min_delta
        return value > best + self.min_delta

    def _current(self, logs):
        """The monitored value in an epoch's logs, or None (with a warning) when they
        lack it: a val_ value of an epoch without validation (validation_freq=2), say."""
        logs = logs or {}
        value = logs.get(self.monitor)
        if value is not None:
            if self.mode == "auto":  # a value only a callback of yours logs, of a name
                self._undecided()    # that tells nothing
            return float(value)
        self._check_name(logs)
        if self._checked and self.monitor.startswith("val_"):
            why = "this epoch was not validated (validation_freq), so it is skipped"
        else:
            why = ("check its spelling (val_ values need validation data: "
                   "validation_data=... or validation_split=...)")
        warnings.warn(f"{type(self).__name__}: {self.monitor!r} is not in this epoch's logs "
                      f"({', '.join(logs)}); {why}", stacklevel=3)
        return None

    def _check_name(self, logs):
        """With mode="auto", a name the logs do not have at all (a typo: 'val_los') is an
        error, as in Keras, which cannot tell then whether it should grow or shrink.
        (fit checks every mode before training where it knows the names in advance.)"""
        names = {name.removeprefix("val_") for name in logs or {}}
        if self._guessed and self.monitor.removeprefix("val_") not in names:
            raise ValueError(f"{type(self).__name__}(monitor={self.monitor!r}): the logs have "
                             f"no such value; they hold {', '.join(logs or {}) or 'nothing'}. "
                             f"Check the spelling (a metric is logged by its name, e.g. "
                             f"'val_accuracy'), or pass mode='min' or mode='max'.")


def count(value, what):
    """A whole number of epochs >= 0 (``patience``, ``cooldown``), checked now, not
    compared with an int after the first epoch."""
    return count_of(value, what, least=0, unit="epochs")


def number(value, what):
    """A float, or None (``baseline``, ``min_lr``); refuses a string or a list."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{what} must be a number, not {type(value).__name__} {value!r}")
    return float(value)


class EarlyStopping(_Monitor):
    """Stops training when ``monitor`` has not improved for ``patience`` epochs.

    An improvement means better by more than ``min_delta``.  With a ``baseline``, an
    improvement that is still worse than the baseline does not reset the patience, so
    training stops ``patience`` epochs after the start unless the baseline is beaten.
    With ``restore_best_weights=True`` the model gets back the weights of its best
    epoch when training ends, early or not (Keras 3).

    Example::

        >>> keras.utils.set_random_seed(0)           # the same initial weights on every run
        >>> inputs = np.random.default_rng(0).normal(size=(64, 2)).astype("float32")
        >>> targets = (inputs[:, :1] + inputs[:, 1:] > 0).astype("float32")
        >>> model = keras.Sequential([layers.Dense(1)])
        >>> model.compile(optimizer="sgd", loss="mse")
        >>> stop = keras.callbacks.EarlyStopping(monitor="loss", min_delta=0.05, patience=2,
        ...                                      restore_best_weights=True)
        >>> history = model.fit(inputs, targets, epochs=50, verbose=0, callbacks=[stop])
        >>> print(len(history.epoch), "epochs of 50: two in a row gained less than 0.05")
        19 epochs of 50: two in a row gained less than 0.05
    """

    adds_logs = ()

    def __init__(self, monitor="val_loss", min_delta=0.0, patience=0, verbose=0, mode="auto",
                 baseline=None, restore_best_weights=False, start_from_epoch=0):
        super().__init__(monitor, mode, min_delta)
        self.patience = count(patience, "EarlyStopping: patience")
        self.verbose = verbose
        self.baseline = number(baseline, "EarlyStopping: baseline")
        self.restore_best_weights = restore_best_weights
        self.start_from_epoch = count(start_from_epoch, "EarlyStopping: start_from_epoch")
        EarlyStopping.on_train_begin(self)  # the counters exist before fit too (not a
        #                                    subclass's hook: it may need its __init__ first)

    def on_train_begin(self, logs=None):
        self.wait = 0
        self.stopped_epoch = 0
        self.best = None
        self.best_epoch = 0
        self.best_weights = None

    def on_epoch_end(self, epoch, logs=None):
        current = self._current(logs)
        if current is None or epoch < self.start_from_epoch:
            return
        if self.restore_best_weights and self.best_weights is None:
            self.best_weights = self.model.get_weights()  # the starting point counts
        self.wait += 1
        if self._is_improvement(current, self.best):
            self.best = current
            self.best_epoch = epoch
            if self.restore_best_weights:
                self.best_weights = self.model.get_weights()
            if self.baseline is None or self._is_improvement(current, self.baseline):
                self.wait = 0  # patience starts again only past the baseline too
            return
        if self.wait >= self.patience and epoch > 0:
            self.stopped_epoch = epoch
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        if self.stopped_epoch > 0 and self.verbose:
            print(f"Epoch {self.stopped_epoch + 1}: early stopping")
        if self.restore_best_weights and self.best_weights is not None:
            if self.verbose:
                print(f"Restoring model weights from the end of the best epoch: "
                      f"{self.best_epoch + 1}.")
            self.model.set_weights(self.best_weights)


def check_before_training(callbacks, model, validating):
    """What ``fit`` asks of its callbacks before the first step: each monitoring one
    settles its direction and checks its names against the logs fit will write."""
    names = _log_names(model, callbacks, validating)
    for callback in callbacks:
        if isinstance(callback, _Monitor):
            callback._before_training(model, names, validating)


def _log_names(model, callbacks, validating):
    """The names of an epoch's logs, in order (loss, metrics, their val_ values, what
    callbacks add), or None when they cannot be known before training: a custom
    train_step or test_step (or compute_metrics) may log anything, a subclassed model
    of several outputs logs per-output names known only at its first batch, and a
    callback of yours that has an on_epoch_end may log anything too, unless its class says what it adds (``adds_logs = ("val_f1",)``:
    read from the class itself, not inherited)."""
    from ..models.sequential import Sequential  # (the models import the callbacks)
    from ..models.trainer import Trainer
    steps = ("train_step", "test_step", "compute_metrics", "get_metrics_result")
    if any(getattr(type(model), step) is not getattr(Trainer, step) for step in steps):
        return None  # a method of yours makes the logs
    if model._output_names() is None and not isinstance(model, Sequential) and \
            model._compile_loss.output_names is None:
        return None  # a subclassed model's outputs, and their per-output names, are
        #              known only at the first batch
    names = [metric.name for metric in model.metrics]
    if validating:
        names += ["val_" + name for name in names]
    for callback in callbacks:
        adds = type(callback).__dict__.get("adds_logs")
        if adds is None:
            if _overrides(callback, "on_epoch_end"):
                return None
            continue
        names += [name for name in adds if name not in names]
    return names
