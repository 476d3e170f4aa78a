"""Chapter 4's listings (Deep Learning with Python, 2nd ed.): IMDB reviews, Reuters
newswires and Boston house prices, with the imports swapped to teachtensor.

The data goes through ``keras.datasets``'s ``load_data``, from files in the real
formats written into a temporary ``KERAS_HOME`` (their known hashes replaced by the
fake files', as in ``tests/keras/test_datasets.py``).  Each sample has the real shape
(10,000-word vocabularies, 46 topics, 506 districts of 13 numbers) and a pattern to
learn, but there are fewer reviews and newswires and fewer epochs than in the book, so
the test takes seconds.  It checks what the book shows: shapes, decoded text, that
training lowers the loss, and the forms of the results.
"""
import copy
import hashlib
import json

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from teachtensor import keras  # noqa: E402  (the book: from tensorflow import keras)
from teachtensor.keras import layers  # noqa: E402
from teachtensor.keras.datasets import boston_housing, imdb, reuters  # noqa: E402

VOCABULARY = 12000  # word ranks in the fake files; num_words=10000 cuts the rarest


def ragged(texts):
    array = np.empty(len(texts), dtype=object)
    for i, text in enumerate(texts):
        array[i] = text
    return array


def fake_texts(rng, labels, words_per_label):
    """A text per label: common words, a few words of its label, and rare words."""
    texts = []
    for label in labels:
        own = 100 + words_per_label * label + rng.integers(0, words_per_label, 8)
        common = rng.integers(1, 100, 12)
        rare = rng.integers(1000, VOCABULARY, 3)
        text = np.concatenate([own, common, rare])
        rng.shuffle(text)
        texts.append([int(w) for w in text])
    return texts


@pytest.fixture
def keras_home(tmp_path, monkeypatch):
    """A KERAS_HOME holding fake imdb, reuters and boston_housing files; a fixed seed."""
    keras.utils.set_random_seed(0)
    folder = tmp_path / "keras_home" / "datasets"
    folder.mkdir(parents=True)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    rng = np.random.default_rng(4)

    def save(name, module, hash_name, write):
        path = str(folder / name)
        write(path)
        digest = hashlib.new("md5" if len(getattr(module, hash_name)) == 32 else "sha256")
        digest.update(open(path, "rb").read())
        monkeypatch.setattr(module, hash_name, digest.hexdigest())

    word_index = {f"word{rank}": rank for rank in range(1, VOCABULARY)}
    word_index["the"] = 1
    del word_index["word1"]

    def write_json(path):
        with open(path, "w") as f:
            json.dump(word_index, f)

    train_labels, test_labels = rng.integers(0, 2, 600), rng.integers(0, 2, 200)
    train_texts = fake_texts(rng, train_labels, 40)
    train_texts[1].append(9996)  # the book: the largest index kept is 9999
    save("imdb.npz", imdb, "FILE_HASH", lambda path: np.savez(
        path, x_train=ragged(train_texts), y_train=train_labels,
        x_test=ragged(fake_texts(rng, test_labels, 40)), y_test=test_labels))
    save("imdb_word_index.json", imdb, "WORD_INDEX_HASH", write_json)

    topics = rng.integers(0, 46, 800)
    save("reuters.npz", reuters, "FILE_HASH", lambda path: np.savez(
        path, x=ragged(fake_texts(rng, topics, 10)), y=topics))
    save("reuters_word_index.json", reuters, "WORD_INDEX_HASH", write_json)

    features = rng.normal(3.0, 2.0, (506, 13)) * rng.uniform(0.1, 100, 13)  # mixed scales
    prices = 22 + 5 * np.tanh(((features - features.mean(0)) / features.std(0))[:, :4].sum(1))
    save("boston_housing.npz", boston_housing, "FILE_HASH",
         lambda path: np.savez(path, x=features, y=prices))


def vectorize_sequences(sequences, dimension=10000):  # listing 4.3
    results = np.zeros((len(sequences), dimension))
    for i, sequence in enumerate(sequences):
        for j in sequence:
            results[i, j] = 1.
    return results


def test_imdb_listings_4_1_to_4_10(keras_home):
    (train_data, train_labels), (test_data, test_labels) = imdb.load_data(num_words=10000)
    assert len(train_data) == 600 and train_data[0][0] == 1  # the start marker
    assert train_labels[0] in (0, 1)
    assert max([max(sequence) for sequence in train_data]) == 9999

    word_index = imdb.get_word_index()  # listing 4.2
    reverse_word_index = dict([(value, key) for (key, value) in word_index.items()])
    decoded_review = " ".join([reverse_word_index.get(i - 3, "?") for i in train_data[0]])
    assert decoded_review.startswith("? ") and "word" in decoded_review

    x_train = vectorize_sequences(train_data)
    x_test = vectorize_sequences(test_data)
    assert x_train.shape == (600, 10000) and x_train[0][1] == 1.0
    y_train = np.asarray(train_labels).astype("float32")
    y_test = np.asarray(test_labels).astype("float32")

    model = keras.Sequential([  # listing 4.4
        layers.Dense(16, activation="relu"),
        layers.Dense(16, activation="relu"),
        layers.Dense(1, activation="sigmoid")
    ])
    model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
    x_val = x_train[:200]  # listing 4.6 (the book: 10,000 of 25,000)
    partial_x_train = x_train[200:]
    y_val = y_train[:200]
    partial_y_train = y_train[200:]
    history = model.fit(partial_x_train, partial_y_train, epochs=4, batch_size=512,
                        validation_data=(x_val, y_val), verbose=0)
    history_dict = history.history
    assert set(history_dict.keys()) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert history_dict["loss"][-1] < history_dict["loss"][0]

    loss_values = history_dict["loss"]  # listing 4.8
    val_loss_values = history_dict["val_loss"]
    epochs = range(1, len(loss_values) + 1)
    plt.plot(epochs, loss_values, "bo", label="Training loss")
    plt.plot(epochs, val_loss_values, "b", label="Validation loss")
    plt.title("Training and validation loss")
    plt.legend()
    plt.close("all")

    model = keras.Sequential([  # listing 4.10: again from scratch, on all the data
        layers.Dense(16, activation="relu"),
        layers.Dense(16, activation="relu"),
        layers.Dense(1, activation="sigmoid")
    ])
    model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
    history = model.fit(x_train, y_train, epochs=4, batch_size=512, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    results = model.evaluate(x_test, y_test, verbose=0)
    assert len(results) == 2 and results[1] > 0.6  # [loss, accuracy]
    predictions = model.predict(x_test, verbose=0)
    assert predictions.shape == (200, 1) and np.all((predictions > 0) & (predictions < 1))


def test_reuters_listings_4_11_to_4_21(keras_home):
    (train_data, train_labels), (test_data, test_labels) = reuters.load_data(num_words=10000)
    assert (len(train_data), len(test_data)) == (640, 160)  # test_split=0.2
    word_index = reuters.get_word_index()
    reverse_word_index = dict([(value, key) for (key, value) in word_index.items()])
    decoded_newswire = " ".join([reverse_word_index.get(i - 3, "?") for i in train_data[0]])
    assert decoded_newswire.startswith("? ")
    assert 0 <= train_labels[10] < 46

    x_train = vectorize_sequences(train_data)
    x_test = vectorize_sequences(test_data)

    def to_one_hot(labels, dimension=46):  # listing 4.14
        results = np.zeros((len(labels), dimension))
        for i, label in enumerate(labels):
            results[i, label] = 1.
        return results
    from teachtensor.keras.utils import to_categorical
    y_train = to_categorical(train_labels)
    y_test = to_categorical(test_labels)
    np.testing.assert_array_equal(y_train, to_one_hot(train_labels))
    assert y_train.shape == (640, 46)

    model = keras.Sequential([  # listing 4.15
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(46, activation="softmax")
    ])
    model.compile(optimizer="rmsprop", loss="categorical_crossentropy",
                  metrics=["accuracy"])
    x_val = x_train[:140]  # listing 4.17 (the book: 1,000 of 8,982)
    partial_x_train = x_train[140:]
    y_val = y_train[:140]
    partial_y_train = y_train[140:]
    history = model.fit(partial_x_train, partial_y_train, epochs=4, batch_size=512,
                        validation_data=(x_val, y_val), verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert history.history["val_loss"][-1] < history.history["val_loss"][0]
    results = model.evaluate(x_test, y_test, verbose=0)
    assert len(results) == 2

    test_labels_copy = copy.copy(test_labels)  # a random classifier's accuracy
    np.random.shuffle(test_labels_copy)
    hits_array = np.array(test_labels) == np.array(test_labels_copy)
    assert 0 <= hits_array.mean() < 0.2

    predictions = model.predict(x_test, verbose=0)
    assert predictions[0].shape == (46,)
    assert np.sum(predictions[0]) == pytest.approx(1.0, abs=1e-5)
    assert 0 <= np.argmax(predictions[0]) < 46

    y_train = np.array(train_labels)  # integer labels, another loss
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(x_train, y_train, epochs=1, batch_size=512, verbose=0)
    assert np.isfinite(history.history["loss"][0])


def test_boston_housing_listings_4_23_to_4_31(keras_home):
    (train_data, train_targets), (test_data, test_targets) = boston_housing.load_data()
    assert train_data.shape == (404, 13) and test_data.shape == (102, 13)
    assert train_targets.shape == (404,)

    mean = train_data.mean(axis=0)  # listing 4.24
    train_data -= mean
    std = train_data.std(axis=0)
    train_data /= std
    test_data -= mean
    test_data /= std
    np.testing.assert_allclose(train_data.std(axis=0), 1.0)

    def build_model():  # listing 4.25
        model = keras.Sequential([
            layers.Dense(64, activation="relu"),
            layers.Dense(64, activation="relu"),
            layers.Dense(1)
        ])
        model.compile(optimizer="rmsprop", loss="mse", metrics=["mae"])
        return model

    k = 4  # listing 4.26 (and 4.27's history of each fold)
    num_val_samples = len(train_data) // k
    num_epochs = 3  # the book: 100, then 500
    all_scores = []
    all_mae_histories = []
    for i in range(k):
        val_data = train_data[i * num_val_samples: (i + 1) * num_val_samples]
        val_targets = train_targets[i * num_val_samples: (i + 1) * num_val_samples]
        partial_train_data = np.concatenate(
            [train_data[:i * num_val_samples],
             train_data[(i + 1) * num_val_samples:]],
            axis=0)
        partial_train_targets = np.concatenate(
            [train_targets[:i * num_val_samples],
             train_targets[(i + 1) * num_val_samples:]],
            axis=0)
        model = build_model()
        history = model.fit(partial_train_data, partial_train_targets,
                            validation_data=(val_data, val_targets),
                            epochs=num_epochs, batch_size=16, verbose=0)
        val_mse, val_mae = model.evaluate(val_data, val_targets, verbose=0)
        all_scores.append(val_mae)
        mae_history = history.history["val_mae"]
        all_mae_histories.append(mae_history)
        assert history.history["loss"][-1] < history.history["loss"][0]
    assert len(all_scores) == 4 and np.isfinite(np.mean(all_scores))
    average_mae_history = [  # listing 4.28
        np.mean([x[i] for x in all_mae_histories]) for i in range(num_epochs)]
    assert average_mae_history[-1] < average_mae_history[0]

    model = build_model()  # listing 4.31
    model.fit(train_data, train_targets, epochs=8, batch_size=16, verbose=0)
    test_mse_score, test_mae_score = model.evaluate(test_data, test_targets, verbose=0)
    assert test_mae_score < 5.0  # the prices spread over 17-27 ($1000s)
    predictions = model.predict(test_data, verbose=0)
    assert predictions[0].shape == (1,) and predictions.dtype == np.float32
