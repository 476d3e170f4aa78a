"""What ``compile(loss=..., metrics=[...])`` turns into: a loss function and a list of
metrics, each under the name that ``fit`` logs it with.

The one subtle rule is ``"accuracy"``.  Which accuracy is meant depends on the data:
one output unit (a probability) means binary accuracy; integer labels (lower rank than
the predictions, or a last axis of 1) mean sparse categorical accuracy; one-hot labels
mean categorical accuracy.  So ``"accuracy"`` becomes an ``AutoAccuracy``, resolved
when the first batch shows the shapes — and still logged as ``"accuracy"``, the name
the user wrote.

A model of several outputs takes a loss per output (a list in the order of the
outputs, or a dict by output name), optionally weighted (``loss_weights``); the loss
it minimizes is the weighted sum, and each output's own loss is logged as
``<output>_loss``.  Metrics likewise: a list of lists or a dict by output name, logged
as ``<output>_<metric>`` (``department_accuracy``).

Results stay tensors (on the device where the model computes): ``result()`` returns
them, and ``fit`` turns them into Python numbers only when it writes the logs.
"""
import numpy as np

from ...ops.core import cast
from ...tensor import convert_to_tensor
from .. import losses as losses_module
from .. import metrics as metrics_module
from ..metric_base import Mean, MeanMetricWrapper, Metric

_ACCURACY_NAMES = ("accuracy", "acc")


class LossTracker(Mean):
    """The running mean of the batch losses, weighted by batch sizes: how ``loss`` is
    logged over an epoch (as Keras does, a ``Mean`` metric named "loss")."""

    _direction = "down"  # a loss: smaller is better

    def __init__(self, name="loss"):
        super().__init__(name=name)

    def update_state(self, value, sample_weight=None):
        value = cast(value, self.dtype)
        if value.ndim:
            # Per-sample losses (reduction="none"): Mean's rules, as Keras 3 applies
            # them: weighted by the batch size, the batch's mean counts that many times;
            # unweighted (each output's loss), every sample counts once.
            return super().update_state(value, sample_weight)
        weight = 1.0 if sample_weight is None else float(sample_weight)
        self.total.assign_add(value * weight)
        self.count.assign_add(weight)


class CompiledLoss:
    """The compiled loss: ``loss(y_true, y_pred)``, for several outputs the weighted sum
    of one loss per output.

    The losses reduce themselves: with Keras's default reduction a batch's loss is the
    mean over its samples, a scalar.  A loss built with ``reduction="none"`` gives one
    value per sample, and Keras 3 keeps that vector: ``tape.gradient`` of a vector is the
    gradient of its *sum*, so such a model trains as with ``reduction="sum"``, while
    ``fit`` logs the vector's mean."""

    def __init__(self, identifier, loss_weights=None):
        self.identifier = identifier
        self.loss_weights = loss_weights
        self.fn = None if identifier is None else _per_output(identifier, losses_module.loss_object)
        self.output_names = None
        self.trackers = []  # multi-output: the running mean of each output's loss

    def build(self, output_names):
        """Match the losses (and weights) to the outputs, by position or by name."""
        self.output_names = list(output_names)
        self.fns = match_outputs(self.fn, self.output_names, "loss",
                          broadcast=not isinstance(self.fn, (list, tuple)))
        weights = self.loss_weights
        self.weights = [1.0] * len(self.output_names) if weights is None else \
            [float(w) for w in match_outputs(weights, self.output_names, "loss_weights",
                                      broadcast=False)]
        # Each output's loss is logged when there are two or more (as Keras does); an
        # output without a loss (None in the list or dict) has none to log.
        with_loss = [name for name, fn in zip(self.output_names, self.fns) if fn is not None]
        if isinstance(self.fn, dict):  # in the order the loss dict was written (Keras's)
            with_loss = [name for name in self.fn if name in with_loss] + \
                [name for name in with_loss if name not in self.fn]
        self.trackers = [LossTracker(f"{name}_loss") for name in with_loss] \
            if len(with_loss) > 1 else []

    def __call__(self, y_true, y_pred, sample_weight=None):
        """The loss of a batch; ``sample_weight``: one array for every output, or a
        list or dict of one per output (None: every sample counts once)."""
        if self.fn is None:
            raise ValueError("the model was compiled without a loss: call "
                             "model.compile(optimizer=..., loss=...) with a loss first")
        if self.output_names is None:
            self.build(output_names_of(y_pred))
        total = None
        self.output_losses = []
        for fn, weight, truth, pred, samples in zip(
                self.fns, self.weights, targets_by_output(y_true, self.output_names),
                outputs_in_order(y_pred, self.output_names),
                by_output(sample_weight, self.output_names)):
            if fn is None:
                continue  # an output without a loss (None in the list or dict)
            # A loss built with reduction="none" gives one value per sample; it is
            # kept so (as in Keras 3): the gradient of a vector is that of its sum, and
            # the trackers log its mean.
            value = fn(truth, pred) if samples is None else fn(truth, pred, samples)
            self.output_losses.append(value)
            term = value if weight == 1.0 else value * weight
            total = term if total is None else total + term
        return total

    def update_trackers(self):
        """After a step: each output's loss into its running mean (multi-output).

        As in Keras 3, each batch counts once here, whatever its size, while the total
        ``loss`` weights batches by their size: with a partial last batch the logged
        ``priority_loss + department_loss`` is then not exactly ``loss``."""
        for tracker, value in zip(self.trackers, self.output_losses):
            tracker.update_state(value)


class CompiledMetrics:
    """The compiled metrics: one metric object per metric and output, each named as
    ``fit`` logs it (``model.metrics`` lists them).

    With one output these are the metrics themselves; with several, each is an
    ``OutputMetric`` that takes the model's whole ``(y_true, y_pred)`` and passes on its
    output's part, so ``metric.update_state(y, y_pred)`` works for every metric of
    ``model.metrics`` in a hand-written train_step.
    """

    def __init__(self, identifiers, weighted=False, unweighted=None):
        self.identifiers = identifiers
        # ``metrics`` (weighted False) ignore sample weights, and hold the weighted ones,
        # ``weighted_metrics``, as ``.weighted``; those are renamed "weighted_<name>"
        # where a name is taken by one of ``unweighted``.
        self.is_weighted = weighted
        self.unweighted = unweighted
        self.weighted = None
        self.output_names = None
        if isinstance(identifiers, dict) or _nested(identifiers):
            self.metrics = []  # one list per output: looked up now, placed in build()
            for item in identifiers.values() if isinstance(identifiers, dict) else identifiers:
                for identifier in _as_list(item):
                    named_metric(identifier)  # (an unknown name fails at compile time)
        else:
            self.metrics = [named_metric(identifier) for identifier in _as_list(identifiers)]
        self.built = False

    def build(self, output_names):
        """Place the metrics on the outputs (several outputs, or metrics given per output)."""
        names = list(output_names)
        if len(names) > 1 or isinstance(self.identifiers, dict) or _nested(self.identifiers):
            per_output = match_outputs(self.identifiers, names, "metrics") \
                if self.identifiers is not None else [None] * len(names)
            self.metrics = []
            for i, item in enumerate(per_output):
                for identifier in _as_list(item):
                    metric = named_metric(identifier)
                    self.metrics.append(metric if len(names) == 1 else
                                        OutputMetric(metric, names, i))
        self.output_names = names
        self.built = True
        if self.unweighted is None:
            for metric in self.metrics:
                metric.name_in_list = getattr(metric, "metric", metric).name
            _make_names_unique(self.metrics, set())
        else:
            self._name_as_weighted(names)
        if self.weighted is not None:
            self.weighted.build(names)

    def _name_as_weighted(self, names):
        """Keras's names for weighted metrics: the name an unweighted one would have
        ("<name>", or "<output>_<name>" for a model of several outputs) where it is
        free, else "weighted_<name>" ("<output>_weighted_<name>"); then "_1", "_2" for
        a name still taken.  A metric object given to both lists is copied, so each
        list has its own."""
        unweighted = {id(getattr(m, "metric", m)) for m in self.unweighted.metrics}
        for i, metric in enumerate(self.metrics):
            inner = getattr(metric, "metric", metric)
            if id(inner) in unweighted:
                copy = type(inner).from_config(inner.get_config())
                self.metrics[i] = copy if metric is inner else \
                    OutputMetric(copy, names, metric.index)
        taken = {metric.name for metric in self.unweighted.metrics}
        for metric in self.metrics:
            inner = getattr(metric, "metric", metric)
            metric.name_in_list = inner.name
            output = f"{names[metric.index]}_" if isinstance(metric, OutputMetric) else ""
            name = f"{output}{inner.name}"
            if name in taken:
                name = f"{output}weighted_{inner.name}"
            metric.name = name
            _make_names_unique([metric], taken)

    def update_state(self, y_true, y_pred, sample_weight=None):
        """Add a batch to every metric (``y_true`` and ``y_pred`` as the model has them:
        one array, or a list or dict of one per output), and to the weighted metrics
        with ``sample_weight``."""
        if not self.built:
            self.build(self.output_names or output_names_of(y_pred))
        if self.weighted is not None:
            self.weighted.update_state(y_true, y_pred, sample_weight)
        if not self.is_weighted:
            sample_weight = None  # (``metrics`` count every sample once, as in Keras)
        if len(self.output_names) == 1:  # one output: its targets and predictions
            y_true = targets_by_output(y_true, self.output_names)[0]
            y_pred = outputs_in_order(y_pred, self.output_names)[0]
            sample_weight = by_output(sample_weight, self.output_names)[0]
        for metric in self.metrics:  # (OutputMetric takes its output's weights itself)
            if sample_weight is None:  # (a metric of your own may not take weights)
                metric.update_state(y_true, y_pred)
            else:
                metric.update_state(y_true, y_pred, sample_weight=sample_weight)


class AutoAccuracy(Metric):
    """``metrics=["accuracy"]``: binary, categorical or sparse categorical accuracy,
    whichever the shapes of the first batch call for (``metrics.resolve_accuracy``),
    logged under the name written ("accuracy" or "acc")."""

    _direction = "up"  # every accuracy: larger is better

    def __init__(self, name="accuracy"):
        super().__init__(name=name)
        self.resolved = None  # the accuracy metric, once a batch has shown the shapes

    def update_state(self, y_true, y_pred, sample_weight=None):
        if self.resolved is None:
            accuracy = metrics_module.resolve_accuracy(tuple(_shape(y_true)),
                                                       tuple(_shape(y_pred)))
            self.resolved = accuracy(name=self.name)
        self.resolved.update_state(y_true, y_pred, sample_weight)

    def result(self):
        if self.resolved is None:  # no batch yet
            return convert_to_tensor(np.float32(0.0))
        return self.resolved.result()

    def reset_state(self):
        if self.resolved is not None:
            self.resolved.reset_state()

    @property
    def variables(self):
        return [] if self.resolved is None else self.resolved.variables


class OutputMetric(Metric):
    """A metric of one output of a model with several, logged as ``<output>_<metric>``
    (``department_accuracy``): ``update_state(y_true, y_pred)`` takes the targets and
    predictions of all the outputs and gives ``metric`` those of its output."""

    def __init__(self, metric, output_names, index):
        super().__init__(name=f"{output_names[index]}_{metric.name}")
        self.metric, self.output_names, self.index = metric, list(output_names), index

    def update_state(self, y_true, y_pred, sample_weight=None):
        truth = targets_by_output(y_true, self.output_names)[self.index]
        pred = outputs_in_order(y_pred, self.output_names)[self.index]
        samples = by_output(sample_weight, self.output_names)[self.index]
        if samples is None:
            self.metric.update_state(truth, pred)
        else:
            self.metric.update_state(truth, pred, sample_weight=samples)

    def result(self):
        return self.metric.result()

    @property
    def _direction(self):  # the wrapped metric's (department_accuracy: "up")
        return self.metric._direction

    def reset_state(self):
        self.metric.reset_state()

    @property
    def variables(self):
        return self.metric.variables


def _make_names_unique(metrics, taken):
    """Rename each metric whose name is taken to "<name>_1", "<name>_2", ... (Keras's
    rule), so that no two metrics share a key in the logs."""
    for metric in metrics:
        name, count = metric.name, 0
        while name in taken:
            count += 1
            name = f"{metric.name}_{count}"
        metric.name = name
        taken.add(name)


def named_metric(identifier):
    """The metric object for one entry of ``compile(metrics=[...])``, named as ``fit``
    logs it: the name written (``"mae"``, ``"accuracy"``) or the metric object's own."""
    if isinstance(identifier, str) and identifier.lower() in _ACCURACY_NAMES:
        return AutoAccuracy(name=identifier)
    metric = _as_metric(metrics_module.get(identifier))
    if isinstance(identifier, str):
        metric.name = identifier  # (a metric made here from the name: ours to name)
    return metric


# ---- several outputs: matching losses, metrics and targets to outputs ----------------

def output_names_of(y_pred):
    """Names for the outputs of a model that was not built from a graph."""
    if isinstance(y_pred, dict):
        return list(y_pred)
    if isinstance(y_pred, (list, tuple)):
        return [f"output_{i}" for i in range(len(y_pred))]
    return ["output"]


def outputs_in_order(y_pred, names):
    """The predictions as a list in the order of ``names``."""
    if isinstance(y_pred, dict):
        return [y_pred[name] for name in names]
    return list(y_pred) if isinstance(y_pred, (list, tuple)) else [y_pred]


def targets_by_output(y_true, names, what="y"):
    """The targets as a list in the order of the outputs: y given as one array (one
    output), a list (by position) or a dict (by output name).  ``what`` names y in the
    error raised when it does not fit the outputs."""
    if isinstance(y_true, dict):
        missing = [name for name in names if name not in y_true]
        unknown = [key for key in y_true if key not in names]
        if missing or unknown:
            raise ValueError(f"{what} is a dict with keys {list(y_true)}, but the model's "
                             f"outputs are named {names}"
                             + (f"; no targets for {missing}" if missing else "")
                             + (f"; unknown keys {unknown}" if unknown else "")
                             + ". Give one entry per output, keyed by the output's name")
        return [y_true[name] for name in names]
    if isinstance(y_true, (list, tuple)) and len(names) > 1:
        if len(y_true) != len(names):
            raise ValueError(f"the model has {len(names)} outputs {names}, but {what} "
                             f"holds {len(y_true)} arrays; give one array per output, in "
                             f"that order, or a dict by output name")
        return list(y_true)
    if len(names) > 1:
        raise ValueError(f"the model has {len(names)} outputs {names}, but {what} is one "
                         f"array (of shape {tuple(_shape(y_true))}); give a list of "
                         f"{len(names)} arrays, one per output in that order, or a dict "
                         f"by output name")
    return [y_true]


def match_outputs(spec, names, what, broadcast=True):
    """One entry per output from ``spec``: a dict by output name, a list by position,
    or (broadcast) one thing for every output."""
    if isinstance(spec, dict):
        unknown = [key for key in spec if key not in names]
        if unknown:
            raise ValueError(f"{what} names {unknown}, but the model's outputs are named "
                             f"{names}")
        return [spec.get(name) for name in names]
    if isinstance(spec, (list, tuple)) and (len(names) > 1 or not broadcast or _nested(spec)):
        if len(spec) != len(names):
            raise ValueError(f"{what} is a list of {len(spec)}, but the model has "
                             f"{len(names)} outputs {names}: give one per output, or a "
                             f"dict by output name")
        return list(spec)
    return [spec] * len(names)


def by_output(sample_weight, names):
    """One sample-weight array (or None) per output, in the order of ``names``: a dict
    by output name, a list by position, or one array for every output (as Keras 3)."""
    if sample_weight is None:
        return [None] * len(names)
    several = isinstance(sample_weight, (list, tuple))
    if several and len(sample_weight) == 1:
        sample_weight, several = sample_weight[0], False  # one for every output
    return match_outputs(sample_weight, names, "sample_weight", broadcast=not several)


def _as_list(item):
    """The metrics given for one output: a list, one metric, or none (None)."""
    if item is None:
        return []
    return [i for i in item if i is not None] if isinstance(item, (list, tuple)) else [item]


def _nested(identifiers):
    return isinstance(identifiers, (list, tuple)) and any(
        isinstance(item, (list, tuple, dict)) for item in identifiers)


def _per_output(identifier, get):
    """Look up a loss, or each loss of a list or dict (None: no loss for that output)."""
    if isinstance(identifier, dict):
        return {key: None if value is None else get(value) for key, value in identifier.items()}
    if isinstance(identifier, (list, tuple)):
        return [None if value is None else get(value) for value in identifier]
    return get(identifier)


def _as_metric(obj):
    """A metric object from what ``metrics.get`` / ``resolve_accuracy`` returned (a plain
    function ``fn(y_true, y_pred)`` becomes the mean of its values)."""
    if isinstance(obj, type):
        obj = obj()
    elif isinstance(obj, str):
        obj = metrics_module.get(obj)
    if not hasattr(obj, "update_state"):
        return MeanMetricWrapper(obj)
    return obj


def _shape(x):
    """The shape of a tensor, or of labels given as a NumPy array or nested lists."""
    shape = getattr(x, "shape", None)
    if shape is None:
        shape = np.shape(x)
    return shape
