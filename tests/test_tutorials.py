"""Every tutorial notebook runs from top to bottom without an error.

Each notebook runs in a fresh Jupyter kernel (its own Python process, started by
nbclient), with the working directory set to ``tutorials/`` and matplotlib on the
non-interactive ``Agg`` backend.  That separate process matters for
``06_under_the_hood``: it sets ``NUMBA_ENABLE_CUDASIM=1`` before Numba is imported,
which must not leak into the process running the other tests.

The kernel is the Python running the tests: the fixture ``kernel_name`` writes a
kernel spec for ``sys.executable`` into a temporary folder at the front of
``JUPYTER_PATH``, so a user-wide ``python3`` kernel of some other Python cannot be
picked by mistake, and the notebooks import the teachtensor being tested.
"""
import json
import os
import pathlib
import sys

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

TUTORIALS = pathlib.Path(__file__).resolve().parent.parent / "tutorials"
NOTEBOOKS = sorted(TUTORIALS.glob("*.ipynb"))
TIMEOUT_PER_CELL = 120  # seconds; a cold Numba cache compiles kernels on first use


def test_there_are_tutorials():
    names = [p.stem for p in NOTEBOOKS]
    assert names[:6] == ["01_tensors_and_variables", "02_operations_and_gradienttape",
                         "03_linear_classifier", "04_layers_and_models",
                         "05_compile_fit_evaluate_predict", "06_under_the_hood"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path):
    """Notebooks are committed clean: no outputs, no execution counts."""
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: a cell has stored outputs"
            assert cell.execution_count is None, f"{path.name}: a cell has an execution count"


@pytest.fixture(scope="module")
def kernel_name(tmp_path_factory):
    """A kernel spec that starts ``sys.executable -m ipykernel_launcher``."""
    name = "teachtensor-tests"
    root = tmp_path_factory.mktemp("jupyter")
    spec_dir = root / "kernels" / name
    spec_dir.mkdir(parents=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "teachtensor tests", "language": "python"}
    (spec_dir / "kernel.json").write_text(json.dumps(spec))
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join([str(root)] + ([old] if old else []))
    yield name
    if old is None:
        del os.environ["JUPYTER_PATH"]
    else:
        os.environ["JUPYTER_PATH"] = old


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, kernel_name, monkeypatch):
    """Execute every cell in a new kernel; any exception fails the test."""
    monkeypatch.setenv("MPLBACKEND", "Agg")  # the kernel inherits this environment
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=TIMEOUT_PER_CELL, kernel_name=kernel_name,
        resources={"metadata": {"path": str(TUTORIALS)}})
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as error:
        pytest.fail(f"{path.name} failed:\n{error}", pytrace=False)
