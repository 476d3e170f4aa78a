"""Callbacks: hooks, History, EarlyStopping, ModelCheckpoint, TerminateOnNaN, Lambda."""
import numpy as np
import pytest

from teachtensor import keras
from teachtensor.keras import callbacks, layers


def compiled_model(lr=0.1):
    model = keras.Sequential([layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=lr), loss="mse",
                  metrics=["accuracy"])
    return model


class Recorder(callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.events = []

    def on_train_begin(self, logs=None):
        self.events.append("train_begin")

    def on_epoch_begin(self, epoch, logs=None):
        self.events.append(f"epoch_begin {epoch}")

    def on_train_batch_end(self, batch, logs=None):
        self.events.append(f"batch_end {batch} {sorted(logs)}")

    def on_epoch_end(self, epoch, logs=None):
        self.events.append(f"epoch_end {epoch} {sorted(logs)}")

    def on_train_end(self, logs=None):
        self.events.append("train_end")


def test_hooks_are_called_in_order(linear_data):
    inputs, targets = linear_data
    recorder = Recorder()
    compiled_model().fit(inputs[:20], targets[:20], batch_size=10, epochs=2, verbose=0,
                         callbacks=[recorder], validation_data=(inputs[:5], targets[:5]))
    assert recorder.model is not None and recorder.params["epochs"] == 2
    assert recorder.events == [
        "train_begin",
        "epoch_begin 0", "batch_end 0 ['accuracy', 'loss']", "batch_end 1 ['accuracy', 'loss']",
        "epoch_end 0 ['accuracy', 'loss', 'val_accuracy', 'val_loss']",
        "epoch_begin 1", "batch_end 0 ['accuracy', 'loss']", "batch_end 1 ['accuracy', 'loss']",
        "epoch_end 1 ['accuracy', 'loss', 'val_accuracy', 'val_loss']",
        "train_end"]


def test_on_batch_end_alias_and_lambda_callback(linear_data):
    inputs, targets = linear_data
    batches, epochs = [], []

    class Old(callbacks.Callback):
        def on_batch_end(self, batch, logs=None):
            batches.append(batch)

    lam = callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: epochs.append(epoch))
    compiled_model().fit(inputs[:30], targets[:30], batch_size=10, epochs=2, verbose=0,
                         callbacks=[Old(), lam])
    assert batches == [0, 1, 2, 0, 1, 2] and epochs == [0, 1]


def test_stop_training_from_a_callback(linear_data):
    inputs, targets = linear_data

    class StopAfterOne(callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            self.model.stop_training = True

    history = compiled_model().fit(inputs, targets, epochs=10, verbose=0,
                                   callbacks=[StopAfterOne()])
    assert history.epoch == [0]


class Snapshot(callbacks.Callback):
    """Keeps the weights after each epoch: ``saved[epoch]``."""

    def __init__(self):
        super().__init__()
        self.saved = {}

    def on_epoch_end(self, epoch, logs=None):
        self.saved[epoch] = self.model.get_weights()


class FakeValLoss(callbacks.Callback):
    """Replaces val_loss by a scripted sequence (runs before EarlyStopping)."""

    def __init__(self, values):
        super().__init__()
        self.values = list(values)

    def on_epoch_end(self, epoch, logs=None):
        logs["val_loss"] = self.values[epoch]


def test_early_stopping_patience(linear_data):
    inputs, targets = linear_data
    stopper = callbacks.EarlyStopping(monitor="val_loss", patience=2)
    assert (stopper.stopped_epoch, stopper.best, stopper.wait) == (0, None, 0)  # as Keras
    history = compiled_model().fit(
        inputs, targets, epochs=10, verbose=0,
        callbacks=[FakeValLoss([1.0, 0.5, 0.6, 0.7, 0.4, 0.3, 0.2, 0.1, 0.0, 0.0]), stopper])
    assert history.epoch == [0, 1, 2, 3]
    assert stopper.stopped_epoch == 3 and stopper.best == 0.5


def test_early_stopping_min_delta_and_max_mode(linear_data):
    inputs, targets = linear_data

    class FakeAcc(callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            logs["val_acc"] = [0.5, 0.505, 0.509, 0.6][epoch]

    stopper = callbacks.EarlyStopping(monitor="val_acc", patience=2, min_delta=0.01)
    assert stopper.mode == "max"
    history = compiled_model().fit(inputs, targets, epochs=4, verbose=0,
                                   callbacks=[FakeAcc(), stopper])
    assert history.epoch == [0, 1, 2]


def test_early_stopping_restores_best_weights(linear_data):
    inputs, targets = linear_data
    model = compiled_model()
    snapshot = Snapshot()
    saved = snapshot.saved

    stopper = callbacks.EarlyStopping(patience=1, restore_best_weights=True)
    model.fit(inputs, targets, epochs=10, verbose=0,
              callbacks=[snapshot, FakeValLoss([1.0, 0.2, 0.9, 0.8, 0.1] + [0] * 5), stopper])
    assert stopper.stopped_epoch == 2
    for got, want in zip(model.get_weights(), saved[1]):
        np.testing.assert_array_equal(got, want)


def test_best_weights_are_restored_when_training_ends_without_stopping(linear_data, capsys):
    """Keras 3: restore_best_weights restores at the end of training, early or not."""
    inputs, targets = linear_data
    model = compiled_model()
    snapshot = Snapshot()
    saved = snapshot.saved

    stopper = callbacks.EarlyStopping(patience=3, restore_best_weights=True, verbose=1)
    history = model.fit(inputs, targets, epochs=3, verbose=0, callbacks=[
        snapshot, FakeValLoss([0.11, 0.17, 0.18]), stopper])
    assert history.epoch == [0, 1, 2] and stopper.stopped_epoch == 0
    for got, want in zip(model.get_weights(), saved[0]):
        np.testing.assert_array_equal(got, want)
    assert capsys.readouterr().out == "Restoring model weights from the end of the best epoch: 1.\n"


def test_a_baseline_only_holds_back_the_reset_of_patience(linear_data):
    """Keras 3.15: the best value is the best seen (not the baseline); an improvement
    that does not beat the baseline leaves the patience counting."""
    inputs, targets = linear_data
    stopper = callbacks.EarlyStopping(patience=2, baseline=0.05)
    falling = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2]  # better every epoch, never 0.05
    history = compiled_model().fit(inputs, targets, epochs=8, verbose=0,
                                   callbacks=[FakeValLoss(falling), stopper])
    assert history.epoch == list(range(8)) and stopper.best == 0.2
    assert stopper.best_epoch == 7 and stopper.wait == 8
    stopper = callbacks.EarlyStopping(patience=2, baseline=0.05)
    history = compiled_model().fit(inputs, targets, epochs=8, verbose=0, callbacks=[
        FakeValLoss([0.9, 0.04, 0.03, 0.5, 0.5, 0.5, 0.5, 0.5]), stopper])
    assert history.epoch == [0, 1, 2, 3, 4] and stopper.best == 0.03  # beaten at epoch 1


def test_a_misspelt_monitor_is_an_error_before_training_in_every_mode(linear_data,
                                                                     tmp_path):
    """fit knows the names its logs will have, so a name they never have is refused
    before the first step, whatever the mode (Keras 3.15 raises for mode="auto" only,
    after the first epoch, and warns at every epoch with a mode given)."""
    inputs, targets = linear_data
    model = compiled_model()
    model.build((None, 2))
    before = model.get_weights()
    for callback in [callbacks.EarlyStopping(monitor="val_los"),
                     callbacks.EarlyStopping(monitor="val_los", mode="min"),
                     callbacks.ReduceLROnPlateau(monitor="val_los", mode="min"),
                     callbacks.ModelCheckpoint(str(tmp_path / "m.weights.npz"),
                                               monitor="val_los", save_best_only=True)]:
        name = type(callback).__name__
        with pytest.raises(ValueError, match=rf"{name}\(monitor='val_los'\).*no such value.*"
                                             r"val_loss, val_accuracy(, learning_rate)?\. Did you mean "
                                             r"'val_loss'\?"):
            model.fit(inputs, targets, epochs=3, verbose=0, validation_split=0.2,
                      callbacks=[callback])
    assert int(model.optimizer.iterations) == 0 and list(tmp_path.iterdir()) == []
    for got, want in zip(model.get_weights(), before):
        np.testing.assert_array_equal(got, want)


def test_a_misspelt_monitor_next_to_a_callback_of_yours_is_checked_at_the_epochs_end(
        linear_data):
    """A callback of yours may add values to the logs, so the names are not known
    before training: then Keras's rules apply at the end of each epoch (an error in
    mode="auto", a warning with a mode given)."""
    inputs, targets = linear_data
    model = compiled_model()
    with pytest.raises(ValueError, match=r"EarlyStopping\(monitor='val_los'\).*no such "
                                         r"value.*val_loss"):
        model.fit(inputs, targets, epochs=3, verbose=0, validation_split=0.2,
                  callbacks=[Recorder(), callbacks.EarlyStopping(monitor="val_los")])
    with pytest.warns(UserWarning, match="'val_los' is not in this epoch's logs"):
        history = model.fit(inputs, targets, epochs=2, verbose=0, validation_split=0.2,
                            callbacks=[Recorder(), callbacks.EarlyStopping(monitor="val_los",
                                                                           mode="min")])
    assert history.epoch == [0, 1]


def test_model_checkpoint_save_best_only(linear_data, tmp_path):
    inputs, targets = linear_data
    model = compiled_model()
    path = tmp_path / "best.weights.npz"
    snapshot = Snapshot()
    saved = snapshot.saved

    checkpoint = callbacks.ModelCheckpoint(str(path), monitor="val_loss", save_best_only=True)
    model.fit(inputs, targets, epochs=4, verbose=0,
              callbacks=[snapshot, FakeValLoss([0.5, 0.3, 0.4, 0.35]), checkpoint])
    restored = compiled_model()
    restored.build((None, 2))
    restored.load_weights(path)
    for got, want in zip(restored.get_weights(), saved[1]):
        assert got.tobytes() == want.tobytes()


def test_model_checkpoint_formats_epoch_in_file_name(linear_data, tmp_path):
    inputs, targets = linear_data
    pattern = str(tmp_path / "w.{epoch:02d}.weights.npz")
    compiled_model().fit(inputs, targets, epochs=2, verbose=0,
                         callbacks=[callbacks.ModelCheckpoint(pattern, save_best_only=False)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.01.weights.npz",
                                                         "w.02.weights.npz"]


def test_model_checkpoint_saves_whole_models_by_default_as_keras_3():
    checkpoint = callbacks.ModelCheckpoint("model.keras")  # (test_callbacks_more.py saves)
    assert checkpoint.save_weights_only is False and not checkpoint.saves_weights
    assert callbacks.ModelCheckpoint("model.weights.npz").saves_weights


def test_terminate_on_nan_stops_and_says_so(linear_data, capsys):
    inputs, targets = linear_data
    targets = targets.copy()
    targets[50] = np.nan
    history = compiled_model().fit(inputs, targets, batch_size=10, epochs=3, verbose=0,
                                   shuffle=False, callbacks=[callbacks.TerminateOnNaN()])
    out = capsys.readouterr().out
    assert "Batch 5: Invalid loss" in out and "terminating training" in out
    assert history.epoch == [0]


def test_history_object_is_returned_and_attached(linear_data):
    inputs, targets = linear_data
    model = compiled_model()
    history = model.fit(inputs, targets, epochs=2, verbose=0)
    assert isinstance(history, callbacks.History)
    assert model.history is history and history.epoch == [0, 1]


def test_a_subclass_of_early_stopping_with_its_own_on_train_begin_can_be_made():
    class Logged(callbacks.EarlyStopping):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.log = []

        def on_train_begin(self, logs=None):
            super().on_train_begin(logs)
            self.log.append("begin")

    assert Logged().log == []  # as Keras 3.15: the hook runs at fit, not in __init__
