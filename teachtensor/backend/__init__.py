"""Backends: where a tensor's numbers live and which kernels compute with them.

A backend implements the methods of ``base.Backend`` (the interface, with what each
method takes, returns and raises).  Every tensor keeps a reference to the backend
that owns its data, and every operation asks its inputs' backend to compute, so adding
a device means writing one more backend class and registering it:

* ``"numba"``  (default): NumPy arrays, loops compiled by Numba (``numba_cpu.py``);
* ``"numpy"``:  the reference, plain NumPy calls (``reference.py``), the definition
  the others are tested against;
* ``"cuda"``:   arrays in GPU memory, numba.cuda kernels (planned, same interface).

Choose with ``teachtensor.backend.set_backend("numpy")`` or the environment variable
``TEACHTENSOR_BACKEND`` before import.
"""
import os

from .base import Backend, backend_named, register_backend, registered_backends  # noqa: F401
from .cache import configure_numba_cache

_current = None


def _numpy_backend():
    from .reference import NumpyBackend
    return NumpyBackend()


def _numba_backend():
    configure_numba_cache()  # before the kernels are defined
    from .numba_cpu import NumbaBackend
    return NumbaBackend()


register_backend("numpy", _numpy_backend)
register_backend("numba", _numba_backend)


def get_backend(name=None):
    """The backend called ``name``, or the current default when ``name`` is None."""
    if name is None:
        return _current
    return backend_named(name)


def set_backend(name):
    """Make ``name`` the backend for tensors created from now on; returns the old name."""
    global _current
    old = _current.name if _current is not None else None
    _current = backend_named(name)
    return old


set_backend(os.environ.get("TEACHTENSOR_BACKEND", "numba"))
