"""keras.activations beyond the chapter's five: relu's options, relu6, silu/swish, mish,
softsign, hard_sigmoid, log_sigmoid, log_softmax.  Values printed by Keras 3.15 for the
same inputs; gradients (first and second order) against finite differences."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import teachtensor as tf
from teachtensor import keras
from teachtensor.testing import check_gradients

A = keras.activations
X = np.array([[-4.0, -1.0, 0.0, 0.5, 2.0, 7.0]], "float32")

RELU_OPTIONS = [  # (options, Keras 3.15's result for X)
    (dict(negative_slope=0.1, max_value=5.0, threshold=1.0), [-0.5, -0.2, -0.1, -0.05, 2, 5]),
    (dict(negative_slope=0.1), [-0.4, -0.1, 0, 0.5, 2, 7]),
    (dict(max_value=6.0), [0, 0, 0, 0.5, 2, 6]),
    (dict(threshold=1.0), [0, 0, 0, 0, 2, 7]),
    (dict(negative_slope=0.5, threshold=1.0), [-2.5, -1, -0.5, -0.25, 2, 7]),
    (dict(negative_slope=0.5, max_value=1.5), [-2, -0.5, 0, 0.5, 1.5, 1.5]),
    (dict(max_value=3.0, threshold=-1.0), [0, 0, 0, 0.5, 2, 3]),
]

KERAS_VALUES = {
    "relu6": [0.0, 0.0, 0.0, 0.5, 2.0, 6.0],
    "silu": [-0.071945, -0.268941, 0.0, 0.31123, 1.761594, 6.993623],
    "swish": [-0.071945, -0.268941, 0.0, 0.31123, 1.761594, 6.993623],
    "log_softmax": [-11.00946, -8.00946, -7.00946, -6.50946, -5.00946, -0.00946],
    "softsign": [-0.8, -0.5, 0.0, 0.333333, 0.666667, 0.875],
    "log_sigmoid": [-4.01815, -1.313262, -0.693147, -0.474077, -0.126928, -0.000911],
    "hard_sigmoid": [0.0, 0.333333, 0.5, 0.583333, 0.833333, 1.0],
    "mish": [-0.072592, -0.303401, 0.0, 0.375245, 1.943959, 6.999989],
}


@pytest.mark.parametrize("options, expected", RELU_OPTIONS)
def test_relu_options_as_keras(options, expected):
    out = A.relu(X, **options).numpy()
    np.testing.assert_allclose(out, [expected], rtol=1e-6, atol=1e-7)
    assert not np.signbit(out[out == 0]).any()  # zeros, not -0.0


@pytest.mark.parametrize("name", sorted(KERAS_VALUES))
def test_more_activations_as_keras(name):
    np.testing.assert_allclose(A.get(name)(X).numpy(), [KERAS_VALUES[name]], rtol=1e-5,
                               atol=2e-6)
    assert A.serialize(A.get(name)) == ("silu" if name == "swish" else name)


def test_relu_with_no_options_is_tf_nn_relu_and_saves_as_relu():
    np.testing.assert_array_equal(A.relu(X).numpy(), tf.nn.relu(X).numpy())
    assert A.serialize(tf.nn.relu) == A.serialize(A.relu) == "relu"
    dense = keras.layers.Dense(2, activation=tf.nn.relu)
    assert dense.get_config()["activation"] == "relu"


def test_new_activations_in_layers_save_by_name(tmp_path):
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(2, activation="mish"),
                              keras.layers.Activation("hard_sigmoid")])
    assert [layer.get_config()["activation"] for layer in model.layers] == ["mish",
                                                                            "hard_sigmoid"]
    model.save(tmp_path / "m.keras")
    again = keras.models.load_model(tmp_path / "m.keras")
    np.testing.assert_allclose(again.predict(X, verbose=0), model.predict(X, verbose=0))


smooth = hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=2, max_side=3),
                    elements=st.floats(-2.5, 2.5))
SMOOTH = {"silu": A.silu, "mish": A.mish, "log_sigmoid": A.log_sigmoid,
          "log_softmax": A.log_softmax,
          "softsign": lambda x: A.softsign(x + 0.05),  # (|x| has a corner at 0)
          "relu_slope": lambda x: A.relu(x, negative_slope=0.3)}


@pytest.mark.parametrize("name", sorted(SMOOTH))
@settings(max_examples=15, deadline=None)
@given(x=smooth)
def test_gradients_first_and_second_order(name, x):
    if name in ("softsign", "relu_slope"):
        x = np.where(np.abs(x + 0.05) < 0.1, x + 0.3, x)  # away from the corner
    check_gradients(SMOOTH[name], x, order=2)
