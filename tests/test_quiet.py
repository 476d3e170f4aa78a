"""backend/quiet.py: NumPy calls without floating-point warnings, and nothing else
changed.  Both ways (NumPy's private error-state variable, and an np.errstate block
entered by hand) must behave alike, so every test runs with each: through ``quietly``,
and, in the last test, through the Numba backend's small-array arithmetic, which calls
the two halves ``silence`` and ``restore`` itself."""
import threading
import warnings
from functools import partial

import numpy as np
import pytest

from teachtensor.backend import numba_cpu, quiet

PAIRS = {"errstate": (quiet._errstate_silence, quiet._errstate_restore)}
if quiet.silence is not quiet._errstate_silence:
    PAIRS["contextvar"] = (quiet.silence, quiet.restore)


def _way(name, monkeypatch):
    """``quiet.quietly`` running on the pair ``name`` (and the Numba backend too, which
    imported the module's own pair when it was loaded)."""
    for module in (quiet, numba_cpu):
        monkeypatch.setattr(module, "silence", PAIRS[name][0])
        monkeypatch.setattr(module, "restore", PAIRS[name][1])
    return quiet.quietly


@pytest.fixture(params=sorted(PAIRS))
def way(request, monkeypatch):
    return _way(request.param, monkeypatch)


@pytest.mark.skipif(np.lib.NumpyVersion(np.__version__) < "2.0.0",
                    reason="NumPy 1.x has no error-state context variable: np.errstate is used")
def test_this_numpy_takes_the_quick_way():
    """NumPy 2.x has the error-state variable; if a new NumPy drops it, this test says so
    (teachtensor still works, through np.errstate, only slower)."""
    assert "contextvar" in PAIRS
    assert isinstance(quiet.silence, partial)


def test_no_warning_and_the_numbers_numpy_gives(way):
    x = np.array([1.0, 0.0, -1.0, 1e308], dtype=np.float64)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning would fail the test
        out = way(np.divide, x, np.zeros(4))
        big = way(np.multiply, x, x)
        root = way(np.sqrt, np.array([-1.0]))
    np.testing.assert_array_equal(out, [np.inf, np.nan, -np.inf, np.inf])
    assert big[3] == np.inf and np.isnan(root[0])


def test_the_error_state_is_put_back(way):
    """Afterwards the student's own NumPy code warns (or raises) as it did before,
    even when the call itself raised."""
    with np.errstate(divide="raise"):
        way(np.divide, 1.0, 0.0)  # no error inside
        with pytest.raises(FloatingPointError):
            np.divide(1.0, 0.0)  # and raising again outside
        with pytest.raises(ValueError):
            way(np.add, np.ones(2), np.ones(3))  # a failing call
        assert np.geterr()["divide"] == "raise"
    before = np.geterr()
    way(np.divide, 1.0, 0.0)
    assert np.geterr() == before


def test_other_threads_keep_their_warnings(way):
    """The error state is per thread: quiet calls in one thread while another thread
    computes never switch that thread's warnings off."""
    stop = threading.Event()
    seen = []

    def other():
        while not stop.is_set():
            seen.append(np.geterr()["divide"])

    thread = threading.Thread(target=other)
    thread.start()
    for _ in range(2000):
        way(np.divide, 1.0, 0.0)
    stop.set()
    thread.join()
    assert seen and set(seen) == {np.geterr()["divide"]}


def test_nested_quiet_calls_restore_in_turn(way):
    """A quiet call inside a quiet call (a gradient function calling the backend)
    leaves warnings off until the outer one ends, and then as they were."""
    with np.errstate(divide="raise"):
        def outer():
            inner = way(np.divide, 1.0, 0.0)
            assert np.geterr()["divide"] == "ignore"  # still inside the outer call
            return inner
        assert way(outer) == np.inf
        assert np.geterr()["divide"] == "raise"


def test_the_backends_small_arithmetic_is_quiet_and_puts_the_state_back(way, monkeypatch):
    """The Numba backend's small-array path (the users' tier: the tests otherwise force
    the kernels) calls ``silence``/``restore`` itself, around NumPy's call."""
    from teachtensor import backend as backends
    numba = backends.get_backend("numba")
    monkeypatch.setattr(numba, "numpy_below", type(numba).numpy_below)
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning would fail the test
        y = numba.binary("divide", np.array([1.0, 0.0], np.float32),
                         np.array(0.0, np.float32))
        z = numba.unary("sqrt", np.array(-1.0, np.float32))
        with pytest.raises(FloatingPointError):
            np.divide(np.ones(1), np.zeros(1))  # and raising again afterwards
    assert y[0] == np.inf and np.isnan(y[1]) and np.isnan(z)
    assert type(z) is np.ndarray and z.dtype == np.float32  # not a NumPy scalar


@pytest.mark.parametrize("name", ["numpy", "numba"])
def test_overflowing_matmul_and_sums_are_inf_without_a_warning(name, monkeypatch):
    """A diverging training loop (learning rate 1.0) overflows in matmul and in the
    loss's mean: inf and NaN, silently, as in TensorFlow, not NumPy's RuntimeWarnings
    from inside the backend."""
    from teachtensor import backend as backends
    chosen = backends.get_backend(name)
    if name == "numba":
        monkeypatch.setattr(chosen, "numpy_below", type(chosen).numpy_below)
    big = np.full((2, 2), 3e38, np.float32)
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        product = chosen.matmul(big, big)
        total = chosen.reduce("sum", big, (), False)
        with pytest.raises(FloatingPointError):
            np.multiply(big, big)  # the student's own NumPy keeps its settings
    assert np.all(product == np.inf) and total == np.inf
