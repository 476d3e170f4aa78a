"""Chapter 3's TensorFlow listings (Deep Learning with Python, 2nd ed.), run with
``import teachtensor as tf``: same results, shapes, printed forms and errors."""
import numpy as np
import pytest

import teachtensor as tf
from teachtensor.demo import make_blobs, train_linear_classifier


def test_listing_3_1_to_3_6_creating_tensors(capsys):
    x = tf.ones(shape=(2, 1))
    print(x)
    x = tf.zeros(shape=(2, 1))
    print(x)
    x = tf.random.normal(shape=(3, 1), mean=0., stddev=1.)
    print(x)
    x = tf.random.uniform(shape=(3, 1), minval=0., maxval=1.)
    print(x)
    out = capsys.readouterr().out.split("teachtensor.Tensor(")
    assert out[1] == "\n[[1.]\n [1.]], shape=(2, 1), dtype=float32)\n"
    assert out[2] == "\n[[0.]\n [0.]], shape=(2, 1), dtype=float32)\n"
    assert out[3].endswith(", shape=(3, 1), dtype=float32)\n")
    assert np.all((x.numpy() >= 0) & (x.numpy() < 1))


def test_listing_3_7_and_3_8_numpy_arrays_are_assignable_tensors_are_not():
    x = np.ones(shape=(2, 2))
    x[0, 0] = 0.
    x = tf.ones(shape=(2, 2))
    with pytest.raises(TypeError, match="does not support item assignment"):
        x[0, 0] = 0.


def test_listing_3_9_to_3_12_variables(capsys):
    v = tf.Variable(initial_value=tf.random.normal(shape=(3, 1)))
    print(v)
    printed = capsys.readouterr().out
    assert printed.startswith("<teachtensor.Variable 'Variable:0' shape=(3, 1) dtype=float32, "
                              "numpy=\narray([[")
    assert printed.endswith("]], dtype=float32)>\n")
    v.assign(tf.ones((3, 1)))
    np.testing.assert_array_equal(v.numpy(), np.ones((3, 1)))
    v[0, 0].assign(3.)
    np.testing.assert_array_equal(v.numpy(), [[3.], [1.], [1.]])
    v.assign_add(tf.ones((3, 1)))
    np.testing.assert_array_equal(v.numpy(), [[4.], [2.], [2.]])


def test_listing_3_13_basic_math():
    a = tf.ones((2, 2))
    b = tf.square(a)
    c = tf.sqrt(a)
    d = b + c
    e = tf.matmul(a, b)
    e *= d
    np.testing.assert_array_equal(e.numpy(), np.full((2, 2), 4.0))
    assert e.dtype == tf.float32 and e.shape == (2, 2)


def test_listing_3_14_gradient_tape():
    input_var = tf.Variable(initial_value=3.)
    with tf.GradientTape() as tape:
        result = tf.square(input_var)
    gradient = tape.gradient(result, input_var)
    assert str(gradient) == "teachtensor.Tensor(6.0, shape=(), dtype=float32)"


def test_listing_3_15_gradient_tape_with_a_constant():
    input_const = tf.constant(3.)
    with tf.GradientTape() as tape:
        tape.watch(input_const)
        result = tf.square(input_const)
    gradient = tape.gradient(result, input_const)
    assert float(gradient) == 6.0


def test_listing_3_16_nested_tapes_falling_apple():
    time = tf.Variable(0.)
    with tf.GradientTape() as outer_tape:
        with tf.GradientTape() as inner_tape:
            position = 4.9 * time ** 2
        speed = inner_tape.gradient(position, time)
    acceleration = outer_tape.gradient(speed, time)
    assert str(acceleration) == "teachtensor.Tensor(9.8, shape=(), dtype=float32)"


def test_listings_3_17_to_3_26_linear_classifier_from_scratch():
    num_samples_per_class = 1000
    rng = np.random.default_rng(0)
    negative_samples = rng.multivariate_normal(
        mean=[0, 3], cov=[[1, 0.5], [0.5, 1]], size=num_samples_per_class)
    positive_samples = rng.multivariate_normal(
        mean=[3, 0], cov=[[1, 0.5], [0.5, 1]], size=num_samples_per_class)
    inputs = np.vstack((negative_samples, positive_samples)).astype(np.float32)
    targets = np.vstack((np.zeros((num_samples_per_class, 1), dtype="float32"),
                         np.ones((num_samples_per_class, 1), dtype="float32")))

    input_dim = 2
    output_dim = 1
    tf.random.set_seed(0)
    W = tf.Variable(initial_value=tf.random.uniform(shape=(input_dim, output_dim)))
    b = tf.Variable(initial_value=tf.zeros(shape=(output_dim,)))

    def model(inputs):
        return tf.matmul(inputs, W) + b

    def square_loss(targets, predictions):
        per_sample_losses = tf.square(targets - predictions)
        return tf.reduce_mean(per_sample_losses)

    learning_rate = 0.1

    def training_step(inputs, targets):
        with tf.GradientTape() as tape:
            predictions = model(inputs)
            loss = square_loss(targets, predictions)
        grad_loss_wrt_W, grad_loss_wrt_b = tape.gradient(loss, [W, b])
        W.assign_sub(grad_loss_wrt_W * learning_rate)
        b.assign_sub(grad_loss_wrt_b * learning_rate)
        return loss

    lines = []
    for step in range(40):
        loss = training_step(inputs, targets)
        lines.append(f"Loss at step {step}: {loss:.4f}")
    assert lines[0].startswith("Loss at step 0: ")
    assert float(loss) < 0.05
    assert W.dtype == tf.float32 and b.dtype == tf.float32

    predictions = model(inputs)
    colors = predictions[:, 0] > 0.5            # used as plt.scatter(..., c=...)
    assert np.asarray(colors).dtype == bool and np.asarray(colors).shape == (2000,)
    accuracy = np.mean(np.asarray(colors) == (targets[:, 0] > 0.5))
    assert accuracy > 0.95

    x = np.linspace(-1, 4, 100)
    y = - W[0] / W[1] * x + (0.5 - b) / W[1]    # the decision line
    assert isinstance(y, tf.Tensor) and y.shape == (100,) and y.dtype == tf.float32
    assert np.asarray(y).shape == (100,)


def test_demo_linear_classifier_reaches_a_low_loss():
    inputs, targets = make_blobs()
    assert inputs.shape == (2000, 2) and targets.shape == (2000, 1)
    logged = []
    W, b, losses = train_linear_classifier(inputs, targets, log=logged.append)
    assert len(losses) == 40 and len(logged) == 40
    assert losses[-1] < 0.05
    assert losses[-1] < losses[0]
    assert logged[-1] == f"Loss at step 39: {losses[-1]:.4f}"
    assert W.shape == (2, 1) and b.shape == (1,)
