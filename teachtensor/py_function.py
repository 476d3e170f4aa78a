"""``tf.py_function`` and ``tf.numpy_function``: any Python function as one step of a
TensorFlow computation.

In a graph (``tf.function``, and every ``Dataset.map``, which TensorFlow traces) a plain
Python function cannot run: the graph holds only TensorFlow operations.  These two wrap
one, so that the graph calls back into Python when it gets there; ``Tout`` says what
dtypes come back, since the graph must know before it runs.

* ``py_function`` hands the function tensors, and the TensorFlow operations inside are
  differentiated as usual;
* ``numpy_function`` hands it NumPy arrays: whatever it computes is invisible to the
  tape, so no gradient flows through it.

teachtensor runs everything eagerly, so here each is the call itself, plus TensorFlow's
checks on what comes back: one value per ``Tout`` entry, each of that dtype.
"""
import numpy as np

from . import dtypes
from .conversion import convert_to_tensor
from .errors import InvalidArgumentError
from .function import TensorSpec
from .tensor import Tensor


def _as_outputs(what, result, Tout, convert):
    """The function's result as TensorFlow returns it: one tensor for one dtype, a
    list for a list (or tuple) of dtypes."""
    if Tout is None:
        raise TypeError(f"{what}: Tout is required: the dtype of what the function returns "
                        f"(Tout=tf.float32), or a list of them (Tout=[tf.float32, tf.int64])")
    one = not isinstance(Tout, (list, tuple))
    wanted = [Tout] if one else list(Tout)
    values = list(result) if isinstance(result, (list, tuple)) else \
        ([] if result is None else [result])
    if len(values) != len(wanted):
        raise InvalidArgumentError(f"{what}: the function returned {len(values)} value(s) "
                                   f"but Tout gives {len(wanted)} dtype(s); give one per value")
    outputs = [convert(v, _dtype_of(d), i) for i, (v, d) in enumerate(zip(values, wanted))]
    return outputs[0] if one else outputs


def _dtype_of(entry):
    """A Tout entry's dtype: a dtype (or its name), or a tf.TensorSpec."""
    return entry.dtype if isinstance(entry, TensorSpec) else dtypes.as_dtype(entry)


def _inputs(what, inp):
    if not isinstance(inp, (list, tuple)):
        raise TypeError(f"{what}: inp must be a list of the function's arguments, e.g. "
                        f"inp=[x] for one, got {type(inp).__name__}")
    return [convert_to_tensor(x) for x in inp]


def py_function(func=None, inp=None, Tout=None, name=None):  # noqa: N803 (TF's name)
    """``func(*inp)`` with tensors, its result converted to ``Tout``.

    Example::

        >>> double = lambda t: t * 2.0
        >>> print(tf.py_function(double, [tf.constant(1.5)], Tout=tf.float32))
        teachtensor.Tensor(3.0, shape=(), dtype=float32)
    """
    if func is None:  # @tf.py_function(Tout=...) above a def
        return lambda f: lambda *args: py_function(f, list(args), Tout, name)
    arguments = _inputs("py_function", inp)

    def convert(value, dtype, i):
        if isinstance(value, Tensor):
            value = convert_to_tensor(value)  # (a Variable gives its value)
            if value.dtype != dtype:
                raise InvalidArgumentError(
                    f"py_function: value {i} of the function's result is {value.dtype.name} "
                    f"but Tout says {dtype.name}; return tf.cast(value, tf.{dtype.name}) or "
                    f"change Tout")
            return value
        return convert_to_tensor(np.asarray(value).astype(dtype.as_numpy_dtype)
                                 if _castable(value, dtype) else value, dtype=dtype,
                                 like=arguments[0] if arguments else None)

    return _as_outputs("py_function", func(*arguments), Tout, convert)


def _castable(value, dtype):
    """A NumPy value or float converts to a float Tout (float64 to float32, as
    TensorFlow does); to an integer Tout only without fractions (checked on conversion)."""
    return dtype.is_floating and np.asarray(value).dtype.kind in "fiub"


def numpy_function(func=None, inp=None, Tout=None, stateful=True, name=None):  # noqa: N803
    """``func(*arrays)`` with NumPy arrays; no gradient flows through it.

    The result must already have Tout's dtype, as a traced TensorFlow computation (a
    ``Dataset.map``, a ``tf.function``) requires.

    Example::

        >>> print(tf.numpy_function(np.sort, [tf.constant([3.0, 1.0, 2.0])], Tout=tf.float32))
        teachtensor.Tensor([1. 2. 3.], shape=(3,), dtype=float32)
    """
    if func is None:
        return lambda f: lambda *args: numpy_function(f, list(args), Tout, stateful, name)
    tensors = _inputs("numpy_function", inp)
    arrays = [x.numpy() for x in tensors]

    def convert(value, dtype, i):
        # (a Python float is a float64, an int an int64, as NumPy and TensorFlow see them)
        array = np.asarray(value.numpy() if isinstance(value, Tensor) else value)
        if array.dtype != dtype.as_numpy_dtype:
            raise InvalidArgumentError(
                f"numpy_function: value {i} of the function's result is {array.dtype} but "
                f"Tout says {dtype.name} (TensorFlow refuses this in a Dataset.map or a "
                f"tf.function); return array.astype(np.{np.dtype(dtype.as_numpy_dtype).name}) or "
                f"change Tout")
        return convert_to_tensor(array, like=tensors[0] if tensors else None)

    return _as_outputs("numpy_function", func(*arrays), Tout, convert)
