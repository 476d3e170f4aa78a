"""Two repairs for Numba's CUDA simulator (``NUMBA_ENABLE_CUDASIM=1``), applied when the
CUDA backend starts under it.

The simulator runs every GPU thread as a Python thread, so that kernels run (slowly)
on any computer: the tests use it, and so does tutorial 6.

1. **Shared memory, one array per block.**  A kernel's ``cuda.shared.array(...)`` must
   give every thread of a block the *same* array.  The simulator finds it in a
   dictionary keyed by the line of code that asks, filled by the first thread to ask;
   two threads asking at the same moment can each fill it, and then the block's threads
   do not share: a reduction comes out wrong, once in a few thousand launches
   (numba-cuda 0.30).  Here a lock makes the look-up and the filling one step.
2. **Faster meetings.**  At ``cuda.syncthreads()`` a block's threads wait for each
   other; with Python's default thread switch interval (5 ms) each meeting costs
   milliseconds.  Switching every 10 microseconds makes the simulator about 20 times
   faster (``sys.setswitchinterval``; this changes nothing but speed).

``new_shared_array`` makes a block's shared array; the strict test simulator
(``tests/cuda_strict.py``) replaces it to fill new arrays with garbage.
"""
import sys
import threading

import numpy as np

new_shared_array = np.empty  # (shape, dtype) -> the array a block's threads share

_lock = threading.Lock()
_repaired = []


def repair():
    """Apply both repairs (once)."""
    if _repaired:
        return
    from numba.cuda.simulator import kernelapi
    from numba.np import numpy_support
    simulators_own = kernelapi.FakeCUDAShared.array

    def shared_array(self, shape, dtype, alignment=None):
        if shape == 0 or alignment is not None:  # dynamic shared memory, or refused
            return simulators_own(self, shape, dtype, alignment)
        caller = sys._getframe(1)  # the line of the kernel that asks names the array
        key = (caller.f_code.co_filename, caller.f_lineno)
        with _lock:
            if key not in self._allocations:
                if not isinstance(dtype, np.dtype):
                    dtype = numpy_support.as_dtype(dtype)
                self._allocations[key] = new_shared_array(shape, dtype)
            return self._allocations[key]

    kernelapi.FakeCUDAShared.array = shared_array
    sys.setswitchinterval(1e-5)
    _repaired.append(True)
