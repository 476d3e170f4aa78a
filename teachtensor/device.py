"""Devices: ``with tf.device("GPU:0"):`` chooses where new tensors live.

A tensor lives on the device of its backend (``t.device`` says which, in TensorFlow's
spelling).  Operations run where their inputs are, and refuse inputs from two devices:
moving data between a GPU and the host is slow, so teachtensor makes you say when
(TensorFlow would copy silently).  Inside ``with tf.device(name):``

* tensors made from host data (``tf.constant``, ``tf.ones``, random draws, ``fit``'s
  batches, new weights) are made on that device;
* ``tf.identity(x)`` copies ``x`` there: that is how a tensor moves.

Asking for a GPU where there is none falls back to the CPU, with one warning (*soft
placement*, as in TensorFlow).
"""
import re
import warnings

from . import backend as backend_module
from .backend import gpu_available
from .ops import core
from .recording import record
from .tensor import Tensor, convert_to_tensor

_NAME = re.compile(r"^(?:/job:\w+/replica:\d+/task:\d+)?/?(?:device:)?(cpu|gpu)(?::(\d+))?$",
                   re.IGNORECASE)
_warned = set()


def _warn_once(key, message):
    if key not in _warned:
        _warned.add(key)
        warnings.warn(message, RuntimeWarning, stacklevel=3)


def cpu_backend():
    """The backend of CPU:0: the default when it is a CPU one, else the chosen CPU backend."""
    current = backend_module.get_backend()
    if _device_type(current) == "CPU":
        return current
    default = backend_module._current
    if _device_type(default) == "CPU":
        return default
    return backend_module.backend_named(backend_module.cpu_backend_name())


def _device_type(backend):
    return "GPU" if ":GPU:" in backend.device else "CPU"


def backend_for(name):
    """The backend for a device name ("CPU:0", "/GPU:0", "/job:localhost/.../device:GPU:0")."""
    match = _NAME.match(str(name).strip())
    if match is None:
        raise ValueError(f"{name!r} is not a device name; use 'CPU:0' or 'GPU:0' (also "
                         f"written '/CPU:0', '/device:GPU:0', ...)")
    kind, index = match.group(1).upper(), int(match.group(2) or 0)
    if kind == "CPU":
        if index:
            _warn_once(("cpu", index), f"there is one CPU device, CPU:0; {name!r} uses it")
        return cpu_backend()
    if not gpu_available():
        _warn_once("no gpu", f"no GPU was found, so {name!r} falls back to the CPU (soft "
                             f"placement). A GPU needs an NVIDIA driver and numba-cuda: "
                             f"pip install -e \".[gpu]\" (see docs/gpu.md).")
        return cpu_backend()
    if index:
        _warn_once(("gpu", index), f"teachtensor uses one GPU, GPU:0; {name!r} uses it")
    return backend_module.backend_named("cuda")


def device(device_name):
    """Context manager: new tensors are made on ``device_name`` ("CPU:0", "GPU:0").

    Example::

        >>> with tf.device("CPU:0"):      # or "GPU:0" (with no GPU: the CPU, and a warning)
        ...     t = tf.ones((2, 2))
        >>> print(t.device)               # TensorFlow's full name of the device
        /job:localhost/replica:0/task:0/device:CPU:0
    """
    return backend_module.placed_on(backend_for(device_name))


def copy_to(x, target):
    """``x`` copied to ``target`` (a backend), recorded so that gradients flow back
    (the gradient of a copy is a copy the other way)."""
    source = x._backend
    host = source.to_numpy(x._data)
    if target.device == "/job:localhost/replica:0/task:0/device:CPU:0" or \
            _device_type(target) == "CPU":
        host = host.copy()  # two CPU backends would otherwise share the memory
    moved = record("copy", (x,), target.asarray(host), lambda g: copy_to(g, source))
    moved._backend = target  # record puts outputs on the input's backend; a copy moves
    return moved


def identity(input, name=None):  # noqa: A002  (the TensorFlow name)
    """A tensor with the same values, on the current device: inside ``with
    tf.device(...)`` this is how a tensor moves to that device.  The gradient flows
    back unchanged (to the tensor's own device).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.identity(x))                # the same values (a copy on another device)
        teachtensor.Tensor(
        [[1. 2.]
         [3. 4.]], shape=(2, 2), dtype=float32)
        >>> with tf.device("CPU:0"):
        ...     on_cpu = tf.identity(x)          # how a tensor moves: identity under tf.device
        >>> print(on_cpu.device)
        /job:localhost/replica:0/task:0/device:CPU:0
    """
    x = input if isinstance(input, Tensor) else convert_to_tensor(input)
    target = backend_module.get_backend()
    if target is not x._backend and target.device != x._backend.device:
        return copy_to(x, target)
    return core.identity(x)
