"""Callbacks: objects that ``fit`` calls at fixed moments, to watch or steer training.

``fit`` calls ``on_train_begin``, then for each epoch ``on_epoch_begin``, for each batch
``on_train_batch_begin`` / ``on_train_batch_end``, and ``on_epoch_end`` with that
epoch's ``logs`` (``{"loss": ..., "accuracy": ..., "val_loss": ...}``), and finally
``on_train_end``.  A callback can stop training by setting ``self.model.stop_training =
True``.  Every fit has a ``History`` (what fit returns) and, when verbose, a
``ProgbarLogger`` (the progress bar); yours come before them.
"""
import math
import re

import numpy as np

from .log_numbers import as_numbers as _as_numbers
from .progbar import Progbar
from .saving import check_path as _check_path


class Callback:
    """Base class: override the hooks you need.  ``self.model`` is the model trained."""

    def __init__(self):
        self.model = None
        self.params = {}

    def set_model(self, model):
        self.model = model

    def set_params(self, params):
        self.params = params

    def on_train_begin(self, logs=None): pass
    def on_train_end(self, logs=None): pass
    def on_epoch_begin(self, epoch, logs=None): pass
    def on_epoch_end(self, epoch, logs=None): pass
    def on_batch_begin(self, batch, logs=None): pass
    def on_batch_end(self, batch, logs=None): pass
    def on_test_begin(self, logs=None): pass
    def on_test_end(self, logs=None): pass
    def on_test_batch_begin(self, batch, logs=None): pass
    def on_test_batch_end(self, batch, logs=None): pass
    def on_predict_begin(self, logs=None): pass
    def on_predict_end(self, logs=None): pass
    def on_predict_batch_begin(self, batch, logs=None): pass
    def on_predict_batch_end(self, batch, logs=None): pass

    def on_train_batch_begin(self, batch, logs=None):
        self.on_batch_begin(batch, logs)  # the older name of this hook

    def on_train_batch_end(self, batch, logs=None):
        self.on_batch_end(batch, logs)


class CallbackList:
    """Several callbacks called as one: ``callbacks.on_epoch_end(epoch, logs)``."""

    def __init__(self, callbacks=None, model=None, params=None):
        if isinstance(callbacks, Callback):
            callbacks = [callbacks]
        self.callbacks = list(callbacks or [])
        for c in self.callbacks:
            if not isinstance(c, Callback):
                raise TypeError(f"callbacks must be keras.callbacks.Callback objects, got "
                                f"{type(c).__name__} {c!r}")
        for c in self.callbacks:
            c.set_model(model)
            c.set_params(params or {})

    def __getattr__(self, hook):
        """``callbacks.on_train_batch_end(step, logs)`` calls the hook of each callback
        that has one of its own.

        The logs of a batch hold tensors (where the model computes).  They are turned
        into Python numbers once, for the callbacks that read them; the progress bar
        reads the tensors only when it redraws.  So a batch costs no copy from the
        device unless something looks at its numbers.
        """
        if not hook.startswith("on_"):
            raise AttributeError(hook)

        def call_all(*args):
            # Every hook gets its logs, as in Keras: on_train_begin(logs),
            # on_epoch_end(epoch, logs), ... (None when there are none yet).
            if len(args) < (2 if _TAKES_INDEX.search(hook) else 1):
                args = args + (None,)
            logs = args[-1] if isinstance(args[-1], dict) else None
            as_numbers = None
            for c in self.callbacks:
                if not _overrides(c, hook):
                    continue  # the base class's hook does nothing
                if logs is None or getattr(c, "reads_tensor_logs", False):
                    getattr(c, hook)(*args)
                    continue
                if as_numbers is None:
                    as_numbers = _as_numbers(logs)
                getattr(c, hook)(*args[:-1], as_numbers)
        return call_all


_TAKES_INDEX = re.compile(r"_(epoch|batch)_")  # on_epoch_begin(epoch, logs), ..._batch_...
_OLD_NAMES = {"on_train_batch_begin": "on_batch_begin", "on_train_batch_end": "on_batch_end"}


def _overrides(callback, hook):
    """True when ``callback`` (its class, or the object itself, as LambdaCallback sets
    its hooks) defines ``hook`` or its older name."""
    old = _OLD_NAMES.get(hook)
    if hook in vars(callback) or (old is not None and old in vars(callback)):
        return True
    cls = type(callback)
    if getattr(cls, hook, None) is not getattr(Callback, hook, None):
        return True
    return old is not None and getattr(cls, old) is not getattr(Callback, old)


class History(Callback):
    """Records each epoch's logs: ``history.history["loss"]`` is a list of floats."""

    def __init__(self):
        super().__init__()
        self.history = {}
        self.epoch = []

    def on_train_begin(self, logs=None):
        self.epoch = []

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(float(value))
        self.model.history = self


class ProgbarLogger(Callback):
    """Prints ``Epoch 1/5`` and the progress bar (``verbose=1``) or one line (``2``)."""

    reads_tensor_logs = True  # the bar turns values into numbers only when it redraws

    def __init__(self, count_mode="steps", verbose=1):
        super().__init__()
        self.verbose = verbose
        self._bar = None
        self._steps_done = 0

    def on_epoch_begin(self, epoch, logs=None):
        print(f"Epoch {epoch + 1}/{self.params.get('epochs', 1)}")
        self._new_bar()

    def on_train_batch_end(self, batch, logs=None):
        self._steps_done = batch + 1
        if self.verbose == 1:  # the bar throttles its redraws
            self._bar.update(batch + 1, list((logs or {}).items()), finalize=False)

    def on_epoch_end(self, epoch, logs=None):
        self._bar.update(self._steps_done, list((logs or {}).items()), finalize=True)

    def on_test_begin(self, logs=None):
        self._new_bar()

    def on_test_batch_end(self, batch, logs=None):
        self.on_train_batch_end(batch, logs)

    def on_test_end(self, logs=None):
        self._bar.update(self._steps_done, list((logs or {}).items()), finalize=True)

    def on_predict_begin(self, logs=None):
        self._new_bar()

    def on_predict_batch_end(self, batch, logs=None):
        self.on_train_batch_end(batch, None)

    def on_predict_end(self, logs=None):
        self._bar.update(self._steps_done, [], finalize=True)

    def _new_bar(self):
        self._steps_done = 0
        self._bar = Progbar(self.params.get("steps"), verbose=self.verbose)


class TerminateOnNaN(Callback):
    """Stops training as soon as the loss becomes NaN or infinite, and says so."""

    def on_train_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is not None and not math.isfinite(float(loss)):
            print(f"Batch {batch}: Invalid loss ({float(loss)}), terminating training")
            self.model.stop_training = True


class _Monitor(Callback):
    """Shared by EarlyStopping and ModelCheckpoint: is a monitored value an improvement?"""

    def __init__(self, monitor, mode, min_delta=0.0):
        super().__init__()
        if mode not in ("auto", "min", "max"):
            raise ValueError(f"mode must be 'auto', 'min' or 'max', not {mode!r}")
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
        value = (logs or {}).get(self.monitor)
        if value is None:
            print(f"{type(self).__name__}: the monitored value {self.monitor!r} is not in the "
                  f"logs; available: {', '.join(logs or {})}. (val_ keys need validation data)")
            return None
        return float(value)


class EarlyStopping(_Monitor):
    """Stops training when ``monitor`` has not improved for ``patience`` epochs.

    An improvement means better by more than ``min_delta``.  With
    ``restore_best_weights=True`` the model gets back the weights of its best epoch when
    training stops early.
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
        self.best = self.baseline
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
            self.wait = 0
            return
        if self.wait >= self.patience and epoch > 0:
            self.stopped_epoch = epoch
            self.model.stop_training = True
            if self.restore_best_weights:
                if self.verbose:
                    print(f"Restoring model weights from the end of the best epoch: "
                          f"{self.best_epoch + 1}.")
                self.model.set_weights(self.best_weights)

    def on_train_end(self, logs=None):
        if self.stopped_epoch > 0 and self.verbose:
            print(f"Epoch {self.stopped_epoch + 1}: early stopping")


class ModelCheckpoint(_Monitor):
    """Saves the model's weights after each epoch (or only when ``monitor`` improves).

    ``filepath`` may contain ``{epoch}`` and log names: ``"w.{epoch:02d}.weights.npz"``.
    teachtensor saves weights only; see ``keras/saving.py`` for the file formats.
    """

    def __init__(self, filepath, monitor="val_loss", verbose=0, save_best_only=False,
                 save_weights_only=True, mode="auto", save_freq="epoch",
                 initial_value_threshold=None):
        super().__init__(monitor, mode)
        if str(filepath).endswith(".keras"):
            raise ValueError(f"teachtensor's ModelCheckpoint saves weights only, not whole "
                             f".keras models; use a name ending in '.weights.npz', got "
                             f"{filepath!r}")
        _check_path(str(filepath))
        if save_freq != "epoch":
            raise ValueError("ModelCheckpoint supports save_freq='epoch' only")
        self.filepath = str(filepath)
        self.verbose = verbose
        self.save_best_only = save_best_only
        self.best = initial_value_threshold

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        path = self.filepath.format(epoch=epoch + 1, **logs)
        if self.save_best_only:
            current = self._current(logs)
            if current is None or not self._is_improvement(current, self.best):
                if self.verbose and current is not None:
                    print(f"\nEpoch {epoch + 1}: {self.monitor} did not improve from "
                          f"{self.best:.5f}")
                return
            if self.verbose:
                before = np.inf if self.best is None else self.best
                print(f"\nEpoch {epoch + 1}: {self.monitor} improved from {before:.5f} to "
                      f"{current:.5f}, saving model to {path}")
            self.best = current
        elif self.verbose:
            print(f"\nEpoch {epoch + 1}: saving model to {path}")
        self.model.save_weights(path)


class LambdaCallback(Callback):
    """A callback from functions: ``LambdaCallback(on_epoch_end=lambda epoch, logs: ...)``."""

    def __init__(self, **hooks):
        super().__init__()
        for name, fn in hooks.items():
            if not name.startswith("on_"):
                raise TypeError(f"LambdaCallback takes hooks named on_..., got {name!r}")
            setattr(self, name, fn)
