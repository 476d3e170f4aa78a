"""Generate ``keras_files/``: models saved by real Keras 3, for teachtensor to open.

Run with a TensorFlow virtual environment, NOT the project's (see ``generate.py``)::

    /tmp/tfenv/bin/python tests/keras/keras_reference/generate_keras_files.py

For each model of ``file_models.py``: Keras builds it (seeded), trains the compiled
ones one epoch on fixed data (so the optimizer has state), and writes
``<name>.keras`` and ``<name>.weights.h5``.  ``expected.json`` holds, per model, the
inputs, Keras's predictions, the optimizer's step count, and the layout of the weights
file (every dataset's path and shape) — what teachtensor must read, and write.

``--only NAME ...`` writes only those models' files (a model added to ``file_models.py``).
Given ``--check-teachtensor FOLDER``, it instead loads the teachtensor-written files in
FOLDER with real Keras and prints the predictions as JSON
(``tests/keras/test_keras_files.py`` uses this when TensorFlow is installed).
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import file_models  # noqa: E402

OUT = os.path.join(HERE, "keras_files")


def layout(path):
    """{dataset path: shape} of an HDF5 file."""
    found = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda name, item: found.__setitem__(name, list(item.shape))
                     if isinstance(item, h5py.Dataset) else None)
    return found


def as_list(value):
    if isinstance(value, dict):  # (a model with dict outputs: by output name)
        return {key: np.asarray(v).tolist() for key, v in value.items()}
    return [np.asarray(v).tolist() for v in value] if isinstance(value, list) \
        else np.asarray(value).tolist()


def generate(names=None):
    """Write the files of ``names`` (all models when None), keeping the other entries of
    ``expected.json``."""
    os.makedirs(OUT, exist_ok=True)
    expected = {"keras_version": keras.__version__, "models": {}}
    if names is not None:
        with open(os.path.join(OUT, "expected.json")) as f:
            expected["models"] = json.load(f)["models"]
    for name in names or file_models.MODELS:
        keras.utils.set_random_seed(1)
        model, _ = file_models.make(name, keras)
        x, y = file_models.inputs_for(name, np.random.default_rng(3))
        if y is not None:
            model.fit(x, y, batch_size=3, epochs=1, verbose=0, shuffle=False)
        model.save(os.path.join(OUT, f"{name}.keras"))
        model.save_weights(os.path.join(OUT, f"{name}.weights.h5"))
        expected["models"][name] = {
            "inputs": as_list(x),
            "predictions": as_list(model.predict(x, verbose=0)),
            "iterations": int(model.optimizer.iterations.numpy()) if getattr(model, "optimizer", None) else None,
            "layout": layout(os.path.join(OUT, f"{name}.weights.h5")),
            "layers": [layer.name for layer in model.layers]}
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)


def check_teachtensor(folder):
    """Load teachtensor's files with Keras; print {name: predictions, iterations}."""
    with open(os.path.join(folder, "inputs.json")) as f:
        inputs = json.load(f)
    results = {}
    for name, x in inputs.items():
        _, custom_objects = file_models.make(name, keras)
        model = keras.models.load_model(os.path.join(folder, f"{name}.keras"),
                                        custom_objects=custom_objects)
        x = [np.asarray(a, "float32") for a in x] if name == "ticket" else \
            np.asarray(x, "float32")
        again, _ = file_models.make(name, keras)
        again(x)  # (Keras's build() of a subclassed model creates no weights; a call does)
        again.load_weights(os.path.join(folder, f"{name}.weights.h5"))
        results[name] = {"predictions": as_list(model.predict(x, verbose=0)),
                         "from_weights": as_list(again.predict(x, verbose=0)),
                         "iterations": int(model.optimizer.iterations.numpy())
                         if getattr(model, "optimizer", None) else None}
    print("RESULTS" + json.dumps(results))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check-teachtensor":
        check_teachtensor(sys.argv[2])
    elif len(sys.argv) >= 3 and sys.argv[1] == "--only":
        generate(sys.argv[2:])
    else:
        generate()
