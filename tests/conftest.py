"""Shared test settings.

Hypothesis profiles (choose with ``HYPOTHESIS_PROFILE=thorough pytest ...``):

* ``default``: few examples per property, so the whole core suite stays fast;
* ``thorough``: many more, for a long run before a release;
* ``ci``: like default but derandomized, so a CI failure repeats exactly.

Deadlines are off everywhere: the first call of a Numba kernel compiles (or loads
from the disk cache), and the machines running the tests are shared.
"""
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                     HealthCheck.data_too_large,
                                                     HealthCheck.filter_too_much])
settings.register_profile("default", max_examples=15, **_COMMON)
settings.register_profile("ci", max_examples=15, derandomize=True, **_COMMON)
settings.register_profile("thorough", max_examples=300, **_COMMON)
# Numba's CUDA simulator runs each GPU thread as a Python thread: few examples there.
settings.register_profile("simulator", max_examples=4, derandomize=True, **_COMMON)
# CI (which sets CI=true) runs the derandomized profile: the same examples every time.
_PROFILE = ("simulator" if os.environ.get("NUMBA_ENABLE_CUDASIM") == "1" else
            "ci" if os.environ.get("CI") else "default")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", _PROFILE))


def pytest_addoption(parser):
    parser.addoption("--backend", default=None,
                     help="run the tests with this teachtensor backend as the default "
                          "(e.g. 'strict', the test backend whose arrays NumPy cannot read)")
    parser.addoption("--user-tiers", action="store_true",
                     help="keep the Numba backend's users' setting: small arrays run NumPy's "
                          "loops (by default the tests run the kernels at every size)")


def pytest_configure(config):
    name = config.getoption("--backend")
    from teachtensor import backend as backends
    # Every size runs the Numba kernels here (users' small arrays run NumPy's loops:
    # "Two tiers" in numba_cpu.py; tests/test_tiers.py checks that split), unless
    # --user-tiers asks for the users' setting (make test runs the Keras tests so too).
    if not config.getoption("--user-tiers"):
        backends.get_backend("numba").numpy_below = 0
    if os.environ.get("NUMBA_ENABLE_CUDASIM") == "1":
        import cuda_strict  # the simulator, made as strict as a GPU (tests/cuda_strict.py)
        cuda_strict.install()
    if name:
        import strict_backend  # noqa: F401  (registers "strict")
        from teachtensor import backend
        backend.set_backend(name)
        if name == "cuda":
            import cuda_strict
            backend.get_backend("cuda").copies = cuda_strict.COPIES


@pytest.fixture(autouse=True)
def _no_tape_left_open():
    """A test that fails inside ``with GradientTape()`` must not leak the open tape
    into the next test (every later operation would be recorded on it)."""
    from teachtensor import tape
    yield
    leaked = list(tape.open_tapes())
    tape.open_tapes().clear()
    assert not leaked, f"a GradientTape was left open: {leaked}"


@pytest.fixture
def rng():
    """A seeded NumPy generator, for tests that need a few fixed random numbers."""
    return np.random.default_rng(0)
