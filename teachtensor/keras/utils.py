"""``keras.utils``: small helpers around training, ``plot_model`` and ``get_file``."""
import random

import numpy as np

from .. import random as tf_random
from .downloads import get_file  # noqa: F401  (downloading: keras/downloads.py)
from .layers.naming import clear_session  # noqa: F401
from .models.sample_weights import (pack_x_y_sample_weight,  # noqa: F401
                                    unpack_x_y_sample_weight)
from .plot_model import plot_model  # noqa: F401  (drawing: keras/plot_model.py)
from .progbar import Progbar  # noqa: F401


def set_random_seed(seed):
    """Seed every source of randomness at once: Python's ``random``, NumPy's global
    generator, ``tf.random`` and ``keras.random`` (its ``seed=None`` draws and new
    ``SeedGenerator()``), and so weight initializers, dropout and shuffling in ``fit``.
    After ``set_random_seed(n)`` a program draws the same numbers every time it runs.

    Example::

        >>> keras.utils.set_random_seed(0)
        >>> a = tf.random.uniform((2,))
        >>> keras.utils.set_random_seed(0)
        >>> print(np.array_equal(a, tf.random.uniform((2,))))      # the same numbers again
        True
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"set_random_seed expects an integer seed, got {seed!r} "
                         f"({type(seed).__name__})")
    random.seed(seed)
    np.random.seed(seed)
    tf_random.set_seed(seed)


def _sample(values):
    text = np.array2string(values.ravel()[:6], separator=", ")
    return f"{values.dtype} values {text[:-1]}{', ...]' if values.size > 6 else ']'}"


def to_categorical(y, num_classes=None, dtype="float32"):
    """Integer labels as one-hot rows: ``to_categorical([0, 2], 3)`` -> [[1,0,0],[0,0,1]].

    Example::

        >>> print(keras.utils.to_categorical([0, 2, 1], num_classes=3))
        [[1. 0. 0.]
         [0. 0. 1.]
         [0. 1. 0.]]
    """
    labels = np.asarray(y.numpy() if hasattr(y, "numpy") else y)
    if labels.dtype.kind not in "biuf":
        raise ValueError(f"to_categorical takes whole-number class labels (0, 1, 2, ...); "
                         f"got {_sample(labels)}")
    if labels.dtype.kind == "f" and (not np.all(np.isfinite(labels)) or
                                     np.any(labels != np.round(labels))):
        raise ValueError(f"to_categorical takes whole-number class labels (0, 1, 2, ...); "
                         f"got {_sample(labels)}. Labels with fractions are probabilities "
                         f"or one-hot rows already, not classes.")
    y = labels.astype("int64")
    if y.ndim > 1 and y.shape[-1] == 1:
        y = y.reshape(y.shape[:-1])
    if num_classes is not None and (isinstance(num_classes, bool) or int(num_classes) !=
                                    num_classes or num_classes < 1):
        raise ValueError(f"num_classes must be a whole number, 1 or more, got {num_classes!r}")
    num_classes = int(y.max()) + 1 if num_classes is None and y.size else int(num_classes or 0)
    if y.size and (y.min() < 0 or y.max() >= num_classes):
        bad = y.min() if y.min() < 0 else y.max()
        why = " (NumPy would count it from the end: -1, the last class)" if bad < 0 else ""
        raise ValueError(f"to_categorical: label {bad} is not a class of 0 to "
                         f"{num_classes - 1} (num_classes={num_classes}){why}. Check the "
                         f"labels, or pass the right num_classes.")
    out = np.zeros(y.shape + (num_classes,), dtype=dtype)
    np.put_along_axis(out, y[..., None], 1, axis=-1)
    return out
