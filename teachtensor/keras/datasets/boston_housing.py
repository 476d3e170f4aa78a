"""Boston housing: 506 districts of Boston in the 1970s, 13 numbers about each (crime
rate, rooms per house, ...), and the median price of a house there, in $1000s.

The file ``boston_housing.npz`` holds ``x`` float64 (506, 13) and ``y`` float64 (506,).
``load_data`` shuffles the districts (with a fixed seed, so every call gives the same
split) and keeps the last ``test_split`` of them for testing: 404 to train, 102 to test.

(The data has a known ethical problem: its 12th column, "B", was made from the share
of Black residents, on the assumption that racial segregation sets house prices.  Use
it to learn regression, not as a model of how houses should be priced.)
"""
import numpy as np

from ..downloads import get_file

__all__ = ["load_data"]

ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/boston_housing.npz"
FILE_HASH = "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5"  # SHA-256


def load_data(path="boston_housing.npz", test_split=0.2, seed=113):
    """``(x_train, y_train), (x_test, y_test)``: 13 features per district, and prices.

    ``test_split`` is the fraction kept for testing (0 <= test_split < 1); ``seed``
    chooses the shuffle (NumPy's ``RandomState(seed)``, as Keras does).  Use::

        (train_data, train_targets), (test_data, test_targets) = boston_housing.load_data()
        train_data.shape        # (404, 13)

    Example::

        >>> from teachtensor.keras.datasets import boston_housing
        >>> print(boston_housing.ORIGIN)   # downloaded once, then read from ~/.keras
        https://storage.googleapis.com/tensorflow/tf-keras-datasets/boston_housing.npz
    """
    if not 0 <= test_split < 1:
        raise ValueError(f"test_split={test_split!r}: it is the fraction of the districts "
                         f"kept for testing, so it must be at least 0 and below 1 (0.2 "
                         f"keeps one in five).")
    path = get_file(path, origin=ORIGIN, file_hash=FILE_HASH)
    with np.load(path, allow_pickle=False) as arrays:
        x, y = arrays["x"], arrays["y"]
    order = np.arange(len(x))
    np.random.RandomState(seed).shuffle(order)
    x, y = x[order], y[order]
    n_train = int(len(x) * (1 - test_split))
    return (x[:n_train], y[:n_train]), (x[n_train:], y[n_train:])
