"""Fashion-MNIST: 70,000 photos of clothes, 28 x 28 grey pixels, in 10 classes.

A drop-in for MNIST with the same shapes and dtypes: ``x_train`` uint8 (60000, 28, 28),
``y_train`` uint8 (60000,), 10,000 more to test on.  The classes: 0 T-shirt/top,
1 trouser, 2 pullover, 3 dress, 4 coat, 5 sandal, 6 shirt, 7 sneaker, 8 bag, 9 ankle boot.

The data comes as four gzipped files in the IDX format of the original MNIST, kept in
``~/.keras/datasets/fashion-mnist/``.  An IDX file starts with 4 bytes: 0, 0, the type
of the values (8: unsigned bytes) and the number of dimensions (1 for labels, 3 for
images); then the size of each dimension, a big-endian 32-bit number each; then the
values.  Keras knows no checksums for these files, so none is checked.
"""
import gzip
import os

import numpy as np

from ..downloads import get_file

__all__ = ["load_data"]

FOLDER = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
FILES = ["train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
         "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"]


def load_data():
    """``(x_train, y_train), (x_test, y_test)``: the clothes photos as uint8 arrays.

    Use::

        (train_images, train_labels), (test_images, test_labels) = fashion_mnist.load_data()
        train_images.shape      # (60000, 28, 28), as MNIST's

    Example::

        >>> from teachtensor.keras.datasets import fashion_mnist
        >>> print(fashion_mnist.FOLDER + fashion_mnist.FILES[0])   # the first of 4 files
        https://storage.googleapis.com/tensorflow/tf-keras-datasets/train-labels-idx1-ubyte.gz
    """
    paths = [get_file(name, origin=FOLDER + name,
                      cache_subdir=os.path.join("datasets", "fashion-mnist"))
             for name in FILES]
    y_train, x_train, y_test, x_test = [_read_idx(path) for path in paths]
    return (x_train, y_train), (x_test, y_test)


def _read_idx(path):
    """The uint8 array stored in a gzipped IDX file, in the shape its header gives."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    shape = np.frombuffer(data, dtype=">i4", count=ndim, offset=4)  # big-endian int32
    values = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    return values.reshape(shape).copy()  # (a copy: np.frombuffer's arrays are read-only)
