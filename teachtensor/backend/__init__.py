"""Backends: where a tensor's numbers live and which kernels compute with them.

A backend implements the methods of ``base.Backend`` (the interface, with what each
method takes, returns and raises).  Every tensor keeps a reference to the backend
that owns its data, and every operation asks its inputs' backend to compute, so adding
a device means writing one more backend class and registering it:

* ``"numba"``  (default on the CPU): NumPy arrays, loops compiled by Numba (``numba_cpu.py``);
* ``"numpy"``:  the reference, plain NumPy calls (``reference.py``), the definition
  the others are tested against;
* ``"cuda"``:   arrays in GPU memory, numba.cuda kernels (``cuda/``), the default when
  an NVIDIA GPU is present (and numba-cuda installed: ``pip install -e ".[gpu]"``).

New tensors made from host data (``tf.constant``, a batch of ``fit``) go to the
*current* backend: the innermost ``with tf.device(...)`` of this thread, else the
default.  Choose the default with ``teachtensor.backend.set_backend("numpy")``, or
before import with the environment variables ``TEACHTENSOR_DEVICE=cpu`` (hide any GPU:
everything on the CPU) and ``TEACHTENSOR_BACKEND`` (which CPU backend: numba or numpy;
setting it also makes that backend the default when there is a GPU).
"""
import os
import threading

from .base import Backend, backend_named, register_backend, registered_backends  # noqa: F401
from .cache import configure_numba_cache
from .gpu import gpu_available
from .memory import keep_freed_memory

_current = None  # the default backend


def _numpy_backend():
    keep_freed_memory()  # a training step's big arrays reused, not page-faulted (memory.py)
    from .reference import NumpyBackend
    return NumpyBackend()


def _numba_backend():
    keep_freed_memory()
    configure_numba_cache()  # before the kernels are defined
    from .numba_cpu import NumbaBackend
    return NumbaBackend()


def _cuda_backend():
    configure_numba_cache()
    from .cuda.backend import CudaBackend
    return CudaBackend()


register_backend("numpy", _numpy_backend)
register_backend("numba", _numba_backend)
register_backend("cuda", _cuda_backend)


class _Scopes(threading.local):
    """The backends of the open ``with tf.device(...)`` blocks of one thread."""

    def __init__(self):
        self.stack = []


_scopes = _Scopes()


def get_backend(name=None):
    """The backend called ``name``; with no name, the current one (the innermost
    ``tf.device`` of this thread, else the default)."""
    if name is not None:
        return backend_named(name)
    stack = _scopes.stack
    return stack[-1] if stack else _current


def set_backend(name):
    """Make ``name`` the default backend for tensors created from now on; returns the
    old name."""
    global _current
    old = _current.name if _current is not None else None
    _current = backend_named(name)
    return old


class placed_on:
    """``with placed_on(backend):`` new tensors go to ``backend`` (what ``tf.device`` does)."""

    def __init__(self, backend):
        self.backend = backend

    def __enter__(self):
        _scopes.stack.append(self.backend)
        return self.backend

    def __exit__(self, *exc):
        _scopes.stack.pop()
        return False


def cpu_backend_name():
    """The CPU backend to use: ``TEACHTENSOR_BACKEND`` (numba unless it says numpy)."""
    return os.environ.get("TEACHTENSOR_BACKEND", "numba")


def _default_name():
    if "TEACHTENSOR_BACKEND" not in os.environ and gpu_available():  # (TEACHTENSOR_DEVICE
        return "cuda"                                                 # =cpu: no GPU)
    return cpu_backend_name()


set_backend(_default_name())
