"""What a layer or model tracks: sub-layers, Variables and metrics assigned as attributes,
whatever the attribute's name (``self._dense`` trains like ``self.dense``, as in Keras
3), and never the framework's own bookkeeping (``_layers``, ``_loss_tracker``, a
Sequential's ``_input_layer``...).  The expected lists were printed by Keras 3.15."""
import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers
from teachtensor.keras.layers.layer import FRAMEWORK_ATTRIBUTES, Layer
from teachtensor.keras.metric_base import Metric
from teachtensor.variable import Variable

RNG = np.random.default_rng(3)
X = RNG.random((16, 5)).astype(np.float32)
Y = RNG.random((16, 1)).astype(np.float32)


class Private(keras.Model):
    """Sub-layers and weights under private and public names, in lists and dicts."""

    def __init__(self):
        super().__init__()
        self.first = layers.Dense(3, name="first")
        self._hidden = layers.Dense(4, name="hidden")
        self._w = tf.Variable(np.ones((2,), "float32"), name="w")
        self._blocks = [layers.Dense(2, name="b0"), layers.Dense(2, name="b1")]
        self._by_name = {"x": layers.Dense(2, name="dx")}
        self.last = layers.Dense(1, name="last")
        self._frozen = tf.Variable(np.zeros((1,), "float32"), trainable=False, name="frozen")

    def call(self, x):
        x = self._hidden(self.first(x))
        for block in self._blocks:
            x = block(x)
        return self.last(self._by_name["x"](x)) + tf.reduce_sum(self._w) + self._frozen


def test_private_attributes_are_tracked_in_keras_order():
    model = Private()
    model(X)
    # Keras 3.15: layers first hidden b0 b1 dx last; weights w frozen first/kernel ...
    assert [layer.name for layer in model.layers] == ["first", "hidden", "b0", "b1", "dx",
                                                      "last"]
    # (tf.Variables have names, the layers' weights paths: built inside the model's call)
    assert [getattr(w, "path", w.name) for w in model.weights] == ["w:0", "frozen:0"] + [
        f"private/{layer}/{weight}" for layer in ["first", "hidden", "b0", "b1", "dx", "last"]
        for weight in ["kernel", "bias"]]
    assert len(model.trainable_weights) == 13
    assert [w.name for w in model.non_trainable_weights] == ["frozen:0"]
    assert model.count_params() == 62  # as Keras counts


def test_private_weights_train_and_freeze():
    model = Private()
    model.compile(optimizer="sgd", loss="mse")
    model(X)
    hidden, block = model._hidden.kernel.numpy(), model._blocks[1].kernel.numpy()
    w, frozen = model._w.numpy(), model._frozen.numpy()
    model.fit(X, Y, epochs=1, batch_size=8, verbose=0)
    assert not np.array_equal(model._hidden.kernel.numpy(), hidden)
    assert not np.array_equal(model._blocks[1].kernel.numpy(), block)
    assert not np.array_equal(model._w.numpy(), w)
    assert np.array_equal(model._frozen.numpy(), frozen)  # not trainable: left alone
    model.trainable = False
    assert model.trainable_weights == []
    assert not model._hidden.trainable and not model._blocks[0].trainable
    assert not model._by_name["x"].trainable and not model._w.trainable
    model.trainable = True
    assert model._hidden.trainable and len(model._blocks[0].trainable_weights) == 2


def test_a_private_layer_inside_a_layer_inside_a_sequential():
    class Wrapper(layers.Layer):
        def __init__(self):
            super().__init__()
            self._inner = layers.Dense(2)

        def call(self, x):
            return self._inner(x)

    model = keras.Sequential([keras.Input(shape=(3,)), Wrapper()])
    assert [layer.name for layer in model.layers] == ["wrapper"]  # (Keras: ['l'] for L)
    assert len(model.weights) == 2


def test_one_layer_under_two_names_is_listed_once():
    class Twice(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(2, name="dd")
            self._dense = self.dense

        def call(self, x):
            return self._dense(x)

    model = Twice()
    model(X)
    assert [layer.name for layer in model.layers] == ["dd"]
    assert len(model.weights) == 2 and model.count_params() == 12


def test_the_framework_keeps_its_own_attributes_out_of_layers_weights_and_metrics():
    seq = keras.Sequential([keras.Input(shape=(5,)), layers.Dense(4, name="d1"),
                            layers.Dense(1, name="d2")])
    seq.compile(optimizer="rmsprop", loss="mse", metrics=["mae"])
    seq.fit(X, Y, epochs=1, verbose=0)
    assert [layer.name for layer in seq.layers] == ["d1", "d2"]  # no InputLayer
    assert len(seq.weights) == 4 and seq.count_params() == 29
    assert seq.metrics_names == ["loss", "mae"]  # the loss tracker once

    inputs = keras.Input(shape=(5,), name="x")
    functional = keras.Model(inputs, layers.Dense(1, name="out")(layers.Dense(4, name="h")(
        inputs)))
    functional.compile(optimizer="rmsprop", loss="mse")
    functional.fit(X, Y, epochs=1, verbose=0)
    assert [layer.name for layer in functional.layers] == ["x", "h", "out"]
    assert len(functional.weights) == 4
    assert functional.metrics_names == ["loss"]


def _untracked_private_values(obj):
    """The private attributes of ``obj`` that are not framework attributes yet hold
    layers, Variables or metrics (they would be tracked)."""
    def holds(value):
        if isinstance(value, (Layer, Variable, Metric)):
            return True
        if isinstance(value, dict):
            return any(holds(v) for v in value.values())
        if isinstance(value, (list, tuple)):
            return any(holds(v) for v in value)
        return False
    return [name for name, value in vars(obj).items()
            if name.startswith("_") and name not in FRAMEWORK_ATTRIBUTES and holds(value)]


def test_every_private_attribute_of_the_framework_is_listed_as_such():
    """Guards FRAMEWORK_ATTRIBUTES: a new private attribute of a framework class holding
    layers, Variables or metrics would otherwise be tracked as the user's."""
    seq = keras.Sequential([keras.Input(shape=(5,)), layers.Dense(4), layers.Dropout(0.5),
                            layers.Dense(1)])
    seq.add(layers.Activation("relu"))
    inputs = [keras.Input(shape=(5,), name="a"), keras.Input(shape=(5,), name="b")]
    merged = layers.Concatenate()(inputs)
    functional = keras.Model(inputs, [layers.Dense(1, name="p")(merged),
                                      layers.Dense(3, activation="softmax", name="q")(merged)])
    class Public(keras.Model):  # (its own attributes all public)
        def __init__(self):
            super().__init__()
            self.blocks = [layers.Dense(3), layers.Dense(1)]

        def call(self, x):
            return self.blocks[1](self.blocks[0](x))

    subclassed = Public()
    for model, x, y in [(seq, X, Y), (functional, [X, X], [Y, Y.astype(int)[:, 0] % 3]),
                        (subclassed, X, Y)]:
        loss = ["mse", "sparse_categorical_crossentropy"] if model is functional else "mse"
        model.compile(optimizer="adam", loss=loss, metrics=None if model is functional
                      else ["accuracy"])
        model.fit(x, y, epochs=1, verbose=0, validation_split=0.25)
        model.evaluate(x, y, verbose=0)
        for obj in [model] + model.layers:
            assert _untracked_private_values(obj) == [], (type(obj).__name__, obj.name)


def test_metrics_assigned_as_attributes_are_listed_by_model_metrics():
    class WithMetric(layers.Layer):
        def __init__(self):
            super().__init__()
            self.seen = keras.metrics.Mean(name="sub")
            self.dense = layers.Dense(1)

        def call(self, x):
            return self.dense(x)

    class Inner(keras.Model):
        def __init__(self):
            super().__init__()
            self.own = keras.metrics.Mean(name="inner_model_metric")
            self.dense = layers.Dense(1)

        def call(self, x):
            return self.dense(x)

    class Tracked(keras.Model):
        def __init__(self):
            super().__init__()
            self._mine = keras.metrics.Mean(name="mine")
            self.pub = keras.metrics.Mean(name="pub")
            self._in_list = [keras.metrics.Mean(name="inlist")]
            self.block = WithMetric()
            self.inner = Inner()

        def call(self, x):
            return self.inner(self.block(x))

    model = Tracked()
    # Keras 3.15: ['mine', 'pub', 'inlist'] before compile, the loss tracker first after;
    # a layer's metrics are the model's, those of a model inside it are not.
    assert [m.name for m in model.metrics] == ["mine", "pub", "inlist", "sub"]
    model.compile(optimizer="sgd", loss="mse")
    assert model.metrics_names == ["loss", "mine", "pub", "inlist", "sub"]
    model(X)
    assert len(model.weights) == 4  # a metric's state is not a weight


def test_unfreezing_a_layer_keeps_weights_made_non_trainable_frozen():
    class Counter(keras.layers.Layer):
        def build(self, input_shape):
            self.scale = self.add_weight(shape=(), initializer="ones", name="scale")
            self.count = self.add_weight(shape=(), initializer="zeros", name="count",
                                         trainable=False)

        def call(self, inputs):
            return inputs * self.scale

    layer = Counter()
    layer(np.ones((1, 2), "float32"))
    layer.trainable = False
    assert layer.trainable_weights == []
    layer.trainable = True  # as in Keras: the counter stays non-trainable
    assert [w.name for w in layer.trainable_weights] == ["scale"]
    assert [w.name for w in layer.non_trainable_weights] == ["count"]


def test_training_reaches_layers_a_subclassed_call_does_not_pass_it_to():
    class Noisy(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(8)
            self.dropout = layers.Dropout(0.5)
            self.norm = layers.BatchNormalization()

        def call(self, inputs):  # no training argument, as many students write it
            return self.norm(self.dropout(self.dense(inputs)))

    model = Noisy()
    x = np.ones((16, 4), "float32")
    np.testing.assert_array_equal(model(x).numpy(), model(x).numpy())  # inference
    assert not np.array_equal(model(x, training=True).numpy(), model(x).numpy())
    before = model.norm.moving_mean.numpy().copy()
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, np.zeros((16, 8), "float32"), epochs=1, verbose=0)
    assert not np.array_equal(model.norm.moving_mean.numpy(), before)  # fit trains it
    # an explicit training=False inside wins over the outer call's
    class Frozen(Noisy):
        def call(self, inputs):
            return self.dropout(self.dense(inputs), training=False)

    frozen = Frozen()
    np.testing.assert_array_equal(frozen(x, training=True).numpy(), frozen(x).numpy())


def test_training_given_by_position_is_not_given_twice():
    class Model(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(4)
            self.drop = layers.Dropout(0.5)

        def call(self, inputs, training=False):
            return self.drop(self.dense(inputs), training)  # by position

    model = Model()
    x = np.ones((8, 3), "float32")
    assert not np.array_equal(model(x, training=True).numpy(), model(x).numpy())
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, np.zeros((8, 4), "float32"), epochs=1, verbose=0)


def test_the_logs_of_a_step_can_be_added_to_and_do_not_go_stale_silently():
    model = keras.Sequential([keras.Input((3,)), layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    x = tf.constant(np.ones((4, 3), "float32"))
    y = tf.constant(np.zeros((4, 1), "float32"))
    first = model.train_step((x, y))
    first["extra"] = 1.0  # as a custom train_step may
    assert first["extra"] == 1.0 and float(first["loss"]) > 0
    model.train_step((x, y))
    with pytest.raises(RuntimeError, match="earlier step"):
        first["mae"]  # not read in time: an error, not the next step's number
    assert float(first["loss"]) > 0  # read before: kept
