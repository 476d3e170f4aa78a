"""compile / fit / evaluate / predict: batching, logs, history, validation, datasets, output."""
import re

import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers
from teachtensor.keras.progbar import Progbar


def linear_model(lr=0.1, metrics=("accuracy",)):
    model = keras.Sequential([layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=lr),
                  loss="mean_squared_error", metrics=list(metrics))
    return model


class Recording(keras.Sequential):
    """Records the rows of x every train_step sees (x holds the row number)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.seen = []

    def train_step(self, data):
        self.seen.append(data[0].numpy()[:, 0].astype(int).tolist())
        return super().train_step(data)


def row_numbered(n):
    x = np.arange(n, dtype=np.float32).reshape(n, 1)
    return x, np.zeros((n, 1), dtype=np.float32)


def test_fit_returns_history_of_floats(linear_data):
    inputs, targets = linear_data
    model = linear_model()
    history = model.fit(inputs, targets, epochs=5, batch_size=128, verbose=0)
    assert list(history.history) == ["loss", "accuracy"]
    assert all(len(v) == 5 for v in history.history.values())
    assert all(type(v) is float for vs in history.history.values() for v in vs)
    assert history.epoch == [0, 1, 2, 3, 4]
    assert history.params["epochs"] == 5 and history.params["steps"] == 4
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert model.history is history


def test_last_partial_batch_is_kept_and_reshuffled_each_epoch():
    x, y = row_numbered(10)
    model = Recording([layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, y, batch_size=4, epochs=3, verbose=0)
    assert [len(b) for b in model.seen] == [4, 4, 2] * 3
    epochs = [sum(model.seen[i:i + 3], []) for i in (0, 3, 6)]
    assert all(sorted(e) == list(range(10)) for e in epochs)
    assert len({tuple(e) for e in epochs}) > 1


def test_shuffle_false_keeps_order():
    x, y = row_numbered(7)
    model = Recording([layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, y, batch_size=3, shuffle=False, verbose=0)
    assert model.seen == [[0, 1, 2], [3, 4, 5], [6]]


def test_validation_split_takes_the_last_fraction_before_shuffling():
    x, y = row_numbered(10)
    model = Recording([layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(x, y, batch_size=100, validation_split=0.2, epochs=2, verbose=0)
    assert all(sorted(b) == list(range(8)) for b in model.seen)
    assert "val_loss" in history.history


def test_logged_loss_is_mean_over_samples_weighted_by_batch_size(linear_data):
    inputs, targets = linear_data
    inputs, targets = inputs[:130], targets[:130]  # batches of 64, 64 and 2
    model = keras.Sequential([layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="mse",
                  metrics=["accuracy"])
    history = model.fit(inputs, targets, batch_size=64, epochs=2, verbose=0)
    predictions = model.predict(inputs, verbose=0)
    expected_loss = np.mean((predictions - targets) ** 2)
    expected_acc = np.mean((predictions > 0.5) == targets)
    np.testing.assert_allclose(history.history["loss"], [expected_loss] * 2, rtol=1e-5)
    np.testing.assert_allclose(history.history["accuracy"], [expected_acc] * 2, rtol=1e-6)


def test_validation_data_adds_val_keys_matching_evaluate(linear_data):
    inputs, targets = linear_data
    model = linear_model()
    history = model.fit(inputs[:300], targets[:300], epochs=3, batch_size=32, verbose=0,
                        validation_data=(inputs[300:], targets[300:]))
    assert list(history.history) == ["loss", "accuracy", "val_loss", "val_accuracy"]
    loss, acc = model.evaluate(inputs[300:], targets[300:], verbose=0)
    assert history.history["val_loss"][-1] == pytest.approx(loss, rel=1e-6)
    assert history.history["val_accuracy"][-1] == pytest.approx(acc)


def test_evaluate_forms(linear_data):
    inputs, targets = linear_data
    plain = keras.Sequential([layers.Dense(1)])
    plain.compile(optimizer="rmsprop", loss="mse")
    plain.fit(inputs, targets, verbose=0)
    assert isinstance(plain.evaluate(inputs, targets, verbose=0), float)
    model = linear_model()
    result = model.evaluate(inputs, targets, batch_size=128, verbose=0)
    assert isinstance(result, list) and len(result) == 2
    as_dict = model.evaluate(inputs, targets, verbose=0, return_dict=True)
    assert list(as_dict) == ["loss", "accuracy"]
    assert as_dict["loss"] == pytest.approx(result[0])


@pytest.mark.parametrize("labels, activation, units", [
    ("binary", "sigmoid", 1), ("sparse", "softmax", 3), ("categorical", "softmax", 3)])
def test_accuracy_is_resolved_from_shapes(labels, activation, units):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 4)).astype(np.float32)
    classes = rng.integers(0, units if units > 1 else 2, size=60)
    y = {"binary": classes.reshape(-1, 1).astype(np.float32), "sparse": classes,
         "categorical": np.eye(3, dtype=np.float32)[classes]}[labels]
    loss = {"binary": "binary_crossentropy", "sparse": "sparse_categorical_crossentropy",
            "categorical": "categorical_crossentropy"}[labels]
    model = keras.Sequential([layers.Dense(units, activation=activation)])
    model.compile(optimizer="rmsprop", loss=loss, metrics=["accuracy"])
    history = model.fit(x, y, epochs=1, batch_size=60, verbose=0)
    p = model.predict(x, verbose=0)  # rmsprop changed the weights: recompute before step
    assert list(history.history) == ["loss", "accuracy"]
    _, acc = model.evaluate(x, y, verbose=0)
    predicted = (p[:, 0] > 0.5).astype(int) if units == 1 else p.argmax(-1)
    assert acc == pytest.approx(np.mean(predicted == classes))


def test_metric_objects_are_keyed_by_name_and_callables_by_function_name(linear_data):
    inputs, targets = linear_data

    def half_error(y_true, y_pred):
        return tf.reduce_mean(tf.abs(y_true - y_pred), axis=-1) / 2

    model = keras.Sequential([layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.RMSprop(), loss=keras.losses.MeanSquaredError(),
                  metrics=[keras.metrics.BinaryAccuracy(), half_error])
    history = model.fit(inputs, targets, epochs=1, verbose=0)
    assert list(history.history) == ["loss", "binary_accuracy", "half_error"]


def test_callable_loss(linear_data):
    inputs, targets = linear_data

    def my_loss(y_true, y_pred):
        return tf.reduce_mean(tf.square(y_true - y_pred), axis=-1)

    model = keras.Sequential([layers.Dense(1)])
    model.compile(optimizer="rmsprop", loss=my_loss)
    history = model.fit(inputs, targets, epochs=2, verbose=0)
    reference = keras.Sequential([layers.Dense(1)])
    assert history.history["loss"][1] < history.history["loss"][0]
    assert reference  # the callable was usable as a loss


def test_fit_evaluate_predict_with_a_dataset(linear_data):
    inputs, targets = linear_data
    dataset = tf.data.Dataset.from_tensor_slices((inputs, targets)).shuffle(400).batch(32)
    model = linear_model()
    history = model.fit(dataset, epochs=3, verbose=0,
                        validation_data=tf.data.Dataset.from_tensor_slices(
                            (inputs, targets)).batch(100))
    assert history.params["steps"] == 13
    assert len(history.history["val_loss"]) == 3
    loss, acc = model.evaluate(tf.data.Dataset.from_tensor_slices((inputs, targets)).batch(64),
                               verbose=0)
    assert loss == pytest.approx(model.evaluate(inputs, targets, verbose=0)[0], rel=1e-5)
    predictions = model.predict(tf.data.Dataset.from_tensor_slices(inputs).batch(50), verbose=0)
    np.testing.assert_allclose(predictions, model.predict(inputs, verbose=0), rtol=1e-5,
                               atol=1e-7)  # other batch sizes: BLAS sums in another order


def test_verbose_1_prints_epochs_and_final_bar(linear_data, capsys):
    inputs, targets = linear_data
    model = linear_model()
    model.fit(inputs, targets, epochs=2, batch_size=32, verbose=1,
              validation_data=(inputs, targets))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Epoch 1/2" and lines[2] == "Epoch 2/2"
    assert re.fullmatch(r"13/13 \[={30}\] - \d+s \d+(us|ms|s)/step - loss: \d\.\d{4} - "
                        r"accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}",
                        lines[1]), lines[1]
    assert len(lines) == 4  # captured output is not a terminal: finished lines only


def test_verbose_2_one_line_per_epoch_and_0_nothing(linear_data, capsys):
    inputs, targets = linear_data
    linear_model().fit(inputs, targets, epochs=3, verbose=2)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 6 and lines[1].startswith("13/13 - ")
    linear_model().fit(inputs, targets, epochs=3, verbose=0)
    assert capsys.readouterr().out == ""


def test_evaluate_and_predict_verbose_print_a_bar(linear_data, capsys):
    inputs, targets = linear_data
    model = linear_model()
    model.fit(inputs, targets, verbose=0)
    model.evaluate(inputs, targets, batch_size=128)
    model.predict(inputs, batch_size=128)
    lines = capsys.readouterr().out.splitlines()
    assert re.match(r"4/4 \[=+\] - .* - loss: .* - accuracy: ", lines[0])
    assert re.match(r"4/4 \[=+\] - \d+s \d+(us|ms|s)/step$", lines[1])


class FakeTerminal:
    def __init__(self):
        self.text = ""

    def write(self, s):
        self.text += s

    def flush(self):
        pass

    def isatty(self):
        return True


def test_progbar_redraws_in_place_in_a_terminal(monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr("sys.stdout", terminal)
    bar = Progbar(4, interval=0.0)
    for step in range(1, 4):
        bar.update(step, [("loss", 0.5)])
    bar.update(4, [("loss", 0.25)], finalize=True)
    assert terminal.text.count("\n") == 1 and terminal.text.count("\r") == 4
    final = terminal.text.split("\r")[-1]
    assert re.fullmatch(r"4/4 \[={30}\] - \d+s \d+(us|ms|s)/step - loss: 0\.2500\s*\n", final)
    assert "ETA" in terminal.text.split("\r")[1] and "=>" in terminal.text.split("\r")[2]


def test_progbar_throttles_redraws(monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr("sys.stdout", terminal)
    bar = Progbar(10000, interval=10.0)
    for step in range(1, 10001):
        bar.update(step, [("loss", 1.0)])
    assert terminal.text.count("\r") <= 2  # the first draw and the final one


def test_progbar_updates_one_display_in_a_notebook(monkeypatch):
    import sys
    import types
    shown = []

    class Handle:
        def update(self, obj):
            shown.append(("update", obj.data))

    def display(obj, display_id=None):
        shown.append(("display", obj.data))
        return Handle()

    class Pretty:
        def __init__(self, data):
            self.data = data

    ipython = types.ModuleType("IPython")
    ipython.get_ipython = lambda: types.SimpleNamespace(kernel=object())
    ipython_display = types.ModuleType("IPython.display")
    ipython_display.display, ipython_display.Pretty = display, Pretty
    ipython.display = ipython_display
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    monkeypatch.setitem(sys.modules, "IPython.display", ipython_display)
    bar = Progbar(3, interval=0.0)
    for step in (1, 2, 3):
        bar.update(step, [("loss", 1.0)])
    assert [kind for kind, _ in shown] == ["display", "update", "update"]
    assert shown[-1][1].startswith("3/3 [====")


# ---- steps_per_epoch and validation_steps: the data goes on between epochs (Keras 3) ----

def test_steps_per_epoch_goes_on_where_the_last_epoch_stopped():
    x, y = row_numbered(12)
    model = Recording([layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss="mae")
    model.fit(x, y, batch_size=2, steps_per_epoch=2, epochs=3, shuffle=False, verbose=0)
    assert model.seen == [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9], [10, 11]]
    stream = tf.data.Dataset.from_tensor_slices((x, y)).batch(2).repeat()
    model.seen = []
    model.fit(stream, steps_per_epoch=4, epochs=2, verbose=0)  # endless: read as a stream
    assert [b[0] for b in model.seen] == [0, 2, 4, 6, 8, 10, 0, 2]


def test_a_pass_that_ends_with_an_epoch_starts_again_without_a_warning(recwarn):
    x, y = row_numbered(8)
    model = Recording([layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss="mae")
    model.fit(x, y, batch_size=2, steps_per_epoch=2, epochs=4, shuffle=False, verbose=0)
    assert [b[0] for b in model.seen] == [0, 2, 4, 6, 0, 2, 4, 6]
    assert not [w for w in recwarn if "ran out" in str(w.message)]


def test_data_that_runs_out_mid_epoch_ends_it_early_with_a_warning():
    x, y = row_numbered(6)  # 3 batches of 2; 2 per epoch
    model = Recording([layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss="mae")
    finite = tf.data.Dataset.from_tensor_slices((x, y)).batch(2)
    with pytest.warns(UserWarning, match="ran out of batches.*steps_per_epoch=2"):
        history = model.fit(finite, steps_per_epoch=2, epochs=3, verbose=0)
    assert [b[0] for b in model.seen] == [0, 2, 4, 0, 2]
    assert history.epoch == [0, 1, 2]
    for bad in (0, -1, 2.5, True):
        with pytest.raises(ValueError, match="steps_per_epoch must be a positive"):
            model.fit(x, y, steps_per_epoch=bad, verbose=0)


def test_validation_steps_start_the_validation_data_again_and_fit_calls_the_test_hooks():
    """Keras 3.15: validation takes the first validation_steps batches every epoch (so
    each epoch's val_loss is measured on the same samples), and calls on_test_*."""
    x, y = row_numbered(8)
    seen = []

    class Hooks(keras.callbacks.Callback):
        def on_test_begin(self, logs=None):
            seen.append("begin")

        def on_test_batch_begin(self, batch, logs=None):
            seen.append(batch)

        def on_test_end(self, logs=None):
            seen.append(("end", sorted(logs)))

    class RecordingTests(Recording):
        def test_step(self, data):
            seen.append(int(data[0].numpy()[0, 0]))
            return super().test_step(data)

    model = RecordingTests([layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss="mae")
    model.fit(x, y, batch_size=2, epochs=2, validation_data=(x, y), validation_steps=2,
              verbose=0, callbacks=[Hooks()])
    assert seen == ["begin", 0, 0, 1, 2, ("end", ["loss"]),
                    "begin", 0, 0, 1, 2, ("end", ["loss"])]


def test_validation_inputs_given_another_way_are_paired_by_name_or_left_alone():
    a, b = keras.Input((3,), name="a"), keras.Input((1,), name="b")
    model = keras.Model([a, b], layers.Dense(1)(layers.Concatenate()([a, b])))
    model.compile(optimizer="sgd", loss="mse")
    x, y = np.ones((4, 3), np.float32), np.ones((4, 1), np.float32)
    model.fit({"b": x[:, :1], "a": x}, y, validation_data=([x, x[:, :1]], y), verbose=0)
    model.fit({"b": x[:, :1], "a": x}, y, validation_data=({"a": x, "b": x[:, :1]}, y),
              verbose=0)
    with pytest.raises(ValueError, match=r"validation x\['b'\] has 3 features"):
        model.fit({"a": x, "b": x[:, :1]}, y, validation_data=({"a": x, "b": x}, y),
                  verbose=0)


def test_validation_inputs_of_another_width_are_refused_before_training():
    x, y = row_numbered(8)
    model = linear_model(metrics=())
    model.build((None, 1))
    before = model.get_weights()
    wide = np.ones((4, 3), np.float32)
    with pytest.raises(ValueError, match=r"validation x has 3 features.*training x has 1"):
        model.fit(x, y, validation_data=(wide, y[:4]), verbose=0)
    for old, new in zip(before, model.get_weights()):
        np.testing.assert_array_equal(old, new)
    assert int(model.optimizer.iterations.numpy()) == 0


# ---- train_on_batch, test_on_batch, predict_on_batch (Keras 3) ----------------------------

def on_batch_model():
    keras.utils.set_random_seed(3)
    model = keras.Sequential([keras.Input((2,)), layers.Dense(4, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model


def test_train_on_batch_is_one_step_of_fit(linear_data):
    inputs, targets = linear_data
    x, y = inputs[:16], (targets[:16] > 0).astype("float32")
    by_fit, by_batch = on_batch_model(), on_batch_model()
    before = by_batch.test_on_batch(x, y)  # the loss and accuracy the step starts from
    assert before == by_batch.evaluate(x, y, batch_size=16, verbose=0)
    history = by_fit.fit(x, y, batch_size=16, epochs=1, shuffle=False, verbose=0)
    loss, accuracy = by_batch.train_on_batch(x, y)
    assert isinstance(loss, float) and loss == history.history["loss"][0] == before[0]
    assert accuracy == history.history["accuracy"][0]
    for a, b in zip(by_fit.get_weights(), by_batch.get_weights()):
        np.testing.assert_array_equal(a, b)
    assert by_batch.train_on_batch(x, y, return_dict=True).keys() == {"loss", "accuracy"}
    np.testing.assert_array_equal(by_batch.predict_on_batch(x),
                                  by_batch.predict(x, batch_size=16, verbose=0))


def test_each_on_batch_call_starts_its_metrics_afresh(linear_data):
    inputs, targets = linear_data
    x, y = inputs[:16], (targets[:16] > 0).astype("float32")
    model = on_batch_model()
    first = model.test_on_batch(x[:8], y[:8])
    second = model.test_on_batch(x[8:], y[8:])
    assert second == model.evaluate(x[8:], y[8:], verbose=0) != first
    only_loss = keras.Sequential([keras.Input((2,)), layers.Dense(1)])
    only_loss.compile(optimizer="sgd", loss="mse")
    assert isinstance(only_loss.train_on_batch(x, y), float)  # a number, not a list


def test_on_batch_mistakes_change_nothing(linear_data):
    inputs, targets = linear_data
    model = on_batch_model()
    before = model.get_weights()
    with pytest.raises(ValueError, match="same number of samples"):
        model.train_on_batch(inputs[:16], targets[:15])
    with pytest.raises(ValueError, match="not a Dataset"):
        model.train_on_batch(tf.data.Dataset.from_tensor_slices((inputs, targets)))
    with pytest.raises(RuntimeError, match="compile"):
        keras.Sequential([layers.Dense(1)]).train_on_batch(inputs, targets)
    for a, b in zip(before, model.get_weights()):
        np.testing.assert_array_equal(a, b)
    assert int(model.optimizer.iterations.numpy()) == 0
