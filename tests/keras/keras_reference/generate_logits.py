"""Generate ``logits_reference.json``: Keras 3's cross-entropy after a softmax / sigmoid.

Run with the TensorFlow virtual environment, NOT the project's (see ``generate.py``)::

    /tmp/tfenv/bin/python tests/keras/keras_reference/generate_logits.py

Keras 3 (TensorFlow backend) computes a cross-entropy from the logits behind a softmax
or sigmoid output.  This records what it gives, for the models of ``logits_cases.py``:

* ``fit``: the "learning rate too high" example (RMSprop(1.)), the loss after every
  batch of the first epoch and the history of 5 epochs; also with a sigmoid head;
* ``evaluate``: confident models whose loss from logits is 100 where the clipped loss
  would be 16.118, cross-entropy metrics included;
* ``direct``: the losses called on ``model(x)`` (a custom training loop), and the
  gradients a GradientTape gets from them.
"""
import json
import os
import sys
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import logits_cases as cases  # noqa: E402

EPOCHS = 5


class BatchLosses(keras.callbacks.Callback):
    """The logged (running mean) loss after each batch of the first epoch."""

    def __init__(self):
        super().__init__()
        self.losses = []

    def on_train_batch_end(self, batch, logs=None):
        if len(self.losses) < cases.SAMPLES // cases.BATCH_SIZE:
            self.losses.append(float(logs["loss"]))


def fit_case(output):
    keras.utils.clear_session()
    x, labels = cases.mnist_like()
    y = cases.lr_too_high_targets(labels, output)
    model = cases.lr_too_high(keras, output)
    checksums = cases.checksum([x, y] + model.get_weights())
    batches = BatchLosses()
    history = model.fit(x, y, batch_size=cases.BATCH_SIZE, epochs=EPOCHS, shuffle=False,
                        verbose=0, callbacks=[batches])
    return {"checksums": checksums, "first_epoch_batches": batches.losses,
            "history": {k: [float(v) for v in vs] for k, vs in history.history.items()}}


def evaluate_case(head, loss, targets, metrics):
    keras.utils.clear_session()
    model = cases.confident(keras, head, tf=tf)
    model.compile(loss=loss, metrics=metrics)
    y = cases.TARGETS[targets]
    whole = model.evaluate(cases.CONFIDENT_X, y, batch_size=4, verbose=0, return_dict=True)
    first = model.evaluate(cases.CONFIDENT_X[:1], y[:1], verbose=0, return_dict=True)
    return {"all": {k: float(v) for k, v in whole.items()},
            "first_input": {k: float(v) for k, v in first.items()}}


def two_heads_case():
    keras.utils.clear_session()
    model = cases.two_heads(keras)
    model.compile(loss=["binary_crossentropy", "sparse_categorical_crossentropy"])
    result = model.evaluate(cases.CONFIDENT_X, [cases.BINARY, cases.LABELS], batch_size=6,
                            verbose=0, return_dict=True)
    return {k: float(v) for k, v in result.items()}


def direct_cases():
    keras.utils.clear_session()
    softmax_model = cases.confident(keras, "dense_softmax")
    sigmoid_model = cases.confident(keras, "sigmoid")
    p, s = softmax_model(cases.CONFIDENT_X), sigmoid_model(cases.CONFIDENT_X)
    values = {}
    for name, call in cases.direct_calls(keras).items():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            value = call(p, s)
        values[name] = {"value": np.asarray(value, np.float64).tolist(),
                        "warned": bool(caught)}
    gradients = {}
    for name, model, loss, y in [
            ("sparse", softmax_model, keras.losses.SparseCategoricalCrossentropy(),
             cases.LABELS),
            ("categorical", softmax_model, keras.losses.CategoricalCrossentropy(),
             cases.ONE_HOT),
            ("binary", sigmoid_model, keras.losses.BinaryCrossentropy(), cases.BINARY)]:
        with tf.GradientTape() as tape:
            value = loss(y, model(cases.CONFIDENT_X))
        gradients[name] = {"loss": float(value), "gradients": [
            np.asarray(g, np.float64).tolist()
            for g in tape.gradient(value, model.trainable_weights)]}
    return values, gradients


def main():
    reference = {
        "versions": {"tensorflow": tf.__version__, "keras": keras.__version__,
                     "numpy": np.__version__},
        "epochs": EPOCHS,
        "fit": {output: fit_case(output) for output in ("softmax", "sigmoid")},
        "evaluate": {name: evaluate_case(*case) for name, case in cases.EVALUATIONS.items()},
        "two_heads": two_heads_case(),
    }
    reference["direct"], reference["gradients"] = direct_cases()
    for name, case in reference["fit"].items():
        print(name, case["first_epoch_batches"],
              {k: [round(v, 4) for v in vs] for k, vs in case["history"].items()})
    for name, case in reference["evaluate"].items():
        print(name, case)
    print("two_heads", reference["two_heads"])
    for name, case in reference["direct"].items():
        print(name, case)
    path = os.path.join(HERE, "logits_reference.json")
    with open(path, "w") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")
    print("wrote", path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
