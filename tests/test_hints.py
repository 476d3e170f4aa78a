"""A beginner's first mistakes get a hint that says what to do (issue 13).

Each test makes one mistake the way a student would, and checks that the error (or
warning) names what was wrong and what to write instead.  Where TensorFlow and Keras
warn, the warning has their words, and comes once per place in the code.
"""
import warnings

import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers
from teachtensor.keras.progbar import Progbar


def message_of(error_type, fn):
    with pytest.raises(error_type) as info:
        fn()
    return str(info.value)


# ---- names and arguments ---------------------------------------------------------------
def test_lr_is_called_learning_rate():
    message = message_of(ValueError, lambda: keras.optimizers.RMSprop(lr=0.1))
    assert message.startswith("Argument(s) not recognized: {'lr': 0.1}")  # Keras's words
    assert "RMSprop(learning_rate=0.1)" in message and "Keras 2" in message


def test_a_misspelt_optimizer_argument_gets_the_closest_name():
    message = message_of(ValueError, lambda: keras.optimizers.SGD(momentun=0.9))
    assert "Did you mean 'momentum'?" in message
    assert "nesterov" in message  # then what SGD takes
    message = message_of(ValueError, lambda: keras.optimizers.Adam(decay=0.1))
    assert "Did you mean" not in message and "beta_1" in message


def compile_with(**kwargs):
    model = keras.Sequential([layers.Dense(1)])
    model.compile(**{"optimizer": "rmsprop", "loss": "mse", **kwargs})


@pytest.mark.parametrize("make, meant, listed", [
    (lambda: compile_with(loss="mean_sqaured_error"), "mean_squared_error", "Use one of"),
    (lambda: compile_with(loss="MeanSqauredError"), "MeanSquaredError", "Use one of"),
    (lambda: compile_with(optimizer="rmsprob"), "rmsprop", "Use one of"),
    (lambda: compile_with(optimizer="Adamm"), "adam", "Use one of"),
    (lambda: compile_with(metrics=["acuracy"]), "accuracy", "Use one of"),
    (lambda: compile_with(metrics=["binary_acuracy"]), "binary_accuracy", "Use one of"),
    (lambda: layers.Dense(1, activation="sigmod"), "sigmoid", "Valid names"),
    (lambda: layers.Dense(1, activation="Reluu"), "relu", "Valid names"),
    (lambda: layers.Dense(1, kernel_initializer="glorot_unifrom"), "glorot_uniform",
     "Valid names"),
], ids=["loss", "loss class", "optimizer", "optimizer case", "metric", "metric 2",
        "activation", "activation case", "initializer"])
def test_a_misspelt_name_gets_the_closest_one_before_the_list(make, meant, listed):
    message = message_of(ValueError, make)
    hint = f"Did you mean {meant!r}?"
    assert hint in message
    assert message.index(hint) < message.index(listed)


def test_a_name_close_to_nothing_gets_only_the_list():
    message = message_of(ValueError, lambda: compile_with(loss="zzz"))
    assert "Did you mean" not in message and "mean_squared_error" in message


# ---- shapes and arguments of models and layers ------------------------------------------
def dense_model():
    model = keras.Sequential([layers.Dense(4, activation="relu"), layers.Dense(1)])
    model(np.ones((5, 3), "float32"))  # built for batches of 3 features
    return model


def functional_model():
    inputs = keras.Input(shape=(3,))
    return keras.Model(inputs, layers.Dense(1)(inputs))


@pytest.mark.parametrize("make", [dense_model, functional_model], ids=["sequential", "functional"])
def test_one_sample_without_its_batch_axis_gets_told_to_add_one(make):
    model = make()
    sample = np.ones((5, 3), "float32")[0]
    for call in [lambda: model.predict(sample, verbose=0), lambda: model(sample)]:
        message = message_of(ValueError, call)
        assert "(3,)" in message and "batch axis" in message
        assert "x[None]" in message and "tf.expand_dims(x, 0)" in message
        assert "(1, 3)" in message
    assert model.predict(sample[None], verbose=0).shape == (1, 1)  # as the hint says


@pytest.mark.parametrize("make", [dense_model, functional_model], ids=["sequential", "functional"])
def test_a_wrong_number_of_features_is_not_called_one_sample(make):
    message = message_of(ValueError, lambda: make()(np.ones((2,), "float32")))
    assert "batch axis" not in message


def test_sequential_of_one_layer_not_in_a_list():
    message = message_of(TypeError, lambda: keras.Sequential(layers.Dense(1)))
    assert "list of layers" in message and "keras.Sequential([" in message


class FixedBuild(layers.Layer):
    def build(self):  # Keras 3 allows a build without input_shape
        self.w = self.add_weight(shape=(3, 1))

    def call(self, x):
        return tf.matmul(x, self.w)


class BuildThatNeedsTheShape(layers.Layer):
    def build(self):  # the mistake: input_shape is used but was not declared
        self.w = self.add_weight(shape=(input_shape[-1], 1))  # noqa: F821

    def call(self, x):
        return tf.matmul(x, self.w)


def test_build_without_input_shape():
    x = np.ones((2, 3), "float32")
    assert FixedBuild()(x).shape == (2, 1)
    message = message_of(NameError, lambda: BuildThatNeedsTheShape()(x))
    assert "name 'input_shape' is not defined" in message
    assert "def build(self, input_shape)" in message and "(2, 3)" in message


def test_gradient_with_respect_to_a_model_names_its_weights():
    model = dense_model()
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(model(np.ones((5, 3), "float32")))
    message = message_of(TypeError, lambda: tape.gradient(loss, model))
    assert "model.trainable_weights" in message
    assert tape.gradient(loss, model.trainable_weights)[0] is not None  # the suggestion works


# ---- a loss that becomes NaN or inf -----------------------------------------------------
def diverging_fit(callbacks=None, epochs=3):
    """The loss is finite for batches 1 and 2 of epoch 1, and inf from batch 3 on."""
    x = np.ones((64, 2), "float32")
    x[32:48] = 1e30  # the third batch of 16
    model = keras.Sequential([layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = model.fit(x, np.zeros((64, 1), "float32"), batch_size=16, epochs=epochs,
                            shuffle=False, verbose=0, callbacks=callbacks)
    return history, [w for w in caught if "The loss became" in str(w.message)]


def test_a_loss_that_becomes_inf_gets_one_warning_naming_epoch_and_batch():
    history, caught = diverging_fit()
    assert not np.isfinite(history.history["loss"][0])
    assert len(caught) == 1  # once, not once per epoch
    message = str(caught[0].message)
    assert "epoch 1, batch 3" in message
    assert "learning rate" in message and "scaled" in message and "TerminateOnNaN" in message
    assert caught[0].filename == __file__  # it points at the call of fit


def test_no_warning_when_terminate_on_nan_watches_or_the_loss_is_finite():
    _, caught = diverging_fit(callbacks=[keras.callbacks.TerminateOnNaN()])
    assert caught == []
    model = keras.Sequential([layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails
        model.fit(np.ones((8, 2), "float32"), np.ones((8, 1), "float32"), verbose=0)


def test_the_progress_bar_writes_large_numbers_in_scientific_notation(capsys):
    bar = Progbar(1, verbose=2)
    bar.update(1, [("loss", 1.5e30), ("accuracy", 0.5), ("mse", 123456.0), ("tiny", 1e-5)])
    line = capsys.readouterr().out
    assert "loss: 1.5000e+30" in line and "accuracy: 0.5000" in line
    assert "mse: 123456.0000" in line and "tiny: 1.0000e-05" in line


# ---- TensorFlow's warnings -----------------------------------------------------------
def test_watching_an_integer_tensor_warns_once_with_tensorflows_words():
    x = tf.constant(3)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")  # once per place in the code, as usual
        for _ in range(3):
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = x * x
    watched = [w for w in caught if "watched" in str(w.message)]
    assert len(watched) == 1, [str(w.message) for w in caught]
    message = str(watched[0].message)
    assert message.startswith("The dtype of the watched tensor must be floating (e.g. "
                              "tf.float32), got tf.int32")
    assert "tf.constant(3.0)" in message and watched[0].filename == __file__


def test_an_integer_target_and_source_warn_with_tensorflows_words():
    """TensorFlow logs one line for an integer target and one for an integer source;
    teachtensor warns with the same words, pointing at the gradient() call, and names
    the variable."""
    v = tf.Variable(3, name="count")
    with tf.GradientTape() as tape:
        y = v * v  # int32 too
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert tape.gradient(y, v) is None
    messages = [str(w.message) for w in caught]
    assert len(messages) == 2, messages
    assert messages[0].startswith("The dtype of the target tensor must be floating (e.g. "
                                  "tf.float32) when calling GradientTape.gradient, got tf.int32")
    assert messages[1].startswith("The dtype of the source tensor must be floating (e.g. "
                                  "tf.float32) when calling GradientTape.gradient, got tf.int32 "
                                  "('count:0')")
    assert all("tf.Variable(3.0)" in m for m in messages)
    assert all(w.filename == __file__ for w in caught)


def test_an_integer_source_in_a_list_warns_and_a_float_one_does_not():
    x, w = tf.constant([1, 2]), tf.Variable([1.0, 2.0])
    with tf.GradientTape(persistent=True) as tape:
        y = tf.reduce_sum(w * tf.cast(x, tf.float32))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        dx, dw = tape.gradient(y, [x, w])
        zeros = tape.jacobian(y, x, unconnected_gradients="zero")
    assert dx is None and dw.numpy().tolist() == [1.0, 2.0]
    assert zeros.numpy().tolist() == [0, 0]
    messages = [str(w.message) for w in caught]
    assert len(messages) == 2, messages  # one per call, for x; none for w or the target
    assert messages[0].startswith("The dtype of the source tensor must be floating")
    assert "GradientTape.jacobian, got tf.int32" in messages[1]
    assert all(w.filename == __file__ for w in caught)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tape.gradient(y, w)  # a float source and target: silent


def test_apply_gradients_with_some_none_gradients_warns_once_with_keras_words():
    a, b = tf.Variable(1.0, name="a"), tf.Variable(2.0, name="b")
    optimizer = keras.optimizers.SGD(0.1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        for _ in range(3):
            with tf.GradientTape() as tape:
                loss = 2.0 * a
            grads = tape.gradient(loss, [a, b])
            optimizer.apply_gradients(zip(grads, [a, b]))
    assert float(a) == pytest.approx(1.0 - 3 * 0.2) and float(b) == 2.0
    assert len(caught) == 1
    assert str(caught[0].message).startswith(
        f"Gradients do not exist for variables [{b.name!r}] when minimizing the loss.")
    assert caught[0].filename == __file__


# ---- (N,) and (N, 1) -------------------------------------------------------------------
def test_the_tape_points_at_n_and_n_by_1_broadcast_to_n_by_n():
    targets = tf.constant([1.0, 2.0, 3.0, 4.0])
    w = tf.Variable(tf.ones((1, 1)))
    with tf.GradientTape(persistent=True) as tape:
        predictions = tf.matmul(tf.ones((4, 1)), w)
        wrong = tf.reduce_mean(tf.square(targets - predictions))
        right = tf.reduce_mean(tf.square(tf.reshape(targets, (-1, 1)) - predictions))
    note = "note: (4,) and (4, 1) broadcast to (4, 4)"
    printed = str(tape).splitlines()
    assert [line for line in printed if note in line] == [printed[3]]  # the subtract
    lines = []
    tape.gradient(wrong, w, explain=lines.append)
    assert sum(note in line for line in lines) == 1
    lines = []
    tape.gradient(right, w, explain=lines.append)
    assert not any("note" in line for line in lines)
