"""The documentation works: its examples run, and every public name is documented.

* Every ```python block of ``docs/*.md`` is executed.  The blocks of one file share a
  namespace and run in order, like the cells of a notebook, so a page can build up an
  example step by step.  They run in a temporary working directory, with matplotlib's
  non-interactive ``Agg`` backend; figures are closed after each block.
* Every public name of the documented namespaces (``NAMESPACES`` in
  ``docs/gen_reference.py``, which writes the site's reference pages) has a docstring
  with an ``Example::`` block of doctests (``>>>`` lines, each followed by the output it
  prints), and Python's ``doctest`` runs them and compares every output with the one
  written: one test per public name, which fails with doctest's report.  Each docstring
  runs on its own, in a fresh namespace holding only the imports the reference pages
  name, in a temporary working directory (``test_docstring_examples`` says more,
  and which doctest flags are on).  The doctests of those modules' own docstrings run
  the same way.
* Every relative link and ``#anchor`` of ``docs/*.md`` and ``README.md`` leads to a file
  and a heading that exist.
* The reading guide sends readers to files that exist, and to names that are where it
  says: each name in a row's "Look for" is defined (or imported) in that row's files.
"""
import doctest
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


def _load_gen_reference():
    spec = importlib.util.spec_from_file_location("gen_reference", DOCS / "gen_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen_reference = _load_gen_reference()


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
    for module_name, prefix, _ in gen_reference.NAMESPACES:
        module = importlib.import_module(module_name)
        dtypes = gen_reference.dtype_names(module)
        for name in gen_reference.public_names(module):
            if name not in dtypes:  # tf.float32 and the like: values, see tf.DType
                yield f"{prefix}.{name}", getattr(module, name)


PUBLIC = list(_public())
# Each object once, under its first name (tf.add is also tf.math.add).
EXAMPLES = list({id(obj): (name, obj) for name, obj in reversed(PUBLIC)}.values())[::-1]
EXAMPLE_SETUP = """\
import numpy as np
import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers, models
"""


def test_every_public_name_has_a_docstring():
    missing = [name for name, obj in PUBLIC if not inspect.getdoc(obj)]
    assert not missing, f"public names without a docstring: {', '.join(missing)}"


def test_every_public_name_has_an_example():
    missing = [name for name, obj in PUBLIC if gen_reference.docstring_example(obj) is None]
    assert not missing, (f"no example for {', '.join(missing)}: add an Example:: block to "
                         f"the docstring (a line 'Example::', then, indented, doctest lines "
                         f"'>>> code' with the output they print below them)")


# The only flags the docstring examples run with (test_docstring_examples says why).
DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
FINDER = doctest.DocTestFinder(recurse=False)  # the object's own docstring


# Module docstrings with doctests too (teachtensor.plot's shows the chapter's figures).
MODULE_EXAMPLES = [(prefix, module) for prefix, module in
                   ((p, importlib.import_module(m)) for m, p, _ in gen_reference.NAMESPACES)
                   if doctest.DocTestParser().get_examples(module.__doc__ or "")]


@pytest.mark.parametrize("name, obj", EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_docstring_examples(name, obj, tmp_path, monkeypatch):
    """Run the docstring's doctests, as ``python -m doctest`` would, in a namespace
    that holds the imports the reference pages name (``EXAMPLE_SETUP``) and nothing
    else, in a temporary working directory.  Each docstring starts as a new Python
    session would: no global seed (``tf.random.set_seed(None)``; an example that draws
    random numbers sets its seeds).  Whatever global setting an example changes (the
    seed, the backend, floatx, NumPy's print options) is put back afterwards.  Layer
    names count the layers made before, in this process: an example names its layers
    or matches the number with "...".

    doctest's checks stay strict but for two flags, set here (``DOCTEST_FLAGS``) and
    nowhere else.  ELLIPSIS: "..." in a written output stands for text that changes
    from run to run or from one computer to another (the time a training step took, the
    last digits of a loss written to a file); an example uses it only there.
    NORMALIZE_WHITESPACE: a long output (a dict, an error message) may be wrapped over
    lines as it reads best, and runs of spaces count as one (NumPy pads its columns
    with them); the words and numbers must still be the same, in the same order."""
    if gen_reference.docstring_example(obj) is None:
        pytest.skip("no example (test_every_public_name_has_an_example fails)")
    run_doctests(name, obj, tmp_path, monkeypatch)


@pytest.mark.parametrize("name, module", MODULE_EXAMPLES, ids=[n for n, _ in MODULE_EXAMPLES])
def test_module_docstring_examples(name, module, tmp_path, monkeypatch):
    """The doctests of a documented module's own docstring, as for the public names."""
    run_doctests(name, module, tmp_path, monkeypatch)


def run_doctests(name, obj, tmp_path, monkeypatch):
    """Run the doctests of ``obj``'s own docstring (see test_docstring_examples); fail
    with doctest's report."""
    import numpy as np

    import teachtensor as tf
    from teachtensor import backend
    from teachtensor.keras import config
    monkeypatch.chdir(tmp_path)
    old_backend, old_floatx = backend.get_backend().name, config.floatx()
    old_print_options = np.get_printoptions()
    globs = {"__name__": f"example_{name}"}
    exec(EXAMPLE_SETUP, globs)
    runner = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS)
    report = []
    tf.random.set_seed(None)
    try:
        for test in FINDER.find(obj, name, globs=globs):
            runner.run(test, out=report.append)
    finally:
        plt.close("all")
        tf.random.set_seed(None)
        backend.set_backend(old_backend)
        config.set_floatx(old_floatx)
        np.set_printoptions(**old_print_options)
    if runner.failures:
        pytest.fail(f"the example of {name}:\n" + "".join(report), pytrace=False)
    assert runner.tries, f"doctest found no example in the docstring of {name}"


def test_the_site_shows_the_examples_as_python_console_sessions():
    """docs/hooks.py colours a code block that starts with >>> (a doctest) as Pygments'
    Python-console lexer does, and leaves other code blocks alone."""
    pytest.importorskip("pygments")
    spec = importlib.util.spec_from_file_location("hooks", DOCS / "hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    block = '<div class="highlight"><pre><span></span><code>{}</code></pre></div>'
    doctest_html = block.format("&gt;&gt;&gt; print(1 &lt; 2)\nTrue\n")
    other_html = block.format("(x_train, y_train), (x_test, y_test) = mnist.load_data()\n")
    page = hooks.on_page_content(doctest_html + other_html)
    assert '<span class="gp">&gt;&gt;&gt; </span>' in page       # the prompt
    assert '<span class="go">True</span>' in page                # what it printed
    assert '<span class="o">&lt;</span>' in page                 # the code, unescaped once
    assert page.endswith(other_html)


# ---- links: every relative link and #anchor of docs/*.md and README.md leads somewhere ----
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def prose_lines(path):
    """The lines of a Markdown file outside its ``` code blocks."""
    in_code = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"):
            in_code = not in_code
        elif not in_code:
            yield line


def headings(path):
    """The anchors GitHub gives a Markdown file's headings: lower case, punctuation
    dropped, spaces made hyphens; a repeated heading gets -1, -2, ..."""
    anchors = set()
    for line in prose_lines(path):
        if re.match(r"#{1,6} ", line):
            anchor = re.sub(r"[^\w\- ]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
            n, unique = 0, anchor
            while unique in anchors:
                n += 1
                unique = f"{anchor}-{n}"
            anchors.add(unique)
    return anchors


LINKED_PAGES = PAGES + [DOCS.parent / "README.md"]
GENERATED_PAGES = {f"reference/{prefix}.md" for _, prefix, _ in gen_reference.NAMESPACES}


@pytest.mark.parametrize("path", LINKED_PAGES, ids=[p.name for p in LINKED_PAGES])
def test_every_link_and_anchor_leads_somewhere(path):
    broken = []
    for line in prose_lines(path):
        for link in LINK.findall(line):
            if re.match(r"[a-z]+:", link):  # https:, mailto: ...
                continue
            target, _, anchor = link.partition("#")
            if path.parent == DOCS and target in GENERATED_PAGES:
                continue  # written by docs/gen_reference.py when the site is built
            target = (path.parent / target).resolve() if target else path
            if not target.exists():
                broken.append(f"{link} (no such file)")
            elif anchor and (target.suffix != ".md" or anchor not in headings(target)):
                broken.append(f"{link} (no heading #{anchor} in {target.name})")
    assert not broken, f"{path.name} has broken links: {', '.join(broken)}"


def test_headings_give_the_anchors_github_gives():
    page = DOCS / "install.md"
    assert "with-a-gpu" in headings(page)
    assert ("python3--m-venv-fails-ensurepip-is-not-available"
            in headings(DOCS / "troubleshooting.md"))


# ---- the reading guide: its files exist, and its names are where it says ----------------
ROOT = DOCS.parent
CODE_SPAN = re.compile(r"`([^`]+)`")
PATH_SPAN = re.compile(r"[\w./]+(?:\.py|/)")
NAME_SPAN = re.compile(r"([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(?:\(\))?")
# Names in the guide that are not teachtensor's, said on purpose: the book's class
# (Dense "is the chapter's SimpleDense"), the log names of the book's example model,
# and a one-letter variable of an example.
NOT_TEACHTENSORS = {"SimpleDense", "priority_loss", "department_accuracy", "v"}


def guide_rows():
    """(number, file cell, look-for cell) of each row of the guide's tables."""
    for line in (DOCS / "reading_guide.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 4 and cells[0] not in ("#", "---"):
            yield cells[0], cells[1], cells[3]


def resolve(ref, folders):
    """Where a path of the guide points.  A row names its first file in full
    (``teachtensor/ops/core.py``, ``keras/models/trainer.py``) and the next ones next to
    an earlier one (``model.py``) or one folder up; else under teachtensor/, tests/ or
    the root."""
    places = [p for folder in reversed(folders) for p in (folder, folder.parent)]
    places += [ROOT / "teachtensor", ROOT / "tests", ROOT]
    return next((p / ref.rstrip("/") for p in places if (p / ref.rstrip("/")).exists()), None)


def defines(source, dotted):
    """Whether ``source`` defines, imports or assigns the last part of ``dotted`` (or
    takes it as a parameter, or names it in a docstring or string), or has ``dotted``
    as written (``threading.local``, ``backend.random``)."""
    name = re.escape(dotted.split(".")[-1])
    patterns = [rf"^\s*(?:def|class)\s+{name}\b",
                rf"^\s*(?:self\.)?{name}\s*(?::[^=\n]*)?=",
                rf"^\s*(?:[\w.]+\s*,\s*)+{name}\s*(?:,[\w.\s,]*)?=",
                rf"^\s*(?:from\s+\S+\s+)?import\s[^\n]*\b{name}\b",
                rf"^\s*def \w+\([^)]*\b{name}\b",
                rf"[\"'`]{name}[\"'`]"]
    if "." in dotted:
        patterns.append(re.escape(dotted))
    return any(re.search(p, source, re.M) for p in patterns)


def test_the_reading_guide_names_files_that_exist_and_names_that_are_in_them():
    import builtins
    import keyword

    import teachtensor
    from teachtensor import keras
    problems = []
    for number, files, look in guide_rows():
        folders, sources = [], []
        for ref in [s for s in CODE_SPAN.findall(files + " " + look) if PATH_SPAN.fullmatch(s)]:
            found = resolve(ref, folders)
            if found is None:
                problems.append(f"row {number}: there is no file `{ref}`")
                continue
            folders.append(found if found.is_dir() else found.parent)
            sources += [found] if found.is_file() else sorted(found.rglob("*.py"))
        source = "\n".join(p.read_text(encoding="utf-8") for p in sources)
        for span in CODE_SPAN.findall(look):
            match = NAME_SPAN.fullmatch(span)
            if not match or PATH_SPAN.fullmatch(span):
                continue
            name = match.group(1)
            if keyword.iskeyword(name) or hasattr(builtins, name) or name in NOT_TEACHTENSORS:
                continue
            top, _, rest = name.partition(".")
            if top in ("tf", "keras") and rest:  # a public name: it must exist
                obj = teachtensor if top == "tf" else keras
                for part in rest.split("."):
                    obj = getattr(obj, part, None)
                if obj is None:
                    problems.append(f"row {number}: there is no `{name}`")
            elif not defines(source, name):
                where = ", ".join(str(p.relative_to(ROOT)) for p in sources)
                problems.append(f"row {number}: `{name}` is not in {where}")
    assert not problems, "docs/reading_guide.md:\n  " + "\n  ".join(problems)


def test_the_reading_guide_gives_file_sizes_that_are_about_right():
    text = (DOCS / "reading_guide.md").read_text(encoding="utf-8")
    for path, lines in re.findall(r"`([\w/]+\.py)` \((\d+) lines\)", text):
        actual = len((ROOT / path).read_text(encoding="utf-8").splitlines())
        assert abs(actual - int(lines)) <= 0.15 * actual, (path, lines, actual)
