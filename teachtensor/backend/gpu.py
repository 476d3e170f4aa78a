"""Is there a GPU?  Answered cheaply, without importing numba.cuda when there is none.

Importing ``numba.cuda`` and asking the driver takes about a second, which every
``import teachtensor`` would pay on machines without a GPU.  So the question is asked
in steps: a GPU needs the numba-cuda package (``pip install -e ".[gpu]"``) and an NVIDIA
driver (whose files are looked for on disk); only then is numba.cuda imported and the
driver asked.  ``NUMBA_ENABLE_CUDASIM=1`` (Numba's CUDA simulator, which runs CUDA
kernels on the CPU, slowly) counts as a GPU: that is how the tests run the CUDA backend
without one.  ``TEACHTENSOR_DEVICE=cpu`` hides any GPU (and the simulator): everything
runs on the CPU, and ``tf.device("GPU:0")`` falls back to it.
"""
import glob
import importlib.util
import os

_answer = []


def simulating():
    """True when Numba's CUDA simulator stands in for a GPU."""
    return os.environ.get("NUMBA_ENABLE_CUDASIM") == "1"


def _driver_files():
    return (os.path.exists("/proc/driver/nvidia/version") or bool(glob.glob("/dev/nvidia[0-9]*"))
            or os.path.exists("/usr/lib/wsl/lib/libcuda.so"))


def gpu_available():
    """True when a CUDA GPU (or the simulator) can run teachtensor's kernels."""
    if not _answer:
        _answer.append(_ask())
    return _answer[0]


def _ask():
    if os.environ.get("TEACHTENSOR_DEVICE", "").strip().lower() == "cpu":
        return False
    if simulating():
        return True
    if importlib.util.find_spec("numba_cuda") is None or not _driver_files():
        return False
    try:
        from numba import cuda
        return bool(cuda.is_available())
    except Exception:  # a broken driver or toolkit: no GPU, rather than no import
        return False
