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

from ..tensor import convert_to_tensor
from .metric_base import Metric, _numpy, _same_rank

EPSILON = 1e-7


def confusion_counts(y_true, y_pred, thresholds, sample_weight=None, dtype=np.float32):
    """(TP, FP, TN, FN): arrays with one (weighted) count per threshold."""
    y_true, y_pred = _same_rank(_numpy(y_true), _numpy(y_pred).astype(dtype))
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred must have the same shape, but y_true has shape "
                         f"{y_true.shape} and y_pred has shape {y_pred.shape}")
    weights = np.ones_like(y_pred)
    if sample_weight is not None:
        w = _numpy(sample_weight).astype(dtype)
        if w.ndim == y_pred.ndim - 1 and w.ndim:  # one weight per sample
            w = w.reshape(w.shape + (1,) * (y_pred.ndim - w.ndim))
        weights = np.broadcast_to(w, y_pred.shape)
    is_positive = y_true.reshape(-1) != 0
    predictions = y_pred.reshape(-1)
    weights = weights.reshape(-1)
    # said_yes[t, i]: sample i counts as positive at threshold t
    said_yes = predictions[None, :] > np.asarray(thresholds, dtype=dtype)[:, None]
    positive_weight = np.where(is_positive, weights, 0)
    negative_weight = np.where(is_positive, 0, weights)
    tp = said_yes @ positive_weight
    fp = said_yes @ negative_weight
    fn = positive_weight.sum() - tp
    tn = negative_weight.sum() - fp
    return tp, fp, tn, fn


def _divide_no_nan(a, b):
    """a / b, and 0 where b is 0."""
    return np.where(b == 0, 0, a / np.where(b == 0, 1, b))


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

    def __init__(self, thresholds=None, name=None, dtype="float32"):
        super().__init__(name, dtype)
        self.thresholds, self._several = _thresholds_list(thresholds, 0.5)
        shape = (len(self.thresholds),)
        self.true_positives = self.add_variable("true_positives", shape)
        self.false_positives = self.add_variable("false_positives", shape)
        self.false_negatives = self.add_variable("false_negatives", shape)

    def update_state(self, y_true, y_pred, sample_weight=None):
        tp, fp, _, fn = confusion_counts(y_true, y_pred, self.thresholds, sample_weight,
                                         self.dtype)
        for variable, count in ((self.true_positives, tp), (self.false_positives, fp),
                                (self.false_negatives, fn)):
            variable.assign((variable.numpy() + count).astype(self.dtype))

    def _answer(self, values):
        values = np.asarray(values, dtype=self.dtype)
        return convert_to_tensor(values if self._several else values[0])

    def get_config(self):
        thresholds = self.thresholds.tolist()
        return {**super().get_config(),
                "thresholds": thresholds if self._several else thresholds[0]}


class Precision(_ConfusionMetric):
    """TP / (TP + FP): of the samples predicted positive, the fraction truly positive.

    ``thresholds`` (default 0.5): p > threshold counts as a positive prediction.  A
    list of thresholds gives one precision per threshold.
    """

    def __init__(self, thresholds=None, name="precision", dtype="float32"):
        super().__init__(thresholds, name, dtype)

    def result(self):
        tp, fp = self.true_positives.numpy(), self.false_positives.numpy()
        return self._answer(_divide_no_nan(tp, tp + fp))


class Recall(_ConfusionMetric):
    """TP / (TP + FN): of the truly positive samples, the fraction predicted positive.

    ``thresholds`` (default 0.5): p > threshold counts as a positive prediction.
    """

    def __init__(self, thresholds=None, name="recall", dtype="float32"):
        super().__init__(thresholds, name, dtype)

    def result(self):
        tp, fn = self.true_positives.numpy(), self.false_negatives.numpy()
        return self._answer(_divide_no_nan(tp, tp + fn))


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
    """

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
        y_pred = _numpy(y_pred).astype(self.dtype)
        if self.from_logits:
            y_pred = (1 / (1 + np.exp(-y_pred))).astype(self.dtype)
        counts = confusion_counts(y_true, y_pred, self.thresholds, sample_weight, self.dtype)
        for variable, count in zip((self.true_positives, self.false_positives,
                                    self.true_negatives, self.false_negatives), counts):
            variable.assign((variable.numpy() + count).astype(self.dtype))

    def result(self):
        tp, fp = self.true_positives.numpy(), self.false_positives.numpy()
        tn, fn = self.true_negatives.numpy(), self.false_negatives.numpy()
        if self.curve == "PR" and self.summation_method == "interpolation":
            return convert_to_tensor(np.asarray(self._interpolate_pr_auc(tp, fp, fn),
                                                dtype=self.dtype))
        recall = _divide_no_nan(tp, tp + fn)
        if self.curve == "ROC":
            x, y = _divide_no_nan(fp, fp + tn), recall
        else:
            x, y = recall, _divide_no_nan(tp, tp + fp)
        if self.summation_method == "interpolation":
            heights = (y[:-1] + y[1:]) / 2
        elif self.summation_method == "minoring":
            heights = np.minimum(y[:-1], y[1:])
        else:
            heights = np.maximum(y[:-1], y[1:])
        area = np.sum((x[:-1] - x[1:]) * heights)
        return convert_to_tensor(np.asarray(area, dtype=self.dtype))

    @staticmethod
    def _interpolate_pr_auc(tp, fp, fn):
        """Precision-recall area, interpolating precision linearly in the number of
        positive predictions between thresholds (Davis & Goadrich, 2006)."""
        dtp = tp[:-1] - tp[1:]
        p = tp + fp
        dp = p[:-1] - p[1:]
        slope = _divide_no_nan(dtp, np.maximum(dp, 0))
        intercept = tp[1:] - slope * p[1:]
        both = (p[:-1] > 0) & (p[1:] > 0)
        ratio = np.where(both, _divide_no_nan(p[:-1], np.maximum(p[1:], 0)), 1)
        increments = _divide_no_nan(slope * (dtp + intercept * np.log(ratio)),
                                    np.maximum(tp[1:] + fn[1:], 0))
        return np.sum(increments)

    def get_config(self):
        return {**super().get_config(), "num_thresholds": self.num_thresholds,
                "curve": self.curve, "summation_method": self.summation_method,
                "from_logits": self.from_logits}
