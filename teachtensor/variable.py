"""Variable: a tensor whose value can be replaced, for the weights a model learns.

A Variable is a Tensor (usable wherever one is) plus a name, a ``trainable`` flag and
the ``assign`` family.

**A Variable owns its memory.**  ``assign`` never writes into the old array: it swaps in
the new value, so every tensor read from the variable earlier keeps the value it had,
and so does the tensor the new value came from.  Only a *partial* assignment
(``v[0, 0].assign(3.)``) writes into the array itself, and only when no other tensor
can see that array: the flag ``_shared`` says whether one might (it is set when the
variable's array came from another tensor, or when an operation returned a view of
it, see ``_lend``).  When it is set, the first partial write copies the array first:
*copy-on-write*.

Trainable variables are watched automatically by a GradientTape when an operation
reads them (``_watch_on_read``).  The tape remembers the array the variable held
when each operation read it (``Node.reads`` in ``recording.py``), so an ``assign``
between the forward pass and ``tape.gradient`` does not change the gradient, as in
TensorFlow; while a tape may still need such an array (``arrays_held()``), a partial
write copies first as well.
"""
from . import dtypes
from .ops.core import identity
from .ops.indexing import getitem, index_key
from .name_scope import scoped
from .recording import Node, arrays_held, offer, open_tapes
from .tensor import (LIBRARY, Tensor, TensorShape, _constant, _numpy_repr, _scalar_if_0d,
                     convert_to_tensor)

# tf.Variable's other keyword arguments: accepted, and meaningless here (one device,
# no graph, no distribution strategy).  Any other keyword is a typo and raises.
_IGNORED_ARGUMENTS = ("validate_shape", "caching_device", "variable_def", "import_scope",
                      "constraint", "synchronization", "aggregation",
                      "experimental_enable_variable_lifting")


def variable_label(variable):
    """How an error message names a variable: a Keras weight by its path
    (``sequential/dense/kernel``: every Dense layer's kernel is named ``kernel``),
    another variable by its name (``Variable:0``)."""
    return getattr(variable, "path", None) or variable.name


def _tf_style_name(name):
    """TensorFlow-style variable names end in ':0' (the first output of the op that made it)."""
    return f"{name}:0"


class Variable(Tensor):
    """A mutable tensor: ``tf.Variable(initial_value, trainable=True, name=None, dtype=None)``.

    Example::

        >>> v = tf.Variable(tf.zeros((2, 1)), name="v")
        >>> v.assign_add(tf.ones((2, 1)))
        <teachtensor.Variable 'v:0' shape=(2, 1) dtype=float32, numpy=
        array([[1.],
               [1.]], dtype=float32)>
        >>> v[0, 0].assign(5.0)
        <teachtensor.Variable 'v:0' shape=(2, 1) dtype=float32, numpy=
        array([[5.],
               [1.]], dtype=float32)>
    """

    __slots__ = ("_name", "_watch_on_read", "_shared")
    _is_variable = True
    _in_name_scopes = True  # its name begins with the tf.name_scope it is made in

    def __init__(self, initial_value=None, trainable=True, name=None, dtype=None, shape=None,
                 **options):
        unknown = sorted(set(options) - set(_IGNORED_ARGUMENTS))
        if unknown:
            raise TypeError(f"tf.Variable got unexpected keyword argument(s) {unknown}; its "
                            f"arguments are initial_value, trainable, name, dtype and shape "
                            f"(check the spelling)")
        if options.get("constraint") is not None:  # accepted, it would be ignored: refused
            raise NotImplementedError(
                "tf.Variable(constraint=...): teachtensor's optimizers do not apply "
                "constraints, so it would be ignored; project after each step instead, "
                "e.g. v.assign(tf.clip_by_value(v, 0.0, 1.0))")
        if initial_value is None:
            raise ValueError("tf.Variable needs an initial_value, e.g. "
                             "tf.Variable(tf.zeros((3, 1))) or tf.Variable(0.)")
        if callable(initial_value):
            initial_value = initial_value()
        value = convert_to_tensor(initial_value, dtype=dtype)
        if shape is not None and tuple(value.shape) != tuple(shape) and None not in tuple(shape):
            raise ValueError(f"tf.Variable: the initial value has shape {value.shape}, but "
                             f"shape={tuple(shape)} was asked for")
        self._backend = value._backend
        # The array of another tensor: shared with it until the first partial write.
        self._data = value._lend()
        self._shared = value is initial_value
        self._name = name or "Variable"
        if self._in_name_scopes:  # tf.name_scope("layer1"): "layer1/Variable"
            self._name = scoped(self._name)
        self.trainable = bool(trainable)

    @property
    def name(self):
        return _tf_style_name(self._name)

    @property
    def trainable(self):
        """Whether optimizers train it, and tapes watch it when an operation reads it."""
        return self._watch_on_read

    @trainable.setter
    def trainable(self, value):
        self._watch_on_read = bool(value)  # what the tape looks at, for every operation

    # -- reading ---------------------------------------------------------------------
    def value(self):
        """The current value as a plain (immutable) Tensor.

        Recorded like any read (an identity), so ``tape.gradient(f(v.value()), v)``
        is not None, as in TensorFlow.
        """
        return identity(self)

    read_value = value

    def numpy(self):
        """A copy of the current values (a variable can change; the copy will not)."""
        return _scalar_if_0d(self._backend.to_numpy(self._backend.copy(self._data)))

    def __getitem__(self, key):
        part = getitem(self, key)  # a copy of that part: indexing never returns a view
        sliced = VariableSlice(part, self, key)
        if open_tapes():  # link the slice to the read, so gradients flow through it
            offer(Node("identity", (part,), sliced, (lambda g: g,)))
        return sliced

    # -- sharing memory ----------------------------------------------------------------
    def _lend(self):
        """The array, for an operation whose result shares its memory (a reshape, an
        identity, ``w.assign(v)``...): from now on someone else can see it, so a
        partial write must copy first."""
        self._shared = True
        return self._data

    def _writable_data(self):
        """The array, safe to write into in place: a private copy if it may be shared,
        or if a tape may still need it for a gradient (it read it, see ``tape.py``)."""
        if self._shared or arrays_held():
            self._data = self._backend.copy(self._data)
            self._shared = False
        return self._data

    def _replace_data(self, data, shared=False):
        """Swap in a new array (assign and the optimizers do this); nothing is written
        into the old one, so tensors that hold it keep their values."""
        self._data = data
        self._shared = shared

    # -- writing ---------------------------------------------------------------------

    def _new_value(self, value, what, target_shape=None):
        """``value`` converted to this variable's dtype and checked against its shape."""
        if type(value) is int or type(value) is float:
            value = _constant(value, self)  # made once: v.assign_add(1) costs nothing more
        elif not isinstance(value, Tensor):
            value = convert_to_tensor(value, dtype=self.dtype, like=self)  # on its device
        if value._data.dtype != self._data.dtype:
            raise TypeError(f"cannot {what} {dtypes.a(value.dtype)} value to the {self.dtype.name} "
                            f"variable '{self.name}'; convert it with "
                            f"tf.cast(value, tf.{self.dtype.name})")
        shape = self._data.shape if target_shape is None else target_shape
        if value._data.shape != shape:
            raise ValueError(f"cannot {what} a value of shape {TensorShape(value._data.shape)} "
                             f"to the variable '{self.name}' of shape {TensorShape(shape)}: "
                             f"the shapes must match. The variable is unchanged.")
        return value._data

    def assign(self, value, use_locking=None, name=None, read_value=True):
        """Replace the whole value.  Returns the variable (None with
        ``read_value=False``, as in TensorFlow)."""
        if isinstance(value, Tensor):
            self._new_value(value, "assign")  # checks dtype and shape first
            self._replace_data(value._lend(), shared=True)  # that array is value's too
        else:  # converted, or a cached constant (for a number): not ours alone either
            self._replace_data(self._new_value(value, "assign"), shared=True)
        return self if read_value else None

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        """value += delta.  Returns the variable (None with ``read_value=False``)."""
        delta = self._new_value(delta, "add")
        self._replace_data(self._backend.binary("add", self._data, delta))
        return self if read_value else None

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        """value -= delta.  Returns the variable (None with ``read_value=False``)."""
        delta = self._new_value(delta, "subtract")
        self._replace_data(self._backend.binary("subtract", self._data, delta))
        return self if read_value else None

    def _assign_part(self, key, value, op):
        """Write ``value`` into ``self[key]`` (op: assign, add, subtract)."""
        backend = self._backend
        key = index_key(key, backend)
        part = backend.getitem(self._data, key)  # the values there now (a copy)
        value = convert_to_tensor(value, dtype=self.dtype, like=self) \
            if not isinstance(value, Tensor) else value
        if value._data.shape == () and part.shape != ():
            value = Tensor(backend.broadcast_to(value._data, part.shape), backend)
        data = self._new_value(value, "assign", part.shape)
        if op != "assign":
            data = backend.binary(op, part, data)
        backend.assign(self._writable_data(), key, data)  # copy-on-write, then in place
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
        return (f"<{LIBRARY}.Variable '{self.name}' shape={self.shape} dtype={self.dtype.name}, "
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


