"""Where a weight lives: Keras 3's name scopes, which make ``v.path``.

A weight's ``name`` is the short name its layer gave it (``"kernel"``); its ``path``
says which layer, inside which model, made it::

    model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(2)])
    print([w.path for w in model.weights])   # ['sequential/dense/kernel', 'sequential/dense/bias']

Each layer has a place of its own, fixed the first time it opens its *scope* (when it
is first called, built, or makes a weight): the place of the scope it was in then,
plus its name.  While a layer is called or built, its place is on top of a stack of
scopes, and a weight made then gets that place plus its own name.  So the Dense above,
built while the Sequential model runs, has its weights under ``sequential/dense``; a
layer built on its own (``Dense(2)(x)``, or called on ``keras.Input`` to make a
functional model) has ``dense/kernel``.  A path is fixed once made: putting the layer
in another model later does not change it.  Each thread has its own stack.
"""
import threading
from contextlib import contextmanager

_LOCAL = threading.local()


def stack():
    """This thread's stack of scopes, outermost first: each the full path of a layer
    (``"sequential/dense"``) or of a ``name_scope``."""
    scopes = getattr(_LOCAL, "scopes", None)
    if scopes is None:
        scopes = _LOCAL.scopes = []
    return scopes


def path_of(name):
    """``"outer/inner/name"``: the path of a weight (or a layer) called ``name``, made
    now, inside the innermost scope."""
    scopes = stack()
    return f"{scopes[-1]}/{name}" if scopes else name


@contextmanager
def name_scope(path):
    """Push the full ``path`` for the block; weights made in it live under it."""
    scopes = stack()
    scopes.append(path)
    try:
        yield
    finally:
        scopes.pop()
