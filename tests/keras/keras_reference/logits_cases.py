"""The models and data of the "logits behind a softmax / sigmoid" checks, written once
for real Keras (``generate_logits.py``) and teachtensor (``tests/keras/test_logits_parity.py``).

Every builder takes the ``keras`` module (and, where a bare softmax op is used, the
``tf`` module) and returns the same model with the same weights.  The data and weights
come from ``numpy.random.default_rng(seed).random()`` only (uniform doubles, a stream
NumPy keeps stable across versions), so nothing large is stored: the reference file
keeps a checksum of them instead, and the test checks it.

* ``mnist_like`` / ``lr_too_high``: the book's "learning rate too high" example
  (chapter 5, 2nd ed.: Dense(512, relu) -> Dense(10, softmax), RMSprop(1.)) on 512
  MNIST-shaped samples.
* ``confident``: tiny models whose fixed weights make some answers confidently wrong
  (the right class scores 100 below another: the loss from logits is 100, the clipped
  loss 16.118).
"""
import numpy as np

SAMPLES, PIXELS, HIDDEN, CLASSES = 512, 784, 512, 10
BATCH_SIZE = 128


def mnist_like(seed=5):
    """512 "digits" of 784 pixels in [0, 1] and their labels 0..9 (int64).

    Ten random templates of ~150 lit pixels; each sample keeps 60% of its template's
    pixels at a random brightness in [0.5, 1], gets 10% stray pixels, and 20% of the
    labels are replaced by random ones (so that it is not too easy).
    """
    rng = np.random.default_rng(seed)
    templates = rng.random((CLASSES, PIXELS)) < 0.2
    labels = np.floor(rng.random(SAMPLES) * CLASSES).astype(np.int64)
    lit = (templates[labels] & (rng.random((SAMPLES, PIXELS)) < 0.6)) | \
        (rng.random((SAMPLES, PIXELS)) < 0.1)
    x = lit * (0.5 + 0.5 * rng.random((SAMPLES, PIXELS)))
    random_labels = np.floor(rng.random(SAMPLES) * CLASSES).astype(np.int64)
    labels = np.where(rng.random(SAMPLES) < 0.2, random_labels, labels)
    return x.astype(np.float32), labels


def glorot_weights(sizes, seed=6):
    """[kernel, bias, ...] for Dense layers of ``sizes`` (inputs first): Glorot-uniform
    kernels, zero biases, float32 (what Keras would draw, from a stable stream)."""
    rng = np.random.default_rng(seed)
    weights = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        weights.append(((2.0 * rng.random((fan_in, fan_out)) - 1.0) * limit).astype(np.float32))
        weights.append(np.zeros(fan_out, np.float32))
    return weights


def lr_too_high(keras, output="softmax"):
    """The chapter's model, compiled with ``RMSprop(1.)``: ``output="softmax"`` is the
    book's (10 classes, sparse_categorical_crossentropy); ``"sigmoid"`` the same with
    one unit (is the digit < 5?) and binary_crossentropy."""
    layers = keras.layers
    units = CLASSES if output == "softmax" else 1
    model = keras.Sequential([keras.Input(shape=(PIXELS,)),
                              layers.Dense(HIDDEN, activation="relu"),
                              layers.Dense(units, activation=output)])
    model.set_weights(glorot_weights([PIXELS, HIDDEN, units]))
    loss = "sparse_categorical_crossentropy" if output == "softmax" else "binary_crossentropy"
    model.compile(optimizer=keras.optimizers.RMSprop(1.0), loss=loss, metrics=["accuracy"])
    return model


def lr_too_high_targets(labels, output="softmax"):
    return labels if output == "softmax" else (labels < 5).astype(np.float32)[:, None]


def checksum(arrays):
    """Sum of |values| of each array (float64): shows both sides used the same numbers."""
    return [float(np.abs(np.asarray(a, dtype=np.float64)).sum()) for a in arrays]


# ---- tiny confident models -------------------------------------------------------------

# Six inputs of 4 features; with the kernels below their logits are far apart.
CONFIDENT_X = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1],
                        [1, 0, 0, 1], [0.5, 0.5, 0, 0]], dtype=np.float32)
LABELS = np.array([0, 2, 1, 0, 1, 0])                       # for the 3-class models
ONE_HOT = np.eye(3, dtype=np.float32)[LABELS]
BINARY = np.array([[0], [1], [1], [0], [1], [0]], dtype=np.float32)
# logits of the 3-class model per row: [0 100 0] (label 0: loss 100), [30 0 -30]
# (label 2: 60), [0 0 0] (log 3), [-5 5 40] (label 0: 45), [-5 105 40], [15 50 -15]
SOFTMAX_KERNEL = np.array([[0, 100, 0], [30, 0, -30], [0, 0, 0], [-5, 5, 40]], np.float32)
# logits of the 1-unit model: 100, -30, 0, 20, 120, 35 (the labels make 100, 30, log 2,
# 20, ~0 and 35)
SIGMOID_KERNEL = np.array([[100], [-30], [0], [20]], np.float32)


def confident(keras, head="dense_softmax", tf=None):
    """A Dense(3) softmax model (or Dense(1) sigmoid, ``head="sigmoid"``) on 4 inputs with
    the fixed kernels above and zero biases.  ``head`` says how the softmax is made:
    ``"dense_softmax"`` (``Dense(3, activation="softmax")``), ``"activation_layer"``
    (``Dense(3)`` then ``Activation("softmax")``), ``"tf_nn_softmax"``
    (``Dense(3, activation=tf.nn.softmax)``, which needs ``tf``)."""
    layers = keras.layers
    inputs = keras.Input(shape=(4,))
    if head == "sigmoid":
        outputs = layers.Dense(1, activation="sigmoid")(inputs)
        kernel = SIGMOID_KERNEL
    elif head == "dense_softmax":
        outputs = layers.Dense(3, activation="softmax")(inputs)
        kernel = SOFTMAX_KERNEL
    elif head == "activation_layer":
        outputs = layers.Activation("softmax")(layers.Dense(3)(inputs))
        kernel = SOFTMAX_KERNEL
    elif head == "tf_nn_softmax":
        outputs = layers.Dense(3, activation=tf.nn.softmax)(inputs)
        kernel = SOFTMAX_KERNEL
    else:
        raise ValueError(head)
    model = keras.Model(inputs, outputs)
    model.set_weights([kernel, np.zeros(kernel.shape[1], np.float32)])
    return model


def two_heads(keras):
    """One functional model with both heads: ``[sigmoid (1), softmax (3)]``."""
    layers = keras.layers
    inputs = keras.Input(shape=(4,))
    yes_no = layers.Dense(1, activation="sigmoid", name="yes_no")(inputs)
    kind = layers.Dense(3, activation="softmax", name="kind")(inputs)
    model = keras.Model(inputs, [yes_no, kind])
    model.set_weights([SIGMOID_KERNEL, np.zeros(1, np.float32),
                       SOFTMAX_KERNEL, np.zeros(3, np.float32)])
    return model


def direct_calls(keras):
    """Losses called on a model's output (as in a custom training loop): name ->
    ``f(p, s)`` of the softmax model's output p and the sigmoid model's output s."""
    losses = keras.losses
    return {
        "sparse_function": lambda p, s: losses.sparse_categorical_crossentropy(LABELS, p),
        "sparse_object": lambda p, s: losses.SparseCategoricalCrossentropy()(LABELS, p),
        "categorical_function": lambda p, s: losses.categorical_crossentropy(ONE_HOT, p),
        "categorical_object": lambda p, s: losses.CategoricalCrossentropy()(ONE_HOT, p),
        "categorical_smoothing": lambda p, s: losses.CategoricalCrossentropy(
            label_smoothing=0.1)(ONE_HOT, p),
        "binary_function": lambda p, s: losses.binary_crossentropy(BINARY, s),
        "binary_object": lambda p, s: losses.BinaryCrossentropy()(BINARY, s),
        # labels (N,) are expanded to (N, 1); the prediction keeps its logits
        "binary_labels_of_rank_1": lambda p, s: losses.BinaryCrossentropy()(BINARY[:, 0], s),
        "binary_smoothing": lambda p, s: losses.BinaryCrossentropy(
            label_smoothing=0.2)(BINARY, s),
        # from_logits=True on probabilities: Keras warns and uses the logits behind them
        "sparse_from_logits_true": lambda p, s: losses.SparseCategoricalCrossentropy(
            from_logits=True)(LABELS, p),
        # a new tensor made from the output forgets the logits: clipped probabilities
        "sparse_after_arithmetic": lambda p, s: losses.sparse_categorical_crossentropy(
            LABELS, p * 1.0),
        # the prediction (N,) is expanded to fit labels (N, 1): a new tensor, clipped
        "binary_prediction_reshaped": lambda p, s: losses.BinaryCrossentropy()(
            BINARY, s[:, 0]),
        # Keras does not ask which activation made the logits
        "binary_of_softmax_output": lambda p, s: losses.binary_crossentropy(ONE_HOT, p),
    }


# (model head, loss, labels, metrics) of the evaluate checks; a metric that is a
# cross-entropy is computed from the logits too
EVALUATIONS = {
    "dense_softmax_sparse": ("dense_softmax", "sparse_categorical_crossentropy", "labels",
                             ["sparse_categorical_crossentropy", "accuracy"]),
    "dense_softmax_categorical": ("dense_softmax", "categorical_crossentropy", "one_hot",
                                  ["categorical_crossentropy"]),
    "activation_layer_sparse": ("activation_layer", "sparse_categorical_crossentropy",
                                "labels", ["sparse_categorical_crossentropy"]),
    "tf_nn_softmax_sparse": ("tf_nn_softmax", "sparse_categorical_crossentropy", "labels",
                             ["sparse_categorical_crossentropy"]),
    "sigmoid_binary": ("sigmoid", "binary_crossentropy", "binary",
                       ["binary_crossentropy", "accuracy"]),
}
TARGETS = {"labels": LABELS, "one_hot": ONE_HOT, "binary": BINARY}
