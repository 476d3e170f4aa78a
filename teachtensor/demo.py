"""``make demo``: chapter 3's linear classifier, written from scratch.

Two clouds of 2-D points, a weight matrix W and a bias b, a square loss, and 40 steps
of gradient descent with a GradientTape — the listing from the book, run with
``import teachtensor as tf``.
"""
import time

import numpy as np

import teachtensor as tf


def make_blobs(num_samples_per_class=1000, seed=0):
    """The chapter's data: two correlated Gaussian clouds, labels 0 and 1."""
    rng = np.random.default_rng(seed)
    cov = [[1, 0.5], [0.5, 1]]
    negative = rng.multivariate_normal(mean=[0, 3], cov=cov, size=num_samples_per_class)
    positive = rng.multivariate_normal(mean=[3, 0], cov=cov, size=num_samples_per_class)
    inputs = np.vstack((negative, positive)).astype(np.float32)
    targets = np.vstack((np.zeros((num_samples_per_class, 1), dtype="float32"),
                         np.ones((num_samples_per_class, 1), dtype="float32")))
    return inputs, targets


def train_linear_classifier(inputs, targets, steps=40, learning_rate=0.1, seed=0, log=print):
    """The from-scratch training loop; returns (W, b, losses)."""
    tf.random.set_seed(seed)
    W = tf.Variable(initial_value=tf.random.uniform(shape=(2, 1)))
    b = tf.Variable(initial_value=tf.zeros(shape=(1,)))

    def model(x):
        return tf.matmul(x, W) + b

    def square_loss(targets, predictions):
        per_sample_losses = tf.square(targets - predictions)
        return tf.reduce_mean(per_sample_losses)

    def training_step(x, y):
        with tf.GradientTape() as tape:
            predictions = model(x)
            loss = square_loss(y, predictions)
        grad_loss_wrt_W, grad_loss_wrt_b = tape.gradient(loss, [W, b])
        W.assign_sub(grad_loss_wrt_W * learning_rate)
        b.assign_sub(grad_loss_wrt_b * learning_rate)
        return loss

    losses = []
    for step in range(steps):
        loss = training_step(inputs, targets)
        losses.append(float(loss))
        if log:
            log(f"Loss at step {step}: {loss:.4f}")
    return W, b, losses


def main():
    start = time.perf_counter()
    inputs, targets = make_blobs()
    W, b, losses = train_linear_classifier(inputs, targets)
    predictions = tf.matmul(inputs, W) + b
    accuracy = float(np.mean((np.asarray(predictions) > 0.5) == (targets > 0.5)))
    print(f"\nLinear classifier from scratch: final loss {losses[-1]:.4f}, "
          f"accuracy {accuracy:.3f}  ({time.perf_counter() - start:.2f} s)")


if __name__ == "__main__":
    main()
