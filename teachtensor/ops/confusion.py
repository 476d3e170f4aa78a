"""``tf.math.confusion_matrix``: how often each true class was predicted as each class.

    C[i, j] = the number of samples whose label is i and whose prediction is j

(the sum of their weights, when ``weights`` are given).  The diagonal holds the right
answers; row i shows where class i's samples went.  Nothing here is differentiable: it
counts.  The counting happens on the host, with NumPy: each (label, prediction) pair
becomes one index ``label * n + prediction`` of a flat array of n * n bins, and
``np.bincount`` adds up each bin, which is the matrix read row by row.
"""
import warnings

import numpy as np

from .. import dtypes
from ..errors import InvalidArgumentError
from ..tensor import Tensor, convert_to_tensor


def _class_ids(values, what):
    """The classes of ``values`` as one row of int64 (floats truncated, bools 0 / 1)."""
    ids = np.asarray(convert_to_tensor(values).numpy())
    if ids.ndim == 2 and ids.shape[1] == 1:  # a column of classes: (N, 1) reads as (N,)
        ids = ids[:, 0]
    if ids.ndim > 1:
        raise InvalidArgumentError(
            f"confusion_matrix: `{what}` must be one list of class numbers, got shape "
            f"{ids.shape}; for one-hot rows or probabilities take tf.argmax(..., axis=1) "
            f"first, for several batches tf.reshape(..., [-1]) each")
    if ids.dtype.kind == "f" and not np.all(np.isfinite(ids)):
        raise InvalidArgumentError(f"confusion_matrix: `{what}` contains NaN or inf")
    ids = ids.astype(np.int64)
    if ids.size and ids.min() < 0:
        raise InvalidArgumentError(f"confusion_matrix: `{what}` contains negative values "
                                   f"({int(ids.min())}); classes are numbered from 0")
    return ids


def confusion_matrix(labels, predictions, num_classes=None, weights=None, dtype=dtypes.int32,
                     name=None):
    """The (num_classes, num_classes) matrix of (label, prediction) counts: rows are the
    true classes, columns the predicted ones, as in TensorFlow.

    ``labels`` and ``predictions`` are class numbers (not one-hot rows: take
    ``tf.argmax(probabilities, axis=1)`` first), of the same length.  Without
    ``num_classes`` there are ``max(labels, predictions) + 1`` classes.  ``weights``
    are cast to ``dtype`` first, as in TensorFlow (so an int32 matrix counts a weight
    of 0.5 as 0: ask for ``dtype=tf.float32``).

    Example::

        >>> print(tf.math.confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2]))
        teachtensor.Tensor(
        [[1 0 0]
         [0 1 1]
         [0 0 1]], shape=(3, 3), dtype=int32)
    """
    dtype = dtypes.as_dtype(dtype)
    true_ids, predicted_ids = _class_ids(labels, "labels"), _class_ids(predictions, "predictions")
    if true_ids.size != predicted_ids.size:
        raise InvalidArgumentError(f"confusion_matrix: {true_ids.size} labels but "
                                   f"{predicted_ids.size} predictions; give one prediction "
                                   f"per label")
    if num_classes is None:
        num_classes = int(max(true_ids.max(initial=-1), predicted_ids.max(initial=-1))) + 1
    else:
        num_classes = int(convert_to_tensor(num_classes).numpy())
        for what, ids in (("labels", true_ids), ("predictions", predicted_ids)):
            if ids.size and ids.max() >= num_classes:
                raise InvalidArgumentError(
                    f"confusion_matrix: `{what}` out of bound: {int(ids.max())} is not below "
                    f"num_classes={num_classes}")
    if weights is None:
        weight_of_each = None
    else:
        given = np.asarray(convert_to_tensor(weights).numpy()).reshape(-1)
        if given.size != true_ids.size:
            raise InvalidArgumentError(f"confusion_matrix: {given.size} weights for "
                                       f"{true_ids.size} labels; give one weight per sample")
        cast = given.astype(dtype.as_numpy_dtype)  # (as TensorFlow: toward zero for ints)
        if dtype.is_integer and np.any(cast != given):
            warnings.warn(f"confusion_matrix: weights with fractions (such as "
                          f"{float(given[cast != given][0]):g}) lose them in an {dtype.name} "
                          f"matrix, as in TensorFlow; pass dtype=tf.float32 to keep them",
                          stacklevel=2)
        weight_of_each = cast.astype(np.float64)
    bins = np.bincount(true_ids * num_classes + predicted_ids, weights=weight_of_each,
                       minlength=num_classes * num_classes)
    matrix = bins.reshape(num_classes, num_classes).astype(dtype.as_numpy_dtype)
    return convert_to_tensor(matrix, like=labels if isinstance(labels, Tensor) else None)
