"""``tf.config``: which devices there are.

    tf.config.list_physical_devices("GPU")   # [] without a GPU
    tf.config.list_physical_devices()        # [PhysicalDevice(name='/physical_device:CPU:0', ...)]
"""
from collections import namedtuple

from .backend import gpu_available as _gpu_available

PhysicalDevice = namedtuple("PhysicalDevice", ["name", "device_type"])
PhysicalDevice.__doc__ = """A device of the machine: its name and its type, "CPU" or "GPU".

    Example::

        >>> print(tf.config.list_physical_devices("CPU")[0].device_type)
        CPU
    """
LogicalDevice = namedtuple("LogicalDevice", ["name", "device_type"])
LogicalDevice.__doc__ = """A device as TensorFlow's operations name it ("/device:CPU:0").

    Example::

        >>> print(tf.config.list_logical_devices("CPU")[0].name)
        /device:CPU:0
    """


def _kinds(device_type):
    kinds = ["CPU"] + (["GPU"] if _gpu_available() else [])
    if device_type is None:
        return kinds
    wanted = str(device_type).upper()
    if wanted not in ("CPU", "GPU"):
        raise ValueError(f"device_type must be 'CPU' or 'GPU', got {device_type!r}")
    return [k for k in kinds if k == wanted]


def list_physical_devices(device_type=None):
    """The devices of this machine: CPU:0, and GPU:0 when a GPU is present.

    Example::

        >>> print(tf.config.get_visible_devices("CPU"))   # no argument: the GPU too, if any
        [PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')]
    """
    return [PhysicalDevice(f"/physical_device:{kind}:0", kind) for kind in _kinds(device_type)]


def list_logical_devices(device_type=None):
    """The devices tensors can be placed on (``tf.device`` names): one per physical one.

    Example::

        >>> print([d.name for d in tf.config.list_logical_devices("CPU")])   # "GPU": the GPU's
        ['/device:CPU:0']
    """
    return [LogicalDevice(f"/device:{kind}:0", kind) for kind in _kinds(device_type)]


get_visible_devices = list_physical_devices
