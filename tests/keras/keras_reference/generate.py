"""Generate ``fit_reference.json``: what real Keras 3 logs for a grid of small fits.

Run with the TensorFlow virtual environment, NOT the project's (TensorFlow is no
dependency of teachtensor; the JSON it writes is committed and read by
``tests/keras/test_keras_parity.py``)::

    /tmp/tfvenv/bin/python tests/keras/keras_reference/generate.py

(/tmp/tfvenv: ``python -m venv /tmp/tfvenv && /tmp/tfvenv/bin/pip install tensorflow-cpu``.)

Every case trains a small Dense model from explicit initial weights on fixed data with
``shuffle=False`` and a batch size that leaves a partial last batch, for 3 epochs with
validation data, then evaluates it.  The JSON holds the data, the initial weights, the
per-epoch history, the evaluate results and the final weights, all as float32 values
written with ``repr`` (so they round-trip exactly).
"""
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras
import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
N_TRAIN, N_VAL, FEATURES, CLASSES = 64, 20, 4, 3
BATCH_SIZE, EPOCHS = 10, 3  # 64 = 6 * 10 + 4: the last batch is partial


def make_datasets():
    """x and the targets of every task, for training and validation (float32 / int32)."""
    rng = np.random.default_rng(20240601)
    n = N_TRAIN + N_VAL
    x = rng.normal(size=(n, FEATURES)).astype(np.float32)
    w = rng.normal(size=(FEATURES, CLASSES)).astype(np.float32)
    scores = x @ w + 0.5 * rng.normal(size=(n, CLASSES)).astype(np.float32)
    labels = np.argmax(scores, axis=1)
    soft = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    targets = {
        "regression": scores[:, :1].astype(np.float32),                  # (n, 1)
        "regression3": scores.astype(np.float32),                        # (n, 3)
        "binary": (scores[:, :1] > 0).astype(np.float32),                # (n, 1) 0/1
        "onehot": np.eye(CLASSES, dtype=np.float32)[labels],             # (n, 3)
        "sparse": labels.astype(np.int32),                               # (n,)
        "soft": soft.astype(np.float32),                                 # (n, 3) rows sum 1
    }
    return x, targets


# name: (task, hidden activation, output units, output activation, loss, optimizer, metrics)
CASES = {
    "sgd_mse": ("regression", "tanh", 1, None, ("MeanSquaredError", {}),
                ("SGD", {"learning_rate": 0.05}), ["mae"]),
    "sgd_momentum_mae": ("regression", "relu", 1, None, ("MeanAbsoluteError", {}),
                         ("SGD", {"learning_rate": 0.05, "momentum": 0.9}), ["mse"]),
    "sgd_nesterov_bce": ("binary", "tanh", 1, "sigmoid", ("BinaryCrossentropy", {}),
                         ("SGD", {"learning_rate": 0.1, "momentum": 0.8, "nesterov": True}),
                         ["binary_accuracy_obj", "auc"]),
    "rmsprop_bce_logits": ("binary", "relu", 1, None,
                           ("BinaryCrossentropy", {"from_logits": True}),
                           ("RMSprop", {"learning_rate": 0.01}), ["precision", "recall"]),
    "rmsprop_momentum_cce": ("onehot", "tanh", 3, "softmax", ("CategoricalCrossentropy", {}),
                             ("RMSprop", {"learning_rate": 0.01, "momentum": 0.5}),
                             ["categorical_accuracy", "accuracy"]),
    "rmsprop_centered_scce": ("sparse", "relu", 3, "softmax",
                              ("SparseCategoricalCrossentropy", {}),
                              ("RMSprop", {"learning_rate": 0.01, "centered": True}),
                              ["sparse_categorical_accuracy", "accuracy"]),
    "adam_bce_accuracy": ("binary", "tanh", 1, "sigmoid", ("BinaryCrossentropy", {}),
                          ("Adam", {"learning_rate": 0.02}), ["accuracy", "auc"]),
    "adam_amsgrad_kld": ("soft", "tanh", 3, "softmax", ("KLDivergence", {}),
                         ("Adam", {"learning_rate": 0.02, "amsgrad": True}), ["mae"]),
    "adagrad_cosine": ("regression3", "tanh", 3, None, ("CosineSimilarity", {}),
                       ("Adagrad", {"learning_rate": 0.1}), ["mse"]),
    "adagrad_cce_logits": ("onehot", "relu", 3, None,
                           ("CategoricalCrossentropy", {"from_logits": True}),
                           ("Adagrad", {"learning_rate": 0.1}), ["categorical_accuracy"]),
    "adam_scce_logits": ("sparse", "tanh", 3, None,
                         ("SparseCategoricalCrossentropy", {"from_logits": True}),
                         ("Adam", {"learning_rate": 0.01}), ["accuracy"]),
    "sgd_bce_metrics": ("binary", "relu", 1, "sigmoid", ("BinaryCrossentropy", {}),
                        ("SGD", {"learning_rate": 0.2}),
                        ["accuracy", "precision", "recall", "auc"]),
    "rmsprop_mse_sigmoid": ("binary", "tanh", 1, "sigmoid", ("MeanSquaredError", {}),
                            ("RMSprop", {"learning_rate": 0.005}),
                            ["binary_accuracy_obj", "precision"]),
    # MAE's gradient is +-1/N per sample, so a batch with as many errors above as below
    # has an output-bias gradient of exactly 0, which float32 sums in TensorFlow's order
    # leave at ~1e-8.  Adam divides by sqrt(v) ~ |g|, turning that noise into a real
    # step (2e-5 here), so MAE is paired with optimizers that do not rescale tiny
    # gradients up (SGD, RMSprop: eps inside the root).
    "rmsprop_mae3": ("regression3", "relu", 3, None, ("MeanAbsoluteError", {}),
                     ("RMSprop", {"learning_rate": 0.01}), ["mse"]),
    "sgd_momentum_kld": ("soft", "relu", 3, "softmax", ("KLDivergence", {}),
                         ("SGD", {"learning_rate": 0.5, "momentum": 0.5}),
                         ["categorical_accuracy"]),
    "adam_amsgrad_cce": ("onehot", "tanh", 3, "softmax", ("CategoricalCrossentropy", {}),
                         ("Adam", {"learning_rate": 0.05, "amsgrad": True}),
                         ["accuracy", "auc"]),
    "rmsprop_centered_momentum_cosine": ("regression3", "relu", 3, None,
                                         ("CosineSimilarity", {}),
                                         ("RMSprop", {"learning_rate": 0.005, "momentum": 0.3,
                                                      "centered": True}),
                                         ["mae"]),
    "adagrad_bce_logits": ("binary", "tanh", 1, None,
                           ("BinaryCrossentropy", {"from_logits": True}),
                           ("Adagrad", {"learning_rate": 0.2}), ["accuracy", "recall"]),
    # beyond the SPEC's minimum: label smoothing, gradient clipping, Huber
    "sgd_clipnorm_bce_smoothing": ("binary", "tanh", 1, "sigmoid",
                                   ("BinaryCrossentropy", {"label_smoothing": 0.1}),
                                   ("SGD", {"learning_rate": 0.5, "clipnorm": 0.1}),
                                   ["accuracy"]),
    "adam_clipvalue_cce_smoothing": ("onehot", "relu", 3, "softmax",
                                     ("CategoricalCrossentropy", {"label_smoothing": 0.2}),
                                     ("Adam", {"learning_rate": 0.02, "clipvalue": 0.05}),
                                     ["categorical_accuracy"]),
    "rmsprop_global_clipnorm_huber": ("regression", "tanh", 1, None, ("Huber", {}),
                                      ("RMSprop", {"learning_rate": 0.01,
                                                   "global_clipnorm": 0.3}),
                                      ["mae"]),
}
HIDDEN = 8


def initial_weights(seed, output_units):
    """[kernel, bias, kernel, bias] of Dense(HIDDEN) -> Dense(output_units), float32."""
    rng = np.random.default_rng(seed)
    return [rng.normal(scale=0.5, size=(FEATURES, HIDDEN)).astype(np.float32),
            rng.normal(scale=0.1, size=(HIDDEN,)).astype(np.float32),
            rng.normal(scale=0.5, size=(HIDDEN, output_units)).astype(np.float32),
            rng.normal(scale=0.1, size=(output_units,)).astype(np.float32)]


def keras_metric(name):
    """A metric for compile: a string, or ``binary_accuracy_obj`` for the class."""
    if name == "binary_accuracy_obj":
        return keras.metrics.BinaryAccuracy()
    if name == "auc":
        return keras.metrics.AUC()
    if name == "precision":
        return keras.metrics.Precision()
    if name == "recall":
        return keras.metrics.Recall()
    return name


def floats(array):
    """Nested lists of Python floats (exact float32 values) for JSON."""
    return np.asarray(array, dtype=np.float32).astype(np.float64).tolist()


def run_case(seed, case, x, targets):
    task, hidden_act, units, out_act, (loss_cls, loss_kw), (opt_cls, opt_kw), metrics = case
    y = targets[task]
    keras.utils.clear_session()
    model = keras.Sequential([keras.Input(shape=(FEATURES,)),
                              keras.layers.Dense(HIDDEN, activation=hidden_act),
                              keras.layers.Dense(units, activation=out_act)])
    weights = initial_weights(seed, units)
    model.set_weights(weights)
    model.compile(optimizer=getattr(keras.optimizers, opt_cls)(**opt_kw),
                  loss=getattr(keras.losses, loss_cls)(**loss_kw),
                  metrics=[keras_metric(m) for m in metrics])
    train, val = slice(0, N_TRAIN), slice(N_TRAIN, None)
    history = model.fit(x[train], y[train], batch_size=BATCH_SIZE, epochs=EPOCHS,
                        shuffle=False, verbose=0, validation_data=(x[val], y[val]))
    evaluation = model.evaluate(x[val], y[val], batch_size=BATCH_SIZE, verbose=0,
                                return_dict=True)
    return {
        "task": task, "hidden_activation": hidden_act, "units": units,
        "output_activation": out_act, "loss": [loss_cls, loss_kw],
        "optimizer": [opt_cls, opt_kw], "metrics": metrics,
        "initial_weights": [floats(w) for w in weights],
        "history": {k: [float(v) for v in vs] for k, vs in history.history.items()},
        "evaluate": {k: float(v) for k, v in evaluation.items()},
        "final_weights": [floats(w) for w in model.get_weights()],
    }


def main():
    x, targets = make_datasets()
    reference = {
        "versions": {"tensorflow": tf.__version__, "keras": keras.__version__,
                     "numpy": np.__version__},
        "settings": {"n_train": N_TRAIN, "n_val": N_VAL, "batch_size": BATCH_SIZE,
                     "epochs": EPOCHS, "hidden": HIDDEN},
        "x": floats(x),
        "targets": {name: (t.tolist() if t.dtype.kind == "i" else floats(t))
                    for name, t in targets.items()},
        "cases": {},
    }
    for seed, (name, case) in enumerate(CASES.items()):
        reference["cases"][name] = run_case(seed, case, x, targets)
        print(name, {k: [round(v, 4) for v in vs]
                     for k, vs in reference["cases"][name]["history"].items()})
    path = os.path.join(HERE, "fit_reference.json")
    with open(path, "w") as f:
        json.dump(reference, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
