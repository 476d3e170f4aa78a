"""The machinery of callbacks, and the ones every fit uses.

``Callback`` (the base class, whose hooks do nothing), ``CallbackList`` (calls a hook
of several callbacks, with the logs turned into numbers), ``History`` and
``ProgbarLogger`` (which fit adds itself), ``TerminateOnNaN`` and ``LambdaCallback``.
"""
import math
import re
import warnings
from collections.abc import Mapping

from ..log_numbers import as_numbers as _as_numbers
from ..progbar import Progbar
from ..suggestions import did_you_mean


class Callback:
    """Base class: override the hooks you need.  ``self.model`` is the model trained.

    Example::

        >>> keras.utils.set_random_seed(0)           # the same initial weights on every run
        >>> inputs = np.random.default_rng(0).normal(size=(64, 2)).astype("float32")
        >>> targets = (inputs[:, :1] + inputs[:, 1:] > 0).astype("float32")
        >>> model = keras.Sequential([layers.Dense(1)])
        >>> model.compile(optimizer="sgd", loss="mse")
        >>> class PrintEpoch(keras.callbacks.Callback):
        ...     def on_epoch_end(self, epoch, logs=None):
        ...         print(f"epoch {epoch}: loss {logs['loss']:.3f}")

        >>> history = model.fit(inputs, targets, epochs=2, verbose=0, callbacks=[PrintEpoch()])
        epoch 0: loss 1.229
        epoch 1: loss 1.134
    """

    # The names a callback class adds to an epoch's logs (ReduceLROnPlateau:
    # "learning_rate"). None, the default: not known (a callback of yours may add any),
    # so fit cannot check a monitored name before training (monitor.check_before_training).
    adds_logs = None

    def __init__(self):
        self.model = None
        self.params = {}

    def __init_subclass__(cls, **kwargs):
        """A method named like a hook but not one (``on_epoch_ned``) would never be
        called: say so when the class is defined."""
        super().__init_subclass__(**kwargs)
        for name in vars(cls):
            close = name.startswith("on_") and name not in HOOKS and did_you_mean(name, HOOKS)
            if close:  # (on_improvement, a helper of yours, is like no hook: no warning)
                warnings.warn(f"{cls.__name__}.{name} is not a callback hook, so fit will "
                              f"never call it. {close}The hooks are: {', '.join(HOOKS)}",
                              stacklevel=2)

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


HOOKS = tuple(name for name in vars(Callback) if name.startswith("on_"))


class CallbackList:
    """Several callbacks called as one: ``callbacks.on_epoch_end(epoch, logs)``.

    Example::

        >>> calls = keras.callbacks.CallbackList([keras.callbacks.LambdaCallback(
        ...     on_epoch_end=lambda epoch, logs: print("epoch", epoch, logs))])
        >>> calls.on_epoch_end(0, {"loss": 0.5})
        epoch 0 {'loss': 0.5}
    """

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

        All the callbacks of one call share that dict of numbers, so what one of them
        adds (``ReduceLROnPlateau`` adds ``learning_rate``) is seen by those after it:
        by ``History``, and by the progress bar, which comes last.
        """
        if not hook.startswith("on_"):
            raise AttributeError(hook)

        def call_all(*args):
            # Every hook gets its logs, as in Keras: on_train_begin(logs),
            # on_epoch_end(epoch, logs), ... (None when there are none yet).
            if len(args) < (2 if _TAKES_INDEX.search(hook) else 1):
                args = args + (None,)
            logs = args[-1] if isinstance(args[-1], Mapping) else None
            as_numbers = None
            for c in self.callbacks:
                if not _overrides(c, hook):
                    continue  # the base class's hook does nothing
                if logs is None or (as_numbers is None and
                                    getattr(c, "reads_tensor_logs", False)):
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
    """Records each epoch's logs: ``history.history["loss"]`` is a list of floats.

    Example::

        >>> keras.utils.set_random_seed(0)           # the same initial weights on every run
        >>> inputs = np.random.default_rng(0).normal(size=(64, 2)).astype("float32")
        >>> targets = (inputs[:, :1] + inputs[:, 1:] > 0).astype("float32")
        >>> model = keras.Sequential([layers.Dense(1)])
        >>> model.compile(optimizer="sgd", loss="mse")
        >>> history = model.fit(inputs, targets, epochs=2, verbose=0)
        >>> print(isinstance(history, keras.callbacks.History))     # what fit returns
        True
        >>> print(history.epoch, list(history.history))
        [0, 1] ['loss']
    """

    adds_logs = ()

    def __init__(self):
        super().__init__()
        self.history = {}
        self.epoch = []

    def on_train_begin(self, logs=None):
        self.epoch = []

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for key, value in (logs or {}).items():
            # (a metric of several thresholds logs an array: kept as it is, as in Keras)
            self.history.setdefault(key, []).append(
                value if getattr(value, "ndim", 0) else float(value))
        self.model.history = self


class ProgbarLogger(Callback):
    """Prints ``Epoch 1/5`` and the progress bar (``verbose=1``) or one line (``2``).

    Example::

        >>> keras.utils.set_random_seed(0)           # the same initial weights on every run
        >>> inputs = np.random.default_rng(0).normal(size=(64, 2)).astype("float32")
        >>> targets = (inputs[:, :1] + inputs[:, 1:] > 0).astype("float32")
        >>> model = keras.Sequential([layers.Dense(1)])
        >>> model.compile(optimizer="sgd", loss="mse")
        >>> history = model.fit(inputs, targets, epochs=1, verbose=0,
        ...                     callbacks=[keras.callbacks.ProgbarLogger(verbose=2)])
        Epoch 1/1
        2/2 - ...s - ...s/step - loss: 1.2287
    """

    adds_logs = ()

    reads_tensor_logs = True  # the bar turns values into numbers only when it redraws

    def __init__(self, count_mode="steps", verbose=1):
        super().__init__()
        self.verbose = verbose
        self._bar = None
        self._steps_done = 0
        self._in_fit = False  # fit's validation draws no bar of its own: its numbers
        #                       join the epoch's line as val_...

    def on_train_begin(self, logs=None):
        self._in_fit = True

    def on_train_end(self, logs=None):
        self._in_fit = False

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
        if not self._in_fit:
            self._new_bar()

    def on_test_batch_end(self, batch, logs=None):
        if not self._in_fit:
            self.on_train_batch_end(batch, logs)

    def on_test_end(self, logs=None):
        if not self._in_fit:
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
    """Stops training as soon as the loss becomes NaN or infinite, and says so.

    Example::

        >>> keras.utils.set_random_seed(0)           # the same initial weights on every run
        >>> inputs = np.random.default_rng(0).normal(size=(64, 2)).astype("float32")
        >>> targets = (inputs[:, :1] + inputs[:, 1:] > 0).astype("float32")
        >>> model = keras.Sequential([layers.Dense(1)])
        >>> model.compile(optimizer="sgd", loss="mse")
        >>> history = model.fit(inputs, targets, epochs=1, verbose=0,
        ...                     callbacks=[keras.callbacks.TerminateOnNaN()])
        >>> print(len(history.epoch), "epoch: no NaN loss, no stop")
        1 epoch: no NaN loss, no stop
    """

    adds_logs = ()

    def on_train_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is not None and not math.isfinite(float(loss)):
            print(f"Batch {batch}: Invalid loss ({float(loss)}), terminating training")
            self.model.stop_training = True


class LambdaCallback(Callback):
    """A callback from functions: ``LambdaCallback(on_epoch_end=lambda epoch, logs: ...)``.

    Example::

        >>> keras.utils.set_random_seed(0)           # the same initial weights on every run
        >>> inputs = np.random.default_rng(0).normal(size=(64, 2)).astype("float32")
        >>> targets = (inputs[:, :1] + inputs[:, 1:] > 0).astype("float32")
        >>> model = keras.Sequential([layers.Dense(1)])
        >>> model.compile(optimizer="sgd", loss="mse")
        >>> log = keras.callbacks.LambdaCallback(
        ...     on_epoch_end=lambda epoch, logs: print("epoch", epoch))
        >>> history = model.fit(inputs, targets, epochs=2, verbose=0, callbacks=[log])
        epoch 0
        epoch 1
    """

    def __init__(self, **hooks):
        super().__init__()
        for name, fn in hooks.items():
            if name not in HOOKS:
                raise TypeError(f"LambdaCallback has no hook {name!r}. "
                                f"{did_you_mean(name, HOOKS)}The hooks are: {', '.join(HOOKS)}")
            if not callable(fn):
                raise TypeError(f"LambdaCallback({name}=...) takes a function, e.g. "
                                f"lambda epoch, logs: print(epoch); got "
                                f"{type(fn).__name__} {fn!r}")
            setattr(self, name, fn)
