"""Chapter 2 of Deep Learning with Python, 3rd edition ("The mathematical building blocks
of neural networks"), run with the imports swapped:

    import teachtensor as tf
    from teachtensor import keras
    from teachtensor.keras import layers, ops, optimizers

The data is MNIST-shaped but synthetic (28x28 uint8 images whose class lights up a band
of rows), small so the test is quick; the listings are the book's, with Keras 3's names
(keras.Variable, keras.ops).  Checked: shapes, printed forms, and that training lowers
the loss.
"""
import math

import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers, ops, optimizers


def mnist_like(num_images, seed):
    """(images, labels) shaped like keras.datasets.mnist's: (n, 28, 28) uint8 and (n,) uint8."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, size=num_images).astype("uint8")
    images = rng.integers(0, 60, size=(num_images, 28, 28)).astype("uint8")
    for digit in range(10):
        images[labels == digit, 2 * digit + 4: 2 * digit + 7, 4:24] = 255
    return images, labels


@pytest.fixture
def mnist():
    keras.utils.clear_session()
    keras.utils.set_random_seed(0)
    return mnist_like(512, seed=0), mnist_like(128, seed=1)


def test_a_first_look_at_a_neural_network(mnist, capsys):
    (train_images, train_labels), (test_images, test_labels) = mnist
    assert train_images.shape == (512, 28, 28) and len(train_labels) == 512

    model = keras.Sequential(
        [
            layers.Dense(512, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer="adam",
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    train_images = train_images.reshape((512, 28 * 28))
    train_images = train_images.astype("float32") / 255
    test_images = test_images.reshape((128, 28 * 28))
    test_images = test_images.astype("float32") / 255
    history = model.fit(train_images, train_labels, epochs=3, batch_size=128)
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert capsys.readouterr().out.startswith("Epoch 1/3\n")

    test_digits = test_images[0:10]
    predictions = model.predict(test_digits)
    assert predictions.shape == (10, 10) and predictions[0].shape == (10,)
    np.testing.assert_allclose(predictions.sum(axis=1), 1.0, rtol=1e-5)
    assert predictions[0].argmax() == predictions[0].tolist().index(predictions[0].max())

    test_loss, test_acc = model.evaluate(test_images, test_labels)
    print(f"test_acc: {test_acc}")
    assert capsys.readouterr().out.splitlines()[-1] == f"test_acc: {test_acc}"
    assert test_acc > 0.9


# ---- Reimplementing our first example from scratch -------------------------------------

class NaiveDense:
    def __init__(self, input_size, output_size, activation=None):
        self.activation = activation
        self.W = keras.Variable(
            shape=(input_size, output_size), initializer="uniform"
        )
        self.b = keras.Variable(shape=(output_size,), initializer="zeros")

    def __call__(self, inputs):
        x = ops.matmul(inputs, self.W)
        x = x + self.b
        if self.activation is not None:
            x = self.activation(x)
        return x

    @property
    def weights(self):
        return [self.W, self.b]


class NaiveSequential:
    def __init__(self, layers):
        self.layers = layers

    def __call__(self, inputs):
        x = inputs
        for layer in self.layers:
            x = layer(x)
        return x

    @property
    def weights(self):
        weights = []
        for layer in self.layers:
            weights += layer.weights
        return weights


class BatchGenerator:
    def __init__(self, images, labels, batch_size=128):
        assert len(images) == len(labels)
        self.index = 0
        self.images = images
        self.labels = labels
        self.batch_size = batch_size
        self.num_batches = math.ceil(len(images) / batch_size)

    def next(self):
        images = self.images[self.index : self.index + self.batch_size]
        labels = self.labels[self.index : self.index + self.batch_size]
        self.index += self.batch_size
        return images, labels


def test_the_naive_model_and_its_weights(mnist):
    model = NaiveSequential(
        [
            NaiveDense(input_size=28 * 28, output_size=512, activation=ops.relu),
            NaiveDense(input_size=512, output_size=10, activation=ops.softmax),
        ]
    )
    assert len(model.weights) == 4
    W = model.weights[0]
    assert W.shape == (784, 512) and W.dtype == "float32" and W.name == "variable"
    assert -0.05 <= W.numpy().min() and W.numpy().max() < 0.05  # "uniform": +-0.05
    assert repr(model.weights[3]).startswith(
        "<Variable path=variable_3, shape=(10,), dtype=float32, value=[0. 0. 0.")

    (images, labels), _ = mnist
    batch = BatchGenerator(images, labels)
    assert batch.num_batches == 4
    first_images, first_labels = batch.next()
    assert first_images.shape == (128, 28, 28) and batch.index == 128
    out = model(first_images.reshape((128, 784)).astype("float32") / 255)
    assert out.shape == (128, 10)
    np.testing.assert_allclose(ops.sum(out, axis=1).numpy(), 1.0, rtol=1e-5)


def test_the_gradient_of_a_watched_constant():
    x = tf.zeros(shape=())
    with tf.GradientTape() as tape:
        # Explicitly tell the tape to track x, since tensors created with tf.zeros
        # are not automatically watched (only tf.Variable objects are).
        tape.watch(x)
        y = 2 * x + 3
    grad_of_y_wrt_x = tape.gradient(y, x)
    assert str(grad_of_y_wrt_x) == "teachtensor.Tensor(2.0, shape=(), dtype=float32)"


def test_the_full_training_loop_lowers_the_loss(mnist, capsys):
    (train_images, train_labels), (test_images, test_labels) = mnist
    model = NaiveSequential(
        [
            NaiveDense(input_size=28 * 28, output_size=512, activation=ops.relu),
            NaiveDense(input_size=512, output_size=10, activation=ops.softmax),
        ]
    )

    learning_rate = 1e-3

    def update_weights(gradients, weights):
        for g, w in zip(gradients, weights):
            w.assign(w - g * learning_rate)

    optimizer = optimizers.SGD(learning_rate=1e-3)

    def update_weights(gradients, weights):  # noqa: F811  (the book's second version)
        optimizer.apply_gradients(zip(gradients, weights))

    losses = []

    def one_training_step(model, images_batch, labels_batch):
        with tf.GradientTape() as tape:
            predictions = model(images_batch)
            loss = ops.sparse_categorical_crossentropy(labels_batch, predictions)
            average_loss = ops.mean(loss)
        gradients = tape.gradient(average_loss, model.weights)
        update_weights(gradients, model.weights)
        losses.append(float(average_loss))
        return average_loss

    def fit(model, images, labels, epochs, batch_size=128):
        for epoch_counter in range(epochs):
            print(f"Epoch {epoch_counter}")
            batch_generator = BatchGenerator(images, labels)
            for batch_counter in range(batch_generator.num_batches):
                images_batch, labels_batch = batch_generator.next()
                loss = one_training_step(model, images_batch, labels_batch)
                if batch_counter % 100 == 0:
                    print(f"loss at batch {batch_counter}: {loss:.2f}")

    train_images = train_images.reshape((512, 28 * 28))
    train_images = train_images.astype("float32") / 255
    test_images = test_images.reshape((128, 28 * 28))
    test_images = test_images.astype("float32") / 255

    fit(model, train_images, train_labels, epochs=5, batch_size=128)
    printed = capsys.readouterr().out.splitlines()
    assert printed[:2] == ["Epoch 0", f"loss at batch 0: {losses[0]:.2f}"]
    assert len(printed) == 10 and int(optimizer.iterations) == 20
    assert np.mean(losses[-4:]) < np.mean(losses[:4]) - 0.02  # slowly: SGD at 1e-3

    predictions = model(test_images)
    predicted_labels = ops.argmax(predictions, axis=1)
    matches = predicted_labels == test_labels
    assert predicted_labels.dtype == tf.int32 and matches.dtype == tf.bool
    text = f"accuracy: {ops.mean(matches):.2f}"
    assert text == f"accuracy: {np.mean(np.asarray(matches)):.2f}"
    assert float(ops.mean(matches)) > 0.2  # above chance (0.1) after 20 small steps


def test_update_weights_by_hand_is_plain_sgd(mnist):
    """The book's first update_weights: w.assign(w - g * learning_rate)."""
    learning_rate = 1e-3
    layer = NaiveDense(input_size=4, output_size=2)

    def update_weights(gradients, weights):
        for g, w in zip(gradients, weights):
            w.assign(w - g * learning_rate)

    before = layer.W.numpy()
    with tf.GradientTape() as tape:
        loss = ops.mean(ops.square(layer(np.ones((3, 4), "float32"))))
    gradients = tape.gradient(loss, layer.weights)
    update_weights(gradients, layer.weights)
    np.testing.assert_allclose(layer.W.numpy(), before - gradients[0].numpy() * 1e-3)
    assert isinstance(layer.W, keras.Variable)  # assign keeps the variable
