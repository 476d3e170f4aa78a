"""Numba's CUDA simulator, made as strict as a real GPU.

The simulator runs CUDA kernels on the CPU, and is forgiving where a GPU is not: its
device arrays (``FakeCUDAArray``) pass any unknown attribute (``astype``, ``sum``,
``copy``...) and the operators (``+``, ``<``...) through to the NumPy array inside, and
a kernel launched with a NumPy array copies it in and out silently.  Code that relies
on any of that works under the simulator and fails on a GPU.  ``install()`` closes
those doors for the test session:

* a device array offers only what numba-cuda's real ``DeviceNDArray`` has;
* operators, comparisons and ``np.asarray(device_array)`` raise;
* a NumPy array handed to a kernel raises;
* copies between host and device are counted (``COPIES``), so that tests can hold a
  training step to its budget, and the device arrays alive are tracked (``LIVE``), so
  that tests can see memory released when tensors die;
* a new device array (``cuda.device_array``) is filled with garbage — NaN, or the
  largest integer — where the simulator would hand out whatever NumPy's memory held:
  a kernel that reads an element nobody wrote then fails every time, not once in a
  while (on a GPU, ``compute-sanitizer --tool initcheck`` finds the same mistakes);
  shared and local arrays inside kernels likewise.

(teachtensor itself repairs a race of the simulator's shared memory, and speeds it up:
``teachtensor/backend/cuda/simulator.py``.)
"""

import weakref

import numpy as np

# What a real numba-cuda 0.30 DeviceNDArray offers (SPEC section 12).
ALLOWED = {"shape", "strides", "dtype", "size", "ndim", "nbytes", "alloc_size", "gpu_data",
           "stream", "flags", "T", "transpose", "reshape", "ravel", "squeeze", "view",
           "split", "bind", "copy_to_host", "copy_to_device", "getitem", "setitem",
           "is_c_contiguous", "is_f_contiguous", "device_ctypes_pointer", "get_ipc_handle",
           "__cuda_array_interface__"}
OPERATORS = ["__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__",
             "__truediv__", "__rtruediv__", "__floordiv__", "__rfloordiv__", "__mod__",
             "__rmod__", "__pow__", "__rpow__", "__neg__", "__abs__", "__lt__", "__le__",
             "__gt__", "__ge__", "__matmul__"]

COPIES = {"to_device": 0, "to_host": 0}
LIVE = weakref.WeakSet()  # every device array not yet garbage


class GPUStrictnessError(TypeError):
    """What the simulator allowed and a GPU would refuse."""


def install():
    from numba import cuda
    from numba.cuda.simulator import kernel as simulated_kernel
    from numba.cuda.simulator.cudadrv import devicearray

    fake = devicearray.FakeCUDAArray
    forward = fake.__getattr__

    def only_real_attributes(self, name):
        if name in ALLOWED:
            return forward(self, name)
        raise GPUStrictnessError(f"a GPU array has no attribute {name!r} (the simulator would "
                                 f"have passed it to NumPy): ask the backend instead")

    def refuse(self, *args):
        raise GPUStrictnessError("GPU arrays have no arithmetic or comparison operators, "
                                 "and np.asarray(gpu_array) copies to the host implicitly: "
                                 "use the backend's methods (to_numpy for a copy)")

    fake.__getattr__ = only_real_attributes
    for name in OPERATORS + ["__array__"]:
        setattr(fake, name, refuse)
    fake.__eq__ = lambda self, other: self is other
    fake.__ne__ = lambda self, other: self is not other
    fake.__hash__ = object.__hash__

    copy_to_host, copy_to_device = fake.copy_to_host, fake.copy_to_device

    def counted_copy_to_host(self, *args, **kwargs):
        COPIES["to_host"] += 1
        return copy_to_host(self, *args, **kwargs)

    def counted_copy_to_device(self, ary, *args, **kwargs):
        if isinstance(ary, fake):  # device to device: the simulator's copy asks NumPy
            if not ary.is_c_contiguous():  # to read the source, which is refused above
                raise ValueError("copy_to_device needs a contiguous source array")
            return copy_to_device(self, ary._ary, *args, **kwargs)
        COPIES["to_device"] += 1
        return copy_to_device(self, ary, *args, **kwargs)

    fake.copy_to_host, fake.copy_to_device = counted_copy_to_host, counted_copy_to_device

    to_device = cuda.to_device

    def counted_to_device(ary, *args, **kwargs):
        COPIES["to_device"] += 1
        out = to_device(ary, *args, **kwargs)
        LIVE.add(out)
        return out

    cuda.to_device = counted_to_device

    device_array = cuda.device_array

    def poisoned_device_array(shape, dtype=np.float64, *args, **kwargs):
        out = device_array(shape, dtype, *args, **kwargs)
        _poison(out._ary)  # (the NumPy array inside the simulator's device array)
        LIVE.add(out)
        return out

    cuda.device_array = poisoned_device_array

    from numba.cuda.simulator import kernelapi
    from teachtensor.backend.cuda import simulator  # (its repairs: see there)
    local_array = kernelapi.FakeCUDALocal.array

    def poisoned_local_array(self, shape, dtype, alignment=None):
        return _poison(local_array(self, shape, dtype, alignment))

    simulator.new_shared_array = lambda shape, dtype: _poison(np.empty(shape, dtype))
    kernelapi.FakeCUDALocal.array = poisoned_local_array

    launch = simulated_kernel.FakeCUDAKernel.__call__

    def no_host_arrays(self, *args):
        if not self._device:
            for arg in args:
                if isinstance(arg, np.ndarray):
                    raise GPUStrictnessError(
                        f"a NumPy array of shape {arg.shape} was handed to the kernel "
                        f"{self.fn.__name__}: the simulator would copy it to the device and "
                        f"back at every launch; move data with backend.asarray first")
        return launch(self, *args)

    simulated_kernel.FakeCUDAKernel.__call__ = no_host_arrays


def _poison(array):
    """Fill a new array with garbage: NaN, True, or the largest integer."""
    kind = array.dtype.kind
    if kind in "fcbiu":  # (not the random generator's records)
        array.fill(np.nan if kind in "fc" else True if kind == "b" else
                   np.iinfo(array.dtype).max)
    return array

