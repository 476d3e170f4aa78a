"""The small models of ``layers_reference.json``: regularizers, BatchNormalization,
Embedding and Lambda, trained by real Keras and by teachtensor from the same weights.

Each builder takes the ``keras`` module — real Keras in ``generate_layers.py``,
teachtensor's in ``tests/keras/test_layers_parity.py`` — so both run the same code.
Each case: (dataset, builder, loss, (optimizer, learning rate), metrics), trained
in batches of ``BATCH_SIZE`` for ``EPOCHS`` epochs.
"""
import numpy as np

N_TRAIN, N_VAL = 64, 20  # batches of 10: 64 = 6 * 10 + 4, a partial last batch


def make_datasets():
    """{name: (x, y)}, train then validation rows, float32 (int32 word indices)."""
    rng = np.random.default_rng(20240611)
    n = N_TRAIN + N_VAL
    x = rng.normal(size=(n, 4)).astype(np.float32)
    w = rng.normal(size=(4, 3)).astype(np.float32)
    scores = x @ w + 0.5 * rng.normal(size=(n, 3)).astype(np.float32)
    multi_hot = (rng.random((n, 30)) < 0.2).astype(np.float32)   # chapter 5's input kind
    words = rng.integers(0, 12, size=(n, 5)).astype(np.int32)     # repeated indices
    grid = rng.normal(loc=2.0, scale=3.0, size=(n, 3, 4)).astype(np.float32)
    return {
        "regression": (x, scores[:, :1]),
        "classes": (x, np.argmax(scores, axis=1).astype(np.int32)),
        "multi_hot": (multi_hot, (multi_hot[:, :15].sum(1, keepdims=True) >
                                  multi_hot[:, 15:].sum(1, keepdims=True)).astype(np.float32)),
        "words": (words, (words[:, :1] > 5).astype(np.float32) + 0.1 * words[:, 1:2]),
        "grid": (grid, grid[:, :, 0].sum(1, keepdims=True) * 0.1),
    }


def regularized(keras):
    """Every regularizer: L2 and L1 on a kernel and a bias, L1 on the activity, L1L2."""
    layers, regularizers = keras.layers, keras.regularizers
    return keras.Sequential([
        keras.Input(shape=(4,)),
        layers.Dense(8, activation="tanh", kernel_regularizer=regularizers.L2(0.01),
                     bias_regularizer=regularizers.L1(0.005),
                     activity_regularizer=regularizers.L1(0.01)),
        layers.Dense(1, kernel_regularizer=regularizers.L1L2(l1=0.001, l2=0.01))])


def chapter5_l2(keras):
    """Chapter 5's "adding L2 weight regularization" model, on 30 features."""
    layers, regularizers = keras.layers, keras.regularizers
    return keras.Sequential([
        keras.Input(shape=(30,)),
        layers.Dense(16, kernel_regularizer=regularizers.l2(0.002), activation="relu"),
        layers.Dense(16, kernel_regularizer=regularizers.l2(0.002), activation="relu"),
        layers.Dense(1, activation="sigmoid")])


def batchnorm(keras):
    """Dense -> BatchNormalization -> relu, and a second one without scale.

    The Dense layers before them have no bias, as usual (the normalization removes it):
    its gradient would be exactly 0 but for float32 noise, which Adam would magnify into
    steps that differ between the two libraries (and move the moving means)."""
    layers = keras.layers
    return keras.Sequential([
        keras.Input(shape=(4,)), layers.Dense(8, use_bias=False), layers.BatchNormalization(),
        layers.Activation("relu"), layers.Dense(6, use_bias=False),
        layers.BatchNormalization(scale=False, momentum=0.8, epsilon=0.01),
        layers.Activation("tanh"), layers.Dense(3, activation="softmax")])


def batchnorm_frozen(keras):
    """A frozen BatchNormalization: its moving statistics in fit too, none updated."""
    model = batchnorm(keras)
    model.layers[1].trainable = False
    return model


def batchnorm_axis1(keras):
    """Normalizing along axis 1 of (batch, 3, 4) inputs, without center."""
    layers = keras.layers
    return keras.Sequential([
        keras.Input(shape=(3, 4)),
        layers.BatchNormalization(axis=1, momentum=0.9, center=False,
                                  gamma_regularizer=keras.regularizers.L2(0.01)),
        layers.Flatten(), layers.Dense(1)])


def embedding(keras):
    """Word indices -> Embedding (regularized) -> Lambda -> Dense."""
    layers = keras.layers
    return keras.Sequential([
        keras.Input(shape=(5,), dtype="int32"),
        layers.Embedding(12, 3, embeddings_regularizer=keras.regularizers.L2(0.001)),
        layers.Lambda(lambda x: x * 0.5 + 1.0), layers.Flatten(),
        layers.Dense(1)])


CASES = {
    "regularized": ("regression", regularized, "mean_squared_error", ("SGD", 0.05),
                    ["mae"]),
    "chapter5_l2": ("multi_hot", chapter5_l2, "binary_crossentropy", ("RMSprop", 0.01),
                    ["accuracy"]),
    "batchnorm": ("classes", batchnorm, "sparse_categorical_crossentropy", ("Adam", 0.02),
                  ["accuracy"]),
    "batchnorm_frozen": ("classes", batchnorm_frozen, "sparse_categorical_crossentropy",
                         ("Adam", 0.02), ["accuracy"]),
    "batchnorm_axis1": ("grid", batchnorm_axis1, "mean_squared_error", ("SGD", 0.02),
                        ["mae"]),
    # (SGD: Adam would turn the float32 rounding of different summation orders, in the
    # scatter-add of rarely read rows, into visible steps)
    "embedding": ("words", embedding, "mean_squared_error", ("SGD", 0.05), []),
}
BATCH_SIZE, EPOCHS = 10, 3


def initial_weights(model, seed):
    """Start values: kernels and embeddings drawn here (so both libraries start alike),
    the rest (biases 0, gamma 1, beta 0, moving mean 0, variance 1) as initialized."""
    rng = np.random.default_rng(seed)
    weights = []
    for variable, value in zip(model.weights, model.get_weights()):
        name = variable.name.split("/")[-1].split(":")[0]
        if name in ("kernel", "embeddings"):
            value = rng.normal(scale=0.5, size=value.shape)
        elif name == "bias":
            value = rng.normal(scale=0.1, size=value.shape)
        weights.append(np.asarray(value, dtype=np.float32))
    return weights
