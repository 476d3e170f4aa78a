"""Saving and loading weights: ``model.save_weights(path)`` / ``model.load_weights(path)``.

The file format is chosen by the file name, and stated plainly:

* ``*.npz`` (we suggest ``model.weights.npz``): a NumPy archive, ``numpy.savez``.
  Entry ``weight_000``, ``weight_001``, ... holds each weight's exact bytes, in the
  order of ``model.weights``; entry ``names`` holds their names.  Open it with
  ``numpy.load(path)`` to look inside.  Nothing else is needed to read it.
* ``*.h5`` (Keras's ``model.weights.h5``): HDF5 through the ``h5py`` package, with the
  same entries as datasets.  It is *not* Keras's own layout: Keras cannot read it, nor
  can teachtensor read Keras's files.  Without h5py, using this suffix is an error.

Any other name is refused rather than guessed.  Loading checks the number of weights
and every shape before changing anything, so a failed load leaves the model as it was.
Saving writes a temporary file next to the target and renames it over the target only
once it is complete (``os.replace``, atomic), so a save interrupted by a full disk or
Ctrl-C never destroys the previous file.
"""
import os
import re
import tempfile

import numpy as np

from ..tensor import TensorShape

_WEIGHT_KEY = re.compile(r"weight_(\d+)$")


def _format(path):
    path = str(path)
    if path.endswith(".npz"):
        return "npz"
    if path.endswith(".h5") or path.endswith(".hdf5"):
        return "h5"
    raise ValueError(f"cannot tell which file format to use for {path!r}: teachtensor "
                     f"writes weights as a NumPy archive (name the file "
                     f"'something.weights.npz') or, with h5py installed, as HDF5 "
                     f"('something.weights.h5')")


def _h5py(path):
    try:
        import h5py
    except ImportError:
        raise ImportError(f"{path!r} ends in .h5, which needs the h5py package "
                          f"(pip install h5py); or save to a NumPy archive instead: "
                          f"'model.weights.npz'") from None
    return h5py


def check_path(path):
    """Raise now (before training) if weights cannot be written to ``path``."""
    if _format(path) == "h5":
        _h5py(path)


def save_weights(variables, path):
    """Write the values of ``variables`` to ``path`` (.npz, or .h5 with h5py), atomically."""
    fmt = _format(path)
    h5py = _h5py(path) if fmt == "h5" else None
    width = max(3, len(str(len(variables) - 1)))  # weight_000 ... sorts as text too
    values = {f"weight_{i:0{width}d}": v.numpy() for i, v in enumerate(variables)}
    names = np.array([v.name for v in variables], dtype=str)
    with _replaced_atomically(path) as temporary:
        if fmt == "npz":
            with open(temporary, "wb") as f:
                np.savez(f, names=names, **values)
        else:
            with h5py.File(temporary, "w") as f:
                f.attrs["format"] = "teachtensor weights 1"
                f.create_dataset("names", data=names.astype("S"))
                for key, value in values.items():
                    f.create_dataset(key, data=value)


class _replaced_atomically:
    """``with _replaced_atomically(path) as temporary:`` write ``temporary``; when the
    block succeeds it replaces ``path`` in one step, when it fails it is deleted and
    ``path`` is left as it was."""

    def __init__(self, path):
        # Through a symbolic link, replace the file it points to (the link stays).
        self.path = os.path.realpath(str(path))

    def __enter__(self):
        folder, name = os.path.split(self.path)
        handle, self.temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp",
                                                  dir=folder)
        os.close(handle)
        # mkstemp makes the file private (0600); give it the permissions the old file
        # had, or those a new file gets (0666 less the umask), as plain open() would.
        try:
            mode = os.stat(self.path).st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(self.temporary, mode)
        return self.temporary

    def __exit__(self, kind, error, traceback):
        if kind is None:
            try:
                with open(self.temporary, "rb+") as f:
                    os.fsync(f.fileno())  # on disk before it takes the old file's place
                os.replace(self.temporary, self.path)
                return False
            except BaseException:
                self._remove()
                raise
        self._remove()
        return False

    def _remove(self):
        try:
            os.remove(self.temporary)
        except OSError:
            pass


def _ordered(keys):
    """The ``weight_<n>`` keys in the order of n (a number, not text: 1000 after 999)."""
    numbered = []
    for key in keys:
        match = _WEIGHT_KEY.match(key)
        if match:
            numbered.append((int(match.group(1)), key))
    return [key for _, key in sorted(numbered)]


def load_arrays(path):
    """The list of weight arrays stored in ``path``, in their saved order."""
    fmt = _format(path)
    if not os.path.exists(str(path)):
        raise FileNotFoundError(f"no weights file at {str(path)!r}")
    h5py = _h5py(path) if fmt == "h5" else None
    try:
        if fmt == "npz":
            with open(str(path), "rb") as f:
                start = f.read(4)
            if start != b"PK\x03\x04":  # every zip archive (and so every .npz) starts so
                raise ValueError(f"it is not a NumPy .npz archive (it starts with {start!r})")
            archive = np.load(str(path), allow_pickle=False)
            if not isinstance(archive, np.lib.npyio.NpzFile):
                raise ValueError("it holds a single array, not an archive of weights")
            with archive:
                return [archive[k] for k in _ordered(archive.files)]
        with h5py.File(str(path), "r") as f:
            return [np.asarray(f[k]) for k in _ordered(f.keys())]
    except Exception as error:  # a damaged archive fails in many ways (zlib, zipfile...)
        raise ValueError(
            f"cannot read weights from {str(path)!r}: the file is damaged or is not a "
            f"weights file written by save_weights ({type(error).__name__}: {error}). "
            f"Nothing was changed.") from None


def assign_all(variables, values, owner):
    """Give each variable its new value, after checking count and shapes of all of them."""
    values = list(values)
    if len(values) != len(variables):
        raise ValueError(f"{owner} has {len(variables)} weights, but {len(values)} values "
                         f"were given; nothing was changed. Expected shapes: "
                         f"{[tuple(v.shape) for v in variables]}")
    arrays = []
    for i, (variable, value) in enumerate(zip(variables, values)):
        array = np.asarray(value)
        if array.shape != tuple(variable.shape):
            raise ValueError(f"weight {i} of {owner} ('{variable.name}') has shape "
                             f"{variable.shape}, but the value given has shape "
                             f"{TensorShape(array.shape)}; nothing was changed")
        arrays.append(array.astype(variable.dtype.as_numpy_dtype, copy=False))
    for variable, array in zip(variables, arrays):
        variable.assign(array)
