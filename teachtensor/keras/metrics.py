"""Metrics: numbers that tell *people* how well the model does (accuracy, AUC, ...).

A loss must be differentiable, because training follows its gradient; a metric need
not be, and is often easier to read: "93% of the answers were right".  Metrics are
**stateful**, because the answer is wanted over a whole epoch, batch after batch::

    m = keras.metrics.BinaryAccuracy()
    m.update_state(y_true_batch_1, y_pred_batch_1)
    m.update_state(y_true_batch_2, y_pred_batch_2)
    m.result()          # accuracy over both batches together
    m.reset_state()     # start again (fit does this at each epoch)

The state (running totals and counts) lives in non-trainable Variables and is
updated with teachtensor operations, on the device of the predictions.  Nothing here
is differentiated (a GradientTape that sees these operations gets no gradient through
the comparisons and ``argmax``).

The base classes (``Metric``, ``Mean``, ``MeanMetricWrapper``) are in
``metric_base.py``; Precision, Recall and AUC, which count true and false positives,
are in ``confusion_metrics.py``; losses watched as metrics (``BinaryCrossentropy``...)
in ``probabilistic_metrics.py``.  All are exported from here.
"""
from ..ops.arithmetic import equal
from ..ops.core import cast
from ..ops.functions import sqrt
from ..ops.selection import argmax
from ..ops.shape_ops import squeeze
from . import loss_functions
from .confusion_metrics import AUC, Precision, Recall, confusion_counts  # noqa: F401
from .metric_base import Mean, MeanMetricWrapper, Metric  # noqa: F401
from .metric_base import as_tensor as _as_tensor
from .metric_base import same_rank as _same_rank
from .probabilistic_metrics import (BinaryCrossentropy, CategoricalCrossentropy,  # noqa: F401
                                    KLDivergence, MeanSquaredLogarithmicError,
                                    SparseCategoricalCrossentropy)
from .suggestions import did_you_mean as _did_you_mean


# ---- accuracy: how often the prediction is right ----------------------------------------

def _float_pair(y_true, y_pred):
    """y_pred as floats (float32 unless already float), y_true in its dtype, one rank."""
    y_pred = _as_tensor(y_pred)
    if not y_pred.dtype.is_floating:
        y_pred = cast(y_pred, "float32")
    return _same_rank(_as_tensor(y_true, like=y_pred, dtype=y_pred.dtype), y_pred)


def _hits(matches):
    return cast(matches, "float32")


def accuracy(y_true, y_pred):
    """1.0 where y_pred equals y_true exactly, else 0.0 (elementwise).

    Example::

        >>> print(keras.metrics.accuracy(tf.constant([1.0, 2.0]), tf.constant([1.0, 3.0])))
        teachtensor.Tensor([1. 0.], shape=(2,), dtype=float32)
    """
    y_true, y_pred = _float_pair(y_true, y_pred)
    return _hits(equal(y_true, y_pred))


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """1.0 where (y_pred > threshold) equals the 0/1 label, else 0.0 (elementwise).

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> print(keras.metrics.binary_accuracy(y_true, y_pred))
        teachtensor.Tensor(
        [[1.]
         [1.]
         [0.]], shape=(3, 1), dtype=float32)
    """
    y_true, y_pred = _float_pair(y_true, y_pred)
    return _hits(equal(y_true, cast(y_pred > threshold, y_pred.dtype)))


def categorical_accuracy(y_true, y_pred):
    """1.0 where argmax(y_true) == argmax(y_pred) along the last axis (one-hot labels).

    Example::

        >>> print(keras.metrics.categorical_accuracy([[0.0, 1.0]], [[0.2, 0.8]]))
        teachtensor.Tensor([1.], shape=(1,), dtype=float32)
    """
    y_pred = _as_tensor(y_pred)
    y_true = _as_tensor(y_true, like=y_pred)
    true_shape, pred_shape = tuple(y_true.shape), tuple(y_pred.shape)
    if len(pred_shape) and pred_shape[-1] > 1 and (
            true_shape == pred_shape[:-1] or true_shape == pred_shape[:-1] + (1,)):
        raise ValueError(f"categorical_accuracy expects one-hot labels of the same shape as "
                         f"the predictions {pred_shape}, but the labels have shape "
                         f"{true_shape}: they look like integer class indices. Use "
                         f"sparse_categorical_accuracy (SparseCategoricalAccuracy) instead.")
    return _hits(equal(argmax(y_true, axis=-1), argmax(y_pred, axis=-1)))


def sparse_categorical_accuracy(y_true, y_pred):
    """1.0 where argmax(y_pred) along the last axis equals the integer label.

    Example::

        >>> print(keras.metrics.sparse_categorical_accuracy([1], [[0.2, 0.8]]))
        teachtensor.Tensor([1.], shape=(1,), dtype=float32)
    """
    y_pred = _as_tensor(y_pred)
    y_true = _as_tensor(y_true, like=y_pred)
    true_shape, pred_shape = tuple(y_true.shape), tuple(y_pred.shape)
    if true_shape == pred_shape and len(pred_shape) and pred_shape[-1] > 1:
        raise ValueError(f"sparse_categorical_accuracy expects integer class indices of "
                         f"shape {pred_shape[:-1]}, but the labels have the same shape as "
                         f"the predictions, {pred_shape}: they look one-hot encoded. Use "
                         f"categorical_accuracy (CategoricalAccuracy) instead.")
    if y_true.ndim == y_pred.ndim and y_true.ndim and true_shape[-1] == 1:
        y_true = squeeze(y_true, -1)
    return _hits(equal(cast(y_true, "int64"), argmax(y_pred, axis=-1)))


class Accuracy(MeanMetricWrapper):
    """How often y_pred equals y_true exactly (for already-rounded predictions).

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> m = keras.metrics.Accuracy()
        >>> m.update_state(y_true, y_pred)
        >>> print(m.name, round(float(m.result()), 4))
        accuracy 0.0
    """

    _direction = "up"  # larger is better (for mode="auto" callbacks)

    def __init__(self, name="accuracy", dtype="float32"):
        super().__init__(accuracy, name, dtype)


class BinaryAccuracy(MeanMetricWrapper):
    """How often ``y_pred > threshold`` matches the 0/1 label.

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> m = keras.metrics.BinaryAccuracy()
        >>> m.update_state(y_true, y_pred)
        >>> print(m.name, round(float(m.result()), 4))
        binary_accuracy 0.6667
    """

    _direction = "up"  # larger is better (for mode="auto" callbacks)

    def __init__(self, name="binary_accuracy", dtype="float32", threshold=0.5):
        super().__init__(binary_accuracy, name, dtype, threshold=threshold)


class CategoricalAccuracy(MeanMetricWrapper):
    """How often the most probable class is the one-hot label's class.

    Example::

        >>> m = keras.metrics.CategoricalAccuracy()
        >>> m.update_state([[0.0, 1.0], [1.0, 0.0]], [[0.2, 0.8], [0.3, 0.7]])
        >>> print(float(m.result()))   # one of the two right
        0.5
    """

    _direction = "up"  # larger is better (for mode="auto" callbacks)

    def __init__(self, name="categorical_accuracy", dtype="float32"):
        super().__init__(categorical_accuracy, name, dtype)


class SparseCategoricalAccuracy(MeanMetricWrapper):
    """How often the most probable class is the integer label.

    Example::

        >>> m = keras.metrics.SparseCategoricalAccuracy()
        >>> m.update_state([1, 0], [[0.2, 0.8], [0.3, 0.7]])
        >>> print(float(m.result()))   # one of the two right
        0.5
    """

    _direction = "up"  # larger is better (for mode="auto" callbacks)

    def __init__(self, name="sparse_categorical_accuracy", dtype="float32"):
        super().__init__(sparse_categorical_accuracy, name, dtype)


class MeanSquaredError(MeanMetricWrapper):
    """The mean squared error over all samples seen.

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> m = keras.metrics.MeanSquaredError()
        >>> m.update_state(y_true, y_pred)
        >>> print(m.name, round(float(m.result()), 4))
        mean_squared_error 0.1367
    """

    _direction = "down"  # smaller is better (for mode="auto" callbacks)

    def __init__(self, name="mean_squared_error", dtype="float32"):
        super().__init__(loss_functions.mean_squared_error, name, dtype)


class MeanAbsoluteError(MeanMetricWrapper):
    """The mean absolute error over all samples seen.

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> m = keras.metrics.MeanAbsoluteError()
        >>> m.update_state(y_true, y_pred)
        >>> print(m.name, round(float(m.result()), 4))
        mean_absolute_error 0.3
    """

    _direction = "down"  # smaller is better (for mode="auto" callbacks)

    def __init__(self, name="mean_absolute_error", dtype="float32"):
        super().__init__(loss_functions.mean_absolute_error, name, dtype)


class MeanAbsolutePercentageError(MeanMetricWrapper):
    """The mean absolute percentage error over all samples seen (see the loss).

    Example::

        >>> m = keras.metrics.MeanAbsolutePercentageError()
        >>> m.update_state(tf.constant([[2.0], [4.0]]), tf.constant([[1.0], [5.0]]))
        >>> print(m.name, round(float(m.result()), 4))
        mean_absolute_percentage_error 37.5
    """

    _direction = "down"  # smaller is better (for mode="auto" callbacks)

    def __init__(self, name="mean_absolute_percentage_error", dtype="float32"):
        super().__init__(loss_functions.mean_absolute_percentage_error, name, dtype)


class RootMeanSquaredError(MeanMetricWrapper):
    """The square root of the mean squared error over all samples seen:
    sqrt(mean((y_pred - y_true)^2)), in the units of the targets (a price in dollars,
    not in dollars squared).

    The root is taken of the running mean, at ``result()``: the root of the whole
    epoch's mean, not the mean of each batch's root (the two differ).

    Example::

        >>> m = keras.metrics.RootMeanSquaredError()
        >>> m.update_state(tf.constant([[0.0, 1.0], [0.0, 0.0]]),
        ...                tf.constant([[1.0, 1.0], [0.0, 0.0]]))
        >>> print(m.name, float(m.result()))   # sqrt of the mean of 1, 0, 0, 0
        root_mean_squared_error 0.5
    """

    _direction = "down"  # smaller is better (for mode="auto" callbacks)

    def __init__(self, name="root_mean_squared_error", dtype="float32"):
        super().__init__(loss_functions.mean_squared_error, name, dtype)

    def result(self):
        return sqrt(super().result())


def resolve_accuracy(y_true_shape, y_pred_shape):
    """The accuracy class that ``metrics=["accuracy"]`` means for these shapes.

    * one prediction per sample (last axis 1, or rank <= 1)   -> BinaryAccuracy
    * labels of lower rank, or with last axis 1               -> SparseCategoricalAccuracy
    * otherwise (one-hot labels)                              -> CategoricalAccuracy

    Example::

        >>> print(keras.metrics.resolve_accuracy((32, 1), (32, 1)).__name__)
        BinaryAccuracy
    """
    true, pred = tuple(y_true_shape), tuple(y_pred_shape)
    if len(pred) <= 1 or pred[-1] == 1:
        return BinaryAccuracy
    if len(true) < len(pred) or (true and true[-1] == 1):
        return SparseCategoricalAccuracy
    return CategoricalAccuracy


# ---- by name -----------------------------------------------------------------------

ALL_METRICS = {
    "mean": Mean,
    "binary_accuracy": BinaryAccuracy,
    "categorical_accuracy": CategoricalAccuracy,
    "sparse_categorical_accuracy": SparseCategoricalAccuracy,
    "auc": AUC, "precision": Precision, "recall": Recall,
    "mean_squared_error": MeanSquaredError, "mse": MeanSquaredError,
    "mean_absolute_error": MeanAbsoluteError, "mae": MeanAbsoluteError,
    "mean_absolute_percentage_error": MeanAbsolutePercentageError,
    "mape": MeanAbsolutePercentageError,
    "root_mean_squared_error": RootMeanSquaredError,
}
# Losses work as metrics too: the mean of their per-sample values.
LOSS_METRICS = {
    "binary_crossentropy": loss_functions.binary_crossentropy,
    "categorical_crossentropy": loss_functions.categorical_crossentropy,
    "sparse_categorical_crossentropy": loss_functions.sparse_categorical_crossentropy,
    "kl_divergence": loss_functions.kl_divergence, "kld": loss_functions.kl_divergence,
    "mean_squared_logarithmic_error": loss_functions.mean_squared_logarithmic_error,
    "msle": loss_functions.mean_squared_logarithmic_error,
}
_CLASSES = {cls.__name__: cls for cls in set(ALL_METRICS.values()) | {
    Accuracy, BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy,
    KLDivergence, MeanSquaredLogarithmicError}}


def get(identifier):
    """A metric from a name (``"binary_accuracy"``, ``"auc"``, ``"mse"``, ...), a Metric
    instance or class, or any callable ``fn(y_true, y_pred)`` (its mean becomes the
    metric).  A metric made from a name is called by that name.

    ``"accuracy"`` is not resolved here: which accuracy it means depends on the shapes
    of the labels and predictions, so ``model.compile`` resolves it at the first batch
    with ``resolve_accuracy``.

    Example::

        >>> print(keras.metrics.get("binary_accuracy"))
        <BinaryAccuracy name='binary_accuracy'>
    """
    if isinstance(identifier, Metric):
        return identifier
    if isinstance(identifier, type) and issubclass(identifier, Metric):
        return identifier()
    if isinstance(identifier, str):
        key = identifier.lower()
        if identifier in _CLASSES:
            return _CLASSES[identifier]()
        if key in ("accuracy", "acc"):
            raise ValueError(
                f"{identifier!r} means binary, categorical or sparse categorical accuracy "
                f"depending on the shapes of the labels and predictions; "
                f"keras.metrics.resolve_accuracy(y_true.shape, y_pred.shape) picks the class "
                f"(model.compile does this for you), or name one: 'binary_accuracy', "
                f"'categorical_accuracy', 'sparse_categorical_accuracy'.")
        if key in ALL_METRICS:
            return ALL_METRICS[key](name=identifier)
        if key in LOSS_METRICS:
            metric = MeanMetricWrapper(LOSS_METRICS[key], name=identifier)
            metric._direction = "down"  # a loss, used as a metric: smaller is better
            return metric
    elif callable(identifier):
        return MeanMetricWrapper(identifier)
    names = sorted(["accuracy"] + list(ALL_METRICS) + list(LOSS_METRICS))
    raise ValueError(f"Could not interpret metric identifier: {identifier!r}. "
                     f"{_did_you_mean(identifier, names + list(_CLASSES))}"
                     f"Use one of the names {names}, a Metric object such as "
                     f"keras.metrics.AUC(), or a function fn(y_true, y_pred).")
