"""Texts as lists of word indices: what ``imdb`` and ``reuters`` share.

Their files store each text as a list of word *ranks*: 1 for the most frequent word of
the whole dataset, 2 for the next, and so on.  ``load_data`` turns ranks into indices,
keeping three small numbers free for markers (the defaults):

* 0 is padding (added later, by whoever makes all texts the same length);
* ``start_char=1`` is put in front of every text;
* ``oov_char=2`` ("out of vocabulary") replaces each word that was cut;
* a word of rank ``r`` gets the index ``r + index_from`` (``index_from=3``), so "the",
  rank 1, is 4.

Words are cut by index: ``num_words=10000`` keeps the indices below 10000 (the
9,996 most frequent words, since 0-3 are not words), ``skip_top=20`` drops those below
20.  ``maxlen`` drops every text of ``maxlen`` indices or more (the start marker
counts).  The steps run in the order Keras runs them, so the arrays are Keras's.
"""
import numpy as np
from ...ops.checks import count_of


def shuffled(rng, texts, labels):
    """``texts`` and ``labels`` in one random order drawn from ``rng``."""
    order = np.arange(len(texts))
    rng.shuffle(order)
    return texts[order], labels[order]


def as_indices(texts, start_char, index_from):
    """Ranks -> indices: ``index_from`` added to each, ``start_char`` (if any) in front."""
    start = [] if start_char is None else [start_char]
    return [start + [rank + index_from for rank in text] for text in texts]


def shorter_than(maxlen, texts, labels):
    """Only the texts of fewer than ``maxlen`` indices, and their labels."""
    kept = [i for i, text in enumerate(texts) if len(text) < maxlen]
    return [texts[i] for i in kept], labels[kept]


def cut_vocabulary(texts, num_words, skip_top, oov_char):
    """Keep the indices ``skip_top <= i < num_words``; replace the others by ``oov_char``
    (or, when it is None, leave them out)."""
    if not num_words:
        # Keras's rule without num_words: the largest index present becomes the limit,
        # and since the limit is excluded, that one word is out of vocabulary too.
        num_words = max((max(text) for text in texts if text), default=0)
    if oov_char is None:
        return [[i for i in text if skip_top <= i < num_words] for text in texts]
    return [[i if skip_top <= i < num_words else oov_char for i in text] for text in texts]


def as_array(texts):
    """A 1-D NumPy array of Python lists (``dtype=object``), one per text."""
    array = np.empty(len(texts), dtype=object)
    for i, text in enumerate(texts):
        array[i] = text
    return array


def check_arguments(dataset, path, num_words, skip_top, maxlen, marks):
    """The arguments of ``load_data``, checked before anything is downloaded.

    ``load_data(10000)`` gives 10000 as the *path* (the first argument), so say so;
    ``num_words`` of 0 or less, or not above ``skip_top``, would make every word
    out-of-vocabulary without a word said; ``maxlen=0`` would keep nothing."""
    if not isinstance(path, (str, bytes)) and not hasattr(path, "__fspath__"):
        hint = (f"; did you mean {dataset}.load_data(num_words={path})?"
                if isinstance(path, (int, np.integer)) else "")
        raise TypeError(f"{dataset}.load_data: the first argument is the file name (path), "
                        f"got {type(path).__name__} {path!r}{hint}")
    for name, value in [("num_words", num_words), ("maxlen", maxlen)]:
        if value is not None:
            count_of(value, f"{dataset}.load_data: {name}", least=1)
    for name, value in [("skip_top", skip_top)] + list(marks.items()):
        if value is not None:
            count_of(value, f"{dataset}.load_data: {name}")
    if num_words is not None and skip_top >= num_words:
        raise ValueError(f"{dataset}.load_data: skip_top={skip_top} drops every word below "
                         f"index {skip_top}, and num_words={num_words} every word from "
                         f"{num_words} on, so no word would be left; make num_words larger "
                         f"than skip_top")
