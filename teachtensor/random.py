"""Random tensors: ``tf.random.normal``, ``tf.random.uniform``, ``tf.random.set_seed``.

All draws come from one NumPy generator.  ``set_seed(n)`` replaces it by a generator
seeded with n, so every later sequence of draws repeats exactly.  A ``seed=`` given to
one call makes that call's values depend only on (global seed, seed).
"""
import numpy as np

from . import dtypes
from .ops.shape_ops import _shape_tuple
from .tensor import convert_to_tensor

_global_seed = None
_generator = np.random.default_rng()


def set_seed(seed):
    """Make every later random draw reproducible."""
    global _global_seed, _generator
    _global_seed = None if seed is None else int(seed)
    _generator = np.random.default_rng(_global_seed)


def _rng(seed):
    if seed is None:
        return _generator
    return np.random.default_rng([_global_seed or 0, int(seed)])


def _float_dtype(dtype, what):
    dtype = dtypes.as_dtype(dtype)
    if not dtype.is_floating:
        raise TypeError(f"tf.random.{what} makes floating-point tensors; dtype {dtype} is not one")
    return dtype


def normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    """Samples of the normal distribution N(mean, stddev²)."""
    dtype = _float_dtype(dtype, "normal")
    values = _rng(seed).normal(float(mean), float(stddev), size=_shape_tuple(shape))
    return convert_to_tensor(values, dtype=dtype)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    """Normal samples, redrawn until within two standard deviations of the mean."""
    dtype = _float_dtype(dtype, "truncated_normal")
    rng = _rng(seed)
    values = rng.normal(size=_shape_tuple(shape))
    bad = np.abs(values) > 2
    while bad.any():
        values[bad] = rng.normal(size=int(bad.sum()))
        bad = np.abs(values) > 2
    return convert_to_tensor(float(mean) + float(stddev) * values, dtype=dtype)


def uniform(shape, minval=0, maxval=None, dtype=dtypes.float32, seed=None, name=None):
    """Samples uniform on [minval, maxval) (maxval defaults to 1 for floats)."""
    dtype = dtypes.as_dtype(dtype)
    shape = _shape_tuple(shape)
    if dtype.is_integer:
        if maxval is None:
            raise ValueError("tf.random.uniform with an integer dtype needs maxval")
        values = _rng(seed).integers(int(minval), int(maxval), size=shape)
    else:
        maxval = 1.0 if maxval is None else float(maxval)
        values = _rng(seed).uniform(float(minval), maxval, size=shape)
    return convert_to_tensor(values, dtype=dtype)


def shuffle(value, seed=None, name=None):
    """The tensor with its first axis randomly permuted."""
    x = convert_to_tensor(value)
    from .ops.shape_ops import gather
    return gather(x, _rng(seed).permutation(x.shape[0]))
