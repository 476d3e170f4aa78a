"""End-to-end parity with real Keras 3: same data, same initial weights, shuffle=False.

``keras_reference/fit_reference.json`` holds what Keras 3 (TensorFlow backend) logged
for a grid of small fits covering every optimizer, loss and metric of the SPEC;
``keras_reference/generate.py`` wrote it (run with a TensorFlow environment; this
test needs no TensorFlow).  Each case is rebuilt here and must agree with Keras to
float32 rounding: per-epoch history (loss, metrics, val_*), evaluate, final weights.
"""
import json
import os

import numpy as np
import pytest

from teachtensor import keras

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "keras_reference", "fit_reference.json")) as _f:
    REFERENCE = json.load(_f)

# Counting metrics are ratios of small integers: they must be equal (up to float32
# division).  AUC sums many trapezoids in float32; losses and weights go through
# three epochs of float32 arithmetic whose summation order differs from TensorFlow's.
EXACT_METRICS = ("accuracy", "binary_accuracy", "categorical_accuracy",
                 "sparse_categorical_accuracy", "precision", "recall")
RTOL, ATOL = 1e-5, 1e-6


def tolerance(key):
    name = key.removeprefix("val_")
    if name in EXACT_METRICS:
        return {"rtol": 1e-7, "atol": 0}
    if name == "auc":
        return {"rtol": 0, "atol": 1e-5}
    return {"rtol": RTOL, "atol": ATOL}


def teachtensor_metric(name):
    if name == "binary_accuracy_obj":
        return keras.metrics.BinaryAccuracy()
    if name in ("auc", "precision", "recall"):
        return {"auc": keras.metrics.AUC, "precision": keras.metrics.Precision,
                "recall": keras.metrics.Recall}[name]()
    return name


def data(task):
    settings = REFERENCE["settings"]
    x = np.asarray(REFERENCE["x"], dtype=np.float32)
    targets = REFERENCE["targets"][task]
    y = np.asarray(targets, dtype=np.int32 if task == "sparse" else np.float32)
    n = settings["n_train"]
    return (x[:n], y[:n]), (x[n:], y[n:])


def run_case(case):
    settings = REFERENCE["settings"]
    (x, y), (x_val, y_val) = data(case["task"])
    model = keras.Sequential([
        keras.Input(shape=(x.shape[1],)),
        keras.layers.Dense(settings["hidden"], activation=case["hidden_activation"]),
        keras.layers.Dense(case["units"], activation=case["output_activation"])])
    model.set_weights([np.asarray(w, dtype=np.float32) for w in case["initial_weights"]])
    loss_cls, loss_kwargs = case["loss"]
    optimizer_cls, optimizer_kwargs = case["optimizer"]
    model.compile(optimizer=getattr(keras.optimizers, optimizer_cls)(**optimizer_kwargs),
                  loss=getattr(keras.losses, loss_cls)(**loss_kwargs),
                  metrics=[teachtensor_metric(m) for m in case["metrics"]])
    history = model.fit(x, y, batch_size=settings["batch_size"], epochs=settings["epochs"],
                        shuffle=False, verbose=0, validation_data=(x_val, y_val))
    evaluation = model.evaluate(x_val, y_val, batch_size=settings["batch_size"], verbose=0,
                                return_dict=True)
    return history.history, evaluation, model.get_weights()


@pytest.mark.parametrize("name", sorted(REFERENCE["cases"]))
def test_fit_matches_keras(name):
    case = REFERENCE["cases"][name]
    history, evaluation, weights = run_case(case)
    assert sorted(history) == sorted(case["history"])
    for key, expected in case["history"].items():
        np.testing.assert_allclose(history[key], expected, err_msg=f"history[{key!r}]",
                                   **tolerance(key))
    assert sorted(evaluation) == sorted(case["evaluate"])
    for key, expected in case["evaluate"].items():
        np.testing.assert_allclose(evaluation[key], expected, err_msg=f"evaluate {key!r}",
                                   **tolerance(key))
    assert len(weights) == len(case["final_weights"])
    for i, (got, expected) in enumerate(zip(weights, case["final_weights"])):
        np.testing.assert_allclose(got, np.asarray(expected, dtype=np.float32), rtol=RTOL,
                                   atol=ATOL, err_msg=f"final weight {i}")


def test_reference_covers_the_spec():
    cases = REFERENCE["cases"].values()
    optimizers = {(c["optimizer"][0], tuple(sorted(k for k, v in c["optimizer"][1].items()
                                                   if k != "learning_rate" and v)))
                  for c in cases}
    for expected in [("SGD", ()), ("SGD", ("momentum",)), ("SGD", ("momentum", "nesterov")),
                     ("RMSprop", ()), ("RMSprop", ("momentum",)), ("RMSprop", ("centered",)),
                     ("Adam", ()), ("Adam", ("amsgrad",)), ("Adagrad", ())]:
        assert expected in optimizers
    losses = {(c["loss"][0], bool(c["loss"][1].get("from_logits"))) for c in cases}
    for expected in ["MeanSquaredError", "MeanAbsoluteError", "BinaryCrossentropy",
                     "CategoricalCrossentropy", "SparseCategoricalCrossentropy",
                     "KLDivergence", "CosineSimilarity"]:
        assert (expected, False) in losses
    assert ("BinaryCrossentropy", True) in losses
    metrics = {m for c in cases for m in c["metrics"]}
    assert {"binary_accuracy_obj", "categorical_accuracy", "sparse_categorical_accuracy",
            "auc", "precision", "recall", "accuracy"} <= metrics
