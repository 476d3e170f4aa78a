"""The Keras listings of chapter 3 (and the MNIST model of chapter 2), end to end."""
import numpy as np

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers, models


from .chapter_layers import SimpleDense  # noqa: E402  (the book's listing)

def test_listing_3_22_simple_dense():
    my_dense = SimpleDense(units=32, activation=tf.nn.relu)
    input_tensor = tf.ones(shape=(2, 784))
    output_tensor = my_dense(input_tensor)
    assert output_tensor.shape == (2, 32)
    assert str(output_tensor.shape) == "(2, 32)"


def test_automatic_shape_inference():
    layer = layers.Dense(32, activation="relu")
    model = models.Sequential([layers.Dense(32, activation="relu"), layers.Dense(32)])
    model = keras.Sequential([
        SimpleDense(32, activation=tf.nn.relu),
        SimpleDense(64, activation=tf.nn.relu),
        SimpleDense(32, activation=tf.nn.relu),
        SimpleDense(10, activation=tf.nn.softmax),
    ])
    out = model(np.ones((3, 7), dtype=np.float32))
    assert out.shape == (3, 10)
    np.testing.assert_allclose(out.numpy().sum(axis=1), 1, rtol=1e-5)
    assert layer.units == 32


def test_listings_3_23_to_3_26_linear_classifier(linear_data, capsys):
    inputs, targets = linear_data
    model = keras.Sequential([keras.layers.Dense(1)])
    model.compile(optimizer="rmsprop", loss="mean_squared_error", metrics=["accuracy"])
    model.compile(optimizer=keras.optimizers.RMSprop(),
                  loss=keras.losses.MeanSquaredError(),
                  metrics=[keras.metrics.BinaryAccuracy()])
    history = model.fit(inputs, targets, epochs=5, batch_size=128)
    assert sorted(history.history) == ["binary_accuracy", "loss"]
    out = capsys.readouterr().out
    assert out.startswith("Epoch 1/5\n4/4 [==============================] - ")
    assert "binary_accuracy: " in out

    model = keras.Sequential([keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.1),
                  loss=keras.losses.MeanSquaredError(),
                  metrics=[keras.metrics.BinaryAccuracy()])
    indices_permutation = np.random.default_rng(0).permutation(len(inputs))
    shuffled_inputs = inputs[indices_permutation]
    shuffled_targets = targets[indices_permutation]
    num_validation_samples = int(0.3 * len(inputs))
    val_inputs = shuffled_inputs[:num_validation_samples]
    val_targets = shuffled_targets[:num_validation_samples]
    training_inputs = shuffled_inputs[num_validation_samples:]
    training_targets = shuffled_targets[num_validation_samples:]
    history = model.fit(training_inputs, training_targets, epochs=5, batch_size=16,
                        validation_data=(val_inputs, val_targets), verbose=0)
    assert history.history["val_binary_accuracy"][-1] > 0.9

    loss_and_metrics = model.evaluate(val_inputs, val_targets, batch_size=128, verbose=0)
    assert len(loss_and_metrics) == 2 and loss_and_metrics[1] > 0.9

    predictions = model(val_inputs)
    assert isinstance(predictions, tf.Tensor) and predictions.shape == (120, 1)
    predictions = model.predict(val_inputs, batch_size=128, verbose=0)
    assert isinstance(predictions, np.ndarray)
    assert predictions[:10].shape == (10, 1)


def test_chapter_2_mnist_style_model():
    rng = np.random.default_rng(0)
    train_images = rng.random((512, 28 * 28)).astype("float32")
    train_labels = (train_images[:, :10].argmax(axis=1)).astype("uint8")
    model = keras.Sequential([layers.Dense(64, activation="relu"),
                              layers.Dense(10, activation="softmax")])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(train_images, train_labels, epochs=5, batch_size=128, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    predictions = model.predict(train_images[:10], verbose=0)
    assert predictions.shape == (10, 10)
    np.testing.assert_allclose(predictions.sum(axis=1), 1, rtol=1e-5)
    test_loss, test_acc = model.evaluate(train_images, train_labels, verbose=0)
    assert 0 <= test_acc <= 1 and test_loss > 0
