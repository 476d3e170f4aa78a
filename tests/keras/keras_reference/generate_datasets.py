"""Ask real Keras 3 what ``keras.datasets`` returns for the tiny files of
``tests/keras/fake_datasets.py``; the answers are the constants of
``tests/keras/test_datasets.py``.

Run with the TensorFlow virtual environment, NOT the project's::

    /tmp/tfenv/bin/python tests/keras/keras_reference/generate_datasets.py

The files are written into a temporary ``KERAS_HOME``.  Their checksums are not
Keras's, so Keras's check is switched off here (``validate_file`` answers True); nothing
is downloaded.  It prints, per dataset and options, the arrays as lists with their
dtype and shape.
"""
import json
import os
import sys
import tempfile

HOME = tempfile.mkdtemp()
os.environ["KERAS_HOME"] = HOME  # before Keras is imported: Keras reads it once
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import fake_datasets  # noqa: E402
import keras  # noqa: E402
from keras.src.utils import file_utils  # noqa: E402

file_utils.validate_file = lambda *args, **kwargs: True  # the fake files' hashes differ

IMDB_CASES = [{}, {"num_words": 8}, {"skip_top": 5}, {"maxlen": 4}, {"seed": 0},
              {"start_char": None}, {"oov_char": None, "num_words": 8},
              {"start_char": None, "index_from": 0},
              {"num_words": 9, "skip_top": 4, "oov_char": 7, "index_from": 2}]
REUTERS_CASES = [{}, {"test_split": 0.3}, {"seed": 1}, {"maxlen": 3},
                 {"num_words": 8, "skip_top": 4}, {"start_char": None, "oov_char": None}]
BOSTON_CASES = [{}, {"test_split": 0.3}, {"seed": 5}, {"test_split": 0.0}]


def describe(result):
    (x_train, y_train), (x_test, y_test) = result
    return {name: {"dtype": str(a.dtype), "shape": list(a.shape), "values": a.tolist()}
            for name, a in [("x_train", x_train), ("y_train", y_train),
                            ("x_test", x_test), ("y_test", y_test)]}


def main():
    for write in [fake_datasets.write_mnist, fake_datasets.write_fashion_mnist,
                  fake_datasets.write_imdb, fake_datasets.write_reuters,
                  fake_datasets.write_boston_housing]:
        write(HOME)
    out = {"mnist": {k: (v["dtype"], v["shape"]) for k, v in
                     describe(keras.datasets.mnist.load_data()).items()},
           "fashion_mnist": {k: (v["dtype"], v["shape"]) for k, v in
                             describe(keras.datasets.fashion_mnist.load_data()).items()},
           "fashion_labels": describe(keras.datasets.fashion_mnist.load_data())["y_test"]}
    out["imdb"] = [(case, describe(keras.datasets.imdb.load_data(**case)))
                   for case in IMDB_CASES]
    out["reuters"] = [(case, describe(keras.datasets.reuters.load_data(**case)))
                      for case in REUTERS_CASES]
    out["boston"] = [(case, {k: v if k.startswith("y") else
                             dict(v, values=[row[0] for row in v["values"]])
                             for k, v in describe(
                                 keras.datasets.boston_housing.load_data(**case)).items()})
                     for case in BOSTON_CASES]
    try:
        keras.datasets.boston_housing.load_data(test_split=1.0)
    except ValueError as error:
        out["boston_error"] = str(error)
    out["imdb_word_index"] = keras.datasets.imdb.get_word_index() == fake_datasets.WORD_INDEX
    out["reuters_label_names"] = list(keras.datasets.reuters.get_label_names())
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
