"""Shared fixtures for the Keras tests: fresh layer names and a fixed seed per test."""
import pytest

import teachtensor as tf
from teachtensor import keras


@pytest.fixture(autouse=True)
def fresh_session():
    keras.utils.clear_session()
    tf.random.set_seed(0)
    yield


@pytest.fixture
def linear_data():
    """The chapter's two point clouds: 2-D points, targets 0 or 1 of shape (N, 1)."""
    from teachtensor.demo import make_blobs
    return make_blobs(num_samples_per_class=200)
