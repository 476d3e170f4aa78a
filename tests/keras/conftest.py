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


@pytest.fixture
def leaves_weights_alone():
    """``with leaves_weights_alone(model): ...`` checks that the block changed none of
    the model's weights (BatchNormalization's moving statistics too) and, when the
    model has an optimizer, that no step was counted: what a refused call must leave."""
    import contextlib

    import numpy as np

    @contextlib.contextmanager
    def check(model):
        before = [w.copy() for w in model.get_weights()]
        optimizer = getattr(model, "optimizer", None)
        steps = None if optimizer is None else int(optimizer.iterations.numpy())
        yield
        after = model.get_weights()
        assert len(after) == len(before), "the block added or removed weights"
        for was, now in zip(before, after):
            np.testing.assert_array_equal(was, now)
        if steps is not None:
            assert int(optimizer.iterations.numpy()) == steps, "an optimizer step was taken"
    return check
