"""Where the CPU backends' arrays get their memory, and why we tune it.

Every operation returns a new array, so a training step allocates and frees several
megabytes: the hidden layer of the book's MNIST model is 128 x 512 float32 numbers
(256 KiB) per step and operation, the gradient of its kernel 784 x 512 (1.6 MiB).

**What glibc's ``malloc`` does with a big block.**  A request of 128 KiB or more does
not come from the process's heap: ``malloc`` asks the kernel for fresh pages
(``mmap``), and ``free`` hands them straight back (``munmap``).  glibc then raises that
threshold to the freed block's size, but it also gives the free top of the heap back to
the kernel beyond twice that size, so a step's several such arrays are returned all the
same.  Fresh pages cost nothing until they are touched; then each 4 KiB page stops the
program once (a *page fault*) while the kernel finds a page and fills it with zeros.
So every new 1.6 MiB array costs about 400 page faults before a single number is
written, and the next step, asking for the same size again, pays again.  Measured on
the MNIST model (``benchmarks/compare.py``): about 360 page faults per training step, a
fifth of the step's CPU time.

**The fix: keep freed memory in the process.**  glibc has two knobs (``mallopt``):

* ``M_MMAP_THRESHOLD``: requests at least this big go to ``mmap``.  We raise it to
  32 MiB, so a layer's arrays come from the heap, where freed blocks are reused;
* ``M_TRIM_THRESHOLD``: free memory at the top of the heap beyond this much is given
  back to the kernel.  We raise it to 64 MiB, so a step's freed arrays stay for the
  next step.

With both, a training step of that model page-faults about 5 times instead of 360.
The memory a step uses is the same; free memory at the top of the heap is kept, up to
64 MiB, instead of returned.  The price: a block freed *below* one still in use was never
given back by the heap, and now that arrays up to 32 MiB live there, a program that
frees many big arrays while keeping small ones made after them keeps that memory until
it ends (for reuse by its later arrays, as a caching allocator does).
``TEACHTENSOR_KEEP_FREED_MEMORY=0`` is the way out.  PyTorch's CPU tuning guide gives the
same advice in another form: run with ``jemalloc`` or ``tcmalloc``, allocators that
cache freed blocks.  (PyTorch's GPU allocator, and many frameworks' CPU ones, cache
blocks themselves: a *caching allocator*.)

This runs once, when the first CPU backend is made; only where the C library is glibc
(Linux).  Set ``TEACHTENSOR_KEEP_FREED_MEMORY=0`` (or ``false``, ``no``, ``off``) before
importing to leave ``malloc`` as it was.
"""
import ctypes
import ctypes.util
import os
import platform

M_TRIM_THRESHOLD = -1   # glibc's <malloc.h> numbers for the two knobs
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 32 << 20
TRIM_THRESHOLD = 64 << 20

_tuned = None  # None: not tried yet; then True or False


def keep_freed_memory():
    """Ask glibc to keep freed blocks for reuse (see the module docstring).  True when
    both settings took effect; False where they do not apply (not glibc, or switched
    off with ``TEACHTENSOR_KEEP_FREED_MEMORY=0``)."""
    global _tuned
    if _tuned is None:
        _tuned = _tune()
    return _tuned


def _tune():
    setting = os.environ.get("TEACHTENSOR_KEEP_FREED_MEMORY", "1").strip().lower()
    if setting in ("0", "false", "no", "off"):
        return False
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return False
    mallopt = libc.mallopt
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    # mallopt returns 1 when it accepted a setting, 0 when it refused it.
    return (mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1 and
            mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1)
