"""IMDB: 50,000 movie reviews, each labelled 1 (the reviewer liked the film) or 0.

Each review is a list of word indices (see ``_sequences.py`` for how ranks become
indices, and what ``num_words``, ``skip_top``, ``maxlen``, ``start_char``, ``oov_char``
and ``index_from`` do).  The file ``imdb.npz`` (17 MB) holds 25,000 reviews to train
on and 25,000 to test on; ``imdb_word_index.json`` maps each word to its rank.
"""
import json

import numpy as np

from ..downloads import get_file
from ._sequences import (as_array, as_indices, check_arguments, cut_vocabulary,
                         shorter_than, shuffled)

__all__ = ["load_data", "get_word_index"]

ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb.npz"
FILE_HASH = "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f"  # SHA-256
WORD_INDEX_ORIGIN = ("https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
                     "imdb_word_index.json")
WORD_INDEX_HASH = "bfafd718b763782e994055a2d397834f"  # MD5 (an older file)


def load_data(path="imdb.npz", num_words=None, skip_top=0, maxlen=None, seed=113,
              start_char=1, oov_char=2, index_from=3):
    """``(x_train, y_train), (x_test, y_test)``: reviews as lists of word indices, labels.

    ``x_train`` and ``x_test`` are 1-D object arrays of lists of ints, ``y_train`` and
    ``y_test`` int64 arrays of 0 and 1.  The training reviews and then the test
    reviews are shuffled with ``RandomState(seed)``.  ``num_words=None`` keeps every
    word.  Use::

        (train_data, train_labels), (test_data, test_labels) = imdb.load_data(
            num_words=10000)
        train_data[0][:4]       # [1, 14, 22, 16]: start marker, then words

    Example::

        >>> from teachtensor.keras.datasets import imdb
        >>> print(imdb.ORIGIN)   # downloaded once, then read from ~/.keras
        https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb.npz
    """
    check_arguments("imdb", path, num_words, skip_top, maxlen,
                    {"start_char": start_char, "oov_char": oov_char, "index_from": index_from})
    path = get_file(path, origin=ORIGIN, file_hash=FILE_HASH)
    # The reviews have different lengths, so the file stores them as arrays of Python
    # lists, which NumPy saves with pickle: allow_pickle=True is needed.  Unpickling can
    # run code, but get_file has just checked that these are exactly the published bytes.
    with np.load(path, allow_pickle=True) as arrays:
        x_train, y_train = arrays["x_train"], arrays["y_train"]
        x_test, y_test = arrays["x_test"], arrays["y_test"]
    rng = np.random.RandomState(seed)
    x_train, y_train = shuffled(rng, x_train, y_train)
    x_test, y_test = shuffled(rng, x_test, y_test)  # (the same rng, drawing on)
    x_train = as_indices(x_train, start_char, index_from)
    x_test = as_indices(x_test, start_char, index_from)
    if maxlen:
        x_train, y_train = shorter_than(maxlen, x_train, y_train)
        x_test, y_test = shorter_than(maxlen, x_test, y_test)
        if not x_train or not x_test:
            raise ValueError(f"maxlen={maxlen} keeps no review of the "
                             f"{'training' if not x_train else 'test'} set (a review is "
                             f"kept when it has fewer than maxlen indices); choose a "
                             f"larger maxlen.")
    texts = cut_vocabulary(x_train + x_test, num_words, skip_top, oov_char)
    n_train = len(x_train)
    return ((as_array(texts[:n_train]), y_train), (as_array(texts[n_train:]), y_test))


def get_word_index(path="imdb_word_index.json"):
    """``{word: rank}`` for the IMDB reviews: ``{"the": 1, "and": 2, ...}``.

    A word of rank ``r`` is the index ``r + index_from`` (3) in ``load_data``'s lists,
    so a review reads back as::

        reverse = {rank + 3: word for word, rank in imdb.get_word_index().items()}
        " ".join(reverse.get(i, "?") for i in train_data[0])

    Example::

        >>> from teachtensor.keras.datasets import imdb
        >>> print(imdb.WORD_INDEX_ORIGIN)
        https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb_word_index.json
    """
    path = get_file(path, origin=WORD_INDEX_ORIGIN, file_hash=WORD_INDEX_HASH)
    with open(path, encoding="utf-8") as f:
        return json.load(f)
