"""``tf.math.cumsum``: running sums, by the doubling scan GPUs use.

The running sum y[i] = x[0] + ... + x[i] could be a loop of n additions, each waiting
for the one before.  The *doubling* (Hillis-Steele) scan needs only log2(n) rounds,
each one whole-tensor addition that every element can do at once::

    round 1:  y[i] += y[i - 1]     now y[i] sums the last 2 inputs up to i
    round 2:  y[i] += y[i - 2]     ... the last 4
    round 3:  y[i] += y[i - 4]     ... the last 8, and so on, while the step < n

(where i - step < 0 there is nothing to add).  Each round is a shift (a slice, with
zeros in front) and an addition, so the tape differentiates it like any other
operations: the gradient of a cumulative sum is the reversed cumulative sum of the
gradient.  The sums are grouped differently from a running loop's, so floats can round
differently: [1e8, 1, -1e8, 1] in float32 ends in 0 here, 1 with a loop.
"""
from ..tensor import convert_to_tensor
from .checks import normalize_axis
from .core import unchanged
from .creation import _filled
from .indexing import getitem
from .shape_ops import concat, reverse as _reverse


def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    """The running sums along ``axis``: [a, b, c] -> [a, a + b, a + b + c].

    ``exclusive=True`` leaves each element out of its own sum ([0, a, a + b]);
    ``reverse=True`` sums from the end ([a + b + c, b + c, c]).

    Example::

        >>> x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        >>> print(tf.math.cumsum(x, axis=1))
        teachtensor.Tensor(
        [[ 1.  3.  6.]
         [ 4.  9. 15.]], shape=(2, 3), dtype=float32)
        >>> print(tf.math.cumsum(x, axis=1, exclusive=True))
        teachtensor.Tensor(
        [[0. 1. 3.]
         [0. 4. 9.]], shape=(2, 3), dtype=float32)
    """
    x = convert_to_tensor(x)
    axis = normalize_axis(axis, x.ndim)
    if reverse:
        return _flip(cumsum(_flip(x, axis), axis, exclusive), axis)
    if exclusive and x.shape[axis]:
        x = _shifted(x, axis, 1)
    y, n, step = unchanged(x), x.shape[axis], 1
    while step < n:
        y = y + _shifted(y, axis, step)
        step *= 2
    return y


def _shifted(y, axis, step):
    """y moved ``step`` places along ``axis``: ``step`` zeros in front, the last
    ``step`` values dropped."""
    before = (slice(None),) * axis
    kept = getitem(y, before + (slice(0, y.shape[axis] - step),))
    front = _filled(tuple(y.shape[:axis]) + (step,) + tuple(y.shape[axis + 1:]), 0, y.dtype,
                    y._backend)  # (on y's device)
    return concat([front, kept], axis)


def _flip(y, axis):
    return _reverse(y, [axis])
