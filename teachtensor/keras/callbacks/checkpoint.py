"""ModelCheckpoint: save the model, or its weights, while it trains."""
import os
import string

from ..saving import check_path as _check_path
from .monitor import _Monitor

_WEIGHTS_NAMES = "'.weights.h5' (HDF5, needs h5py) or '.weights.npz' (a NumPy archive)"


class ModelCheckpoint(_Monitor):
    """Saves the model after each epoch (or only when ``monitor`` improves).

    What is saved follows the end of ``filepath``, as in Keras 3:

    * ``.keras``: the whole model, with ``model.save(path)``;
    * ``.weights.h5``, or ``.npz`` (teachtensor's NumPy archive, e.g.
      ``.weights.npz``): only the weights, with ``model.save_weights(path)``.

    ``save_weights_only=True`` asks for a weights file; a ``.keras`` name is then an
    error.  Names that fit neither are refused when the callback is created, before
    training.  ``filepath`` may contain ``{epoch}`` (counted from 1) and the names of
    the logs, formatted as by ``str.format``: ``"ckpt-{epoch:02d}-{val_loss:.2f}.keras"``.
    Missing folders are created.

    With ``save_best_only=True`` it saves only when ``monitor`` is better than its best
    so far (or than ``initial_value_threshold``). An epoch whose logs lack ``monitor``
    (an epoch without validation, with ``validation_freq=2``) is not saved, and a
    warning says so: Keras 3 saves it anyway, which would overwrite the best model with
    a worse one. A name that no epoch will log (a typo in ``monitor`` or in
    ``filepath``'s fields, a val_ value without validation data) is an error before
    training starts.

    Example::

        >>> keras.utils.set_random_seed(0)           # the same initial weights on every run
        >>> inputs = np.random.default_rng(0).normal(size=(64, 2)).astype("float32")
        >>> targets = (inputs[:, :1] + inputs[:, 1:] > 0).astype("float32")
        >>> model = keras.Sequential([layers.Dense(1)])
        >>> model.compile(optimizer="sgd", loss="mse")
        >>> import os, tempfile
        >>> path = os.path.join(tempfile.mkdtemp(), "model.weights.npz")
        >>> checkpoint = keras.callbacks.ModelCheckpoint(path, monitor="loss")
        >>> history = model.fit(inputs, targets, epochs=2, verbose=0, callbacks=[checkpoint])
        >>> print(os.path.exists(path))
        True
    """

    adds_logs = ()

    def __init__(self, filepath, monitor="val_loss", verbose=0, save_best_only=False,
                 save_weights_only=False, mode="auto", save_freq="epoch",
                 initial_value_threshold=None):
        super().__init__(monitor, mode)
        filepath = os.fspath(filepath)
        self.saves_weights = _names_weights(filepath)
        if save_weights_only and not self.saves_weights:
            raise ValueError(f"with save_weights_only=True, ModelCheckpoint saves only the "
                             f"weights, so the file name must end in {_WEIGHTS_NAMES}; got "
                             f"filepath={filepath!r}")
        if not self.saves_weights and not filepath.endswith(".keras"):
            legacy = (" (a plain '.h5' name would be Keras's old whole-model HDF5 format, "
                      "which teachtensor does not write)" if filepath.endswith(".h5") else "")
            raise ValueError(f"ModelCheckpoint: the file name must end in '.keras' (the whole "
                             f"model) or in {_WEIGHTS_NAMES}{legacy}; got filepath={filepath!r}")
        if self.saves_weights:
            _check_path(filepath)  # .h5 without h5py fails now, not after the first epoch
        if save_freq != "epoch":
            raise ValueError(f"teachtensor's ModelCheckpoint saves at the end of each epoch "
                             f"only (save_freq='epoch'); got save_freq={save_freq!r}")
        self.filepath = filepath
        self.verbose = verbose
        self.save_best_only = save_best_only
        self.save_weights_only = save_weights_only
        self.best = initial_value_threshold

    def _uses_monitor(self):
        return self.save_best_only

    def _before_training(self, model, log_names, validating):
        """The monitor's checks, and the fields of ``filepath``: each must be a value
        the logs will have (``{val_loss:.2f}`` needs validation data)."""
        super()._before_training(model, log_names, validating)
        if log_names is None:
            return
        try:
            fields = {name.split(".")[0].split("[")[0]
                      for _, name, _, _ in string.Formatter().parse(self.filepath) if name}
        except ValueError as err:
            raise ValueError(f"ModelCheckpoint: filepath={self.filepath!r} is not a valid "
                             f"format string ({err}); write a literal brace as {{{{ or }}}}")
        unknown = sorted(fields - set(log_names) - {"epoch"})
        if unknown:
            hint = (" (val_ values need validation data)"
                    if unknown[0].startswith("val_") and not validating else "")
            raise ValueError(f"ModelCheckpoint cannot fill in the file name "
                             f"{self.filepath!r}: the logs will have no {unknown[0]!r}{hint}; "
                             f"they will have: epoch, {', '.join(log_names)}")

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        path = self._file_name(epoch, logs)
        if not self._should_save(epoch, logs, path):
            return
        folder = os.path.dirname(path)
        if folder:
            os.makedirs(folder, exist_ok=True)
        if self.saves_weights:
            self.model.save_weights(path)
        else:
            self.model.save(path)
        if self.verbose:
            print(f"\nEpoch {epoch + 1}: finished saving model to {path}")

    def _file_name(self, epoch, logs):
        try:
            return self.filepath.format(epoch=epoch + 1, **logs)
        except KeyError as missing:
            raise KeyError(f"ModelCheckpoint cannot fill in the file name {self.filepath!r}: "
                           f"the logs have no {missing}; they have: epoch, "
                           f"{', '.join(logs)}") from None

    def _should_save(self, epoch, logs, path):
        """True when this epoch's model is to be saved; says why when ``verbose``."""
        if not self.save_best_only:  # (the monitor is not read: it does not matter)
            if self.verbose:
                print(f"\nEpoch {epoch + 1}: saving model to {path}")
            return True
        current = self._current(logs)  # (says so when the logs lack it)
        if current is None:
            return False  # no value, no evidence it is the best: the best file stays
        best = "None" if self.best is None else f"{self.best:.5f}"
        if not self._is_improvement(current, self.best):
            if self.verbose:
                print(f"\nEpoch {epoch + 1}: {self.monitor} did not improve from {best}")
            return False
        if self.verbose:
            print(f"\nEpoch {epoch + 1}: {self.monitor} improved from {best} to "
                  f"{current:.5f}, saving model to {path}")
        self.best = current
        return True


def _names_weights(filepath):
    """True for a name that says "weights": ``*.weights.h5`` or any ``*.npz``."""
    return filepath.endswith(".weights.h5") or filepath.endswith(".npz")
