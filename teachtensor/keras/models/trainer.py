"""Training: ``compile``, ``fit``, ``evaluate`` and ``predict`` (mixed into ``Model``).

The heart of it is ``train_step``, the loop body the chapter writes by hand::

    with tf.GradientTape() as tape:
        predictions = model(x, training=True)       # forward pass, recorded
        loss = loss_fn(y, predictions)
    gradients = tape.gradient(loss, model.trainable_weights)
    optimizer.apply_gradients(zip(gradients, model.trainable_weights))

``fit`` runs it on every batch of every epoch and keeps the books around it: running
means of the loss and metrics, validation after each epoch, the callbacks (History,
the progress bar, early stopping...).  Override ``train_step`` to change what one step
does and keep the rest; it returns the logs, usually
``{m.name: m.result() for m in self.metrics}``.  ``self.metrics`` lists the running
loss ("loss"), the compiled metrics, then the metrics assigned as attributes
(``self.loss_tracker = keras.metrics.Mean(name="loss")``); ``compute_loss`` gives the
compiled loss of a batch.  The Keras 2 names ``self.compiled_loss`` and
``self.compiled_metrics`` work too (``keras2_compat.py``).
"""
import math
import warnings

import numpy as np

from ...tape import GradientTape
from ...tensor import wrap
from .. import optimizers as optimizers_module
from ..callbacks import CallbackList, History, ProgbarLogger, TerminateOnNaN
from ..callbacks.monitor import check_before_training
from ..keras_tensor import flatten, map_structure
from ..log_numbers import as_numbers
from ..loss_functions import binary_crossentropy
from . import data_adapter
from .compile_utils import (CompiledLoss, CompiledMetrics, LossTracker,
                            targets_by_output)
from .keras2_compat import Keras2CompiledLoss, Keras2CompiledMetrics
from .running_logs import RunningResults, warn_loss_not_finite
from .sample_weights import unpack_x_y_sample_weight


class Trainer:
    """compile / fit / evaluate / predict, for Model."""

    def _init_trainer(self):
        self.optimizer = None
        self._compile_loss = None     # compile_utils.CompiledLoss, once compiled
        self._compile_metrics = None  # compile_utils.CompiledMetrics, once compiled
        self.stop_training = False
        self.history = None
        self._loss_tracker = LossTracker("loss")
        # What compile() was asked for, kept as Keras keeps it.  teachtensor has no
        # graph to compile: every step runs eagerly, op by op, whatever these say.
        self.run_eagerly = False
        self.jit_compile = False

    # -- configuration ---------------------------------------------------------------
    def compile(self, optimizer="rmsprop", loss=None, metrics=None, loss_weights=None,
                weighted_metrics=None, run_eagerly=None, steps_per_execution=1,
                jit_compile=None):
        """Choose the optimizer, the loss and the metrics (names, objects or functions).

        ``metrics`` count every sample once; ``weighted_metrics`` count each by its
        sample weight (``fit(..., sample_weight=...)`` or ``class_weight``), as in Keras.
        A weighted metric named like an unweighted one is logged as "weighted_<name>".

        Everything is looked up first; an unknown name raises ValueError and leaves the
        model as it was.
        """
        new_optimizer = optimizers_module.get(optimizer)
        new_loss = CompiledLoss(loss, loss_weights)
        new_metrics = CompiledMetrics(metrics)
        new_metrics.weighted = CompiledMetrics(weighted_metrics, weighted=True,
                                               unweighted=new_metrics)
        names = self._output_names()
        if names is not None:  # a graph: losses and metrics matched to outputs now
            if loss is not None:
                new_loss.build(names)
            new_metrics.build(names)
        self.optimizer, self._compile_loss, self._compile_metrics = \
            new_optimizer, new_loss, new_metrics
        self.loss = loss
        # Keras's "auto" (and None) is False on a CPU, and eager steps are never compiled
        self.run_eagerly = bool(run_eagerly)
        self.jit_compile = jit_compile is True and not self.run_eagerly
        if jit_compile is True and self.run_eagerly:
            warnings.warn("compile(run_eagerly=True, jit_compile=True): an eager step is "
                          "not compiled, so jit_compile is turned off, as in Keras",
                          stacklevel=2)
        self._compile_arguments = {"optimizer": new_optimizer, "loss": loss,
                                   "metrics": metrics, "loss_weights": loss_weights,
                                   "weighted_metrics": weighted_metrics}

    @property
    def compiled(self):
        """True once compile() has chosen an optimizer and a loss."""
        return self._compile_loss is not None

    def _output_names(self):
        graph = getattr(self, "_graph", None)
        return None if graph is None else graph.output_names

    @property
    def metrics(self):
        """Every metric of the model, each with a ``.name``: once compiled, the running
        loss ("loss"), each output's loss (several outputs) and the compiled metrics;
        then the metrics assigned as attributes of the model and of its layers (not
        those of a model inside it, which has its own)."""
        metrics = []
        if self._compile_loss is not None:
            metrics = [self._loss_tracker] + self._compile_loss.trackers + \
                self._compile_metrics.metrics + self._compile_metrics.weighted.metrics
        for layer in [self] + _layers_below(self):
            for metric in layer._metrics_here():
                if not any(metric is seen for seen in metrics):
                    metrics.append(metric)
        return metrics

    @property
    def metrics_names(self):
        return [metric.name for metric in self.metrics]

    @property
    def compiled_loss(self):
        """Keras 2's ``self.compiled_loss(y, y_pred)`` (see ``keras2_compat.py``)."""
        return Keras2CompiledLoss(self)

    @property
    def compiled_metrics(self):
        """Keras 2's ``self.compiled_metrics.update_state(y, y_pred)``."""
        return Keras2CompiledMetrics(self)

    def reset_metrics(self):
        for metric in self.metrics:
            metric.reset_state()

    def _check_compiled(self, what):
        if self.optimizer is None:
            raise RuntimeError(f"You must call compile() before {what}(): "
                               f"model.compile(optimizer='rmsprop', loss='mean_squared_error')")
        if what in ("fit", "train_on_batch") and self._compile_loss.fn is None and \
                type(self).train_step is Trainer.train_step:  # (a custom step may not need it)
            raise ValueError("the model was compiled without a loss, so fit() has nothing "
                             "to minimize: model.compile(optimizer=..., loss=...)")

    def _check_targets(self, batches, what):
        """Arrays of targets must fit the outputs of a model made from a graph (one
        array per output, by position or by name); checked before the first step.  (A
        Dataset's targets, or a subclassed model's outputs, are only seen at the first
        step, which fails before the weights change.)"""
        if isinstance(batches, data_adapter.ArrayBatches):
            _check_binary_labels(self._compile_loss.fn, batches.y, what)
        names = self._output_names()
        if names is None or self._compile_loss.fn is None or \
                not isinstance(batches, data_adapter.ArrayBatches):
            return
        targets_by_output(batches.y, names, what)

    # -- one step -------------------------------------------------------------------
    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        """The loss of one batch (a scalar tensor): ``loss = self.compute_loss(x=x, y=y,
        y_pred=y_pred)`` in a hand-written train_step.  It is the compiled loss plus the
        model's penalties, ``self.losses`` (regularizers, ``add_loss``), as in Keras 3,
        so the logged ``loss`` of ``fit`` and ``evaluate`` includes them.  It does not
        count the loss into the logged running mean; the built-in steps do that."""
        if self._compile_loss is None:
            raise RuntimeError("compute_loss: the model has not been compiled yet; call "
                               "model.compile(optimizer=..., loss=...) first")
        loss = self._compile_loss(y, y_pred, sample_weight)
        penalties = self.losses
        if penalties and loss.ndim:
            raise ValueError(
                f"the compiled loss gives one value per sample (shape {list(loss.shape)}: "
                f"a loss with reduction='none'), which cannot be added to the model's "
                f"{len(penalties)} penalties (regularizers, add_loss); compile with a loss "
                f"that reduces, such as reduction='sum_over_batch_size' (the default)")
        for penalty in penalties:
            loss = loss + penalty
        return loss

    def compute_metrics(self, x, y, y_pred, sample_weight=None):
        """Update the compiled metrics and return every running value, loss first."""
        self._compile_metrics.update_state(y, y_pred, sample_weight)
        return self.get_metrics_result()

    def get_metrics_result(self):
        """``{name: result}`` for every metric of ``self.metrics``, each result computed
        when it is first read (``RunningResults``)."""
        return RunningResults(self.metrics)

    def _running_loss_total(self):
        """The loss tracker's running total as it is now: a tensor sharing its array (no
        operation, no copy).  It turns NaN or inf at the batch where the loss did, which
        is all the warning below needs to name that batch."""
        total = self._loss_tracker.total
        return wrap(total._lend(), total._backend)

    def _track_loss(self, loss, y_pred):
        """Count a batch's loss into the running "loss" (and each output's loss)."""
        batch_size = _batch_size(y_pred)
        self._loss_tracker.update_state(loss, batch_size)
        self._compile_loss.update_trackers()

    def train_step(self, data):
        """One gradient-descent step on a batch ``(x, y)`` or ``(x, y, sample_weight)``;
        returns the running logs."""
        x, y, sample_weight = unpack_x_y_sample_weight(data)
        with GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x, y, y_pred, sample_weight)
        weights = self.trainable_weights
        gradients = tape.gradient(loss, weights)
        # The books first: a metric that rejects the labels then fails before any weight
        # has moved (the numbers are the same, y_pred was computed before the update).
        self._track_loss(loss, y_pred)
        logs = self.compute_metrics(x, y, y_pred, sample_weight)
        self.optimizer.apply_gradients(zip(gradients, weights))
        return logs

    def test_step(self, data):
        """The loss and metrics of a batch, without training."""
        x, y, sample_weight = unpack_x_y_sample_weight(data)
        y_pred = self(x, training=False)
        self._track_loss(self.compute_loss(x, y, y_pred, sample_weight), y_pred)
        return self.compute_metrics(x, y, y_pred, sample_weight)

    def predict_step(self, data):
        x = data[0] if isinstance(data, tuple) else data
        return self(x, training=False)

    # -- the loops ---------------------------------------------------------------------
    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None,
            validation_split=0.0, validation_data=None, shuffle=True, class_weight=None,
            sample_weight=None, initial_epoch=0, steps_per_epoch=None,
            validation_steps=None, validation_batch_size=None, validation_freq=1):
        """Train for ``epochs`` passes over the data; returns a ``History``.
        ``sample_weight`` / ``class_weight`` weight the samples (``sample_weights.py``)."""
        self._check_compiled("fit")
        validation_freq = _positive(validation_freq, "validation_freq", "epochs")
        if shuffle == "batch":  # Keras's option to shuffle batch-sized chunks: here the
            shuffle = True      # samples themselves are shuffled (a finer mix, as good)
        elif isinstance(shuffle, str) or shuffle not in (True, False):
            raise ValueError(f"shuffle must be True, False or 'batch', got {shuffle!r}")
        for value, what in ((epochs, "epochs"), (initial_epoch, "initial_epoch")):
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
                raise ValueError(f"{what} must be a whole number, 0 or more, got {value!r}")
        if validation_split and validation_data is None:
            (x, y, sample_weight), validation_data = data_adapter.split_validation(
                x, y, validation_split, sample_weight)
        train = data_adapter.make_batches(x, y, batch_size, shuffle, needs_targets=True,
                                          sample_weight=sample_weight,
                                          class_weight=class_weight, steps=steps_per_epoch)
        val = None
        if validation_data is not None:
            vx, vy, vw = data_adapter.unpack_validation_data(validation_data)
            val = data_adapter.make_batches(vx, vy, validation_batch_size or batch_size,
                                            False, needs_targets=True, what="validation",
                                            sample_weight=vw, steps=validation_steps)
        self._check_targets(train, "y")  # (before any state changes: a wrong y costs nothing)
        if val is not None:
            self._check_targets(val, "the validation y")
            data_adapter.check_same_features(train, val)
        if steps_per_epoch is not None:  # each epoch goes on where the last one stopped
            train = data_adapter.StepsPerEpoch(train, _positive(steps_per_epoch,
                                                                "steps_per_epoch"))
        if validation_steps is not None:  # (validation starts its data again each time)
            validation_steps = _positive(validation_steps, "validation_steps")
        verbose = _verbose(verbose)
        history = History()
        steps = train.steps
        # Warn once if the loss becomes NaN or inf, unless TerminateOnNaN watches it.
        watch_loss = not any(isinstance(c, TerminateOnNaN) for c in _as_list(callbacks))
        callbacks = CallbackList(
            _as_list(callbacks) + [history] + ([ProgbarLogger(verbose=verbose)] if verbose else []),
            model=self, params={"verbose": verbose, "epochs": epochs, "steps": steps})
        check_before_training(callbacks.callbacks, self, val is not None)  # (a misspelt
        #   monitor, or a val_ one without validation data, fails before any step)
        self.stop_training = False
        callbacks.on_train_begin()
        logs = {}
        for epoch in range(initial_epoch, epochs):
            self.reset_metrics()
            callbacks.on_epoch_begin(epoch)
            logs = {}
            losses = []  # the running loss total after each batch, left on the device
            for step, batch in enumerate(train.epoch()):
                callbacks.on_train_batch_begin(step)
                with _state_kept_if_it_fails(self):
                    logs = self.train_step(batch)
                losses.append(self._running_loss_total())
                callbacks.on_train_batch_end(step, logs)
                if self.stop_training:
                    break
            if not losses and epoch > initial_epoch:  # a generator (or iterator) ran dry
                warnings.warn(
                    f"The data ran out after {epoch - initial_epoch} of the {epochs - initial_epoch} "
                    f"epochs, so training stops here. A generator is read once: make it "
                    f"loop forever and pass steps_per_epoch, or use a tf.data.Dataset, "
                    f"which starts again each epoch.", stacklevel=2)
                break
            logs = _floats(logs)  # the running means after the epoch's last step
            if val is not None and (epoch + 1) % validation_freq == 0:
                val_logs = self._run_evaluation(val, callbacks,  # (on_test_begin, ...)
                                                validation_steps)
                logs.update({"val_" + name: value for name, value in val_logs.items()})
            callbacks.on_epoch_end(epoch, logs)
            if watch_loss and not math.isfinite(logs.get("loss", 0.0)):
                warn_loss_not_finite(epoch, losses)  # (after the epoch's progress bar)
                watch_loss = False
            if self.stop_training:
                break
        callbacks.on_train_end(logs)
        return history

    def evaluate(self, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None,
                 steps=None, callbacks=None, return_dict=False):
        """The loss (and metrics) on the given data: a float, or ``[loss, *metrics]``."""
        self._check_compiled("evaluate")
        data = data_adapter.make_batches(x, y, batch_size, False, needs_targets=True,
                                         what="evaluate", sample_weight=sample_weight,
                                         steps=steps)
        self._check_targets(data, "y")
        verbose = _verbose(verbose)
        callbacks = CallbackList(
            _as_list(callbacks) + ([ProgbarLogger(verbose=verbose)] if verbose else []),
            model=self, params={"verbose": verbose, "steps": steps or data.steps})
        return self._results(self._run_evaluation(data, callbacks, steps), return_dict)

    def _results(self, logs, as_dict):
        """The logs as ``evaluate`` returns them: a dict, or a list in Keras 3's order;
        one value alone as a number.

        Keras lists the logs found under the names of its metrics — the loss, each
        compiled metric by its own name ("accuracy", also for the "cls_accuracy" of an
        output), each output's loss, then the model's own metrics — and after them
        every other log, by sorted name.  So a model of several outputs lists its
        metrics in sorted order ("cls_accuracy" before "reg_mae"), and a name listed
        twice (a metric in both metrics and weighted_metrics) gives its value twice,
        as in Keras: unpack the list as Keras would, or ask for return_dict=True."""
        if as_dict:
            return logs
        names = self._names_in_keras_order()
        values = [logs[name] for name in names if name in logs] + \
            [logs[key] for key in sorted(logs) if key not in names]
        return values[0] if len(values) == 1 else values

    def _names_in_keras_order(self):
        """The metric names Keras's list of results follows (``_results``)."""
        if self._compile_loss is None:
            return self.metrics_names
        compiled = self._compile_metrics.metrics + self._compile_metrics.weighted.metrics
        names = [self._loss_tracker.name] + \
            [getattr(metric, "name_in_list", metric.name) for metric in compiled] + \
            [tracker.name for tracker in self._compile_loss.trackers]
        listed = {id(metric) for metric in compiled + self._compile_loss.trackers}
        return names + [metric.name for metric in self.metrics[1:] if id(metric) not in listed]

    # -- one batch at a time: the training loops you write yourself ------------------
    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None,
                       return_dict=False):
        """One ``train_step`` on the batch (x, y), for a loop of your own (a GAN's two
        models take turns so).  The metrics start afresh at each call, as in Keras 3, so
        the result is this batch's: the loss, or ``[loss, *metrics]`` (a dict with
        ``return_dict=True``)."""
        self._check_compiled("train_on_batch")
        batch = self._one_batch(x, y, "train_on_batch", sample_weight, class_weight)
        self.reset_metrics()
        with _state_kept_if_it_fails(self):
            logs = self.train_step(batch)
        return self._results(_floats(logs), return_dict)

    def test_on_batch(self, x, y=None, sample_weight=None, return_dict=False):
        """The loss (and metrics) of one batch, without training: ``evaluate`` of a
        single batch."""
        self._check_compiled("test_on_batch")
        batch = self._one_batch(x, y, "test_on_batch", sample_weight)
        self.reset_metrics()
        return self._results(_floats(self.test_step(batch)), return_dict)

    def predict_on_batch(self, x):
        """The model's outputs for one batch, as NumPy arrays (``predict`` without the
        batching)."""
        batch = data_adapter.one_batch(x, None, needs_targets=False, what="predict_on_batch")
        return map_structure(lambda t: t.numpy(), self.predict_step(batch.whole()))

    def _one_batch(self, x, y, what, sample_weight=None, class_weight=None):
        batch = data_adapter.one_batch(x, y, needs_targets=True, what=what,
                                       sample_weight=sample_weight, class_weight=class_weight)
        self._check_targets(batch, "y")
        return batch.whole()

    def _run_evaluation(self, data, callbacks, steps=None):
        self.reset_metrics()
        callbacks.on_test_begin()
        logs = {}
        for step, batch in enumerate(data.epoch()):
            if steps is not None and step >= steps:
                break
            callbacks.on_test_batch_begin(step)
            logs = self.test_step(batch)
            callbacks.on_test_batch_end(step, logs)
        logs = _floats(logs)
        callbacks.on_test_end(logs)
        return logs

    def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None):
        """The model's outputs for ``x``, batch by batch, as one NumPy array."""
        data = data_adapter.make_batches(x, None, batch_size, False, needs_targets=False,
                                         what="predict", steps=steps)
        verbose = _verbose(verbose)
        callbacks = CallbackList(
            _as_list(callbacks) + ([ProgbarLogger(verbose=verbose)] if verbose else []),
            model=self, params={"verbose": verbose, "steps": steps or data.steps})
        callbacks.on_predict_begin()
        outputs = []
        for step, (x_batch, _) in enumerate(data.epoch()):
            if steps is not None and step >= steps:
                break
            callbacks.on_predict_batch_begin(step)
            outputs.append(map_structure(lambda t: t.numpy(), self.predict_step(x_batch)))
            callbacks.on_predict_batch_end(step, {"outputs": outputs[-1]})
        callbacks.on_predict_end()
        if not outputs:
            raise ValueError("predict received no data (x is empty)")
        if len(outputs) == 1:
            return outputs[0]
        # several outputs: each one's batches joined (a list or dict, as the model returns)
        return _join_batches(outputs)


class _state_kept_if_it_fails:
    """``with _state_kept_if_it_fails(model): train_step(...)``: if the step fails, the
    non-trainable weights get back the arrays they had before it.  They are the ones
    the forward pass itself changes (BatchNormalization's moving statistics); the
    optimizer undoes its own writes (``optimizer_step.py``), so a failed step changes
    nothing.  Cheap: an assign swaps in a new array, so keeping the old ones costs no
    copy."""

    def __init__(self, model):
        self.kept = [(v, v._data, v._shared) for v in model.non_trainable_weights] \
            if model.built else []

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if kind is not None:
            for variable, data, _ in self.kept:
                # shared: the step may have lent the old array to a tensor it made, so
                # the variable must copy before writing into it (copy-on-write)
                variable._replace_data(data, shared=True)
        return False


def _floats(logs):
    return as_numbers(logs)  # (in one copy from the device)


def _join_batches(batches):
    first = batches[0]
    if isinstance(first, dict):
        return {key: _join_batches([b[key] for b in batches]) for key in first}
    if isinstance(first, (list, tuple)):
        return type(first)(_join_batches([b[i] for b in batches]) for i in range(len(first)))
    return np.concatenate(batches)


def _layers_below(layer):
    """Every layer inside ``layer``, depth first, leaving out models inside it (a model
    keeps its own metrics, as in Keras)."""
    found = []
    for sub in layer._sublayers():
        if not isinstance(sub, Trainer):
            found.append(sub)
            found.extend(_layers_below(sub))
    return found


def _batch_size(y_pred):
    """The number of samples in a batch of predictions (of one output or several)."""
    first = flatten(y_pred)[0]
    return first.shape[0] if len(first.shape) else 1


def _check_binary_labels(loss, y, what):
    """Targets of a binary crossentropy are 0 or 1 (or probabilities, a little noise
    included): a label of -1 or 2 (hinge's -1/1, three classes) gives a loss that
    means nothing, without an error in Keras. Checked once, on the arrays given to fit
    or evaluate (a loss called in a train_step of yours is left alone: a GAN's labels
    of 1.05 are on purpose)."""
    if getattr(loss, "fn", None) is not binary_crossentropy or \
            not isinstance(y, np.ndarray) or not y.size or y.dtype.kind not in "iuf":
        return
    low, high = y.min(), y.max()
    if low <= -1 or high >= 2:
        raise ValueError(f"binary_crossentropy expects labels of 0 or 1 (or probabilities "
                         f"between them); {what} goes from {low:g} to {high:g}. For -1/1 "
                         f"labels use (y + 1) / 2; for more than two classes, "
                         f"sparse_categorical_crossentropy with a softmax output.")


def _positive(steps, what, unit="batches"):
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps <= 0:
        raise ValueError(f"{what} must be a positive whole number of {unit}, got {steps!r}")
    return int(steps)


def _verbose(verbose):
    if verbose == "auto":
        return 1
    if verbose not in (0, 1, 2):
        raise ValueError(f"verbose must be 0, 1, 2 or 'auto', got {verbose!r}")
    return verbose


def _as_list(callbacks):
    if callbacks is None:
        return []
    return list(callbacks) if isinstance(callbacks, (list, tuple)) else [callbacks]
