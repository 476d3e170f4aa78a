"""Variable: a tensor whose value can be replaced, for the weights a model learns.

A Variable is a Tensor (usable wherever one is) plus a name, a ``trainable`` flag and
the ``assign`` family.  Assigning never writes into the old array: it builds the new
value and swaps it in.  So every tensor that was read from the variable earlier —
including slices, which NumPy would otherwise share — keeps the value it had.  (The
optimizers update weights in place for speed, but only after ``_own_data`` made sure
no tensor shares the array: copy-on-write.)

Trainable variables are watched automatically by a GradientTape when an operation
reads them (``_watch_on_read``).  Note that the tape uses the variable's value at
the time ``gradient()`` runs: assign after computing gradients, as training loops do.
"""
import sys

import numpy as np

from .tape import Node, _active, record_node
from .tensor import (LIBRARY, Tensor, TensorShape, _numpy_repr, _scalar_if_0d,
                     convert_to_tensor)


def _tf_style_name(name):
    """TensorFlow-style variable names end in ':0' (the first output of the op that made it)."""
    return f"{name}:0"


class Variable(Tensor):
    """A mutable tensor: ``tf.Variable(initial_value, trainable=True, name=None, dtype=None)``."""

    __slots__ = ("_name", "trainable")
    _is_variable = True

    def __init__(self, initial_value=None, trainable=True, name=None, dtype=None, shape=None,
                 **unused):
        if initial_value is None:
            raise ValueError("tf.Variable needs an initial_value, e.g. "
                             "tf.Variable(tf.zeros((3, 1))) or tf.Variable(0.)")
        if callable(initial_value):
            initial_value = initial_value()
        value = convert_to_tensor(initial_value, dtype=dtype)
        self._backend = value._backend
        self._data = value._data  # shared until an in-place update: _own_data copies first
        self._name = name or "Variable"
        self.trainable = bool(trainable)

    @property
    def name(self):
        return _tf_style_name(self._name)

    @property
    def _watch_on_read(self):
        return self.trainable

    # -- reading ---------------------------------------------------------------------
    def value(self):
        """The current value as a plain (immutable) Tensor.

        Recorded like any read (an identity), so ``tape.gradient(f(v.value()), v)``
        is not None, as in TensorFlow.
        """
        from .ops.selection import identity
        return identity(self)

    read_value = value

    def numpy(self):
        return _scalar_if_0d(np.array(self._backend.to_numpy(self._data)))

    def __getitem__(self, key):
        from .ops.shape_ops import getitem
        part = getitem(self, key)
        sliced = VariableSlice(part, self, key)
        if _active:  # link the slice to the read, so gradients flow through it
            record_node(Node("identity", (part,), sliced, (lambda g: g,)))
        return sliced

    # -- writing ---------------------------------------------------------------------
    def _own_data(self):
        """The variable's array, safe to update in place (copy-on-write).

        Tensors read from a variable may share its array (a slice is a NumPy view of
        it).  Code that updates the numbers in place — the optimizers' fused kernels —
        calls this first: when anything besides this variable holds the array (CPython
        counts the references), the variable switches to a private copy, so no tensor
        read earlier changes.  The copy is also contiguous and writable.
        """
        data = self._data
        # references: the attribute, the local name `data`, getrefcount's argument
        if sys.getrefcount(data) > 3 or not (data.flags.c_contiguous and data.flags.writeable):
            self._data = data = np.array(data, order="C")
        return data

    def _new_value(self, value, what, target_shape=None):
        """``value`` converted to this variable's dtype and checked against its shape."""
        value = convert_to_tensor(value, dtype=self.dtype) if not isinstance(value, Tensor) \
            else value
        if value.dtype != self.dtype:
            raise TypeError(f"cannot {what} a {value.dtype} value to the {self.dtype} variable "
                            f"'{self.name}'; convert it with tf.cast(value, tf.{self.dtype})")
        shape = self._data.shape if target_shape is None else target_shape
        if value._data.shape != shape:
            raise ValueError(f"cannot {what} a value of shape {TensorShape(value._data.shape)} "
                             f"to the variable '{self.name}' of shape {TensorShape(shape)}: "
                             f"the shapes must match. The variable is unchanged.")
        return value._data

    def assign(self, value, use_locking=None, name=None, read_value=True):
        """Replace the whole value.  Returns the variable."""
        self._data = self._new_value(value, "assign")
        return self

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        """value += delta.  Returns the variable."""
        delta = self._new_value(delta, "add")
        self._data = self._backend.binary("add", self._data, delta)
        return self

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        """value -= delta.  Returns the variable."""
        delta = self._new_value(delta, "subtract")
        self._data = self._backend.binary("subtract", self._data, delta)
        return self

    def _assign_part(self, key, value, op):
        """Write ``value`` into ``self[key]`` (op: assign, add, subtract)."""
        from .ops.shape_ops import _index_key
        key = _index_key(key)
        target_shape = np.shape(self._backend.to_numpy(self._data)[key])
        value = convert_to_tensor(value, dtype=self.dtype) if not isinstance(value, Tensor) \
            else value
        if value._data.shape == () and target_shape != ():
            value = Tensor(self._backend.full(target_shape, value.numpy(), self._data.dtype),
                           self._backend)
        data = self._new_value(value, "assign", target_shape)
        new = self._data.copy()
        if op == "assign":
            self._backend.assign(new, key, data)
        else:
            part = self._backend.getitem(new, key)
            self._backend.assign(new, key, self._backend.binary(op, part, data))
        self._data = new
        return self

    def _no_inplace(self, *_):
        """``v += x`` would silently turn ``v`` into a plain tensor (``v = v + x``), which
        the tape no longer watches; TensorFlow refuses it, and so do we."""
        raise RuntimeError("`variable += value` (and -=, *=, /=) is not supported for a "
                           "tf.Variable. Use v.assign_add(value) / v.assign_sub(value) / "
                           "v.assign(new_value) to change the variable, or `out = v + value` "
                           "to get a new tensor.")

    __iadd__ = __isub__ = __imul__ = __itruediv__ = _no_inplace

    def __setitem__(self, key, value):
        raise TypeError("'Variable' object does not support item assignment; "
                        "use v[...].assign(value) or v.assign(new_value) instead")

    # -- printing --------------------------------------------------------------------
    def __repr__(self):
        return (f"<{LIBRARY}.Variable '{self.name}' shape={self.shape} dtype={self.dtype}, "
                f"numpy={_numpy_repr(self.numpy())}>")

    __str__ = __repr__

    def __format__(self, spec):
        """``f"{v}"`` shows the Variable's repr, as in TensorFlow; ``f"{v:.2f}"`` the number."""
        return Tensor.__format__(self, spec) if spec else str(self)


class VariableSlice(Tensor):
    """``v[0, 0]``: a tensor holding the values of a part of a variable, that can also
    write to that part: ``v[0, 0].assign(3.)`` changes ``v`` and returns ``v``."""

    __slots__ = ("_variable", "_key")

    def __init__(self, part, variable, key):
        self._data = part._data
        self._backend = part._backend
        self._variable = variable
        self._key = key

    def assign(self, value, use_locking=None, name=None, read_value=True):
        return self._variable._assign_part(self._key, value, "assign")

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        return self._variable._assign_part(self._key, delta, "add")

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        return self._variable._assign_part(self._key, delta, "subtract")


