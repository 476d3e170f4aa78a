"""Chapter 2 of Deep Learning with Python, 2nd edition ("The mathematical building
blocks of neural networks"), run with ``import teachtensor as tf``.

The NumPy listings (naive relu / add / dot loops, broadcasting, reshaping) are run as
printed and compared with the teachtensor operation that does the same work; then the
tensor attributes, the GradientTape listings and the from-scratch MNIST model
(NaiveDense, NaiveSequential, BatchGenerator, one_training_step, fit) on MNIST-shaped
synthetic data.  Chapter 3's listings are in ``test_chapter_listings.py``.
"""
import math
import time

import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers, optimizers


def mnist_like(num_images, seed):
    """(images, labels) shaped like keras.datasets.mnist's: (n, 28, 28) uint8 and (n,) uint8."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, size=num_images).astype("uint8")
    images = rng.integers(0, 60, size=(num_images, 28, 28)).astype("uint8")
    for digit in range(10):
        images[labels == digit, 2 * digit + 4: 2 * digit + 7, 4:24] = 255
    return images, labels


@pytest.fixture(autouse=True)
def seeded():
    keras.utils.clear_session()
    keras.utils.set_random_seed(0)


# ---- 2.1 A first look at a neural network -------------------------------------------

def test_a_first_look_at_a_neural_network():
    (train_images, train_labels), (test_images, test_labels) = mnist_like(512, 0), \
        mnist_like(128, 1)
    model = keras.Sequential([
        layers.Dense(512, activation="relu"),
        layers.Dense(10, activation="softmax")
    ])
    model.compile(optimizer="rmsprop",
                  loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    train_images = train_images.reshape((512, 28 * 28))
    train_images = train_images.astype("float32") / 255
    test_images = test_images.reshape((128, 28 * 28))
    test_images = test_images.astype("float32") / 255
    model.fit(train_images, train_labels, epochs=2, batch_size=128, verbose=0)
    predictions = model.predict(test_images[0:10], verbose=0)
    assert predictions.shape == (10, 10) and predictions[0].argmax() in range(10)
    test_loss, test_acc = model.evaluate(test_images, test_labels, verbose=0)
    assert test_acc > 0.9


# ---- 2.2 Data representations: tensor attributes -------------------------------------

def test_rank_shape_and_dtype_of_arrays_and_tensors():
    for values, ndim in [(12, 0), ([12, 3, 6, 14, 7], 1),
                         ([[5, 78, 2, 34, 0], [6, 79, 3, 35, 1], [7, 80, 4, 36, 2]], 2)]:
        x, t = np.array(values), tf.constant(values)
        assert x.ndim == t.ndim == ndim and x.shape == t.shape
    x = np.array([[[5, 78, 2, 34, 0], [6, 79, 3, 35, 1], [7, 80, 4, 36, 2]]] * 3)
    assert x.ndim == tf.constant(x).ndim == 3

    train_images, train_labels = mnist_like(64, 0)
    images = tf.constant(train_images)
    assert images.ndim == 3 and images.shape == (64, 28, 28)
    assert str(images.shape) == "(64, 28, 28)" and images.dtype == tf.uint8
    assert str(images.dtype) == "<dtype: 'uint8'>" and train_images.dtype == np.uint8
    my_slice = images[10:100]
    assert my_slice.shape == (54, 28, 28)
    assert images[10:100, :, :].shape == images[10:100, 0:28, 0:28].shape == (54, 28, 28)
    assert images[:, 14:, 14:].shape == (64, 14, 14)
    assert images[:, 7:-7, 7:-7].shape == (64, 14, 14)
    n = 3
    assert images[16 * n:16 * (n + 1)].shape == (16, 28, 28)


# ---- 2.3 The gears of neural networks: tensor operations ------------------------------

def naive_relu(x):
    assert len(x.shape) == 2
    x = x.copy()
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            x[i, j] = max(x[i, j], 0)
    return x


def naive_add(x, y):
    assert len(x.shape) == 2
    assert x.shape == y.shape
    x = x.copy()
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            x[i, j] += y[i, j]
    return x


def naive_add_matrix_and_vector(x, y):
    assert len(x.shape) == 2
    assert len(y.shape) == 1
    assert x.shape[1] == y.shape[0]
    x = x.copy()
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            x[i, j] += y[j]
    return x


def naive_vector_dot(x, y):
    assert len(x.shape) == 1
    assert len(y.shape) == 1
    assert x.shape[0] == y.shape[0]
    z = 0.
    for i in range(x.shape[0]):
        z += x[i] * y[i]
    return z


def naive_matrix_vector_dot(x, y):
    assert len(x.shape) == 2
    assert len(y.shape) == 1
    assert x.shape[1] == y.shape[0]
    z = np.zeros(x.shape[0])
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            z[i] += x[i, j] * y[j]
    return z


def naive_matrix_vector_dot_reusing(x, y):  # the book's second version
    z = np.zeros(x.shape[0])
    for i in range(x.shape[0]):
        z[i] = naive_vector_dot(x[i, :], y)
    return z


def naive_matrix_dot(x, y):
    assert len(x.shape) == 2
    assert len(y.shape) == 2
    assert x.shape[1] == y.shape[0]
    z = np.zeros((x.shape[0], y.shape[1]))
    for i in range(x.shape[0]):
        for j in range(y.shape[1]):
            row_x = x[i, :]
            column_y = y[:, j]
            z[i, j] = naive_vector_dot(row_x, column_y)
    return z


def test_elementwise_operations_naive_and_vectorized():
    x = np.random.random((20, 100)) - 0.5
    y = np.random.random((20, 100))
    z = naive_relu(naive_add(x, y))
    np.testing.assert_allclose(z, np.maximum(x + y, 0.0))
    tensor_z = tf.nn.relu(tf.constant(x) + tf.constant(y))
    np.testing.assert_allclose(tensor_z.numpy(), z)
    assert tensor_z.dtype == tf.float64  # a float64 array stays float64

    t0 = time.time()
    for _ in range(10):
        z = x + y
        z = np.maximum(z, 0.)
    assert "Took: {0:.2f} s".format(time.time() - t0).startswith("Took: ")


def test_broadcasting():
    X = np.random.random((32, 10))
    y = np.random.random((10,))
    y_row = np.expand_dims(y, axis=0)
    Y = np.tile(y_row, (32, 1))
    np.testing.assert_allclose(naive_add_matrix_and_vector(X, y), X + Y)
    np.testing.assert_allclose((tf.constant(X) + tf.constant(y)).numpy(), X + Y)
    assert tf.tile(tf.expand_dims(tf.constant(y), axis=0), (32, 1)).shape == (32, 10)

    x = np.random.random((64, 3, 32, 10))
    y = np.random.random((32, 10))
    z = np.maximum(x, y)
    assert z.shape == (64, 3, 32, 10)
    np.testing.assert_allclose(tf.maximum(tf.constant(x), tf.constant(y)).numpy(), z)


def test_tensor_product():
    x = np.random.random((32,))
    y = np.random.random((32,))
    z = np.dot(x, y)
    assert np.isclose(naive_vector_dot(x, y), z)
    assert np.isclose(float(tf.tensordot(tf.constant(x), tf.constant(y), axes=1)), z)

    m = np.random.random((5, 32))
    np.testing.assert_allclose(naive_matrix_vector_dot(m, x), m @ x)
    np.testing.assert_allclose(naive_matrix_vector_dot_reusing(m, x), m @ x)
    p = np.random.random((32, 4))
    np.testing.assert_allclose(naive_matrix_dot(m, p), m @ p)
    np.testing.assert_allclose(tf.matmul(tf.constant(m), tf.constant(p)).numpy(), m @ p)


def test_tensor_reshaping():
    train_images, _ = mnist_like(64, 0)
    assert train_images.reshape((64, 28 * 28)).shape == (64, 784)
    assert tf.reshape(tf.constant(train_images), (64, 28 * 28)).shape == (64, 784)
    x = np.array([[0., 1.],
                  [2., 3.],
                  [4., 5.]])
    assert x.shape == (3, 2)
    t = tf.constant(x)
    np.testing.assert_array_equal(tf.reshape(t, (6, 1)).numpy(), x.reshape((6, 1)))
    np.testing.assert_array_equal(tf.reshape(t, (2, 3)).numpy(), x.reshape((2, 3)))
    x = np.zeros((300, 20))
    x = np.transpose(x)
    assert x.shape == (20, 300) and tf.transpose(tf.zeros((300, 20))).shape == (20, 300)


# ---- 2.4 The engine of neural networks: gradient-based optimization ----------------------

def test_the_gradient_tape_in_tensorflow():
    x = tf.Variable(0.)
    with tf.GradientTape() as tape:
        y = 2 * x + 3
    grad_of_y_wrt_x = tape.gradient(y, x)
    assert str(grad_of_y_wrt_x) == "teachtensor.Tensor(2.0, shape=(), dtype=float32)"

    x = tf.Variable(tf.random.uniform((2, 2)))
    with tf.GradientTape() as tape:
        y = 2 * x + 3
    grad_of_y_wrt_x = tape.gradient(y, x)
    np.testing.assert_array_equal(grad_of_y_wrt_x.numpy(), np.full((2, 2), 2.0))

    W = tf.Variable(tf.random.uniform((2, 2)))
    b = tf.Variable(tf.zeros((2,)))
    x = tf.random.uniform((2, 2))
    with tf.GradientTape() as tape:
        y = tf.matmul(x, W) + b
    grad_of_y_wrt_W_and_b = tape.gradient(y, [W, b])
    assert isinstance(grad_of_y_wrt_W_and_b, list) and len(grad_of_y_wrt_W_and_b) == 2
    grad_W, grad_b = grad_of_y_wrt_W_and_b
    np.testing.assert_allclose(grad_W.numpy(), np.repeat(x.numpy().sum(axis=0)[:, None], 2, 1),
                               rtol=1e-6)
    np.testing.assert_array_equal(grad_b.numpy(), [2.0, 2.0])


# ---- 2.5 Looking back at our first example: reimplementing it from scratch ---------------

class NaiveDense:
    def __init__(self, input_size, output_size, activation):
        self.activation = activation

        w_shape = (input_size, output_size)
        w_initial_value = tf.random.uniform(w_shape, minval=0, maxval=1e-1)
        self.W = tf.Variable(w_initial_value)

        b_shape = (output_size,)
        b_initial_value = tf.zeros(b_shape)
        self.b = tf.Variable(b_initial_value)

    def __call__(self, inputs):
        return self.activation(tf.matmul(inputs, self.W) + self.b)

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


def _model():
    return NaiveSequential([
        NaiveDense(input_size=28 * 28, output_size=512, activation=tf.nn.relu),
        NaiveDense(input_size=512, output_size=10, activation=tf.nn.softmax)
    ])


def test_the_naive_model():
    model = _model()
    assert len(model.weights) == 4
    W = model.weights[0].numpy()
    assert W.shape == (784, 512) and W.min() >= 0 and W.max() < 0.1
    out = model(np.ones((3, 784), "float32"))
    assert out.shape == (3, 10)
    np.testing.assert_allclose(tf.reduce_sum(out, axis=1).numpy(), 1.0, rtol=1e-5)


def _train(update_style, capsys):
    (train_images, train_labels), (test_images, test_labels) = mnist_like(512, 0), \
        mnist_like(128, 1)
    model = _model()
    learning_rate = 1e-3

    if update_style == "assign_sub":
        def update_weights(gradients, weights):
            for g, w in zip(gradients, weights):
                w.assign_sub(g * learning_rate)
    else:
        optimizer = optimizers.SGD(learning_rate=1e-3)

        def update_weights(gradients, weights):
            optimizer.apply_gradients(zip(gradients, weights))

    losses = []

    def one_training_step(model, images_batch, labels_batch):
        with tf.GradientTape() as tape:
            predictions = model(images_batch)
            per_sample_losses = tf.keras.losses.sparse_categorical_crossentropy(
                labels_batch, predictions)
            average_loss = tf.reduce_mean(per_sample_losses)
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

    predictions = model(test_images)
    predictions = predictions.numpy()
    predicted_labels = np.argmax(predictions, axis=1)
    matches = predicted_labels == test_labels
    print(f"accuracy: {matches.mean():.2f}")
    assert capsys.readouterr().out.startswith("accuracy: 0.")
    return losses, model


def test_the_full_training_loop_lowers_the_loss_with_either_update_rule(capsys):
    """The book's two update_weights, by hand (assign_sub) and with keras's SGD, are the
    same rule: from the same start they give the same losses."""
    tf.random.set_seed(0)
    by_hand, _ = _train("assign_sub", capsys)
    tf.random.set_seed(0)
    with_optimizer, _ = _train("optimizer", capsys)
    assert len(by_hand) == 20
    assert np.mean(by_hand[-4:]) < np.mean(by_hand[:4]) - 0.02  # slowly: SGD at 1e-3
    np.testing.assert_allclose(by_hand, with_optimizer, rtol=1e-5)
