"""``keras.datasets``: the book's datasets, downloaded once and kept, as Keras does.

    from teachtensor.keras.datasets import imdb
    (train_data, train_labels), (test_data, test_labels) = imdb.load_data(num_words=10000)

One module per dataset.  Each ``load_data()`` returns NumPy arrays
``(x_train, y_train), (x_test, y_test)`` with Keras's values, shapes and dtypes:

================  ===============================  ========================================
module            what                             x_train, y_train
================  ===============================  ========================================
mnist             handwritten digits, 0-9          uint8 (60000, 28, 28), uint8 (60000,)
fashion_mnist     photos of clothes, 10 kinds      uint8 (60000, 28, 28), uint8 (60000,)
cifar10           colour photos, 10 classes        uint8 (50000, 32, 32, 3), uint8 (50000, 1)
imdb              movie reviews, liked or not      (25000,) lists of word indices, int64 0/1
reuters           newswires, 46 topics             (8982,) lists of word indices, int64 0-45
boston_housing    house prices, 13 numbers each    float64 (404, 13), float64 (404,)
================  ===============================  ========================================

The first call downloads the file into ``~/.keras/datasets`` (``$KERAS_HOME/datasets``
when that variable is set), the folder Keras uses, so a file Keras downloaded is reused.
How files are downloaded, checked and kept: ``keras/downloads.py``.  On a computer
without internet, copy the file into that folder by hand: the error message says which
file, from which URL, into which folder.

Reading order: mnist.py (the simplest), boston_housing.py (a shuffled split), imdb.py
with _sequences.py (word indices and their options), reuters.py, fashion_mnist.py,
cifar10.py.
"""
from . import boston_housing, cifar10, fashion_mnist, imdb, mnist, reuters  # noqa: F401
