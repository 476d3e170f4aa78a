"""The Tensor: an immutable n-dimensional array that remembers which backend holds it.

A ``Tensor`` is two things: ``_data``, the numbers (a NumPy array on the CPU, a device
array on a GPU), and ``_backend``, the object whose kernels compute with them (see
``teachtensor/backend``).  It never changes after it is made: every operation returns
a new tensor.  Mutable state lives in ``Variable`` (``variable.py``).

This file also holds the *conversion rules* — what ``tf.constant(3)``, ``x + 1.5`` or
``x * numpy_array`` become — and the printed forms.  The arithmetic operators
(``+``, ``*``, ``@``, ...) are attached in ``ops/operators.py``, next to the operations
they call.
"""
import numpy as np

from . import dtypes
from .backend import get_backend
from .errors import DTypeMismatchError
from .out_of_scope import refuse as refuse_out_of_scope

LIBRARY = "teachtensor"


class TensorShape(tuple):
    """A tensor's shape: a tuple of ints that prints like one, ``(2, 1)``.

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(x.shape, x.shape.as_list(), x.shape == (2, 2))
        (2, 2) [2, 2] True
    """

    @property
    def rank(self):
        return len(self)

    def concatenate(self, other):
        """This shape followed by ``other``: ``TensorShape([2]).concatenate([3])`` is
        ``TensorShape([2, 3])``."""
        return TensorShape(tuple(self) + ((other,) if isinstance(other, (int, np.integer))
                                          else tuple(other)))

    def as_list(self):
        return list(self)

    def num_elements(self):
        return int(np.prod(self)) if self else 1

    def __getitem__(self, key):
        """``shape[0]`` is an int; ``shape[1:]`` is again a TensorShape."""
        item = tuple.__getitem__(self, key)
        return TensorShape(item) if isinstance(key, slice) else item

    def __eq__(self, other):
        """Equal to a tuple or a list of the same ints: ``x.shape == [2, 3]``."""
        return tuple(self) == tuple(other) if isinstance(other, (tuple, list)) else NotImplemented

    def __ne__(self, other):
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = tuple.__hash__

    def __repr__(self):
        return f"TensorShape({list(self)})"

    def __str__(self):
        return tuple.__repr__(self)


_SHAPES = {}


class Tensor:
    """An immutable array of numbers with a shape and a dtype.

    Create tensors with ``tf.constant``, ``tf.ones``, ``tf.random.normal``, ... rather
    than with this class directly.

    Example::

        >>> t = tf.constant([[1.0, 2.0]])
        >>> print(isinstance(t, tf.Tensor), t.shape, t.dtype, t.numpy())
        True (1, 2) <dtype: 'float32'> [[1. 2.]]
    """

    # _keras_logits: set only on the result of a softmax or sigmoid, the logits it was
    # computed from (read by the cross-entropy losses; see keras/loss_functions.py)
    __slots__ = ("_data", "_backend", "_keras_logits", "__weakref__")
    __array_priority__ = 100  # NumPy defers to our operators: ndarray - tensor is a tensor
    _watch_on_read = False     # Variables override this: tapes watch trainable ones on use
    _is_variable = False

    def __init__(self, data, backend):
        if backend is None:
            raise TypeError("Tensor(data, backend) wraps an array of a backend; make tensors "
                            "from values with tf.constant(...) or tf.convert_to_tensor(...)")
        self._data = data
        self._backend = backend

    # -- what it is ---------------------------------------------------------------
    @property
    def shape(self):
        shape = self._data.shape
        known = _SHAPES.get(shape)  # TensorShapes never change, so one per shape will do
        if known is None:
            known = TensorShape(shape)
            if len(_SHAPES) < 4096:
                _SHAPES[shape] = known
        return known

    def get_shape(self):
        return self.shape

    @property
    def dtype(self):
        return dtypes.from_numpy(self._data.dtype)

    @property
    def ndim(self):
        return self._data.ndim

    @property
    def device(self):
        return self._backend.device

    def numpy(self):
        """The values as a new NumPy array, yours to change, as TensorFlow gives: the
        book's code writes into it (``heatmap[:, :, i] *= weights[i]``), and a change
        must not reach the tensor, which never changes.

        A scalar tensor gives a NumPy scalar (``np.float32(0.5)``), as in TensorFlow.
        """
        values = self._backend.to_numpy(self._data)
        if values is self._data:  # the tensor's own memory (on a GPU, to_numpy's copy
            values = values.copy()  # to the host is new already)
        return _scalar_if_0d(values)

    def ref(self):
        """A handle on this very tensor (or Variable) to use as a dict key or in a set,
        as TensorFlow code does (its tensors cannot be hashed): ``{v.ref(): ...}``;
        ``.deref()`` gives the tensor back.

        Example::

            >>> v = tf.Variable(1.0)
            >>> steps = {v.ref(): 0}
            >>> print(v.ref() in steps, v.ref().deref() is v)
            True True
        """
        return Reference(self)

    # -- NumPy and Python interop ---------------------------------------------
    def __array__(self, dtype=None, copy=None):
        """``np.array(t)``, ``np.asarray(t)``: a copy, as ``numpy()`` gives (NumPy's
        ``copy=False`` asks for no copy: then a read-only view of the tensor's memory)."""
        if copy is False:
            values = self._backend.to_numpy(self._data).view()
            values.flags.writeable = False
        else:
            values = np.asarray(self.numpy())
        return values.astype(dtype, copy=False) if dtype is not None else values

    def __float__(self):
        return float(self._scalar("float"))

    def __int__(self):
        return int(self._scalar("int"))

    def __index__(self):
        if not self.dtype.is_integer:
            raise TypeError(f"only integer tensors can be used as an index, not "
                            f"{self.dtype.name}")
        return int(self._scalar("int"))

    def __bool__(self):
        return bool(self._scalar("bool"))

    def __format__(self, spec):
        """``f"{loss:.4f}"`` formats the number; ``f"{t}"`` shows the bare values
        (``2.5``, ``[1. 2.]``) as TensorFlow does, not the ``print(t)`` form."""
        if self._data.size == 1 and spec:
            return format(self._scalar("format"), spec)
        return format(self.numpy(), spec)

    def _scalar(self, what):
        if self._data.size != 1:
            raise TypeError(f"{what}() needs a tensor with exactly one element, "
                            f"not one of shape {self.shape}; index it first, e.g. x[0, 0]")
        # item() gives a Python number, which shares nothing with the array, so this
        # skips numpy()'s read-only view (and a Variable's copy) on purpose: a
        # float(loss) costs 0.5 µs instead of 1.4 µs
        return self._backend.to_numpy(self._data).reshape(()).item()

    def __len__(self):
        if self._data.ndim == 0:
            raise TypeError("len() of a scalar tensor (shape ()) is undefined")
        return self._data.shape[0]

    def __iter__(self):
        if self._data.ndim == 0:
            raise TypeError("cannot iterate over a scalar tensor (shape ())")
        return (self[i] for i in range(self._data.shape[0]))

    __hash__ = object.__hash__  # tensors are hashed by identity (== is elementwise)

    def __setitem__(self, key, value):
        raise TypeError(
            f"'{type(self).__name__}' object does not support item assignment: tensors are "
            "immutable. To change values in place, store them in a tf.Variable and use "
            "v.assign(...) or v[...].assign(...); or build a new tensor (tf.where, tf.concat).")

    # -- printing -----------------------------------------------------------------
    def __str__(self):
        values = str(self.numpy())
        sep = "\n" if "\n" in values else ""
        return f"{LIBRARY}.Tensor({sep}{values}, shape={self.shape}, dtype={self.dtype.name})"

    def __repr__(self):
        return (f"<{LIBRARY}.Tensor: shape={self.shape}, dtype={self.dtype.name}, "
                f"numpy={_numpy_repr(self.numpy())}>")

    def _lend(self):
        """The array, for an operation whose result shares its memory (a reshape, a
        transpose, an identity).  A tensor never changes, so sharing it is safe; a
        Variable overrides this to remember that its array is no longer private."""
        return self._data

    # The gradient tape asks these of any value it differentiates (see scalar.py too).
    def _ones_like(self):
        if not self._data.shape:
            return _constant(1, self)  # the usual seed of a backward pass, made once
        return Tensor(self._backend.full(self._data.shape, 1, self._data.dtype), self._backend)

    def _zeros_like(self):
        return Tensor(self._backend.full(self._data.shape, 0, self._data.dtype), self._backend)

    @property
    def _differentiable(self):
        return self._data.dtype.kind == "f"


def _scalar_if_0d(values):
    """A 0-d array as a NumPy scalar (``values[()]``); other arrays unchanged."""
    return values[()] if values.ndim == 0 else values


def _numpy_repr(values):
    if values.ndim == 0:
        return str(values)
    text = repr(values)
    return "\n" + text if "\n" in text else text


def wrap(data, backend):
    """A new Tensor around backend data (the fast path every operation uses)."""
    t = Tensor.__new__(Tensor)
    t._data = data
    t._backend = backend
    return t


# ---- conversion ------------------------------------------------------------------

def _copied(value):
    """A new C-ordered NumPy array of ``value``'s numbers: never a view of the caller's
    memory (an ndarray, an array.array, a memoryview...), which they may change later."""
    return np.array(value, order="C")


def _infer_numpy(value):
    """NumPy array for a Python value, with TensorFlow's default dtypes."""
    if isinstance(value, (np.ndarray, np.generic)):
        array = _copied(value)
    else:
        try:
            array = _copied(value)
        except (ValueError, TypeError) as err:
            raise TypeError(f"cannot make a tensor from {_describe(value)}: {err}") from None
        if array.dtype == np.float64 and not _starts_with_float64(value):
            array = array.astype(np.float32)       # Python floats -> float32
        elif array.dtype == np.int64:
            if array.size == 0 or (np.abs(array).max() < 2**31):
                array = array.astype(np.int32)     # Python ints -> int32
    if array.dtype.kind not in "fiub":
        if array.dtype.kind == "c" or _only_text(value):
            refuse_out_of_scope(array.dtype.kind)  # complex numbers, text
        raise TypeError(f"cannot make a tensor from {_describe(value)}: expected numbers "
                        f"(a number, a nested list of numbers, a NumPy array or a tensor), "
                        f"got values of NumPy dtype {array.dtype}")
    dtypes.check_supported(array.dtype)
    return array


def _starts_with_float64(value):
    """True for a list whose first number is a NumPy float64 (a number or an array):
    TensorFlow then keeps float64, as for ``tf.constant([a, b])`` of two float64 arrays;
    a list that starts with a Python float is float32, whatever follows."""
    while isinstance(value, (list, tuple)) and len(value) > 0:
        value = value[0]
    return isinstance(value, (np.ndarray, np.generic)) and value.dtype == np.float64


def _only_text(value):
    """True for a string, bytes, a NumPy array (its dtype says what it holds) or
    (nested) lists of only those: a tensor of text was asked for, as opposed to a stray
    string among numbers (``[1, "a"]``, a mistake: TypeError)."""
    if isinstance(value, (str, bytes, np.ndarray, np.str_, np.bytes_)):
        return True
    return isinstance(value, (list, tuple)) and len(value) > 0 and all(
        _only_text(item) for item in value)


def _describe(value):
    text = repr(value)
    return f"{type(value).__name__} {text[:60]}{'...' if len(text) > 60 else ''}"


def _to_dtype(value, np_dtype, combining=False):
    """NumPy array of ``value`` in ``np_dtype``, refusing to silently drop fractions.
    ``combining``: the value meets a tensor of that dtype in an operation (``x + 2.5``),
    which the error message's advice depends on."""
    if type(value) is np.ndarray and value.dtype == np_dtype:  # nothing to convert: a copy
        dtypes.check_supported(np_dtype)
        return _copied(value)
    if isinstance(value, (list, tuple, float, int, bool, str, bytes)):
        try:
            array = np.asarray(value)  # a new array anyway
        except (ValueError, TypeError) as err:
            raise TypeError(f"cannot make a tensor from {_describe(value)}: {err}") from None
    elif isinstance(value, (np.ndarray, np.generic)):
        array = _copied(value)
    else:
        array = _infer_numpy(value)
    if array.dtype.kind not in "fiub":
        raise TypeError(f"cannot convert {_describe(value)} to {dtypes.a(np_dtype)} tensor: "
                        f"expected numbers, got NumPy dtype {array.dtype}")
    dtypes.check_supported(np_dtype)
    if np_dtype.kind == "b" and array.dtype.kind != "b":
        raise TypeError(f"cannot convert {_describe(value)} to a bool tensor: give True / "
                        f"False values, compare (x > 0), or convert with tf.cast(x, tf.bool)")
    if np_dtype.kind in "iu" and array.dtype.kind == "f":
        if not np.all(np.isfinite(array)) or np.any(array != np.round(array)):
            if combining:
                raise TypeError(f"cannot combine {dtypes.a(np_dtype)} tensor with "
                                f"{_describe(value)} without losing its fractions: cast "
                                f"the tensor to floats first, tf.cast(x, tf.float32) "
                                f"(TensorFlow refuses this too)")
            raise TypeError(f"cannot convert {_describe(value)} to {dtypes.a(np_dtype)} "
                            f"tensor without losing the fractions: make a float tensor "
                            f"(dtype=tf.float32), or drop the fractions on purpose with "
                            f"tf.cast(tf.constant(value), tf.{np_dtype}), which rounds "
                            f"toward zero")
    if np_dtype.kind in "iu" and array.dtype.kind in "iuf" and array.size and \
            array.dtype != np_dtype:
        limits = np.iinfo(np_dtype)
        low, high = (array.item(), array.item()) if array.size == 1 else \
            (array.min(), array.max())
        if low < limits.min or high > limits.max:
            raise ValueError(f"{_describe(value)} does not fit in {dtypes.a(np_dtype)} tensor (its "
                             f"values go from {limits.min} to {limits.max}); convert the "
                             f"tensor to a wider dtype first, e.g. tf.cast(x, tf.int32) or "
                             f"tf.cast(x, tf.int64)")
    return array.astype(np_dtype, order="C", copy=False)  # array is ours already


class Reference:
    """``tensor.ref()``: equal to another reference exactly when both hold the same
    tensor object (not equal values)."""

    __slots__ = ("_held",)

    def __init__(self, held):
        self._held = held

    def deref(self):
        return self._held

    def __eq__(self, other):
        return isinstance(other, Reference) and other._held is self._held

    def __hash__(self):
        return id(self._held)

    def __repr__(self):
        return f"<Reference wrapping {self._held!r}>"


def convert_to_tensor(value, dtype=None, dtype_hint=None, name=None, like=None):
    """``value`` as a Tensor: tensors pass through, everything else is converted.

    Python floats become float32, Python ints int32 and NumPy arrays keep their dtype,
    unless ``dtype`` asks for another one.  A new tensor is made on the current default
    backend, or on the backend of ``like`` (a tensor, or a backend) when given: the
    place the tensors it will meet live.
    """
    if isinstance(value, Tensor):
        if dtype is not None and dtypes.as_dtype(dtype) != value.dtype:
            raise TypeError(f"expected {dtypes.a(dtypes.as_dtype(dtype))} tensor, got {dtypes.a(value.dtype)} "
                            f"one; convert it with tf.cast(x, tf.{dtypes.as_dtype(dtype).name})")
        return value
    if dtype is None and dtype_hint is not None and not isinstance(value, np.ndarray):
        dtype = dtype_hint
    if dtype is None:
        array = _infer_numpy(value)
    else:
        array = _to_dtype(value, dtypes.as_dtype(dtype).as_numpy_dtype)
    if like is None:
        backend = get_backend()
    else:
        backend = like._backend if isinstance(like, Tensor) else like
    return Tensor(backend.asarray(array), backend)


def _short(device):
    """'/job:localhost/replica:0/task:0/device:GPU:0' -> 'GPU:0'."""
    return device.rsplit("device:", 1)[-1]


def is_tensor(x):
    """True for tensors and Variables (not for NumPy arrays or Python numbers).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.is_tensor(x), tf.is_tensor(tf.Variable(1.0)), tf.is_tensor([1.0]))
        True True False
    """
    return isinstance(x, Tensor)


_CONSTANTS = {}  # (type, value, dtype) -> Tensor: the numbers in ``x * 2 + 1``, made once


def _constant(value, like, combining=False):
    """A Python number as a 0-d tensor of ``like``'s dtype.

    Tensors never change, so the tensor for ``2`` in float32 can be made once and reused:
    ``x * 2`` in a training loop then costs no conversion at all. ``combining`` goes to
    ``_to_dtype``, for its error message.
    """
    np_dtype = like._data.dtype
    # Zeros and NaN are keyed by float.hex: -0.0 equals 0.0 as a number but not as a
    # constant (x * -0.0 is -0.0 for positive x), and NaN equals nothing, not even itself.
    tag = value if type(value) is not float or (value and value == value) else value.hex()
    key = (tag, type(value), np_dtype, like._backend)
    t = _CONSTANTS.get(key)
    if t is None:
        if np_dtype.kind in "biu":
            array = _to_dtype(value, np_dtype, combining)  # refuses 2.5 or 1000 for int8
        else:
            array = np.array(value, dtype=np_dtype)
        t = wrap(like._backend.asarray(array), like._backend)
        if len(_CONSTANTS) < 4096:
            _CONSTANTS[key] = t
    return t


def _cast_advice(first, second):
    """Which of two dtypes to cast, and to what, so that nothing is lost: the sentence a
    mismatch error ends with.

    A float side wins over an integer or bool one (casting 2.5 to int32 would truncate
    it); between floats, float32, Keras's default (a float64 NumPy array meeting float32
    weights is the usual case); between integers, the dtype that holds both (int32 for
    uint8 and int32); a bool side becomes the number's dtype.
    """
    def rank(d):  # floats first, then integers, then bool
        return {"f": 0, "i": 1, "u": 1, "b": 2}[np.dtype(d.name).kind]

    if rank(first) != rank(second):
        target = first if rank(first) < rank(second) else second
    elif np.dtype(first.name).kind == "f":
        target = dtypes.float32 if dtypes.float32 in (first, second) else \
            max(first, second, key=lambda d: np.dtype(d.name).itemsize)
    else:
        wide = np.promote_types(first.name, second.name)
        target = dtypes.as_dtype(wide.name if wide.kind in "iu" else "int64")
    changed = [d for d in (first, second) if d != target]
    which = "first" if changed == [first] else "second" if changed == [second] else "both"
    subject = "both operands" if which == "both" else \
        f"the {which} operand, the {changed[0].name} one"
    return f"Cast {subject}: tf.cast(x, tf.{target.name})."


def operands(a, b, name=None):
    """Two operands of one dtype: a non-tensor takes the other side's dtype.

    ``float32 tensor + 1.5`` and ``float32 tensor * float64 array`` give float32, as in
    TensorFlow; two *tensors* of different dtypes are an error (TensorFlow does not
    promote one to the other), and the message names both, the operation ``name`` when
    the caller gives it, and the cast that loses nothing (``_cast_advice``).
    """
    a_is = isinstance(a, Tensor)
    b_is = isinstance(b, Tensor)
    if a_is and b_is:
        if a._data.dtype != b._data.dtype:
            raise DTypeMismatchError(
                f"{name + ': ' if name else ''}cannot combine {dtypes.a(a.dtype)} tensor "
                f"with {dtypes.a(b.dtype)} tensor: teachtensor, like TensorFlow, does not "
                f"convert between dtypes on its own. {_cast_advice(a.dtype, b.dtype)}")
        if a._backend is not b._backend and a._backend.device != b._backend.device:
            raise ValueError(
                f"cannot combine a tensor on {a.device} with one on {b.device}: both must "
                f"live on one device. Copy one of them to the other's device with tf.identity "
                f"under tf.device, e.g.  with tf.device('{_short(b.device)}'): "
                f"x = tf.identity(x)")
        return a, b
    if a_is:
        if type(b) is float or type(b) is int or type(b) is bool:
            return a, _constant(b, a, True)
        return a, Tensor(a._backend.asarray(_to_dtype(b, a._data.dtype, True)), a._backend)
    if b_is:
        if type(a) is float or type(a) is int or type(a) is bool:
            return _constant(a, b, True), b
        return Tensor(b._backend.asarray(_to_dtype(a, b._data.dtype, True)), b._backend), b
    a = convert_to_tensor(a)
    return a, convert_to_tensor(b, dtype=a.dtype)
