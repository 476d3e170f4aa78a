# The commands a user types.  Each one sets up .venv the first time it is needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test bench clean setup

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(PY) -m teachtensor.demo

# The core, tape, Keras and data tests once more on the strict test backend, whose
# arrays NumPy cannot read: any NumPy leak in the core fails there (tests/strict_backend.py).
STRICT_TESTS := tests/test_tensor.py tests/test_variable.py tests/test_tape.py \
	tests/test_gradients.py tests/test_ops_forward.py tests/test_custom_gradient.py \
	tests/test_scalar.py tests/test_errors.py tests/test_numerics_and_errors.py \
	tests/test_threads.py tests/test_chapter_listings.py tests/keras

test: $(STAMP)
	$(PY) -m pytest tests
	$(PY) -m pytest --backend strict $(STRICT_TESTS)

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) demo-output .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
