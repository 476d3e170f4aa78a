"""The documentation works: its examples run, and every public name is documented.

* Every ```python block of ``docs/*.md`` is executed.  The blocks of one file share a
  namespace and run in order, like the cells of a notebook, so a page can build up an
  example step by step.  They run in a temporary working directory, with matplotlib's
  non-interactive ``Agg`` backend; figures are closed after each block.
* Every public name of the documented namespaces (see ``docs/make_reference.py``) has
  a docstring and appears in ``docs/reference.md``.
"""
import importlib
import importlib.util
import inspect
import os
import pathlib
import re

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

DOCS = pathlib.Path(__file__).resolve().parent.parent / "docs"
PAGES = sorted(DOCS.glob("*.md"))
BLOCK = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)


def _load_make_reference():
    spec = importlib.util.spec_from_file_location("make_reference", DOCS / "make_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_reference = _load_make_reference()


def python_blocks(path):
    """(line number, code) of each ```python block in a Markdown file."""
    text = path.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 2, m.group(1)) for m in BLOCK.finditer(text)]


def test_the_pages_exist():
    names = {p.name for p in PAGES}
    for page in ["index.md", "install.md", "reading_guide.md", "reference.md", "design.md",
                 "adding_an_op.md", "troubleshooting.md"]:
        assert page in names


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_code_blocks_run(path, tmp_path, monkeypatch):
    """Run the page's python blocks in order, in one namespace."""
    from teachtensor import backend, dtypes  # noqa: F401
    monkeypatch.chdir(tmp_path)
    old_backend = backend.get_backend().name
    namespace = {"__name__": f"docs_{path.stem}"}
    try:
        for line, code in python_blocks(path):
            try:
                exec(compile(code, f"{path.name}:{line}", "exec"), namespace)
            except Exception as error:
                pytest.fail(f"{path.name}, the block at line {line} failed: "
                            f"{type(error).__name__}: {error}\n\n{code}", pytrace=False)
            finally:
                plt.close("all")
    finally:
        backend.set_backend(old_backend)  # a page may switch backends to show them


def _public():
    for module_name, prefix, _ in make_reference.NAMESPACES:
        module = importlib.import_module(module_name)
        for name in make_reference.public_names(module):
            yield f"{prefix}.{name}", getattr(module, name)


PUBLIC = list(_public())


def test_every_public_name_has_a_docstring():
    missing = [name for name, obj in PUBLIC
               if (inspect.isclass(obj) or callable(obj)) and not inspect.getdoc(obj)]
    assert not missing, f"public names without a docstring: {', '.join(missing)}"


def test_reference_lists_every_public_name():
    text = (DOCS / "reference.md").read_text(encoding="utf-8")
    missing = [name for name, _ in PUBLIC if f"### `{name}`" not in text]
    assert not missing, (f"docs/reference.md does not list {', '.join(missing)}; run "
                         f"`python docs/make_reference.py` (and give new names an example)")


def test_reference_has_an_example_for_every_name():
    _, missing = make_reference.render()
    assert not missing, (f"no example for {', '.join(missing)}: add one to EXAMPLES in "
                         f"docs/make_reference.py or an Example:: block to the docstring")
