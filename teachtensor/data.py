"""``tf.data.Dataset``: a pipeline that hands a model its data batch by batch.

    dataset = tf.data.Dataset.from_tensor_slices((x, y))   # one element per row
    dataset = dataset.shuffle(1024).batch(32)              # shuffled batches of 32
    for x_batch, y_batch in dataset:                       # tensors, each epoch anew
        ...

A Dataset is a *recipe*, not data: each transformation returns a new Dataset that
remembers its source and one step, and nothing runs until you iterate.  Each iteration
starts from the beginning again (and ``shuffle`` draws a new order each time).

Inside, elements are nests (tuples, dicts) of NumPy arrays; iteration wraps them in
tensors.  When a pipeline is just rows of arrays in some order (``from_tensor_slices``
then ``shuffle``/``take``/``skip``), it also knows that order as an array of row numbers,
so that ``batch`` can cut whole batches at once with NumPy instead of stacking rows
one by one (``_rows``).  That is only a shortcut: the results are the same.
"""
import inspect

import numpy as np

from . import dtypes
from . import random as tf_random
from .ops.checks import count_of
from .tensor import Tensor, convert_to_tensor

INFINITE = -1
UNKNOWN = -2
# ``num_parallel_calls=tf.data.AUTOTUNE``, ``prefetch(tf.data.AUTOTUNE)``: TensorFlow's
# "choose for me".  Here elements are made one at a time, on demand, so any value works.
AUTOTUNE = -1


class experimental:  # noqa: N801  (tf.data.experimental.AUTOTUNE, the older spelling)
    """The names of ``tf.data.experimental`` that teachtensor has.

    Example::

        >>> print(tf.data.experimental.AUTOTUNE == tf.data.AUTOTUNE)
        True
    """
    AUTOTUNE = AUTOTUNE


class Dataset:
    """A sequence of elements, built by ``from_tensor_slices`` and transformations.

    Example::

        >>> features = np.arange(10, dtype="float32").reshape(5, 2)
        >>> labels = np.arange(5, dtype="float32")
        >>> dataset = tf.data.Dataset.from_tensor_slices((features, labels))   # row by row
        >>> dataset = dataset.shuffle(5, seed=0).batch(2)
        >>> for batch_x, batch_y in dataset:
        ...     print(batch_x.shape, batch_y.numpy())
        (2, 2) [2. 1.]
        (2, 2) [0. 3.]
        (1, 2) [4.]
    """

    def __init__(self, generate, cardinality, rows=None):
        self._generate = generate        # () -> iterator over elements (NumPy nests)
        self._cardinality = cardinality  # number of elements, or INFINITE / UNKNOWN
        self._rows = rows                # (arrays nest, () -> row order) when known

    # -- making datasets ---------------------------------------------------------------
    @staticmethod
    def from_tensor_slices(tensors, name=None):
        """One element per index along the first axis of every array in ``tensors``."""
        arrays = _map(_host_array, tensors)
        lengths = {len(a) if a.ndim else None for a in _leaves(arrays)}
        if None in lengths:
            raise ValueError("from_tensor_slices needs arrays with at least one axis to "
                             "slice along; a scalar has none (use from_tensors)")
        if len(lengths) != 1:
            raise ValueError(f"from_tensor_slices needs arrays of one length along the first "
                             f"axis, got lengths {sorted(lengths)}")
        n = lengths.pop()
        return _rows_dataset(arrays, lambda: np.arange(n))

    @staticmethod
    def from_tensors(tensors, name=None):
        """A dataset of one element: ``tensors`` itself."""
        element = _map(_host_array, tensors)
        return Dataset(lambda: iter([element]), 1)

    @staticmethod
    def range(*args, dtype="int64"):
        """0, 1, ... like Python's range (``Dataset.range(5)``)."""
        values = np.arange(*args).astype(dtype)
        return Dataset.from_tensor_slices(values)

    @staticmethod
    def zip(*datasets, name=None):
        """Elements side by side: ``zip((a, b))`` gives ``(a's element, b's element)``
        pairs (a dict of datasets gives dicts), as long as the shortest lasts.

        Example::

            >>> x = tf.data.Dataset.range(3)
            >>> pairs = tf.data.Dataset.zip((x, x.map(lambda v: v * 10)))
            >>> print([tuple(int(v) for v in pair) for pair in pairs])
            [(0, 0), (1, 10), (2, 20)]
        """
        structure = datasets[0] if len(datasets) == 1 else datasets
        members = _leaves(structure)
        if not members or not all(isinstance(d, Dataset) for d in members):
            raise TypeError("Dataset.zip takes datasets: zip((a, b)), zip(a, b) or "
                            "zip({'x': a, 'y': b})")

        def generate():
            iterators = [d._generate() for d in members]
            for elements in zip(*iterators):
                found = iter(elements)
                yield _map(lambda _: next(found), structure)
        counts = [d._cardinality for d in members]
        known = [c for c in counts if c >= 0]
        card = min(known) if known else (UNKNOWN if UNKNOWN in counts else INFINITE)
        return Dataset(generate, card)

    # -- transformations -----------------------------------------------------------------
    def concatenate(self, dataset, name=None):
        """This dataset's elements, then ``dataset``'s (elements of one structure).

        Example::

            >>> both = tf.data.Dataset.range(2).concatenate(tf.data.Dataset.range(5, 7))
            >>> print([int(v) for v in both])
            [0, 1, 5, 6]
        """
        def generate():
            yield from self._generate()
            yield from dataset._generate()
        counts = (self._cardinality, dataset._cardinality)
        card = INFINITE if INFINITE in counts else (
            UNKNOWN if UNKNOWN in counts else sum(counts))
        return Dataset(generate, card)

    def enumerate(self, start=0, name=None):
        """``(index, element)`` pairs, counting from ``start``.

        Example::

            >>> letters = tf.data.Dataset.from_tensor_slices(np.array([7, 8]))
            >>> print([(int(i), int(v)) for i, v in letters.enumerate()])
            [(0, 7), (1, 8)]
        """
        def generate():
            for i, element in enumerate(self._generate(), start):
                yield np.int64(i), element
        return Dataset(generate, self._cardinality)

    def unbatch(self, name=None):
        """The rows of each element again, one by one: the opposite of ``batch``.

        Example::

            >>> rows = tf.data.Dataset.range(5).batch(2).unbatch()
            >>> print([int(v) for v in rows])
            [0, 1, 2, 3, 4]
        """
        def generate():
            for element in self._generate():
                arrays = _map(np.asarray, element)
                for i in range(len(_leaves(arrays)[0])):
                    yield _map(lambda a: a[i], arrays)
        return Dataset(generate, UNKNOWN)

    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=True, name=None):
        """Elements in random order, drawn from a buffer of ``buffer_size`` elements.

        The buffer is filled with the first elements; each output is a random element of
        the buffer, whose place is then taken by the next input element.  A buffer as
        large as the dataset gives a uniform shuffle; a small one only mixes neighbours.
        """
        buffer_size = _count(buffer_size, "shuffle", "buffer_size")
        if buffer_size <= 0:
            raise ValueError(f"shuffle needs a positive buffer_size, got {buffer_size}")
        base_seed = int(tf_random.host_generator(seed).integers(2**63))  # tf.random.set_seed applies
        iteration = [0]

        def new_rng():
            iteration[0] += 1
            return np.random.default_rng([base_seed, iteration[0] if reshuffle_each_iteration
                                          else 0])

        if self._rows is not None:
            arrays, order = self._rows
            return _rows_dataset(arrays, lambda: _shuffled_order(order(), buffer_size,
                                                                 new_rng()), self._cardinality)
        return Dataset(lambda: _shuffled(self._generate(), buffer_size, new_rng()),
                       self._cardinality)

    def batch(self, batch_size, drop_remainder=False, name=None):
        """Consecutive elements stacked into batches (the last one may be smaller)."""
        batch_size = _count(batch_size, "batch", "batch_size")
        if batch_size <= 0:
            raise ValueError(f"batch needs a positive batch_size, got {batch_size}")
        card = self._cardinality
        if card >= 0:
            card = card // batch_size if drop_remainder else -(-card // batch_size)

        if self._rows is not None:
            arrays, order = self._rows

            def generate():
                rows = order()
                stop = len(rows) - (len(rows) % batch_size if drop_remainder else 0)
                for start in range(0, stop, batch_size):
                    index = rows[start:start + batch_size]
                    yield _map(lambda a: a[index], arrays)
            return Dataset(generate, card)

        def generate():
            batch = []
            for element in self._generate():
                batch.append(element)
                if len(batch) == batch_size:
                    yield _stack(batch)
                    batch = []
            if batch and not drop_remainder:
                yield _stack(batch)
        return Dataset(generate, card)

    def map(self, map_func, num_parallel_calls=None, deterministic=None, name=None):
        """``map_func`` applied to every element (a tuple element is unpacked)."""
        def generate():
            for i, element in enumerate(self._generate()):
                args = _map(_as_tensor, element)
                result = _call("map", map_func, args, i == 0)
                yield _map(_host_array, result)
        return Dataset(generate, self._cardinality)

    def filter(self, predicate, name=None):
        """The elements for which ``predicate`` is true: it must give a bool (a
        comparison, ``lambda x, y: y > 0``), as in TensorFlow, not a number whose truth
        Python would guess."""
        def generate():
            for i, element in enumerate(self._generate()):
                args = _map(_as_tensor, element)
                keep = _call("filter", predicate, args, i == 0)
                if isinstance(keep, Tensor) and keep.dtype.name == "bool" and keep.ndim == 0:
                    keep = bool(keep)
                if not isinstance(keep, (bool, np.bool_)):
                    shown = (f"{dtypes.a(keep.dtype)} tensor of shape {tuple(keep.shape)}"
                             if isinstance(keep, Tensor) else f"{type(keep).__name__} {keep!r}")
                    raise TypeError(f"Dataset.filter: the predicate must return one bool "
                                    f"(e.g. lambda x, y: y > 0), got {shown}; compare "
                                    f"(v % 2 == 1) or reduce (tf.reduce_all(...)) first")
                if keep:
                    yield element
        return Dataset(generate, UNKNOWN)

    def take(self, count, name=None):
        """The first ``count`` elements (all of them if count is -1)."""
        count = _count(count, "take", "count")
        if count < 0:
            return self
        card = count if self._cardinality == INFINITE else (
            min(count, self._cardinality) if self._cardinality >= 0 else UNKNOWN)
        if self._rows is not None:
            arrays, order = self._rows
            return _rows_dataset(arrays, lambda: order()[:count], card)

        def generate():
            for i, element in zip(range(count), self._generate()):
                yield element
        return Dataset(generate, card)

    def skip(self, count, name=None):
        """All but the first ``count`` elements (none of them if count is -1, as in
        TensorFlow: -1 skips the whole dataset)."""
        count = _count(count, "skip", "count")
        if count < 0:
            return self.take(0)
        card = self._cardinality if self._cardinality < 0 else max(self._cardinality - count, 0)
        if self._rows is not None:
            arrays, order = self._rows
            return _rows_dataset(arrays, lambda: order()[count:], card)

        def generate():
            for i, element in enumerate(self._generate()):
                if i >= count:
                    yield element
        return Dataset(generate, card)

    def repeat(self, count=None, name=None):
        """The dataset ``count`` times over (forever when count is None or -1)."""
        count = None if count is None else _count(count, "repeat", "count")
        forever = count is None or count < 0

        def generate():
            n = 0
            while forever or n < count:
                yield from self._generate()
                n += 1
        card = INFINITE if forever else (
            self._cardinality * count if self._cardinality >= 0 else self._cardinality)
        return Dataset(generate, card)

    def prefetch(self, buffer_size, name=None):
        """Accepted for compatibility; elements are produced on demand anyway.
        (``buffer_size`` is still checked: a number of elements, or tf.data.AUTOTUNE.)"""
        if _count(buffer_size, "prefetch", "buffer_size") < AUTOTUNE:
            raise ValueError(f"prefetch needs a buffer_size of 0 or more, or "
                             f"tf.data.AUTOTUNE; got {buffer_size}")
        return self

    def cache(self, filename="", name=None):
        """Accepted for compatibility; the data already sit in memory."""
        return self

    # -- reading ---------------------------------------------------------------------------
    def __iter__(self):
        for element in self._generate():
            yield _map(_as_tensor, element)

    def as_numpy_iterator(self):
        """Iterate with NumPy arrays instead of tensors (a scalar as a NumPy number,
        ``np.int64(3)``, as TensorFlow gives it).

        Example::

            >>> print(list(tf.data.Dataset.range(3).as_numpy_iterator()))
            [np.int64(0), np.int64(1), np.int64(2)]
        """
        for element in self._generate():
            yield _map(_numpy_value, element)

    def cardinality(self):
        """The number of elements: an int, or -1 (INFINITE) / -2 (UNKNOWN)."""
        return self._cardinality

    def __len__(self):
        if self._cardinality == INFINITE:
            raise TypeError("the dataset is infinite (repeat()), so it has no length")
        if self._cardinality == UNKNOWN:
            raise TypeError("the dataset's length is unknown (filter()); iterate to count")
        return self._cardinality

    def __repr__(self):
        first = next(iter(self._generate()), None)
        spec = "empty" if first is None else _map(
            lambda a: f"shape={np.shape(a)}, dtype={np.asarray(a).dtype}", first)
        return f"<Dataset first element: {spec}, cardinality={self._cardinality}>"


# ---- helpers ---------------------------------------------------------------------------

def _call(method, fn, args, first):
    """``fn`` of one element: a tuple is unpacked into arguments, as TensorFlow does.
    On the ``first`` element, a function of the wrong number of arguments is told so
    (asking Python for its signature takes microseconds: once is enough)."""
    if not isinstance(args, tuple):
        return fn(args)
    if not first:
        return fn(*args)
    try:
        inspect.signature(fn).bind(*args)
    except TypeError:
        raise TypeError(f"Dataset.{method}: each element is a tuple of {len(args)}, which "
                        f"{method} unpacks into {len(args)} arguments, but the function "
                        f"{getattr(fn, '__name__', fn)!r} does not take {len(args)}: "
                        f"write it as lambda {', '.join('xyzwvu'[:len(args)])}: ...") from None
    except ValueError:  # a builtin without a signature: just call it
        pass
    return fn(*args)


def _count(value, method, argument):
    """A whole number for ``Dataset.<method>(<argument>=...)`` (-1 has meanings of its
    own here: all of them, forever, AUTOTUNE)."""
    return count_of(value, f"Dataset.{method}: {argument}", least=None)


def _rows_dataset(arrays, order, cardinality=None):
    """A dataset whose elements are the rows ``order()`` of ``arrays``."""
    def generate():
        for i in order():
            yield _map(lambda a: a[i], arrays)
    if cardinality is None:
        cardinality = len(_leaves(arrays)[0])
    return Dataset(generate, cardinality, rows=(arrays, order))


def _shuffled(elements, buffer_size, rng):
    """TensorFlow's shuffle buffer, on any iterator of elements."""
    buffer = []
    for element in elements:
        if len(buffer) < buffer_size:
            buffer.append(element)
            continue
        j = int(rng.integers(buffer_size))
        yield buffer[j]
        buffer[j] = element
    while buffer:  # input exhausted: empty the buffer in random order
        j = int(rng.integers(len(buffer)))
        buffer[j], buffer[-1] = buffer[-1], buffer[j]
        yield buffer.pop()


def _shuffled_order(order, buffer_size, rng):
    """The row numbers ``order`` passed through the shuffle buffer.

    A buffer holding every row gives a uniform random permutation, which NumPy draws
    in one call; smaller buffers run the buffer algorithm itself.
    """
    if buffer_size >= len(order):
        return rng.permutation(order)
    return np.fromiter(_shuffled(iter(order), buffer_size, rng), dtype=np.int64,
                       count=len(order))


def _map(fn, structure):
    """``fn`` applied to every leaf of a nest of tuples and dicts."""
    if isinstance(structure, tuple):
        return tuple(_map(fn, s) for s in structure)
    if isinstance(structure, dict):
        return {k: _map(fn, v) for k, v in structure.items()}
    return fn(structure)


def _leaves(structure):
    if isinstance(structure, tuple):
        return [leaf for s in structure for leaf in _leaves(s)]
    if isinstance(structure, dict):
        return [leaf for v in structure.values() for leaf in _leaves(v)]
    return [structure]


def _stack(elements):
    first = elements[0]
    if isinstance(first, tuple):
        return tuple(_stack([e[i] for e in elements]) for i in range(len(first)))
    if isinstance(first, dict):
        return {k: _stack([e[k] for e in elements]) for k in first}
    return np.stack([np.asarray(e) for e in elements])


def _host_array(value):
    """A NumPy array for a leaf, with TensorFlow's dtype rules for Python values."""
    if isinstance(value, Tensor):
        return value.numpy()
    if isinstance(value, np.ndarray):
        return value.copy()  # later changes to the caller's array must not leak in
    return convert_to_tensor(value).numpy()


def _numpy_value(value):
    """An array, or a NumPy scalar for a 0-d array."""
    array = np.asarray(value)
    return array[()] if array.ndim == 0 else array


def _as_tensor(value):
    return value if isinstance(value, Tensor) else convert_to_tensor(np.asarray(value))
