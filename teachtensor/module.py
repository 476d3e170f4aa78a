"""``tf.Module``: a named container that finds the variables stored in it.

A model written without Keras keeps its weights in attributes::

    class Dense(tf.Module):
        def __init__(self, n_in, n_out, name=None):
            super().__init__(name=name)
            self.w = tf.Variable(tf.random.normal((n_in, n_out)), name="w")
            self.b = tf.Variable(tf.zeros((n_out,)), name="b")

        def __call__(self, x):
            return tf.nn.relu(x @ self.w + self.b)

``module.variables`` then lists every Variable reachable from its attributes: those
assigned directly, those inside lists, tuples and dicts, and those of its submodules
(other Modules stored the same way).  ``trainable_variables`` is what a training loop
differentiates: ``tape.gradient(loss, model.trainable_variables)``.

The order is TensorFlow's: a module's own attributes sorted by name (private ones,
``_x``, included; dicts by sorted key, lists in order), and then, in the order they
were found, each submodule's the same way.  A Variable or module reached twice is
listed once.

``module.name_scope`` is the module's own ``tf.name_scope`` (its name inside the scope
it was made in: ``outer/dense/``): variables made under ``with self.name_scope:``, or
in a method decorated with ``@tf.Module.with_name_scope``, are named ``dense/w:0``.

Keras layers and models are not Modules (in Keras 3 they are not tf.Modules either),
so a Module does not look inside a Keras layer stored in it.
"""
import functools
import re

from .name_scope import current_scope, name_scope
from .tensor import Tensor
from .variable import Variable


def _snake_case(name):
    """``MyMLP`` -> ``my_mlp``, ``SimpleDense`` -> ``simple_dense``."""
    return re.sub(r"(?<!^)(?=[A-Z][a-z])|(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


class Module:
    """``tf.Module(name=None)``: base class for objects holding Variables and Modules.

    ``name`` defaults to the class name in snake case (``MyModel`` -> ``my_model``) and
    must be a valid Python identifier.

    Example::

        >>> class Linear(tf.Module):
        ...     def __init__(self, n_in, n_out, name=None):
        ...         super().__init__(name=name)
        ...         self.w = tf.Variable(tf.ones((n_in, n_out)), name="w")
        ...         self.b = tf.Variable(tf.zeros((n_out,)), name="b")
        ...
        ...     def __call__(self, x):
        ...         return tf.matmul(x, self.w) + self.b

        >>> model = Linear(2, 1)
        >>> print(model.name, [v.name for v in model.trainable_variables])   # by attribute
        linear ['b:0', 'w:0']
        >>> print(model(tf.ones((3, 2))).shape)
        (3, 1)
    """

    def __init__(self, name=None):
        if name is None:
            name = _snake_case(type(self).__name__)
        elif not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"{name!r} is not a valid module name: module names must "
                             f"be valid Python identifiers (letters, digits and _, not "
                             f"starting with a digit), e.g. 'my_module'")
        self._name = name
        # its scope is fixed where it is made: "outer/dense/" inside tf.name_scope("outer")
        self._name_scope = name_scope(current_scope() + name + "/")

    @property
    def name_scope(self):
        """The module's ``tf.name_scope``: ``with self.name_scope:`` names the variables
        made inside after the module."""
        self.name  # (a helpful error if __init__ did not call super().__init__)
        return self._name_scope

    @property
    def name(self):
        if "_name" not in self.__dict__:
            raise AttributeError(f"{type(self).__name__} has no name: its __init__ must "
                                 f"call super().__init__() (or super().__init__(name=...)) "
                                 f"first")
        return self._name

    @property
    def variables(self):
        """Every Variable of this module and its submodules (a tuple, in TF's order)."""
        return tuple(_walk(self, lambda leaf: isinstance(leaf, Variable)))

    @property
    def trainable_variables(self):
        """The Variables with ``trainable=True``: what a training loop updates."""
        return tuple(_walk(self, lambda leaf: isinstance(leaf, Variable) and leaf.trainable))

    @property
    def non_trainable_variables(self):
        """The Variables with ``trainable=False``."""
        return tuple(_walk(self, lambda leaf: isinstance(leaf, Variable) and
                           not leaf.trainable))

    @property
    def submodules(self):
        """Every Module reachable from this one (not itself): its own, then theirs."""
        return tuple(_walk(self, lambda leaf: isinstance(leaf, Module)))

    @classmethod
    def with_name_scope(cls, method):
        """A decorator: ``method`` runs inside the module's name scope, so the variables
        it makes (say, on the first call, once the input's shape is known) are named
        after the module."""
        @functools.wraps(method)
        def in_scope(self, *args, **kwargs):
            with self.name_scope:
                return method(self, *args, **kwargs)
        return in_scope


def _walk(module, wanted, seen=None):
    """The leaves of ``module``'s attributes that are ``wanted``, then those of each
    submodule in turn (each object visited once)."""
    seen = {id(module)} if seen is None else seen
    found, submodules = [], []
    for key in sorted(vars(module)):
        for leaf in _leaves(vars(module)[key]):
            if id(leaf) in seen:
                continue
            seen.add(id(leaf))
            if wanted(leaf):
                found.append(leaf)
            if isinstance(leaf, Module):
                submodules.append(leaf)
    for submodule in submodules:
        found += _walk(submodule, wanted, seen)
    return found


def _leaves(value):
    """What an attribute holds: itself, or the items of a list, tuple or dict (nested,
    dicts by sorted key when the keys can be sorted)."""
    if isinstance(value, dict):
        try:
            keys = sorted(value)
        except TypeError:
            keys = list(value)
        return [leaf for key in keys for leaf in _leaves(value[key])]
    if isinstance(value, (list, tuple)) and not isinstance(value, Tensor):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]
