"""``tf.function`` and ``tf.TensorSpec``: TensorFlow's compilation, and why it runs eagerly here.

What TensorFlow does with ``@tf.function``
-------------------------------------------
The first call *traces* the Python function: it runs the Python code once with
symbolic tensors, recording every TensorFlow operation into a graph.  Later calls run
that graph, without Python in the loop: faster, and open to graph optimizations
(``jit_compile=True`` also compiles the graph with XLA, fusing operations into a few
kernels).  Three consequences surprise people:

* **Retracing.**  A graph is made for one *input signature*: the shapes and dtypes of
  the tensor arguments, and the values of the Python arguments.  A call with a new
  shape, dtype or Python value traces again (``reduce_retracing=True`` makes shapes
  more general to trace less often; ``input_signature=[tf.TensorSpec(...)]`` fixes the
  signature once, and a call that does not fit it is an error).
* **Python side effects run only while tracing.**  A ``print``, appending to a Python
  list or drawing with Python's ``random`` happens on the first call (and each
  retrace), not on every call; ``tf.print`` (``printing.py``) prints every time.
* **AutoGraph** (``autograph=True``) rewrites Python ``if`` / ``for`` / ``while`` on
  tensors into graph operations (``tf.cond``, ``tf.while_loop``; teachtensor has them
  too, run eagerly, for code that calls them itself: ``control_flow.py``).

What teachtensor does
---------------------
teachtensor runs the function *eagerly*, every call, like plain Python: there is no
graph to build, and every step can be read, printed and stepped through in a debugger,
which is teachtensor's point.  The results are the same numbers; ``print`` inside runs
on every call; there is no speed-up.  ``input_signature`` is still checked, as in
TensorFlow, and the outputs are returned as tensors (a Python number becomes a tensor,
as a graph's output would be).  The other arguments are accepted and change nothing.
"""
import functools
import inspect

import numpy as np

from . import dtypes
from .conversion import convert_to_tensor
from .nest import flatten, pack_as
from .tensor import Tensor, TensorShape


class TensorSpec:
    """``tf.TensorSpec(shape, dtype=tf.float32, name=None)``: what a tensor must look like.

    ``None`` in the shape means "any length" (``(None, 3)``: any number of rows of 3);
    ``shape=None`` means any rank.  Used in ``tf.function(input_signature=[...])``.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> spec = tf.TensorSpec(shape=(None, 2), dtype=tf.float32)
        >>> print(spec, spec.is_compatible_with(x), spec.is_compatible_with(tf.ones((2, 3))))
        TensorSpec(shape=(None, 2), dtype=tf.float32, name=None) True False
    """

    def __init__(self, shape, dtype=dtypes.float32, name=None):
        self.shape = None if shape is None else TensorShape(
            None if s is None else int(s) for s in shape)
        self.dtype = dtypes.as_dtype(dtype)
        self.name = name

    @classmethod
    def from_tensor(cls, tensor, name=None):
        """The spec of a tensor: its shape and dtype."""
        return cls(tensor.shape, tensor.dtype, name)

    def is_compatible_with(self, spec_or_tensor):
        """True if a tensor or TensorSpec fits: the same dtype, and the same length on
        every axis where both are known.  As in TensorFlow, only tensors and specs can
        fit: a NumPy array, a number or a Variable gives False."""
        other = spec_or_tensor
        if isinstance(other, Tensor) and not other._is_variable:
            other = TensorSpec.from_tensor(other)
        if not isinstance(other, TensorSpec) or other.dtype != self.dtype:
            return False
        if self.shape is None or other.shape is None:
            return True
        return len(self.shape) == len(other.shape) and all(
            a is None or b is None or a == b for a, b in zip(self.shape, other.shape))

    def __eq__(self, other):
        return (isinstance(other, TensorSpec) and self.shape == other.shape and
                self.dtype == other.dtype and self.name == other.name)

    def __hash__(self):
        return hash((self.shape, self.dtype, self.name))

    def __repr__(self):
        shape = "<unknown>" if self.shape is None else self.shape
        return f"TensorSpec(shape={shape}, dtype={self.dtype!r}, name={self.name!r})"


def function(func=None, input_signature=None, autograph=True, jit_compile=None,
             reduce_retracing=False, experimental_implements=None,
             experimental_autograph_options=None, experimental_attributes=None,
             experimental_relax_shapes=None, experimental_compile=None,
             experimental_follow_type_hints=None):
    """``@tf.function``: in TensorFlow, compiles ``func`` into a graph; here, runs it eagerly.

    Use it as TensorFlow allows: ``@tf.function``, ``@tf.function(jit_compile=True)``
    or ``fast = tf.function(fn)``.  See this module's docstring for what TensorFlow
    would do (trace, retrace on new shapes and dtypes, run Python side effects only
    while tracing) and why teachtensor does not.  ``input_signature`` (a list of
    ``tf.TensorSpec``) is checked on every call.

    Example::

        >>> @tf.function(jit_compile=True)
        ... def dense(inputs, W, b):
        ...     return tf.nn.relu(tf.matmul(inputs, W) + b)

        >>> print(dense(tf.ones((1, 2)), tf.ones((2, 3)), tf.zeros((3,))))
        teachtensor.Tensor([[2. 2. 2.]], shape=(1, 3), dtype=float32)
    """
    if func is None:  # @tf.function(...): the arguments first, the function next
        return lambda fn: function(fn, input_signature)
    if not callable(func):
        raise TypeError(f"{func!r} is not a callable object: tf.function takes a "
                        f"function, e.g. @tf.function above a def")
    return Function(func, _checked_signature(input_signature))


class Function:
    """What ``tf.function`` returns: calls the Python function (``.python_function``)
    eagerly, checks the arguments against ``.input_signature`` and returns tensors."""

    def __init__(self, python_function, input_signature=None):
        self.python_function = python_function
        self.input_signature = input_signature
        functools.update_wrapper(self, python_function)

    def __call__(self, *args, **kwargs):
        return self._run((), args, kwargs)

    def __get__(self, instance, owner=None):
        """A tf.function written as a method: bound to ``instance`` like a method."""
        if instance is None:
            return self
        return functools.partial(self._call_method, instance)

    def _call_method(self, instance, *args, **kwargs):
        return self._run((instance,), args, kwargs)

    def _run(self, bound_self, args, kwargs):
        if self.input_signature is not None:
            args, kwargs = self._fit_signature(bound_self, args, kwargs)
        return _as_tensors(self.python_function(*bound_self, *args, **kwargs))

    def _fit_signature(self, bound_self, args, kwargs):
        """The arguments as tensors of the signature's dtypes, refused if they do not fit."""
        name = getattr(self.python_function, "__name__", "function")
        try:
            bound = inspect.signature(self.python_function).bind(*bound_self, *args, **kwargs)
        except TypeError as error:
            raise TypeError(f"tf.function {name}: cannot bind the arguments to its "
                            f"input_signature {self.input_signature}: {error}") from None
        values = list(bound.arguments.items())[len(bound_self):]
        if len(values) != len(self.input_signature):
            raise TypeError(f"tf.function {name}: its input_signature has "
                            f"{len(self.input_signature)} TensorSpecs, but it was called "
                            f"with {len(values)} arguments")
        fitted = []
        for (argument, value), spec in zip(values, self.input_signature):
            tensor = value if isinstance(value, Tensor) else convert_to_tensor(
                value, dtype=spec.dtype)
            if not spec.is_compatible_with(TensorSpec.from_tensor(tensor)):
                raise TypeError(f"tf.function {name}: argument {argument!r}, a tensor of "
                                f"shape {tensor.shape} and dtype {tensor.dtype.name}, does "
                                f"not fit {spec} of its input_signature")
            fitted.append(tensor)
        return tuple(fitted), {}


def _checked_signature(input_signature):
    if input_signature is None:
        return None
    if not isinstance(input_signature, (list, tuple)):
        raise TypeError(f"input_signature must be a list or tuple of tf.TensorSpec, got "
                        f"{type(input_signature).__name__}; write input_signature=[spec]")
    wrong = [s for s in input_signature if not isinstance(s, TensorSpec)]
    if wrong:
        raise TypeError(f"input_signature must hold tf.TensorSpec objects (one per "
                        f"argument, not nested), got {wrong!r}")
    return tuple(input_signature)


def _as_tensors(outputs):
    """The outputs as a graph would return them: numbers, NumPy arrays and Variables
    become tensors (in the same nested lists, tuples and dicts); None stays None."""
    def as_tensor(leaf):
        if isinstance(leaf, (bool, int, float, np.ndarray, np.generic)) or \
                getattr(leaf, "_is_variable", False):
            return convert_to_tensor(leaf)
        return leaf
    return pack_as(outputs, [as_tensor(leaf) for leaf in flatten(outputs)])


def executing_eagerly():
    """True: teachtensor always runs operations at once (eagerly), even inside a
    ``tf.function`` (see the top of this file).  In TensorFlow it is False while a
    function is being traced into a graph.

    Example::

        >>> print(tf.executing_eagerly())
        True
    """
    return True
