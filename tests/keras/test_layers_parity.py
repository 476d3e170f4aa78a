"""Parity with real Keras 3 for regularizers, BatchNormalization, Embedding and Lambda.

``keras_reference/layers_reference.json`` holds what Keras logged training the models of
``keras_reference/layer_models.py`` (``generate_layers.py`` wrote it, with TensorFlow;
this test needs none).  The same builders run here from the same initial weights and
must agree to float32 rounding: history (the loss includes the penalties), evaluate,
predictions, ``model.losses`` and the final weights (BatchNormalization's moving
statistics among them).
"""
import json
import os
import sys

import numpy as np
import pytest

from teachtensor import keras

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "keras_reference"))
import layer_models  # noqa: E402

with open(os.path.join(HERE, "keras_reference", "layers_reference.json")) as _f:
    REFERENCE = json.load(_f)

RTOL, ATOL = 1e-5, 1e-6


def data(name):
    x, y = REFERENCE["data"][name]
    x, y = np.asarray(x), np.asarray(y)
    return (x.astype(np.int32 if x.dtype.kind == "i" else np.float32),
            y.astype(np.int32 if y.dtype.kind == "i" else np.float32))


def close(got, expected, what, exact=False):
    np.testing.assert_allclose(np.asarray(got, dtype=np.float64), expected, err_msg=what,
                               rtol=1e-7 if exact else RTOL, atol=0 if exact else ATOL)


@pytest.mark.parametrize("name", sorted(layer_models.CASES))
def test_training_matches_keras(name):
    case = REFERENCE["cases"][name]
    data_name, build, loss, (optimizer, learning_rate), metrics = layer_models.CASES[name]
    x, y = data(data_name)
    n = layer_models.N_TRAIN
    model = build(keras)
    model.set_weights([np.asarray(w, dtype=np.float32) for w in case["initial_weights"]])
    model.compile(optimizer=getattr(keras.optimizers, optimizer)(learning_rate=learning_rate),
                  loss=loss, metrics=metrics)
    history = model.fit(x[:n], y[:n], batch_size=layer_models.BATCH_SIZE,
                        epochs=layer_models.EPOCHS, shuffle=False, verbose=0,
                        validation_data=(x[n:], y[n:])).history
    evaluation = model.evaluate(x[n:], y[n:], batch_size=layer_models.BATCH_SIZE, verbose=0,
                                return_dict=True)
    predictions = model.predict(x[n:], batch_size=layer_models.BATCH_SIZE, verbose=0)
    model(x[n:], training=False)  # model.losses: the activity penalties of this call

    assert sorted(history) == sorted(case["history"])
    for key, expected in case["history"].items():
        close(history[key], expected, f"history[{key!r}]", exact="accuracy" in key)
    assert sorted(evaluation) == sorted(case["evaluate"])
    for key, expected in case["evaluate"].items():
        close(evaluation[key], expected, f"evaluate {key!r}", exact="accuracy" in key)
    close(predictions, case["predictions"], "predictions")
    close([float(v) for v in model.losses], case["losses"], "model.losses")
    weights = model.get_weights()
    assert len(weights) == len(case["final_weights"])
    for i, (got, expected) in enumerate(zip(weights, case["final_weights"])):
        close(got, expected, f"final weight {i} ({case['weight_names'][i]})")


def test_the_weights_are_in_keras_order():
    """Same weights, same order, same names (paths) as Keras."""
    for name in layer_models.CASES:
        model = layer_models.CASES[name][1](keras)
        names = [v.name.split("/")[-1].split(":")[0] for v in model.weights]
        assert names == [path.split("/")[-1] for path in REFERENCE["cases"][name]["weight_names"]]
