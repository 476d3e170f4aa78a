"""The chapter's customer-ticket model (three inputs, two outputs) against real Keras 3.

``keras_reference/functional_reference.json`` holds what Keras 3 logged training it
(``keras_reference/generate_functional.py`` wrote it, with TensorFlow installed; this
test needs none): losses and metrics given as lists, and as dicts with loss weights
(each case's compile arguments are in the JSON).
teachtensor rebuilds the model with the same initial weights and must agree to float32
rounding: per-epoch history (with each output's loss and metrics), evaluate, weights.
"""
import json
import os

import numpy as np
import pytest

from teachtensor import keras
from teachtensor.keras import layers

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "keras_reference", "functional_reference.json")) as _f:
    REFERENCE = json.load(_f)

def ticket_model(vocabulary, tags, departments, hidden):
    title = keras.Input(shape=(vocabulary,), name="title")
    text_body = keras.Input(shape=(vocabulary,), name="text_body")
    tags_input = keras.Input(shape=(tags,), name="tags")
    features = layers.Concatenate()([title, text_body, tags_input])
    features = layers.Dense(hidden, activation="relu")(features)
    priority = layers.Dense(1, activation="sigmoid", name="priority")(features)
    department = layers.Dense(departments, activation="softmax", name="department")(features)
    return keras.Model(inputs=[title, text_body, tags_input], outputs=[priority, department])


@pytest.mark.parametrize("case", sorted(REFERENCE["cases"]))
def test_a_multi_output_fit_matches_keras(case):
    settings = REFERENCE["settings"]
    n = settings["n_train"]
    x = {k: np.asarray(v, np.float32) for k, v in REFERENCE["x"].items()}
    y = {k: np.asarray(v, np.float32) for k, v in REFERENCE["y"].items()}
    weights = [np.asarray(w, np.float32) for w in REFERENCE["initial_weights"]]
    model = ticket_model(x["title"].shape[1], x["tags"].shape[1], y["department"].shape[1],
                         weights[0].shape[1])
    model.set_weights(weights)
    model.compile(optimizer=keras.optimizers.RMSprop(0.01), **REFERENCE["cases"][case]["compile"])
    inputs = [x[k] for k in ("title", "text_body", "tags")]
    targets = [y[k] for k in ("priority", "department")]
    val = ([a[n:] for a in inputs], [a[n:] for a in targets])
    history = model.fit([a[:n] for a in inputs], [a[:n] for a in targets],
                        batch_size=settings["batch_size"], epochs=settings["epochs"],
                        shuffle=False, validation_data=val, verbose=0)
    expected = REFERENCE["cases"][case]
    assert sorted(history.history) == sorted(expected["history"])
    for key, values in expected["history"].items():
        np.testing.assert_allclose(history.history[key], values, rtol=1e-5, atol=1e-6,
                                   err_msg=key)
    evaluated = model.evaluate(*val, batch_size=settings["batch_size"], verbose=0,
                               return_dict=True)
    assert sorted(evaluated) == sorted(expected["evaluate"])
    for key, value in expected["evaluate"].items():
        np.testing.assert_allclose(evaluated[key], value, rtol=1e-5, atol=1e-6, err_msg=key)
    for mine, theirs in zip(model.get_weights(), expected["final_weights"]):
        np.testing.assert_allclose(mine.ravel(), theirs, rtol=1e-5, atol=1e-6)
