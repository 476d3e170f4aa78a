"""The metric machinery: ``Metric`` (named state Variables plus update/result/reset),
``Mean`` (a running weighted mean) and ``MeanMetricWrapper`` (the mean of any
per-sample function).  The concrete metrics are in ``metrics.py`` and
``confusion_metrics.py``; start reading at ``metrics.py``.

Nothing here is differentiated, so updates are computed with plain NumPy (no tape
records them); the state lives in non-trainable Variables, as in Keras.
"""

import numpy as np

from ..tensor import Tensor, convert_to_tensor
from ..variable import Variable
from .layers.naming import snake_case as _snake_case


def _numpy(x):
    return x.numpy() if isinstance(x, Tensor) else np.asarray(x)



class Metric:
    """The base of every metric: named state Variables plus three methods.

    ``update_state(y_true, y_pred, sample_weight=None)`` adds a batch to the state,
    ``result()`` computes the metric from the state (a scalar float32 tensor), and
    ``reset_state()`` sets the state back to its start.  Calling the metric,
    ``m(y_true, y_pred)``, updates it and returns the result so far.
    """

    def __init__(self, name=None, dtype="float32"):
        self.name = name or _snake_case(type(self).__name__)
        self.dtype = np.dtype(str(dtype))
        self._variables = []
        self._initial_values = []

    def add_variable(self, name, shape=(), initial_value=0.0):
        """A non-trainable state Variable of the metric's dtype, reset to ``initial_value``."""
        start = np.full(shape, initial_value, dtype=self.dtype)
        variable = Variable(start, trainable=False, name=f"{self.name}/{name}")
        self._variables.append(variable)
        self._initial_values.append(start)
        return variable

    @property
    def variables(self):
        return list(self._variables)

    def reset_state(self):
        for variable, start in zip(self._variables, self._initial_values):
            variable.assign(start)

    def update_state(self, *args, **kwargs):
        raise NotImplementedError(f"{type(self).__name__} must implement update_state")

    def result(self):
        raise NotImplementedError(f"{type(self).__name__} must implement result")

    def __call__(self, *args, **kwargs):
        self.update_state(*args, **kwargs)
        return self.result()

    def get_config(self):
        return {"name": self.name, "dtype": str(self.dtype)}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name!r}>"


class Mean(Metric):
    """The (weighted) mean of all the values given so far.

        total += sum(weights * values);   count += sum(weights)   (weights default to 1)
        result = total / count            (0 before any value)

    Values with more axes than the weights are first averaged over the extra axes,
    so ``Mean`` of per-sample-and-class values with per-sample weights works.
    """

    def __init__(self, name="mean", dtype="float32"):
        super().__init__(name, dtype)
        self.total = self.add_variable("total")
        self.count = self.add_variable("count")

    def update_state(self, values, sample_weight=None):
        values = _numpy(values).astype(self.dtype)
        weights = None
        if sample_weight is not None:
            weights = _numpy(sample_weight).astype(self.dtype)
            values, weights = _same_rank(values, weights)
            if values.ndim > weights.ndim:  # per-sample weights: average the rest first
                values = values.mean(axis=tuple(range(weights.ndim, values.ndim)))
            try:
                weights = np.broadcast_to(weights, values.shape)
            except ValueError:
                raise ValueError(f"sample_weight of shape {np.shape(sample_weight)} does not "
                                 f"fit values of shape {values.shape}") from None
            values = values * weights
            weights = _per_sample_mean(weights)
        values = _per_sample_mean(values)  # one value per sample
        if weights is not None:
            count = np.sum(weights)
        else:
            count = values.shape[0] if values.ndim else 1
        self.total.assign(self.total.numpy() + np.sum(values, dtype=self.dtype))
        self.count.assign(self.count.numpy() + np.asarray(count, dtype=self.dtype))

    def result(self):
        total, count = self.total.numpy(), self.count.numpy()
        return convert_to_tensor(np.asarray(total / count if count else 0, dtype=self.dtype))


def _per_sample_mean(x):
    """Average over every axis but the first (the batch axis)."""
    return x.mean(axis=tuple(range(1, x.ndim))) if x.ndim > 1 else x


def _same_rank(a, b):
    """NumPy twin of ``loss_functions.same_rank``: fit (N,) and (N, 1) together."""
    if a.ndim == b.ndim + 1 and a.shape[-1] == 1:
        return (a, b[..., None]) if b.ndim == 1 else (a[..., 0], b)
    if b.ndim == a.ndim + 1 and b.shape[-1] == 1:
        return (a[..., None], b) if a.ndim == 1 else (a, b[..., 0])
    return a, b


class MeanMetricWrapper(Mean):
    """The mean of ``fn(y_true, y_pred)`` over all samples seen: turns any per-sample
    function (a loss function, an accuracy function, your own) into a metric."""

    def __init__(self, fn, name=None, dtype="float32", **kwargs):
        super().__init__(name or getattr(fn, "__name__", None) or _snake_case(
            type(fn).__name__), dtype)
        self.fn = fn
        self.fn_kwargs = kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        super().update_state(self.fn(y_true, y_pred, **self.fn_kwargs), sample_weight)

    def get_config(self):
        return {**super().get_config(), **self.fn_kwargs}
