"""The metric machinery: ``Metric`` (named state Variables plus update/result/reset),
``Mean`` (a running weighted mean) and ``MeanMetricWrapper`` (the mean of any
per-sample function).  The concrete metrics are in ``metrics.py`` and
``confusion_metrics.py``; start reading at ``metrics.py``.

The state lives in non-trainable Variables, as in Keras, and is updated with
teachtensor operations on the device where the predictions are: a metric costs no copy
between the device and the host until its ``result()`` is read (``fit`` reads it when
it writes the logs: at the end of each epoch, and when the progress bar redraws).
"""
from ..ops.core import broadcast_to, cast, reduce_sum, where
from ..ops.creation import _filled
from ..ops.reductions import reduce_mean
from ..ops.safe_math import divide_no_nan  # noqa: F401  (a / b, 0 where b is 0)
from ..name_scope import name_scope as tf_name_scope
from ..tensor import Tensor, convert_to_tensor
from ..variable import Variable
from .loss_functions import same_rank as _fit_together
from .layers.naming import snake_case as _snake_case, unique_name


def as_tensor(x, like=None, dtype=None):
    """``x`` as a tensor (on ``like``'s device when it is given), cast to ``dtype``."""
    if not isinstance(x, Tensor):
        x = convert_to_tensor(x, like=like)
    return x if dtype is None else cast(x, dtype)


def same_rank(a, b):
    """Fit (N,) and (N, 1) together: add or drop a trailing length-1 axis when the ranks
    differ by one (Keras's rule; ``loss_functions.same_rank`` is the same)."""
    return _fit_together(a, b)


class Metric:
    """The base of every metric: named state Variables plus three methods.

    ``update_state(y_true, y_pred, sample_weight=None)`` adds a batch to the state,
    ``result()`` computes the metric from the state (a scalar float32 tensor), and
    ``reset_state()`` sets the state back to its start.  Calling the metric,
    ``m(y_true, y_pred)``, updates it and returns the result so far.

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> class CountPositives(keras.metrics.Metric):
        ...     def __init__(self, name="count_positives", **kwargs):
        ...         super().__init__(name=name, **kwargs)
        ...         self.count = self.add_variable(name="count", shape=())
        ...
        ...     def update_state(self, y_true, y_pred, sample_weight=None):
        ...         positives = tf.cast(tf.convert_to_tensor(y_pred) > 0.5, "float32")
        ...         self.count.assign_add(tf.reduce_sum(positives))
        ...
        ...     def result(self):
        ...         return self.count

        >>> m = CountPositives()
        >>> m.update_state(y_true, y_pred)
        >>> print(float(m.result()))
        1.0
    """

    # Which way is better: "up" (accuracy), "down" (an error, a loss) or None (unknown,
    # a Mean of anything). EarlyStopping and the other callbacks with mode="auto" read
    # it, as Keras 3's do, to know whether to wait for the value to grow or to shrink.
    _direction = None

    def __init__(self, name=None, dtype="float32"):
        self.name = name or _snake_case(type(self).__name__)
        self.dtype = str(getattr(dtype, "name", dtype))
        self._variables = []
        self._initial_values = []

    def add_variable(self, name, shape=(), initial_value=0.0):
        """A non-trainable state Variable of the metric's dtype, reset to ``initial_value``."""
        with tf_name_scope(""):  # named after the metric alone, in any tf.name_scope
            variable = Variable(_filled(tuple(shape), initial_value, self.dtype),
                                trainable=False, name=f"{self.name}/{name}")
        self._variables.append(variable)
        self._initial_values.append(initial_value)
        return variable

    def add_weight(self, name=None, shape=(), initializer="zeros", dtype=None):
        """A state Variable, the Keras way (for metrics written by subclassing)::

            self.total = self.add_weight(name="total", shape=(), initializer="zeros")

        ``initializer`` is "zeros", "ones" or a number; ``reset_state`` goes back to it.
        """
        starts = {"zeros": 0.0, "ones": 1.0}
        if isinstance(initializer, str) and initializer in starts:
            start = starts[initializer]
        elif isinstance(initializer, (int, float)) and not isinstance(initializer, bool):
            start = float(initializer)
        else:
            raise ValueError(f"a metric's weight starts from 'zeros', 'ones' or a number, "
                             f"got initializer={initializer!r}")
        dtype = str(getattr(dtype, "name", dtype or self.dtype))
        variable = Variable(_filled(tuple(shape), start, dtype), trainable=False,
                            name=f"{self.name}/{name or unique_name('variable')}")
        self._variables.append(variable)
        self._initial_values.append(start)
        return variable

    @property
    def variables(self):
        return list(self._variables)

    def reset_state(self):
        """Every state variable back to its initial value (filled on its own device)."""
        for variable, start in zip(self._variables, self._initial_values):
            backend = variable._backend
            variable.assign(Tensor(backend.full(variable._data.shape, start,
                                                variable._data.dtype), backend))

    def update_state(self, *args, **kwargs):
        raise NotImplementedError(f"{type(self).__name__} must implement update_state")

    def result(self):
        raise NotImplementedError(f"{type(self).__name__} must implement result")

    def __call__(self, *args, **kwargs):
        self.update_state(*args, **kwargs)
        return self.result()

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}

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

    Example::

        >>> m = keras.metrics.Mean()
        >>> m.update_state([1.0, 2.0])
        >>> m.update_state(6.0)
        >>> print(float(m.result()))   # (1 + 2 + 6) / 3
        3.0
    """

    def __init__(self, name="mean", dtype="float32"):
        super().__init__(name, dtype)
        self.total = self.add_variable("total")
        self.count = self.add_variable("count")

    def update_state(self, values, sample_weight=None):
        values = as_tensor(values, like=self.total, dtype=self.dtype)
        weights = None
        if sample_weight is not None:
            weights = as_tensor(sample_weight, like=values, dtype=self.dtype)
            values, weights = same_rank(values, weights)
            if values.ndim > weights.ndim:  # per-sample weights: average the rest first
                values = reduce_mean(values, axis=tuple(range(weights.ndim, values.ndim)))
            try:
                weights = broadcast_to(weights, values.shape)
            except ValueError:
                raise ValueError(f"sample_weight of shape {tuple(weights.shape)} does not fit "
                                 f"values of shape {tuple(values.shape)}") from None
            values = values * weights
            weights = _per_sample_mean(weights)
        values = _per_sample_mean(values)  # one value per sample
        if weights is not None:
            count = reduce_sum(weights)
        else:  # a plain number: the same for every full batch, so it is made once
            count = float(values.shape[0] if values.ndim else 1)
        self.total.assign_add(reduce_sum(values))
        self.count.assign_add(count)

    def result(self):
        return divide_no_nan(self.total, self.count)


def _per_sample_mean(x):
    """Average over every axis but the first (the batch axis)."""
    return reduce_mean(x, axis=tuple(range(1, x.ndim))) if x.ndim > 1 else x


class MeanMetricWrapper(Mean):
    """The mean of ``fn(y_true, y_pred)`` over all samples seen: turns any per-sample
    function (a loss function, an accuracy function, your own) into a metric.

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> def absolute_error(y_true, y_pred):
        ...     return tf.reduce_mean(tf.abs(y_true - y_pred), axis=-1)

        >>> m = keras.metrics.MeanMetricWrapper(absolute_error, name="my_mae")
        >>> m.update_state(y_true, y_pred)
        >>> print(m.name, round(float(m.result()), 4))
        my_mae 0.3
    """

    def __init__(self, fn, name=None, dtype="float32", **kwargs):
        super().__init__(name or getattr(fn, "__name__", None) or _snake_case(
            type(fn).__name__), dtype)
        self.fn = fn
        self.fn_kwargs = kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        super().update_state(self.fn(y_true, y_pred, **self.fn_kwargs), sample_weight)

    def get_config(self):
        return {**super().get_config(), **self.fn_kwargs}

