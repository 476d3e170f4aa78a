"""Reuters: 11,228 short newswires from 1986, each labelled with one of 46 topics.

Each newswire is a list of word indices, as in ``imdb`` (``_sequences.py`` explains
the options).  The file ``reuters.npz`` holds all newswires together; ``load_data``
shuffles them and keeps the last ``test_split`` for testing: 8,982 to train, 2,246 to
test.  ``get_label_names()`` names the 46 topics.
"""
import json

import numpy as np

from ..downloads import get_file
from ._sequences import (as_array, as_indices, check_arguments, cut_vocabulary,
                         shorter_than, shuffled)

__all__ = ["load_data", "get_word_index", "get_label_names"]

ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/reuters.npz"
FILE_HASH = "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916"  # SHA-256
WORD_INDEX_ORIGIN = ("https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
                     "reuters_word_index.json")
WORD_INDEX_HASH = "4d44cc38712099c9e383dc6e5f11a921"  # MD5 (an older file)

# Topic i of the labels (the names Keras gives them).
LABEL_NAMES = (
    "cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper", "housing",
    "money-supply", "coffee", "sugar", "trade", "reserves", "ship", "cotton", "carcass",
    "crude", "nat-gas", "cpi", "money-fx", "interest", "gnp", "meal-feed", "alum",
    "oilseed", "gold", "tin", "strategic-metal", "livestock", "retail", "ipi",
    "iron-steel", "rubber", "heat", "jobs", "lei", "bop", "zinc", "orange", "pet-chem",
    "dlr", "gas", "silver", "wpi", "hog", "lead",
)


def load_data(path="reuters.npz", num_words=None, skip_top=0, maxlen=None,
              test_split=0.2, seed=113, start_char=1, oov_char=2, index_from=3):
    """``(x_train, y_train), (x_test, y_test)``: newswires as lists of word indices, and
    their topics.

    ``x_train`` and ``x_test`` are 1-D object arrays of lists of ints, ``y_train`` and
    ``y_test`` int64 arrays of topics 0-45.  All newswires are shuffled with
    ``RandomState(seed)``, then the first ``1 - test_split`` of them are for training.
    Use::

        (train_data, train_labels), (test_data, test_labels) = reuters.load_data(
            num_words=10000)
        len(train_data), len(test_data)     # (8982, 2246)

    Example::

        >>> from teachtensor.keras.datasets import reuters
        >>> print(reuters.ORIGIN)   # downloaded once, then read from ~/.keras
        https://storage.googleapis.com/tensorflow/tf-keras-datasets/reuters.npz
    """
    check_arguments("reuters", path, num_words, skip_top, maxlen,
                    {"start_char": start_char, "oov_char": oov_char, "index_from": index_from})
    if isinstance(test_split, bool) or not isinstance(test_split, (int, float)) or \
            not 0 <= test_split < 1:
        raise ValueError(f"reuters.load_data: test_split is the share of newswires kept for "
                         f"testing, from 0 up to (not including) 1; got {test_split!r}")
    path = get_file(path, origin=ORIGIN, file_hash=FILE_HASH)
    # Lists of different lengths, saved with pickle: see imdb.py (the hash was checked).
    with np.load(path, allow_pickle=True) as arrays:
        texts, labels = arrays["x"], arrays["y"]
    texts, labels = shuffled(np.random.RandomState(seed), texts, labels)
    texts = as_indices(texts, start_char, index_from)
    if maxlen:
        texts, labels = shorter_than(maxlen, texts, labels)
    texts = cut_vocabulary(texts, num_words, skip_top, oov_char)
    n_train = int(len(texts) * (1 - test_split))
    return ((as_array(texts[:n_train]), labels[:n_train]),
            (as_array(texts[n_train:]), labels[n_train:]))


def get_word_index(path="reuters_word_index.json"):
    """``{word: rank}`` for the Reuters newswires: ``{"the": 1, "of": 2, ...}``.

    As in ``imdb``, a word of rank ``r`` is the index ``r + 3`` in ``load_data``'s
    lists, so ``reverse.get(i - 3, "?")`` with ``reverse = {rank: word}`` decodes one.

    Example::

        >>> from teachtensor.keras.datasets import reuters
        >>> print(reuters.WORD_INDEX_ORIGIN)
        https://storage.googleapis.com/tensorflow/tf-keras-datasets/reuters_word_index.json
    """
    path = get_file(path, origin=WORD_INDEX_ORIGIN, file_hash=WORD_INDEX_HASH)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def get_label_names():
    """The names of the 46 topics, as a tuple: ``get_label_names()[3]`` is ``"earn"``.

    Example::

        >>> from teachtensor.keras.datasets import reuters
        >>> print(reuters.get_label_names()[:5])   # the topics 0-4 (no download needed)
        ('cocoa', 'grain', 'veg-oil', 'earn', 'acq')
    """
    return LABEL_NAMES
