"""The loss functions: one value per sample, written with differentiable operations.

``keras.losses.mean_squared_error(y_true, y_pred)`` and its siblings live here; the
loss *objects* built on them (``MeanSquaredError()``, ...) and ``get`` are in
``losses.py``, which also re-exports every function of this file.

Each function reduces the last axis, so predictions of shape (N, C) give N values.
Probabilities are clipped to ``[EPSILON, 1 - EPSILON]`` before a logarithm, so that
log(0) never happens; the ``from_logits=True`` forms take raw scores instead and use
numerically stable formulas.  Everything is a teachtensor operation, so a
GradientTape differentiates these losses (twice, where the math allows).

**Cross-entropy after a softmax or sigmoid uses the logits behind it** (as Keras 3
does).  A model ending in ``Dense(10, activation="softmax")`` hands the loss
probabilities p = softmax(z), but every softmax and sigmoid result remembers its
input z (``p._keras_logits``, see ``ops/nn_ops.py``).  The three cross-entropies take
z when it is there and compute the loss as if ``from_logits=True``, because

    log softmax(z)_k = z_k - logsumexp(z)        (exact for any z, no clipping)

whereas ``log(clip(p_k, 1e-7, 1 - 1e-7))`` is capped at -log(1e-7) = 16.118 and, where
the clip is active (a confident wrong answer: p_k < 1e-7), its gradient is exactly 0.
A model that has become confidently wrong, e.g. after a too-large learning rate, then
gets no gradient from those samples and stops learning; from the logits the loss of
such a sample is its true size (100 when the right class scores 100 below the others)
and the gradient p - y still pushes.  The same holds for sigmoid and binary
cross-entropy.  The rule, exactly as Keras's:

* it applies to whatever tensor arrives as ``y_pred`` after the shapes are matched
  (a tensor made from it by any other operation, ``p * 1`` or a reshape, has
  forgotten the logits and gets the clipped formula);
* it does not ask which activation made them: binary_crossentropy of a softmax
  output treats the softmax's logits as sigmoid logits, as Keras does;
* ``from_logits=True`` on such an output still uses the logits behind it, with a
  warning (the output is probabilities, not logits).

(In Keras the results of ``keras.activations.softmax/sigmoid`` carry their logits
always; inside ``fit``/``evaluate``, which trace a graph, Keras also finds the logits
behind a bare ``tf.nn.softmax``/``tf.sigmoid`` op.  teachtensor, which never traces,
marks every softmax and sigmoid.  The one difference: a bare ``tf.nn.softmax`` output
in an eager custom loop (or with ``run_eagerly=True``), where Keras clips.)
"""
import warnings

import numpy as np

from ..ops.arithmetic import logical_or, maximum
from ..ops.creation import zeros_like
from ..ops.functions import abs, floor, log, square
from ..ops.indexing import pick
from ..ops.nn_ops import l2_normalize, log_softmax, sigmoid_cross_entropy_with_logits
from ..ops.reductions import reduce_any, reduce_max, reduce_mean, reduce_min, reduce_sum
from ..ops.selection import cast, clip_by_value, where
from ..ops.shape_ops import expand_dims, squeeze
from ..tensor import Tensor, convert_to_tensor

EPSILON = 1e-7  # keras.backend.epsilon()


# ---- getting y_true and y_pred ready -------------------------------------------------

def prepare(y_true, y_pred, name="loss"):
    """Tensors of one float dtype and one shape.

    ``y_pred`` keeps its float dtype (float32 for anything else) and ``y_true`` is cast
    to it.  A trailing axis of length 1 is added or removed so that labels of shape
    (N,) fit predictions of shape (N, 1) and the other way round; any other difference
    in shape is an error, because silently broadcasting (N, 1) against (N,) gives an
    (N, N) loss that is wrong.
    """
    y_pred = to_float(y_pred)
    y_true = to_float(y_true, y_pred.dtype)
    y_true, y_pred = same_rank(y_true, y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"{name}: y_true and y_pred must have the same shape, but y_true "
                         f"has shape {y_true.shape} and y_pred has shape {y_pred.shape}")
    return y_true, y_pred


def to_float(x, dtype=None):
    """``x`` as a float tensor: of ``dtype`` if given, else its own float dtype or float32.

    Lists and numbers follow the usual rules (Python floats become float32); a NumPy
    array keeps its float dtype.

    Example::

        >>> print(keras.losses.to_float(tf.constant([1, 2])))
        teachtensor.Tensor([1. 2.], shape=(2,), dtype=float32)
    """
    if not isinstance(x, Tensor):
        x = convert_to_tensor(x, dtype=dtype)
    if dtype is None:
        dtype = x.dtype if x.dtype.is_floating else "float32"
    return cast(x, dtype)


def same_rank(a, b):
    """Add or drop a trailing length-1 axis when the ranks differ by one (Keras's rule).

    Example::

        >>> a, b = keras.losses.same_rank(tf.ones((3,)), tf.ones((3, 1)))
        >>> print(a.shape, b.shape)
        (3, 1) (3, 1)
    """
    if a.ndim == b.ndim + 1 and a.shape[-1] == 1:
        if b.ndim == 1:
            b = expand_dims(b, -1)
        else:
            a = squeeze(a, -1)
    elif b.ndim == a.ndim + 1 and b.shape[-1] == 1:
        if a.ndim == 1:
            a = expand_dims(a, -1)
        else:
            b = squeeze(b, -1)
    return a, b


def _clip_probabilities(p, low=EPSILON):
    return clip_by_value(p, low, 1.0 - EPSILON)


def _logits_behind(y_pred, from_logits, loss_name):
    """``(z, True)`` when ``y_pred`` is a softmax or sigmoid of z, else ``(y_pred,
    from_logits)``: what a cross-entropy should compute from (see the module's notes)."""
    logits = getattr(y_pred, "_keras_logits", None)
    if logits is None:
        return y_pred, from_logits
    if from_logits:
        warnings.warn(f"{loss_name} got from_logits=True, but y_pred is the output of a "
                      f"softmax or sigmoid: probabilities, not logits. It uses the logits "
                      f"that output was computed from, as Keras does; pass "
                      f"from_logits=False, or remove the output activation.", stacklevel=3)
    return logits, True


# ---- the per-sample functions ----------------------------------------------------------

def mean_squared_error(y_true, y_pred):
    """mean((y_pred - y_true)^2) over the last axis.

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> print(keras.losses.MSE(y_true, y_pred))   # the function of that name
        teachtensor.Tensor([0.01 0.04 0.36], shape=(3,), dtype=float32)
    """
    y_true, y_pred = prepare(y_true, y_pred, "mean_squared_error")
    return reduce_mean(square(y_pred - y_true), axis=-1)


def mean_absolute_error(y_true, y_pred):
    """mean(|y_pred - y_true|) over the last axis.

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> print(keras.losses.MAE(y_true, y_pred))   # the function of that name
        teachtensor.Tensor([0.1        0.19999999 0.6       ], shape=(3,), dtype=float32)
    """
    y_true, y_pred = prepare(y_true, y_pred, "mean_absolute_error")
    return reduce_mean(abs(y_pred - y_true), axis=-1)


def mean_absolute_percentage_error(y_true, y_pred):
    """100 * mean(|y_true - y_pred| / |y_true|) over the last axis: the error in percent
    of the target (targets nearer 0 than EPSILON count as EPSILON, so 0 is no division
    by zero).

    Example::

        >>> y_true = tf.constant([[2.0], [4.0], [0.0]])
        >>> y_pred = tf.constant([[1.0], [5.0], [0.0]])
        >>> print(keras.losses.mean_absolute_percentage_error(y_true, y_pred))  # 50%, 25%, exact
        teachtensor.Tensor([50. 25.  0.], shape=(3,), dtype=float32)
    """
    y_true, y_pred = prepare(y_true, y_pred, "mean_absolute_percentage_error")
    relative = abs((y_true - y_pred) / maximum(abs(y_true), EPSILON))
    return 100.0 * reduce_mean(relative, axis=-1)


def mean_squared_logarithmic_error(y_true, y_pred):
    """mean((log(1 + y_pred) - log(1 + y_true))^2) over the last axis (values below
    EPSILON are raised to it first).

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.losses.MSLE(y_true, y_pred))   # the function of that name
        teachtensor.Tensor([0.0091 0.0111 0.1272], shape=(3,), dtype=float32)
    """
    y_true, y_pred = prepare(y_true, y_pred, "mean_squared_logarithmic_error")
    first = log(maximum(y_pred, EPSILON) + 1.0)
    second = log(maximum(y_true, EPSILON) + 1.0)
    return reduce_mean(square(first - second), axis=-1)


def huber(y_true, y_pred, delta=1.0):
    """Squared error for small errors, absolute error for large ones, mean over the last axis:

        0.5 * e^2                      where |e| <= delta
        delta * |e| - 0.5 * delta^2    elsewhere          (e = y_pred - y_true)

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.losses.huber(y_true, y_pred))   # one value per sample
        teachtensor.Tensor([0.005 0.02  0.18 ], shape=(3,), dtype=float32)
    """
    y_true, y_pred = prepare(y_true, y_pred, "huber")
    error = y_pred - y_true
    abs_error = abs(error)
    values = where(abs_error <= delta, 0.5 * square(error), delta * abs_error - 0.5 * delta ** 2)
    return reduce_mean(values, axis=-1)


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """-(y log p + (1 - y) log(1 - p)), mean over the last axis.

    ``y_pred`` holds probabilities p (sigmoid outputs), clipped to [eps, 1 - eps]; with
    ``from_logits=True`` it holds scores x, and the same loss is computed stably as
    ``max(x, 0) - x y + log(1 + e^-|x|)`` (``tf.nn.sigmoid_cross_entropy_with_logits``).  ``label_smoothing`` moves the targets
    toward 0.5: ``y (1 - ls) + 0.5 ls``.  A sigmoid output is read as its logits x
    (module notes).

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.losses.binary_crossentropy(y_true, y_pred))   # one value per sample
        teachtensor.Tensor([0.1054 0.2231 0.9163], shape=(3,), dtype=float32)
    """
    y_true, y_pred = prepare(y_true, y_pred, "binary_crossentropy")
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    y_pred, from_logits = _logits_behind(y_pred, from_logits, "binary_crossentropy")
    if from_logits:  # the stable form; its gradient is right at x = 0 too
        values = sigmoid_cross_entropy_with_logits(labels=y_true, logits=y_pred)
    else:
        p = _clip_probabilities(y_pred)
        values = -(y_true * log(p) + (1.0 - y_true) * log(1.0 - p))
    return reduce_mean(values, axis=axis)


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """-sum(y log p) over the class axis, for one-hot (or soft) labels y.

    ``y_pred`` holds probabilities (softmax outputs): they are divided by their sum
    (so that they sum to 1) and clipped to [eps, 1 - eps].  With ``from_logits=True``
    they are scores and ``log p = log_softmax(scores)``.  ``label_smoothing`` mixes the
    labels with the uniform distribution: ``y (1 - ls) + ls / num_classes``.  A softmax
    output is read as its logits (module notes).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.losses.categorical_crossentropy([[0.0, 1.0]], [[0.3, 0.7]]))
        teachtensor.Tensor([0.3567], shape=(1,), dtype=float32)
    """
    y_pred = to_float(y_pred)
    _check_one_hot_labels(y_true, y_pred)
    y_true, y_pred = prepare(y_true, y_pred, "categorical_crossentropy")
    if label_smoothing:
        num_classes = y_pred.shape[axis]
        y_true = y_true * (1.0 - label_smoothing) + label_smoothing / num_classes
    y_pred, from_logits = _logits_behind(y_pred, from_logits, "categorical_crossentropy")
    if from_logits:
        log_p = log_softmax(y_pred, axis=axis)
    else:
        p = y_pred / reduce_sum(y_pred, axis=axis, keepdims=True)
        log_p = log(_clip_probabilities(p))
    return -reduce_sum(y_true * log_p, axis=axis)


def _check_one_hot_labels(y_true, y_pred):
    """Integer class labels given to categorical_crossentropy: say which loss fits."""
    shape = tuple(y_true.shape) if hasattr(y_true, "shape") else tuple(np.shape(y_true))
    classes = y_pred.shape[-1] if y_pred.ndim else 1
    if classes > 1 and y_pred.ndim >= 1 and (
            shape == tuple(y_pred.shape[:-1]) or shape == tuple(y_pred.shape[:-1]) + (1,)):
        raise ValueError(
            f"categorical_crossentropy expects one-hot labels with the same shape as the "
            f"predictions {y_pred.shape}, but the labels have shape {shape}: they look like "
            f"integer class indices. Use sparse_categorical_crossentropy (or "
            f"SparseCategoricalCrossentropy) for integer labels, or one-hot encode them "
            f"with tf.one_hot(labels, depth={classes}).")


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None,
                                    axis=-1):
    """-log p[label]: categorical crossentropy for integer labels (no one-hot needed).

    ``y_true`` holds class indices, shape (N,) or (N, 1) for predictions (N, C).  Only
    the probability of the right class is read (a gather), instead of multiplying by a
    one-hot matrix that is zero almost everywhere.  As in Keras, probabilities are
    clipped to [eps, 1 - eps] and the loss is ``log(sum p) - log p[label]``
    (= -log p[label] when p sums to 1); with ``from_logits=True`` it is
    ``-log_softmax(scores)[label]``, which is also what a softmax output gets: its
    logits are used (module notes).

    ``ignore_class`` (a label value, such as -1 or 255 for "no label here"): those
    entries get a loss of 0 (and no gradient), whatever their predictions; as in Keras,
    their predictions are first replaced by zeros, so the probabilities are read as
    given (clipped) rather than through the softmax's logits.  The loss object
    ``SparseCategoricalCrossentropy(ignore_class=...)`` then averages over the other
    entries only.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> labels, probabilities = [1, 0], [[0.3, 0.7], [0.9, 0.1]]
        >>> print(keras.losses.sparse_categorical_crossentropy(labels, probabilities))
        teachtensor.Tensor([0.3567 0.1054], shape=(2,), dtype=float32)
    """
    y_pred = to_float(y_pred)
    if axis not in (-1, y_pred.ndim - 1):
        raise ValueError(f"sparse_categorical_crossentropy works on the last axis only, "
                         f"got axis={axis}")
    valid = None
    if ignore_class is not None:
        y_true, y_pred, valid = _without_ignored(y_true, y_pred, ignore_class)
    labels = _class_indices(y_true, y_pred)
    y_pred, from_logits = _logits_behind(y_pred, from_logits, "sparse_categorical_crossentropy")
    if from_logits:
        losses = -pick(log_softmax(y_pred, axis=-1), labels)
    else:
        p = _clip_probabilities(y_pred)
        losses = log(reduce_sum(p, axis=-1)) - log(pick(p, labels))
    return losses if valid is None else where(valid, losses, zeros_like(losses))


def ignored_class_mask(y_true, ignore_class):
    """True where a label is not ``ignore_class``: the entries a loss counts."""
    labels = y_true if isinstance(y_true, Tensor) else convert_to_tensor(y_true)
    return labels != cast(ignore_class, labels.dtype)


def _without_ignored(y_true, y_pred, ignore_class):
    """(labels, predictions, valid) with the ignored entries' labels set to 0 and their
    predictions to zeros, so they pass the label checks and compute something finite."""
    labels = y_true if isinstance(y_true, Tensor) else convert_to_tensor(y_true, like=y_pred)
    if labels.ndim == y_pred.ndim and labels.ndim and labels.shape[-1] == 1:
        labels = squeeze(labels, -1)
    valid = ignored_class_mask(labels, ignore_class)
    if tuple(valid.shape) != tuple(y_pred.shape)[:-1]:
        return y_true, y_pred, None  # wrong shapes: the label checks name them
    labels = where(valid, labels, zeros_like(labels))
    y_pred = where(expand_dims(valid, -1), y_pred, zeros_like(y_pred))
    return labels, y_pred, valid


def _class_indices(y_true, y_pred):
    """Integer labels (an int64 tensor of shape y_pred.shape[:-1]), checked: the shapes
    here, the values where they are (one number comes back to the host per batch; two
    for labels given as floats, which are also checked to be whole)."""
    labels = y_true if isinstance(y_true, Tensor) else convert_to_tensor(y_true, like=y_pred)
    pred_shape, shape = tuple(y_pred.shape), tuple(labels.shape)
    classes = pred_shape[-1] if pred_shape else 0
    if shape == pred_shape and classes > 1:
        raise ValueError(
            f"sparse_categorical_crossentropy expects integer class indices of shape "
            f"{pred_shape[:-1]} (or {pred_shape[:-1] + (1,)}), but the labels have the same "
            f"shape as the predictions, {pred_shape}: they look one-hot encoded. Use "
            f"categorical_crossentropy (or CategoricalCrossentropy) for one-hot labels.")
    if len(shape) == len(pred_shape) and shape and shape[-1] == 1:
        labels = squeeze(labels, -1)
    if tuple(labels.shape) != pred_shape[:-1]:
        raise ValueError(f"sparse_categorical_crossentropy: labels of shape {shape} do not "
                         f"fit predictions of shape {pred_shape}; expected labels of shape "
                         f"{pred_shape[:-1]}, one class index per prediction row")
    if labels._data.size:
        if labels.dtype.is_floating and bool(reduce_any(labels != floor(labels))):
            raise ValueError("sparse_categorical_crossentropy expects integer class "
                             "indices, but the labels have fractional values")
        # One number to the host: the largest label, where every negative label counts
        # as `classes` (three operations; testing each label against both ends, and
        # reducing the answers, would take six).
        if float(reduce_max(where(labels < 0, classes, labels))) >= classes:
            low, high = float(reduce_min(labels)), float(reduce_max(labels))
            bad_value = int(low if low < 0 else high)
            raise ValueError(f"Received a label value of {bad_value} which is outside the "
                             f"valid range of [0, {classes}): the predictions have {classes} "
                             f"classes")
    return cast(labels, "int64")


def kl_divergence(y_true, y_pred):
    """sum(y log(y / p)) over the last axis, with y and p clipped to [eps, 1].

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.losses.KLD(y_true, y_pred))   # the function of that name
        teachtensor.Tensor([-1.3816e-06  2.2314e-01  9.1629e-01], shape=(3,), dtype=float32)
    """
    y_true, y_pred = prepare(y_true, y_pred, "kl_divergence")
    y = clip_by_value(y_true, EPSILON, 1.0)
    p = clip_by_value(y_pred, EPSILON, 1.0)
    return reduce_sum(y * log(y / p), axis=-1)


def cosine_similarity(y_true, y_pred, axis=-1):
    """-sum(normalize(y) * normalize(p)) along ``axis``: -1 when they point the same way,
    0 when orthogonal, 1 when opposite (a loss to minimise).

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.losses.cosine_similarity(y_true, y_pred))   # one value per sample
        teachtensor.Tensor([-0. -1. -1.], shape=(3,), dtype=float32)
    """
    y_true, y_pred = prepare(y_true, y_pred, "cosine_similarity")
    return -reduce_sum(l2_normalize(y_true, axis=axis) * l2_normalize(y_pred, axis=axis),
                       axis=axis)


mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence = kl_divergence

