"""Unique default names: ``dense``, ``dense_1``, ``dense_2``, ... as in Keras.

Each name prefix (the snake_case class name) has a counter.  ``clear_session()``
resets them, so a notebook re-run names its layers the same way.
"""
import collections

_counts = collections.Counter()


def unique_name(prefix):
    """``prefix`` the first time, then ``prefix_1``, ``prefix_2``, ..."""
    n = _counts[prefix]
    _counts[prefix] += 1
    return prefix if n == 0 else f"{prefix}_{n}"


def clear_session():
    """Forget the layer-name counters (Keras's ``keras.backend.clear_session``)."""
    _counts.clear()
