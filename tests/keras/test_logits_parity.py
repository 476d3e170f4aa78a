"""Cross-entropy after a softmax / sigmoid output, against real Keras 3.

Keras 3 computes these losses from the logits behind the activation, so a confidently
wrong answer costs its true size (100 here) instead of -log(1e-7) = 16.118, and still
has a gradient.  ``keras_reference/logits_reference.json`` holds what Keras 3.15
(TensorFlow 2.21) gave for the models of ``keras_reference/logits_cases.py``;
``keras_reference/generate_logits.py`` wrote it (this test needs no TensorFlow).
"""
import json
import os
import sys
import warnings

import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "keras_reference"))
import logits_cases as cases  # noqa: E402

with open(os.path.join(HERE, "keras_reference", "logits_reference.json")) as _f:
    REFERENCE = json.load(_f)

CLIPPED = -np.log(1e-7)  # 16.118: the most a clipped cross-entropy can say


# ---- the "learning rate too high" example ----------------------------------------------

class BatchLosses(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.losses = []

    def on_train_batch_end(self, batch, logs=None):
        if len(self.losses) < cases.SAMPLES // cases.BATCH_SIZE:
            self.losses.append(float(logs["loss"]))


@pytest.fixture(scope="module", params=["softmax", "sigmoid"])
def lr_too_high(request):
    output = request.param
    x, labels = cases.mnist_like()
    y = cases.lr_too_high_targets(labels, output)
    model = cases.lr_too_high(keras, output)
    checksums = cases.checksum([x, y] + model.get_weights())
    batches = BatchLosses()
    history = model.fit(x, y, batch_size=cases.BATCH_SIZE, epochs=REFERENCE["epochs"],
                        shuffle=False, verbose=0, callbacks=[batches])
    return REFERENCE["fit"][output], checksums, batches.losses, history.history


def test_same_data_and_initial_weights_as_keras(lr_too_high):
    expected, checksums, _, _ = lr_too_high
    np.testing.assert_allclose(checksums, expected["checksums"], rtol=1e-12)


def test_first_epoch_matches_keras_batch_by_batch(lr_too_high):
    """The first batch's loss is the loss at the given weights (2.33 with 10 classes);
    after one RMSprop(1.) step the logits are thousands apart and Keras's batch losses
    are in the tens of thousands, which clipped probabilities could never report
    (teachtensor used to log at most 16.118 per sample here and then froze).

    Measured: the batch losses agree to 2e-7 relative (float32 rounding); 1e-5 leaves
    room for another summation order (another BLAS, the GPU kernels).
    """
    expected, _, batch_losses, history = lr_too_high
    np.testing.assert_allclose(batch_losses, expected["first_epoch_batches"], rtol=1e-5)
    assert max(batch_losses) > 1000 * CLIPPED
    np.testing.assert_allclose(history["loss"][0], expected["history"]["loss"][0], rtol=1e-5)


def test_keeps_learning_as_keras_does(lr_too_high):
    """Frozen before (clipped probabilities: from epoch 2 on the same loss, 12.47, and
    the same accuracy, 23% with softmax, 49% with sigmoid, every epoch); from the
    logits it learns, epoch by epoch as Keras does.

    RMSprop(1.) is chaotic: its step g / sqrt(0.1 g^2 + 1e-7) multiplies rounding
    noise in small gradients by up to 3000, and each step compounds it.  Measured, the
    relative difference from Keras's loss grows about 10x per epoch: 1e-7, 3e-7, 3e-6,
    2e-5, 3e-4 (softmax); so epochs 1-3 are held to 1e-4 and epochs 4-5 to 3e-2, each
    some 30x above what was seen.  The accuracies agreed exactly; 2 samples are allowed.
    """
    expected, _, _, history = lr_too_high
    expected = expected["history"]
    assert sorted(history) == sorted(expected)
    np.testing.assert_allclose(history["loss"][:3], expected["loss"][:3], rtol=1e-4)
    np.testing.assert_allclose(history["loss"][3:], expected["loss"][3:], rtol=3e-2)
    np.testing.assert_allclose(history["accuracy"], expected["accuracy"],
                               atol=2 / cases.SAMPLES)
    loss, accuracy = history["loss"], history["accuracy"]
    assert all(a > b for a, b in zip(loss, loss[1:])) and accuracy[-1] > accuracy[0] + 0.3


# ---- evaluate on confidently wrong answers ---------------------------------------------

def confident(head):
    return cases.confident(keras, head, tf=tf)


@pytest.mark.parametrize("name", sorted(REFERENCE["evaluate"]))
def test_evaluate_reports_the_loss_from_the_logits(name):
    head, loss, targets, metrics = cases.EVALUATIONS[name]
    expected = REFERENCE["evaluate"][name]
    model = confident(head)
    model.compile(loss=loss, metrics=metrics)
    y = cases.TARGETS[targets]
    whole = model.evaluate(cases.CONFIDENT_X, y, batch_size=4, verbose=0, return_dict=True)
    first = model.evaluate(cases.CONFIDENT_X[:1], y[:1], verbose=0, return_dict=True)
    assert sorted(whole) == sorted(expected["all"])
    for key in whole:
        assert whole[key] == pytest.approx(expected["all"][key], rel=1e-6), key
        assert first[key] == pytest.approx(expected["first_input"][key], rel=1e-6), key
    assert first["loss"] == pytest.approx(100.0)  # not 16.118


def test_two_heads_each_use_their_logits():
    model = cases.two_heads(keras)
    model.compile(loss=["binary_crossentropy", "sparse_categorical_crossentropy"])
    result = model.evaluate(cases.CONFIDENT_X, [cases.BINARY, cases.LABELS], batch_size=6,
                            verbose=0, return_dict=True)
    expected = REFERENCE["two_heads"]
    assert sorted(result) == sorted(expected)
    for key in result:
        assert result[key] == pytest.approx(expected[key], rel=1e-6), key


# ---- losses called on model(x), as in a custom training loop ---------------------------

@pytest.mark.parametrize("name", sorted(REFERENCE["direct"]))
def test_loss_on_a_model_output_matches_keras(name):
    softmax_model, sigmoid_model = confident("dense_softmax"), confident("sigmoid")
    call = cases.direct_calls(keras)[name]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = call(softmax_model(cases.CONFIDENT_X), sigmoid_model(cases.CONFIDENT_X))
    expected = REFERENCE["direct"][name]
    np.testing.assert_allclose(np.asarray(value), expected["value"], rtol=1e-6, atol=1e-6)
    assert bool(caught) == expected["warned"], [str(w.message) for w in caught]


@pytest.mark.parametrize("name", sorted(REFERENCE["gradients"]))
def test_tape_differentiates_the_logits_path(name):
    """The gradient of a confidently wrong sample is (p - y) x, not 0: the tape records
    the loss on the logits, and the softmax / sigmoid node is not on the path."""
    model = confident("sigmoid" if name == "binary" else "dense_softmax")
    loss, y = {"sparse": (keras.losses.SparseCategoricalCrossentropy(), cases.LABELS),
               "categorical": (keras.losses.CategoricalCrossentropy(), cases.ONE_HOT),
               "binary": (keras.losses.BinaryCrossentropy(), cases.BINARY)}[name]
    with tf.GradientTape() as tape:
        value = loss(y, model(cases.CONFIDENT_X))
    gradients = tape.gradient(value, model.trainable_weights)
    expected = REFERENCE["gradients"][name]
    assert float(value) == pytest.approx(expected["loss"], rel=1e-6)
    for got, want in zip(gradients, expected["gradients"]):
        np.testing.assert_allclose(np.asarray(got), want, rtol=1e-6, atol=1e-7)
    assert np.abs(np.asarray(gradients[0])).max() > 0.1
