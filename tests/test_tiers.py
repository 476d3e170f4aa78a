"""The Numba backend's two tiers (``teachtensor/backend/numba_cpu.py``): work smaller
than ``numpy_below`` elements runs NumPy's loops, bigger work the kernels, with the
same numbers either way.  (The other tests set ``numpy_below = 0``, except in the run
with ``--user-tiers``.)"""
import os
import subprocess
import sys

import numpy as np
import pytest

from teachtensor.backend import get_backend
from teachtensor.backend import numba_cpu
from teachtensor.backend import numba_kernels as kernels
from teachtensor.backend.reference import NumpyBackend

USER_SETTING = numba_cpu.NumbaBackend.numpy_below
REFERENCE = NumpyBackend()

CALLS = {  # backend method -> (the kernels it may use, a call with arrays of n elements)
    "unary": (("unary_kernel",), lambda be, x, y: be.unary("exp", x)),
    "binary": (("binary_kernel", "zip_kernel"), lambda be, x, y: be.binary("add", x, y)),
    "compare": (("compare_kernel",), lambda be, x, y: be.compare("greater", x, y)),
    "where": (("where_kernel",), lambda be, x, y: be.where(x > 0.5, x, np.zeros((), x.dtype))),
    "reduce": (("reduce_kernel", "sum_rows_kernel"),
               lambda be, x, y: be.reduce("sum", x, (0,), False)),
}


@pytest.fixture
def numba_backend(monkeypatch):
    backend = get_backend("numba")
    monkeypatch.setattr(backend, "numpy_below", USER_SETTING)
    return backend


def _spy(monkeypatch, names):
    calls = []
    for name in names:
        kernel = getattr(kernels, name)
        monkeypatch.setattr(kernels, name,
                            lambda *args, _k=kernel, _n=name: calls.append(_n) or _k(*args))
    return calls


@pytest.mark.parametrize("method", sorted(CALLS))
@pytest.mark.parametrize("rows", [2, 128])  # 2 x 512 and 128 x 512 elements
def test_small_work_runs_numpy_big_work_the_kernels(method, rows, numba_backend,
                                                    monkeypatch):
    names, call = CALLS[method]
    rng = np.random.default_rng(0)
    x = rng.random((rows, 512), dtype=np.float32)
    y = rng.random(512, dtype=np.float32)
    calls = _spy(monkeypatch, names)
    got = call(numba_backend, x, y)
    big = x.size >= USER_SETTING
    assert bool(calls) == big, (method, x.size, calls)
    np.testing.assert_allclose(got, call(REFERENCE, x, y), rtol=1e-6)


def test_a_small_first_model_compiles_only_softmax_and_its_optimizer():
    """A new process fitting a small model (a student's first exercise) compiles no
    elementwise or reduction kernel: its cold start is import time plus the fit.  (On
    the Numba backend, also where a GPU would be the default.)"""
    script = (
        "import numpy as np; from teachtensor import keras\n"
        "from teachtensor.backend import numba_kernels as k, numba_optimizers as o\n"
        "m = keras.Sequential([keras.layers.Dense(16, activation='relu'),\n"
        "                      keras.layers.Dense(3, activation='softmax')])\n"
        "m.compile(optimizer='rmsprop', loss='sparse_categorical_crossentropy',\n"
        "          metrics=['accuracy'])\n"
        "m.fit(np.random.rand(256, 8).astype('float32'), np.random.randint(0, 3, 256),\n"
        "      epochs=1, verbose=0)\n"
        "used = [n for n in dir(k) + dir(o) if n.endswith('_kernel')\n"
        "        and getattr(getattr(k, n, None) or getattr(o, n), 'signatures', None)]\n"
        "print(sorted(used))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, env=dict(os.environ, TEACHTENSOR_BACKEND="numba")).stdout
    assert out.strip() == "['rmsprop_kernel', 'softmax_kernel']", out


def test_this_run_uses_the_setting_it_says(request):
    """``make test`` runs most tests with the kernels at every size, and the Keras and
    book tests once more with ``--user-tiers``, as users run them."""
    expected = USER_SETTING if request.config.getoption("--user-tiers") else 0
    assert get_backend("numba").numpy_below == expected
