"""From what the user passed to ``fit`` (arrays, tensors, a Dataset, a generator) to
batches.

Everything is checked *before* training starts, so a mistake costs nothing: x and y of
different lengths, y given together with a Dataset, a validation split of a Dataset.

For arrays, the work per batch must be small: the whole of x and y is converted to
NumPy once, and each epoch draws one permutation of the row numbers; a batch is then
one NumPy gather, ``x[rows]``, wrapped in a Tensor without a further copy.

A model of several inputs or outputs takes x and y as lists of arrays (one per input
or output) or dicts by name; every array is cut into the same batches.  Sample weights
(``sample_weights.py``) are cut with them: a batch is then (x, y, sample_weight).

A Python generator (or any iterator) of batches, ``(x, y)`` or ``(x, y, sample_weight)``
of arrays, is read as Keras reads one: as one stream for the whole of ``fit``, each
epoch going on where the last stopped.  Without ``steps_per_epoch`` the first epoch
reads it to its end, and training stops there.
"""
import collections.abc
import math
import warnings

import numpy as np

from ... import random as tf_random
from ...backend import get_backend
from ...data import Dataset
from ...dtypes import check_supported
from ...ops.selection import cast
from ...tensor import Tensor, wrap
from ..keras_tensor import flatten, map_structure
from . import sample_weights


def _checked_array(value, what, features=False):
    """NumPy array for x or y; float64 becomes float32 (the weights' dtype), once.
    Features (x) that are integers or bools become float32 too, as Keras does (pixel
    values 0..255, one-hot rows of 0s and 1s); labels (y) keep their integers."""
    if isinstance(value, Tensor):
        value = value.numpy()
    array = np.asarray(value)
    if array.dtype.kind not in "fiub":
        raise TypeError(f"{what} must be numbers (a NumPy array, a tensor or nested lists), "
                        f"got values of dtype {array.dtype}")
    if array.dtype == np.float64 or (features and array.dtype.kind in "iub"):
        array = array.astype(np.float32)
    if array.ndim == 0:
        raise ValueError(f"{what} must have a batch axis (one row per sample), got a scalar")
    check_supported(array.dtype)  # (float16: refused now, not at the first batch)
    return array


def _checked(value, what, features=False):
    """One checked array, or a list / dict of them (several inputs or outputs)."""
    if isinstance(value, dict):
        return {key: _checked_array(v, f"{what}[{key!r}]", features) for key, v in value.items()}
    if isinstance(value, (list, tuple)) and value and all(
            isinstance(v, (np.ndarray, Tensor)) for v in value):
        return [_checked_array(v, f"{what}[{i}]", features) for i, v in enumerate(value)]
    return _checked_array(value, what, features)


def _length(structure, what):
    """The number of samples: the same in every array of the structure."""
    lengths = {len(array) for array in flatten(structure) if array is not None}
    if len(lengths) > 1:
        raise ValueError(f"every array of {what} must have the same number of samples, got "
                         f"{sorted(lengths)}")
    return lengths.pop()


def _rows(structure, rows):
    """The rows of every array, as tensors that own their data: a slice is copied, a
    gather makes a new array anyway; either is handed to the backend as it is
    (``convert_to_tensor`` would copy it once more: 400 KB a batch for MNIST)."""
    backend = get_backend()

    def tensor(array):
        return wrap(backend.asarray(array), backend)

    if isinstance(rows, slice):
        return map_structure(lambda a: None if a is None else tensor(a[rows].copy()),
                             structure)
    return map_structure(lambda a: None if a is None else tensor(np.take(a, rows, axis=0)),
                         structure)


class ArrayBatches:
    """Batches of in-memory arrays: ``for x, y in batches.epoch(): ...`` (``x, y,
    sample_weight`` when there are sample weights)."""

    def __init__(self, x, y, batch_size, shuffle, sample_weight=None):
        self.x = x
        self.y = y
        self.sample_weight = sample_weight
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.num_samples = _length(x, "x")
        self.steps = math.ceil(self.num_samples / batch_size) if self.num_samples else 0

    def _batch(self, rows):
        x, y = _rows(self.x, rows), None if self.y is None else _rows(self.y, rows)
        if self.sample_weight is None:
            return x, y
        return x, y, _rows(self.sample_weight, rows)

    def whole(self):
        """All the samples as one batch (``train_on_batch`` and friends)."""
        return self._batch(slice(None))

    def epoch(self):
        """One pass over the data; the last batch keeps the leftover samples."""
        n, size = self.num_samples, self.batch_size
        order = tf_random.host_generator().permutation(n) if self.shuffle else None
        for start in range(0, n, size):
            # in order: a slice; shuffled: a gather of the rows (a fresh array)
            rows = slice(start, start + size) if order is None else order[start:start + size]
            # the batch goes to the backend (on a GPU: the one copy in per batch)
            yield self._batch(rows)


class DatasetBatches:
    """Batches from a ``tf.data.Dataset`` (already batched by the user): (inputs,
    targets) pairs, or (inputs, targets, sample weights); ``class_weight`` turns each
    batch's targets into sample weights."""

    def __init__(self, dataset, needs_targets, class_weight=None):
        self.dataset = dataset
        self.needs_targets = needs_targets
        self.class_weight = class_weight
        card = dataset.cardinality()
        self.steps = card if card >= 0 else None

    def epoch(self):
        for element in self.dataset:
            weights = None
            if isinstance(element, tuple):
                if len(element) not in (1, 2, 3):
                    raise ValueError(f"a dataset given to fit/evaluate must yield (inputs, "
                                     f"targets) pairs, or (inputs, targets, sample_weight); "
                                     f"it yields tuples of {len(element)}")
                x, y, weights = (element + (None, None))[:3]
            else:
                x, y = element, None
            if y is None and self.needs_targets:
                raise ValueError("the dataset yields inputs only, but training and "
                                 "evaluation need targets: build it from (x, y), e.g. "
                                 "tf.data.Dataset.from_tensor_slices((x, y)).batch(32)")
            y = None if y is None else map_structure(_float32_if_float64, y)
            x = map_structure(_float32_if_integer, x)  # (integer features, as for arrays)
            if self.class_weight is not None:
                if weights is not None:
                    raise ValueError(_BOTH_WEIGHTS)
                weights = sample_weights.from_class_weight(
                    map_structure(lambda t: t.numpy(), y), self.class_weight)
            if weights is None:
                yield x, y
            else:
                yield x, y, map_structure(_float32_weights, weights)


class GeneratorStream:
    """A Python generator (or iterator) of batches, read like a Dataset of unknown
    length, except that iterating again goes on where the last pass stopped (a
    generator cannot start over).  Each batch's arrays become tensors."""

    def __init__(self, iterator):
        self.iterator = iterator

    def cardinality(self):
        return -2  # unknown, as tf.data says

    def __iter__(self):
        for element in self.iterator:
            # (a list is refused, as Keras refuses it: [x1, x2] could be two inputs)
            if not isinstance(element, tuple) or not 1 <= len(element) <= 3:
                raise ValueError(
                    f"a generator given to fit, evaluate or predict must yield tuples: "
                    f"(inputs,), (inputs, targets) or (inputs, targets, sample_weight); "
                    f"it yielded {_described(element)}")
            yield map_structure(_as_tensor, element)


def _described(element):
    if isinstance(element, tuple):
        return f"a tuple of {len(element)}"
    if isinstance(element, list):
        return f"a list of {len(element)} (make it a tuple)"
    shape = getattr(element, "shape", None)
    return f"a {type(element).__name__}" + (f" of shape {tuple(shape)}" if shape else "")


def is_stream(x):
    """True for a Python generator or another iterator (not an array, list or Dataset)."""
    return isinstance(x, collections.abc.Iterator) and not isinstance(x, (np.ndarray, Tensor))


def _as_tensor(value):
    """A generator's array as a tensor, checked as fit's arrays are (float64 -> float32)."""
    if value is None or isinstance(value, Tensor):
        return value
    backend = get_backend()
    return wrap(backend.asarray(_checked_array(value, "a batch from the generator")), backend)


class StepsPerEpoch:
    """``fit(..., steps_per_epoch=n)``: each epoch takes the *next* n batches, as in
    Keras, going on where the epoch before stopped (a repeated dataset is read as one
    long stream).  A pass over the data that ends with an epoch starts again with the
    next one (reshuffled); one that ends in the middle of an epoch ends that epoch
    early, with a warning."""

    def __init__(self, batches, steps):
        self.batches = batches
        self.steps = steps
        self._pass = None  # the pass over the data in progress: an iterator
        self._taken = 0    # the batches taken from it

    def epoch(self):
        known = self.batches.steps  # batches in a pass (None: unknown, a generator's)
        for _ in range(self.steps):
            if self._pass is None:
                self._pass, self._taken = iter(self.batches.epoch()), 0
            batch = None if self._taken == known else next(self._pass, None)
            if batch is None:
                self._pass = None
                warnings.warn(
                    f"The data ran out of batches before this epoch's steps_per_epoch="
                    f"{self.steps} were done; the epoch ends early and the next one starts "
                    f"the data again. Give at least steps_per_epoch batches per pass (or "
                    f"use .repeat() on a dataset).", stacklevel=4)
                return
            self._taken += 1
            yield batch
        if self._taken == known:
            self._pass = None


def _float32_if_float64(t):
    return cast(t, "float32") if isinstance(t, Tensor) and t.dtype.name == "float64" else t


def _float32_weights(w):
    if w is None:
        return None
    if not isinstance(w, Tensor):
        w = wrap(get_backend().asarray(np.asarray(w, np.float32)), get_backend())
    return w if w.dtype.name == "float32" else cast(w, "float32")


_BOTH_WEIGHTS = ("give class_weight or sample_weight, not both (Keras refuses the two "
                 "together); to combine them, multiply the class weights into the sample "
                 "weights yourself")


def _float32_if_integer(t):
    return cast(t, "float32") if isinstance(t, Tensor) and not t.dtype.is_floating else t


_STEPS_NAMES = {"fit": "steps_per_epoch", "validation": "validation_steps"}


def make_batches(x, y, batch_size, shuffle, needs_targets, what="fit", sample_weight=None,
                 class_weight=None, steps=None):
    """ArrayBatches or DatasetBatches for ``x``/``y`` (and the sample weights, or the
    class weights that make them), after checking them. ``steps``: the number of
    batches asked for (``steps_per_epoch``, ``steps``), which an endless dataset needs."""
    if class_weight is not None and sample_weight is not None:
        raise ValueError(f"{what}: {_BOTH_WEIGHTS}")
    if isinstance(x, Dataset) or is_stream(x):
        kind = "tf.data.Dataset" if isinstance(x, Dataset) else "generator"
        if y is not None:
            raise ValueError(f"{what}: when x is a {kind}, do not pass y: the "
                             f"{kind} yields (inputs, targets) pairs itself")
        if sample_weight is not None:
            raise ValueError(f"{what}: sample_weight cannot be given with a {kind}; let "
                             f"it yield (inputs, targets, sample_weight) instead")
        if batch_size is not None and what != "validation":
            raise ValueError(f"{what}: batch_size cannot be given with a {kind}, which "
                             f"makes its batches itself; batch it there instead "
                             f"(dataset.batch({batch_size})), and leave batch_size out")
        if isinstance(x, Dataset) and x.cardinality() == -1 and steps is None:
            name = _STEPS_NAMES.get(what, "steps")
            raise ValueError(f"{what}: the dataset repeats forever (.repeat()), so "
                             f"{'an epoch' if what == 'fit' else what} would never end. "
                             f"Pass {name}=..., the number of batches to take, or give "
                             f"repeat() a count (or leave it out).")
        return DatasetBatches(x if isinstance(x, Dataset) else GeneratorStream(x),
                              needs_targets, class_weight)
    if x is None:
        raise ValueError(f"{what} needs input data x")
    if needs_targets and y is None:
        raise ValueError(f"{what} needs targets: {what}(x, y, ...), or a Dataset of "
                         f"(inputs, targets) pairs")
    batch_size = check_batch_size(batch_size)
    x = _checked(x, "x", features=True)
    y = None if y is None else _checked(y, "y")
    _check_lengths(x, y)
    if _length(x, "x") == 0:
        raise ValueError(f"{what} received empty data: x has 0 samples")
    if class_weight is not None:
        sample_weight = sample_weights.from_class_weight(y, class_weight)
    if sample_weight is not None:
        sample_weight = sample_weights.checked(sample_weight)
        if _length(sample_weight, "sample_weight") != _length(x, "x"):
            raise ValueError(f"{what}: sample_weight has {_length(sample_weight, 'sample_weight')}"
                             f" weights but x has {_length(x, 'x')} samples; give one weight "
                             f"per sample")
        if y is not None:
            sample_weights.check_shapes(sample_weight, y)
    return ArrayBatches(x, y, batch_size, shuffle, sample_weight)


def check_same_features(train, validation):
    """The validation inputs must have as many features (the last axis) as the training
    inputs, checked before training: a wrong validation x would otherwise fail only
    after the first epoch, with the weights already changed.  (Only the last axis, of
    float features: the other axes may legitimately differ, a sequence's length, say.)"""
    if not (isinstance(train, ArrayBatches) and isinstance(validation, ArrayBatches)):
        return
    for which, t, v in _same_inputs(train.x, validation.x):
        if t.dtype.kind == "f" and t.ndim >= 2 and v.ndim >= 2 and t.shape[-1] != v.shape[-1]:
            raise ValueError(f"validation x{which} has {v.shape[-1]} features per sample "
                             f"(shape {v.shape}), but the training x has {t.shape[-1]} "
                             f"(shape {t.shape}); nothing was trained. Give validation data "
                             f"prepared like the training data.")


def _same_inputs(train_x, validation_x):
    """(label, training array, validation array) for each input both give the same way:
    one array each, lists by position, dicts by name (mixed forms are left alone)."""
    if isinstance(train_x, np.ndarray) and isinstance(validation_x, np.ndarray):
        return [("", train_x, validation_x)]
    if isinstance(train_x, list) and isinstance(validation_x, list) and \
            len(train_x) == len(validation_x):
        return [(f" (input {i})", t, v) for i, (t, v) in enumerate(zip(train_x, validation_x))]
    if isinstance(train_x, dict) and isinstance(validation_x, dict):
        return [(f"[{key!r}]", train_x[key], validation_x[key]) for key in train_x
                if key in validation_x]
    return []


def one_batch(x, y, needs_targets, what, sample_weight=None, class_weight=None):
    """``x`` and ``y`` as one batch (``ArrayBatches``, read with ``.whole()``), after
    the checks ``fit`` makes."""
    if isinstance(x, Dataset):
        raise ValueError(f"{what} takes one batch of arrays or tensors, not a Dataset; "
                         f"for batch_x, batch_y in dataset: model.{what}(batch_x, batch_y)")
    return make_batches(x, y, None, False, needs_targets, what, sample_weight, class_weight)


def check_batch_size(batch_size):
    """``batch_size`` as an int (32 when None); anything but a positive whole number
    (2.5, "8", True) is refused."""
    if batch_size is None:
        return 32
    if isinstance(batch_size, (bool, np.bool_)) or not isinstance(batch_size,
                                                                   (int, np.integer)):
        raise TypeError(f"batch_size must be a positive integer, got "
                        f"{type(batch_size).__name__} {batch_size!r}")
    if batch_size <= 0:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size}")
    return int(batch_size)


def split_validation(x, y, validation_split, sample_weight=None):
    """(x, y, sample_weight) for training and for validation: the *last* fraction,
    before shuffling (sample_weight None if there is none)."""
    if not 0 < validation_split < 1:
        raise ValueError(f"validation_split must be between 0 and 1, got {validation_split}")
    if isinstance(x, Dataset):
        raise ValueError("validation_split cannot split a tf.data.Dataset; pass "
                         "validation_data=... with a second dataset instead")
    x = _checked(x, "x", features=True)
    y = _checked(y, "y") if y is not None else None
    _check_lengths(x, y)
    n = _length(x, "x")
    if sample_weight is not None:
        sample_weight = sample_weights.checked(sample_weight)
        if _length(sample_weight, "sample_weight") != n:
            raise ValueError(f"sample_weight has {_length(sample_weight, 'sample_weight')} "
                             f"weights but x has {n} samples; give one weight per sample")
    split_at = int(math.floor(n * (1.0 - validation_split)))
    if split_at == 0 or split_at == n:
        raise ValueError(f"validation_split={validation_split} of {n} samples leaves "
                         f"one of the two parts empty")

    def part(structure, rows):
        return None if structure is None else map_structure(
            lambda a: None if a is None else a[rows], structure)

    head, tail = slice(None, split_at), slice(split_at, None)
    return ((part(x, head), part(y, head), part(sample_weight, head)),
            (part(x, tail), part(y, tail), part(sample_weight, tail)))


def _check_lengths(x, y):
    if y is not None and _length(x, "x") != _length(y, "y"):
        raise ValueError(f"x and y must have the same number of samples, but x has "
                         f"{_length(x, 'x')} and y has {_length(y, 'y')}")


def unpack_validation_data(validation_data):
    """``validation_data`` as (x, y, sample_weight): a pair of arrays, a triple with the
    sample weights, or a Dataset (y and sample_weight None)."""
    if isinstance(validation_data, Dataset) or is_stream(validation_data):
        return validation_data, None, None
    if isinstance(validation_data, (tuple, list)) and len(validation_data) in (2, 3):
        return (tuple(validation_data) + (None,))[:3]
    raise ValueError("validation_data must be a pair (x_val, y_val), a triple (x_val, "
                     "y_val, val_sample_weight) or a tf.data.Dataset, got "
                     f"{type(validation_data).__name__}"
                     + (f" of {len(validation_data)}" if isinstance(validation_data,
                                                                   (tuple, list)) else ""))
