"""Making Numba's on-disk cache work wherever teachtensor is installed.

``@njit(cache=True)`` stores compiled kernels next to the source file
(``teachtensor/backend/__pycache__``).  When the package folder is read-only (a
system-wide install), Numba tries a folder in the user's home; when that is not
writable either, defining a cached kernel fails at import.  So before the kernels are
defined we check, and if neither place is writable we point ``NUMBA_CACHE_DIR`` at a
folder in the temporary directory.
"""
import os
import tempfile

_KERNEL_DIR = os.path.dirname(os.path.abspath(__file__))


def _writable(folder):
    """True when ``folder`` exists and a file can be created in it, or it can be made."""
    try:
        os.makedirs(folder, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def choose_cache_dir(kernel_dir=_KERNEL_DIR, home_cache=None, writable=_writable):
    """The folder Numba should cache into, or None when its own default works."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return None
    if writable(os.path.join(kernel_dir, "__pycache__")):
        return None
    home_cache = home_cache or os.path.join(os.path.expanduser("~"), ".cache", "numba")
    if writable(home_cache):
        return None
    return os.path.join(tempfile.gettempdir(), "teachtensor-numba-cache")


def configure_numba_cache():
    """Set NUMBA_CACHE_DIR when Numba's default cache folders are not writable."""
    folder = choose_cache_dir()
    if folder is not None:
        os.makedirs(folder, exist_ok=True)
        os.environ["NUMBA_CACHE_DIR"] = folder
        try:
            import numba
            numba.config.CACHE_DIR = folder
        except ImportError:
            pass
    return folder
