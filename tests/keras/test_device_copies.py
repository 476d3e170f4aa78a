"""How many numbers cross between the host and the device: the budget of a training step.

On a GPU every copy between main memory and the device costs a synchronisation, so a
training step should copy only the batch going in and the few numbers the logs need
coming out.  The strict test backend counts copies as a GPU would (``asarray``: to the
device, ``to_numpy``: to the host), so these budgets are checked without a GPU.
"""
import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras

import strict_backend  # noqa: F401  (registers the "strict" backend)
from teachtensor.backend import gpu_available

# The strict test backend, and the GPU (under the strict simulator: tests/cuda_strict.py)
COUNTING = ["strict"] + (["cuda"] if gpu_available() else [])


@pytest.fixture(params=COUNTING)
def strict(request):
    old = tf.backend.set_backend(request.param)
    backend = tf.backend.get_backend()
    if not hasattr(backend, "copies"):
        pytest.skip("copies are counted under the simulator (NUMBA_ENABLE_CUDASIM=1)")
    yield backend
    tf.backend.set_backend(old)


def copies_during(backend, run):
    backend.copies.update(to_device=0, to_host=0)
    run()
    return dict(backend.copies)


def small_classifier():
    model = keras.Sequential([keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    return rng.random((160, 20)).astype(np.float32), rng.integers(0, 5, 160)


@pytest.mark.parametrize("verbose", [0, 1, 2])
def test_a_fit_step_copies_the_batch_in_and_a_few_numbers_out(strict, data, verbose):
    x, y = data
    model = small_classifier()
    model.fit(x[:64], y[:64], batch_size=32, verbose=0)  # weights, slots, metric states
    copies = copies_during(strict, lambda: model.fit(x, y, batch_size=32, epochs=2,
                                                     verbose=verbose))
    batches = 2 * 5
    assert copies["to_device"] <= 2 * batches + 4, copies  # x and y of each batch
    assert copies["to_host"] <= 1.5 * batches + 10, copies  # a label check (+ the logs)


def test_a_bar_redrawn_at_every_step_copies_its_numbers_together(strict, data, monkeypatch,
                                                                 capsys):
    from teachtensor.keras import progbar
    monkeypatch.setattr(progbar, "_choose_display", progbar._TerminalDisplay)
    monkeypatch.setattr(progbar.Progbar.__init__, "__defaults__", (30, 1, 0.0, "step"))
    x, y = data
    model = small_classifier()
    model.fit(x[:64], y[:64], batch_size=32, verbose=0)
    copies = copies_during(strict, lambda: model.fit(x, y, batch_size=32, epochs=2, verbose=1))
    batches = 2 * 5
    assert capsys.readouterr().out.count("\r") >= batches  # a redraw at every step
    assert copies["to_host"] <= 2 * batches + 4, copies  # a label check, the loss and accuracy


def test_evaluate_and_predict_copy_little(strict, data):
    x, y = data
    model = small_classifier()
    model.fit(x[:64], y[:64], batch_size=32, verbose=0)
    copies = copies_during(strict, lambda: model.evaluate(x, y, batch_size=32, verbose=0))
    assert copies["to_device"] <= 2 * 5 and copies["to_host"] <= 5 + 4, copies
    copies = copies_during(strict, lambda: model.predict(x, batch_size=32, verbose=0))
    assert copies["to_device"] <= 5 and copies["to_host"] <= 5, copies  # in, out


@pytest.mark.parametrize("name", ["sgd", "rmsprop", "adam", "adagrad"])
def test_an_optimizer_step_copies_nothing(strict, name):
    variables = [tf.Variable(np.ones((4, 3), np.float32)), tf.Variable(np.ones(3, np.float32))]
    grads = [tf.ones((4, 3)), tf.ones(3)]
    optimizer = keras.optimizers.get(name)
    optimizer.apply_gradients(zip(grads, variables))  # slots made
    copies = copies_during(strict, lambda: [optimizer.apply_gradients(zip(grads, variables))
                                            for _ in range(5)])
    assert copies == {"to_device": 0, "to_host": 0}


def test_metrics_update_on_the_device(strict):
    y_true = tf.constant([0, 1, 1, 0])
    y_pred = tf.constant([0.2, 0.8, 0.4, 0.1])
    for metric in (keras.metrics.BinaryAccuracy(), keras.metrics.AUC(),
                   keras.metrics.Precision(), keras.metrics.Recall(), keras.metrics.Mean()):
        args = (y_pred,) if isinstance(metric, keras.metrics.Mean) and \
            type(metric) is keras.metrics.Mean else (y_true, y_pred)
        metric.update_state(*args)  # constants made on first use
        copies = copies_during(strict, lambda: [metric.update_state(*args) for _ in range(3)])
        assert copies == {"to_device": 0, "to_host": 0}, (metric, copies)
        assert 0 <= float(metric.result()) <= 1
