"""The reference pages of the site: one Markdown page per namespace, from the docstrings.

``make docs`` runs MkDocs, whose gen-files plugin runs this script (see ``mkdocs.yml``): it
writes ``reference/tf.math.md`` and the like, each a list of ``::: teachtensor.math.abs``
lines that mkdocstrings replaces with the object's signature and docstring.  Nothing is
written into ``docs/``; the pages exist only in the built site.

The examples live in the docstrings, as doctests in an ``Example::`` block: a line
``Example::``, then, indented, ``>>>`` lines with the output they print below them, as in
Python's interactive prompt.  ``help()`` shows the block as it is; on the site it is a code
block (indented lines are one in Markdown), which ``docs/hooks.py`` colours as a Python
console session.  ``tests/test_docs.py`` uses the functions below to check that every
public name has a docstring with an example, and runs every example with Python's
``doctest``, which compares each output with the one written.
"""
import doctest
import importlib
import inspect
import os
import re
import sys
import textwrap
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # the teachtensor next to this folder

# (module, how the reference writes it, what it is)
NAMESPACES = [
    ("teachtensor", "tf", "Tensors, variables, operations and the GradientTape."),
    ("teachtensor.math", "tf.math", "Mathematical operations under their TensorFlow names."),
    ("teachtensor.nn", "tf.nn", "Activations and losses on logits."),
    ("teachtensor.linalg", "tf.linalg", "Linear algebra: solve, inv, det, norms, einsum."),
    ("teachtensor.random", "tf.random", "Random tensors and the global seed."),
    ("teachtensor.debugging", "tf.debugging",
     "Checks that stop at the first wrong number (assert_*, check_numerics)."),
    ("teachtensor.config", "tf.config", "Which devices there are (CPU:0, and GPU:0 with a GPU)."),
    ("teachtensor.data", "tf.data", "Datasets: input pipelines for `fit`."),
    ("teachtensor.keras", "keras",
     "The Keras API: models, layers, `keras.Input` and `keras.Variable`."),
    ("teachtensor.keras.ops", "keras.ops",
     "Keras 3's NumPy-like operations (mixed dtypes converted by Keras's rules)."),
    ("teachtensor.keras.random", "keras.random", "Random tensors with Keras 3's `seed=` rules."),
    ("teachtensor.keras.config", "keras.config", "Keras's global settings: backend, floatx."),
    ("teachtensor.keras.layers", "keras.layers", "Layers: weights plus a computation."),
    ("teachtensor.keras.models", "keras.models", "Models: `Sequential` and `Model`."),
    ("teachtensor.keras.optimizers", "keras.optimizers", "How the weights are updated."),
    ("teachtensor.keras.losses", "keras.losses", "What training minimizes."),
    ("teachtensor.keras.metrics", "keras.metrics", "What training reports."),
    ("teachtensor.keras.callbacks", "keras.callbacks", "Hooks called by `fit`."),
    ("teachtensor.keras.activations", "keras.activations", "Activation functions by name."),
    ("teachtensor.keras.initializers", "keras.initializers", "How weights start out."),
    ("teachtensor.keras.regularizers", "keras.regularizers",
     "Penalties on weights and outputs, added to the training loss."),
    ("teachtensor.keras.saving", "keras.saving",
     "Models and weights to files and back, in Keras's own formats."),
    ("teachtensor.keras.utils", "keras.utils", "Small utilities."),
    ("teachtensor.keras.datasets.mnist", "keras.datasets.mnist",
     "Handwritten digits, downloaded once into `~/.keras/datasets`."),
    ("teachtensor.keras.datasets.fashion_mnist", "keras.datasets.fashion_mnist",
     "Photos of clothes, in MNIST's shapes."),
    ("teachtensor.keras.datasets.cifar10", "keras.datasets.cifar10",
     "Small colour photos in 10 classes."),
    ("teachtensor.keras.datasets.imdb", "keras.datasets.imdb",
     "Movie reviews as lists of word indices, liked or not."),
    ("teachtensor.keras.datasets.reuters", "keras.datasets.reuters",
     "Newswires as lists of word indices, in 46 topics."),
    ("teachtensor.keras.datasets.boston_housing", "keras.datasets.boston_housing",
     "House prices from 13 numbers per district."),
    ("teachtensor.plot", "tf.plot", "The chapter's figures (matplotlib)."),
    ("teachtensor.testing", "tf.testing", "Checking gradients against finite differences."),
    ("teachtensor.scalar", "tf.scalar", "Backpropagation on single numbers."),
]

# Core modules whose names, imported into another namespace, are helpers there.
_CORE = ("teachtensor.tensor", "teachtensor.tape", "teachtensor.variable", "teachtensor.ops")
_FACADES = ("teachtensor", "teachtensor.math", "teachtensor.nn", "teachtensor.linalg")


def public_names(module):
    """The names a reader of ``module`` may use (see the module docstring)."""
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in dir(module) if not n.startswith("_")]
    result = []
    for name in names:
        obj = getattr(module, name)
        if isinstance(obj, types.ModuleType):
            continue
        home = getattr(obj, "__module__", None) or type(obj).__module__
        if not str(home).startswith("teachtensor"):
            continue  # numpy, functools, ...
        if module.__name__ not in _FACADES and str(home).startswith(_CORE):
            continue  # e.g. convert_to_tensor imported into tf.random
        result.append(name)
    return sorted(result, key=lambda n: (n[0].islower(), n.lower()))


def docstring_example(obj):
    """The ``Example::`` block of the docstring (dedented), if there is one and it has
    doctests (``>>>`` lines); else None."""
    doc = inspect.getdoc(obj) or ""
    found = re.search(r"^Examples?\b.*::[ \t]*$", doc, re.M)  # "Example::", "Example (...)::"
    if found is None:
        return None
    block = doc[found.end():]
    lines = []
    for line in block.split("\n")[1:]:
        if line.strip() and not line.startswith("    "):
            break
        lines.append(line)
    example = textwrap.dedent("\n".join(lines)).strip()
    return example if doctest.DocTestParser().get_examples(example) else None


def dtype_names(module):
    """The dtype constants among the public names (``tf.float32``): values, so they have
    no docstring of their own; ``tf.DType``'s docstring covers them."""
    return [n for n in public_names(module) if type(getattr(module, n)).__name__ == "DType"]


def page(module_name, prefix, what):
    """The Markdown of one namespace's page."""
    module = importlib.import_module(module_name)
    out = [f"# {prefix}", "", f"{what} Module `{module_name}`.", "",
           "The examples assume `import numpy as np`, `import teachtensor as tf`, "
           "`from teachtensor import keras` and `from teachtensor.keras import layers, models`; "
           "below each `>>>` line is what it prints.",
           ""]
    dtypes = dtype_names(module)
    if dtypes:
        out += ["Dtype constants: " + ", ".join(f"`{prefix}.{n}`" for n in dtypes)
                + " (see `tf.DType`).", ""]
    for name in public_names(module):
        if name in dtypes:
            continue
        out += [f"::: {module_name}.{name}",
                "    options:",
                f"      heading: \"{prefix}.{name}\"",
                f"      toc_label: \"{prefix}.{name}\"", ""]
    return "\n".join(out)


def write_pages():
    import mkdocs_gen_files
    for module_name, prefix, what in NAMESPACES:
        with mkdocs_gen_files.open(f"reference/{prefix}.md", "w") as f:
            f.write(page(module_name, prefix, what))


if __name__ in ("__main__", "<run_path>"):  # run by mkdocs-gen-files
    write_pages()
