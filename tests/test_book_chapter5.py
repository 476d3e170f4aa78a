"""Chapter 5's listings (Deep Learning with Python, 2nd ed., "Fundamentals of machine
learning"), with the imports swapped to teachtensor.

The data goes through ``keras.datasets``'s ``load_data``, from files in the real formats
written into a temporary ``KERAS_HOME`` (their known hashes replaced by the fake files',
as in ``tests/keras/test_datasets.py``).  The images are 28 x 28 uint8 digits whose class
lights up a band of rows over a noisy background; the reviews are lists of word indices
with a few words that tell their label.  There are 1,000 images and reviews instead of
60,000 and 25,000, and a few epochs instead of 10 to 100, so the file runs in seconds;
the layer sizes are the book's.  Each test follows one of the book's listings (named by
its caption) and checks what the chapter shows: shapes, history keys, that training
lowers the loss, and the comparisons the chapter draws (zeros channels beat noise
channels, a too-high learning rate ends worse than a sensible one, a bigger model fits
its training data faster).  The same assertions pass with real Keras 3.15 on the same
files (imports swapped back); the figures quoted in comments are Keras's.
"""
import hashlib
import os
import sys

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from teachtensor import keras  # noqa: E402  (the book: from tensorflow import keras)
from teachtensor.keras import layers, regularizers  # noqa: E402
from teachtensor.keras.datasets import imdb, mnist  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "keras"))
import fake_datasets  # noqa: E402  (tests/keras/fake_datasets.py)

NUM_IMAGES = 1000  # the book: 60000 (its reshape((60000, 28 * 28)) uses this number)
VOCABULARY = 12000  # word ranks in the fake imdb.npz; num_words=10000 cuts the rarest


def digits(rng, num_images):
    """MNIST-like images and labels: digit d lights up rows 2d+4 to 2d+6."""
    labels = rng.integers(0, 10, num_images).astype("uint8")
    images = rng.integers(0, 120, (num_images, 28, 28)).astype("uint8")
    for digit in range(10):
        band = images[labels == digit, 2 * digit + 4: 2 * digit + 7, 6:22]
        images[labels == digit, 2 * digit + 4: 2 * digit + 7, 6:22] = rng.integers(
            150, 256, band.shape)
    return images, labels


def reviews(rng, labels):
    """A review per label: ten words of its label, common words and rare words (ranks),
    of different lengths as real reviews are."""
    texts = []
    for label in labels:
        words = np.concatenate([100 + 50 * label + rng.integers(0, 50, 10),
                                rng.integers(1, 100, rng.integers(10, 30)),
                                rng.integers(200, VOCABULARY, 20)])
        rng.shuffle(words)
        texts.append([int(w) for w in words])
    return texts


@pytest.fixture
def keras_home(tmp_path, monkeypatch):
    """A KERAS_HOME holding fake mnist.npz and imdb.npz files; a fixed seed."""
    keras.utils.clear_session()
    keras.utils.set_random_seed(0)
    folder = tmp_path / "keras_home" / "datasets"
    folder.mkdir(parents=True)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    rng = np.random.default_rng(5)

    (x_train, y_train), (x_test, y_test) = digits(rng, NUM_IMAGES), digits(rng, 200)
    np.savez(folder / "mnist.npz", x_train=x_train, y_train=y_train, x_test=x_test,
             y_test=y_test)
    labels, test_labels = rng.integers(0, 2, 1000), rng.integers(0, 2, 100)
    np.savez(folder / "imdb.npz", x_train=fake_datasets.ragged(reviews(rng, labels)),
             y_train=labels, x_test=fake_datasets.ragged(reviews(rng, test_labels)),
             y_test=test_labels)
    for module, name in [(mnist, "mnist.npz"), (imdb, "imdb.npz")]:
        digest = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        monkeypatch.setattr(module, "FILE_HASH", digest)
    yield
    plt.close("all")


def load_mnist_images():
    """The lines that open most of the chapter's MNIST listings."""
    (train_images, train_labels), _ = mnist.load_data()
    train_images = train_images.reshape((NUM_IMAGES, 28 * 28))
    train_images = train_images.astype("float32") / 255
    return train_images, train_labels


def get_model():
    model = keras.Sequential([
        layers.Dense(512, activation="relu"),
        layers.Dense(10, activation="softmax")
    ])
    model.compile(optimizer="rmsprop",
                  loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


HISTORY_KEYS = {"loss", "accuracy", "val_loss", "val_accuracy"}


# ---- Generalization: noise channels, shuffled labels -----------------------------------

def test_noise_channels_or_zeros_channels(keras_home):
    """"Adding white-noise channels or all-zeros channels to MNIST", "Training the same
    model on MNIST data with noise channels or all-zero channels", "Plotting a
    validation accuracy comparison"."""
    (train_images, train_labels), _ = mnist.load_data()
    assert train_images.shape == (NUM_IMAGES, 28, 28) and train_images.dtype == np.uint8
    train_images = train_images.reshape((NUM_IMAGES, 28 * 28))
    train_images = train_images.astype("float32") / 255

    train_images_with_noise_channels = np.concatenate(
        [train_images, np.random.random((len(train_images), 784))], axis=1)
    train_images_with_zeros_channels = np.concatenate(
        [train_images, np.zeros((len(train_images), 784))], axis=1)
    assert train_images_with_noise_channels.shape == (NUM_IMAGES, 1568)

    model = get_model()
    history_noise = model.fit(
        train_images_with_noise_channels, train_labels,
        epochs=3,  # the book: 10
        batch_size=128,
        validation_split=0.2, verbose=0)
    model = get_model()
    history_zeros = model.fit(
        train_images_with_zeros_channels, train_labels,
        epochs=3,
        batch_size=128,
        validation_split=0.2, verbose=0)
    assert model.layers[0].kernel.shape == (1568, 512)
    for history in (history_noise, history_zeros):
        assert set(history.history) == HISTORY_KEYS
        assert history.history["loss"][-1] < history.history["loss"][0]

    val_acc_noise = history_noise.history["val_accuracy"]
    val_acc_zeros = history_zeros.history["val_accuracy"]
    epochs = range(1, 4)  # the book: range(1, 11)
    plt.plot(epochs, val_acc_noise, "b-",
             label="Validation accuracy with noise channels")
    plt.plot(epochs, val_acc_zeros, "b--",
             label="Validation accuracy with zeros channels")
    plt.title("Effect of noise channels on validation accuracy")
    plt.xlabel("Epochs")
    plt.ylabel("Accuracy")
    plt.legend()
    # The chapter's point: the noise channels hurt (Keras: 0.78 against 1.0 here).
    assert val_acc_zeros[-1] > val_acc_noise[-1] and val_acc_zeros[-1] > 0.9


def test_a_model_fits_randomly_shuffled_labels_without_generalizing(keras_home):
    """"Fitting an MNIST model with randomly shuffled labels"."""
    train_images, train_labels = load_mnist_images()
    random_train_labels = train_labels[:]
    np.random.shuffle(random_train_labels)
    # (A NumPy slice is a view: train_labels is shuffled too.  The book reloads the
    # data before the next listing, so it does no harm there.)
    assert np.shares_memory(random_train_labels, train_labels)

    model = keras.Sequential([
        layers.Dense(512, activation="relu"),
        layers.Dense(10, activation="softmax")
    ])
    model.compile(optimizer="rmsprop",
                  loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(train_images, random_train_labels,
                        epochs=5,  # the book: 100, to memorize all of them
                        batch_size=128,
                        validation_split=0.2, verbose=0)
    # Memorizing starts (the training loss falls), but nothing carries over to the
    # validation images: their accuracy stays around chance, 1 in 10.
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert history.history["accuracy"][-1] > history.history["accuracy"][0]
    assert max(history.history["val_accuracy"]) < 0.3


# ---- Evaluating models: hold-out and K-fold validation ---------------------------------
# The book's two sketches leave the labels out and the fit/evaluate arguments as "...";
# here they are functions of a model builder, with the labels kept next to the data.

def hold_out_validation(get_model, data, labels, test_data, test_labels,
                        num_validation_samples=200):  # the book: 10000
    order = np.random.permutation(len(data))  # the book: np.random.shuffle(data)
    data, labels = data[order], labels[order]
    validation_data = data[:num_validation_samples]
    validation_labels = labels[:num_validation_samples]
    training_data = data[num_validation_samples:]
    training_labels = labels[num_validation_samples:]
    model = get_model()
    model.fit(training_data, training_labels, epochs=2, batch_size=128, verbose=0)
    validation_score = model.evaluate(validation_data, validation_labels, verbose=0)
    # (here one would tune the model, train it again, evaluate it again, ...)
    model = get_model()
    model.fit(np.concatenate([training_data, validation_data]),
              np.concatenate([training_labels, validation_labels]),
              epochs=2, batch_size=128, verbose=0)
    test_score = model.evaluate(test_data, test_labels, verbose=0)
    return validation_score, test_score


def k_fold_validation(get_model, data, labels, test_data, test_labels, k=3):
    num_validation_samples = len(data) // k
    order = np.random.permutation(len(data))
    data, labels = data[order], labels[order]
    validation_scores = []
    for fold in range(k):
        start, stop = num_validation_samples * fold, num_validation_samples * (fold + 1)
        validation_data, validation_labels = data[start:stop], labels[start:stop]
        # (the book writes np.concatenate(a, b), which takes b for the axis: a list is meant)
        training_data = np.concatenate([data[:start], data[stop:]])
        training_labels = np.concatenate([labels[:start], labels[stop:]])
        model = get_model()
        model.fit(training_data, training_labels, epochs=2, batch_size=128, verbose=0)
        validation_score = model.evaluate(validation_data, validation_labels, verbose=0)
        validation_scores.append(validation_score)
    validation_score = np.average(validation_scores, axis=0)  # mean [loss, accuracy]
    model = get_model()
    model.fit(data, labels, epochs=2, batch_size=128, verbose=0)
    test_score = model.evaluate(test_data, test_labels, verbose=0)
    return validation_score, test_score


def test_hold_out_and_k_fold_validation(keras_home):
    (images, labels), (test_images, test_labels) = mnist.load_data()
    data = images.reshape((NUM_IMAGES, 28 * 28)).astype("float32") / 255
    test_data = test_images.reshape((200, 28 * 28)).astype("float32") / 255

    validation_score, test_score = hold_out_validation(get_model, data, labels,
                                                       test_data, test_labels)
    for score in (validation_score, test_score):  # evaluate gives [loss, accuracy]
        assert isinstance(score, list) and len(score) == 2
        assert all(isinstance(number, float) for number in score)
        assert 0 <= score[1] <= 1
    assert test_score[1] > 0.5  # the digits can be learned

    validation_score, test_score = k_fold_validation(get_model, data, labels,
                                                     test_data, test_labels)
    assert validation_score.shape == (2,) and 0 <= validation_score[1] <= 1
    assert test_score[1] > 0.5


# ---- Improving model fit ---------------------------------------------------------------

def test_a_too_high_learning_rate_then_a_sensible_one(keras_home):
    """"Training an MNIST model with an incorrectly high learning rate" and "The same
    model with a more appropriate learning rate".

    With RMSprop(1.) the first steps throw the weights far away (a loss in the
    thousands); Keras 3 computes the cross-entropy from the logits behind the softmax,
    so the model recovers and keeps learning, but it ends well below the model trained
    with RMSprop(1e-2).  (Keras 3 on these digits: accuracy 0.79 against 1.0.)
    """
    train_images, train_labels = load_mnist_images()
    histories = {}
    for learning_rate in (1., 1e-2):
        model = keras.Sequential([
            layers.Dense(512, activation="relu"),
            layers.Dense(10, activation="softmax")
        ])
        model.compile(optimizer=keras.optimizers.RMSprop(learning_rate),
                      loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])
        histories[learning_rate] = model.fit(train_images, train_labels,
                                             epochs=5,  # the book: 10
                                             batch_size=128,
                                             validation_split=0.2, verbose=0).history
    too_high, sensible = histories[1.], histories[1e-2]
    assert all(np.isfinite(too_high["loss"]))
    assert too_high["loss"][0] > 1000 and too_high["loss"][-1] < 10
    assert too_high["accuracy"][-1] > 0.3  # better than chance: not frozen
    assert sensible["val_accuracy"][-1] > 0.95
    assert sensible["val_accuracy"][-1] > too_high["val_accuracy"][-1]


def test_logistic_regression_then_a_model_with_more_capacity(keras_home):
    """"A simple logistic regression on MNIST", its validation-loss plot, and the model
    with two Dense(96) layers that follows it."""
    train_images, train_labels = load_mnist_images()
    model = keras.Sequential([layers.Dense(10, activation="softmax")])
    model.compile(optimizer="rmsprop",
                  loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    history_small_model = model.fit(
        train_images, train_labels,
        epochs=4,  # the book: 20
        batch_size=128,
        validation_split=0.2, verbose=0)
    assert len(model.weights) == 2 and model.weights[0].shape == (784, 10)

    val_loss = history_small_model.history["val_loss"]
    epochs = range(1, 5)  # the book: range(1, 21)
    plt.plot(epochs, val_loss, "b--",
             label="Validation loss")
    plt.title("Effect of insufficient model capacity on validation loss")
    plt.xlabel("Epochs")
    plt.ylabel("Loss")
    plt.legend()
    assert val_loss[-1] < val_loss[0]

    model = keras.Sequential([
        layers.Dense(96, activation="relu"),
        layers.Dense(96, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="rmsprop",
                  loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    history_large_model = model.fit(
        train_images, train_labels,
        epochs=4,
        batch_size=128,
        validation_split=0.2, verbose=0)
    # More capacity, lower validation loss (Keras 3 after 4 epochs: 0.18 against 1.2).
    assert history_large_model.history["val_loss"][-1] < val_loss[-1]


# ---- Improving generalization: IMDB, smaller and bigger, regularized -------------------

def vectorize_sequences(sequences, dimension=10000):
    results = np.zeros((len(sequences), dimension))
    for i, sequence in enumerate(sequences):
        results[i, sequence] = 1.
    return results


def load_imdb_vectors():
    (train_data, train_labels), _ = imdb.load_data(num_words=10000)
    train_data = vectorize_sequences(train_data)
    return train_data, train_labels


def fit_imdb(model, train_data, train_labels):
    model.compile(optimizer="rmsprop",
                  loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model.fit(train_data, train_labels,
                     epochs=4,  # the book: 20
                     batch_size=512, validation_split=0.4, verbose=0)


def test_imdb_original_smaller_and_bigger_models(keras_home):
    """"Original model", "Version of the model with lower capacity", "Version of the
    model with higher capacity"."""
    train_data, train_labels = load_imdb_vectors()
    assert train_data.shape == (1000, 10000) and train_data.dtype == np.float64
    assert train_labels.dtype == np.int64  # the book passes the int labels as they are

    model = keras.Sequential([
        layers.Dense(16, activation="relu"),
        layers.Dense(16, activation="relu"),
        layers.Dense(1, activation="sigmoid")
    ])
    history_original = fit_imdb(model, train_data, train_labels)
    model = keras.Sequential([
        layers.Dense(4, activation="relu"),
        layers.Dense(4, activation="relu"),
        layers.Dense(1, activation="sigmoid")
    ])
    history_smaller_model = fit_imdb(model, train_data, train_labels)
    model = keras.Sequential([
        layers.Dense(512, activation="relu"),
        layers.Dense(512, activation="relu"),
        layers.Dense(1, activation="sigmoid")
    ])
    history_larger_model = fit_imdb(model, train_data, train_labels)
    assert model.count_params() == 10000 * 512 + 512 + 512 * 512 + 512 + 512 + 1

    for history in (history_original, history_smaller_model, history_larger_model):
        assert set(history.history) == HISTORY_KEYS and len(history.history["loss"]) == 4
        assert history.history["loss"][-1] < history.history["loss"][0]
        assert history.history["val_loss"][-1] < history.history["val_loss"][0]
    # The bigger model fits its training data much faster (Keras 3: 0.03, 0.50, 0.65).
    assert (history_larger_model.history["loss"][-1]
            < history_original.history["loss"][-1]
            < history_smaller_model.history["loss"][-1])


def test_l2_weight_regularization(keras_home):
    """"Adding L2 weight regularization to the model"."""
    train_data, train_labels = load_imdb_vectors()
    model = keras.Sequential([
        layers.Dense(16,
                     kernel_regularizer=regularizers.l2(0.002),
                     activation="relu"),
        layers.Dense(16,
                     kernel_regularizer=regularizers.l2(0.002),
                     activation="relu"),
        layers.Dense(1, activation="sigmoid")
    ])
    history_l2_reg = fit_imdb(model, train_data, train_labels)
    assert set(history_l2_reg.history) == HISTORY_KEYS
    assert history_l2_reg.history["loss"][-1] < history_l2_reg.history["loss"][0]
    # The penalties, one per regularized kernel, are added to the training loss.
    penalties = [float(loss) for loss in model.losses]
    kernels = [layer.kernel.numpy() for layer in model.layers[:2]]
    np.testing.assert_allclose(penalties, [0.002 * np.sum(k ** 2) for k in kernels],
                               rtol=1e-4)
    assert history_l2_reg.history["loss"][0] > 0.69 + 0.05  # cross-entropy + penalties


def test_other_weight_regularizers(keras_home):
    """"Different weight regularizers available in Keras", each in the IMDB model."""
    regularizer = regularizers.l1(0.001)
    assert regularizer.get_config() == {"l1": pytest.approx(0.001)}
    regularizer = regularizers.l1_l2(l1=0.001, l2=0.001)
    assert regularizer.get_config() == {"l1": pytest.approx(0.001), "l2": pytest.approx(0.001)}

    train_data, train_labels = load_imdb_vectors()
    for regularizer in (regularizers.l1(0.001), regularizers.l1_l2(l1=0.001, l2=0.001)):
        model = keras.Sequential([
            layers.Dense(16, kernel_regularizer=regularizer, activation="relu"),
            layers.Dense(1, activation="sigmoid")
        ])
        history = fit_imdb(model, train_data, train_labels).history
        # 0.001 * sum|w| over 160,000 kernel weights is about 2 at the start
        # (Keras 3: a first loss of 2.6 for both).
        assert 2.0 < history["loss"][0] < 3.5
        assert history["loss"][-1] < history["loss"][0]
        assert np.isfinite(history["val_loss"]).all()


def test_dropout_by_hand_and_in_the_imdb_model(keras_home):
    """The chapter's NumPy sketch of dropout, Keras's Dropout layer doing the same, and
    "Adding dropout to the IMDB model"."""
    layer_output = np.ones((100, 100))
    layer_output *= np.random.randint(0, high=2, size=layer_output.shape)  # at training
    layer_output /= 0.5  # scaled up at training time instead of down at test time
    assert set(np.unique(layer_output)) == {0.0, 2.0}
    assert abs(layer_output.mean() - 1) < 0.1

    dropout = layers.Dropout(0.5)
    outputs = dropout(np.ones((100, 100), "float32"), training=True).numpy()
    assert set(np.unique(outputs)) == {0.0, 2.0} and abs(outputs.mean() - 1) < 0.1
    assert (dropout(np.ones((2, 3), "float32")).numpy() == 1).all()  # not in inference

    train_data, train_labels = load_imdb_vectors()
    model = keras.Sequential([
        layers.Dense(16, activation="relu"),
        layers.Dropout(0.5),
        layers.Dense(16, activation="relu"),
        layers.Dropout(0.5),
        layers.Dense(1, activation="sigmoid")
    ])
    history_dropout = fit_imdb(model, train_data, train_labels)
    assert set(history_dropout.history) == HISTORY_KEYS
    assert history_dropout.history["loss"][-1] < history_dropout.history["loss"][0]
    assert history_dropout.history["val_loss"][-1] < history_dropout.history["val_loss"][0]
    assert len(model.weights) == 6  # dropout has no weights
