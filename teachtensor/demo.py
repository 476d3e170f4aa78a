"""``make demo``: chapter 3 end to end, with its figures.

1. The linear classifier written from scratch: two clouds of 2-D points, a weight
   matrix W and a bias b, a square loss, and 40 steps of gradient descent with a
   GradientTape — the book's listing, run with ``import teachtensor as tf``.
2. The same problem with Keras: ``Sequential([Dense(1)])``, ``compile`` and ``fit``
   with validation data, as the chapter does it.
3. The chapter's figures, written as PNG files into ``demo-output/``.

Run it with ``make demo`` or ``python -m teachtensor.demo [output folder]``.
"""
import os
import sys
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


def train_with_keras(inputs, targets, seed=0, verbose=2):
    """The same problem with Sequential + fit, holding out 30% for validation."""
    from teachtensor import keras
    tf.random.set_seed(seed)
    order = np.random.default_rng(seed).permutation(len(inputs))
    shuffled_inputs, shuffled_targets = inputs[order], targets[order]
    num_validation_samples = int(0.3 * len(inputs))
    val_inputs = shuffled_inputs[:num_validation_samples]
    val_targets = shuffled_targets[:num_validation_samples]
    training_inputs = shuffled_inputs[num_validation_samples:]
    training_targets = shuffled_targets[num_validation_samples:]
    model = keras.Sequential([keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.1),
                  loss=keras.losses.MeanSquaredError(),
                  metrics=[keras.metrics.BinaryAccuracy()])
    history = model.fit(training_inputs, training_targets, epochs=5, batch_size=16,
                        validation_data=(val_inputs, val_targets), verbose=verbose)
    return model, history, model.evaluate(val_inputs, val_targets, verbose=0)


def save_figures(folder, inputs, targets, W, b, losses, model, history):
    """The chapter's figures as PNG files; returns their paths."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from teachtensor import plot
    os.makedirs(folder, exist_ok=True)
    def titled(ax, title):
        ax.set_title(title)
        return ax

    def apple(ax):  # 4.9 t² metres after t seconds, and its derivatives by nested tapes
        plot.plot_derivatives(
            lambda t: 4.9 * t ** 2, x_range=(0, 2), order=2, ax=ax,
            labels=["position (m)", "speed (m/s)", "acceleration (m/s²)"],
            xlabel="time t (s)",
            title="A falling apple: position 4.9 t², speed 9.8 t, acceleration 9.8")
        ax.set_ylabel("value at time t")

    figures = {
        "1_data.png": lambda ax: titled(plot.scatter_classes(inputs, targets, ax=ax),
                                        "The two classes of points"),
        "2_loss_curve.png": lambda ax: plot.plot_loss_curve(losses, ax=ax),
        "3_predictions.png": lambda ax: plot.show_predictions(
            inputs, tf.matmul(inputs, W) + b, ax=ax),
        "4_decision_line.png": lambda ax: titled(
            plot.decision_boundary((W, b), inputs, targets, ax=ax),
            "The line the model learned from scratch"),
        "5_keras_decision_boundary.png": lambda ax: titled(
            plot.decision_boundary(model, inputs, targets, ax=ax),
            "What the Keras model predicts, everywhere"),
        "6_falling_apple.png": apple,
    }
    paths = []
    for name, draw in figures.items():
        fig, ax = plt.subplots(figsize=(6, 4.5))
        draw(ax)
        path = os.path.join(folder, name)
        fig.savefig(path, dpi=100, bbox_inches="tight")
        plt.close(fig)
        paths.append(path)
    fig = plot.plot_history(history)
    fig = fig if hasattr(fig, "savefig") else fig.figure
    path = os.path.join(folder, "7_keras_history.png")
    fig.savefig(path, dpi=100, bbox_inches="tight")
    plt.close(fig)
    paths.append(path)
    return paths


def main(folder="demo-output"):
    start = time.perf_counter()
    inputs, targets = make_blobs()

    print("== 1. A linear classifier from scratch (GradientTape, 40 steps)")
    W, b, losses = train_linear_classifier(inputs, targets)
    predictions = tf.matmul(inputs, W) + b
    accuracy = float(np.mean((np.asarray(predictions) > 0.5) == (targets > 0.5)))

    print("\n== 2. The same problem with keras.Sequential, compile and fit")
    model, history, (val_loss, val_accuracy) = train_with_keras(inputs, targets)

    print("\n== 3. The chapter's figures")
    paths = save_figures(folder, inputs, targets, W, b, losses, model, history)
    for path in paths:
        print(f"  {path}")

    print("\n== Summary")
    print(f"  from scratch:  final loss {losses[-1]:.4f}, accuracy {accuracy:.3f}")
    print(f"  keras fit:     final loss {history.history['loss'][-1]:.4f}, "
          f"validation loss {val_loss:.4f}, validation accuracy {val_accuracy:.3f}")
    print(f"  figures in {os.path.abspath(folder)}/  ({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main(*sys.argv[1:2])
