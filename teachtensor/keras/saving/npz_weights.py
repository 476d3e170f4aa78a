"""The plain teaching format: weights in a NumPy archive, ``model.weights.npz``.

Entry ``weight_000``, ``weight_001``, ... holds each weight's exact bytes, in the order
of ``model.weights``; entry ``names`` holds their names.  ``numpy.load(path)`` opens it:
nothing but NumPy is needed to look inside, which makes it the format to read first.
It records no structure, only the order, so it loads into a model built the same way.
(Keras's own layout, which real Keras reads, is ``h5_weights.py``.)

Also here: reading the HDF5 files teachtensor 0.1 wrote (the same entries as datasets,
marked ``format = "teachtensor weights 1"``), so that old files still load.
"""
import re

import numpy as np

from ...variable import variable_label
from .atomic import replaced_atomically

_WEIGHT_KEY = re.compile(r"weight_(\d+)$")
LEGACY_H5_FORMAT = "teachtensor weights 1"


def save(variables, path):
    """Write the values of ``variables`` to the archive ``path``, atomically."""
    width = max(3, len(str(len(variables) - 1)))  # weight_000 ... sorts as text too
    values = {f"weight_{i:0{width}d}": v.numpy() for i, v in enumerate(variables)}
    names = np.array([variable_label(v) for v in variables], dtype=str)  # (for a reader)
    with replaced_atomically(path) as temporary:
        with open(temporary, "wb") as f:
            np.savez(f, names=names, **values)


def load(path):
    """The list of weight arrays stored in the archive ``path``, in their saved order."""
    with open(str(path), "rb") as f:
        start = f.read(4)
    if start != b"PK\x03\x04":  # every zip archive (and so every .npz) starts so
        raise ValueError(f"it is not a NumPy .npz archive (it starts with {start!r})")
    archive = np.load(str(path), allow_pickle=False)
    if not isinstance(archive, np.lib.npyio.NpzFile):
        raise ValueError("it holds a single array, not an archive of weights")
    with archive:
        return [archive[key] for key in _ordered(archive.files)]


def load_legacy_h5(h5_file):
    """The arrays of an HDF5 file written by teachtensor 0.1 (an open h5py File)."""
    return [np.asarray(h5_file[key]) for key in _ordered(h5_file.keys())]


def _ordered(keys):
    """The ``weight_<n>`` keys in the order of n (a number, not text: 1000 after 999)."""
    numbered = []
    for key in keys:
        match = _WEIGHT_KEY.match(key)
        if match:
            numbered.append((int(match.group(1)), key))
    return [key for _, key in sorted(numbered)]
