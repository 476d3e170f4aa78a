"""tf.pad: a tensor with values added around it, axis by axis.

``paddings[i] = [before, after]`` adds that many values before and after axis i.
Three modes say what the new values are; for the row [1 2 3] padded by 2 on each side:

    CONSTANT    0 0 | 1 2 3 | 0 0      constant_values (default 0)
    REFLECT     3 2 | 1 2 3 | 2 1      mirrored about the edge value (not repeating it)
    SYMMETRIC   2 1 | 1 2 3 | 3 2      mirrored including the edge value

CONSTANT joins blocks of the constant to the tensor (``concat``); the two mirror modes
read the tensor at a list of positions (``[2, 1, 0, 1, 2, 1, 0]`` for REFLECT above),
an indexing whose gradient adds up the gradients of every copy of an element.
"""
import numpy as np

from .. import dtypes
from ..errors import InvalidArgumentError
from ..tensor import Tensor, convert_to_tensor
from .core import broadcast_to, reshape, unchanged
from .indexing import getitem
from .shape_ops import concat

MODES = ("CONSTANT", "REFLECT", "SYMMETRIC")


def _read_paddings(paddings, x):
    """The paddings as a list of (before, after) pairs of ints, checked."""
    given = paddings.numpy() if isinstance(paddings, Tensor) else np.asarray(paddings)
    if given.size and given.dtype.kind not in "iu":
        raise TypeError(f"tf.pad: paddings must be integers (int32 or int64), got "
                        f"{given.tolist()!r}")
    if given.shape != (x.ndim, 2):
        raise InvalidArgumentError(f"tf.pad: paddings must have shape [{x.ndim}, 2], one [before, "
                                   f"after] pair per axis of the tensor of shape {x.shape}; got "
                                   f"paddings of shape {list(given.shape)}")
    if given.size and given.min() < 0:
        raise InvalidArgumentError(f"tf.pad: paddings must be >= 0, got {given.tolist()}")
    return [(int(before), int(after)) for before, after in given.reshape(-1, 2)]


def _mirror_positions(n, before, after, symmetric):
    """Where each position of a padded axis of length n reads the original axis."""
    inside = list(range(n))
    if symmetric:  # the edge value is repeated: ... 1 0 | 0 1 ... n-1 | n-1 n-2 ...
        return inside[:before][::-1] + inside + inside[n - after:][::-1]
    # reflected about the edge value: ... 2 1 | 0 1 ... n-1 | n-2 n-3 ...
    return inside[1:before + 1][::-1] + inside + inside[n - 1 - after:n - 1][::-1]


def pad(tensor, paddings, mode="CONSTANT", constant_values=0, name=None):
    """``tensor`` with ``paddings[i] = [before, after]`` values added around axis i.

    ``mode`` is "CONSTANT" (``constant_values``, default 0), "REFLECT" or "SYMMETRIC"
    (see the module docstring), in any case.  REFLECT needs before, after < the axis
    length; SYMMETRIC needs them <= it.

    Example::

        >>> row = tf.constant([[1.0, 2.0, 3.0]])
        >>> for mode in ["CONSTANT", "REFLECT", "SYMMETRIC"]:
        ...     print(mode, tf.pad(row, [[0, 0], [2, 2]], mode=mode).numpy())
        CONSTANT [[0. 0. 1. 2. 3. 0. 0.]]
        REFLECT [[3. 2. 1. 2. 3. 2. 1.]]
        SYMMETRIC [[2. 1. 1. 2. 3. 3. 2.]]
    """
    x = convert_to_tensor(tensor)
    pads = _read_paddings(paddings, x)
    kind = mode.upper() if isinstance(mode, str) else mode
    if kind not in MODES:
        raise InvalidArgumentError(f"tf.pad: mode must be 'CONSTANT', 'REFLECT' or 'SYMMETRIC' (in "
                                   f"any case), got {mode!r}")
    symmetric = kind == "SYMMETRIC"
    if kind == "CONSTANT":
        if x.dtype == dtypes.bool and isinstance(constant_values, (int, float)):
            constant_values = bool(constant_values)  # the default 0 is False
        value = reshape(convert_to_tensor(constant_values, dtype=x.dtype, like=x), ())
    else:  # every axis is checked first, as TensorFlow does (even one not padded)
        for axis, (n, (before, after)) in enumerate(zip(x.shape, pads)):
            if (max(before, after) > n) if symmetric else (max(before, after) >= n):
                rule = "at most" if symmetric else "less than"
                raise InvalidArgumentError(f"tf.pad: in {kind} mode the paddings of an axis must "
                                           f"be {rule} its length; axis {axis} of the tensor of "
                                           f"shape {x.shape} has length {n}, but its paddings are "
                                           f"[{before}, {after}]")
    result = x
    for axis, (before, after) in enumerate(pads):
        if before == after == 0:
            continue
        if kind == "CONSTANT":
            shape = tuple(result.shape)
            pieces = [broadcast_to(value, shape[:axis] + (length,) + shape[axis + 1:])
                      for length in (before, after)]
            result = concat([pieces[0], result, pieces[1]], axis)
        else:
            positions = _mirror_positions(x.shape[axis], before, after, symmetric)
            result = getitem(result, (slice(None),) * axis + (np.array(positions, np.int64),))
    return unchanged(result) if result is x else result
