"""Shared fixtures for the Keras tests: fresh layer names and a fixed seed per test."""
import numpy as np
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
    rng = np.random.default_rng(0)
    num = 200
    cov = [[1, 0.5], [0.5, 1]]
    negative = rng.multivariate_normal(mean=[0, 3], cov=cov, size=num)
    positive = rng.multivariate_normal(mean=[3, 0], cov=cov, size=num)
    inputs = np.vstack((negative, positive)).astype(np.float32)
    targets = np.vstack((np.zeros((num, 1), dtype="float32"),
                         np.ones((num, 1), dtype="float32")))
    return inputs, targets
