"""Sample weights: how much each sample counts in the loss and the metrics.

``fit(x, y, sample_weight=w)`` gives sample i the weight w[i]; ``class_weight={0: 1.0,
1: 5.0}`` gives every sample of class 1 the weight 5 (a rare class made to count as
much as a frequent one).  With weights, as in Keras 3:

    loss     = sum_i(w_i * loss_i) / n        (n samples in the batch, not sum(w))
    a metric = sum_i(w_i * value_i) / sum_i(w_i)      (a weighted mean)

The logged ``loss`` is still the mean of the batches' losses weighted by batch size.
compile's ``metrics`` ignore the weights and its ``weighted_metrics`` use them (as in
Keras, so that, say, accuracy still counts every sample once; ``compile_utils.py``).
A batch is then ``(x, y, sample_weight)`` instead of ``(x, y)``; ``unpack_x_y_sample_weight``
takes either apart, in a ``train_step`` of your own too.
"""
import numpy as np

from ...tensor import Tensor
from ..keras_tensor import flatten


def unpack_x_y_sample_weight(data):
    """``(x, y, sample_weight)`` from a batch: ``x``, ``(x,)``, ``(x, y)`` or
    ``(x, y, sample_weight)``, the missing parts None.

    Example::

        >>> x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(([1.0], [0.0]))
        >>> print(x, y, sample_weight)
        [1.0] [0.0] None
    """
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return data, None, None
    if len(data) in (1, 2, 3):
        return (tuple(data) + (None, None))[:3]
    raise ValueError(f"a batch is x, (x,), (x, y) or (x, y, sample_weight); got a tuple of "
                     f"{len(data)}")


def pack_x_y_sample_weight(x, y=None, sample_weight=None):
    """The batch ``unpack_x_y_sample_weight`` takes apart: x alone (``(x,)`` if x is a
    tuple or list), ``(x, y)``, or ``(x, y, sample_weight)``.

    Example::

        >>> print(keras.utils.pack_x_y_sample_weight([1.0], [0.0]))
        ([1.0], [0.0])
    """
    if y is None:
        return (x,) if isinstance(x, (tuple, list)) else x
    return (x, y) if sample_weight is None else (x, y, sample_weight)


def checked(sample_weight, what="sample_weight"):
    """The weights as float32 NumPy arrays (one, or a list or dict of one per output),
    each with a batch axis."""
    def one(w, label):
        w = np.asarray(w.numpy() if hasattr(w, "numpy") else w)
        if w.dtype.kind not in "fiub":
            raise TypeError(f"{label} must be numbers, one weight per sample; got values "
                            f"of dtype {w.dtype}")
        if w.ndim == 0:
            raise ValueError(f"{label} must hold one weight per sample (shape (samples,)), "
                             f"got a single number {w.item()!r}")
        return w.astype(np.float32)

    def maybe(w, label):  # one output's weights, or None: that output unweighted
        return None if w is None else one(w, label)

    if isinstance(sample_weight, dict):
        return {key: maybe(w, f"{what}[{key!r}]") for key, w in sample_weight.items()}
    if isinstance(sample_weight, (list, tuple)) and any(
            isinstance(w, (np.ndarray, Tensor)) for w in sample_weight) and all(
            w is None or isinstance(w, (np.ndarray, Tensor)) for w in sample_weight):
        return [maybe(w, f"{what}[{i}]") for i, w in enumerate(sample_weight)]  # per output
    return one(sample_weight, what)


def check_shapes(sample_weight, y, what="sample_weight"):
    """Each weight array must fit its targets: its shape, less trailing 1s, the start of
    the targets' shape ((samples,) for any y, (samples, steps) for a sequence).  Checked
    before training, so that bad validation weights do not fail after an epoch."""
    pairs = []
    if isinstance(sample_weight, np.ndarray) and isinstance(y, np.ndarray):
        pairs = [("", sample_weight, y)]
    elif isinstance(sample_weight, list) and isinstance(y, list):
        if len(sample_weight) not in (1, len(y)):
            raise ValueError(f"{what} is a list of {len(sample_weight)} arrays for "
                             f"{len(y)} outputs: give one per output (None for an output "
                             f"left unweighted), or one for all")
        pairs = [(f"[{i}]", w, t) for i, (w, t) in enumerate(zip(sample_weight, y))]
    elif isinstance(sample_weight, dict) and isinstance(y, dict):
        unknown = [key for key in sample_weight if key not in y]
        if unknown:
            raise ValueError(f"{what} names {unknown}, but the targets are named "
                             f"{list(y)}")
        pairs = [(f"[{k!r}]", sample_weight[k], y[k]) for k in sample_weight]
    elif isinstance(sample_weight, list) and len(sample_weight) > 1:
        raise ValueError(f"{what} is a list of {len(sample_weight)} arrays, but the model "
                         f"has one output: give one array of one weight per sample")
    for label, w, t in pairs:
        if w is None:
            continue
        shape = list(w.shape)
        while len(shape) > 1 and shape[-1] == 1:
            shape.pop()
        if tuple(shape) != tuple(t.shape[:len(shape)]):
            raise ValueError(f"{what}{label} has shape {w.shape}, which does not fit targets "
                             f"of shape {t.shape}: give one weight per sample, shape "
                             f"({t.shape[0]},) (or one per step of a sequence)")


def from_class_weight(y, class_weight):
    """One weight per sample from ``class_weight`` ({class index: weight}): the weight
    of the sample's class, 1 for a class the dict leaves out.  The class is y itself
    (rounded), or, for one-hot rows, the index of the largest entry, as in Keras."""
    if not isinstance(class_weight, dict):
        raise TypeError(f"class_weight must be a dict {{class index: weight}}, got "
                        f"{type(class_weight).__name__}")
    for key in class_weight:
        whole = isinstance(key, (int, np.integer)) or (
            isinstance(key, (float, np.floating)) and float(key).is_integer())
        if isinstance(key, (bool, np.bool_)) or not whole:
            raise TypeError(f"class_weight's keys must be class indices (integers 0, 1, "
                            f"..., or floats such as 1.0), got {key!r}")
    if isinstance(y, (dict, list, tuple)) and len(flatten(y)) > 1:
        raise ValueError("class_weight is only supported for models with a single output; "
                         "give sample_weight (one array per output) instead")
    y = np.asarray(flatten(y)[0] if isinstance(y, (dict, list, tuple)) else y)
    if y.ndim > 2:
        raise ValueError(f"class_weight needs one class per sample (y of shape (samples,), "
                         f"(samples, 1) or one-hot (samples, classes)); y has shape {y.shape}")
    if y.ndim == 2:
        y = np.argmax(y, axis=-1) if y.shape[-1] != 1 else y[:, 0]
    classes = np.round(y).astype(np.int64)
    weights = np.ones(len(classes), np.float32)
    for key, weight in class_weight.items():
        weights[classes == int(key)] = weight
    return weights
