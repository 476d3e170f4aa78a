"""What ``compile(loss=..., metrics=[...])`` turns into: a loss function and a list of
metrics, each under the name that ``fit`` logs it with.

The one subtle rule is ``"accuracy"``.  Which accuracy is meant depends on the data:
one output unit (a probability) means binary accuracy; integer labels (lower rank than
the predictions, or a last axis of 1) mean sparse categorical accuracy; one-hot labels
mean categorical accuracy.  So ``"accuracy"`` is only *resolved* when the first batch
shows the shapes — and is still logged as ``"accuracy"``, the name the user wrote.

Results stay tensors (on the device where the model computes): ``results()`` returns
them, and ``fit`` turns them into Python numbers only when it writes the logs.
"""
from ...ops.core import cast
from ...ops.reductions import reduce_mean
from .. import losses as losses_module
from .. import metrics as metrics_module
from ..metric_base import Mean, MeanMetricWrapper

_ACCURACY_NAMES = ("accuracy", "acc")


class LossTracker(Mean):
    """The running mean of the batch losses, weighted by batch sizes: how ``loss`` is
    logged over an epoch (as Keras does, a ``Mean`` metric named "loss")."""

    def __init__(self, name="loss"):
        super().__init__(name=name)

    def update_state(self, value, sample_weight=1):
        value = cast(value, self.dtype)
        self.total.assign_add(value * float(sample_weight))
        self.count.assign_add(float(sample_weight))


class CompiledLoss:
    """The compiled loss: ``loss(y_true, y_pred)`` averaged over the batch to a scalar."""

    def __init__(self, identifier):
        self.identifier = identifier
        self.fn = None if identifier is None else losses_module.get(identifier)

    def __call__(self, y_true, y_pred):
        if self.fn is None:
            raise ValueError("the model was compiled without a loss: call "
                             "model.compile(optimizer=..., loss=...) with a loss first")
        value = self.fn(y_true, y_pred)
        if getattr(value, "ndim", 0) > 0:  # per-sample losses: average them
            value = reduce_mean(value)
        return value


class CompiledMetrics:
    """The compiled metrics, each with its log name; ``"accuracy"`` resolved lazily."""

    def __init__(self, identifiers):
        if identifiers is None:
            identifiers = []
        elif isinstance(identifiers, dict):
            raise TypeError("metrics given as a dict (one list per output) are not supported; "
                            "pass a list, e.g. metrics=['accuracy']")
        elif isinstance(identifiers, (str,)) or not isinstance(identifiers, (list, tuple)):
            identifiers = [identifiers]
        # Resolve now whatever can be, so an unknown name fails at compile time.
        self._entries = []  # [name, metric or None (accuracy, not yet resolved)]
        for identifier in identifiers:
            if isinstance(identifier, str) and identifier.lower() in _ACCURACY_NAMES:
                self._entries.append([identifier, None])
            else:
                metric = _as_metric(metrics_module.get(identifier))
                name = identifier if isinstance(identifier, str) else metric.name
                self._entries.append([name, metric])
        self.built = not any(metric is None for _, metric in self._entries)

    def build(self, y_true, y_pred):
        """Resolve ``"accuracy"`` from the shapes of the first batch."""
        for entry in self._entries:
            if entry[1] is None:
                entry[1] = _as_metric(metrics_module.resolve_accuracy(
                    tuple(_shape(y_true)), tuple(_shape(y_pred))))
        self.built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        if not self.built:
            self.build(y_true, y_pred)
        for _, metric in self._entries:
            metric.update_state(y_true, y_pred)

    def reset_state(self):
        for _, metric in self._entries:
            if metric is not None:
                metric.reset_state()

    def results(self):
        """``{log name: result tensor}`` for every metric, in the order given to compile."""
        return {name: metric.result() if metric is not None else 0.0
                for name, metric in self._entries}

    @property
    def metrics(self):
        return [metric for _, metric in self._entries if metric is not None]

    @property
    def names(self):
        return [name for name, _ in self._entries]


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
        import numpy as np
        shape = np.shape(x)
    return shape
