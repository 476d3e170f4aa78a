# The commands a user types.  Each one sets up .venv the first time it is needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test bench gpu-check clean setup dist notebook lab docs

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

# A wheel, to install teachtensor where there is no clone (another computer, Colab):
#   pip install dist/teachtensor-0.1.0-py3-none-any.whl
DIST ?= dist
dist: $(STAMP)
	rm -f $(DIST)/teachtensor-*.whl
	$(PY) -m pip wheel --quiet --no-deps --wheel-dir $(DIST) .
	@ls $(DIST)/teachtensor-*.whl

# Jupyter in .venv (the notebook extra), then the tutorials in your browser.
# More options for Jupyter: make notebook JUPYTER_ARGS="--no-browser --port 8889"
NOTEBOOK_STAMP := $(VENV)/.notebook-installed
JUPYTER_ARGS ?=
$(NOTEBOOK_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e ".[notebook]"
	touch $(NOTEBOOK_STAMP)

notebook: $(NOTEBOOK_STAMP)
	$(PY) -m jupyter notebook $(JUPYTER_ARGS) tutorials/

lab: $(NOTEBOOK_STAMP)
	$(PY) -m jupyter lab $(JUPYTER_ARGS) tutorials/

# The documentation as a web site, in site/ (open site/index.html): MkDocs builds it from
# docs/*.md and, for the reference, from the docstrings (mkdocs.yml, docs/gen_reference.py).
# Installs the docs extra into .venv first.
DOCS_STAMP := $(VENV)/.docs-installed
$(DOCS_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e ".[docs]"
	touch $(DOCS_STAMP)

# (The two variables silence a banner that mkdocs-material prints about MkDocs 2; the
# docs extra keeps MkDocs below 2.)
docs: $(DOCS_STAMP)
	NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true $(PY) -m mkdocs build --clean

demo: $(STAMP)
	$(PY) -m teachtensor.demo

# The core, tape, Keras and data tests once more on the strict test backend, whose
# arrays NumPy cannot read: any NumPy leak in the core fails there (tests/strict_backend.py).
STRICT_TESTS := tests/test_tensor.py tests/test_variable.py tests/test_tape.py \
	tests/test_gradients.py tests/test_ops_forward.py tests/test_custom_gradient.py \
	tests/test_scalar.py tests/test_errors.py tests/test_numerics_and_errors.py \
	tests/test_threads.py tests/test_chapter_listings.py tests/test_more_ops.py \
	tests/test_layer_pieces.py tests/test_trigonometric.py \
	tests/test_guide_advanced_autodiff.py tests/test_tensorflow_names.py \
	tests/test_book_chapter2.py tests/test_book_3rd_ed_chapter2.py \
	tests/test_book_3rd_ed_chapter3.py tests/test_book_chapter5.py \
	tests/test_guide_intro_gradients.py tests/test_control_flow.py \
	tests/test_py_function.py tests/test_confusion_matrix.py tests/keras

# The Keras and book tests once more as users run them, small arrays in NumPy's loops
# (the first run tests the Numba kernels at every size: "two tiers" in numba_cpu.py).
USER_TIER_TESTS := tests/keras tests/test_chapter_listings.py tests/test_book_chapter2.py \
	tests/test_book_chapter4.py tests/test_book_chapter5.py tests/test_book_3rd_ed_chapter2.py \
	tests/test_book_3rd_ed_chapter3.py tests/test_tiers.py

# The CUDA backend under Numba's CUDA simulator, which runs the GPU kernels on the CPU
# (made as strict as a GPU: tests/cuda_strict.py).  A process of its own, because
# NUMBA_ENABLE_CUDASIM must be set before Numba is imported; two of them (pytest-xdist's
# -n 2), as the simulator runs each GPU thread as a Python thread and is the slowest tier.
CUDA_TESTS := tests/test_backend_conformance.py tests/test_cuda.py tests/test_gpu_check.py \
	tests/test_tape.py tests/keras/test_device_copies.py tests/test_more_ops.py \
	tests/test_layer_pieces.py tests/test_trigonometric.py

test: $(STAMP)
	$(PY) -m pytest tests
	$(PY) -m pytest --backend strict $(STRICT_TESTS)
	$(PY) -m pytest --user-tiers $(USER_TIER_TESTS)
	NUMBA_ENABLE_CUDASIM=1 $(PY) -m pytest -n 2 --backend cuda $(CUDA_TESTS)

# On a machine with an NVIDIA GPU: the CUDA tests on the device, then one table of
# figures (benchmarks/gpu_check.py).  Installs the gpu extra into .venv; on a machine
# without network whose Python already has numba-cuda: make gpu-check GPU_PYTHON=python3
GPU_PYTHON ?=
gpu-check:
ifeq ($(GPU_PYTHON),)
	$(MAKE) setup
	$(PY) -m pip install --quiet -e ".[gpu]"
	$(PY) benchmarks/gpu_check.py $(CUDA_TESTS)
else
	$(GPU_PYTHON) benchmarks/gpu_check.py $(CUDA_TESTS)
endif

# teachtensor against PyTorch, Keras/TensorFlow and NumPy, one table (benchmarks/compare.py).
# Installs the bench extra (PyTorch CPU, tensorflow-cpu) into .venv first.
# BENCH_ARGS="--quick" for a shorter run; "--markdown docs/bench.md" to keep the table.
BENCH_ARGS ?=
bench: $(STAMP)
	$(PY) -m pip install --quiet -e ".[bench]"
	$(PY) benchmarks/compare.py --scaling $(BENCH_ARGS)

clean:
	rm -rf $(VENV) demo-output .pytest_cache .hypothesis $(DIST) site
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
