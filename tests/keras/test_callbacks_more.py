"""CSVLogger, LearningRateScheduler, ReduceLROnPlateau, TensorBoard, ModelCheckpoint files.

The constants marked "Keras 3.15" were observed by running the same calls with
TensorFlow 2.21 / Keras 3.15.1 (an SGD(learning_rate=0.1) model; learning rates are
float32 Variables in both, so they agree to the last digit).
"""
import os

import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import callbacks, layers
from .test_callbacks import FakeValLoss  # (scripted val_loss values, epoch by epoch)


def compiled_model(lr=0.1, optimizer=None):
    model = keras.Sequential([layers.Dense(1)])
    model.compile(optimizer=optimizer or keras.optimizers.SGD(learning_rate=lr), loss="mse",
                  metrics=["accuracy"])
    return model


@pytest.fixture
def data(linear_data):
    inputs, targets = linear_data
    return inputs[:64], targets[:64]


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


# -- CSVLogger -------------------------------------------------------------------------
def test_csv_logger_writes_one_row_per_epoch_with_full_numbers(data, tmp_path):
    inputs, targets = data
    path = tmp_path / "log.csv"
    history = compiled_model().fit(inputs, targets, epochs=3, batch_size=16, verbose=0,
                                   validation_data=(inputs[:8], targets[:8]),
                                   callbacks=[callbacks.CSVLogger(str(path))])
    lines = read_bytes(path).decode().split("\r\n")  # Keras 3.15: rows end in \r\n
    assert lines[0] == "epoch,accuracy,loss,val_accuracy,val_loss"  # Keras 3.15
    assert lines[-1] == "" and len(lines) == 5
    for epoch, line in enumerate(lines[1:4]):
        columns = ["accuracy", "loss", "val_accuracy", "val_loss"]
        want = [str(epoch)] + [repr(history.history[c][epoch]) for c in columns]
        assert line.split(",") == want
    assert len(lines[1].split(",")[2]) > 12  # the loss in full, not rounded


def test_csv_logger_without_validation_separator_and_append(data, tmp_path):
    inputs, targets = data
    path = tmp_path / "log.csv"
    model = compiled_model()
    model.fit(inputs, targets, epochs=2, verbose=0,
              callbacks=[callbacks.CSVLogger(path, separator=";")])
    model.fit(inputs, targets, epochs=2, verbose=0,
              callbacks=[callbacks.CSVLogger(path, separator=";", append=True)])
    rows = [line.split(";") for line in read_bytes(path).decode().splitlines()]
    # Keras 3.15: without validation data it adds val_ columns, filled with NA; append
    # adds rows (epochs counted from 0 again) and no second header.
    assert rows[0] == ["epoch", "accuracy", "loss", "val_accuracy", "val_loss"]
    assert [r[0] for r in rows[1:]] == ["0", "1", "0", "1"]
    assert all(r[3:] == ["NA", "NA"] and float(r[2]) > 0 for r in rows[1:])
    model.fit(inputs, targets, epochs=1, verbose=0,
              callbacks=[callbacks.CSVLogger(path, separator=";")])  # append=False: anew
    assert len(read_bytes(path).decode().splitlines()) == 2


def open_handles(path):
    """How many of this process's open files are ``path`` (Linux's /proc)."""
    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("needs /proc/self/fd to see open files")
    target = os.path.realpath(path)
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += os.path.realpath(os.readlink(f"/proc/self/fd/{fd}")) == target
        except OSError:
            pass
    return count


def test_csv_logger_file_is_complete_and_closed_when_training_fails(data, tmp_path):
    inputs, targets = data
    path = str(tmp_path / "log.csv")

    class Fails(callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            assert open_handles(path) == 0  # not held open between epochs
            if epoch == 2:
                raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        compiled_model().fit(inputs, targets, epochs=5, verbose=0,
                             callbacks=[callbacks.CSVLogger(path), Fails()])
    assert open_handles(path) == 0
    lines = read_bytes(path).decode().splitlines()
    assert [line.split(",")[0] for line in lines] == ["epoch", "0", "1"]


def test_csv_logger_errors_before_training(data, tmp_path):
    with pytest.raises(ValueError, match="single character"):
        callbacks.CSVLogger("log.csv", separator=", ")
    inputs, targets = data
    model = compiled_model()
    with pytest.raises(FileNotFoundError):
        model.fit(inputs, targets, epochs=1, verbose=0,
                  callbacks=[callbacks.CSVLogger(str(tmp_path / "no" / "log.csv"))])
    assert int(model.optimizer.iterations.numpy()) == 0  # no step was taken


# -- LearningRateScheduler -------------------------------------------------------------
def test_scheduler_sets_the_rate_each_epoch_and_logs_it(data, capsys):
    inputs, targets = data
    model = compiled_model()
    history = model.fit(inputs, targets, epochs=3, batch_size=16, verbose=2, callbacks=[
        callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.5, verbose=1)])
    halved = [0.05000000074505806, 0.02500000037252903, 0.012500000186264515]  # Keras 3.15
    assert history.history["learning_rate"] == halved
    assert float(model.optimizer.learning_rate) == halved[-1]
    out = capsys.readouterr().out
    assert "\nEpoch 1: LearningRateScheduler setting learning rate to 0.05000000074505806." \
           "\nEpoch 1/3\n" in out  # Keras 3.15: before the epoch's header
    assert out.count(" - learning_rate: 0.0500\n") == 1  # Keras 3.15: on the bar's line
    assert " - learning_rate: 0.0125\n" in out


def test_scheduler_with_one_argument_and_csv_columns(data, tmp_path):
    inputs, targets = data
    before, after = tmp_path / "before.csv", tmp_path / "after.csv"
    model = compiled_model()
    history = model.fit(inputs, targets, epochs=3, verbose=0, callbacks=[
        callbacks.CSVLogger(before), callbacks.LearningRateScheduler(lambda epoch: 0.1 / (epoch + 1)),
        callbacks.CSVLogger(after)])
    # Keras 3.15: the rates as float32 Variables hold them
    assert history.history["learning_rate"] == [0.10000000149011612, 0.05000000074505806,
                                                0.03333333507180214]
    # Keras 3.15: a CSVLogger before the scheduler has no learning_rate column
    assert read_bytes(before).decode().splitlines()[0] == \
        "epoch,accuracy,loss,val_accuracy,val_loss"
    assert read_bytes(after).decode().splitlines()[0] == \
        "epoch,accuracy,learning_rate,loss,val_accuracy,val_learning_rate,val_loss"
    assert read_bytes(after).decode().splitlines()[3].split(",")[2] == "0.03333333507180214"


def test_scheduler_with_initial_epoch(data):
    inputs, targets = data
    history = compiled_model().fit(inputs, targets, epochs=3, initial_epoch=1, verbose=0,
                                   callbacks=[callbacks.LearningRateScheduler(
                                       lambda epoch, lr: 0.1 * (epoch + 1))])
    assert history.epoch == [1, 2]  # Keras 3.15, with these rates:
    assert history.history["learning_rate"] == [0.20000000298023224, 0.30000001192092896]


def test_the_scheduled_rate_is_the_one_used(data):
    inputs, targets = data
    model = compiled_model()
    model.build((None, 2))
    start = model.get_weights()
    model.fit(inputs, targets, epochs=2, verbose=0,
              callbacks=[callbacks.LearningRateScheduler(lambda epoch, lr: 0.0)])
    for got, want in zip(model.get_weights(), start):
        np.testing.assert_array_equal(got, want)
    assert int(model.optimizer.iterations.numpy()) > 0  # it did train, with rate 0


@pytest.mark.parametrize("returned, hint", [
    (1, r"1\.0 rather than 1"), ("0.1", "str"), (None, "forget to return"),
    (tf.constant(0.1), r"float\(\.\.\.\)"), (True, "bool")])
def test_scheduler_refuses_what_keras_refuses(data, returned, hint):
    # Keras 3.15 raises ValueError for each of these (and accepts np.float32)
    inputs, targets = data
    model = compiled_model()
    with pytest.raises(ValueError, match=f"must return the new learning rate as a float.*{hint}"):
        model.fit(inputs, targets, epochs=1, verbose=0,
                  callbacks=[callbacks.LearningRateScheduler(lambda epoch, lr: returned)])
    assert int(model.optimizer.iterations.numpy()) == 0
    assert float(model.optimizer.learning_rate) == np.float32(0.1)


def test_scheduler_accepts_numpy_floats(data):
    inputs, targets = data
    history = compiled_model().fit(inputs, targets, epochs=2, verbose=0, callbacks=[
        callbacks.LearningRateScheduler(lambda epoch, lr: np.float32(0.5))])
    assert history.history["learning_rate"] == [0.5, 0.5]  # Keras 3.15


@pytest.mark.parametrize("callback", [
    lambda: callbacks.LearningRateScheduler(lambda epoch, lr: lr),
    lambda: callbacks.ReduceLROnPlateau(monitor="loss")])
def test_learning_rate_callbacks_refuse_an_optimizer_with_a_schedule(data, callback):
    inputs, targets = data
    model = compiled_model(optimizer=keras.optimizers.SGD(learning_rate=lambda step: 0.1))
    with pytest.raises(TypeError, match="created with a learning-rate schedule"):
        model.fit(inputs, targets, epochs=1, verbose=0, callbacks=[callback()])
    assert int(model.optimizer.iterations.numpy()) == 0  # refused before training


def test_scheduler_needs_a_function():
    with pytest.raises(TypeError, match="schedule"):
        callbacks.LearningRateScheduler(0.01)


# -- ReduceLROnPlateau -----------------------------------------------------------------
VAL_LOSSES = [1.0, 0.9, 0.9, 0.89995, 0.95, 0.7, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8]
LR = {"0.1": 0.10000000149011612, "0.05": 0.05000000074505806, "0.025": 0.02500000037252903,
      "0.0125": 0.012500000186264515, "0.00625": 0.0062500000931322575,
      "0.02": 0.019999999552965164, "0.01": 0.009999999776482582,
      "0.001": 0.0009999999310821295}
# Keras 3.15, each epoch: (logs["learning_rate"], the rate after, wait, cooldown_counter, best)
PLATEAU = [
    ("0.1", "0.1", 0, 0, 1.0), ("0.1", "0.1", 0, 0, 0.9), ("0.1", "0.1", 1, 0, 0.9),
    ("0.1", "0.05", 0, 0, 0.9), ("0.05", "0.05", 1, 0, 0.9), ("0.05", "0.05", 0, 0, 0.7),
    ("0.05", "0.05", 1, 0, 0.7), ("0.05", "0.025", 0, 0, 0.7), ("0.025", "0.025", 1, 0, 0.7),
    ("0.025", "0.0125", 0, 0, 0.7), ("0.0125", "0.0125", 1, 0, 0.7),
    ("0.0125", "0.00625", 0, 0, 0.7)]
COOLDOWN = [
    ("0.1", "0.1", 0, 0, 1.0), ("0.1", "0.1", 0, 0, 0.9), ("0.1", "0.05", 0, 2, 0.9),
    ("0.05", "0.05", 0, 1, 0.9), ("0.05", "0.025", 0, 2, 0.9), ("0.025", "0.025", 0, 1, 0.7),
    ("0.025", "0.02", 0, 2, 0.7), ("0.02", "0.02", 0, 1, 0.7), ("0.02", "0.02", 1, 0, 0.7),
    ("0.02", "0.02", 2, 0, 0.7), ("0.02", "0.02", 3, 0, 0.7), ("0.02", "0.02", 4, 0, 0.7)]
MIN_DELTA = [("0.1", "0.1", 0, 0, 1.0), ("0.1", "0.01", 0, 0, 1.0), ("0.01", "0.01", 0, 0, 0.9),
             ("0.01", "0.001", 0, 0, 0.9)]
# min_lr=0.1 with the rate at 0.1: already at the floor, so never reduced (nor says so)
AT_MIN_LR = [("0.1", "0.1", 0, 0, 1.0), ("0.1", "0.1", 1, 0, 1.0), ("0.1", "0.1", 2, 0, 1.0),
             ("0.1", "0.1", 3, 0, 1.0)]
MAX_MODE = [("0.1", "0.1", 0, 0, 0.5), ("0.1", "0.1", 0, 0, 0.6), ("0.1", "0.05", 0, 0, 0.6),
            ("0.05", "0.025", 0, 0, 0.6), ("0.025", "0.025", 0, 0, 0.7)]


def drive(callback, values, key="val_loss"):
    """Call the callback as fit would, with ``values`` as the monitored log."""
    model = compiled_model(lr=0.1)
    callback.set_model(model)
    callback.on_train_begin()
    seen = []
    for epoch, value in enumerate(values):
        logs = {key: value}
        callback.on_epoch_begin(epoch)
        callback.on_epoch_end(epoch, logs)
        seen.append((logs["learning_rate"], float(model.optimizer.learning_rate),
                     callback.wait, callback.cooldown_counter, callback.best))
    return seen


@pytest.mark.parametrize("arguments, values, key, expected", [
    (dict(factor=0.5, patience=2), VAL_LOSSES, "val_loss", PLATEAU),
    (dict(factor=0.5, patience=1, cooldown=2, min_lr=0.02), VAL_LOSSES, "val_loss", COOLDOWN),
    (dict(factor=0.1, patience=0, min_delta=0.05), [1.0, 0.97, 0.9, 0.89], "val_loss",
     MIN_DELTA),
    (dict(factor=0.5, patience=1, min_lr=0.1), [1.0] * 4, "val_loss", AT_MIN_LR),
    (dict(monitor="val_accuracy", factor=0.5, patience=1, mode="max"),
     [0.5, 0.6, 0.6, 0.55, 0.7], "val_accuracy", MAX_MODE),
], ids=["patience", "cooldown-min_lr", "min_delta", "at-min_lr", "max"])
def test_reduce_lr_on_plateau_as_keras(arguments, values, key, expected, capsys):
    want = [(LR[a], LR[b], wait, cool, best) for a, b, wait, cool, best in expected]
    reduce = callbacks.ReduceLROnPlateau(verbose=1, **arguments)
    assert drive(reduce, values, key) == want
    reductions = sum(before != after for before, after, *_ in expected)
    assert capsys.readouterr().out.count("ReduceLROnPlateau reducing learning rate") == \
        reductions


def test_reduce_lr_on_plateau_in_fit_says_so_and_logs_the_rate(data, capsys):
    inputs, targets = data
    reduce = callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=0,
                                         min_delta=10, verbose=1)  # never improves
    history = compiled_model().fit(inputs, targets, epochs=3, verbose=2, callbacks=[reduce])
    # Keras 3.15: the rate each epoch trained with, then lowered after epochs 2 and 3
    assert history.history["learning_rate"] == [LR["0.1"], LR["0.1"], LR["0.05"]]
    out = capsys.readouterr().out
    assert "\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.05000000074505806.\n" in out
    assert "\nEpoch 3: ReduceLROnPlateau reducing learning rate to 0.02500000037252903.\n" in out
    assert "Epoch 1:" not in out and out.count(" - learning_rate: 0.1000\n") == 2


def test_reduce_lr_on_plateau_checks_and_missing_monitor():
    with pytest.raises(ValueError, match="factor must be below 1"):
        callbacks.ReduceLROnPlateau(factor=1.0)  # Keras 3.15 refuses factor >= 1 too
    with pytest.warns(UserWarning, match="'val_loss' is not in this epoch's logs "
                                         r"\(loss, learning_rate\); check its spelling "
                                         r"\(val_ values need validation data"):
        assert drive(callbacks.ReduceLROnPlateau(patience=0), [1.0, 1.0], key="loss") == \
            [(LR["0.1"], LR["0.1"], 0, 0, None)] * 2
    with pytest.raises(ValueError, match=r"monitor='val_los'.*no such value.*loss"):
        drive(callbacks.ReduceLROnPlateau(monitor="val_los"), [1.0], key="loss")
    with pytest.warns(UserWarning, match="'val_los' is not in"):  # a mode given: Keras warns
        drive(callbacks.ReduceLROnPlateau(monitor="val_los", mode="min"), [1.0], key="loss")


# -- TensorBoard -----------------------------------------------------------------------
def test_tensorboard_says_what_to_use_instead():
    with pytest.raises(NotImplementedError) as error:
        callbacks.TensorBoard(log_dir="logs")
    message = str(error.value)
    assert "does not write TensorBoard logs" in message
    assert "keras.callbacks.CSVLogger('log.csv')" in message
    assert "teachtensor.plot.plot_history(history)" in message
    from teachtensor.plot import plot_history  # the names in the message exist
    assert callable(plot_history) and callbacks.CSVLogger


# -- ModelCheckpoint: which file, and what goes in it --------------------------------
@pytest.mark.parametrize("arguments, match", [
    (dict(filepath="m.keras", save_weights_only=True), "must end in '.weights.h5'"),
    (dict(filepath="m.h5", save_weights_only=True), "must end in '.weights.h5'"),
    (dict(filepath="m.h5"), "old whole-model HDF5"),
    (dict(filepath="model.txt"), "must end in '.keras'"),
    (dict(filepath="m.keras", save_freq=3), "save_freq"),
])
def test_model_checkpoint_refuses_names_when_created(arguments, match):
    with pytest.raises(ValueError, match=match):  # Keras 3.15: at construction too
        callbacks.ModelCheckpoint(**arguments)


def test_model_checkpoint_keras_name_saves_the_whole_model(data, tmp_path, monkeypatch, capsys):
    inputs, targets = data
    model = compiled_model()
    saved = []
    monkeypatch.setattr(model, "save", lambda path: saved.append(path), raising=False)
    monkeypatch.setattr(model, "save_weights", lambda path: pytest.fail("not weights"))
    pattern = str(tmp_path / "ck" / "sub" / "{epoch:02d}-{val_loss:.2f}.keras")
    model.fit(inputs, targets, epochs=4, verbose=0, callbacks=[
        FakeValLoss([0.5, 0.3, 0.4, 0.35]),
        callbacks.ModelCheckpoint(pattern, save_best_only=True, verbose=1)])
    folder = str(tmp_path / "ck" / "sub")
    assert saved == [f"{folder}/01-0.50.keras", f"{folder}/02-0.30.keras"]
    assert os.path.isdir(folder)  # created
    lines = [  # Keras 3.15's messages, each printed after an empty line
        f"Epoch 1: val_loss improved from None to 0.50000, saving model to {saved[0]}",
        f"Epoch 1: finished saving model to {saved[0]}",
        f"Epoch 2: val_loss improved from 0.50000 to 0.30000, saving model to {saved[1]}",
        f"Epoch 2: finished saving model to {saved[1]}",
        "Epoch 3: val_loss did not improve from 0.30000",
        "Epoch 4: val_loss did not improve from 0.30000"]
    assert capsys.readouterr().out == "".join(f"\n{line}\n" for line in lines)


def test_model_checkpoint_weights_names_save_weights(data, tmp_path):
    inputs, targets = data
    model = compiled_model()
    model.fit(inputs, targets, epochs=2, verbose=0, callbacks=[
        callbacks.ModelCheckpoint(str(tmp_path / "w.{epoch}.weights.npz"),
                                  save_weights_only=True),
        callbacks.ModelCheckpoint(str(tmp_path / "last.npz"))])  # .npz: weights, always
    assert sorted(p.name for p in tmp_path.iterdir()) == ["last.npz", "w.1.weights.npz",
                                                         "w.2.weights.npz"]
    restored = compiled_model()
    restored.build((None, 2))
    restored.load_weights(tmp_path / "w.2.weights.npz")
    for got, want in zip(restored.get_weights(), model.get_weights()):
        np.testing.assert_array_equal(got, want)


def test_model_checkpoint_weights_h5_name(data, tmp_path):
    pytest.importorskip("h5py")
    inputs, targets = data
    path = tmp_path / "x.weights.h5"
    checkpoint = callbacks.ModelCheckpoint(path)  # save_weights_only=False: still weights
    compiled_model().fit(inputs, targets, epochs=1, verbose=0, callbacks=[checkpoint])
    restored = compiled_model()
    restored.build((None, 2))
    restored.load_weights(path)


def test_model_checkpoint_file_name_needs_its_log(data, tmp_path):
    """A field of the file name that no epoch will log is refused before training."""
    inputs, targets = data
    model = compiled_model()
    with pytest.raises(ValueError, match=r"the logs will have no 'val_acc' \(val_ values need "
                                         r"validation data\); they will have: epoch, loss, "
                                         r"accuracy$"):
        model.fit(inputs, targets, epochs=1, verbose=0, callbacks=[
            callbacks.ModelCheckpoint(str(tmp_path / "{val_acc:.2f}.weights.npz"))])
    with pytest.raises(ValueError, match=r"no 'val_los'; they will have: epoch, loss, "
                                         r"accuracy, val_loss, val_accuracy$"):
        model.fit(inputs, targets, epochs=1, verbose=0, validation_split=0.25, callbacks=[
            callbacks.ModelCheckpoint(str(tmp_path / "{epoch:02d}-{val_los:.2f}.weights.npz"))])
    with pytest.raises(ValueError, match="not a valid format string"):
        model.fit(inputs, targets, epochs=1, verbose=0, callbacks=[
            callbacks.ModelCheckpoint(str(tmp_path / "{epoch.weights.npz"))])
    assert list(tmp_path.iterdir()) == [] and int(model.optimizer.iterations) == 0
    model.fit(inputs, targets, epochs=1, verbose=0, validation_split=0.25, callbacks=[
        callbacks.ModelCheckpoint(str(tmp_path / "{epoch:02d}-{val_loss:.2f}.weights.npz"))])
    assert [p.name.split("-")[0] for p in tmp_path.iterdir()] == ["01"]


def test_model_checkpoint_without_validation_data_for_its_monitor_refuses_to_start(
        data, tmp_path):
    """save_best_only with the default monitor, val_loss, and no validation data: Keras
    3.15 warns and saves every epoch; teachtensor says what to pass, before training."""
    inputs, targets = data
    path = tmp_path / "best.weights.npz"
    with pytest.raises(ValueError, match=r"ModelCheckpoint\(monitor='val_loss'\): val_ values "
                                         r"come from validation data.*validation_split=0\.2.*"
                                         r"monitor='loss'"):
        compiled_model().fit(inputs, targets, epochs=1, verbose=0, callbacks=[
            callbacks.ModelCheckpoint(path, save_best_only=True)])
    assert not path.exists()


def test_model_checkpoint_skips_an_epoch_without_its_monitor(data, tmp_path):
    """validation_freq=2: the odd epochs have no val_loss. Keras 3.15 saves them anyway,
    which would put a worse model over the best one; teachtensor skips them, warning."""
    inputs, targets = data
    path = tmp_path / "best.weights.npz"

    class Snapshot(callbacks.Callback):
        adds_logs = ()  # (it only reads the logs: fit can check the names before training)

        def __init__(self):
            super().__init__()
            self.saved = {}

        def on_epoch_end(self, epoch, logs=None):
            self.saved[epoch] = self.model.get_weights()

    snapshot = Snapshot()
    with pytest.warns(UserWarning, match="'val_loss' is not in this epoch's logs") as caught:
        compiled_model().fit(inputs, targets, epochs=3, verbose=0, validation_split=0.25,
                             validation_freq=2, callbacks=[
                                 snapshot, callbacks.ModelCheckpoint(path, save_best_only=True)])
    assert len(caught) == 2  # epochs 1 and 3
    assert all("this epoch was not validated (validation_freq)" in str(w.message)
               for w in caught)
    restored = compiled_model()
    restored.build((None, 2))
    restored.load_weights(path)
    for got, want in zip(restored.get_weights(), snapshot.saved[1]):  # epoch 2's weights
        np.testing.assert_array_equal(got, want)


def test_model_checkpoint_initial_value_threshold(data, tmp_path, capsys):
    inputs, targets = data
    path = tmp_path / "thr.weights.npz"
    model = compiled_model()
    model.fit(inputs, targets, epochs=2, verbose=0, callbacks=[
        FakeValLoss([0.5, 0.3]),
        callbacks.ModelCheckpoint(path, save_best_only=True, verbose=1,
                                  initial_value_threshold=0.4)])
    out = capsys.readouterr().out  # Keras 3.15:
    assert "Epoch 1: val_loss did not improve from 0.40000" in out
    assert "Epoch 2: val_loss improved from 0.40000 to 0.30000, saving model to" in out
    assert path.exists()


def f1_like(y_true, y_pred):
    """A metric of the student's own: a function, so nothing says which way is better."""
    return tf.reduce_mean(y_pred)


@pytest.mark.parametrize("monitor, metrics, mode", [
    ("val_loss", ["accuracy"], "min"),
    ("val_accuracy", ["accuracy"], "max"),
    ("val_acc", ["acc"], "max"),
    ("val_mae", ["mae"], "min"),                      # MeanAbsoluteError: "down"
    ("val_auc", [keras.metrics.AUC()], "max"),
    ("val_precision", [keras.metrics.Precision()], "max"),
    ("val_binary_crossentropy", ["binary_crossentropy"], "min"),
    ("val_p", [keras.metrics.Precision(name="p")], "max"),  # the name tells nothing
    ("val_e", [keras.metrics.MeanSquaredError(name="e")], "min"),
])
def test_mode_auto_takes_the_direction_of_the_metric(data, monitor, metrics, mode):
    inputs, targets = data
    model = keras.Sequential([layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="sgd", loss="binary_crossentropy", metrics=metrics)
    stopper = callbacks.EarlyStopping(monitor=monitor)
    model.fit(inputs, (targets > 0).astype("float32"), epochs=1, verbose=0,
              validation_split=0.25, callbacks=[stopper])
    assert stopper.mode == mode


def test_mode_auto_refuses_a_metric_without_a_direction_before_training(data, tmp_path):
    """Keras 3 raises after the first epoch; before, teachtensor guessed "min" for every
    name it did not know, so an F1 score that grew stopped training and the checkpoint
    kept the worst epoch."""
    inputs, targets = data
    model = keras.Sequential([layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse", metrics=[f1_like])
    model.build((None, 2))
    before = model.get_weights()
    for callback in [callbacks.EarlyStopping(monitor="val_f1_like"),
                     callbacks.ModelCheckpoint(str(tmp_path / "best.keras"),
                                               monitor="val_f1_like", save_best_only=True),
                     callbacks.ReduceLROnPlateau(monitor="f1_like")]:
        with pytest.raises(ValueError, match=r"cannot tell whether '(val_)?f1_like' should "
                                             r"grow or shrink.*mode='max'"):
            model.fit(inputs, targets, epochs=2, verbose=0, validation_split=0.25,
                      callbacks=[callback])
    assert int(model.optimizer.iterations) == 0 and list(tmp_path.iterdir()) == []
    for got, want in zip(model.get_weights(), before):
        np.testing.assert_array_equal(got, want)
    stopper = callbacks.EarlyStopping(monitor="val_f1_like", mode="max")  # said: fine
    model.fit(inputs, targets, epochs=1, verbose=0, validation_split=0.25, callbacks=[stopper])
    assert stopper.mode == "max"


def test_a_value_only_your_callback_logs_needs_a_mode_unless_its_name_tells():
    """A name the metrics do not have, logged by a callback of yours: "val_acc..." and
    "...loss" tell their direction; any other name is refused at the first epoch's end,
    as Keras 3 does."""
    assert callbacks.EarlyStopping(monitor="val_acc").mode == "max"
    assert callbacks.EarlyStopping(monitor="val_dice_loss").mode == "min"
    stopper = callbacks.EarlyStopping(monitor="val_f1")
    assert stopper.mode == "auto"
    with pytest.raises(ValueError, match="cannot tell whether 'val_f1' should grow"):
        stopper.on_epoch_end(0, {"val_f1": 0.5})


@pytest.mark.parametrize("make, message", [
    (lambda: callbacks.EarlyStopping(patience="2"), "patience must be a whole number"),
    (lambda: callbacks.EarlyStopping(start_from_epoch=1.5), "start_from_epoch must be"),
    (lambda: callbacks.EarlyStopping(baseline="0.5"), "baseline must be a number"),
    (lambda: callbacks.EarlyStopping(min_delta="0.1"), "min_delta must be a number"),
    (lambda: callbacks.EarlyStopping(monitor=["val_loss"]), "monitor must be the name"),
    (lambda: callbacks.ReduceLROnPlateau(cooldown=0.5), "cooldown must be a whole number"),
    (lambda: callbacks.ReduceLROnPlateau(factor="0.5"), "factor must be a number"),
])
def test_callback_arguments_are_checked_when_the_callback_is_made(make, message):
    with pytest.raises(TypeError, match=message):
        make()


def test_callback_counts_must_be_0_or_more():
    with pytest.raises(ValueError, match="patience must be 0 or more epochs, got -1"):
        callbacks.EarlyStopping(patience=-1)
    with pytest.raises(TypeError, match="factor must be a number below 1, not None"):
        callbacks.ReduceLROnPlateau(factor=None)


@pytest.mark.parametrize("arguments, message", [
    ({"validation_split": 0.25, "validation_freq": 0},
     "validation_freq must be a positive whole number of epochs"),
    ({"validation_split": 0.25, "validation_freq": 1.5}, "validation_freq must be"),
    ({"epochs": 2.5}, "epochs must be a whole number, 0 or more, got 2.5"),
    ({"epochs": -1}, "epochs must be a whole number"),
    ({"initial_epoch": -2}, "initial_epoch must be a whole number"),
])
def test_fit_checks_its_epoch_counts_before_training(data, arguments, message):
    inputs, targets = data
    model = compiled_model()
    with pytest.raises(ValueError, match=message):
        model.fit(inputs, targets, verbose=0, **arguments)
    assert int(model.optimizer.iterations) == 0


def test_a_misspelt_hook_is_refused_or_warned_about():
    with pytest.raises(TypeError, match="LambdaCallback has no hook 'on_epoch_ends'. Did you "
                                        "mean 'on_epoch_end'?"):
        callbacks.LambdaCallback(on_epoch_ends=lambda epoch, logs: None)
    with pytest.raises(TypeError, match="takes a function"):
        callbacks.LambdaCallback(on_epoch_end="print")
    with pytest.warns(UserWarning, match="Typo.on_epoch_ned is not a callback hook, so fit "
                                         "will never call it. Did you mean 'on_epoch_end'?"):
        class Typo(callbacks.Callback):
            def on_epoch_ned(self, epoch, logs=None):
                pass
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")

        class Fine(callbacks.Callback):
            def on_train_batch_end(self, batch, logs=None):
                pass

            def on_improvement(self):  # a helper of yours, like no hook
                pass


def test_a_misspelt_build_or_call_is_warned_about_when_the_class_is_made():
    with pytest.warns(UserWarning, match=r"SimpleDense.bulid looks like a misspelt build\(\)"):
        class SimpleDense(keras.layers.Layer):
            def bulid(self, input_shape):
                pass

            def call(self, x):
                return x
    with pytest.warns(UserWarning, match=r"Tiny.cal looks like a misspelt call\(\)"):
        class Tiny(keras.Model):
            def cal(self, x):
                return x
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")

        class Fine(keras.layers.Layer):  # names that only contain build, without build
            def __init__(self):
                super().__init__()
                self.w = self.add_weight(shape=(1,), initializer="ones")

            def call(self, x):
                return x * self.w

            def rebuild(self):
                pass

            def builder(self):
                pass


def test_names_fit_cannot_know_before_training_are_checked_at_the_epochs_end(data, tmp_path):
    """A subclassed model of two outputs logs per-output names made at its first batch;
    a train_step of yours logs its own: no false alarm before training."""
    inputs, targets = data

    class TwoHeads(keras.Model):
        def __init__(self):
            super().__init__()
            self.a, self.b = layers.Dense(1, name="a"), layers.Dense(1, name="b")

        def call(self, x):
            return {"a": self.a(x), "b": self.b(x)}

    model = TwoHeads()
    model.compile("sgd", {"a": "mse", "b": "mse"})
    stopper = callbacks.EarlyStopping(monitor="val_a_loss", patience=5)
    model.fit(inputs, {"a": targets, "b": targets}, epochs=2, verbose=0,
              validation_split=0.25, callbacks=[stopper])
    assert stopper.mode == "min" and stopper.best is not None

    class OwnStep(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(1)

        def call(self, x):
            return self.dense(x)

        def train_step(self, batch):
            return {"d_loss": 0.5, "g_loss": 0.25}

    own = OwnStep()
    own.compile("sgd", "mse")
    own(inputs[:1])  # (its step never calls it)
    own.fit(inputs, targets, epochs=1, verbose=0, callbacks=[callbacks.ModelCheckpoint(
        str(tmp_path / "own.weights.npz"), save_weights_only=True)])  # val_loss unused
    assert (tmp_path / "own.weights.npz").exists()
