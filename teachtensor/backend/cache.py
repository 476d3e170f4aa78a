"""Numba's on-disk cache of compiled kernels: where it lives, and surviving damage.

``@njit(cache=True)`` stores the machine code of a kernel in files next to its source
(``teachtensor/backend/__pycache__``), so the next Python process loads it in
milliseconds instead of compiling for seconds.  Two things can go wrong, and this
module handles both.

**No writable folder.**  When the package folder is read-only (a system-wide install),
Numba tries a folder in the user's home; when that is not writable either, defining a
cached kernel fails at import.  So before the kernels are defined we check, and if
neither place is writable we point ``NUMBA_CACHE_DIR`` at a folder of this user's own
in the temporary directory.  Cache files are pickles, and loading a pickle runs code,
so that folder must be one nobody else can write: we make it with permissions 0700 and
check its owner and permissions before using it (a folder of that name made by someone
else is never used).

**Damaged files.**  A cache file can be truncated (a full disk, a killed process) or
garbled.  Numba would then fail on the first call of that kernel, in every process,
until someone deletes the files by hand.  ``cached_njit`` gives each kernel a cache
that checks what it reads: every data file carries a SHA-256 checksum and the key it
was saved under.  Anything that does not load cleanly is deleted, the kernel is
compiled again (and saved afresh), and a warning says so, once per process.

**Stale kernels.**  Numba throws a cached kernel away when the file that defines it
changes, but not when a function it inlines from another file changes.  Every kernel
inlines the per-element math of ``scalar_math.py``, so each cache key also carries a
hash of that file: edit it (to add an operation, say) and the kernels compile afresh.
"""
import glob
import hashlib
import os
import pickle
import stat
import tempfile
import warnings

_KERNEL_DIR = os.path.dirname(os.path.abspath(__file__))


# ---- where the cache lives ------------------------------------------------------------

def _writable(folder):
    """True when ``folder`` exists and a file can be created in it, or it can be made."""
    try:
        os.makedirs(folder, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def _user_id():
    getuid = getattr(os, "getuid", None)
    if getuid is not None:
        return str(getuid())
    import getpass
    return getpass.getuser()


def private_folder(path):
    """``path`` as a folder only this user can write: made with mode 0700 if missing;
    an existing one must be a real folder (not a link), owned by this user, and not
    writable by group or others.  Returns the path, or None when it fails the checks."""
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        return None
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return None
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    return path


def choose_cache_dir(kernel_dir=_KERNEL_DIR, home_cache=None, writable=_writable,
                     temp_dir=None):
    """The folder Numba should cache into, or None when its own default works.

    The fallback is ``<temp>/teachtensor-numba-cache-<user id>``, checked to be this
    user's own; if it is not (someone else made a folder of that name), a new private
    folder from ``tempfile.mkdtemp`` (which then lasts one process: kernels compile
    at every start, but nobody else's files are ever loaded).
    """
    if os.environ.get("NUMBA_CACHE_DIR"):
        return None
    if writable(os.path.join(kernel_dir, "__pycache__")):
        return None
    home_cache = home_cache or os.path.join(os.path.expanduser("~"), ".cache", "numba")
    if writable(home_cache):
        return None
    temp_dir = temp_dir or tempfile.gettempdir()
    shared_name = os.path.join(temp_dir, f"teachtensor-numba-cache-{_user_id()}")
    folder = private_folder(shared_name)
    if folder is None:
        folder = tempfile.mkdtemp(prefix="teachtensor-numba-cache-", dir=temp_dir)
        _say_once("not private", f"teachtensor: {shared_name} is not a folder of this user's own, so "
                  f"it is not used for Numba's cache; kernels are cached in {folder} for "
                  f"this process only (set NUMBA_CACHE_DIR to a folder of your own to keep "
                  f"them)")
    return folder


_configured = []


def configure_numba_cache():
    """Set NUMBA_CACHE_DIR when Numba's default cache folders are not writable."""
    if _configured:
        return _configured[0]
    folder = choose_cache_dir()
    if folder is not None:
        os.environ["NUMBA_CACHE_DIR"] = folder
        try:
            import numba
            numba.config.CACHE_DIR = folder
        except ImportError:
            pass
    _configured.append(folder)
    return folder


# ---- surviving damaged cache files ------------------------------------------------------

_said = set()


def _say_once(what, message):
    """Warn about ``what`` the first time it happens in this process."""
    if what not in _said:
        _said.add(what)
        warnings.warn(message, RuntimeWarning, stacklevel=3)


class DamagedCacheFile(Exception):
    """A cache file whose checksum or key does not match what was saved."""


def cached_njit(function=None, **options):
    """``@njit(cache=True, error_model="numpy", **options)`` with a cache that
    recovers from damaged files (see the module docstring).

    ``error_model="numpy"``: a division by zero gives inf (as NumPy does) instead of
    raising, and Numba need not check every divisor (which would stop LLVM from
    vectorizing the loop).
    """
    configure_numba_cache()
    from numba import njit

    def decorate(fn):
        kernel = njit(cache=True, error_model=options.pop("error_model", "numpy"),
                      **options)(fn)
        kernel._cache = _RecoveringCache(kernel.py_func)
        return kernel

    return decorate(function) if function is not None else decorate


def _recovering_cache_class():
    from numba.core.caching import FunctionCache, IndexDataCacheFile

    class CheckedCacheFile(IndexDataCacheFile):
        """Numba's index + data files, each data file holding a checksum and its key."""

        def save(self, key, data):
            super().save(key, (key, data))

        def load(self, key):
            entry = super().load(key)
            if entry is None:
                return None
            saved_key, data = entry
            if saved_key != key:
                raise DamagedCacheFile(f"a data file of {self._index_path} holds another key")
            return data

        def _save_data(self, name, data):
            payload = self._dump(data)
            with self._open_for_write(self._data_path(name)) as f:
                f.write(hashlib.sha256(payload).digest())
                f.write(payload)

        def _load_data(self, name):
            with open(self._data_path(name), "rb") as f:
                blob = f.read()
            digest, payload = blob[:32], blob[32:]
            if hashlib.sha256(payload).digest() != digest:
                raise DamagedCacheFile(f"{self._data_path(name)}: checksum does not match")
            return pickle.loads(payload)

    class RecoveringCache(FunctionCache):
        """Numba's per-function cache; a file that fails to load is deleted instead of
        failing the call, and the kernel is compiled again."""

        def _index_key(self, sig, codegen):
            return super()._index_key(sig, codegen) + (_inlined_source_hash(),)

        def __init__(self, py_func):
            super().__init__(py_func)
            self._cache_file = CheckedCacheFile(
                cache_path=self._cache_path, filename_base=self._impl.filename_base,
                source_stamp=self._impl.locator.get_source_stamp())

        def _load_overload(self, sig, target_context):
            if not self._enabled:
                return None
            key = self._index_key(sig, target_context.codegen())
            try:
                data = self._cache_file.load(key)
                return None if data is None else self._impl.rebuild(target_context, data)
            except Exception as error:  # truncated, garbled, or not ours
                self._drop(error)
                return None

        def _save_overload(self, sig, data):
            try:
                super()._save_overload(sig, data)
            except Exception as error:  # e.g. the index was damaged after we read it
                self._drop(error)

        def _drop(self, error):
            base = os.path.join(self._cache_path, self._impl.filename_base)
            for path in glob.glob(glob.escape(base) + ".*"):
                try:
                    os.remove(path)
                except OSError:
                    pass
            _say_once("damaged", f"teachtensor: Numba's cache of {self._py_func.__name__} "
                                 f"was damaged ({type(error).__name__}: {error}); removed "
                                 f"the bad files and compiled the kernel again (this warning "
                                 f"is shown once; other damaged kernels are mended silently)")

    return RecoveringCache


_INLINED_SOURCES = [os.path.join(_KERNEL_DIR, "scalar_math.py")]
_hashes = []


def _inlined_source_hash():
    """A hash of the files whose functions the kernels inline (``scalar_math.py``)."""
    if not _hashes:
        digest = hashlib.sha256()
        for path in _INLINED_SOURCES:
            with open(path, "rb") as f:
                digest.update(f.read())
        _hashes.append(digest.hexdigest())
    return _hashes[0]


class _LazyCacheClass:
    """Builds the cache class on first use, so importing this module needs no Numba."""

    cls = None

    def __call__(self, py_func):
        if _LazyCacheClass.cls is None:
            _LazyCacheClass.cls = _recovering_cache_class()
        return _LazyCacheClass.cls(py_func)


_RecoveringCache = _LazyCacheClass()
