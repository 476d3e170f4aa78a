"""Numba's kernel cache must work wherever teachtensor is installed."""
import os
import subprocess
import sys
import tempfile

import numpy as np
import pytest

from teachtensor.backend import cache
from teachtensor.backend.cache import choose_cache_dir


def _writable_only(*allowed):
    """A fake ``writable`` that says yes only for folders in ``allowed``."""
    seen = []

    def writable(folder):
        seen.append(folder)
        return folder in allowed
    writable.seen = seen
    return writable


def test_package_folder_writable(monkeypatch):
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    writable = _writable_only(os.path.join("/pkg/backend", "__pycache__"))
    assert choose_cache_dir("/pkg/backend", "/home/u/.cache/numba", writable) is None


def test_only_home_cache_writable(monkeypatch):
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    writable = _writable_only("/home/u/.cache/numba")
    assert choose_cache_dir("/pkg/backend", "/home/u/.cache/numba", writable) is None
    assert writable.seen == [os.path.join("/pkg/backend", "__pycache__"),
                             "/home/u/.cache/numba"]


def test_nothing_writable_picks_a_temp_folder(monkeypatch):
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    folder = choose_cache_dir("/pkg/backend", "/home/u/.cache/numba", _writable_only())
    assert folder is not None
    assert os.path.commonpath([folder, tempfile.gettempdir()]) == tempfile.gettempdir()


def test_an_explicit_numba_cache_dir_wins(monkeypatch):
    monkeypatch.setenv("NUMBA_CACHE_DIR", "/somewhere")
    assert choose_cache_dir("/pkg/backend", "/home/u/.cache/numba", _writable_only()) is None


def test_import_with_a_fresh_home_and_no_numba_cache_dir(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env["HOME"] = str(tmp_path)
    code = ("import teachtensor as tf; "
            "print(float(tf.reduce_sum(tf.exp(tf.ones((3,))) * 2)))")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert abs(float(result.stdout.strip()) - 6 * 2.718281828) < 1e-4


def test_kernels_load_when_no_default_cache_folder_is_writable(tmp_path):
    """End to end: with every default folder refused, the Numba backend still loads,
    caching into the temporary folder that ``configure_numba_cache`` chose."""
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env["TEACHTENSOR_BACKEND"] = "numpy"  # import without Numba first
    env["TMPDIR"] = str(tmp_path)
    code = "\n".join([
        "import os, sys, tempfile",
        "import teachtensor as tf",
        "from teachtensor.backend import cache, get_backend",
        "assert 'numba' not in sys.modules",
        "defaults = cache.choose_cache_dir.__defaults__",
        "cache.choose_cache_dir.__defaults__ = (defaults[0], None, lambda folder: False, None)",
        "backend = get_backend('numba')",
        "import numpy as np",
        "print(backend.unary('exp', np.zeros(3))[0])",
        "print(os.environ['NUMBA_CACHE_DIR'])",
    ])
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    value, folder = result.stdout.split()
    assert float(value) == 1.0
    assert folder.startswith(str(tmp_path))


# ---- the fallback folder is this user's own -------------------------------------------

def test_the_fallback_folder_is_private(tmp_path, monkeypatch):
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    folder = choose_cache_dir("/pkg/backend", "/home/u/.cache/numba", _writable_only(),
                              temp_dir=str(tmp_path))
    assert os.path.basename(folder) == f"teachtensor-numba-cache-{os.getuid()}"
    info = os.stat(folder)
    assert info.st_uid == os.getuid() and info.st_mode & 0o777 == 0o700
    # a second process finds it again and uses it
    assert choose_cache_dir("/pkg/backend", "/home/u/.cache/numba", _writable_only(),
                            temp_dir=str(tmp_path)) == folder


def _someone_elses_folder(path):
    os.makedirs(path)
    os.chmod(path, 0o777)  # writable by anyone: a trap another user could have set


@pytest.mark.parametrize("trap", ["world-writable", "symlink", "other owner"])
def test_a_fallback_folder_made_by_someone_else_is_never_used(tmp_path, monkeypatch, trap):
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.setattr(cache, "_said", set())  # said once per process: say it again here
    name = tmp_path / f"teachtensor-numba-cache-{os.getuid()}"
    if trap == "world-writable":
        _someone_elses_folder(name)
    elif trap == "symlink":
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir(mode=0o700)
        name.symlink_to(elsewhere)
    else:
        if os.getuid() != 0:
            pytest.skip("making a folder owned by another user needs root")
        name.mkdir(mode=0o700)
        os.chown(name, 12345, 12345)
    with pytest.warns(RuntimeWarning, match="not a folder of this user's own"):
        folder = choose_cache_dir("/pkg/backend", "/home/u/.cache/numba", _writable_only(),
                                  temp_dir=str(tmp_path))
    assert folder != str(name) and os.path.dirname(folder) == str(tmp_path)
    info = os.lstat(folder)
    assert info.st_uid == os.getuid() and info.st_mode & 0o777 == 0o700


# ---- a damaged cache is mended, once ------------------------------------------------------

_WORKLOAD = """
import numpy as np
import teachtensor as tf
tf.backend.get_backend("numba").numpy_below = 0  # kernels even for these small arrays
x = tf.constant(np.arange(12, dtype=np.float32).reshape(3, 4) / 10)
values = [
    tf.reduce_sum(tf.exp(x)),                          # unary, sum_rows
    tf.reduce_sum(x + x * 2),                          # zip
    tf.reduce_sum(x + tf.constant([1., 2., 3., 4.])),  # binary (broadcast rows)
    tf.reduce_sum(tf.reduce_max(x, axis=1)),           # extreme_rows
    tf.reduce_sum(tf.reduce_sum(x, axis=0)),           # reduce
    tf.reduce_sum(tf.nn.softmax(x)),                   # softmax
    tf.reduce_sum(tf.where(x > 0.5, x, 0.)),           # compare, where
]
print(" ".join(f"{float(v):.6f}" for v in values))
"""


def _run_workload(cache_dir):
    env = {k: v for k, v in os.environ.items()}
    env["NUMBA_CACHE_DIR"] = str(cache_dir)
    result = subprocess.run([sys.executable, "-W", "always::RuntimeWarning", "-c", _WORKLOAD],
                            env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip(), result.stderr


def _damage(path, how, rng):
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[:len(data) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "garbled":
        garbled = bytearray(data)
        for i in rng.choice(len(data), size=max(1, len(data) // 50), replace=False):
            garbled[i] ^= 0xFF
        path.write_bytes(bytes(garbled))
    elif how == "zeros":
        path.write_bytes(bytes(len(data)))
    elif how == "one byte":
        path.write_bytes(data[:-1])
    elif how == "text":
        path.write_text("not a cache file")
    elif how == "swapped":  # another kernel's (valid) data file in its place
        others = sorted(p for p in path.parent.rglob("*.nbc") if p != path)
        path.write_bytes(others[0].read_bytes())


def test_a_damaged_kernel_cache_is_recovered_from(tmp_path):
    """Each of the workload's kernels has its cache damaged in a different way; the next
    process still computes the right numbers, warns once, and mends the files."""
    cache = tmp_path / "cache"
    expected, _ = _run_workload(cache)
    rng = np.random.default_rng(0)
    damages = ["truncated", "empty", "garbled", "zeros", "one byte", "text", "swapped"]
    data_files = sorted(cache.rglob("*.nbc"))
    index_files = sorted(cache.rglob("*.nbi"))
    assert len(data_files) >= 7 and len(index_files) >= 7
    for i, how in enumerate(damages):
        _damage(data_files[i], how, rng)                     # a data file each way...
        _damage(index_files[-1 - i], how if how != "swapped" else "garbled", rng)  # ...and an index
    values, warnings = _run_workload(cache)
    assert values == expected
    assert warnings.count("was damaged") == 1, warnings
    values, warnings = _run_workload(cache)  # mended: nothing more to say
    assert values == expected and "damaged" not in warnings
