"""``keras.random``: random tensors with Keras 3's ``seed=`` rules.

Keras 3 draws from a *seed*, given to each call:

    keras.random.normal((2, 3))               # seed=None: the global generator;
                                              #   reproducible after keras.utils.set_random_seed
    keras.random.normal((2, 3), seed=1337)    # an int: the same numbers on every call
    seed_generator = keras.random.SeedGenerator(1337)
    keras.random.normal((2, 3), seed=seed_generator)   # new numbers on each call, the
                                              #   same sequence every time the program runs

An int seed gives numbers that depend only on that int (not on the global seed): call
it twice, get the same tensor twice.  A ``SeedGenerator`` is the way to get a new draw
each time and still a reproducible program: it holds a state that each draw advances.
(``tf.random`` works differently: a ``seed=`` there is combined with the global seed,
and the same call twice gives two different draws; see ``teachtensor/random.py``.)
"""
import numpy as np

from .. import dtypes
from .. import random as tf_random
from ..backend import get_backend
from ..ops.core import shape_tuple
from ..ops.indexing import gather
from ..tensor import Tensor, convert_to_tensor
from .config import floatx

__all__ = ["SeedGenerator", "normal", "randint", "shuffle", "truncated_normal", "uniform"]


class SeedGenerator:
    """``keras.random.SeedGenerator(seed=None)``: a source of seeds, one per draw.

    Its state is ``(seed, counter)``; each draw takes the state and adds one to the
    counter.  With ``seed=None`` the seed is drawn from the global generator, so it too
    repeats after ``keras.utils.set_random_seed(n)``.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> seed_generator = keras.random.SeedGenerator(1337)
        >>> print(keras.random.normal((2,), seed=seed_generator))   # new numbers each draw...
        teachtensor.Tensor([0.0383 0.4739], shape=(2,), dtype=float32)
        >>> print(keras.random.normal((2,), seed=seed_generator))   # ...the same ones each run
        teachtensor.Tensor([-0.4798  1.9423], shape=(2,), dtype=float32)
    """

    def __init__(self, seed=None, name=None):
        if seed is None:
            seed = int(tf_random.host_generator().integers(2**31))
        elif isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
            raise ValueError(f"SeedGenerator's seed must be an integer, got {seed!r}")
        self.name = name or "seed_generator"
        self.state = [int(seed), 0]
        self._initial_seed = int(seed)

    def get_config(self):
        """Its constructor's arguments, as Keras 3 saves it: the seed it started from
        (a loaded copy starts its sequence again)."""
        return {"seed": self._initial_seed, "name": self.name}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def next(self):
        """The seed for the next draw, ``[seed, counter]``; the counter moves on."""
        seed = list(self.state)
        self.state[1] += 1
        return seed

    def __repr__(self):
        return f"<SeedGenerator name={self.name}, state={self.state}>"


def _seed(seed, what):
    """A Keras ``seed`` as the numbers to start a generator from (None: the global one)."""
    if seed is None:
        return None
    if isinstance(seed, SeedGenerator):
        return seed.next()
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool):
        return [int(seed)]  # the numbers depend on this int alone
    raise ValueError(f"keras.random.{what}: seed must be an integer, a "
                     f"keras.random.SeedGenerator or None, got {seed!r} "
                     f"({type(seed).__name__})")


def _draw(kind, shape, dtype, seed, low, high, what):
    backend = get_backend()
    start = _seed(seed, what)
    generator = tf_random.generator(None, backend) if start is None else \
        backend.new_generator(start)
    values = backend.random(generator, kind, shape_tuple(shape), dtype.as_numpy_dtype,
                            low, high)
    return Tensor(values, backend)


def _float_dtype(dtype, what):
    dtype = dtypes.as_dtype(dtype or floatx())
    dtypes.check_supported(dtype.as_numpy_dtype)
    if not dtype.is_floating:
        raise ValueError(f"keras.random.{what} needs a floating-point dtype, got "
                         f"dtype={dtype.name}; for integers use keras.random.randint")
    return dtype


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Samples of the normal distribution with that mean and standard deviation.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.random.normal((2, 3), seed=1337))   # the same for every call
        teachtensor.Tensor(
        [[ 0.0383  0.4739 -0.1377]
         [-1.3893  2.5201 -1.0064]], shape=(2, 3), dtype=float32)
    """
    dtype = _float_dtype(dtype, "normal")
    return _draw("normal", shape, dtype, seed, float(mean), float(stddev), "normal")


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Normal samples, redrawn until within two standard deviations of the mean.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.random.truncated_normal((4,), stddev=0.1, seed=0))
        teachtensor.Tensor([ 0.0126 -0.0132  0.064   0.0105], shape=(4,), dtype=float32)
    """
    dtype = _float_dtype(dtype, "truncated_normal")
    return _draw("truncated_normal", shape, dtype, seed, float(mean), float(stddev),
                 "truncated_normal")


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    """Samples uniform on [minval, maxval).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(keras.random.uniform((3,), minval=0.0, maxval=1.0, seed=0))
        teachtensor.Tensor([0.637  0.2698 0.041 ], shape=(3,), dtype=float32)
    """
    dtype = _float_dtype(dtype, "uniform")
    return _draw("uniform", shape, dtype, seed, float(minval), float(maxval), "uniform")


def randint(shape, minval, maxval, dtype="int32", seed=None):
    """Random integers in [minval, maxval).

    Example::

        >>> print(keras.random.randint((5,), 0, 10, seed=0))
        teachtensor.Tensor([8 6 5 2 3], shape=(5,), dtype=int32)
    """
    dtype = dtypes.as_dtype(dtype)
    if not dtype.is_integer:
        raise ValueError(f"keras.random.randint needs an integer dtype, got "
                         f"dtype={dtype.name}; for floats use keras.random.uniform")
    return _draw("integers", shape, dtype, seed, int(minval), int(maxval), "randint")


def shuffle(x, axis=0, seed=None):
    """``x`` with its entries along ``axis`` in a random order.

    Example::

        >>> print(keras.random.shuffle(np.arange(6), seed=0))
        teachtensor.Tensor([3 2 5 4 0 1], shape=(6,), dtype=int64)
    """
    x = convert_to_tensor(x)
    start = _seed(seed, "shuffle")  # the order is chosen on the host, where data sets are
    rng = tf_random.host_generator() if start is None else np.random.default_rng(start)
    order = rng.permutation(x.shape[axis])
    return gather(x, convert_to_tensor(order, like=x), axis=axis)
