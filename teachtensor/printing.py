"""``tf.print``: print tensors the way TensorFlow's ``tf.print`` does.

Python's ``print(x)`` shows a tensor's repr (its shape and dtype too); ``tf.print`` shows
only the values, in TensorFlow's compact style (``x = [[1 2]`` then `` [3 4]]`` for a
2x2 matrix of floats).

In TensorFlow the difference matters inside a ``tf.function``: ``print`` runs once,
while the function is traced, and ``tf.print`` is an operation of the graph, so it
prints on every call.  Here functions run eagerly (``function.py``) and both print
every time; ``tf.print`` is for code written for TensorFlow, and for its format.

The format, as TensorFlow's:

* the values only, separated by one space, rows on lines of their own;
* floats with 6 significant digits (15 for float64) when those give back the very
  number, else with all the digits the dtype holds (9; 17): ``1e-08``, ``100000``,
  ``2.5e+10``, but ``0.333333343`` for the float32 nearest 1/3 (TensorFlow's
  ``FloatToBuffer``);
* booleans as ``1`` and ``0``;
* an axis longer than ``2 * summarize`` shows its first and last ``summarize``
  entries around ``...`` (``summarize=-1``: everything).
"""
import sys

import numpy as np

from .tensor import Tensor

# significant digits: (first try, when that does not give the number back)
_DIGITS = {np.dtype(np.float32): (6, 9), np.dtype(np.float64): (15, 17)}


def print(*inputs, output_stream=None, summarize=3, sep=" ", end="\n", name=None):  # noqa: A001
    """Print ``inputs`` (tensors, Python values, lists and dicts of them), separated by
    ``sep`` and followed by ``end``, to ``output_stream`` (TensorFlow's default is
    standard error, ``sys.stderr``; pass ``sys.stdout`` to print where ``print`` does).

    Example::

        >>> import sys
        >>> tf.print("x =", tf.constant([[1.0, 2.0], [3.0, 4.0]]), output_stream=sys.stdout)
        x = [[1 2]
         [3 4]]
        >>> tf.print(tf.range(10), summarize=2, output_stream=sys.stdout)
        [0 1 ... 8 9]
    """
    stream = sys.stderr if output_stream is None else output_stream
    if not hasattr(stream, "write"):
        raise TypeError(f"tf.print: output_stream must be a file-like object such as "
                        f"sys.stdout or sys.stderr, got {output_stream!r}")
    if isinstance(summarize, bool) or not isinstance(summarize, (int, np.integer)) or \
            summarize < -1:
        raise ValueError(f"tf.print: summarize must be an integer >= 0 (entries shown at "
                         f"each end of an axis) or -1 (all of them), got {summarize!r}")
    text = sep.join(_text(x, summarize, top=True) for x in inputs)
    stream.write(text + end)


def _text(value, summarize, top=False):
    """One input as text: a tensor by its values, a structure with its tensors so shown."""
    if isinstance(value, Tensor) or hasattr(value, "_is_variable"):
        return format_values(value.numpy(), summarize)
    if isinstance(value, str):
        return value if top else repr(value)
    if isinstance(value, np.ndarray):
        return repr(value)  # (not a tensor: TensorFlow prints it as Python would)
    if isinstance(value, dict):
        items = ", ".join(f"{key!r}: {_text(v, summarize)}" for key, v in value.items())
        return "{" + items + "}"
    if isinstance(value, (list, tuple)):
        items = [_text(v, summarize) for v in value]
        if isinstance(value, tuple):
            return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
        return "[" + ", ".join(items) + "]"
    return str(value)


def format_values(array, summarize=3):
    """The values of an array in ``tf.print``'s format (see the top of this file).

    Axis by axis, from the outside in: an axis of a matrix or more puts its entries on
    lines of their own (a blank line between the blocks of a 3-d array, and so on),
    each indented by one more space than the bracket that opened it."""
    array = np.asarray(array)
    digits = _DIGITS.get(array.dtype)

    def number(x):
        if array.dtype.kind == "b":
            return "1" if x else "0"
        if digits is None:
            return str(x)
        short = f"{x:.{digits[0]}g}"
        if x != x or array.dtype.type(short) == x:  # (NaN equals nothing)
            return short
        return f"{x:.{digits[1]}g}"

    def nested(a, depth):
        n = a.shape[0]
        if 0 <= summarize and 2 * summarize < n:
            picked = list(range(summarize)) + [None] + list(range(n - summarize, n))
        else:
            picked = range(n)
        if a.ndim == 1:
            return "[" + " ".join("..." if i is None else number(a[i]) for i in picked) + "]"
        between = "\n" * (a.ndim - 1) + " " * (depth + 1)
        return "[" + between.join("..." if i is None else nested(a[i], depth + 1)
                                  for i in picked) + "]"

    if array.ndim == 0:
        return number(array[()])
    if array.size == 0:
        return "[]"
    return nested(array, 0)
