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
SOFTMAX_SETTING = numba_cpu.NumbaBackend.softmax_numpy_below
SOFTMAX = {"softmax": lambda be, x: be.softmax(x, -1),
           "log_softmax": lambda be, x: be.log_softmax(x, 0)}


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


FIRST_MODEL = (
    "import sys, numpy as np; from teachtensor import keras\n"
    "m = keras.Sequential([keras.layers.Dense(16, activation='relu'),\n"
    "                      keras.layers.Dense(3, activation='softmax')])\n"
    "m.compile(optimizer='rmsprop', loss='sparse_categorical_crossentropy',\n"
    "          metrics=['accuracy'])\n"
    "m.fit(np.random.rand(256, 8).astype('float32'), np.random.randint(0, 3, 256),\n"
    "      epochs=1, verbose=0)\n")


@pytest.mark.parametrize("fn", sorted(SOFTMAX))
@pytest.mark.parametrize("shape", [(32, 3), (128, 10)])
def test_softmax_has_a_lower_threshold(fn, shape, numba_backend, monkeypatch):
    """A softmax of a few classes runs NumPy, the MNIST batch's (128 x 10) the kernel."""
    x = np.random.default_rng(0).normal(size=shape).astype(np.float32)
    calls = _spy(monkeypatch, ["softmax_kernel"])
    got = SOFTMAX[fn](numba_backend, x)
    assert bool(calls) == (x.size >= SOFTMAX_SETTING), (fn, shape, calls)
    np.testing.assert_allclose(got, SOFTMAX[fn](REFERENCE, x), rtol=1e-6, atol=1e-7)


def test_a_small_first_model_never_imports_numba():
    """A new process fitting a small model (a student's first exercise) imports no
    Numba and so compiles no kernel: its start is import time plus the fit, a fraction
    of a second.  (On the Numba backend, also where a GPU would be the default.)"""
    script = FIRST_MODEL + "print('numba' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, env=dict(os.environ, TEACHTENSOR_BACKEND="numba")).stdout
    assert out.strip() == "False", out


def test_big_work_imports_numba_and_compiles_only_what_it_needs():
    """The first array big enough for a kernel imports Numba; a model with one big
    variable compiles its optimizer's kernel (for all its variables, from the first
    step) and the kernels its big arrays meet, but not softmax, whose batch (32 rows
    of 3 classes) is small."""
    script = FIRST_MODEL.replace("Dense(16,", "Dense(4096,") + (
        "from teachtensor.backend import numba_kernels as k, numba_optimizers as o\n"
        "used = [n for n in dir(k) + dir(o) if n.endswith('_kernel')\n"
        "        and getattr(getattr(k, n, None) or getattr(o, n), 'signatures', None)]\n"
        "print(sorted(used))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, env=dict(os.environ, TEACHTENSOR_BACKEND="numba")).stdout
    used = eval(out.strip().splitlines()[-1])
    assert "rmsprop_kernel" in used and "softmax_kernel" not in used, used


def _fused_calls(monkeypatch):
    from teachtensor.backend import numba_optimizers
    calls = []
    real = numba_optimizers.fused_update
    monkeypatch.setattr(numba_optimizers, "fused_update",
                        lambda rule, weight, *rest: calls.append(weight.size) or
                        real(rule, weight, *rest))
    return calls


def _train(optimizer, shapes, steps, seed=0):
    import teachtensor as tf
    rng = np.random.default_rng(seed)
    variables = [tf.Variable(rng.normal(size=s).astype(np.float32)) for s in shapes]
    for _ in range(steps):
        grads = [tf.constant(rng.normal(size=s).astype(np.float32)) for s in shapes]
        optimizer.apply_gradients(zip(grads, variables))
    return [v.numpy() for v in variables]


def test_the_optimizer_kernel_waits_until_small_work_has_run_long(numba_backend, monkeypatch):
    """Small variables: the optimizer's update_step (operations) for its first
    ``fuse_after_steps`` steps, then the fused kernel; the numbers follow the same
    equations either way."""
    from teachtensor import keras
    monkeypatch.setattr(numba_backend, "fuse_after_steps", 3)
    calls = _fused_calls(monkeypatch)
    tiered = _train(keras.optimizers.RMSprop(0.01), [(4, 3), (3,)], steps=5)
    assert calls == [12, 3, 12, 3], calls  # steps 4 and 5, each variable
    monkeypatch.setattr(numba_backend, "fuse_after_steps", 0)
    always = _train(keras.optimizers.RMSprop(0.01), [(4, 3), (3,)], steps=5)
    for a, b in zip(tiered, always):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7)


def test_one_big_variable_gives_the_whole_step_the_kernel(numba_backend, monkeypatch):
    from teachtensor import keras
    calls = _fused_calls(monkeypatch)
    _train(keras.optimizers.Adam(), [(USER_SETTING,), (3,)], steps=2)
    assert calls == [USER_SETTING, 3, USER_SETTING, 3], calls


def test_this_run_uses_the_setting_it_says(request):
    """``make test`` runs most tests with the kernels at every size, and the Keras and
    book tests once more with ``--user-tiers``, as users run them."""
    expected = USER_SETTING if request.config.getoption("--user-tiers") else 0
    assert get_backend("numba").numpy_below == expected
