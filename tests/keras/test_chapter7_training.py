"""Chapter 7's ways of training: callbacks that take logs in every hook, metrics
written by subclassing, a custom train_step compiled with only an optimizer, layers kept
in lists and dicts, and the error for a layer without call()."""
import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers

RNG = np.random.default_rng(1)
X = RNG.random((32, 4)).astype(np.float32)
Y = RNG.random((32, 1)).astype(np.float32)


def small_model():
    return keras.Sequential([layers.Dense(3, activation="relu"), layers.Dense(1)])


def test_every_hook_receives_logs_even_when_written_without_a_default():
    seen = []

    class Recorder(keras.callbacks.Callback):
        def on_train_begin(self, logs):
            seen.append(("train_begin", logs))

        def on_epoch_begin(self, epoch, logs):
            seen.append(("epoch_begin", epoch))

        def on_train_batch_end(self, batch, logs):
            seen.append(("batch_end", sorted(logs)))

        def on_epoch_end(self, epoch, logs):
            seen.append(("epoch_end", sorted(logs)))

        def on_train_end(self, logs):
            seen.append(("train_end", sorted(logs)))

    model = small_model()
    model.compile(optimizer="sgd", loss="mse")
    model.fit(X, Y, batch_size=16, epochs=1, verbose=0, callbacks=[Recorder()])
    assert seen == [("train_begin", None), ("epoch_begin", 0), ("batch_end", ["loss"]),
                    ("batch_end", ["loss"]), ("epoch_end", ["loss"]), ("train_end", ["loss"])]


class RootMeanSquaredError(keras.metrics.Metric):
    """The chapter's custom metric (listing 7.x), written as the book writes it."""

    def __init__(self, name="rmse", **kwargs):
        super().__init__(name=name, **kwargs)
        self.mse_sum = self.add_weight(name="mse_sum", initializer="zeros")
        self.total_samples = self.add_weight(name="total_samples", initializer="zeros",
                                             dtype="int32")

    def update_state(self, y_true, y_pred, sample_weight=None):
        self.mse_sum.assign_add(tf.reduce_sum(tf.square(y_true - y_pred)))
        self.total_samples.assign_add(tf.shape(y_pred)[0])

    def result(self):
        return tf.sqrt(self.mse_sum / tf.cast(self.total_samples, tf.float32))

    def reset_state(self):
        self.mse_sum.assign(0.0)
        self.total_samples.assign(0)


def test_a_subclassed_metric_works_in_compile_and_by_hand():
    model = small_model()
    model.compile(optimizer="sgd", loss="mse", metrics=[RootMeanSquaredError()])
    logs = model.evaluate(X, Y, batch_size=32, verbose=0, return_dict=True)
    assert logs["rmse"] == pytest.approx(np.sqrt(logs["loss"]), rel=1e-5)
    metric = RootMeanSquaredError()
    metric.update_state(tf.constant([[1.0], [2.0]]), tf.constant([[1.0], [4.0]]))
    assert float(metric.result()) == pytest.approx(np.sqrt(2.0))
    metric.reset_state()
    assert int(metric.total_samples) == 0
    with pytest.raises(ValueError, match="'zeros', 'ones' or a number"):
        metric.add_weight(name="w", initializer="glorot_uniform")


def test_a_custom_train_step_needs_no_compiled_loss():
    loss_fn = keras.losses.MeanSquaredError()
    loss_tracker = keras.metrics.Mean(name="loss")

    class CustomModel(keras.Model):
        def train_step(self, data):
            inputs, targets = data
            with tf.GradientTape() as tape:
                loss = loss_fn(targets, self(inputs, training=True))
            gradients = tape.gradient(loss, self.trainable_weights)
            self.optimizer.apply_gradients(zip(gradients, self.trainable_weights))
            loss_tracker.update_state(loss)
            return {"loss": loss_tracker.result()}

        @property
        def metrics(self):
            return [loss_tracker]

    inputs = keras.Input(shape=(4,))
    model = CustomModel(inputs, layers.Dense(1)(layers.Dense(8, activation="relu")(inputs)))
    model.compile(optimizer=keras.optimizers.RMSprop())
    history = model.fit(X, Y, batch_size=16, epochs=3, verbose=0)
    assert len(history.history["loss"]) == 3
    assert history.history["loss"][-1] < history.history["loss"][0]
    plain = small_model()
    plain.compile(optimizer="sgd")  # the built-in train_step does need a loss
    with pytest.raises(ValueError, match="compiled without a loss"):
        plain.fit(X, Y, verbose=0)


def test_layers_in_lists_and_dicts_are_tracked_also_when_added_later():
    class Blocks(keras.Model):
        def __init__(self):
            super().__init__()
            self.blocks = []
            self.blocks.append(layers.Dense(2, name="b0"))
            self.head = layers.Dense(1, name="head")
            self.by_name = {"extra": layers.Dense(2, name="extra")}
            self.blocks.append(layers.Dense(2, name="b1"))

        def call(self, x):
            for block in self.blocks:
                x = block(x)
            return self.head(self.by_name["extra"](x))

    model = Blocks()
    model(np.ones((2, 3), np.float32))
    assert [layer.name for layer in model.layers] == ["b0", "b1", "head", "extra"]
    assert len(model.trainable_weights) == 8  # every block trains, not just the head
    model.trainable = False
    assert model.trainable_weights == []


def test_a_layer_without_call_says_so():
    class Forgot(layers.Layer):
        def build(self, input_shape):
            self.w = self.add_weight(shape=(input_shape[-1],))

    with pytest.raises(NotImplementedError, match="call\\(\\)"):
        Forgot()(np.ones((2, 2), np.float32))
