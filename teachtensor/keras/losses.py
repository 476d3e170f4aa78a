"""Losses: one number that says how far the predictions are from the targets.

Training makes this number smaller.  Each loss exists in two forms:

* a **function**, ``keras.losses.mean_squared_error(y_true, y_pred)``, that returns one
  value per sample (the last axis is reduced away).  The functions and their formulas
  are in ``loss_functions.py``;
* a **class**, ``keras.losses.MeanSquaredError()``, whose call returns the *mean* of
  those per-sample values, a scalar tensor: what ``model.compile(loss=...)`` minimises.
  ``sample_weight`` multiplies each sample's loss before the mean.

``keras.losses.get("mse")`` gives the function of that name, as in Keras (``loss_object``
the class, as ``compile`` uses it).
"""
from ..ops.core import reshape
from ..ops.reductions import reduce_sum
from ..ops.safe_math import divide_no_nan
from .layers.naming import snake_case as _snake_case
from .loss_functions import (EPSILON, KLD, MAE, MAPE, MSE, MSLE,  # noqa: F401
                             binary_crossentropy, categorical_crossentropy,
                             cosine_similarity, huber, kl_divergence, kld,
                             kullback_leibler_divergence, mae, mape,
                             mean_absolute_error, mean_absolute_percentage_error,
                             mean_squared_error,
                             mean_squared_logarithmic_error, mse, msle, same_rank,
                             sparse_categorical_crossentropy, to_float)
from .loss_functions import ignored_class_mask as _ignored_class_mask
from .suggestions import did_you_mean as _did_you_mean


# ---- loss objects: per-sample values, then one number ------------------------------

REDUCTIONS = ("sum_over_batch_size", "mean", "mean_with_sample_weight", "sum", "none", None)


class Loss:
    """A loss object: ``loss(y_true, y_pred, sample_weight=None)`` -> a scalar tensor.

    ``call(y_true, y_pred)`` gives per-sample losses; ``__call__`` multiplies them by
    ``sample_weight`` (if any) and reduces them:

        "sum_over_batch_size" (default):  sum(weights * losses) / number of losses
        "mean":                           the same
        "mean_with_sample_weight":        sum(weights * losses) / sum(weights)
        "sum":                            sum(weights * losses)
        "none" (or None):                 weights * losses, not reduced

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> class MyLoss(keras.losses.Loss):
        ...     def call(self, y_true, y_pred):
        ...         return tf.reduce_mean(tf.abs(y_true - y_pred), axis=-1)

        >>> loss = MyLoss()(y_true, y_pred)
        >>> print(loss.shape, round(float(loss), 4))
        () 0.3
    """

    def __init__(self, name=None, reduction="sum_over_batch_size"):
        if reduction not in REDUCTIONS:
            raise ValueError(f"reduction must be one of {list(REDUCTIONS)}, got {reduction!r}")
        self.name = name or _snake_case(type(self).__name__)
        self.reduction = reduction

    labels_are_class_indices = False  # True: y_true holds integers, kept as they are

    def __call__(self, y_true, y_pred, sample_weight=None):
        y_pred = to_float(y_pred)                # float32 unless already a float
        if not self.labels_are_class_indices:
            y_true = to_float(y_true, y_pred.dtype)  # labels in the same dtype, as Keras
        return reduce_weighted(self.call(y_true, y_pred), sample_weight, self.reduction)

    def call(self, y_true, y_pred):
        raise NotImplementedError(f"{type(self).__name__} must implement call(y_true, y_pred)")

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name!r}>"


def reduce_weighted(losses, sample_weight=None, reduction="sum_over_batch_size"):
    """Weight the per-sample ``losses`` and reduce them (see ``Loss``).

    Example::

        >>> print(keras.losses.reduce_weighted(tf.constant([1.0, 2.0, 3.0])))
        teachtensor.Tensor(2.0, shape=(), dtype=float32)
    """
    losses = to_float(losses)
    weights = None
    if sample_weight is not None:
        weights = to_float(sample_weight, losses.dtype)
        losses, weights = same_rank(losses, weights)
        losses = losses * weights
    if reduction in (None, "none") or losses.ndim == 0:
        return losses
    total = reduce_sum(losses)
    if reduction == "sum":
        return total
    if reduction == "mean_with_sample_weight" and weights is not None:
        return divide_no_nan(total, reduce_sum(weights))  # (all weights 0: a loss of 0)
    count = losses._data.size
    return total / count if count else total


class LossFunctionWrapper(Loss):
    """A Loss object around a per-sample function ``fn(y_true, y_pred, **kwargs)``.

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> def per_sample(y_true, y_pred):
        ...     return tf.reduce_mean(tf.square(y_true - y_pred), axis=-1)

        >>> loss = keras.losses.LossFunctionWrapper(per_sample, name="my_mse")(y_true, y_pred)
        >>> print(loss.shape, round(float(loss), 4))
        () 0.1367
    """

    def __init__(self, fn, name=None, reduction="sum_over_batch_size", **kwargs):
        super().__init__(name or getattr(fn, "__name__", "loss"), reduction)
        self.fn = fn
        self.fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        return self.fn(y_true, y_pred, **self.fn_kwargs)

    def get_config(self):
        return {**super().get_config(), **self.fn_kwargs}


class MeanSquaredError(LossFunctionWrapper):
    """Mean of (y_pred - y_true)^2: the loss for regression.

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> loss = keras.losses.MeanSquaredError()(y_true, y_pred)
        >>> print(loss.shape, round(float(loss), 4))
        () 0.1367
    """

    def __init__(self, reduction="sum_over_batch_size", name="mean_squared_error"):
        super().__init__(mean_squared_error, name, reduction)


class MeanAbsoluteError(LossFunctionWrapper):
    """Mean of |y_pred - y_true|: regression, less sensitive to outliers.

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> loss = keras.losses.MeanAbsoluteError()(y_true, y_pred)
        >>> print(loss.shape, round(float(loss), 4))
        () 0.3
    """

    def __init__(self, reduction="sum_over_batch_size", name="mean_absolute_error"):
        super().__init__(mean_absolute_error, name, reduction)


class MeanAbsolutePercentageError(LossFunctionWrapper):
    """Mean of 100 * |y_true - y_pred| / |y_true|: the error in percent of the target.

    Example::

        >>> y_true = tf.constant([[2.0], [4.0]])
        >>> y_pred = tf.constant([[1.0], [5.0]])
        >>> loss = keras.losses.MeanAbsolutePercentageError()(y_true, y_pred)
        >>> print(loss.shape, round(float(loss), 4))
        () 37.5
    """

    def __init__(self, reduction="sum_over_batch_size",
                 name="mean_absolute_percentage_error"):
        super().__init__(mean_absolute_percentage_error, name, reduction)


class MeanSquaredLogarithmicError(LossFunctionWrapper):
    """Mean of (log(1 + y_pred) - log(1 + y_true))^2: relative errors of positive targets.

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> loss = keras.losses.MeanSquaredLogarithmicError()(y_true, y_pred)
        >>> print(loss.shape, round(float(loss), 4))
        () 0.0491
    """

    def __init__(self, reduction="sum_over_batch_size", name="mean_squared_logarithmic_error"):
        super().__init__(mean_squared_logarithmic_error, name, reduction)


class Huber(LossFunctionWrapper):
    """Squared error below ``delta``, absolute error above it.

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> loss = keras.losses.Huber()(y_true, y_pred)
        >>> print(loss.shape, round(float(loss), 4))
        () 0.0683
    """

    def __init__(self, delta=1.0, reduction="sum_over_batch_size", name="huber_loss"):
        super().__init__(huber, name, reduction, delta=float(delta))


class BinaryCrossentropy(LossFunctionWrapper):
    """Crossentropy for yes/no labels (0 or 1) and one probability (or logit) each.

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> loss = keras.losses.BinaryCrossentropy()(y_true, y_pred)
        >>> print(loss.shape, round(float(loss), 4))
        () 0.4149
    """

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction="sum_over_batch_size", name="binary_crossentropy"):
        super().__init__(binary_crossentropy, name, reduction, from_logits=bool(from_logits),
                         label_smoothing=float(label_smoothing), axis=axis)


class CategoricalCrossentropy(LossFunctionWrapper):
    """Crossentropy for one-hot labels and a probability (or logit) per class.

    Example::

        >>> loss = keras.losses.CategoricalCrossentropy()([[0.0, 1.0]], [[0.3, 0.7]])
        >>> print(loss.shape, round(float(loss), 4))
        () 0.3567
    """

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction="sum_over_batch_size", name="categorical_crossentropy"):
        super().__init__(categorical_crossentropy, name, reduction,
                         from_logits=bool(from_logits),
                         label_smoothing=float(label_smoothing), axis=axis)


class SparseCategoricalCrossentropy(LossFunctionWrapper):
    """Crossentropy for integer class labels and a probability (or logit) per class.

    Example::

        >>> labels, probabilities = [1, 0], [[0.3, 0.7], [0.9, 0.1]]
        >>> loss = keras.losses.SparseCategoricalCrossentropy()(labels, probabilities)
        >>> print(loss.shape, round(float(loss), 4))
        () 0.231
    """

    labels_are_class_indices = True  # (Keras casts them to floats and back: no need)

    def __init__(self, from_logits=False, ignore_class=None, reduction="sum_over_batch_size",
                 name="sparse_categorical_crossentropy"):
        if ignore_class is not None and (isinstance(ignore_class, bool) or
                                         float(ignore_class) != int(ignore_class)):
            raise ValueError(f"ignore_class must be an integer label (or None), got "
                             f"{ignore_class!r}")
        super().__init__(sparse_categorical_crossentropy, name, reduction,
                         from_logits=bool(from_logits),
                         ignore_class=None if ignore_class is None else int(ignore_class))

    def __call__(self, y_true, y_pred, sample_weight=None):
        """With ``ignore_class``, the ignored entries weigh 0 and, for the mean
        reductions, each other entry ``total / valid``: the loss is the mean over the
        entries that count (Keras's mask; 0 when none does)."""
        ignore_class = self.fn_kwargs["ignore_class"]
        if ignore_class is None:
            return super().__call__(y_true, y_pred, sample_weight)
        losses = self.call(y_true, y_pred)
        valid = to_float(reshape(_ignored_class_mask(y_true, ignore_class), losses.shape),
                         losses.dtype)
        weights = valid
        if self.reduction in ("sum_over_batch_size", "mean"):
            weights = valid * divide_no_nan(float(valid._data.size), reduce_sum(valid))
        if sample_weight is not None:
            sample, weights = same_rank(to_float(sample_weight, losses.dtype), weights)
            weights = weights * sample
        return reduce_weighted(losses, weights, self.reduction)


class KLDivergence(LossFunctionWrapper):
    """Kullback-Leibler divergence sum(y log(y / p)) between two distributions.

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> loss = keras.losses.KLDivergence()(y_true, y_pred)
        >>> print(loss.shape, round(float(loss), 4))
        () 0.3798
    """

    def __init__(self, reduction="sum_over_batch_size", name="kl_divergence"):
        super().__init__(kl_divergence, name, reduction)


class CosineSimilarity(LossFunctionWrapper):
    """Minus the cosine of the angle between y_true and y_pred (-1 = same direction).

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> loss = keras.losses.CosineSimilarity()(y_true, y_pred)
        >>> print(loss.shape, round(float(loss), 4))
        () -0.6667
    """

    def __init__(self, axis=-1, reduction="sum_over_batch_size", name="cosine_similarity"):
        super().__init__(cosine_similarity, name, reduction, axis=axis)


# ---- by name -----------------------------------------------------------------------

ALL_LOSSES = {
    "mean_squared_error": MeanSquaredError, "mse": MeanSquaredError,
    "mean_absolute_error": MeanAbsoluteError, "mae": MeanAbsoluteError,
    "mean_absolute_percentage_error": MeanAbsolutePercentageError,
    "mape": MeanAbsolutePercentageError,
    "mean_squared_logarithmic_error": MeanSquaredLogarithmicError,
    "msle": MeanSquaredLogarithmicError,
    "huber": Huber, "huber_loss": Huber,
    "binary_crossentropy": BinaryCrossentropy, "bce": BinaryCrossentropy,
    "categorical_crossentropy": CategoricalCrossentropy,
    "sparse_categorical_crossentropy": SparseCategoricalCrossentropy,
    "kl_divergence": KLDivergence, "kld": KLDivergence,
    "kullback_leibler_divergence": KLDivergence,
    "cosine_similarity": CosineSimilarity,
}


def get(identifier):
    """What Keras 3's ``keras.losses.get`` gives: for a loss's name (``"mse"``,
    ``"binary_crossentropy"``) its per-sample *function*, which returns one value per
    sample; for a class name (``"MeanSquaredError"``) or a class, an instance, whose call
    returns the mean; a Loss object or any callable as it is; a config dict (from
    ``serialize_keras_object``) rebuilt; ``None`` gives None.

    In a training loop you write yourself, take the mean of a function's values (or use
    the class): ``tape.gradient`` of the per-sample values is the gradient of their *sum*.

    Example::

        >>> print(keras.losses.get("mse").__name__, keras.losses.get("MeanSquaredError"))
        mean_squared_error <MeanSquaredError name='mean_squared_error'>
    """
    if identifier is None or isinstance(identifier, Loss):
        return identifier
    if isinstance(identifier, type) and issubclass(identifier, Loss):
        return identifier()
    if isinstance(identifier, dict):
        from .saving.serialization import deserialize_keras_object
        return deserialize_keras_object(identifier)
    if isinstance(identifier, str):
        if identifier in _CLASS_NAMES:
            return _CLASS_NAMES[identifier]()
        if identifier.lower() in ALL_LOSSES:
            return _FUNCTIONS[identifier.lower()]
    elif callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret loss identifier: {identifier!r}. "
                     f"{_did_you_mean(identifier, list(ALL_LOSSES) + list(_CLASS_NAMES))}"
                     f"Use one of the names {sorted(ALL_LOSSES)}, a Loss object such as "
                     f"keras.losses.MeanSquaredError(), or a function fn(y_true, y_pred).")


def loss_object(identifier):
    """A Loss object for ``identifier``, as ``model.compile(loss=...)`` needs one: a name
    gives its class (``MeanSquaredError`` for ``"mse"``), a function is wrapped so that
    its per-sample values are averaged; otherwise as ``get``.

    Example::

        >>> print(keras.losses.loss_object("mse"))
        <MeanSquaredError name='mean_squared_error'>
    """
    if isinstance(identifier, str) and identifier.lower() in ALL_LOSSES and \
            identifier not in _CLASS_NAMES:
        return ALL_LOSSES[identifier.lower()]()
    found = get(identifier)
    return found if found is None or isinstance(found, Loss) else LossFunctionWrapper(found)


_CLASS_NAMES = {cls.__name__: cls for cls in set(ALL_LOSSES.values())}
# name -> the per-sample function behind its class ("mse" -> mean_squared_error)
_FUNCTIONS = {name: cls().fn for name, cls in ALL_LOSSES.items()}


