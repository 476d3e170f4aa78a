"""Callbacks that watch one logged value: is it still improving?

``_Monitor`` holds what they share (which value, whether smaller or larger is better,
by how much it must change to count).  ``EarlyStopping`` is here; ``ModelCheckpoint``
(checkpoint.py) and ``ReduceLROnPlateau`` (learning_rate.py) build on it too.
"""
import warnings

from .base import Callback


class _Monitor(Callback):
    """Shared by EarlyStopping, ModelCheckpoint and ReduceLROnPlateau: is a monitored
    value an improvement?"""

    def __init__(self, monitor, mode, min_delta=0.0):
        super().__init__()
        if mode not in ("auto", "min", "max"):
            raise ValueError(f"mode must be 'auto', 'min' or 'max', not {mode!r}")
        self._guessed = mode == "auto"  # the direction guessed from the name
        if mode == "auto":  # accuracies and AUC grow, losses and errors shrink
            higher = any(word in monitor for word in ("acc", "auc", "precision", "recall"))
            mode = "max" if higher else "min"
        self.monitor = monitor
        self.mode = mode
        self.min_delta = abs(min_delta)

    def _is_improvement(self, value, best):
        if best is None:
            return True
        if self.mode == "min":
            return value < best - self.min_delta
        return value > best + self.min_delta

    def _current(self, logs):
        """The monitored value in an epoch's logs, or None (with a warning) when they
        lack it: a val_ value of an epoch without validation, say."""
        logs = logs or {}
        value = logs.get(self.monitor)
        if value is not None:
            return float(value)
        self._check_name(logs)
        warnings.warn(f"{type(self).__name__}: {self.monitor!r} is not in this epoch's logs "
                      f"({', '.join(logs)}); check its spelling (val_ values need "
                      f"validation data: validation_data=... or validation_split=...)",
                      stacklevel=3)
        return None

    def _check_name(self, logs):
        """With mode="auto", a name the logs do not have at all (a typo: 'val_los') is an
        error, as in Keras, which cannot tell then whether it should grow or shrink."""
        names = {name.removeprefix("val_") for name in logs or {}}
        if self._guessed and self.monitor.removeprefix("val_") not in names:
            raise ValueError(f"{type(self).__name__}(monitor={self.monitor!r}): the logs have "
                             f"no such value; they hold {', '.join(logs or {}) or 'nothing'}. "
                             f"Check the spelling (a metric is logged by its name, e.g. "
                             f"'val_accuracy'), or pass mode='min' or mode='max'.")


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

    def __init__(self, monitor="val_loss", min_delta=0.0, patience=0, verbose=0, mode="auto",
                 baseline=None, restore_best_weights=False, start_from_epoch=0):
        super().__init__(monitor, mode, min_delta)
        self.patience = patience
        self.verbose = verbose
        self.baseline = baseline
        self.restore_best_weights = restore_best_weights
        self.start_from_epoch = start_from_epoch

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
