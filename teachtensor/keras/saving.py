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
"""
import numpy as np

from ..tensor import TensorShape


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
    """Write the values of ``variables`` to ``path`` (.npz, or .h5 with h5py)."""
    values = {f"weight_{i:03d}": v.numpy() for i, v in enumerate(variables)}
    names = np.array([v.name for v in variables], dtype=str)
    if _format(path) == "npz":
        np.savez(str(path), names=names, **values)
    else:
        h5py = _h5py(path)
        with h5py.File(str(path), "w") as f:
            f.attrs["format"] = "teachtensor weights 1"
            f.create_dataset("names", data=names.astype("S"))
            for key, value in values.items():
                f.create_dataset(key, data=value)


def load_arrays(path):
    """The list of weight arrays stored in ``path``, in their saved order."""
    if _format(path) == "npz":
        with np.load(str(path)) as archive:
            keys = sorted(k for k in archive.files if k.startswith("weight_"))
            return [archive[k] for k in keys]
    h5py = _h5py(path)
    with h5py.File(str(path), "r") as f:
        keys = sorted(k for k in f.keys() if k.startswith("weight_"))
        return [np.asarray(f[k]) for k in keys]


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
