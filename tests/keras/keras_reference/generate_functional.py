"""Generate ``functional_reference.json``: real Keras 3 training the chapter's
multi-input, multi-output functional model (the customer-ticket model, made small).

Run with a TensorFlow virtual environment, NOT the project's (see ``generate.py``)::

    /tmp/tfenv/bin/python tests/keras/keras_reference/generate_functional.py

Three inputs (title, text_body, tags) are concatenated, pass a Dense(8, relu), and feed
two outputs, priority (Dense(1, sigmoid)) and department (Dense(4, softmax)).  Two
compiles are recorded: losses and metrics as lists, and as dicts with loss weights.
Each fits 3 epochs from the same explicit initial weights, shuffle=False, batch 10 of
44 samples (a partial last batch), with validation data; the JSON holds the data, the
initial weights, the per-epoch history, evaluate (return_dict) and the final weights.
"""
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
N_TRAIN, N_VAL, VOCABULARY, TAGS, DEPARTMENTS, HIDDEN = 44, 12, 12, 5, 4, 8
BATCH_SIZE, EPOCHS = 10, 3

COMPILES = {
    "lists": {"loss": ["mean_squared_error", "categorical_crossentropy"],
              "metrics": [["mean_absolute_error"], ["accuracy"]]},
    "dicts_weighted": {"loss": {"priority": "mean_squared_error",
                                "department": "categorical_crossentropy"},
                       "metrics": {"priority": ["mean_absolute_error"],
                                   "department": ["accuracy"]},
                       "loss_weights": {"priority": 2.0, "department": 0.5}},
}


def make_data():
    rng = np.random.default_rng(7)
    n = N_TRAIN + N_VAL
    x = {"title": rng.integers(0, 2, size=(n, VOCABULARY)).astype(np.float32),
         "text_body": rng.integers(0, 2, size=(n, VOCABULARY)).astype(np.float32),
         "tags": rng.integers(0, 2, size=(n, TAGS)).astype(np.float32)}
    y = {"priority": rng.random(size=(n, 1)).astype(np.float32),
         "department": np.eye(DEPARTMENTS, dtype=np.float32)[rng.integers(0, DEPARTMENTS, n)]}
    return x, y


def initial_weights():
    rng = np.random.default_rng(11)
    features = 2 * VOCABULARY + TAGS
    shapes = [(features, HIDDEN), (HIDDEN,), (HIDDEN, 1), (1,), (HIDDEN, DEPARTMENTS),
              (DEPARTMENTS,)]
    return [(0.3 * rng.normal(size=shape)).astype(np.float32) for shape in shapes]


def build_model():
    title = keras.Input(shape=(VOCABULARY,), name="title")
    text_body = keras.Input(shape=(VOCABULARY,), name="text_body")
    tags = keras.Input(shape=(TAGS,), name="tags")
    features = keras.layers.Concatenate()([title, text_body, tags])
    features = keras.layers.Dense(HIDDEN, activation="relu")(features)
    priority = keras.layers.Dense(1, activation="sigmoid", name="priority")(features)
    department = keras.layers.Dense(DEPARTMENTS, activation="softmax",
                                    name="department")(features)
    return keras.Model(inputs=[title, text_body, tags], outputs=[priority, department])


def floats(values):
    return np.asarray(values, dtype=np.float32).ravel().tolist()


def main():
    x, y = make_data()
    weights = initial_weights()
    split = {"train": slice(0, N_TRAIN), "val": slice(N_TRAIN, None)}
    reference = {"settings": {"n_train": N_TRAIN, "batch_size": BATCH_SIZE, "epochs": EPOCHS,
                              "keras": keras.__version__},
                 "x": {k: v.tolist() for k, v in x.items()},
                 "y": {k: v.tolist() for k, v in y.items()},
                 "initial_weights": [w.tolist() for w in weights], "cases": {}}
    for name, settings in COMPILES.items():
        model = build_model()
        model.set_weights(weights)
        model.compile(optimizer=keras.optimizers.RMSprop(0.01), **settings)
        xs = [x[k][split["train"]] for k in ("title", "text_body", "tags")]
        ys = [y[k][split["train"]] for k in ("priority", "department")]
        val = ([x[k][split["val"]] for k in ("title", "text_body", "tags")],
               [y[k][split["val"]] for k in ("priority", "department")])
        history = model.fit(xs, ys, batch_size=BATCH_SIZE, epochs=EPOCHS, shuffle=False,
                            validation_data=val, verbose=0)
        evaluated = model.evaluate(*val, batch_size=BATCH_SIZE, verbose=0, return_dict=True)
        reference["cases"][name] = {
            "compile": settings,
            "history": {k: floats(v) for k, v in history.history.items()},
            "evaluate": {k: float(v) for k, v in evaluated.items()},
            "final_weights": [floats(w) for w in model.get_weights()]}
    with open(os.path.join(HERE, "functional_reference.json"), "w") as f:
        json.dump(reference, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
