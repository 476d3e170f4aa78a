"""A strict test backend: the NumPy reference underneath, but arrays nobody can peek into.

A GPU array cannot be handed to NumPy, added with ``+`` or asked for ``.astype``: every
computation has to go through its backend.  The core is meant to work that way, and
this backend proves it without a GPU.  Its ``StrictArray`` has the metadata the
interface allows (``shape``, ``dtype``, ``ndim``, ``size``) and nothing else: no
``__array__``, no operators, no indexing, no attribute passed through to NumPy.  Any
NumPy leak in the core fails loudly here, the way it would on a GPU.

Run a test file on it with ``pytest --backend strict tests/...`` (``make test`` does).
"""
import numpy as np

from teachtensor.backend import Backend, register_backend
from teachtensor.backend.base import Backend as _Interface
from teachtensor.backend.reference import NumpyBackend


class StrictArray:
    """An opaque array: only ``shape``, ``dtype``, ``ndim`` and ``size`` are readable."""

    __slots__ = ("_value",)
    __array_ufunc__ = None   # NumPy functions refuse it instead of converting it

    def __init__(self, value):
        object.__setattr__(self, "_value", value)

    @property
    def shape(self):
        return self._value.shape

    @property
    def dtype(self):
        return self._value.dtype

    @property
    def ndim(self):
        return self._value.ndim

    @property
    def size(self):
        return self._value.size

    def _refuse(self, *args, **kwargs):
        raise TypeError("a StrictArray (a backend array) was used as a NumPy array: ask "
                        "its backend instead (backend.to_numpy, backend.reshape, ...)")

    __array__ = __len__ = __iter__ = __getitem__ = __setitem__ = __bool__ = _refuse
    __float__ = __int__ = __index__ = __contains__ = _refuse
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _refuse
    __truediv__ = __rtruediv__ = __floordiv__ = __mod__ = __pow__ = __matmul__ = _refuse
    __neg__ = __abs__ = __lt__ = __le__ = __gt__ = __ge__ = _refuse

    def __setattr__(self, name, value):
        self._refuse()

    def __repr__(self):
        return f"StrictArray(shape={self.shape}, dtype={self.dtype})"


def _unwrap(value):
    if isinstance(value, StrictArray):
        return value._value
    if isinstance(value, tuple):
        return tuple(_unwrap(v) for v in value)
    if isinstance(value, list):
        return [_unwrap(v) for v in value]
    if isinstance(value, dict):
        return {k: _unwrap(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        raise TypeError(f"a NumPy array of shape {value.shape} was given to the strict "
                        f"backend where a backend array belongs: convert host data with "
                        f"backend.asarray first")
    return value


def _wrap(value):
    if isinstance(value, np.ndarray):
        return StrictArray(value)
    if isinstance(value, np.generic):  # a 0-d result must still be an array
        raise TypeError(f"a backend method returned the NumPy scalar {value!r}, not an array")
    if isinstance(value, tuple):
        return tuple(_wrap(v) for v in value)
    if isinstance(value, dict):
        return {k: _wrap(v) for k, v in value.items()}
    return value


class StrictBackend(Backend):
    """Every method of the interface: unwrap the arguments, ask the NumPy reference,
    wrap the results.  Host data enters only through ``asarray`` and leaves only through
    ``to_numpy``."""

    name = "strict"
    device = "/job:localhost/replica:0/task:0/device:CPU:1"  # a device of its own

    def __init__(self):
        self.reference = NumpyBackend()
        self.copies = {"to_device": 0, "to_host": 0}  # as a GPU would count them

    def asarray(self, value, dtype=None):
        if isinstance(value, StrictArray):
            raise TypeError("asarray takes host data, not a backend array")
        self.copies["to_device"] += 1
        return StrictArray(np.array(self.reference.asarray(value, dtype)))

    def to_numpy(self, x):
        if not isinstance(x, StrictArray):
            raise TypeError(f"to_numpy takes a backend array, got {type(x).__name__}")
        self.copies["to_host"] += 1
        return np.array(x._value)  # a copy, as from a device

    def fused_update(self, rule, weight, gradient, slots, hyperparameters, out):
        return None  # the readable update_step runs, with operations


def _forward(name):
    def method(self, *args, **kwargs):
        result = getattr(self.reference, name)(*_unwrap(args), **_unwrap(kwargs))
        return _wrap(result)
    method.__name__ = name
    method.__doc__ = getattr(_Interface, name).__doc__
    return method


for _name, _member in vars(_Interface).items():
    if callable(_member) and not _name.startswith("_") and _name not in vars(StrictBackend):
        setattr(StrictBackend, _name, _forward(_name))


register_backend("strict", StrictBackend)
