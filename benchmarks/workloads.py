"""The workloads ``make bench`` times, each written for every framework that has it.

Every function ``<workload>_<framework>(**options)`` prepares the work (data, model,
warm-up: Numba compiling, BLAS threads starting) and returns ``run``, a function doing
the timed work once.  The peers are written the way their experts write them:

* **PyTorch**: one tensor of data indexed by ``torch.randperm`` batches, the loss on
  the logits (``cross_entropy``), ``backward``, ``step``; running sums kept as tensors,
  read once per epoch (no ``.item()`` per batch, which would wait for each step).
* **Keras 3 / TensorFlow**: ``model.fit`` with its defaults (a traced ``tf.function``).
* **NumPy**: the forward and backward passes written by hand, as a student would after
  chapter 2 — the floor of "no framework at all".

Sizes are the book's MNIST model: Dense(512, relu) -> Dense(10, softmax), 784 float32
features, batch 128, RMSprop(1e-3, rho 0.9, epsilon 1e-7), sparse categorical
cross-entropy and accuracy.
"""
import os

import numpy as np

FEATURES, HIDDEN, CLASSES = 784, 512, 10


def mnist_like(samples, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.random((samples, FEATURES), dtype=np.float32)
    y = rng.integers(0, CLASSES, size=samples).astype(np.int64)
    return x, y


# ---- one epoch of the MLP ---------------------------------------------------------------

def mlp_epoch_teachtensor(samples, batch_size=128):
    import teachtensor as tf
    from teachtensor import keras
    from teachtensor.keras import layers
    tf.random.set_seed(0)
    x, y = mnist_like(samples)
    model = keras.Sequential([layers.Dense(HIDDEN, activation="relu"),
                              layers.Dense(CLASSES, activation="softmax")])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x, y, epochs=1, batch_size=batch_size, verbose=0)  # the warm-up epoch
    return lambda: model.fit(x, y, epochs=1, batch_size=batch_size, verbose=0)


def mlp_epoch_pytorch(samples, batch_size=128):
    import torch
    torch.manual_seed(0)
    x, y = (torch.from_numpy(a) for a in mnist_like(samples))
    model = torch.nn.Sequential(torch.nn.Linear(FEATURES, HIDDEN), torch.nn.ReLU(),
                                torch.nn.Linear(HIDDEN, CLASSES))
    optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)

    def epoch():
        order = torch.randperm(len(x))
        total_loss, correct = torch.zeros(()), torch.zeros((), dtype=torch.int64)
        for start in range(0, len(x), batch_size):
            rows = order[start:start + batch_size]
            xb, yb = x[rows], y[rows]
            logits = model(xb)
            loss = torch.nn.functional.cross_entropy(logits, yb)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            with torch.no_grad():
                total_loss += loss * len(rows)
                correct += (logits.argmax(1) == yb).sum()
        return float(total_loss) / len(x), int(correct) / len(x)

    epoch()  # the warm-up epoch
    return epoch


def mlp_epoch_keras(samples, batch_size=128):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras
    keras.utils.set_random_seed(0)
    x, y = mnist_like(samples)
    model = keras.Sequential([keras.Input((FEATURES,)),
                              keras.layers.Dense(HIDDEN, activation="relu"),
                              keras.layers.Dense(CLASSES, activation="softmax")])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x, y, epochs=1, batch_size=batch_size, verbose=0)
    return lambda: model.fit(x, y, epochs=1, batch_size=batch_size, verbose=0)


def mlp_epoch_numpy(samples, batch_size=128):
    """Forward, backward and RMSprop by hand (softmax cross-entropy from the logits)."""
    rng = np.random.default_rng(0)
    x, y = mnist_like(samples)
    limit1, limit2 = np.sqrt(6 / (FEATURES + HIDDEN)), np.sqrt(6 / (HIDDEN + CLASSES))
    params = [rng.uniform(-limit1, limit1, (FEATURES, HIDDEN)).astype(np.float32),
              np.zeros(HIDDEN, np.float32),
              rng.uniform(-limit2, limit2, (HIDDEN, CLASSES)).astype(np.float32),
              np.zeros(CLASSES, np.float32)]
    velocities = [np.zeros_like(p) for p in params]

    def epoch():
        order = rng.permutation(len(x))
        total_loss, correct = 0.0, 0
        for start in range(0, len(x), batch_size):
            rows = order[start:start + batch_size]
            xb, yb = x[rows], y[rows]
            w1, b1, w2, b2 = params
            hidden = np.maximum(xb @ w1 + b1, 0)
            logits = hidden @ w2 + b2
            logits -= logits.max(axis=1, keepdims=True)
            probabilities = np.exp(logits)
            probabilities /= probabilities.sum(axis=1, keepdims=True)
            n = len(rows)
            total_loss -= np.log(probabilities[np.arange(n), yb] + 1e-12).sum()
            correct += int((probabilities.argmax(1) == yb).sum())
            d_logits = probabilities
            d_logits[np.arange(n), yb] -= 1
            d_logits /= n
            d_hidden = (d_logits @ w2.T) * (hidden > 0)
            grads = [xb.T @ d_hidden, d_hidden.sum(0), hidden.T @ d_logits, d_logits.sum(0)]
            for p, g, v in zip(params, grads, velocities):
                v *= 0.9
                v += 0.1 * g * g
                p -= 1e-3 * g / (np.sqrt(v) + 1e-7)
        return total_loss / len(x), correct / len(x)

    epoch()
    return epoch


# ---- a tiny tape step: per-operation overhead ---------------------------------------------

TINY_STEPS = 500  # one run is this many steps


def tiny_step_teachtensor():
    import teachtensor as tf
    x = tf.Variable(tf.ones((2, 2)))

    def run():
        for _ in range(TINY_STEPS):
            with tf.GradientTape() as tape:
                y = tf.reduce_mean(tf.square(x * 2 + 1))
            tape.gradient(y, x)
    run()
    return run


def tiny_step_pytorch():
    import torch
    x = torch.ones((2, 2), requires_grad=True)

    def run():
        for _ in range(TINY_STEPS):
            y = torch.mean(torch.square(x * 2 + 1))
            torch.autograd.grad(y, x)
    run()
    return run


def tiny_step_keras():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as real_tf
    x = real_tf.Variable(real_tf.ones((2, 2)))

    def run():
        for _ in range(TINY_STEPS):
            with real_tf.GradientTape() as tape:
                y = real_tf.reduce_mean(real_tf.square(x * 2 + 1))
            tape.gradient(y, x)
    run()
    return run


# ---- the chapter's linear classifier: 40 full-batch steps on 2,000 points -----------------

def _blobs(per_class=1000, seed=0):
    """The chapter's two correlated Gaussian clouds (as ``teachtensor.demo.make_blobs``,
    repeated here so that a peer's Python needs only NumPy)."""
    rng = np.random.default_rng(seed)
    cov = [[1, 0.5], [0.5, 1]]
    negative = rng.multivariate_normal(mean=[0, 3], cov=cov, size=per_class)
    positive = rng.multivariate_normal(mean=[3, 0], cov=cov, size=per_class)
    inputs = np.vstack((negative, positive)).astype(np.float32)
    targets = np.vstack((np.zeros((per_class, 1), np.float32), np.ones((per_class, 1), np.float32)))
    return inputs, targets


def linear_classifier_teachtensor():
    from teachtensor.demo import train_linear_classifier
    inputs, targets = _blobs()
    train_linear_classifier(inputs, targets, log=None)
    return lambda: train_linear_classifier(inputs, targets, log=None)


def linear_classifier_pytorch():
    import torch
    inputs, targets = (torch.from_numpy(a) for a in _blobs())

    def run():
        W = torch.rand((2, 1), requires_grad=True)
        b = torch.zeros((1,), requires_grad=True)
        for _ in range(40):
            loss = torch.mean(torch.square(targets - (inputs @ W + b)))
            gW, gb = torch.autograd.grad(loss, [W, b])
            with torch.no_grad():
                W -= 0.1 * gW
                b -= 0.1 * gb
        return float(loss)
    run()
    return run


def linear_classifier_keras():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as real_tf
    inputs, targets = (real_tf.constant(a) for a in _blobs())

    def run():
        W = real_tf.Variable(real_tf.random.uniform((2, 1)))
        b = real_tf.Variable(real_tf.zeros((1,)))
        for _ in range(40):
            with real_tf.GradientTape() as tape:
                loss = real_tf.reduce_mean(real_tf.square(targets - (inputs @ W + b)))
            gW, gb = tape.gradient(loss, [W, b])
            W.assign_sub(0.1 * gW)
            b.assign_sub(0.1 * gb)
        return float(loss)
    run()
    return run


def linear_classifier_numpy():
    inputs, targets = _blobs()
    rng = np.random.default_rng(0)

    def run():
        W = rng.random((2, 1)).astype(np.float32)
        b = np.zeros(1, np.float32)
        n = len(inputs)
        for _ in range(40):
            residual = inputs @ W + b - targets            # d loss / d prediction * n / 2
            W -= 0.1 * (2 / n) * inputs.T @ residual
            b -= 0.1 * (2 / n) * residual.sum(0)
        return float(np.mean(residual ** 2))
    run()
    return run


# ---- second order: a Hessian-vector product through the MLP --------------------------------

def hvp_teachtensor():
    import teachtensor as tf
    from teachtensor import keras
    from teachtensor.keras import layers
    tf.random.set_seed(0)
    x, y = mnist_like(128)
    model = keras.Sequential([layers.Dense(HIDDEN, activation="relu"),
                              layers.Dense(CLASSES)])
    model.build((None, FEATURES))
    weights = model.trainable_weights
    vectors = [tf.ones(w.shape) for w in weights]
    xs, ys = tf.constant(x), tf.constant(y)

    def run():
        with tf.GradientTape() as outer:
            with tf.GradientTape() as inner:
                loss = tf.reduce_mean(keras.losses.sparse_categorical_crossentropy(
                    ys, model(xs), from_logits=True))
            grads = inner.gradient(loss, weights)
            dot = tf.add_n([tf.reduce_sum(g * v) for g, v in zip(grads, vectors)])
        return outer.gradient(dot, weights)
    run()
    return run


def hvp_pytorch():
    import torch
    torch.manual_seed(0)
    x, y = (torch.from_numpy(a) for a in mnist_like(128))
    model = torch.nn.Sequential(torch.nn.Linear(FEATURES, HIDDEN), torch.nn.ReLU(),
                                torch.nn.Linear(HIDDEN, CLASSES))
    params = list(model.parameters())
    vectors = [torch.ones_like(p) for p in params]

    def run():
        loss = torch.nn.functional.cross_entropy(model(x), y)
        grads = torch.autograd.grad(loss, params, create_graph=True)  # double backward
        dot = sum((g * v).sum() for g, v in zip(grads, vectors))
        return torch.autograd.grad(dot, params)
    run()
    return run


def hvp_keras():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as real_tf
    real_tf.random.set_seed(0)
    x, y = (real_tf.constant(a) for a in mnist_like(128))
    model = real_tf.keras.Sequential([real_tf.keras.Input((FEATURES,)),
                                      real_tf.keras.layers.Dense(HIDDEN, activation="relu"),
                                      real_tf.keras.layers.Dense(CLASSES)])
    weights = model.trainable_weights
    vectors = [real_tf.ones(w.shape) for w in weights]

    def run():
        with real_tf.GradientTape() as outer:
            with real_tf.GradientTape() as inner:
                loss = real_tf.reduce_mean(real_tf.keras.losses.sparse_categorical_crossentropy(
                    y, model(x), from_logits=True))
            grads = inner.gradient(loss, weights)
            dot = real_tf.add_n([real_tf.reduce_sum(g * v) for g, v in zip(grads, vectors)])
        return outer.gradient(dot, weights)
    run()
    return run
