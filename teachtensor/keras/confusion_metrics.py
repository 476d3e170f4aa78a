"""Metrics that count right and wrong "yes" answers: Precision, Recall and AUC.

A prediction p says "yes" (positive) when ``p > threshold``.  Comparing the answers
with the 0/1 labels sorts every sample into one of four boxes, the *confusion matrix*::

                      label 1            label 0
    said yes     true positive (TP)   false positive (FP)
    said no      false negative (FN)  true negative (TN)

    precision = TP / (TP + FP)     of the yes answers, how many were right
    recall    = TP / (TP + FN)     of the real positives, how many were found

(0 when the denominator is 0).  AUC repeats the count for many thresholds, from
"yes to everything" to "no to everything", and measures the area under the curve
those counts trace.  Labels are treated as positive where they are non-zero; every
element of y_pred is one yes/no answer (multi-label predictions are flattened).
"""
import numpy as np

from ..ops.arithmetic import logical_not, maximum, minimum
from ..ops.core import broadcast_to, cast, reduce_sum, reshape, where
from ..ops.creation import ones_like
from ..ops.functions import log, sigmoid
from ..ops.shape_ops import expand_dims
from .metric_base import Metric, as_tensor, divide_no_nan, same_rank

EPSILON = 1e-7


def confusion_counts(y_true, y_pred, thresholds, sample_weight=None, dtype="float32"):
    """(TP, FP, TN, FN): tensors with one (weighted) count per threshold.

    Every prediction is compared with every threshold at once: ``said_yes[t, i]`` is
    ``p_i > thresholds[t]``, and a count is a weighted sum along i.

    Example::

        >>> tp, fp, tn, fn = keras.metrics.confusion_counts(
        ...     np.array([0.0, 1.0, 1.0]), np.array([0.1, 0.8, 0.4]), [0.5])
        >>> print(tp.numpy(), fp.numpy(), tn.numpy(), fn.numpy())     # one count per threshold
        [1.] [0.] [1.] [1.]
    """
    y_pred = as_tensor(y_pred, dtype=dtype)
    y_true, y_pred = same_rank(as_tensor(y_true, like=y_pred), y_pred)
    if tuple(y_true.shape) != tuple(y_pred.shape):
        raise ValueError(f"y_true and y_pred must have the same shape, but y_true has shape "
                         f"{tuple(y_true.shape)} and y_pred has shape {tuple(y_pred.shape)}")
    if sample_weight is None:
        weights = reshape(ones_like(y_pred), (-1,))
    else:
        w = as_tensor(sample_weight, like=y_pred, dtype=dtype)
        if w.ndim == y_pred.ndim - 1 and w.ndim:  # one weight per sample
            w = reshape(w, tuple(w.shape) + (1,) * (y_pred.ndim - w.ndim))
        weights = reshape(broadcast_to(w, y_pred.shape), (-1,))
    is_positive = reshape(y_true, (-1,)) != 0
    thresholds = as_tensor(thresholds, like=y_pred, dtype=dtype)
    said_yes = cast(expand_dims(reshape(y_pred, (-1,)), 0) > expand_dims(thresholds, 1), dtype)
    positive_weight = where(is_positive, weights, 0)
    negative_weight = where(logical_not(is_positive), weights, 0)
    tp = reduce_sum(said_yes * positive_weight, axis=1)
    fp = reduce_sum(said_yes * negative_weight, axis=1)
    fn = reduce_sum(positive_weight) - tp
    tn = reduce_sum(negative_weight) - fp
    return tp, fp, tn, fn


def _thresholds_on(metric, like):
    """``metric.thresholds`` as a tensor on the device of ``like``, made once."""
    cached = metric.__dict__.get("_threshold_tensor")
    if cached is None or cached._backend is not like._backend:
        cached = metric._threshold_tensor = as_tensor(metric.thresholds, like=like,
                                                      dtype=metric.dtype)
    return cached


def _thresholds_list(thresholds, default):
    values = [default] if thresholds is None else (
        [thresholds] if np.ndim(thresholds) == 0 else list(thresholds))
    for t in values:
        if not 0 <= t <= 1:
            raise ValueError(f"Threshold values must be in [0, 1]. Received: {values}")
    return np.asarray(values, dtype=np.float64), np.ndim(thresholds) != 0 and \
        thresholds is not None


class _ConfusionMetric(Metric):
    """Shared by Precision and Recall: TP, FP, FN counts at one or more thresholds."""

    _direction = "up"  # larger is better (for mode="auto" callbacks)

    def __init__(self, thresholds=None, name=None, dtype="float32", top_k=None, class_id=None):
        if top_k is not None or class_id is not None:
            raise NotImplementedError(
                f"{type(self).__name__}(top_k=..., class_id=...) is not supported; for one "
                f"class of several, pass its column: metric.update_state(y_true[:, k], "
                f"y_pred[:, k])")
        super().__init__(name, dtype)
        self.thresholds, self._several = _thresholds_list(thresholds, 0.5)
        shape = (len(self.thresholds),)
        self.true_positives = self.add_variable("true_positives", shape)
        self.false_positives = self.add_variable("false_positives", shape)
        self.false_negatives = self.add_variable("false_negatives", shape)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = as_tensor(y_pred, dtype=self.dtype)
        tp, fp, _, fn = confusion_counts(y_true, y_pred, _thresholds_on(self, y_pred),
                                         sample_weight, self.dtype)
        for variable, count in ((self.true_positives, tp), (self.false_positives, fp),
                                (self.false_negatives, fn)):
            variable.assign_add(count)

    def _answer(self, values):
        return values if self._several else values[0]

    def get_config(self):
        thresholds = self.thresholds.tolist()
        return {**super().get_config(),
                "thresholds": thresholds if self._several else thresholds[0],
                "top_k": None, "class_id": None}  # (Keras's two options, unused here)


class Precision(_ConfusionMetric):
    """TP / (TP + FP): of the samples predicted positive, the fraction truly positive.

    ``thresholds`` (default 0.5): p > threshold counts as a positive prediction.  A
    list of thresholds gives one precision per threshold.

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> m = keras.metrics.Precision()
        >>> m.update_state(y_true, y_pred)
        >>> print(m.name, round(float(m.result()), 4))
        precision 1.0
    """

    def __init__(self, thresholds=None, name="precision", dtype="float32", top_k=None,
                 class_id=None):
        super().__init__(thresholds, name, dtype, top_k, class_id)

    def result(self):
        tp, fp = self.true_positives, self.false_positives
        return self._answer(divide_no_nan(tp, tp + fp))


class Recall(_ConfusionMetric):
    """TP / (TP + FN): of the truly positive samples, the fraction predicted positive.

    ``thresholds`` (default 0.5): p > threshold counts as a positive prediction.

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> m = keras.metrics.Recall()
        >>> m.update_state(y_true, y_pred)
        >>> print(m.name, round(float(m.result()), 4))
        recall 0.5
    """

    def __init__(self, thresholds=None, name="recall", dtype="float32", top_k=None,
                 class_id=None):
        super().__init__(thresholds, name, dtype, top_k, class_id)

    def result(self):
        tp, fn = self.true_positives, self.false_negatives
        return self._answer(divide_no_nan(tp, tp + fn))


class AUC(Metric):
    """Area under the ROC curve (or the precision-recall curve), from confusion counts.

    The counts are kept at ``num_thresholds`` thresholds::

        [-eps, 1/(n-1), 2/(n-1), ..., (n-2)/(n-1), 1 + eps]

    At each threshold the ROC curve has the point (x, y) = (FP/(FP+TN), TP/(TP+FN)) —
    false-positive rate and true-positive rate (recall).  The area is a sum of strips
    between neighbouring thresholds, of width ``x[i] - x[i+1]`` and height:

        "interpolation": (y[i] + y[i+1]) / 2  (trapezoids)
        "minoring":      min(y[i], y[i+1])    (an estimate from below)
        "majoring":      max(y[i], y[i+1])    (an estimate from above)

    ``curve="PR"`` uses (recall, precision) instead; with "interpolation" it uses the
    Davis & Goadrich interpolation, as Keras does.  1.0 is a perfect ranking of
    positives above negatives, 0.5 a random one.  ``from_logits=True`` applies a
    sigmoid to the predictions first.

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> m = keras.metrics.AUC()
        >>> m.update_state(y_true, y_pred)
        >>> print(m.name, round(float(m.result()), 4))
        auc 1.0
    """

    _direction = "up"  # larger is better (for mode="auto" callbacks)

    def __init__(self, num_thresholds=200, curve="ROC", summation_method="interpolation",
                 name="auc", dtype="float32", thresholds=None, from_logits=False):
        super().__init__(name, dtype)
        self.curve = str(curve).upper()
        self.summation_method = str(summation_method).lower()
        if self.curve not in ("ROC", "PR"):
            raise ValueError(f'Invalid AUC curve value: "{curve}". Expected values are '
                             f'["ROC", "PR"]')
        if self.summation_method not in ("interpolation", "minoring", "majoring"):
            raise ValueError(f'Invalid AUC summation method value: "{summation_method}". '
                             f'Expected values are ["interpolation", "majoring", "minoring"]')
        if thresholds is not None:
            inner = sorted(_thresholds_list(thresholds, 0.5)[0].tolist())
        else:
            if not isinstance(num_thresholds, (int, np.integer)) or num_thresholds <= 1:
                raise ValueError(f"Argument `num_thresholds` must be an integer > 1. "
                                 f"Received: num_thresholds={num_thresholds!r}")
            inner = [(i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)]
        self.thresholds = np.asarray([0.0 - EPSILON] + inner + [1.0 + EPSILON])
        self.num_thresholds = len(self.thresholds)
        self.from_logits = bool(from_logits)
        shape = (self.num_thresholds,)
        self.true_positives = self.add_variable("true_positives", shape)
        self.false_positives = self.add_variable("false_positives", shape)
        self.true_negatives = self.add_variable("true_negatives", shape)
        self.false_negatives = self.add_variable("false_negatives", shape)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = as_tensor(y_pred, dtype=self.dtype)
        if self.from_logits:
            y_pred = sigmoid(y_pred)
        counts = confusion_counts(y_true, y_pred, _thresholds_on(self, y_pred), sample_weight,
                                  self.dtype)
        for variable, count in zip((self.true_positives, self.false_positives,
                                    self.true_negatives, self.false_negatives), counts):
            variable.assign_add(count)

    def result(self):
        tp, fp = self.true_positives, self.false_positives
        tn, fn = self.true_negatives, self.false_negatives
        if self.curve == "PR" and self.summation_method == "interpolation":
            return self._interpolate_pr_auc(tp, fp, fn)
        recall = divide_no_nan(tp, tp + fn)
        if self.curve == "ROC":
            x, y = divide_no_nan(fp, fp + tn), recall
        else:
            x, y = recall, divide_no_nan(tp, tp + fp)
        if self.summation_method == "interpolation":
            heights = (y[:-1] + y[1:]) / 2
        elif self.summation_method == "minoring":
            heights = minimum(y[:-1], y[1:])
        else:
            heights = maximum(y[:-1], y[1:])
        return reduce_sum((x[:-1] - x[1:]) * heights)

    @staticmethod
    def _interpolate_pr_auc(tp, fp, fn):
        """Precision-recall area, interpolating precision linearly in the number of
        positive predictions between thresholds (Davis & Goadrich, 2006)."""
        dtp = tp[:-1] - tp[1:]
        p = tp + fp
        dp = p[:-1] - p[1:]
        slope = divide_no_nan(dtp, maximum(dp, 0))
        intercept = tp[1:] - slope * p[1:]
        both = (p[:-1] > 0) & (p[1:] > 0)
        ratio = where(both, divide_no_nan(p[:-1], maximum(p[1:], 0)), 1)
        increments = divide_no_nan(slope * (dtp + intercept * log(ratio)),
                                   maximum(tp[1:] + fn[1:], 0))
        return reduce_sum(increments)

    def get_config(self):
        return {**super().get_config(), "num_thresholds": self.num_thresholds,
                "curve": self.curve, "summation_method": self.summation_method,
                "from_logits": self.from_logits}
