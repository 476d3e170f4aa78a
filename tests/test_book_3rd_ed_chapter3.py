"""Chapter 3 of Deep Learning with Python, 3rd edition ("Introduction to TensorFlow,
PyTorch, JAX and Keras"): the TensorFlow and Keras parts, with the imports swapped:

    import teachtensor as tf
    from teachtensor import keras
    from teachtensor.keras import layers, models

Checked: the printed forms, the shapes, the gradients, and that training lowers the
loss.  (The chapter's PyTorch and JAX sections are not teachtensor's.)
"""
import os

import matplotlib
import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers, models

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


@pytest.fixture(autouse=True)
def fresh_session():
    keras.utils.clear_session()
    keras.utils.set_random_seed(0)
    yield
    plt.close("all")


# ---- Introduction to TensorFlow ------------------------------------------------------

def test_constant_and_random_tensors(capsys):
    print(tf.ones(shape=(2, 1)))
    print(tf.zeros(shape=(2, 1)))
    print(tf.constant([1, 2, 3], dtype="float32"))
    x = tf.random.normal(shape=(3, 1), mean=0.0, stddev=1.0)
    print(x)
    x = tf.random.uniform(shape=(3, 1), minval=0.0, maxval=1.0)
    print(x)
    printed = capsys.readouterr().out
    assert printed.startswith(
        "teachtensor.Tensor(\n[[1.]\n [1.]], shape=(2, 1), dtype=float32)\n"
        "teachtensor.Tensor(\n[[0.]\n [0.]], shape=(2, 1), dtype=float32)\n"
        "teachtensor.Tensor([1. 2. 3.], shape=(3,), dtype=float32)\n")
    assert printed.count(", shape=(3, 1), dtype=float32)\n") == 2
    assert x.dtype == tf.float32 and str(x.dtype) == "<dtype: 'float32'>"


def test_tensor_assignment_and_the_variable_class(capsys):
    x = np.ones(shape=(2, 2))
    x[0, 0] = 0.0
    with pytest.raises(TypeError, match="does not support item assignment"):
        tf.ones(shape=(2, 2))[0, 0] = 0.0

    v = tf.Variable(initial_value=tf.random.normal(shape=(3, 1)))
    print(v)
    assert capsys.readouterr().out.startswith(
        "<teachtensor.Variable 'Variable:0' shape=(3, 1) dtype=float32, numpy=\narray([[")
    v.assign(tf.ones((3, 1)))
    v[0, 0].assign(3.0)
    v.assign_add(tf.ones((3, 1)))
    np.testing.assert_array_equal(v.numpy(), [[4.0], [2.0], [2.0]])


def test_doing_math_in_tensorflow():
    a = tf.ones((2, 2))
    b = tf.square(a)
    c = tf.sqrt(a)
    d = b + c
    e = tf.matmul(a, b)
    f = tf.concat((a, b), axis=0)
    assert d.shape == (2, 2) and e.shape == (2, 2) and f.shape == (4, 2)
    np.testing.assert_array_equal(e.numpy(), np.full((2, 2), 2.0))

    def dense(inputs, W, b):
        return tf.nn.relu(tf.matmul(inputs, W) + b)

    assert dense(tf.ones((1, 2)), tf.ones((2, 3)), tf.zeros((3,))).shape == (1, 3)


def test_gradients_with_the_gradient_tape():
    input_var = tf.Variable(initial_value=3.0)
    with tf.GradientTape() as tape:
        result = tf.square(input_var)
    gradient = tape.gradient(result, input_var)
    assert str(gradient) == "teachtensor.Tensor(6.0, shape=(), dtype=float32)"

    input_const = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch(input_const)
        result = tf.square(input_const)
    gradient = tape.gradient(result, input_const)
    assert float(gradient) == 6.0

    time = tf.Variable(0.0)
    with tf.GradientTape() as outer_tape:
        with tf.GradientTape() as inner_tape:
            position = 4.9 * time**2
        speed = inner_tape.gradient(position, time)
    acceleration = outer_tape.gradient(speed, time)
    assert str(acceleration) == "teachtensor.Tensor(9.8, shape=(), dtype=float32)"


def test_making_tensorflow_functions_fast_using_compilation():
    @tf.function
    def dense(inputs, W, b):
        return tf.nn.relu(tf.matmul(inputs, W) + b)

    first = dense(tf.ones((2, 2)), tf.ones((2, 3)), tf.zeros((3,)))

    @tf.function(jit_compile=True)
    def dense(inputs, W, b):  # noqa: F811  (the book redefines it, compiled with XLA)
        return tf.nn.relu(tf.matmul(inputs, W) + b)

    second = dense(tf.ones((2, 2)), tf.ones((2, 3)), tf.zeros((3,)))
    np.testing.assert_array_equal(first.numpy(), second.numpy())
    assert second.shape == (2, 3)


def test_a_linear_classifier_in_pure_tensorflow(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    num_samples_per_class = 1000
    negative_samples = np.random.multivariate_normal(
        mean=[0, 3], cov=[[1, 0.5], [0.5, 1]], size=num_samples_per_class
    )
    positive_samples = np.random.multivariate_normal(
        mean=[3, 0], cov=[[1, 0.5], [0.5, 1]], size=num_samples_per_class
    )
    inputs = np.vstack((negative_samples, positive_samples)).astype(np.float32)
    targets = np.vstack(
        (
            np.zeros((num_samples_per_class, 1), dtype="float32"),
            np.ones((num_samples_per_class, 1), dtype="float32"),
        )
    )
    plt.scatter(inputs[:, 0], inputs[:, 1], c=targets[:, 0])
    plt.savefig("linear_model_inputs.png", dpi=72)  # (the book: dpi=300)

    input_dim = 2
    output_dim = 1
    W = tf.Variable(initial_value=tf.random.uniform(shape=(input_dim, output_dim)))
    b = tf.Variable(initial_value=tf.zeros(shape=(output_dim,)))

    def model(inputs, W, b):
        return tf.matmul(inputs, W) + b

    def mean_squared_error(targets, predictions):
        per_sample_losses = tf.square(targets - predictions)
        return tf.reduce_mean(per_sample_losses)

    learning_rate = 0.1

    @tf.function(jit_compile=True)
    def training_step(inputs, targets, W, b):
        with tf.GradientTape() as tape:
            predictions = model(inputs, W, b)
            loss = mean_squared_error(predictions, targets)
        grad_loss_wrt_W, grad_loss_wrt_b = tape.gradient(loss, [W, b])
        W.assign_sub(grad_loss_wrt_W * learning_rate)
        b.assign_sub(grad_loss_wrt_b * learning_rate)
        return loss

    losses = []
    for step in range(40):
        loss = training_step(inputs, targets, W, b)
        print(f"Loss at step {step}: {loss:.4f}")
        losses.append(float(loss))
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 40 and printed[-1] == f"Loss at step 39: {losses[-1]:.4f}"
    assert losses[-1] < losses[0] and losses[-1] < 0.05

    predictions = model(inputs, W, b)
    plt.scatter(inputs[:, 0], inputs[:, 1], c=predictions[:, 0] > 0.5)
    plt.savefig("linear_model_predictions.png", dpi=72)
    x = np.linspace(-1, 4, 100)
    y = -W[0] / W[1] * x + (0.5 - b) / W[1]
    plt.plot(x, y, "-r")
    plt.scatter(inputs[:, 0], inputs[:, 1], c=predictions[:, 0] > 0.5)
    assert y.shape == (100,) and y.dtype == tf.float32
    assert np.mean(np.asarray(predictions[:, 0] > 0.5) == (targets[:, 0] > 0.5)) > 0.95
    assert os.path.exists("linear_model_predictions.png")


# ---- Introduction to Keras ---------------------------------------------------------------

class SimpleDense(keras.Layer):
    def __init__(self, units, activation=None):
        super().__init__()
        self.units = units
        self.activation = activation

    def build(self, input_shape):
        batch_dim, input_dim = input_shape
        self.W = self.add_weight(
            shape=(input_dim, self.units), initializer="random_normal"
        )
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        y = keras.ops.matmul(inputs, self.W) + self.b
        if self.activation is not None:
            y = self.activation(y)
        return y


def test_the_base_layer_class_in_keras(capsys):
    my_dense = SimpleDense(units=32, activation=keras.ops.relu)
    input_tensor = keras.ops.ones(shape=(2, 784))
    output_tensor = my_dense(input_tensor)
    print(output_tensor.shape)
    assert capsys.readouterr().out == "(2, 32)\n"
    assert [tuple(w.shape) for w in my_dense.weights] == [(784, 32), (32,)]
    assert my_dense.name == "simple_dense" and np.all(output_tensor.numpy() >= 0)


def test_automatic_shape_inference():
    layer = layers.Dense(32, activation="relu")
    model = models.Sequential(
        [
            layers.Dense(32, activation="relu"),
            layers.Dense(32),
        ]
    )
    model = keras.Sequential(
        [
            SimpleDense(32, activation="relu"),
            SimpleDense(64, activation="relu"),
            SimpleDense(32, activation="relu"),
            SimpleDense(10, activation="softmax"),
        ]
    )
    assert len(model.layers) == 4 and layer.units == 32
    # The book only builds this one: its SimpleDense calls self.activation(y), so the
    # strings "relu" and "softmax" would fail if it ran. With functions it runs:
    model = keras.Sequential([SimpleDense(32, activation=keras.ops.relu),
                              SimpleDense(10, activation=keras.ops.softmax)])
    np.testing.assert_allclose(keras.ops.sum(model(np.ones((3, 7))), axis=1).numpy(), 1.0,
                               rtol=1e-5)


def test_compile_fit_validation_and_inference(capsys):
    num_samples_per_class = 1000
    rng = np.random.default_rng(0)
    negative_samples = rng.multivariate_normal(
        mean=[0, 3], cov=[[1, 0.5], [0.5, 1]], size=num_samples_per_class)
    positive_samples = rng.multivariate_normal(
        mean=[3, 0], cov=[[1, 0.5], [0.5, 1]], size=num_samples_per_class)
    inputs = np.vstack((negative_samples, positive_samples)).astype(np.float32)
    targets = np.vstack((np.zeros((num_samples_per_class, 1), dtype="float32"),
                         np.ones((num_samples_per_class, 1), dtype="float32")))

    model = keras.Sequential([keras.layers.Dense(1)])
    model.compile(
        optimizer="rmsprop",
        loss="mean_squared_error",
        metrics=["accuracy"],
    )
    model.compile(
        optimizer=keras.optimizers.RMSprop(),
        loss=keras.losses.MeanSquaredError(),
        metrics=[keras.metrics.BinaryAccuracy()],
    )
    history = model.fit(
        inputs,
        targets,
        epochs=5,
        batch_size=128,
    )
    assert sorted(history.history) == ["binary_accuracy", "loss"]
    assert len(history.history["loss"]) == 5
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert capsys.readouterr().out.startswith("Epoch 1/5\n")

    model = keras.Sequential([keras.layers.Dense(1)])
    model.compile(
        optimizer=keras.optimizers.RMSprop(learning_rate=0.1),
        loss=keras.losses.MeanSquaredError(),
        metrics=[keras.metrics.BinaryAccuracy()],
    )
    indices_permutation = np.random.permutation(len(inputs))
    shuffled_inputs = inputs[indices_permutation]
    shuffled_targets = targets[indices_permutation]
    num_validation_samples = int(0.3 * len(inputs))
    val_inputs = shuffled_inputs[:num_validation_samples]
    val_targets = shuffled_targets[:num_validation_samples]
    training_inputs = shuffled_inputs[num_validation_samples:]
    training_targets = shuffled_targets[num_validation_samples:]
    history = model.fit(
        training_inputs,
        training_targets,
        epochs=5,
        batch_size=16,
        validation_data=(val_inputs, val_targets),
        verbose=0,
    )
    assert sorted(history.history) == ["binary_accuracy", "loss", "val_binary_accuracy",
                                       "val_loss"]
    assert history.history["val_binary_accuracy"][-1] > 0.6  # (RMSprop at 0.1 oscillates)

    predictions = model.predict(val_inputs, batch_size=128)
    print(predictions[:10])
    assert isinstance(predictions, np.ndarray) and predictions.shape == (600, 1)
    assert capsys.readouterr().out.splitlines()[-1].endswith("]]")
