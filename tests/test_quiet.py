"""backend/quiet.py: one NumPy call without floating-point warnings, and nothing else
changed.  Both ways (NumPy's private error-state variable, and np.errstate itself)
must behave alike, so every test runs with each."""
import threading
import warnings

import numpy as np
import pytest

from teachtensor.backend import quiet

WAYS = [quiet._errstate_quietly]
if quiet._IGNORE_ALL is not None:
    WAYS.append(quiet._contextvar_quietly)


@pytest.mark.skipif(np.lib.NumpyVersion(np.__version__) < "2.0.0",
                    reason="NumPy 1.x has no error-state context variable: np.errstate is used")
def test_this_numpy_takes_the_quick_way():
    """NumPy 2.x has the error-state variable; if a new NumPy drops it, this test says so
    (teachtensor still works, through np.errstate, only slower)."""
    assert quiet.quietly is quiet._contextvar_quietly


@pytest.mark.parametrize("way", WAYS, ids=lambda f: f.__name__)
def test_no_warning_and_the_numbers_numpy_gives(way):
    x = np.array([1.0, 0.0, -1.0, 1e308], dtype=np.float64)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning would fail the test
        out = way(np.divide, x, np.zeros(4))
        big = way(np.multiply, x, x)
        root = way(np.sqrt, np.array([-1.0]))
    np.testing.assert_array_equal(out, [np.inf, np.nan, -np.inf, np.inf])
    assert big[3] == np.inf and np.isnan(root[0])


@pytest.mark.parametrize("way", WAYS, ids=lambda f: f.__name__)
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


@pytest.mark.parametrize("way", WAYS, ids=lambda f: f.__name__)
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
