"""The CPU backends ask glibc to keep freed memory (``teachtensor/backend/memory.py``).

Each check runs in a new process, so that the setting (process-wide, and made once) is
seen from the start.  The pattern is a training step's: several arrays of 1.6 MiB (a
Dense(512) kernel's gradient on MNIST) alive at once, then all freed, over and over.
Only the first round should page-fault.
"""
import os
import platform
import subprocess
import sys

import pytest

GLIBC = platform.system() == "Linux" and platform.libc_ver()[0] == "glibc"
# (32-bit glibc refuses an mmap threshold above 512 KiB: keep_freed_memory says False)
GLIBC = GLIBC and sys.maxsize > 2**32


def _huge_pages_always():
    """Transparent huge pages for every mapping: then even malloc's own behaviour
    page-faults only once per 2 MiB, and the untuned count proves nothing."""
    try:
        with open("/sys/kernel/mm/transparent_hugepage/enabled") as f:
            return "[always]" in f.read()
    except OSError:
        return False

_REUSE = """
import resource, numpy as np
from teachtensor.backend import get_backend, memory
get_backend("numba")                       # a CPU backend made (the default may be a GPU)
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(50):
    step = [np.empty(784 * 512, dtype=np.float32) for _ in range(5)]
    for a in step:
        a.fill(1.0)                        # touches every page
    del step, a
faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
print(memory.keep_freed_memory(), faults)
"""


def _run(env_value=None):
    env = dict(os.environ)
    # malloc as glibc makes it by default: no tunables, no other allocator preloaded
    for name in [n for n in env if n.startswith("MALLOC_") or n in (
            "TEACHTENSOR_KEEP_FREED_MEMORY", "GLIBC_TUNABLES")]:
        del env[name]
    if "malloc" in env.get("LD_PRELOAD", ""):  # jemalloc, tcmalloc, mimalloc
        del env["LD_PRELOAD"]
    if env_value is not None:
        env["TEACHTENSOR_KEEP_FREED_MEMORY"] = env_value
    out = subprocess.run([sys.executable, "-c", _REUSE], capture_output=True, text=True,
                         env=env, check=True).stdout.split()
    return out[0] == "True", int(out[1])


@pytest.mark.skipif(not GLIBC, reason="the setting is glibc's (Linux)")
def test_freed_blocks_are_reused():
    tuned, faults = _run()
    assert tuned
    # 400 pages of 4 KiB per array: 100,000 faults if each array were fresh memory.
    assert faults < 5000, faults


@pytest.mark.skipif(not GLIBC, reason="the setting is glibc's (Linux)")
@pytest.mark.skipif(_huge_pages_always(), reason="huge pages hide the faults")
def test_switched_off_leaves_malloc_as_it_was():
    tuned, faults = _run("0")
    assert not tuned
    assert faults > 50000, faults  # every array fresh pages again: the cost it removes


@pytest.mark.parametrize("value", ["0", "false", "No", " off "])
def test_the_switch_takes_the_usual_spellings_of_no(value, monkeypatch):
    from teachtensor.backend import memory
    monkeypatch.setenv("TEACHTENSOR_KEEP_FREED_MEMORY", value)
    assert memory._tune() is False


def test_says_false_where_it_does_not_apply(monkeypatch):
    from teachtensor.backend import memory
    monkeypatch.setattr(memory.platform, "system", lambda: "Darwin")
    assert memory._tune() is False
