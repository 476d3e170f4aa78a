"""Tiny files in the formats of Keras's dataset downloads, for tests that run offline.

Each ``write_*`` function writes one dataset's file(s) under ``<home>/datasets`` (home
being a stand-in for ``~/.keras``), with the names Keras gives them, and returns the
paths written.  The contents are small and chosen so that results are easy to read:
word ranks are small integers, a Boston row ``i`` has ``i`` in its first column, an
image's pixels tell its index.  Only NumPy and the standard library are used, so
``keras_reference/generate_datasets.py`` can run the same writers in TensorFlow's
environment and ask real Keras what it returns for these files.
"""
import gzip
import io
import json
import os
import pickle
import tarfile

import numpy as np


def ragged(sequences):
    """A 1-D object array of Python lists, as imdb.npz and reuters.npz store them."""
    array = np.empty(len(sequences), dtype=object)
    for i, sequence in enumerate(sequences):
        array[i] = list(sequence)
    return array


def _folder(home, subdir="datasets"):
    folder = os.path.join(home, subdir)
    os.makedirs(folder, exist_ok=True)
    return folder


def write_mnist(home, train=6, test=4, name="mnist.npz"):
    """``mnist.npz``: x_train/x_test uint8 (n, 28, 28), y_train/y_test uint8 (n,)."""
    rng = np.random.default_rng(0)
    path = os.path.join(_folder(home), name)
    np.savez(path,
             x_train=rng.integers(0, 256, (train, 28, 28), dtype=np.uint8),
             y_train=(np.arange(train) % 10).astype(np.uint8),
             x_test=rng.integers(0, 256, (test, 28, 28), dtype=np.uint8),
             y_test=(np.arange(test) % 10).astype(np.uint8))
    return [path]


FASHION_FILES = ["train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
                 "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"]


def write_fashion_mnist(home, train=5, test=3):
    """The four gzipped IDX files: labels (magic 2049, count, bytes) and images
    (magic 2051, count, 28, 28, bytes), big-endian 4-byte header fields."""
    folder = _folder(home, os.path.join("datasets", "fashion-mnist"))
    paths = []
    for split, n in [("train", train), ("t10k", test)]:
        labels = (np.arange(n) % 10).astype(np.uint8)
        images = np.arange(n * 28 * 28, dtype=np.int64).reshape(n, 28, 28) % 251
        contents = {
            "labels-idx1": np.array([2049, n], ">i4").tobytes() + labels.tobytes(),
            "images-idx3": (np.array([2051, n, 28, 28], ">i4").tobytes()
                            + images.astype(np.uint8).tobytes()),
        }
        for kind, data in contents.items():
            path = os.path.join(folder, f"{split}-{kind}-ubyte.gz")
            with gzip.open(path, "wb") as f:
                f.write(data)
            paths.append(path)
    return paths


# Word ranks (1 = the most frequent word), as imdb.npz stores them before index_from.
IMDB_TRAIN = [[1, 2, 3], [4, 1], [5, 6, 7, 8, 9], [2], [3, 1, 4, 1, 5, 9]]
IMDB_TRAIN_LABELS = [1, 0, 1, 0, 1]
IMDB_TEST = [[3, 3, 10], [1, 2, 3, 4], [7], [8, 2]]
IMDB_TEST_LABELS = [0, 1, 1, 0]
WORD_INDEX = {"the": 1, "and": 2, "a": 3, "of": 4, "to": 5, "is": 6, "br": 7,
              "in": 8, "it": 9, "movie": 10}


def write_imdb(home):
    """``imdb.npz`` (ragged x_train / x_test, int64 labels) and ``imdb_word_index.json``."""
    folder = _folder(home)
    path = os.path.join(folder, "imdb.npz")
    np.savez(path, x_train=ragged(IMDB_TRAIN), y_train=np.array(IMDB_TRAIN_LABELS),
             x_test=ragged(IMDB_TEST), y_test=np.array(IMDB_TEST_LABELS))
    index_path = os.path.join(folder, "imdb_word_index.json")
    with open(index_path, "w") as f:
        json.dump(WORD_INDEX, f)
    return [path, index_path]


REUTERS_X = [[1, 2], [3, 4, 5], [6], [1, 1, 7, 8], [2, 9, 3], [10, 4], [5, 5, 5, 5, 5],
             [6, 7], [8, 1, 2], [9]]
REUTERS_Y = [3, 4, 3, 19, 1, 45, 4, 3, 11, 0]


def write_reuters(home):
    """``reuters.npz`` (ragged x, int64 y: all newswires, split by load_data) and
    ``reuters_word_index.json``."""
    folder = _folder(home)
    path = os.path.join(folder, "reuters.npz")
    np.savez(path, x=ragged(REUTERS_X), y=np.array(REUTERS_Y))
    index_path = os.path.join(folder, "reuters_word_index.json")
    with open(index_path, "w") as f:
        json.dump(WORD_INDEX, f)
    return [path, index_path]


def write_boston_housing(home, n=11):
    """``boston_housing.npz``: x float64 (n, 13) whose row i starts with i, y float64."""
    path = os.path.join(_folder(home), "boston_housing.npz")
    x = np.arange(n * 13, dtype=np.float64).reshape(n, 13) / 13.0
    x[:, 0] = np.arange(n)
    np.savez(path, x=x, y=10.0 + np.arange(n, dtype=np.float64))
    return [path]


CIFAR_ARCHIVE = "cifar-10-batches-py-target_archive"  # where Keras 3 keeps the download


def cifar_batch(first, count):
    """One batch as CIFAR's authors pickled it: a dict with bytes keys, ``data`` uint8
    (count, 3072) in channel-first order, ``labels`` a list of ints."""
    data = (np.arange(count * 3072, dtype=np.int64).reshape(count, 3072) + first) % 256
    return {b"batch_label": b"fake batch", b"labels": [(first + i) % 10 for i in range(count)],
            b"data": data.astype(np.uint8),
            b"filenames": [b"image_%d.png" % (first + i) for i in range(count)]}


def write_cifar10(home, per_batch=2, test=3):
    """The tar.gz of ``cifar-10-batches-py/`` (data_batch_1..5, test_batch, batches.meta),
    saved under the name Keras 3 gives the downloaded archive."""
    path = os.path.join(_folder(home), CIFAR_ARCHIVE)
    members = {f"data_batch_{i}": cifar_batch((i - 1) * per_batch, per_batch)
               for i in range(1, 6)}
    members["test_batch"] = cifar_batch(1000, test)
    members["batches.meta"] = {b"label_names": [b"airplane", b"automobile"]}
    with tarfile.open(path, "w:gz") as archive:
        for name, content in members.items():
            # (Python 2 wrote the real ones; protocol 3 also stores bytes as bytes,
            # which protocol 2 would rebuild through codecs.encode)
            data = pickle.dumps(content, protocol=3)
            info = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return [path]
