"""MNIST: 70,000 handwritten digits of 28 x 28 grey pixels (the book's first example).

The file ``mnist.npz`` (11 MB) holds four arrays, returned as they are:
``x_train`` uint8 (60000, 28, 28) with pixels 0 (black) to 255 (white), ``y_train``
uint8 (60000,) with the digits 0-9, and ``x_test``, ``y_test`` for 10,000 more.
"""
import numpy as np

from ..downloads import get_file

__all__ = ["load_data"]

ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
FILE_HASH = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"  # SHA-256


def load_data(path="mnist.npz"):
    """``(x_train, y_train), (x_test, y_test)``: the MNIST digits as uint8 arrays.

    ``path`` is the file's name in ``~/.keras/datasets``.  Use::

        (train_images, train_labels), (test_images, test_labels) = mnist.load_data()
        train_images.shape      # (60000, 28, 28)

    Example::

        >>> from teachtensor.keras.datasets import mnist
        >>> print(mnist.ORIGIN)   # downloaded once, then read from ~/.keras
        https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz
    """
    path = get_file(path, origin=ORIGIN, file_hash=FILE_HASH)
    with np.load(path, allow_pickle=False) as arrays:
        return ((arrays["x_train"], arrays["y_train"]),
                (arrays["x_test"], arrays["y_test"]))
