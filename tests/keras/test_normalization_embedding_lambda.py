"""BatchNormalization, Embedding and Lambda: their equations, training vs inference,
weights, errors and configs (Keras 3.15's behaviour; the training numbers against real
Keras are in test_layers_parity.py)."""
import json

import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers
from teachtensor.testing import check_gradients

RNG = np.random.default_rng(0)
X = RNG.normal(3.0, 2.0, size=(8, 3)).astype("float32")


# ---- BatchNormalization ---------------------------------------------------------------------

def test_training_normalizes_with_the_batch_and_updates_the_moving_averages():
    bn = layers.BatchNormalization()
    out = bn(X, training=True).numpy()
    mean, variance = X.mean(0), X.var(0)  # the variance divides by n (biased)
    np.testing.assert_allclose(out, (X - mean) / np.sqrt(variance + 1e-3), rtol=1e-5,
                               atol=1e-5)
    np.testing.assert_allclose(bn.moving_mean.numpy(), 0.01 * mean, rtol=1e-6)
    np.testing.assert_allclose(bn.moving_variance.numpy(), 0.99 + 0.01 * variance, rtol=1e-6)


@pytest.mark.parametrize("training", [False, None])
def test_inference_uses_the_moving_averages_and_changes_nothing(training):
    bn = layers.BatchNormalization(epsilon=0.1)
    bn.build((None, 3))
    bn.set_weights([np.full(3, 2.0), np.full(3, 0.5), np.full(3, 1.0), np.full(3, 4.0)])
    out = bn(X, training=training).numpy()
    np.testing.assert_allclose(out, 2.0 * (X - 1.0) / np.sqrt(4.1) + 0.5, rtol=1e-6, atol=1e-6)
    assert bn.moving_mean.numpy().tolist() == [1.0] * 3


def test_weights_in_keras_order_two_of_them_not_trainable():
    bn = layers.BatchNormalization()
    bn(X)
    assert [w.name for w in bn.weights] == ["gamma", "beta", "moving_mean", "moving_variance"]
    assert bn.weights[0].path == "batch_normalization/gamma"
    assert [w.trainable for w in bn.weights] == [True, True, False, False]
    model = keras.Sequential([keras.Input(shape=(3,)), layers.BatchNormalization()])
    lines = []
    model.summary(print_fn=lines.append)
    text = "\n".join(lines)
    assert "Trainable params: 6" in text and "Non-trainable params: 6" in text


def test_fit_updates_the_moving_averages_predict_and_evaluate_do_not():
    model = keras.Sequential([keras.Input(shape=(3,)), layers.BatchNormalization(),
                              layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    bn = model.layers[0]
    model.predict(X, verbose=0)
    model.evaluate(X, np.zeros((8, 1)), verbose=0)
    assert bn.moving_mean.numpy().tolist() == [0.0] * 3
    model.fit(X, np.zeros((8, 1)), batch_size=8, epochs=2, verbose=0)
    expected = 0.01 * X.mean(0) + 0.99 * 0.01 * X.mean(0)  # two steps on the same batch
    np.testing.assert_allclose(bn.moving_mean.numpy(), expected, rtol=1e-5)
    assert not any(w is bn.moving_mean for w in model.trainable_weights)


def test_a_frozen_layer_uses_its_moving_averages_even_in_training():
    bn = layers.BatchNormalization()
    bn.build((None, 3))
    bn.trainable = False
    out = bn(X, training=True).numpy()
    np.testing.assert_allclose(out, X / np.sqrt(1.001), rtol=1e-6)
    assert bn.moving_mean.numpy().tolist() == [0.0] * 3 and bn.trainable_weights == []


def test_another_axis_and_without_center_or_scale():
    x = RNG.normal(1.0, 3.0, size=(5, 3, 4)).astype("float32")
    bn = layers.BatchNormalization(axis=1, center=False, scale=False, momentum=0.5)
    out = bn(x, training=True).numpy()
    mean = x.mean(axis=(0, 2), keepdims=True)
    variance = x.var(axis=(0, 2), keepdims=True)
    np.testing.assert_allclose(out, (x - mean) / np.sqrt(variance + 1e-3), rtol=1e-5,
                               atol=1e-5)
    assert [w.name for w in bn.weights] == ["moving_mean", "moving_variance"]
    np.testing.assert_allclose(bn.moving_mean.numpy(), 0.5 * mean.ravel(), rtol=1e-6)


def test_batchnorm_gradients_first_and_second_order():
    bn = layers.BatchNormalization(dtype="float64")
    bn.build((None, 3))
    bn.set_weights([np.array([1.5, 0.5, 2.0]), np.array([0.1, -0.2, 0.3]),
                    np.zeros(3), np.ones(3)])
    weights = tf.constant(RNG.normal(size=(4, 3)))

    def f(x):  # a non-trivial function of the normalized batch
        return tf.reduce_sum(tf.tanh(bn(x, training=True)) * weights)

    check_gradients(f, RNG.normal(size=(4, 3)), order=2)
    check_gradients(lambda x: tf.reduce_sum(tf.sin(bn(x, training=False))),
                    RNG.normal(size=(4, 3)), order=2)


def test_batchnorm_errors_name_the_layer():
    with pytest.raises(ValueError, match="axis=3, out of range"):
        layers.BatchNormalization(axis=3, name="bn")(X)
    bn = layers.BatchNormalization()
    bn(X)
    with pytest.raises(ValueError, match="expected axis -1 of input shape to have value 3"):
        bn(np.ones((2, 4)))


def test_batchnorm_config_is_keras_schema():
    bn = layers.BatchNormalization(momentum=0.9, gamma_regularizer="l2")
    config = bn.get_config()
    assert list(config) == [
        "name", "trainable", "dtype", "axis", "momentum", "epsilon", "center", "scale",
        "beta_initializer", "gamma_initializer", "moving_mean_initializer",
        "moving_variance_initializer", "beta_regularizer", "gamma_regularizer"]
    assert config["gamma_initializer"]["class_name"] == "Ones"
    json.dumps(config)
    assert layers.BatchNormalization.from_config(config).get_config() == config
    bn(X)
    assert len(bn.losses) == 1  # the gamma penalty


# ---- Embedding ------------------------------------------------------------------------------

def test_embedding_reads_one_row_per_index():
    emb = layers.Embedding(10, 4)
    indices = np.array([[1, 2, 1], [9, 0, 3]])
    out = emb(indices)
    assert out.shape == (2, 3, 4) and out.dtype == tf.float32
    table = emb.embeddings.numpy()
    np.testing.assert_array_equal(out.numpy(), table[indices])
    assert np.all(np.abs(table) <= 0.05)  # "uniform": on +-0.05
    assert [w.path for w in emb.weights] == ["embedding/embeddings"]
    np.testing.assert_array_equal(emb(np.array([[1.7, 2.2]], "float32")).numpy()[0],
                                  table[[1, 2]])  # floats are truncated, as in Keras


def test_embedding_gradient_adds_up_where_a_row_is_read_twice():
    emb = layers.Embedding(5, 2)
    emb.build()
    upstream = tf.constant(RNG.normal(size=(2, 3, 2)).astype("float32"))
    indices = np.array([[1, 2, 1], [4, 1, 0]])
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(emb(indices) * upstream)
    grad = tape.gradient(loss, emb.embeddings).numpy()
    expected = np.zeros((5, 2), "float32")
    np.add.at(expected, indices.ravel(), upstream.numpy().reshape(-1, 2))
    np.testing.assert_allclose(grad, expected, rtol=1e-6)
    assert grad[3].tolist() == [0.0, 0.0]  # never read


def test_embedding_in_a_model_trains():
    model = keras.Sequential([keras.Input(shape=(4,), dtype="int32"), layers.Embedding(8, 3),
                              layers.Flatten(), layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    x = RNG.integers(0, 8, size=(32, 4))
    y = (x[:, :1] > 3).astype("float32")
    history = model.fit(x, y, epochs=5, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert any(w is model.layers[0].embeddings for w in model.trainable_weights)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"input_dim": 0, "output_dim": 3}, ValueError, "`input_dim` must be a positive integer"),
    ({"input_dim": 3.0, "output_dim": 2}, ValueError, r"input_dim=3.0 \(of type float\)"),
    ({"input_dim": 3, "output_dim": -1}, ValueError, "`output_dim` must be a positive"),
    ({"input_dim": 3, "output_dim": 2, "mask_zero": True}, NotImplementedError,
     "mask_zero=True.*masking"),
])
def test_embedding_refuses_what_it_cannot_do(kwargs, error, message):
    with pytest.raises(error, match=message):
        layers.Embedding(**kwargs)


def test_keras_2s_input_length_is_dropped_with_a_warning():
    with pytest.warns(UserWarning, match="input_length"):
        layer = layers.Embedding(10, 2, input_length=5)
    assert layer(np.zeros((1, 5), "int32")).shape == (1, 5, 2)


def test_an_index_out_of_range_is_named():
    with pytest.raises(IndexError, match=r"indices must be in \[0, 10\)"):
        layers.Embedding(10, 2)(np.array([[10]]))


def test_embedding_config_is_keras_schema():
    config = layers.Embedding(10, 4, embeddings_regularizer="l2").get_config()
    assert list(config) == ["name", "trainable", "dtype", "input_dim", "output_dim",
                            "embeddings_initializer", "embeddings_regularizer",
                            "activity_regularizer", "mask_zero"]
    assert config["embeddings_initializer"] == {
        "module": "keras.initializers", "class_name": "RandomUniform",
        "config": {"minval": -0.05, "maxval": 0.05, "seed": None}, "registered_name": None}
    assert layers.Embedding.from_config(config).get_config() == config


# ---- Lambda ---------------------------------------------------------------------------------

def test_lambda_calls_its_function_with_arguments_and_training():
    assert layers.Lambda(lambda x: x * 2.0)(tf.ones((1, 2))).numpy().tolist() == [[2.0, 2.0]]
    add = layers.Lambda(lambda x, k: x + k, arguments={"k": 3.0})
    assert add(tf.ones((1, 1))).numpy().tolist() == [[4.0]]
    seen = []
    noisy = layers.Lambda(lambda x, training=None: seen.append(training) or x)
    model = keras.Sequential([keras.Input(shape=(2,)), noisy, layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 2)), np.ones((4, 1)), verbose=0)
    model.predict(np.ones((4, 2)), verbose=0)
    assert seen[-2:] == [True, False]
    assert noisy.weights == []


def test_lambda_output_shape():
    assert layers.Lambda(lambda x: x[:, :2]).compute_output_shape((None, 5)) == (None, 2)
    assert layers.Lambda(lambda x: x, output_shape=(4,)).compute_output_shape((None, 5)) == \
        (None, 4)
    assert layers.Lambda(lambda x: x, output_shape=lambda s: (s[0], 7)) \
        .compute_output_shape((None, 5)) == (None, 7)


def test_lambda_in_a_functional_model():
    inputs = keras.Input(shape=(3,))
    doubled = layers.Lambda(lambda x: 2.0 * x, name="double")(inputs)
    model = keras.Model(inputs, layers.Add()([inputs, doubled]))
    np.testing.assert_allclose(model.predict(X, verbose=0), 3.0 * X, rtol=1e-6)
    assert model.get_layer("double").output.shape == (None, 3)


def test_lambda_refuses_a_mask_and_a_non_function():
    with pytest.raises(NotImplementedError, match="masking"):
        layers.Lambda(lambda x: x, mask=lambda x, m: m)
    with pytest.raises(TypeError, match="Lambda needs a function"):
        layers.Lambda(3)
