"""Losses watched as metrics: the mean of a loss function's per-sample values over all
the samples seen, ``keras.metrics.BinaryCrossentropy()`` and the like.

Each is ``MeanMetricWrapper(loss function)``: in ``fit`` it logs, epoch after epoch,
the number the loss of that name would give over the whole epoch (a running mean
weighted by the samples, not a mean of batch means).  Watching a validation
crossentropy beside accuracy shows a model growing over-confident before its
accuracy drops.  ``metrics=["binary_crossentropy"]`` (a name) gives the same metric.

The classes take Keras 3's arguments, and come back from a ``.keras`` file written by
Keras or here; the formulas are in ``loss_functions.py``.
"""
from ..ops.core import cast, reshape
from . import loss_functions
from .metric_base import MeanMetricWrapper, as_tensor, same_rank


class BinaryCrossentropy(MeanMetricWrapper):
    """The binary crossentropy over all samples seen (see the loss function).

    Example::

        >>> m = keras.metrics.BinaryCrossentropy()
        >>> m.update_state([[0.0], [1.0]], [[0.2], [0.6]])
        >>> print(m.name, round(float(m.result()), 4))   # (-log 0.8 - log 0.6) / 2
        binary_crossentropy 0.367
    """

    _direction = "down"  # smaller is better (for mode="auto" callbacks)

    def __init__(self, name="binary_crossentropy", dtype=None, from_logits=False,
                 label_smoothing=0):
        super().__init__(loss_functions.binary_crossentropy, name, dtype or "float32",
                         from_logits=from_logits, label_smoothing=label_smoothing)


class CategoricalCrossentropy(MeanMetricWrapper):
    """The categorical crossentropy of one-hot labels over all samples seen.

    Example::

        >>> m = keras.metrics.CategoricalCrossentropy()
        >>> m.update_state([[0.0, 1.0], [1.0, 0.0]], [[0.3, 0.7], [0.9, 0.1]])
        >>> print(m.name, round(float(m.result()), 4))   # (-log 0.7 - log 0.9) / 2
        categorical_crossentropy 0.231
    """

    _direction = "down"  # smaller is better (for mode="auto" callbacks)

    def __init__(self, name="categorical_crossentropy", dtype=None, from_logits=False,
                 label_smoothing=0, axis=-1):
        super().__init__(loss_functions.categorical_crossentropy, name, dtype or "float32",
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


class SparseCategoricalCrossentropy(MeanMetricWrapper):
    """The crossentropy of integer class labels over all samples seen.

    With ``ignore_class``, an ignored entry has a loss of 0, and (as in Keras 3) it
    still counts as a sample in a batch given without ``sample_weight``, while a batch
    given with weights counts it with weight 0: in ``fit`` with sample weights the mean
    is over the other entries only.

    Example::

        >>> m = keras.metrics.SparseCategoricalCrossentropy()
        >>> m.update_state([1, 0], [[0.3, 0.7], [0.9, 0.1]])
        >>> print(m.name, round(float(m.result()), 4))
        sparse_categorical_crossentropy 0.231
    """

    _direction = "down"  # smaller is better (for mode="auto" callbacks)

    def __init__(self, name="sparse_categorical_crossentropy", dtype=None, from_logits=False,
                 ignore_class=None, axis=-1):
        super().__init__(loss_functions.sparse_categorical_crossentropy, name,
                         dtype or "float32", from_logits=from_logits,
                         ignore_class=ignore_class, axis=axis)

    def update_state(self, y_true, y_pred, sample_weight=None):
        ignore_class = self.fn_kwargs["ignore_class"]
        if ignore_class is not None and sample_weight is not None:
            predictions = as_tensor(y_pred)
            valid = cast(reshape(loss_functions.ignored_class_mask(y_true, ignore_class),
                                 predictions.shape[:-1]), self.dtype)
            weights, valid = same_rank(as_tensor(sample_weight, like=valid, dtype=self.dtype),
                                       valid)
            sample_weight = weights * valid
        super().update_state(y_true, y_pred, sample_weight)


class KLDivergence(MeanMetricWrapper):
    """The Kullback-Leibler divergence ``sum(y_true * log(y_true / y_pred))`` over all
    samples seen.

    Example::

        >>> m = keras.metrics.KLDivergence()
        >>> m.update_state([[0.5, 0.5]], [[0.25, 0.75]])
        >>> print(m.name, round(float(m.result()), 4))
        kl_divergence 0.1438
    """

    _direction = "down"  # smaller is better (for mode="auto" callbacks)

    def __init__(self, name="kl_divergence", dtype=None):
        super().__init__(loss_functions.kl_divergence, name, dtype or "float32")


class MeanSquaredLogarithmicError(MeanMetricWrapper):
    """The mean of ``(log(1 + y_pred) - log(1 + y_true))^2`` over all samples seen.

    Example::

        >>> m = keras.metrics.MeanSquaredLogarithmicError()
        >>> m.update_state([[0.0], [3.0]], [[0.0], [1.0]])
        >>> print(m.name, round(float(m.result()), 4))   # (log 4 - log 2)^2 / 2
        mean_squared_logarithmic_error 0.2402
    """

    _direction = "down"  # smaller is better (for mode="auto" callbacks)

    def __init__(self, name="mean_squared_logarithmic_error", dtype=None):
        super().__init__(loss_functions.mean_squared_logarithmic_error, name,
                         dtype or "float32")
