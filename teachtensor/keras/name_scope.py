"""Where a weight lives: Keras 3's name scopes, which make ``v.path``.

A weight's ``name`` is the short name its layer gave it (``"kernel"``); its ``path``
says which layer, inside which model, made it::

    model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(2)])
    print([w.path for w in model.weights])   # ['sequential/dense/kernel', 'sequential/dense/bias']

The path is the stack of layers being called (or built) at the moment the weight is
created, outermost first, then the weight's name.  Calling a layer pushes its name onto
the stack and pops it when the call returns; so the Dense above, built while the
Sequential model runs, has its weights under ``sequential/dense``.  A layer built on its
own (``Dense(2)(x)``, or called on ``keras.Input`` to make a functional model) has
``dense/kernel``.  The path is fixed when the weight is made: putting the layer in a
model later does not change it.

``name_scope(name)`` pushes a name by hand (``Sequential.add`` does, to build a layer
added to a built model under the model's name).  Each thread has its own stack.
"""
import threading
from contextlib import contextmanager

_LOCAL = threading.local()


def stack():
    """This thread's stack of ``(name, owner)`` pairs, outermost first; ``owner`` is the
    layer that pushed the name (None for ``name_scope``), so that a layer whose own name
    is already on top does not push it twice."""
    scopes = getattr(_LOCAL, "scopes", None)
    if scopes is None:
        scopes = _LOCAL.scopes = []
    return scopes


def path_of(name):
    """``"outer/inner/name"``: the path of a weight called ``name`` made now."""
    return "/".join([scope for scope, _ in stack()] + [name])


@contextmanager
def name_scope(name, owner=None):
    """Push ``name`` for the block (not again if ``owner`` is already on top)."""
    scopes = stack()
    pushed = not (owner is not None and scopes and scopes[-1][1] is owner)
    if pushed:
        scopes.append((name, owner))
    try:
        yield
    finally:
        if pushed:
            scopes.pop()
