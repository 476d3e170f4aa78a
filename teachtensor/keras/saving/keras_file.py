"""The ``.keras`` file: a whole model — architecture, weights, optimizer, compile
settings — in Keras 3's own format, so that real Keras opens it and teachtensor opens
Keras's.

A ``.keras`` file is a zip archive (``unzip -l model.keras`` lists it) of three files:

* ``metadata.json``: the Keras format version the file follows, and when it was saved;
* ``config.json``: the model described in JSON (``serialization.py``): its class, its
  layers' configs (and, for a functional model, which layer feeds which), and the
  arguments ``compile`` was given;
* ``model.weights.h5``: the weights in Keras's HDF5 layout (``h5_weights.py``).

``load_model`` rebuilds the model from ``config.json`` (each layer from its config, a
functional model by calling its layers again, as when it was written), compiles it
as it was compiled, and loads the weights, checked first.  Your own classes are found
through ``custom_objects={"Name": Name}``.
"""
import datetime
import io
import json
import os
import warnings
import zipfile

from . import h5_weights
from .atomic import replaced_atomically
from .serialization import deserialize_keras_object, safe_mode_scope, serialize_keras_object

KERAS_FORMAT_VERSION = "3.15.1"  # the Keras release whose files these match


def save_model(model, filepath, overwrite=True):
    """Write ``model`` to ``filepath`` (``*.keras``), atomically.

    Example::

        >>> import os, tempfile
        >>> folder = tempfile.mkdtemp()
        >>> model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(2)])
        >>> model.compile(optimizer="adam", loss="mse")
        >>> models.save_model(model, os.path.join(folder, "model.keras"))   # = model.save(...)
        >>> print(sorted(os.listdir(folder)))
        ['model.keras']
    """
    path = str(filepath)
    if not path.endswith(".keras"):
        raise ValueError(f"The filename must end in `.keras` to save a whole model in "
                         f"Keras's format; received filepath={path!r}. (For the weights "
                         f"alone: model.save_weights('name.weights.h5').)")
    if not overwrite and os.path.exists(path):
        raise FileExistsError(f"{path!r} exists and overwrite=False; nothing was written")
    if not model.built:
        raise ValueError(f"model '{model.name}' has no weights yet, so there is nothing to "
                         f"save: call it on a batch, fit it, or model.build((None, "
                         f"n_features)) first")
    config = serialize_keras_object(model)
    if model.optimizer is not None:
        config["compile_config"] = model.get_compile_config()
    config_text = json.dumps(config, indent=1)  # fails here, before any file is touched
    weights = io.BytesIO()
    h5_weights.write(model, weights)
    metadata = {"keras_version": KERAS_FORMAT_VERSION,
                "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S"),
                "saved_by": _teachtensor_version()}
    with replaced_atomically(path) as temporary:
        with zipfile.ZipFile(temporary, "w") as archive:  # stored, as Keras
            archive.writestr("metadata.json", json.dumps(metadata))
            archive.writestr("config.json", config_text)
            archive.writestr("model.weights.h5", weights.getvalue())


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """The model saved in ``filepath`` (``*.keras``), compiled as it was saved unless
    ``compile=False``.  A Python lambda in the file (a ``Lambda`` layer's function) is
    code to run: it is refused unless you trust the file and pass ``safe_mode=False``.

    Example::

        >>> import os, tempfile
        >>> folder = tempfile.mkdtemp()
        >>> model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(2)])
        >>> model.compile(optimizer="adam", loss="mse")
        >>> model.save(os.path.join(folder, "model.keras"))
        >>> again = models.load_model(os.path.join(folder, "model.keras"))
        >>> print(type(again).__name__, again.optimizer)
        Sequential <Adam learning_rate=0.001>
    """
    path = str(filepath)
    if path.endswith(".weights.h5") or path.endswith(".weights.npz"):
        raise ValueError(f"{path!r} holds weights only, not a model: build the same model "
                         f"in code, then model.load_weights({path!r})")
    if not path.endswith(".keras"):
        raise ValueError(f"load_model reads Keras's `.keras` files; {path!r} is not one "
                         f"(teachtensor does not read the legacy .h5 model files or "
                         f"TensorFlow SavedModel folders)")
    config, weights = read_archive(path)
    with safe_mode_scope(safe_mode):
        model = deserialize_keras_object(config, custom_objects)
        compile_config = config.get("compile_config")
        if compile and compile_config:
            model.compile_from_config(compile_config, custom_objects)
    _warn_if_layers_were_listed_otherwise(config, model, path)
    h5_weights.load_into(model, h5_weights.read_groups_checked(io.BytesIO(weights), path),
                         path)
    return model


def _warn_if_layers_were_listed_otherwise(config, model, path):
    """A weights file holds each layer's weights by its place in ``model.layers``.  If
    the file's config lists a functional model's layers in another order than the
    model rebuilt here has them, two layers of the same shapes may receive each other's
    weights with no error; say so.  (teachtensor before 2026-12-02 listed the layers
    of a model with dict outputs in the dict's order, where Keras sorts by key.)"""
    listed = [layer.get("config", {}).get("name") for layer in
              config.get("config", {}).get("layers", [])] \
        if config.get("class_name") == "Functional" else []
    here = [layer.name for layer in model.layers]
    if listed and sorted(listed) == sorted(here) and listed != here:
        warnings.warn(f"{path!r} lists the model's layers in the order {listed}, but the "
                      f"model rebuilt from it has them as {here}, the order its weights "
                      f"are read in; layers of the same shapes may have swapped weights. "
                      f"Check the model's predictions (a file with dict outputs saved by "
                      f"teachtensor before 2026-12-02 is such a case)", stacklevel=2)


def read_archive(path):
    """(the config as a dict, the bytes of model.weights.h5) of a ``.keras`` file."""
    if not os.path.exists(path):
        raise FileNotFoundError(f"no file at {path!r}")
    try:
        with zipfile.ZipFile(path) as archive:
            config = json.loads(archive.read("config.json"))
            weights = archive.read("model.weights.h5")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ValueError(f"cannot read {path!r}: it is not a complete .keras file "
                         f"({type(error).__name__}: {error})") from None
    return config, weights


def serialize_compile_arguments(arguments):
    """``compile``'s arguments as Keras writes them in ``compile_config``."""
    return {"optimizer": serialize_keras_object(arguments["optimizer"]),
            "loss": serialize_keras_object(arguments["loss"]),
            "loss_weights": serialize_keras_object(arguments["loss_weights"]),
            "metrics": serialize_keras_object(arguments["metrics"]),
            "weighted_metrics": serialize_keras_object(arguments.get("weighted_metrics")),
            "run_eagerly": False, "steps_per_execution": 1,
            "jit_compile": False}


def deserialize_compile_arguments(config, custom_objects=None):
    """The keyword arguments for ``compile`` from a ``compile_config``."""
    return {key: _deserialize_nested(config.get(key), custom_objects)
            for key in ("optimizer", "loss", "loss_weights", "metrics", "weighted_metrics")}


def _deserialize_nested(value, custom_objects):
    if isinstance(value, list):
        return [_deserialize_nested(item, custom_objects) for item in value]
    if isinstance(value, dict) and "class_name" not in value:
        return {key: _deserialize_nested(item, custom_objects) for key, item in value.items()}
    return deserialize_keras_object(value, custom_objects)


def _teachtensor_version():
    try:
        from importlib.metadata import version
        return f"teachtensor {version('teachtensor')}"
    except Exception:  # not installed as a package (running from a source folder)
        return "teachtensor"
