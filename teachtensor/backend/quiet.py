"""``quietly(f, *args)``: one NumPy call with its floating-point warnings switched off.

TensorFlow computes 1/0 as inf and 0/0 as NaN without a word; NumPy warns
("RuntimeWarning: divide by zero encountered").  So the reference backend runs its
arithmetic as ``with np.errstate(all="ignore"): ...``, and the warnings stay off only
for that call: a student's own NumPy code keeps its warnings.

**A speed trick, named and explained.**  ``np.errstate`` is a small Python class: its
``__init__`` stores the settings and its ``__enter__`` builds the error state object
from them, every time.  That costs about 1.2 µs, while multiplying two 2x2 arrays
costs 0.5 µs: in a tiny training step (``tape.gradient`` of ``mean((x*2+1)**2)``),
entering ``np.errstate`` was a fifth of the time.

NumPy (since 2.0) keeps the error state in a ``contextvars.ContextVar``: each thread
and each asyncio task sees its own.  ``np.errstate`` builds a state object and sets the
variable to it; leaving the block resets the variable with the token that ``set``
returned.  Here the "ignore everything" state is built once, when this module is
imported, and each call only sets and resets the variable (0.25 µs).  The behaviour is
``np.errstate``'s exactly, threads included.

Both names are NumPy's private ones (``numpy._core._ufunc_config``).  Where they are
missing (an older or a newer NumPy), ``quietly`` falls back to ``np.errstate`` itself,
and only the speed differs; ``tests/test_quiet.py`` checks both ways.
"""
import numpy as np


def _errstate_quietly(f, *args):
    """The plain way: ``np.errstate`` around the call."""
    with np.errstate(all="ignore"):
        return f(*args)


try:
    from numpy._core._ufunc_config import _extobj_contextvar, _make_extobj
    _IGNORE_ALL = _make_extobj(all="ignore")  # the state np.errstate(all="ignore") sets
    _set, _reset = _extobj_contextvar.set, _extobj_contextvar.reset
except (ImportError, AttributeError, TypeError):  # not this NumPy's private API
    _IGNORE_ALL = None


def _contextvar_quietly(f, *args):
    """The quick way: set NumPy's error-state variable, call, put it back."""
    token = _set(_IGNORE_ALL)
    try:
        return f(*args)
    finally:
        _reset(token)


quietly = _errstate_quietly if _IGNORE_ALL is None else _contextvar_quietly
