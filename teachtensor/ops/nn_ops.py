"""Neural-network functions with fused kernels: softmax and log_softmax.

softmax(x)_i = e^{x_i} / sum_j e^{x_j}, computed as e^{x_i - max} / sum e^{x_j - max}
so that large logits do not overflow.  Its gradient, for output y and upstream g::

    dx = y * (g - sum(g * y))            (softmax)
    dx = g - e^y * sum(g)                (log_softmax, y = log softmax)

A softmax result remembers its input: ``y._keras_logits is x``.  Keras's cross-entropy
losses look for it and compute the loss from those logits (``log softmax(x)``) instead
of from the rounded, clipped probabilities ``y`` — see ``keras/loss_functions.py``.
``sigmoid`` (in functions.py) does the same.
"""
from ..errors import InvalidArgumentError
from ..recording import record
from ..tensor import convert_to_tensor
from .arithmetic import logical_and, maximum
from .checks import normalize_axis, numeric
from .core import reduce_sum, where
from .functions import _float_input, exp, log, sqrt
from .indexing import pick
from .reductions import reduce_max, reduce_min


def _axis_of(name, x, axis):
    """The axis to normalize over: ``axis`` (None, TensorFlow's default, is the last)."""
    if x.ndim == 0:
        raise InvalidArgumentError(f"tf.nn.{name} needs a tensor with at least one axis (a vector "
                                   f"of scores); got a scalar. Put it in a vector first: "
                                   f"tf.reshape(x, [1])")
    return normalize_axis(-1 if axis is None else axis, x.ndim)


def softmax(logits, axis=None, name=None):
    """Softmax along ``axis`` (the last one by default): non-negative values that sum
    to 1.

    The result keeps its logits in ``._keras_logits``, for the cross-entropy losses.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.nn.softmax(tf.constant([[1.0, 2.0, 3.0]])))
        teachtensor.Tensor([[0.09   0.2447 0.6652]], shape=(1, 3), dtype=float32)
    """
    x = _float_input("nn.softmax", logits)
    axis = _axis_of("softmax", x, axis)

    def grad(g):
        return y * (g - reduce_sum(g * y, axis, keepdims=True))

    y = record("softmax", (x,), x._backend.softmax(x._data, axis), grad)
    y._keras_logits = x
    return y


def log_softmax(logits, axis=None, name=None):
    """log(softmax(x)) along ``axis`` (the last one by default), computed without taking
    the log of a tiny number.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.nn.log_softmax(tf.constant([[1.0, 2.0, 3.0]])))
        teachtensor.Tensor([[-2.4076 -1.4076 -0.4076]], shape=(1, 3), dtype=float32)
    """
    x = _float_input("nn.log_softmax", logits)
    axis = _axis_of("log_softmax", x, axis)

    def grad(g):
        return g - exp(y) * reduce_sum(g, axis, keepdims=True)

    y = record("log_softmax", (x,), x._backend.log_softmax(x._data, axis), grad)
    return y


def l2_normalize(x, axis=None, epsilon=1e-12, name=None):
    """x / sqrt(max(sum(x^2), epsilon)) along ``axis``.

    Example::

        >>> print(tf.math.l2_normalize(tf.constant([3.0, 4.0])))
        teachtensor.Tensor([0.6 0.8], shape=(2,), dtype=float32)
    """
    x = convert_to_tensor(x)
    return x / sqrt(maximum(reduce_sum(x * x, axis, keepdims=True), epsilon))


def sigmoid_cross_entropy_with_logits(labels=None, logits=None, name=None):
    """-(z log σ(x) + (1 - z) log(1 - σ(x))), stably: max(x, 0) - x z + log(1 + e^-|x|).

    max(x, 0) and -|x| are both chosen by one test ``x >= 0`` so that at x = 0 (a
    zero-initialized model) the gradient is the true σ(0) - z, not -z.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant([0.0, 1.0]),
        ...                                             logits=tf.constant([-2.0, 3.0])))
        teachtensor.Tensor([0.1269 0.0486], shape=(2,), dtype=float32)
    """
    logits = convert_to_tensor(logits)
    labels = convert_to_tensor(labels, dtype=logits.dtype)
    positive = logits >= 0
    return (where(positive, logits, 0) - logits * labels
            + log(1 + exp(where(positive, -logits, logits))))


def softmax_cross_entropy_with_logits(labels, logits, axis=-1, name=None):
    """-sum(labels * log_softmax(logits)) along ``axis``.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.nn.softmax_cross_entropy_with_logits(labels=tf.constant([[0.0, 1.0]]),
        ...                                             logits=tf.constant([[1.0, 3.0]])))
        teachtensor.Tensor([0.1269], shape=(1,), dtype=float32)
    """
    logits = convert_to_tensor(logits)
    labels = convert_to_tensor(labels, dtype=logits.dtype)
    return -reduce_sum(labels * log_softmax(logits, axis), axis)


def sparse_softmax_cross_entropy_with_logits(labels, logits, name=None):
    """-log_softmax(logits)[label] for each row: the cross-entropy with the right class
    given by its index (``labels`` of shape ``logits.shape[:-1]``), without a one-hot
    matrix.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.nn.sparse_softmax_cross_entropy_with_logits(
        ...     labels=tf.constant([1]), logits=tf.constant([[1.0, 3.0]])))
        teachtensor.Tensor([0.1269], shape=(1,), dtype=float32)
    """
    logits = convert_to_tensor(logits)
    labels = convert_to_tensor(labels)
    if not labels.dtype.is_integer:
        raise TypeError(f"sparse_softmax_cross_entropy_with_logits takes class indices "
                        f"(integers) as labels, got {labels.dtype.name}; for one-hot or "
                        f"probability labels use tf.nn.softmax_cross_entropy_with_logits")
    classes = logits.shape[-1] if logits.ndim else 0
    low, high = (int(reduce_min(labels)), int(reduce_max(labels))) if labels._data.size \
        else (0, 0)
    if low < 0 or high >= classes:
        raise InvalidArgumentError(f"sparse_softmax_cross_entropy_with_logits: the labels must "
                                   f"be class indices from 0 to {classes - 1}, got values from "
                                   f"{low} to {high}")
    return -pick(log_softmax(logits, -1), labels)


def relu6(features, name=None):
    """min(max(x, 0), 6).   d/dx = 1 for 0 < x < 6, else 0 (as in TensorFlow).

    Example::

        >>> print(tf.nn.relu6(tf.constant([-1.0, 3.0, 8.0])))
        teachtensor.Tensor([0. 3. 6.], shape=(3,), dtype=float32)
    """
    x = convert_to_tensor(features)
    numeric("relu6", x)  # (integers too, as in TensorFlow)
    inside = logical_and(x > 0, x < 6)
    six = convert_to_tensor(6, dtype=x.dtype, like=x)
    return where(inside, x, where(x >= 6, six, 0))


def l2_loss(t, name=None):
    """sum(t²) / 2: half the squared length of ``t``, the weight-decay penalty.

    Example::

        >>> print(tf.nn.l2_loss(tf.constant([1.0, 2.0, 3.0])))
        teachtensor.Tensor(7.0, shape=(), dtype=float32)
    """
    t = _float_input("nn.l2_loss", t)
    return reduce_sum(t * t) / 2
