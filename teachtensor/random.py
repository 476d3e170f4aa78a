"""Random tensors: ``tf.random.normal``, ``tf.random.uniform``, ``tf.random.set_seed``,
and generators of your own, ``tf.random.Generator`` (at the end).

The numbers are drawn on the device where the tensor will live: each backend has its
own generator (``backend.new_generator``), made the first time it is needed from the
global seed.  ``set_seed(n)`` starts them all again from n, so every later sequence of
draws repeats exactly.  A ``seed=`` given to an operation gives it a sequence of its own,
which depends only on (global seed, seed), as in TensorFlow: the first
``uniform((3,), seed=7)`` after ``set_seed(1)`` is always the same, and the second call
goes on to new numbers (TensorFlow keeps one generator per seeded operation).

Shuffling the order of a data set (``Dataset.shuffle``, ``fit(shuffle=True)``) happens
on the host, where the data set is: ``host_generator`` is a NumPy generator for that,
seeded the same way.
"""
import numpy as np

from . import dtypes
from .backend import get_backend
from .ops.core import reshape, shape_tuple
from .ops.indexing import gather
from .tensor import Tensor, convert_to_tensor

__all__ = ["set_seed", "normal", "truncated_normal", "uniform", "shuffle", "categorical",
           "Generator", "get_global_generator", "set_global_generator"]

_global_seed = None
_generators = {}  # backend (or "host") -> its generator; (backend, operation, seed) -> that
#                   seeded operation's own


def set_seed(seed):
    """Make every later random draw reproducible.

    Example::

        >>> tf.random.set_seed(42)
        >>> a = tf.random.uniform((2,))
        >>> tf.random.set_seed(42)
        >>> print(np.array_equal(a, tf.random.uniform((2,))))      # the same numbers again
        True
    """
    global _global_seed
    _global_seed = None if seed is None else _as_seed(seed)
    _generators.clear()


def _as_seed(seed):
    """A seed as NumPy's generators take it: a non-negative int.  Any int will do, as
    in TensorFlow: a negative one is taken modulo 2**64 (so -1 and 1 differ).  A string
    is refused rather than read as a number."""
    if isinstance(seed, (str, bytes)):
        number = str(seed).strip().lstrip("-").isdigit()
        raise TypeError(f"a seed must be an integer, got the string {seed!r}" +
                        (f"; write {seed.strip()} without the quotes" if number else ""))
    seed = int(seed)
    return seed if seed >= 0 else seed % 2 ** 64


def generator(seed=None, backend=None, operation=None):
    """The generator to draw from on ``backend`` (the default one if None): that
    backend's running generator; for an ``operation`` (a kind of draw and its dtype,
    ``("uniform", "float32")``) given its own ``seed``, that seeded operation's running
    generator, started at its first call from (global seed, seed); for a ``seed``
    alone, a fresh generator from those two."""
    backend = backend or get_backend()
    return _running(backend, seed, operation, backend.new_generator)


def host_generator(seed=None, operation=None):
    """A NumPy generator for choices made on the host (the order of a data set); the
    same rules as ``generator``."""
    return _running("host", seed, operation, np.random.default_rng)


def _running(place, seed, operation, new_generator):
    if seed is not None:
        seed = _as_seed(seed)
    if seed is not None and operation is None:
        return new_generator([_global_seed or 0, seed])
    key = place if seed is None else (place, operation, seed)
    running = _generators.get(key)
    if running is None:
        start = _global_seed if seed is None else [_global_seed or 0, seed]
        running = _generators[key] = new_generator(start)
    return running


def _draw(kind, shape, dtype, seed, low, high):
    backend = get_backend()
    values = backend.random(generator(seed, backend, (kind, dtype.name)), kind,
                            shape_tuple(shape),
                            dtype.as_numpy_dtype, low, high)
    return Tensor(values, backend)


def _float_dtype(dtype, what):
    dtype = dtypes.as_dtype(dtype)
    dtypes.check_supported(dtype.as_numpy_dtype)
    if not dtype.is_floating:
        raise TypeError(f"tf.random.{what} makes floating-point tensors; dtype {dtype.name} "
                        f"is not one")
    return dtype


def normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    """Samples of the normal distribution N(mean, stddev²).

    Example::

        >>> tf.random.set_seed(0)                 # the same numbers on every run
        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.random.normal(shape=(3, 1), mean=0.0, stddev=1.0))
        teachtensor.Tensor(
        [[ 0.1257]
         [-0.1321]
         [ 0.6404]], shape=(3, 1), dtype=float32)
    """
    dtype = _float_dtype(dtype, "normal")
    return _draw("normal", shape, dtype, seed, float(mean), _spread(stddev, "tf.random.normal"))


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    """Normal samples, redrawn until within two standard deviations of the mean.

    Example::

        >>> tf.random.set_seed(0)
        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.random.truncated_normal((4,), stddev=0.1))   # none beyond 2 * stddev
        teachtensor.Tensor([ 0.0126 -0.0132  0.064   0.0105], shape=(4,), dtype=float32)
    """
    dtype = _float_dtype(dtype, "truncated_normal")
    return _draw("truncated_normal", shape, dtype, seed, float(mean),
                 _spread(stddev, "tf.random.truncated_normal"))


def uniform(shape, minval=0, maxval=None, dtype=dtypes.float32, seed=None, name=None):
    """Samples uniform on [minval, maxval) (maxval defaults to 1 for floats).

    Example::

        >>> tf.random.set_seed(0)
        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.random.uniform(shape=(3, 1), minval=0.0, maxval=1.0))
        teachtensor.Tensor(
        [[0.637 ]
         [0.2698]
         [0.041 ]], shape=(3, 1), dtype=float32)
    """
    dtype, kind, low, high = _uniform_bounds(dtype, minval, maxval, "tf.random.uniform")
    return _draw(kind, shape, dtype, seed, low, high)


def _uniform_bounds(dtype, minval, maxval, what):
    """(dtype, kind of draw, low, high) for a uniform draw: integers need a maxval,
    floats default to [minval, 1)."""
    dtype = dtypes.as_dtype(dtype)
    dtypes.check_supported(dtype.as_numpy_dtype)
    if dtype.is_integer:
        if maxval is None:
            raise ValueError(f"{what} with integer dtype {dtype.name} needs both minval "
                             f"and maxval")
        low, high = int(minval), int(maxval)
    else:
        low, high = float(minval), 1.0 if maxval is None else float(maxval)
    if high < low or (dtype.is_integer and high == low):
        raise ValueError(f"{what}: minval={minval!r} must be below maxval={maxval!r} "
                         f"(samples are drawn from [minval, maxval)); give the smaller one "
                         f"as minval")
    return dtype, "integers" if dtype.is_integer else "uniform", low, high


def _spread(stddev, what):
    """A standard deviation: a number, 0 or more (NumPy's own message is 'scale < 0')."""
    stddev = float(stddev)
    if not stddev >= 0:
        raise ValueError(f"{what}: stddev must be 0 or more (it is a spread), got {stddev}")
    return stddev


def shuffle(value, seed=None, name=None):
    """The tensor with its first axis randomly permuted (the order drawn on the host).

    Example::

        >>> tf.random.set_seed(0)
        >>> print(tf.random.shuffle(tf.range(6)))
        teachtensor.Tensor([3 2 5 4 0 1], shape=(6,), dtype=int32)
    """
    x = convert_to_tensor(value)
    order = host_generator(seed, "shuffle").permutation(x.shape[0])
    return gather(x, convert_to_tensor(order, like=x))


def categorical(logits, num_samples, dtype=None, seed=None, name=None):
    """``num_samples`` class indices per row of ``logits`` (shape (batch, classes)),
    each drawn with probability softmax(logits) of its class.

    By the *Gumbel-max trick*: add to every logit its own noise -log(-log(u)), u uniform
    on (0, 1), and take the largest; the winner is class c with probability
    e^{logit_c} / sum_j e^{logit_j}.  So sampling is one draw of noise and one argmax,
    for all rows and samples at once, with no softmax and no cumulative sums.

    Example::

        >>> tf.random.set_seed(0)
        >>> samples = tf.random.categorical(tf.math.log([[0.5, 0.5], [0.0, 1.0]]), 5)
        >>> print(samples.shape, samples.dtype, samples.numpy()[1].tolist())  # class 1 only
        (2, 5) <dtype: 'int64'> [1, 1, 1, 1, 1]
    """
    from .ops.functions import log
    from .ops.selection import argmax
    logits = convert_to_tensor(logits)
    if logits.ndim != 2 or not logits.dtype.is_floating:
        raise ValueError(f"tf.random.categorical takes float logits of shape (batch, "
                         f"classes), got {logits.dtype.name} of shape {logits.shape}")
    shape = (logits.shape[0], int(num_samples), logits.shape[1])
    tiny = float(np.finfo(logits.dtype.as_numpy_dtype).tiny)  # (u = 0 would give inf)
    u = uniform(shape, minval=tiny, maxval=1.0, dtype=logits.dtype, seed=seed)
    noisy = reshape(logits, (shape[0], 1, shape[2])) + (-log(-log(u)))
    return argmax(noisy, axis=-1, output_type=dtype or dtypes.int64)


GENERATOR_STREAM = 0x47656E  # "Gen": the tag of a Generator's seeds (reset_from_seed)


class Generator:
    """A random generator of your own: ``tf.random.Generator.from_seed(1)``, whose
    ``normal`` / ``uniform`` / ``truncated_normal`` draw from its own stream, untouched by
    ``set_seed`` and by every other draw.  It lives on the device that was current when
    it was made, and draws there.  (The same seed gives the same numbers every time,
    but not TensorFlow's numbers: another algorithm.)

    Example::

        >>> g = tf.random.Generator.from_seed(1)
        >>> a = g.normal((2,))
        >>> print(np.array_equal(a, tf.random.Generator.from_seed(1).normal((2,))))
        True
    """

    def __init__(self, seed=None, _backend=None):
        self._backend = _backend or get_backend()
        self.reset_from_seed(seed)

    @classmethod
    def from_seed(cls, seed, alg=None):
        """A generator started from ``seed`` (an integer)."""
        if seed is None:
            raise TypeError("Generator.from_seed needs an integer seed; for a generator "
                            "without one use Generator.from_non_deterministic_state()")
        return cls(seed)

    @classmethod
    def from_non_deterministic_state(cls, alg=None):
        """A generator started from the operating system's randomness."""
        return cls(None)

    def reset_from_seed(self, seed):
        """Start this generator's stream again from ``seed`` (None: from the operating
        system's randomness).  The seed is tagged, [GENERATOR_STREAM, 0, seed], so that
        this stream is not the one ``set_seed(seed)`` starts for the module's functions."""
        if seed is not None:
            if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
                raise TypeError(f"a Generator's seed must be an integer, got {seed!r}")
            seed = int(seed)
        state = self._backend.new_generator(None if seed is None else
                                            [GENERATOR_STREAM, 0, seed])
        self._seed, self._state = seed, state  # (changed only once the new state exists)

    def _draw(self, kind, shape, dtype, low, high):
        values = self._backend.random(self._state, kind, shape_tuple(shape),
                                      dtype.as_numpy_dtype, low, high)
        return Tensor(values, self._backend)

    def normal(self, shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, name=None):
        """Samples of N(mean, stddev²), as ``tf.random.normal``."""
        return self._draw("normal", shape, _float_dtype(dtype, "Generator.normal"),
                          float(mean), _spread(stddev, "Generator.normal"))

    def truncated_normal(self, shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, name=None):
        """Normal samples within two standard deviations, as ``tf.random.truncated_normal``."""
        return self._draw("truncated_normal", shape,
                          _float_dtype(dtype, "Generator.truncated_normal"),
                          float(mean), _spread(stddev, "Generator.truncated_normal"))

    def uniform(self, shape, minval=0, maxval=None, dtype=dtypes.float32, name=None):
        """Samples uniform on [minval, maxval), as ``tf.random.uniform`` (an integer dtype
        needs both bounds)."""
        dtype, kind, low, high = _uniform_bounds(dtype, minval, maxval, "Generator.uniform")
        return self._draw(kind, shape, dtype, low, high)

    def make_seeds(self, count=1):
        """``count`` new seeds for seeded operations: an int64 tensor of shape (2, count)."""
        return self.uniform((2, int(count)), 0, 2**31 - 1, dtype=dtypes.int64)

    def split(self, count=1):
        """``count`` new generators, each started from a seed drawn from this one: streams
        of their own, reproducible from this generator's seed."""
        seeds = self.make_seeds(count).numpy()[0]
        return [Generator(int(s), self._backend) for s in seeds]


_global_generator = None


def get_global_generator():
    """A generator for the whole program (a ``Generator``), made at first use from the
    global seed (``set_seed``), or the one given to ``set_global_generator``.

    Example::

        >>> g = tf.random.get_global_generator()
        >>> print(g is tf.random.get_global_generator(), g.uniform((2,)).shape)
        True (2,)
    """
    global _global_generator
    if _global_generator is None:
        _global_generator = Generator(_global_seed)
    return _global_generator


def set_global_generator(generator):
    """Make ``generator`` the one ``get_global_generator`` returns.

    Example::

        >>> tf.random.set_global_generator(tf.random.Generator.from_seed(7))
        >>> a = tf.random.get_global_generator().normal((2,))
        >>> print(np.array_equal(a, tf.random.Generator.from_seed(7).normal((2,))))
        True
    """
    global _global_generator
    if not isinstance(generator, Generator):
        raise TypeError(f"set_global_generator takes a tf.random.Generator, got "
                        f"{type(generator).__name__}")
    _global_generator = generator
