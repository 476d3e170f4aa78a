"""Generate ``layers_reference.json``: real Keras 3 training the models of
``layer_models.py`` (regularizers, BatchNormalization, Embedding, Lambda).

Run with the TensorFlow virtual environment, NOT the project's (see ``generate.py``)::

    /tmp/tfenv/bin/python tests/keras/keras_reference/generate_layers.py

For each case: the model starts from the weights of ``layer_models.initial_weights``,
trains ``EPOCHS`` epochs (``shuffle=False``, validation data, a partial last batch),
then is evaluated and predicts the validation rows.  The JSON holds the data, the
initial weights, history, evaluate, predictions, the penalties ``model.losses`` after
that predict call, and the final weights, as exact float32 values.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import layer_models  # noqa: E402


def floats(array):
    return np.asarray(array, dtype=np.float32).astype(np.float64).tolist()


def as_json(array):
    array = np.asarray(array)
    return array.tolist() if array.dtype.kind == "i" else floats(array)


def run_case(seed, name, datasets):
    data_name, build, loss, (optimizer, learning_rate), metrics = layer_models.CASES[name]
    x, y = datasets[data_name]
    n = layer_models.N_TRAIN
    keras.utils.clear_session()
    model = build(keras)
    weights = layer_models.initial_weights(model, seed)
    model.set_weights(weights)
    model.compile(optimizer=getattr(keras.optimizers, optimizer)(learning_rate=learning_rate),
                  loss=loss, metrics=metrics)
    history = model.fit(x[:n], y[:n], batch_size=layer_models.BATCH_SIZE,
                        epochs=layer_models.EPOCHS, shuffle=False, verbose=0,
                        validation_data=(x[n:], y[n:]))
    evaluation = model.evaluate(x[n:], y[n:], batch_size=layer_models.BATCH_SIZE, verbose=0,
                                return_dict=True)
    predictions = model.predict(x[n:], batch_size=layer_models.BATCH_SIZE, verbose=0)
    model(x[n:], training=False)  # eagerly, so that model.losses are numbers
    return {
        "initial_weights": [floats(w) for w in weights],
        "history": {k: [float(v) for v in vs] for k, vs in history.history.items()},
        "evaluate": {k: float(v) for k, v in evaluation.items()},
        "predictions": floats(predictions),
        "losses": [float(v) for v in model.losses],
        "final_weights": [floats(w) for w in model.get_weights()],
        "weight_names": [v.path for v in model.weights],
    }


def main():
    datasets = layer_models.make_datasets()
    reference = {
        "versions": {"tensorflow": tf.__version__, "keras": keras.__version__,
                     "numpy": np.__version__},
        "data": {name: [as_json(x), as_json(y)] for name, (x, y) in datasets.items()},
        "cases": {},
    }
    for seed, name in enumerate(layer_models.CASES):
        reference["cases"][name] = run_case(seed, name, datasets)
        print(name, {k: [round(v, 4) for v in vs]
                     for k, vs in reference["cases"][name]["history"].items()})
    path = os.path.join(HERE, "layers_reference.json")
    with open(path, "w") as f:
        json.dump(reference, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
