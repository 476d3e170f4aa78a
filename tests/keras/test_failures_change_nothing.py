"""A failed call changes nothing: after a failed ``assign``, ``apply_gradients``, ``fit``,
``load_weights`` or ``save_weights``, every weight, every optimizer slot, the step
counter and the weights file are exactly as they were.

Hypothesis draws the model's weights, what goes wrong and where; each example first
trains a little (so slots exist), saves a checkpoint, takes a snapshot of everything,
makes one call fail, and compares.
"""
import os

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import teachtensor as tf
from teachtensor import keras


class FailingAt(keras.optimizers.RMSprop):
    """An RMSprop (readable update_step) that raises ``error`` while updating variable
    number ``at`` of a step, after its slots were written."""

    def __init__(self, at, error, **kwargs):
        super().__init__(**kwargs)
        self.fused_rule = None
        self.at, self.error, self.seen = at, None, 0
        self._error_to_raise = error

    def arm(self):
        self.error, self.seen = self._error_to_raise, 0

    def update_step(self, gradient, variable, learning_rate):
        super().update_step(gradient, variable, learning_rate)
        self.seen += 1
        if self.error is not None and self.seen > self.at:
            raise self.error


def make_model(seed, at, error):
    tf.random.set_seed(seed)
    model = keras.Sequential([keras.Input(shape=(3,)),
                              keras.layers.Dense(4, activation="relu"),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer=FailingAt(at, error, learning_rate=0.01, momentum=0.5),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(12, 3)).astype(np.float32)
    y = rng.integers(0, 2, size=12)
    model.fit(x, y, epochs=1, batch_size=4, verbose=0)  # slots exist, iterations = 3
    return model, x, y


def snapshot(model, path):
    opt = model.optimizer
    return ([w.numpy() for w in model.weights], [v.numpy() for v in opt.variables],
            len(opt.variables), path.read_bytes(), sorted(os.listdir(path.parent)))


def assert_unchanged(before, after):
    weights, slots, count, file_bytes, listing = before
    assert count == after[2], "optimizer slots were created or lost"
    for old, new in zip(weights + slots, after[0] + after[1]):
        np.testing.assert_array_equal(old, new)
    assert file_bytes == after[3], "the weights file changed"
    assert listing == after[4], "files were left behind or removed"


def failing_assign(model, x, y, path, data):
    w = data.draw(st.sampled_from(model.weights), label="weight")
    how = data.draw(st.sampled_from(["shape", "dtype", "part shape", "text"]), label="how")
    with pytest.raises((ValueError, TypeError)):
        if how == "shape":
            w.assign(np.zeros(tuple(w.shape) + (2,), np.float32))
        elif how == "dtype":
            w.assign(tf.zeros(w.shape, dtype=tf.float64))
        elif how == "part shape":
            w[0].assign(np.zeros((7,), np.float32))
        else:
            w.assign_add("one")


def failing_apply_gradients(model, x, y, path, data):
    weights = model.trainable_weights
    grads = [tf.ones(w.shape) for w in weights]
    how = data.draw(st.sampled_from(["shape", "dtype", "not a variable", "inside",
                                     "ctrl-c inside"]), label="how")
    where = data.draw(st.integers(0, len(weights) - 1), label="where")
    opt = model.optimizer
    if how == "shape":
        grads[where] = tf.ones(tuple(weights[where].shape) + (1,))
    elif how == "dtype":
        grads[where] = tf.ones(weights[where].shape, dtype=tf.float64)
    elif how == "not a variable":
        weights = list(weights)
        weights[where] = tf.constant(weights[where])
    else:
        opt.at = where
        opt._error_to_raise = KeyboardInterrupt() if how == "ctrl-c inside" else \
            RuntimeError("failed inside the step")
        opt.arm()
    try:
        with pytest.raises((ValueError, TypeError, RuntimeError, KeyboardInterrupt)):
            opt.apply_gradients(zip(grads, weights))
    finally:
        opt.error = None


def failing_fit(model, x, y, path, data):
    how = data.draw(st.sampled_from(["lengths", "features", "label range", "one-hot labels",
                                     "callback", "batch size"]), label="how")
    kwargs = dict(epochs=2, batch_size=4, verbose=0)
    if how == "lengths":
        call = lambda: model.fit(x, y[:-1], **kwargs)  # noqa: E731
    elif how == "features":
        call = lambda: model.fit(x[:, :2], y, **kwargs)  # noqa: E731
    elif how == "label range":
        bad = y.copy()
        bad[data.draw(st.integers(0, 3), label="row")] = 7  # in the first batch
        call = lambda: model.fit(x, bad, shuffle=False, **kwargs)  # noqa: E731
    elif how == "one-hot labels":
        call = lambda: model.fit(x, np.eye(2)[y], **kwargs)  # noqa: E731
    elif how == "callback":
        class Broken(keras.callbacks.Callback):
            def on_train_begin(self, logs=None):
                raise RuntimeError("a broken callback")
        call = lambda: model.fit(x, y, callbacks=[Broken()], **kwargs)  # noqa: E731
    else:
        call = lambda: model.fit(x, y, epochs=1, batch_size=2.5, verbose=0)  # noqa: E731
    with pytest.raises((ValueError, TypeError, RuntimeError)):
        call()


def failing_load_weights(model, x, y, path, data):
    how = data.draw(st.sampled_from(["truncated", "other model", "text", "missing"]),
                    label="how")
    other = path.with_name("other.weights.npz")
    if how == "truncated":
        content = path.read_bytes()
        keep = data.draw(st.floats(0, 0.999), label="fraction kept")
        other.write_bytes(content[:int(len(content) * keep)])
    elif how == "other model":
        bigger = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(5)])
        bigger.save_weights(other)
    elif how == "text":
        other.write_text("weights? no")
    try:
        with pytest.raises((ValueError, FileNotFoundError)):
            model.load_weights(other)
    finally:
        if other.exists():
            other.unlink()


def failing_save_weights(model, x, y, path, data):
    how = data.draw(st.sampled_from(["disk full", "ctrl-c", "bad suffix"]), label="how")
    original = model.weights[0].numpy()
    model.weights[0].assign(original + 1.0)  # something new to (fail to) save
    target = path if how != "bad suffix" else path.with_name("model.weights.pickle")
    real_savez = np.savez

    def broken(file, **arrays):
        file.write(b"PK\x03\x04 part of an archive")
        raise KeyboardInterrupt if how == "ctrl-c" else OSError(28, "No space left on device")

    np.savez = broken
    try:
        with pytest.raises((OSError, KeyboardInterrupt, ValueError)):
            model.save_weights(target)
    finally:
        np.savez = real_savez
    model.weights[0].assign(original)  # back, for the comparison of everything else


FAILURES = {"assign": failing_assign, "apply_gradients": failing_apply_gradients,
            "fit": failing_fit, "load_weights": failing_load_weights,
            "save_weights": failing_save_weights}


@given(seed=st.integers(0, 2**16), kind=st.sampled_from(sorted(FAILURES)), data=st.data())
def test_a_failed_call_leaves_every_weight_slot_and_file_as_it_was(tmp_path_factory, seed,
                                                                    kind, data):
    path = tmp_path_factory.mktemp("failure") / "model.weights.npz"
    model, x, y = make_model(seed, at=0, error=None)
    model.save_weights(path)
    before = snapshot(model, path)
    FAILURES[kind](model, x, y, path, data)
    assert_unchanged(before, snapshot(model, path))


def test_a_step_that_fails_after_the_forward_pass_leaves_batchnorm_statistics_alone(
        leaves_weights_alone):
    from teachtensor import keras

    def broken_metric(y_true, y_pred):
        raise RuntimeError("this metric is broken")

    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(4),
                              keras.layers.BatchNormalization(), keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse", metrics=[broken_metric])
    x = np.random.default_rng(0).random((8, 3)).astype("float32")
    with leaves_weights_alone(model), pytest.raises(RuntimeError, match="broken"):
        model.fit(x, np.zeros((8, 1), "float32"), epochs=1, verbose=0)


def test_the_leaves_weights_alone_check_sees_a_moved_weight_and_a_step(leaves_weights_alone):
    from teachtensor import keras
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    with pytest.raises(AssertionError):
        with leaves_weights_alone(model):
            model.layers[0].bias.assign([1.0])
    weights = model.get_weights()
    with pytest.raises(AssertionError, match="an optimizer step was taken"):
        with leaves_weights_alone(model):
            model.fit(np.ones((2, 2), "float32"), np.ones((2, 1), "float32"), verbose=0)
            model.set_weights(weights)  # the weights back, the step still counted


@pytest.mark.parametrize("name", ["model.keras", "model.weights.h5"])
def test_saving_onto_a_folder_names_the_folder_and_writes_nothing(tmp_path, name):
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    folder = tmp_path / name
    folder.mkdir()
    save = model.save if name.endswith(".keras") else model.save_weights
    with pytest.raises(IsADirectoryError, match=f"it is a folder.*{name}/model"):
        save(str(folder))
    assert sorted(os.listdir(tmp_path)) == [name] and not os.listdir(folder)
