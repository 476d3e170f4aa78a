"""``keras.ops``'s neural-network operations: activations, one-hot, cross-entropies.

``relu``, ``sigmoid``, ``softmax`` are the activations of the book's layers
(``activation=keras.ops.relu``).  The cross-entropies here are *elementwise* forms, one
loss per sample (per element for binary), not averaged: average them yourself,
``keras.ops.mean(keras.ops.sparse_categorical_crossentropy(labels, probabilities))``,
or use ``keras.losses``, whose loss objects average.
"""
from ...ops import arithmetic, core, functions, nn_ops, reductions, selection
from ...tensor import Tensor, convert_to_tensor
from ..config import epsilon, floatx
from ..loss_functions import categorical_crossentropy as _categorical
from ..loss_functions import sparse_categorical_crossentropy as _sparse_categorical
from .promotion import floating, same_dtype


def relu(x):
    """max(x, 0), elementwise: the rectified linear unit.

    Example::

        >>> print(keras.ops.relu(np.array([-1.5, 0.0, 2.0], "float32")))
        teachtensor.Tensor([0. 0. 2.], shape=(3,), dtype=float32)
    """
    x = x if isinstance(x, Tensor) else convert_to_tensor(x)
    return functions.relu(x)


def sigmoid(x):
    """1 / (1 + e^-x), elementwise: a number between 0 and 1.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.ops.sigmoid(np.array([-1.5, 0.0, 2.0], "float32")))
        teachtensor.Tensor([0.1824 0.5    0.8808], shape=(3,), dtype=float32)
    """
    return functions.sigmoid(floating(x))


def softmax(x, axis=-1):
    """e^x / sum(e^x) along ``axis`` (an int or a tuple of ints): non-negative values
    that sum to 1, the probabilities of a classifier's last layer.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.ops.softmax(np.array([[1.0, 2.0, 3.0]], "float32")))
        teachtensor.Tensor([[0.09   0.2447 0.6652]], shape=(1, 3), dtype=float32)
    """
    x = floating(x)
    if isinstance(axis, int):
        return nn_ops.softmax(x, axis=axis)
    e = functions.exp(x - core.stop_gradient(reductions.reduce_max(x, axis, keepdims=True)))
    return e / core.reduce_sum(e, axis, keepdims=True)


def log_softmax(x, axis=-1):
    """log(softmax(x)) along ``axis``, computed stably.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.ops.log_softmax(np.array([[1.0, 2.0, 3.0]], "float32")))
        teachtensor.Tensor([[-2.4076 -1.4076 -0.4076]], shape=(1, 3), dtype=float32)
    """
    return nn_ops.log_softmax(floating(x), axis=axis)


def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    """Each integer of x as a vector of ``num_classes`` values, 1 at that index, 0
    elsewhere (all 0 for an index outside [0, num_classes)).

    Example::

        >>> print(keras.ops.one_hot(np.array([0, 2, 1]), 3))
        teachtensor.Tensor(
        [[1. 0. 0.]
         [0. 0. 1.]
         [0. 1. 0.]], shape=(3, 3), dtype=float32)
    """
    if sparse:
        raise NotImplementedError("keras.ops.one_hot(..., sparse=True): sparse tensors are "
                                  "out of scope in teachtensor; leave sparse=False")
    return selection.one_hot(x, num_classes, axis=axis, dtype=dtype or floatx())


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """-log(p[label]) for each sample: ``target`` holds class indices (shape (N,) or
    (N, 1)), ``output`` probabilities of shape (N, classes) (scores with
    ``from_logits=True``).  Probabilities are clipped to [1e-7, 1 - 1e-7] first.

    Example::

        >>> labels = np.array([1, 0])
        >>> probabilities = np.array([[0.3, 0.7], [0.9, 0.1]], "float32")
        >>> losses = keras.ops.sparse_categorical_crossentropy(labels, probabilities)
        >>> print(losses.shape, round(float(keras.ops.mean(losses)), 4))  # -log(.7), -log(.9)
        (2,) 0.231
    """
    return _sparse_categorical(target, output, from_logits=from_logits, axis=axis)


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """-sum(target * log(p)) along ``axis`` for each sample: ``target`` is one-hot (or
    probabilities), ``output`` probabilities (scores with ``from_logits=True``).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.ops.categorical_crossentropy(np.array([[0.0, 1.0]]),   # -log(0.7)
        ...                                          np.array([[0.3, 0.7]])))
        teachtensor.Tensor([0.3567], shape=(1,), dtype=float64)
    """
    return _categorical(target, output, from_logits=from_logits, axis=axis)


def binary_crossentropy(target, output, from_logits=False):
    """-(t log p + (1 - t) log(1 - p)), elementwise (not averaged): ``output`` holds
    probabilities p, clipped to [1e-7, 1 - 1e-7] (scores with ``from_logits=True``).

    Example::

        >>> y_true = tf.constant([[0.0], [1.0], [1.0]])
        >>> y_pred = tf.constant([[0.1], [0.8], [0.4]])
        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.ops.binary_crossentropy(y_true, y_pred))   # elementwise
        teachtensor.Tensor(
        [[0.1054]
         [0.2231]
         [0.9163]], shape=(3, 1), dtype=float32)
    """
    target, output = same_dtype(target, floating(output))
    if from_logits:
        return nn_ops.sigmoid_cross_entropy_with_logits(labels=target, logits=output)
    p = selection.clip_by_value(output, epsilon(), 1.0 - epsilon())
    return arithmetic.negative(target * functions.log(p) +
                               (1.0 - target) * functions.log(1.0 - p))
