"""Every way docs/install.md gives to install teachtensor, and to open the tutorials, works.

* ``make dist`` builds a wheel holding every file of ``teachtensor/`` and the metadata
  (dependencies, extras); installed into a new virtual environment, it imports.
* ``pip install -e .`` installs without setuptools' alarming warnings.
* The first cell of every notebook makes ``import teachtensor`` work where nothing is
  installed: opened from ``tutorials/`` of a clone, next to an uploaded wheel (Colab),
  after ``!git clone`` on Colab; and it says what to do where there is neither.
* ``make notebook`` installs Jupyter into ``.venv``, then opens ``tutorials/``.

"Nothing installed" is a new virtual environment that sees this Python's packages
(NumPy, Numba, pip, IPython...) through symbolic links, all but teachtensor's own.  The
notebooks' first cells run in IPython there, so that ``%pip`` works as in Jupyter.
Building (the wheel, the editable install) fetches the build backend, flit_core, from
the package index the first time, as ``pip`` always does.
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import sysconfig
import zipfile

import pytest

import teachtensor

ROOT = pathlib.Path(__file__).resolve().parent.parent
TUTORIALS = ROOT / "tutorials"
NOTEBOOKS = sorted(TUTORIALS.glob("*.ipynb"))
MAKE = shutil.which("make")


def run(command, cwd, timeout=300):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MAKEFLAGS")}
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=timeout)
    result.output = result.stdout + result.stderr
    return result


def new_python_without_teachtensor(folder):
    """The Python of a new virtual environment in ``folder`` with this Python's packages
    except teachtensor (and its editable-install hooks)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    site = pathlib.Path(run([python, "-c", "import sysconfig; "
                             "print(sysconfig.get_paths()['purelib'])"], folder).stdout.strip())
    ours = {pathlib.Path(sysconfig.get_paths()[key]) for key in ("purelib", "platlib")}
    for directory in ours:
        for entry in directory.iterdir():
            name = entry.name.lower()
            if not (name.startswith(("teachtensor", "__editable__")) or
                    (site / entry.name).exists()):
                (site / entry.name).symlink_to(entry)
    check = run([python, "-c", "import teachtensor"], folder)
    assert "No module named 'teachtensor'" in check.output, check.output
    return python


def first_cell(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "".join(next(c for c in nb["cells"] if c["cell_type"] == "code")["source"])


def run_in_ipython(python, code, cwd):
    """Run notebook code (with its %magics) in IPython, as a Jupyter kernel would."""
    return run([python, "-m", "IPython", "--quick", "--no-banner", "--colors=nocolor",
                "-c", code], cwd, timeout=180)


# ---- the wheel -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """The wheel ``make dist`` builds (with this Python in place of .venv's)."""
    assert MAKE, "the tests need make (the Makefile is how the docs install teachtensor)"
    out = tmp_path_factory.mktemp("dist")
    stamp = out / "venv-installed"
    stamp.touch()  # (.venv is set up: this Python)
    result = run([MAKE, "dist", f"PY={sys.executable}", f"STAMP={stamp}", f"DIST={out}"], ROOT)
    assert result.returncode == 0, result.output
    wheels = sorted(out.glob("teachtensor-*.whl"))
    assert [w.name for w in wheels] == [f"teachtensor-{teachtensor.__version__}-py3-none-any.whl"]
    return wheels[0]


def test_the_wheel_holds_every_file_of_the_package(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    package = ROOT / "teachtensor"
    expected = {p.relative_to(ROOT).as_posix() for p in package.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    assert "teachtensor/__init__.py" in expected
    assert sorted(expected - names) == []  # data files (.json, .npz...) included
    assert not [n for n in names if "__pycache__" in n or n.endswith((".nbi", ".nbc"))]
    assert not [n for n in names if not n.startswith(("teachtensor/", "teachtensor-"))]


def test_the_wheel_says_what_teachtensor_needs(wheel):
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(f"teachtensor-{teachtensor.__version__}.dist-info/METADATA")
    lines = metadata.decode().splitlines()
    requires = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Requires-Dist:")]
    for needed in ["numpy", "numba", "matplotlib", "h5py"]:
        assert any(r.startswith(needed) and "extra" not in r for r in requires), requires
    extras = {line.split(":", 1)[1].strip() for line in lines if line.startswith("Provides-Extra:")}
    assert {"test", "notebook", "gpu", "bench"} <= extras
    assert 'jupyter;extra=="notebook"' in [r.replace(" ", "") for r in requires]
    assert "Requires-Python: >=3.10" in lines


def test_the_wheel_installs_and_imports(wheel, tmp_path):
    python = new_python_without_teachtensor(tmp_path / "venv")
    result = run([python, "-m", "pip", "install", "--no-deps", "--no-index", wheel], tmp_path)
    assert result.returncode == 0, result.output
    code = ("import importlib.metadata, os, teachtensor as tf\n"
            "print(os.path.dirname(tf.__file__))\n"
            "print(importlib.metadata.version('teachtensor'), tf.reduce_sum(tf.ones((2, 3))))")
    result = run([python, "-c", code], tmp_path)
    assert result.returncode == 0, result.output
    where, numbers = result.stdout.splitlines()[-2:]
    assert pathlib.Path(where).is_relative_to(tmp_path / "venv")  # not the clone's
    assert numbers.startswith(f"{teachtensor.__version__} teachtensor.Tensor(6.0")


# ---- the clone -------------------------------------------------------------------------
def test_an_editable_install_is_quiet_and_uses_the_clone(tmp_path):
    python = new_python_without_teachtensor(tmp_path / "venv")
    result = run([python, "-m", "pip", "install", "--no-deps", "-e", ROOT], tmp_path)
    assert result.returncode == 0, result.output
    for alarm in ["careful", "Warning:", "deprecat", "!!"]:  # setuptools' box said all of them
        assert alarm not in result.output, result.output
    result = run([python, "-c", "import teachtensor; print(teachtensor.__file__)"], tmp_path)
    assert result.stdout.strip() == str(ROOT / "teachtensor" / "__init__.py"), result.output


def test_make_notebook_installs_jupyter_into_the_venv_then_opens_the_tutorials(tmp_path):
    """With a stand-in for .venv's Python that writes down how it was called."""
    calls = tmp_path / "calls"
    python = tmp_path / "python"
    python.write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\n')
    python.chmod(0o755)
    stamp = tmp_path / "venv-installed"
    stamp.touch()
    make = [MAKE, "notebook", f"PY={python}", f"STAMP={stamp}",
            f"NOTEBOOK_STAMP={tmp_path / 'jupyter-installed'}"]
    assert run(make, ROOT).returncode == 0
    assert calls.read_text().splitlines() == ["-m pip install --quiet -e .[notebook]",
                                              "-m jupyter notebook tutorials/"]
    # the second time Jupyter is there already; options go to Jupyter
    assert run(make + ["JUPYTER_ARGS=--no-browser"], ROOT).returncode == 0
    assert calls.read_text().splitlines()[2:] == ["-m jupyter notebook --no-browser tutorials/"]


# ---- the notebooks' first cell ---------------------------------------------------------
def test_every_notebook_starts_with_the_same_import_cell():
    cells = [first_cell(path) for path in NOTEBOOKS]
    common = cells[0]
    assert "%pip install" in common and "import teachtensor" in common
    for path, cell in zip(NOTEBOOKS, cells):
        assert cell.endswith(common), f"{path.name}'s first cell differs from the others'"


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory):
    return new_python_without_teachtensor(tmp_path_factory.mktemp("bare") / "venv")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_first_cell_in_tutorials_of_a_clone_uses_the_clone(bare_python, path):
    result = run_in_ipython(bare_python, first_cell(path), TUTORIALS)
    assert f"from {ROOT / 'teachtensor'}" in result.stdout, result.output


def test_first_cell_installs_the_wheel_next_to_the_notebook(wheel, tmp_path):
    """Colab: the wheel uploaded into /content, the notebook's folder."""
    python = new_python_without_teachtensor(tmp_path / "venv")
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(wheel, folder)
    result = run_in_ipython(python, first_cell(NOTEBOOKS[0]), folder)
    assert f"from {tmp_path / 'venv'}" in result.stdout, result.output  # installed there


def test_first_cell_uses_a_clone_in_the_notebooks_folder(bare_python, tmp_path):
    """Colab after ``!git clone ...``: the clone is ./teachtensor, next to the notebook."""
    (tmp_path / "teachtensor").symlink_to(ROOT)
    result = run_in_ipython(bare_python, first_cell(NOTEBOOKS[0]), tmp_path)
    assert f"from {tmp_path / 'teachtensor' / 'teachtensor'}" in result.stdout, result.output


def test_first_cell_says_what_to_do_where_there_is_neither(bare_python, tmp_path):
    result = run_in_ipython(bare_python, first_cell(NOTEBOOKS[0]), tmp_path)
    assert "No module named 'teachtensor'" in result.output, result.output
    for advice in ["tutorials/ of a clone", "make notebook", "upload teachtensor-*.whl",
                   "make dist", "!git clone", "docs/install.md"]:
        assert advice in result.output.replace("\n", " "), advice
    assert "from /" not in result.stdout


# ---- what docs/install.md says -------------------------------------------------------
def test_install_md_shows_the_first_cell_as_the_notebooks_have_it():
    text = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
    assert f"```\n{first_cell(NOTEBOOKS[0])}\n```" in text
    for command in ["make setup", "make dist", "make notebook", "pip install -e .",
                    "pip install teachtensor-0.1.0-py3-none-any.whl", "!git clone"]:
        assert command in text, command
    assert teachtensor.__version__ == "0.1.0"  # (or change the file names in the docs)


# The links of install.md and troubleshooting.md (and of every other page) are checked by
# tests/test_docs.py::test_every_link_and_anchor_leads_somewhere.
