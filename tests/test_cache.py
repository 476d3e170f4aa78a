"""Numba's kernel cache must work wherever teachtensor is installed."""
import os
import subprocess
import sys
import tempfile

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
        "cache.choose_cache_dir.__defaults__ = (defaults[0], None, lambda folder: False)",
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
