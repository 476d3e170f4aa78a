"""``tf.name_scope``: a prefix for the names of the variables made inside it.

TensorFlow gives names to what it makes, so that a graph (and TensorBoard's picture of
it) can be read; ``with tf.name_scope("layer1"):`` puts ``layer1/`` in front of every
name made inside, and scopes nest::

    with tf.name_scope("layer1"):
        w = tf.Variable(1.0, name="w")     # w.name == "layer1/w:0"
        with tf.name_scope("inner"):
            v = tf.Variable(1.0)           # v.name == "layer1/inner/Variable:0"

Run eagerly, as here, the operations' results have no names, so the scope shows only in
the names of variables, as in TensorFlow run eagerly.  A name that ends in "/" is a
whole scope, not one added to the current one (``name_scope("a/")`` gives ``a/``
anywhere), and ``""`` goes back to the top.  The current scope belongs to the thread,
as TensorFlow's does.  (Keras's scopes, which make a layer's weight paths such as
``sequential/dense/kernel``, are another thing: ``keras/name_scope.py``.)
"""
import threading


class _Current(threading.local):
    scope = ""  # "" at the top, else names ending in "/": "layer1/inner/"


_current = _Current()


def current_scope():
    """The scope names are made in now: "" or e.g. "layer1/inner/"."""
    return _current.scope


def scoped(name):
    """``name`` inside the current scope: "w" -> "layer1/w"; a name that ends in "/" is
    whole already: "x/" -> "x", as in TensorFlow."""
    if name.endswith("/"):
        return name[:-1]
    return _current.scope + name


class name_scope:  # noqa: N801  (TensorFlow's name)
    """``with tf.name_scope("layer1") as scope:`` — the names made inside begin with
    ``layer1/`` (``scope`` is that prefix, "layer1/").

    Example::

        >>> with tf.name_scope("layer1") as scope:
        ...     w = tf.Variable(1.0, name="w")
        ...     with tf.name_scope("inner"):
        ...         v = tf.Variable(1.0)
        >>> print(scope, w.name, v.name)
        layer1/ layer1/w:0 layer1/inner/Variable:0
    """

    def __init__(self, name):
        if not isinstance(name, str):
            raise ValueError(f"name for name_scope must be a string, got {name!r}")
        self._name = name
        # the scopes to go back to, one per `with` in progress, in each thread (one
        # object, such as a tf.Module's name_scope, may be entered by several threads)
        self._outer = threading.local()

    @property
    def name(self):
        return self._name

    def __enter__(self):
        outer = _current.scope
        if not self._name:
            scope = ""
        elif self._name.endswith("/"):  # a whole scope, as TensorFlow reads it
            scope = self._name
        else:
            scope = outer + self._name + "/"
        self._ways_back().append(outer)
        _current.scope = scope
        return scope

    def __exit__(self, *exception):
        _current.scope = self._ways_back().pop()
        return False

    def _ways_back(self):
        if not hasattr(self._outer, "stack"):
            self._outer.stack = []
        return self._outer.stack
