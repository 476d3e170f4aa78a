"""Floating-point warnings off for one NumPy call: ``quietly(f, *args)``, or, where
every call counts, its two halves ``token = silence()`` ... ``restore(token)``.

TensorFlow computes 1/0 as inf and 0/0 as NaN without a word; NumPy warns
("RuntimeWarning: divide by zero encountered").  So the reference backend runs its
arithmetic as ``with np.errstate(all="ignore"): ...``, and the warnings stay off only
for that call: a student's own NumPy code keeps its warnings.

**A speed trick, named and explained.**  ``np.errstate`` is a small Python class: its
``__init__`` stores the settings and its ``__enter__`` builds the error state object
from them, every time.  That costs about 1.2 µs, while multiplying two 2x2 arrays
costs 0.35 µs: in a tiny training step (``tape.gradient`` of ``mean((x*2+1)**2)``),
entering ``np.errstate`` was a fifth of the time.

NumPy (since 2.0) keeps the error state in a ``contextvars.ContextVar``: each thread
and each asyncio task sees its own.  ``np.errstate`` builds a state object and sets the
variable to it; leaving the block resets the variable with the token that ``set``
returned.  Here the "ignore everything" state is built once, when this module is
imported, and each call only sets and resets the variable: ``silence`` is the
variable's ``set`` with that state filled in (``functools.partial``), ``restore`` its
``reset``; both are C functions, so the pair costs about 0.1 µs.  Warnings stay off for
that call only, in that thread (or asyncio task) only, as with ``np.errstate``.  (The
state also carries NumPy's buffer size and error callback as they were at import;
with every error ignored the callback is never called, and the buffer size changes no
result.)

Both names are NumPy's private ones (``numpy._core._ufunc_config``, NumPy 2).  Where
they are missing or behave otherwise (NumPy 1.x, or a future NumPy), ``silence`` and
``restore`` fall back to entering and leaving an ``np.errstate`` block by hand, and only
the speed differs; ``tests/test_quiet.py`` checks both ways.
"""
from functools import partial

import numpy as np


def _errstate_silence():
    """The plain way: enter ``np.errstate(all="ignore")``; the token is that block."""
    block = np.errstate(all="ignore")
    block.__enter__()
    return block


def _errstate_restore(block):
    """Leave the block ``_errstate_silence`` entered: the settings are as before it."""
    block.__exit__(None, None, None)


def quietly(f, *args):
    """``f(*args)`` with NumPy's floating-point warnings off, and back on afterwards
    (also when ``f`` raises)."""
    token = silence()
    try:
        return f(*args)
    finally:
        restore(token)


def _works(silence, restore):
    """True if the quick way really silences a warning and puts the state back."""
    before = np.geterr()
    with np.errstate(all="raise"):  # a warning would now be a FloatingPointError
        token = silence()
        try:
            np.divide(np.ones(1), np.zeros(1))
        except FloatingPointError:
            return False
        finally:
            restore(token)
        inside = np.geterr()["divide"]
    return inside == "raise" and np.geterr() == before


silence, restore = _errstate_silence, _errstate_restore
try:
    from numpy._core._ufunc_config import _extobj_contextvar, _make_extobj
    _IGNORE_ALL = _make_extobj(all="ignore")  # the state np.errstate(all="ignore") sets
    _quick = partial(_extobj_contextvar.set, _IGNORE_ALL), _extobj_contextvar.reset
    if _works(*_quick):
        silence, restore = _quick
except Exception:  # noqa: BLE001  (not this NumPy's private API, whatever the error)
    pass
