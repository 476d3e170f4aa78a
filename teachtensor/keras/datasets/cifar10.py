"""CIFAR-10: 60,000 colour photos of 32 x 32 pixels, in 10 classes.

``x_train`` uint8 (50000, 32, 32, 3) (height, width, then red, green, blue: "channels
last"), ``y_train`` uint8 (50000, 1) (a column: one label per row), and 10,000 more to
test on.  The classes: 0 airplane, 1 automobile, 2 bird, 3 cat, 4 deer, 5 dog, 6 frog,
7 horse, 8 ship, 9 truck.

The download is the authors' archive ``cifar-10-python.tar.gz`` (163 MB), kept in
``~/.keras/datasets`` under the name Keras 3 gives it,
``cifar-10-batches-py-target_archive``.  Inside, ``cifar-10-batches-py/`` holds six
pickled batches: ``data_batch_1`` ... ``data_batch_5`` (10,000 photos each) and
``test_batch``.  Each is a dict whose ``data`` is a uint8 array (10000, 3072), a photo
per row, all its red values, then the green, then the blue (channels first), and whose
``labels`` is a list of ints.  The batches are read straight from the archive, so
nothing is unpacked onto the disk.
"""
import pickle
import tarfile

import numpy as np

from ..downloads import get_file

__all__ = ["load_data"]

ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
FILE_HASH = "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce"  # SHA-256
ARCHIVE = "cifar-10-batches-py-target_archive"
TRAIN_BATCHES = [f"data_batch_{i}" for i in range(1, 6)]


def load_data():
    """``(x_train, y_train), (x_test, y_test)``: the photos as uint8 arrays, channels last.

    Use::

        (x_train, y_train), (x_test, y_test) = cifar10.load_data()
        x_train.shape, y_train.shape        # ((50000, 32, 32, 3), (50000, 1))

    Example::

        >>> from teachtensor.keras.datasets import cifar10
        >>> print(cifar10.ORIGIN)   # downloaded once, then read from ~/.keras
        https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz
    """
    path = get_file(ARCHIVE, origin=ORIGIN, file_hash=FILE_HASH)
    batches = _read_batches(path, TRAIN_BATCHES + ["test_batch"])
    x_train, y_train = _join([batches[name] for name in TRAIN_BATCHES])
    x_test, y_test = _join([batches["test_batch"]])
    return (x_train, y_train), (x_test, y_test)


def _read_batches(path, names):
    """``{name: the unpickled dict}`` for the members of the archive called ``names``."""
    batches = {}
    with tarfile.open(path, "r:gz") as archive:
        for member in archive:
            name = member.name.split("/")[-1]
            if name in names:
                # The batches were pickled by Python 2, whose byte strings Python 3
                # would decode as text; encoding="bytes" keeps them bytes, as the array
                # data must be (the dict's keys come back as b"data", b"labels").
                # Unpickling can run code, so it is done only on this archive, whose
                # SHA-256 get_file has just checked against the one Keras knows.
                batches[name] = pickle.load(archive.extractfile(member), encoding="bytes")
    missing = [name for name in names if name not in batches]
    if missing:
        raise ValueError(f"{path} has no {', '.join(missing)}: it is not the CIFAR-10 "
                         f"archive.")
    return batches


def _join(batches):
    """Photos (n, 32, 32, 3) and labels (n, 1) from batches of (rows of 3072, labels)."""
    images = np.concatenate([batch[b"data"] for batch in batches]).astype(np.uint8)
    labels = np.concatenate([batch[b"labels"] for batch in batches]).astype(np.uint8)
    channels_first = images.reshape(len(images), 3, 32, 32)
    return channels_first.transpose(0, 2, 3, 1), labels.reshape(len(labels), 1)
