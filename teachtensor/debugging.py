"""``tf.debugging``: checks that stop a computation as soon as a number is wrong.

Each ``assert_*`` compares its tensors element by element and, when the condition does
not hold everywhere, raises ``InvalidArgumentError`` with TensorFlow's report: your
``message``, the condition, where it failed and the values there.  When it holds it
returns None and changes nothing.  ``check_numerics`` (and ``assert_all_finite``)
stop at the first NaN or inf and otherwise return the tensor, so they can sit in the
middle of a computation: ``loss = tf.debugging.check_numerics(loss, "loss")``.

TensorFlow runs these checks in its graph; run eagerly, as here, each is an ``if`` on
NumPy copies of the values (a check looks at numbers, it is not differentiated).
"""
import numpy as np

from . import dtypes
from .conversion import convert_to_tensor
from .errors import InvalidArgumentError
from .tensor import Tensor, operands

__all__ = ["assert_equal", "assert_none_equal", "assert_near", "assert_less",
           "assert_less_equal", "assert_greater", "assert_greater_equal", "assert_positive",
           "assert_negative", "assert_non_negative", "assert_non_positive", "assert_rank",
           "assert_rank_at_least", "assert_scalar", "assert_type", "assert_integer",
           "assert_shapes", "assert_all_finite", "check_numerics", "is_numeric_tensor"]

_SHOWN = 3  # values shown in a report (TensorFlow's summarize)


def _pair(x, y, what):
    """x and y as NumPy arrays of one dtype, broadcast together (TensorFlow's rules)."""
    x, y = operands(x, y, what)
    a, b = np.asarray(x.numpy()), np.asarray(y.numpy())
    try:
        shape = np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise InvalidArgumentError(f"{what}: incompatible shapes {a.shape} and {b.shape}: "
                                   f"they do not broadcast together") from None
    return np.broadcast_to(a, shape), np.broadcast_to(b, shape), a, b


def _report(message, condition, holds, x, y=None, x_given=None, y_given=None,
            summarize=None):
    """Raise TensorFlow's report where ``holds`` is False somewhere."""
    holds = np.asarray(holds)
    if np.all(holds):
        return None
    shown = _SHOWN if summarize is None else int(summarize)
    where = np.argwhere(~holds)[:shown]
    lines = [message] if message else []
    lines.append(f"Condition {condition} did not hold.")
    if holds.ndim:  # (a scalar has no indices to show)
        lines.append(f"Indices of first {len(where)} different values: {where.tolist()}")
    lines.append(f"Corresponding x values: {[x[tuple(i)].item() for i in where]}")
    if y is not None:
        lines.append(f"Corresponding y values: {[y[tuple(i)].item() for i in where]}")
    given = x if x_given is None else x_given
    lines.append(f"First {min(shown, given.size)} elements of x: "
                 f"{given.reshape(-1)[:shown].tolist()}")
    if y is not None:
        given = y if y_given is None else y_given
        lines.append(f"First {min(shown, given.size)} elements of y: "
                     f"{given.reshape(-1)[:shown].tolist()}")
    raise InvalidArgumentError("\n".join(lines))


def _comparison(condition, compare, check_name):
    """One assert_* of two tensors: ``compare`` is the NumPy function of ``condition``."""
    def check(x, y, message=None, summarize=None, name=None):
        a, b, x_given, y_given = _pair(x, y, check_name)
        return _report(message, condition, compare(a, b), a, b, x_given, y_given, summarize)
    check.__name__ = check.__qualname__ = check_name
    check.__doc__ = (f"Raise InvalidArgumentError unless {condition} for every element "
                     f"(x and y broadcast together, as in TensorFlow).\n\n"
                     f"    Example::\n\n"
                     f"        >>> print(tf.debugging.{check_name}(tf.constant([1, 2]), "
                     f"{_EXAMPLES[check_name]}))\n        None\n")
    return check


_EXAMPLES = {"assert_equal": "[1, 2]", "assert_none_equal": "[0, 0]",
             "assert_less": "3", "assert_less_equal": "2", "assert_greater": "0",
             "assert_greater_equal": "1"}

assert_equal = _comparison("x == y", np.equal, "assert_equal")
assert_none_equal = _comparison("x != y", np.not_equal, "assert_none_equal")
assert_less = _comparison("x < y", np.less, "assert_less")
assert_less_equal = _comparison("x <= y", np.less_equal, "assert_less_equal")
assert_greater = _comparison("x > y", np.greater, "assert_greater")
assert_greater_equal = _comparison("x >= y", np.greater_equal, "assert_greater_equal")


def _sign_check(condition, compare, check_name):
    """One assert_* of a tensor against 0."""
    def check(x, message=None, summarize=None, name=None):
        a = np.asarray(convert_to_tensor(x).numpy())
        return _report(message, condition, compare(a, 0), a, summarize=summarize)
    check.__name__ = check.__qualname__ = check_name
    check.__doc__ = (f"Raise InvalidArgumentError unless {condition} for every element.\n\n"
                     f"    Example::\n\n"
                     f"        >>> print(tf.debugging.{check_name}(tf.constant("
                     f"{_SIGN_EXAMPLES[check_name]})))\n        None\n")
    return check


_SIGN_EXAMPLES = {"assert_positive": "[1, 2]", "assert_negative": "[-1, -2]",
                  "assert_non_negative": "[0, 2]", "assert_non_positive": "[0, -2]"}

assert_positive = _sign_check("x > 0", np.greater, "assert_positive")
assert_negative = _sign_check("x < 0", np.less, "assert_negative")
assert_non_negative = _sign_check("x >= 0", np.greater_equal, "assert_non_negative")
assert_non_positive = _sign_check("x <= 0", np.less_equal, "assert_non_positive")


def assert_near(x, y, rtol=None, atol=None, message=None, summarize=None, name=None):
    """Raise InvalidArgumentError unless |x - y| <= atol + rtol * |y| everywhere.

    Both tolerances default to 10 times the dtype's epsilon (1.2e-6 for float32), as
    in TensorFlow.

    Example::

        >>> print(tf.debugging.assert_near(tf.constant([1.0]), [1.0 + 1e-7]))
        None
    """
    a, b, x_given, y_given = _pair(x, y, "assert_near")
    eps = np.finfo(a.dtype).eps if a.dtype.kind == "f" else 0
    rtol = 10 * eps if rtol is None else rtol
    atol = 10 * eps if atol is None else atol
    close = np.abs(a - b) <= atol + rtol * np.abs(b)
    return _report((message + "\n" if message else "") +
                   f"x and y not equal to tolerance rtol = {rtol:g}, atol = {atol:g}",
                   "|x - y| <= atol + rtol * |y|", close, a, b, x_given, y_given, summarize)


def assert_rank(x, rank, message=None, name=None):
    """Raise ValueError unless ``x`` has ``rank`` axes.

    Example::

        >>> print(tf.debugging.assert_rank(tf.ones((2, 3)), 2))
        None
    """
    x = convert_to_tensor(x)
    if x.ndim != int(rank):
        raise ValueError(f"{message + ' ' if message else ''}Tensor must have rank {int(rank)}."
                         f"  Received rank {x.ndim}, shape {x.shape}")


def assert_rank_at_least(x, rank, message=None, name=None):
    """Raise ValueError unless ``x`` has at least ``rank`` axes.

    Example::

        >>> print(tf.debugging.assert_rank_at_least(tf.ones((2, 3)), 1))
        None
    """
    x = convert_to_tensor(x)
    if x.ndim < int(rank):
        raise ValueError(f"{message + ' ' if message else ''}Tensor must have rank at least "
                         f"{int(rank)}.  Received rank {x.ndim}, shape {x.shape}")


def assert_scalar(tensor, message=None, name=None):
    """Raise ValueError unless ``tensor`` is a scalar (rank 0); else return it.

    Example::

        >>> print(tf.debugging.assert_scalar(tf.constant(3.0)))
        teachtensor.Tensor(3.0, shape=(), dtype=float32)
    """
    x = convert_to_tensor(tensor)
    if x.ndim != 0:
        raise ValueError(f"{message + ' ' if message else ''}Expected scalar shape, saw "
                         f"shape: {x.shape}.")
    return x


def assert_type(tensor, tf_type, message=None, name=None):
    """Raise TypeError unless ``tensor`` has the dtype ``tf_type``.

    Example::

        >>> print(tf.debugging.assert_type(tf.ones((2,)), tf.float32))
        None
    """
    wanted, got = dtypes.as_dtype(tf_type), convert_to_tensor(tensor).dtype
    if got != wanted:
        raise TypeError(f"{message + ' ' if message else ''}tensor must be of type "
                        f"tf.{wanted.name}; got tf.{got.name}")


def assert_integer(x, message=None, name=None):
    """Raise TypeError unless ``x`` holds integers.

    Example::

        >>> print(tf.debugging.assert_integer(tf.constant([1, 2])))
        None
    """
    got = convert_to_tensor(x).dtype
    if not got.is_integer:
        raise TypeError(f"{message + ' ' if message else ''}Expected an integer tensor, "
                        f"got tf.{got.name}")


def assert_shapes(shapes, data=None, summarize=None, message=None, name=None):
    """Raise ValueError unless the tensors have the shapes given, where a letter names a
    length that must be the same wherever it appears: ``[(x, ("N", "D")), (y, ("N",))]``
    (an int is that length; ``None`` or ``"."`` any).

    Example::

        >>> print(tf.debugging.assert_shapes([(tf.ones((2, 3)), ("N", "D")),
        ...                                   (tf.ones((2,)), ("N",))]))
        None
    """
    items = shapes.items() if isinstance(shapes, dict) else shapes
    lengths = {}  # letter -> (its length, the shape it was first seen in)
    for tensor, spec in items:
        shape = tuple(convert_to_tensor(tensor).shape)
        spec = tuple(spec)
        if len(spec) != len(shape):
            raise ValueError(f"{message + ' ' if message else ''}A tensor of shape {shape} "
                             f"must have rank {len(spec)} (as {spec} says)")
        for axis, (want, n) in enumerate(zip(spec, shape)):
            if want is None or want == ".":
                continue
            if isinstance(want, str):
                first = lengths.setdefault(want, (n, shape))
                where = f"dimension {axis} is {want!r}, {first[0]} in shape {first[1]}"
                want = first[0]
            else:
                where = f"dimension {axis} must be {want}"
            if n != want:
                raise ValueError(f"{message + ' ' if message else ''}Tensor of shape {shape}: "
                                 f"{where}, but it has size {n}")


def check_numerics(tensor, message, name=None):
    """Return ``tensor`` unless it holds a NaN or an inf; then raise InvalidArgumentError
    with ``message``.  Only float tensors can be checked, as in TensorFlow.

    Example::

        >>> loss = tf.debugging.check_numerics(tf.constant(0.25), "loss")
        >>> print(loss)
        teachtensor.Tensor(0.25, shape=(), dtype=float32)
    """
    x = convert_to_tensor(tensor)
    if not x.dtype.is_floating:
        raise InvalidArgumentError(f"check_numerics checks float tensors, got tf.{x.dtype.name} "
                                   f"(an integer cannot be NaN or inf)")
    values = np.asarray(x.numpy())
    kinds = [what for what, found in (("NaN", np.isnan(values).any()),
                                      ("Inf", np.isinf(values).any())) if found]
    if kinds:
        raise InvalidArgumentError(f"{message} : Tensor had {' and '.join(kinds)} values")
    return x


def assert_all_finite(t, msg, name=None, x=None, message=None):
    """``check_numerics`` under its other name: ``t`` back, unless it holds NaN or inf.

    Example::

        >>> print(tf.debugging.assert_all_finite(tf.constant([1.0]), "bad values"))
        teachtensor.Tensor([1.], shape=(1,), dtype=float32)
    """
    return check_numerics(t if x is None else x, msg if message is None else message)


def is_numeric_tensor(tensor):
    """True for a tensor of numbers (not for a NumPy array, as in TensorFlow).

    Example::

        >>> print(tf.debugging.is_numeric_tensor(tf.constant([1.0])),
        ...       tf.debugging.is_numeric_tensor(np.ones(2)))
        True False
    """
    return isinstance(tensor, Tensor) and tensor.dtype.name != "bool"
