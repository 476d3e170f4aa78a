"""The same elements moved around or repeated: ``tf.roll``, ``tf.repeat``, ``tf.meshgrid``.

Each is written with indexing, concatenation and broadcasting, so the gradients come
from those: a rolled gradient is rolled back, a repeated element receives the sum of
the gradients of its copies (``gather``'s gradient adds them up), and a broadcast one
the sum over the grid.
"""
import numpy as np

from ..errors import InvalidArgumentError
from ..tensor import convert_to_tensor
from .checks import normalize_axis
from .core import broadcast_to, reshape
from .shape_ops import concat, gather


def _along(axis, ndim, part):
    """The index that takes ``part`` (a slice) of ``axis`` and all of the other axes."""
    return (slice(None),) * axis + (part,) + (slice(None),) * (ndim - axis - 1)


def _integers(op, what, value):
    """``value`` (a number, a list or a tensor of them) as an int64 array of at least
    one axis; fractions are refused rather than cut off."""
    array = np.atleast_1d(np.asarray(value.numpy() if hasattr(value, "numpy") else value))
    if array.size == 0:  # [] is a float64 array to NumPy
        array = array.astype(np.int64)
    if array.dtype.kind not in "iu" or array.ndim > 1:
        raise TypeError(f"{op}: {what} must be an integer or a list of integers, got "
                        f"{value!r}")
    return array.astype(np.int64)


def roll(input, shift, axis, name=None):  # noqa: A002
    """The elements shifted ``shift`` places along ``axis``, those pushed off one end
    coming back at the other.  ``shift`` and ``axis`` may be lists of the same length
    (several axes at once; shifts along one axis add up).

    A shift s of a length-n axis is the last s elements followed by the first n - s:
    ``concat([x[-s:], x[:-s]])``.

    Example::

        >>> print(tf.roll(tf.constant([0, 1, 2, 3, 4]), shift=2, axis=0))
        teachtensor.Tensor([3 4 0 1 2], shape=(5,), dtype=int32)
    """
    x = convert_to_tensor(input)
    shifts = _integers("tf.roll", "shift", shift).tolist()
    axes = _integers("tf.roll", "axis", axis).tolist()
    if len(shifts) != len(axes):
        raise InvalidArgumentError(f"tf.roll: {len(shifts)} shifts for {len(axes)} axes; "
                                   f"give one shift per axis")
    total = {}
    for s, a in zip(shifts, axes):
        a = normalize_axis(a, x.ndim)
        total[a] = total.get(a, 0) + s
    for a, s in total.items():
        n = x.shape[a]
        s = s % n if n else 0
        if s:
            x = concat([x[_along(a, x.ndim, slice(n - s, None))],
                        x[_along(a, x.ndim, slice(0, n - s))]], axis=a)
    return x


def repeat(input, repeats, axis=None, name=None):  # noqa: A002
    """Each element (each slice along ``axis``) repeated ``repeats`` times in place:
    [1, 2] repeated twice is [1, 1, 2, 2] (``tile`` would give [1, 2, 1, 2]).

    ``repeats`` is one count for all, or one count per slice.  Without an ``axis`` the
    input is flattened first.  It is a ``gather`` of the indices 0, 0, 1, 1, ...

    Example::

        >>> print(tf.repeat(tf.constant([[1, 2], [3, 4]]), repeats=[1, 2], axis=0))
        teachtensor.Tensor(
        [[1 2]
         [3 4]
         [3 4]], shape=(3, 2), dtype=int32)
    """
    x = convert_to_tensor(input)
    if axis is None or x.ndim == 0:  # (a scalar is repeated as a vector of one)
        x, axis = reshape(x, (-1,)), 0 if axis is None else axis
    axis = normalize_axis(axis, x.ndim)
    counts = _integers("tf.repeat", "repeats", repeats)
    n = x.shape[axis]
    if counts.size not in (1, n):
        raise InvalidArgumentError(f"tf.repeat: {counts.size} repeat counts for {n} slices "
                                   f"along axis {axis}; give one count, or one per slice")
    if np.any(counts < 0):
        raise InvalidArgumentError(f"tf.repeat: repeat counts must be >= 0, got "
                                   f"{counts.tolist()}")
    return gather(x, np.repeat(np.arange(n), counts if counts.size == n else counts[0]),
                  axis=axis)


def meshgrid(*args, indexing="xy", name=None):
    """Coordinate grids from coordinate vectors: for vectors x (length nx) and y
    (length ny), X[i, j] = x[j] and Y[i, j] = y[i], each of shape (ny, nx) — the "xy"
    (Cartesian) layout of plotting.  ``indexing="ij"`` gives shape (nx, ny) instead,
    with X[i, j] = x[i] (matrix indexing).  Each grid is one vector broadcast.

    Example::

        >>> X, Y = tf.meshgrid([1, 2, 3], [10, 20])
        >>> print(X)
        teachtensor.Tensor(
        [[1 2 3]
         [1 2 3]], shape=(2, 3), dtype=int32)
        >>> print(Y)
        teachtensor.Tensor(
        [[10 10 10]
         [20 20 20]], shape=(2, 3), dtype=int32)
    """
    if indexing not in ("xy", "ij"):
        raise ValueError(f"tf.meshgrid: indexing must be 'xy' or 'ij', not {indexing!r}")
    vectors = [reshape(convert_to_tensor(v), (-1,)) for v in args]
    shape = [v.shape[0] for v in vectors]
    place = list(range(len(vectors)))  # the axis of the grid along which vector i runs
    if indexing == "xy" and len(vectors) >= 2:  # x runs along the columns, y the rows
        shape[0], shape[1] = shape[1], shape[0]
        place[0], place[1] = 1, 0
    grids = []
    for v, axis in zip(vectors, place):
        lined_up = [1] * len(vectors)
        lined_up[axis] = v.shape[0]
        grids.append(broadcast_to(reshape(v, tuple(lined_up)), tuple(shape)))
    return grids
