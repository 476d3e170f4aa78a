"""keras.regularizers and layer.losses: the penalties, when they are counted and reset,
and how fit / evaluate add them to the loss (checked against Keras 3.15 by hand; the
training numbers in test_layers_parity.py)."""
import json

import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers, regularizers

X = (np.arange(12, dtype="float32").reshape(4, 3) / 10)  # row sums 0.3, 1.2, 2.1, 3.0


def floats(losses):
    return [float(v) for v in losses]


# ---- the penalties --------------------------------------------------------------------------

def test_the_three_penalties():
    w = tf.constant([[1.0, -2.0], [0.5, 0.0]])
    assert float(regularizers.L1(0.1)(w)) == pytest.approx(0.35)
    assert float(regularizers.L2(0.1)(w)) == pytest.approx(0.525)
    assert float(regularizers.L1L2(l1=0.1, l2=0.1)(w)) == pytest.approx(0.875)
    assert float(regularizers.L1L2()(w)) == 0.0
    assert float(regularizers.L2(2.0)(tf.ones((5, 5)))) == 50.0  # Keras's docstring example


def test_names_defaults_and_lowercase_aliases():
    assert regularizers.l1 is regularizers.L1 and regularizers.l2 is regularizers.L2
    assert regularizers.l1_l2 is regularizers.L1L2  # as in Keras 3: defaults 0, 0
    assert regularizers.get("l1").get_config() == {"l1": 0.01}
    assert regularizers.get("l2").get_config() == {"l2": 0.01}
    assert regularizers.get("l1_l2").get_config() == {"l1": 0.01, "l2": 0.01}
    assert regularizers.get("L1L2").get_config() == {"l1": 0.0, "l2": 0.0}
    assert regularizers.l1_l2(l1=0.001, l2=0.001).get_config() == {"l1": 0.001, "l2": 0.001}
    assert regularizers.L2(None).get_config() == {"l2": 0.01}
    assert regularizers.L2(2).get_config() == {"l2": 2.0}
    assert regularizers.get(None) is None
    assert isinstance(regularizers.get(regularizers.L1), regularizers.L1)
    fn = lambda w: 0.0  # noqa: E731
    assert regularizers.get(fn) is fn


@pytest.mark.parametrize("bad, message", [
    ("l3", "Unknown regularizer 'l3'. Valid names: 'l1', 'l2', 'l1_l2'"),
    (3, "Could not interpret regularizer identifier 3"),
])
def test_an_unknown_regularizer_is_named(bad, message):
    with pytest.raises(ValueError, match=message):
        layers.Dense(2, kernel_regularizer=bad)


@pytest.mark.parametrize("value", [-1.0, "a", float("nan"), True])
def test_a_factor_must_be_a_non_negative_number(value):
    with pytest.raises(ValueError, match=r"Invalid value for argument l2: expected a "
                                         r"non-negative float"):
        regularizers.L2(value)


def test_serialized_as_keras_writes_them():
    assert regularizers.serialize(regularizers.L2(0.002)) == {
        "module": "keras.regularizers", "class_name": "L2", "config": {"l2": 0.002},
        "registered_name": None}
    again = regularizers.deserialize(regularizers.serialize(regularizers.L1L2(0.1, 0.2)))
    assert isinstance(again, regularizers.L1L2) and again.get_config() == {"l1": 0.1, "l2": 0.2}
    config = layers.Dense(3, kernel_regularizer="l2", bias_regularizer=regularizers.L1(0.5),
                          activity_regularizer="l1").get_config()
    assert list(config)[:4] == ["name", "trainable", "dtype", "activity_regularizer"]
    assert config["kernel_regularizer"]["config"] == {"l2": 0.01}
    assert config["bias_regularizer"]["class_name"] == "L1"
    json.dumps(config)
    assert layers.Dense.from_config(config).get_config() == config
    plain = layers.Dense(3).get_config()
    assert plain["kernel_regularizer"] is None and plain["bias_regularizer"] is None
    assert "activity_regularizer" not in plain  # (as in Keras: only when set)


# ---- layer.losses ---------------------------------------------------------------------------

def dense(**kwargs):
    return layers.Dense(2, kernel_initializer="ones", **kwargs)


def test_weight_penalties_exist_once_built_and_are_computed_on_reading():
    layer = dense(kernel_regularizer=regularizers.L2(0.1))
    assert layer.losses == []
    layer(X)
    assert floats(layer.losses) == pytest.approx([0.6])  # 0.1 * 6 ones
    layer.kernel.assign(2 * np.ones((3, 2)))
    assert floats(layer.losses) == pytest.approx([2.4])


def test_the_activity_penalty_is_divided_by_the_batch_size_and_kept_until_the_next_call():
    layer = dense(kernel_regularizer=regularizers.L2(0.1),
                  activity_regularizer=regularizers.L1(0.01))
    layer(X)  # outputs sum to 2 * 6.6
    assert floats(layer.losses) == pytest.approx([0.01 * 13.2 / 4, 0.6])
    layer(X[:2])
    assert floats(layer.losses) == pytest.approx([0.01 * 3.0 / 2, 0.6])


def test_a_model_collects_its_layers_penalties_of_its_last_call():
    first = dense(kernel_regularizer=regularizers.L2(0.1),
                  activity_regularizer=regularizers.L1(0.01))
    model = keras.Sequential([keras.Input(shape=(3,)), first,
                              layers.Dense(1, activity_regularizer="l2")])
    assert floats(model.losses) == pytest.approx([0.6])  # built: no forward pass yet
    model(X)
    assert len(model.losses) == 3  # two activity penalties, then the kernel's
    first(X[:1])  # a layer called alone: its own forward pass
    assert float(model.losses[0]) == pytest.approx(0.01 * 0.6 / 1)


def test_a_layer_called_twice_in_one_forward_pass_counts_both():
    class Twice(keras.Model):
        def __init__(self):
            super().__init__()
            self.inner = layers.Dense(3, activity_regularizer="l1", kernel_initializer="ones")

        def call(self, x):
            return self.inner(self.inner(x))

    model = Twice()
    model(X)
    assert floats(model.losses) == pytest.approx([0.0495, 0.1485])  # Keras's numbers


def test_building_a_functional_model_adds_no_penalty():
    inputs = keras.Input(shape=(3,))
    model = keras.Model(inputs, layers.Dense(2, activity_regularizer="l1")(inputs))
    assert model.losses == []


def test_frozen_weights_are_not_penalized():
    layer = dense(kernel_regularizer="l2")
    layer(X)
    layer.trainable = False
    assert layer.losses == []


def test_add_weight_regularizer_activity_regularizer_and_add_loss_in_a_layer_of_yours():
    class Scale(layers.Layer):
        def build(self, input_shape):
            self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones",
                                     regularizer="l1")

        def call(self, inputs):
            self.add_loss(0.5 * tf.reduce_sum(inputs))
            return inputs * self.w

    layer = Scale(activity_regularizer=regularizers.L2(0.5))
    assert layer.losses == []
    layer(X)
    assert floats(layer.losses) == pytest.approx([3.3, 0.5 * np.sum(X ** 2) / 4, 0.03])
    assert layer.get_config()["activity_regularizer"]["class_name"] == "L2"
    with pytest.raises(NotImplementedError, match="constraint"):
        Scale().add_weight(shape=(2,), constraint=lambda w: w)


def test_a_function_as_regularizer():
    layer = dense(kernel_regularizer=lambda w: 0.01 * tf.reduce_sum(tf.abs(w)))
    layer(X)
    assert floats(layer.losses) == pytest.approx([0.06])


# ---- in training ----------------------------------------------------------------------------

def penalized_model(learning_rate=0.0):
    model = keras.Sequential([keras.Input(shape=(3,)),
                              dense(kernel_regularizer=regularizers.L2(1.0))])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate), loss="mse")
    return model


def test_fit_and_evaluate_log_the_loss_with_the_penalties():
    model = penalized_model()
    y = np.zeros((4, 2), "float32")
    mse = np.mean((X @ np.ones((3, 2))) ** 2)  # 3.735
    history = model.fit(X, y, batch_size=4, verbose=0)
    assert history.history["loss"] == pytest.approx([mse + 6.0])  # Keras: 9.735
    assert model.evaluate(X, y, verbose=0) == pytest.approx(mse + 6.0)
    assert float(model.compute_loss(X, y, model(X))) == pytest.approx(mse + 6.0)


def test_each_outputs_loss_is_logged_without_the_penalties():
    inputs = keras.Input(shape=(3,))
    a = layers.Dense(1, name="a", kernel_regularizer=regularizers.L2(1.0),
                     kernel_initializer="ones")(inputs)
    b = layers.Dense(1, name="b", kernel_initializer="ones")(inputs)
    model = keras.Model(inputs, [a, b])
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss=["mse", "mse"])
    logs = model.evaluate(X, [np.zeros((4, 1)), np.zeros((4, 1))], verbose=0,
                          return_dict=True)
    assert logs["a_loss"] == pytest.approx(3.735) and logs["b_loss"] == pytest.approx(3.735)
    assert logs["loss"] == pytest.approx(10.47)  # Keras's numbers


def test_the_penalty_pulls_the_weights_in_a_step():
    """d(l2 * sum(w^2))/dw = 2 * l2 * w: with zero data error, one SGD step shrinks the
    kernel by lr * 2 * w."""
    model = keras.Sequential([keras.Input(shape=(3,)),
                              dense(kernel_regularizer=regularizers.L2(0.5), use_bias=False)])
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    model.fit(np.zeros((4, 3), "float32"), np.zeros((4, 2), "float32"), verbose=0)
    np.testing.assert_allclose(model.get_weights()[0], np.full((3, 2), 0.9), rtol=1e-6)


# ---- the book: chapter 5 (2nd ed.), "adding weight regularization" -------------------------

def imdb_like(n, features, rng):
    """Multi-hot rows like the IMDB listings', labels from a hidden linear rule."""
    x = (rng.random((n, features)) < 0.1).astype("float32")
    y = (x @ rng.normal(size=features) > 0).astype("float32")
    return x, y


def test_chapter5_adding_l2_weight_regularization():
    rng = np.random.default_rng(5)
    train_data, train_labels = imdb_like(600, 500, rng)

    def build(regularize):
        from teachtensor.keras import regularizers
        kwargs = {"kernel_regularizer": regularizers.l2(0.002)} if regularize else {}
        model = keras.Sequential([
            layers.Dense(16, activation="relu", **kwargs),
            layers.Dense(16, activation="relu", **kwargs),
            layers.Dense(1, activation="sigmoid")
        ])
        model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
        return model

    tf.random.set_seed(1)
    model = build(regularize=True)
    history_l2_reg = model.fit(train_data, train_labels, epochs=4, batch_size=512,
                               validation_split=0.4, verbose=0)
    assert sorted(history_l2_reg.history) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    penalty = sum(0.002 * float(np.sum(w ** 2)) for w in model.get_weights()[0:4:2])
    assert floats(model.losses) == pytest.approx(
        [0.002 * float(np.sum(w ** 2)) for w in model.get_weights()[0:4:2]], rel=1e-5)
    data_loss = float(keras.losses.BinaryCrossentropy()(
        train_labels[360:, None], model.predict(train_data[360:], verbose=0)))
    assert model.evaluate(train_data[360:], train_labels[360:], verbose=0)[0] == \
        pytest.approx(data_loss + penalty, rel=1e-5)
    tf.random.set_seed(1)
    plain = build(regularize=False)
    plain.fit(train_data, train_labels, epochs=4, batch_size=512, validation_split=0.4,
              verbose=0)
    size = lambda m: sum(float(np.sum(w ** 2)) for w in m.get_weights()[0:4:2])  # noqa: E731
    assert size(model) < size(plain)  # the penalty keeps the weights smaller

    # the other regularizers of the listing
    regularizers.l1(0.001)
    regularizers.l1_l2(l1=0.001, l2=0.001)
