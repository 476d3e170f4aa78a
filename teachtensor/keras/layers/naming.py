"""Unique default names: ``dense``, ``dense_1``, ``dense_2``, ... as in Keras.

Each name prefix (the snake_case class name) has a counter.  ``clear_session()``
resets them, so a notebook re-run names its layers the same way.  The counters are
shared by all threads, so a lock makes "read the count, add one" a single step: two
threads making layers at once never get the same name.
"""
import collections
import re
import threading

_counts = collections.Counter()
_counts_lock = threading.Lock()


def snake_case(name):
    """``SimpleDense`` -> ``simple_dense``, ``AUC`` -> ``auc``: default names from class
    names, as in Keras (a run of capitals stays one word)."""
    return re.sub(r"(?<!^)(?=[A-Z][a-z])|(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def unique_name(prefix):
    """``prefix`` the first time, then ``prefix_1``, ``prefix_2``, ..."""
    with _counts_lock:
        n = _counts[prefix]
        _counts[prefix] += 1
    return prefix if n == 0 else f"{prefix}_{n}"


def clear_session():
    """Forget the layer-name counters (Keras's ``keras.backend.clear_session``).

    Example::

        >>> keras.utils.clear_session()
        >>> print(layers.Dense(1).name, layers.Dense(1).name)     # the counter starts again
        dense dense_1
    """
    with _counts_lock:
        _counts.clear()
