"""Backends: where a tensor's numbers live and which kernels compute with them.

A backend is an object with the small set of methods documented in ``reference.py``
(the NumPy reference, the definition).  Every tensor keeps a reference to the backend
that owns its data, and every operation asks its first input's backend to compute,
so adding a device means writing one more backend class:

* ``"numba"``  (default): NumPy arrays, loops compiled by Numba (``numba_cpu.py``);
* ``"numpy"``:  the reference, plain NumPy calls (``reference.py``);
* ``"cuda"``:   arrays in GPU memory, numba.cuda kernels (planned, same interface).

Choose with ``teachtensor.backend.set_backend("numpy")`` or the environment variable
``TEACHTENSOR_BACKEND`` before import.
"""
import os

from .cache import configure_numba_cache

_BACKENDS = {}
_current = None


def get_backend(name=None):
    """The backend called ``name``, or the current default when ``name`` is None."""
    if name is None:
        return _current
    name = name.lower()
    if name not in _BACKENDS:
        if name == "numpy":
            from .reference import NumpyBackend
            _BACKENDS[name] = NumpyBackend()
        elif name == "numba":
            configure_numba_cache()
            from .numba_cpu import NumbaBackend
            _BACKENDS[name] = NumbaBackend()
        else:
            raise ValueError(f"unknown backend {name!r}; choose 'numba' (default) or 'numpy'")
    return _BACKENDS[name]


def set_backend(name):
    """Make ``name`` the backend for tensors created from now on; returns the old name."""
    global _current
    old = _current.name if _current is not None else None
    _current = get_backend(name)
    return old


set_backend(os.environ.get("TEACHTENSOR_BACKEND", "numba"))
