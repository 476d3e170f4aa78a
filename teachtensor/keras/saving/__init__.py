"""``keras.saving``: models and weights to files and back.

Three formats, chosen by the file name:

====================  =========================================  ========================
name                  what it holds                              written by
====================  =========================================  ========================
``*.keras``           the whole model, in Keras 3's format       ``model.save(path)``
``*.weights.h5``      the weights, in Keras's HDF5 layout        ``model.save_weights``
``*.weights.npz``     the weights as a NumPy archive, by order   ``model.save_weights``
====================  =========================================  ========================

The first two open in real Keras (``keras.models.load_model``, ``model.load_weights``)
and Keras's open here; the third is the one to read when learning (``numpy.load``).

Reading order: ``atomic.py`` (a save never destroys the previous file),
``npz_weights.py``, ``weight_layout.py`` (where Keras puts each weight),
``h5_weights.py``, ``serialization.py`` (objects as JSON), ``keras_file.py``.
Every load checks the whole file against the model before changing anything.
"""
import io
import os

__all__ = ["save_model", "load_model", "save_weights", "load_weights",
           "register_keras_serializable", "serialize_keras_object",
           "deserialize_keras_object"]

from . import h5_weights, npz_weights
from .assign import assign_all  # noqa: F401
from .atomic import replaced_atomically
from .keras_file import load_model, read_archive, save_model  # noqa: F401
from .serialization import (deserialize_keras_object, register_keras_serializable,  # noqa: F401
                            serialize_keras_object)


def _format(path, action):
    path = str(path)
    if path.endswith(".npz"):
        return "npz"
    if path.endswith(".weights.h5") or (action == "load" and path.endswith((".h5", ".hdf5"))):
        return "h5"
    if path.endswith(".keras") and action == "load":
        return "keras"
    if path.endswith(".keras"):
        raise ValueError(f"{path!r} is the name of a whole-model file: use model.save("
                         f"{path!r}); save_weights writes 'name.weights.h5' or "
                         f"'name.weights.npz'")
    if path.endswith((".h5", ".hdf5")):
        raise ValueError(f"The filename must end in `.weights.h5` (Keras's rule, so that "
                         f"weights files and model files are told apart); received "
                         f"filepath={path!r}")
    raise ValueError(f"cannot tell which file format to use for {path!r}: name the file "
                     f"'something.weights.h5' (Keras's format) or 'something.weights.npz' "
                     f"(a NumPy archive)")


def check_path(path):
    """Raise now (before training) if weights cannot be written to ``path``."""
    if _format(path, "save") == "h5":
        h5_weights.h5py_module()


def save_weights(model, path):
    """Write the model's weights to ``path`` (``.weights.h5`` or ``.weights.npz``).

    Example::

        >>> import os, tempfile
        >>> folder = tempfile.mkdtemp()
        >>> model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(2)])
        >>> model.compile(optimizer="adam", loss="mse")
        >>> keras.saving.save_weights(model, os.path.join(folder, "model.weights.h5"))
        >>> print(os.listdir(folder))
        ['model.weights.h5']
    """
    kind = _format(path, "save")
    if not model.built:  # (an unbuilt model would write an empty file over a good one)
        raise ValueError(f"model '{model.name}' has no weights yet, so there is nothing to "
                         f"save and {str(path)!r} was left as it was: call the model on a "
                         f"batch, fit it, or model.build((None, n_features)) first")
    if kind == "npz":
        npz_weights.save(model.weights, path)
        return
    buffer = io.BytesIO()  # complete in memory first: an error leaves no file behind
    h5_weights.write(model, buffer)
    with replaced_atomically(path) as temporary:
        with open(temporary, "wb") as f:
            f.write(buffer.getvalue())


def load_weights(model, path):
    """Load weights written by ``save_weights`` (or in a ``.keras`` file) into ``model``,
    after checking the whole file against it.

    Example::

        >>> import os, tempfile
        >>> folder = tempfile.mkdtemp()
        >>> model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(2)])
        >>> model.compile(optimizer="adam", loss="mse")
        >>> model.save_weights(os.path.join(folder, "model.weights.h5"))
        >>> other = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(2)])   # new weights
        >>> keras.saving.load_weights(other, os.path.join(folder, "model.weights.h5"))
        >>> print(all(np.array_equal(a, b)
        ...           for a, b in zip(model.get_weights(), other.get_weights())))
        True
    """
    fmt = _format(path, "load")
    if not os.path.exists(str(path)):
        raise FileNotFoundError(f"no weights file at {str(path)!r}")
    owner = f"model '{model.name}' (loading {str(path)!r})"
    if fmt == "npz":
        arrays = h5_weights.read_checked(npz_weights.load, path, str(path))
    elif fmt == "keras":
        stored = h5_weights.read_groups_checked(io.BytesIO(read_archive(str(path))[1]),
                                                str(path))
    else:
        stored = h5_weights.read_groups_checked(str(path), str(path))
    if fmt == "npz":
        assign_all(model.weights, arrays, owner)
    else:
        h5_weights.load_into(model, stored, str(path))
