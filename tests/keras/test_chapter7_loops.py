"""Chapter 7's hand-written training and evaluation loop (section 7.4.2, "writing a
complete training and evaluation loop"), as the book writes it with the imports swapped:
``model.trainable_weights``, ``optimizer.apply_gradients``, metric objects with
``update_state`` / ``result`` / ``reset_state``, and a ``tf.data.Dataset`` of batches.
MNIST is replaced by random data of its shapes, with labels a simple function of the
pixels so that there is something to learn."""
import numpy as np

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers


def get_mnist_model():
    inputs = keras.Input(shape=(28 * 28,))
    features = layers.Dense(512, activation="relu")(inputs)
    features = layers.Dropout(0.5)(features)
    outputs = layers.Dense(10, activation="softmax")(features)
    model = keras.Model(inputs, outputs)
    return model


def mnist_like(samples, seed):
    rng = np.random.default_rng(seed)
    images = rng.random((samples, 28 * 28)).astype("float32")
    labels = (images[:, :10].argmax(axis=1)).astype("int64")  # learnable
    return images, labels


def test_the_complete_training_and_evaluation_loop(capsys):
    keras.utils.set_random_seed(0)
    train_images, train_labels = mnist_like(256, 1)
    val_images, val_labels = mnist_like(64, 2)

    model = get_mnist_model()
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    optimizer = keras.optimizers.RMSprop()
    metrics = [keras.metrics.SparseCategoricalAccuracy()]
    loss_tracking_metric = keras.metrics.Mean()

    def train_step(inputs, targets):
        with tf.GradientTape() as tape:
            predictions = model(inputs, training=True)
            loss = loss_fn(targets, predictions)
        gradients = tape.gradient(loss, model.trainable_weights)
        optimizer.apply_gradients(zip(gradients, model.trainable_weights))
        logs = {}
        for metric in metrics:
            metric.update_state(targets, predictions)
            logs[metric.name] = metric.result()
        loss_tracking_metric.update_state(loss)
        logs["loss"] = loss_tracking_metric.result()
        return logs

    def reset_metrics():
        for metric in metrics:
            metric.reset_state()
        loss_tracking_metric.reset_state()

    training_dataset = tf.data.Dataset.from_tensor_slices((train_images, train_labels))
    training_dataset = training_dataset.batch(32)
    losses = []
    epochs = 3
    for epoch in range(epochs):
        reset_metrics()
        for inputs_batch, targets_batch in training_dataset:
            logs = train_step(inputs_batch, targets_batch)
        print(f"Results at the end of epoch {epoch}")
        for key, value in logs.items():
            print(f"...{key}: {value:.4f}")
        losses.append(float(logs["loss"]))
    printed = capsys.readouterr().out
    assert "Results at the end of epoch 2" in printed
    assert "...sparse_categorical_accuracy: " in printed and "...loss: " in printed
    assert losses[-1] < losses[0]  # it learns
    assert int(optimizer.iterations.numpy()) == epochs * 8  # 256 / 32 batches

    def test_step(inputs, targets):
        predictions = model(inputs, training=False)
        loss = loss_fn(targets, predictions)
        logs = {}
        for metric in metrics:
            metric.update_state(targets, predictions)
            logs["val_" + metric.name] = metric.result()
        loss_tracking_metric.update_state(loss)
        logs["val_loss"] = loss_tracking_metric.result()
        return logs

    val_dataset = tf.data.Dataset.from_tensor_slices((val_images, val_labels))
    val_dataset = val_dataset.batch(32)
    reset_metrics()
    for inputs_batch, targets_batch in val_dataset:
        logs = test_step(inputs_batch, targets_batch)
    assert sorted(logs) == ["val_loss", "val_sparse_categorical_accuracy"]
    # The metric objects give what evaluate() gives for the same model and data.
    model.compile(optimizer=optimizer, loss=loss_fn, metrics=["sparse_categorical_accuracy"])
    results = model.evaluate(val_images, val_labels, batch_size=32, verbose=0,
                             return_dict=True)
    np.testing.assert_allclose(float(logs["val_loss"]), results["loss"], rtol=1e-5)
    np.testing.assert_allclose(float(logs["val_sparse_categorical_accuracy"]),
                               results["sparse_categorical_accuracy"], rtol=1e-6)
