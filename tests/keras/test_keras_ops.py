"""keras.ops: every operation against Keras 3.15's results (TensorFlow backend).

Each case below was run with Keras 3.15 / TensorFlow 2.21 and teachtensor; the table
holds Keras's answer: the dtype of the result (Keras's type promotion, see
``keras/ops/promotion.py``) and its values.  Shapes come with the values.
"""
import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import ops

i32 = np.array([1, 2], "int32")
i64 = np.array([1, 2], "int64")
i8 = np.array([1, 2], "int8")
u8 = np.array([1, 2], "uint8")
f32 = np.array([1.0, 2.0], "float32")
f64 = np.array([1.0, 2.0])
b = np.array([True, False])
m = np.array([[1.0, 2.0], [3.0, 4.0]], "float32")

# (the call, Keras 3.15's dtype, Keras 3.15's values); "tuple" for ops.shape
KERAS_RESULTS = [
    ('ops.add(i64, f32)', 'float32', [2.0, 4.0]),
    ('ops.add(i32, f64)', 'float64', [2.0, 4.0]),
    ('ops.add(u8, i8)', 'int16', [2, 4]),
    ('ops.add(b, i32)', 'int32', [2, 2]),
    ('ops.add(b, f32)', 'float32', [2.0, 2.0]),
    ('ops.add(i32, i64)', 'int64', [2, 4]),
    ('ops.add(i64, 1.5)', 'float32', [2.5, 3.5]),
    ('ops.add(f64, 1.5)', 'float64', [2.5, 3.5]),
    ('ops.add(u8, 1)', 'uint8', [2, 3]),
    ('ops.add(b, 1)', 'int32', [2, 1]),
    ('ops.add(b, 1.)', 'float32', [2.0, 1.0]),
    ('ops.add(1, 2)', 'int32', 3),
    ('ops.add([1., 2.], 1)', 'float32', [2.0, 3.0]),
    ('ops.add(f32, f64)', 'float64', [2.0, 4.0]),
    ('ops.subtract(f32, 1)', 'float32', [0.0, 1.0]),
    ('ops.multiply(i32, f32)', 'float32', [1.0, 4.0]),
    ('ops.divide(i64, i64)', 'float32', [1.0, 1.0]),
    ('ops.divide(i32, 2)', 'float32', [0.5, 1.0]),
    ('ops.divide(f64, 2)', 'float64', [0.5, 1.0]),
    ('ops.divide(3, 2)', 'float32', 1.5),
    ('ops.power(i32, 2)', 'int32', [1, 4]),
    ('ops.power(i32, .5)', 'float32', [1.0, 1.4142135381698608]),
    ('ops.power(2., 3)', 'float32', 8.0),
    ('ops.negative(m)', 'float32', [[-1.0, -2.0], [-3.0, -4.0]]),
    ('ops.maximum(f64, 1.5)', 'float64', [1.5, 2.0]),
    ('ops.minimum(i32, f32)', 'float32', [1.0, 2.0]),
    ('ops.clip(m, 1.5, 3)', 'float32', [[1.5, 2.0], [3.0, 3.0]]),
    ('ops.clip(np.array([1, 5, 9]), 2, 6)', 'int64', [2, 5, 6]),
    ('ops.clip(f32, 3., 1.)', 'float32', [3.0, 3.0]),
    ('ops.abs(np.array([-1, 2]))', 'int64', [1, 2]),
    ('ops.absolute(-m)', 'float32', [[1.0, 2.0], [3.0, 4.0]]),
    ('ops.square(np.array([1, 2]))', 'int64', [1, 4]),
    ('ops.square(b)', 'int32', [1, 0]),
    ('ops.square(3)', 'int32', 9),
    ('ops.sqrt(i64)', 'float32', [1.0, 1.4142135381698608]),
    ('ops.sqrt(b)', 'float32', [1.0, 0.0]),
    ('ops.sqrt(np.array([4.]))', 'float64', [2.0]),
    ("ops.exp(np.array([0, 1], 'int32'))", 'float32', [1.0, 2.7182817459106445]),
    ('ops.exp(f64)', 'float64', [2.718281828459045, 7.38905609893065]),
    ('ops.log(np.array([1., np.e]))', 'float64', [0.0, 1.0]),
    ('ops.tanh(1)', 'float32', 0.7615941762924194),
    ('ops.sin(0.)', 'float32', 0.0),
    ('ops.cos(np.array([0.]))', 'float64', [1.0]),
    ('ops.sign(np.array([-2., 0, 3]))', 'float64', [-1.0, 0.0, 1.0]),
    ('ops.floor(np.array([-2.5, 3.5]))', 'float64', [-3.0, 3.0]),
    ('ops.round(np.array([0.5, 1.5, 2.5]))', 'float64', [0.0, 2.0, 2.0]),
    ('ops.round(np.array([1.234, 5.678]), 1)', 'float64', [1.2, 5.7]),
    ('ops.equal(i32, f32)', 'bool', [True, True]),
    ('ops.not_equal(f32, 2)', 'bool', [True, False]),
    ('ops.less(m, 2)', 'bool', [[True, False], [False, False]]),
    ('ops.less_equal(m, 2)', 'bool', [[True, True], [False, False]]),
    ('ops.greater(m, 2)', 'bool', [[False, False], [True, True]]),
    ('ops.greater_equal(m, 2)', 'bool', [[False, True], [True, True]]),
    ('ops.logical_and(np.array([1, 0]), np.array([True, True]))', 'bool', [True, False]),
    ('ops.logical_or(b, np.array([False, False]))', 'bool', [True, False]),
    ('ops.logical_not(b)', 'bool', [False, True]),
    ('ops.where(m > 2, m, 0)', 'float32', [[0.0, 0.0], [3.0, 4.0]]),
    ('ops.where(b, i32, f32)', 'float32', [1.0, 2.0]),
    ('ops.where(b, 1, 0)', 'int32', [1, 0]),
    ('ops.where(b, 1., 0)', 'float32', [1.0, 0.0]),
    ('ops.sum(m)', 'float32', 10.0),
    ('ops.sum(m, axis=0)', 'float32', [4.0, 6.0]),
    ('ops.sum(m, axis=(0, 1))', 'float32', 10.0),
    ('ops.sum(m, axis=1, keepdims=True)', 'float32', [[3.0], [7.0]]),
    ('ops.sum(i32)', 'int32', 3),
    ('ops.sum(b)', 'int32', 1),
    ('ops.sum(i8)', 'int32', 3),
    ('ops.sum(np.ones(3))', 'float64', 3.0),
    ('ops.mean(m)', 'float32', 2.5),
    ('ops.mean(m, axis=1)', 'float32', [1.5, 3.5]),
    ('ops.mean(b)', 'float32', 0.5),
    ('ops.mean(i64)', 'float32', 1.5),
    ('ops.mean(f64)', 'float64', 1.5),
    ('ops.mean([1, 2, 4])', 'float32', 2.3333332538604736),
    ('ops.max(m, axis=0)', 'float32', [3.0, 4.0]),
    ('ops.max(m, axis=0, initial=10.)', 'float32', [10.0, 10.0]),
    ('ops.max(b)', 'bool', True),
    ('ops.min(m, axis=1, keepdims=True)', 'float32', [[1.0], [3.0]]),
    ('ops.min(m, initial=0.)', 'float32', 0.0),
    ('ops.prod(m)', 'float32', 24.0),
    ('ops.std(m)', 'float32', 1.1180340051651),
    ('ops.var(m, axis=0)', 'float32', [1.0, 1.0]),
    ('ops.argmax(m, axis=1)', 'int32', [1, 1]),
    ('ops.argmax(m)', 'int32', 3),
    ('ops.argmax(m, axis=1, keepdims=True)', 'int32', [[1], [1]]),
    ('ops.argmax(f64)', 'int32', 1),
    ('ops.argmin(m, axis=0)', 'int32', [0, 0]),
    ('ops.matmul(m, m)', 'float32', [[7.0, 10.0], [15.0, 22.0]]),
    ('ops.matmul(m, f32)', 'float32', [5.0, 11.0]),
    ('ops.matmul(f32, f32)', 'float32', 5.0),
    ("ops.matmul(np.ones((2, 2, 3), 'float32'), np.ones((3, 4), 'float32'))", 'float32', [[[3.0, 3.0, 3.0, 3.0], [3.0, 3.0, 3.0, 3.0]], [[3.0, 3.0, 3.0, 3.0], [3.0, 3.0, 3.0, 3.0]]]),
    ('ops.matmul(i32, f32)', 'float32', 5.0),
    ('ops.dot(f64, f64)', 'float64', 5.0),
    ('ops.dot(m, m)', 'float32', [[7.0, 10.0], [15.0, 22.0]]),
    ('ops.dot(m, 2.)', 'float32', [[2.0, 4.0], [6.0, 8.0]]),
    ('ops.dot(m, f32)', 'float32', [5.0, 11.0]),
    ("ops.dot(np.ones((2, 3, 4), 'float32'), np.ones((6, 4, 5), 'float32'))", 'float32', [[[[4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0]], [[4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0]], [[4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0]]], [[[4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0]], [[4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0]], [[4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0, 4.0]]]]),
    ("ops.dot(np.ones(4, 'float32'), np.ones((4, 5), 'float32'))", 'float32', [4.0, 4.0, 4.0, 4.0, 4.0]),
    ('ops.tensordot(m, m, axes=1)', 'float32', [[7.0, 10.0], [15.0, 22.0]]),
    ('ops.tensordot(m, m)', 'float32', 30.0),
    ('ops.reshape(np.arange(6), (3, -1))', 'int64', [[0, 1], [2, 3], [4, 5]]),
    ('ops.transpose(np.arange(6).reshape(2, 3))', 'int64', [[0, 3], [1, 4], [2, 5]]),
    ('ops.transpose(np.ones((2, 3, 4)), axes=(2, 0, 1))', 'float64', [[[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]], [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]], [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]], [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]]),
    ('ops.expand_dims(f32, -1)', 'float32', [[1.0], [2.0]]),
    ('ops.expand_dims(f32, 0)', 'float32', [[1.0, 2.0]]),
    ('ops.squeeze(np.ones((1, 3, 1)))', 'float64', [1.0, 1.0, 1.0]),
    ('ops.squeeze(np.ones((1, 3, 1)), axis=0)', 'float64', [[1.0], [1.0], [1.0]]),
    ('ops.concatenate([m, m], axis=1)', 'float32', [[1.0, 2.0, 1.0, 2.0], [3.0, 4.0, 3.0, 4.0]]),
    ('ops.concatenate([m, m])', 'float32', [[1.0, 2.0], [3.0, 4.0], [1.0, 2.0], [3.0, 4.0]]),
    ('ops.concatenate([i32, f32])', 'float32', [1.0, 2.0, 1.0, 2.0]),
    ("ops.stack([f32, np.zeros(2, 'float32')], axis=1)", 'float32', [[1.0, 0.0], [2.0, 0.0]]),
    ('ops.stack([i32, f32])', 'float32', [[1.0, 2.0], [1.0, 2.0]]),
    ('ops.tile(np.array([1, 2]), 2)', 'int64', [1, 2, 1, 2]),
    ('ops.tile(np.array([1, 2]), (2, 2))', 'int64', [[1, 2, 1, 2], [1, 2, 1, 2]]),
    ('ops.tile(m, (1, 2))', 'float32', [[1.0, 2.0, 1.0, 2.0], [3.0, 4.0, 3.0, 4.0]]),
    ('ops.ones((2,))', 'float32', [1.0, 1.0]),
    ("ops.ones(3, dtype='int32')", 'int32', [1, 1, 1]),
    ('ops.zeros((2, 1))', 'float32', [[0.0], [0.0]]),
    ('ops.zeros([2, 1])', 'float32', [[0.0], [0.0]]),
    ("ops.zeros(2, dtype='float64')", 'float64', [0.0, 0.0]),
    ('ops.full((2,), 7)', 'float32', [7.0, 7.0]),
    ('ops.full((2,), 7.5)', 'float32', [7.5, 7.5]),
    ("ops.full((2,), 7, dtype='int32')", 'int32', [7, 7]),
    ('ops.ones_like(m)', 'float32', [[1.0, 1.0], [1.0, 1.0]]),
    ("ops.ones_like(m, dtype='int32')", 'int32', [[1, 1], [1, 1]]),
    ('ops.zeros_like(i32)', 'int32', [0, 0]),
    ('ops.arange(5)', 'int32', [0, 1, 2, 3, 4]),
    ('ops.arange(0., 1., 0.25)', 'float32', [0.0, 0.25, 0.5, 0.75]),
    ('ops.arange(1, 5, 2)', 'int32', [1, 3]),
    ('ops.arange(3.)', 'float32', [0.0, 1.0, 2.0]),
    ('ops.arange(0, 1, 0.5)', 'float32', [0.0, 0.5]),
    ("ops.arange(3, dtype='float32')", 'float32', [0.0, 1.0, 2.0]),
    ('ops.one_hot(np.array([0, 2]), 3)', 'float32', [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]),
    ("ops.one_hot(np.array([0, 2]), 3, dtype='int32')", 'int32', [[1, 0, 0], [0, 0, 1]]),
    ('ops.one_hot(np.array([0, 2]), 3, axis=0)', 'float32', [[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]]),
    ('ops.one_hot(np.array([-1, 5]), 3)', 'float32', [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]),
    ('ops.relu(np.array([-1., 2.]))', 'float64', [0.0, 2.0]),
    ('ops.relu([-1., 2.])', 'float32', [0.0, 2.0]),
    ('ops.relu(i32)', 'int32', [1, 2]),
    ('ops.sigmoid(np.array([0.]))', 'float64', [0.5]),
    ("ops.sigmoid(np.array([-1., 0., 1.], 'float32'))", 'float32', [0.2689414322376251, 0.5, 0.7310585975646973]),
    ('ops.softmax(m)', 'float32', [[0.2689414322376251, 0.7310585379600525], [0.2689414322376251, 0.7310585379600525]]),
    ('ops.softmax(m, axis=0)', 'float32', [[0.11920291185379028, 0.11920291185379028], [0.8807970285415649, 0.8807970285415649]]),
    ("ops.softmax(np.ones((2, 2), 'float32'), axis=(0, 1))", 'float32', [[0.25, 0.25], [0.25, 0.25]]),
    ('ops.log_softmax(m)', 'float32', [[-1.31326162815094, -0.31326165795326233], [-1.31326162815094, -0.31326165795326233]]),
    ("ops.sparse_categorical_crossentropy(np.array([1, 0]), np.array([[0.3, 0.7], [0.9, 0.1]], 'float32'))", 'float32', [0.3566749691963196, 0.10536056011915207]),
    ("ops.sparse_categorical_crossentropy(np.array([[1], [0]]), np.array([[0.3, 0.7], [0.9, 0.1]], 'float32'))", 'float32', [0.3566749691963196, 0.10536056011915207]),
    ("ops.sparse_categorical_crossentropy(np.array([1, 0]), np.array([[0.3, 0.7], [0.9, 0.1]], 'float32'), from_logits=True)", 'float32', [0.5130152702331543, 0.37110069394111633]),
    ("ops.sparse_categorical_crossentropy(np.array([1, 0]), np.array([[1.0, 0.0], [0.9, 0.1]], 'float32'))", 'float32', [16.11809539794922, 0.10536056011915207]),
    ('ops.sparse_categorical_crossentropy(np.array([1, 0]), np.array([[0.3, 0.7], [0.9, 0.1]]))', 'float64', [0.3566749439387324, 0.10536051565782635]),
    ("ops.categorical_crossentropy(np.array([[0., 1.]], 'float32'), np.array([[0.3, 0.7]], 'float32'))", 'float32', [0.3566749691963196]),
    ("ops.categorical_crossentropy(np.array([[0., 1.]], 'float32'), np.array([[0.6, 1.4]], 'float32'))", 'float32', [0.3566749691963196]),
    ("ops.categorical_crossentropy(np.array([[0., 1.]], 'float32'), np.array([[1., 3.]], 'float32'), from_logits=True)", 'float32', [0.12692804634571075]),
    ("ops.binary_crossentropy(np.array([[0., 1.]], 'float32'), np.array([[0.3, 0.7]], 'float32'))", 'float32', [[0.3566749691963196, 0.3566749691963196]]),
    ("ops.binary_crossentropy(np.array([[0., 1.]], 'float32'), np.array([[0., 0.]], 'float32'))", 'float32', [[1.1920928955078125e-07, 16.11809539794922]]),
    ("ops.binary_crossentropy(np.array([[0., 1.]], 'float32'), np.array([[0., 2.]], 'float32'), from_logits=True)", 'float32', [[0.6931471824645996, 0.12692800164222717]]),
    ("ops.cast(m, 'int32')", 'int32', [[1, 2], [3, 4]]),
    ("ops.cast(np.array([1.7, -1.7]), 'int32')", 'int32', [1, -1]),
    ("ops.cast(b, 'float32')", 'float32', [1.0, 0.0]),
    ('ops.convert_to_tensor([1, 2])', 'int32', [1, 2]),
    ('ops.convert_to_tensor([1., 2.])', 'float32', [1.0, 2.0]),
    ('ops.convert_to_tensor(np.ones(2))', 'float64', [1.0, 1.0]),
    ("ops.convert_to_tensor([1, 2], dtype='float32')", 'float32', [1.0, 2.0]),
    ('ops.shape(m)', 'tuple', [2, 2]),
    ('ops.shape(np.ones((2, 3, 1)))', 'tuple', [2, 3, 1]),
    ('ops.cond(True, lambda: ops.ones(2), lambda: ops.zeros(2))', 'float32', [1.0, 1.0]),
    ('ops.cond(ops.convert_to_tensor(False), lambda: ops.ones(2), lambda: ops.zeros(2))', 'float32', [0.0, 0.0]),
    ('ops.stop_gradient(m)', 'float32', [[1.0, 2.0], [3.0, 4.0]]),
    ("ops.mean(ops.argmax(m, axis=1) == np.array([1, 0], 'uint8'))", 'float32', 0.5),
]

# Calls Keras 3.15 refuses (with an error); teachtensor refuses them too.
KERAS_REFUSES = [
    "ops.matmul(np.ones((2, 3), 'float32'), np.ones((2, 4), 'float32'))",
    'ops.squeeze(np.ones((2, 3, 1)), axis=0)',
    'ops.reshape(np.arange(6), (4, -1))',
    'ops.where(m > 2, m)',
    'ops.clip(i32, 1.5, 3)',
    "ops.cast(f32, 'float23')",
    'ops.sum(f32, axis=1)',
]


@pytest.mark.parametrize("call, dtype, values", KERAS_RESULTS, ids=[c[0] for c in KERAS_RESULTS])
def test_an_operation_gives_what_keras_gives(call, dtype, values):
    result = eval(call)
    if dtype == "tuple":
        assert result == tuple(values) and type(result) is tuple
        return
    if isinstance(result, list):  # where(condition): one tensor of indices per axis
        result = np.stack([np.asarray(r) for r in result])
    assert isinstance(result, (tf.Tensor, np.ndarray))
    assert result.dtype == dtype, f"{call} is {result.dtype}, Keras gives {dtype}"
    expected = np.array(values)
    assert np.shape(result) == expected.shape
    np.testing.assert_allclose(np.asarray(result, dtype="float64"), expected.astype("float64"),
                               rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("call", KERAS_REFUSES)
def test_what_keras_refuses_is_refused(call):
    with pytest.raises((TypeError, ValueError)):
        eval(call)


def test_results_are_teachtensor_tensors_that_print_as_tensorflows():
    x = ops.add(np.ones(2, "float32"), 1)
    assert type(x) is tf.Tensor
    assert str(x) == "teachtensor.Tensor([2. 2.], shape=(2,), dtype=float32)"
    assert str(x.dtype) == "<dtype: 'float32'>"
    assert type(ops.convert_to_tensor(keras.Variable(np.ones(2, "float32")))) is tf.Tensor


def test_gradients_flow_through_keras_ops():
    """The book's NaiveDense computes with keras.ops under a GradientTape."""
    W = tf.Variable([[1.0, -2.0], [0.5, 1.5]])
    x = np.array([[1.0, 2.0], [3.0, -1.0]], "float32")
    labels = np.array([0, 1])
    with tf.GradientTape() as tape:
        y = ops.softmax(ops.relu(ops.matmul(x, W)))
        loss = ops.mean(ops.sparse_categorical_crossentropy(labels, y))
    grad = tape.gradient(loss, W)
    eps, numeric = 1e-3, np.zeros((2, 2))
    for i in range(2):
        for j in range(2):
            for sign in (1, -1):
                w = W.numpy().astype("float64")
                w[i, j] += sign * eps
                p = np.maximum(x @ w, 0)
                p = np.exp(p) / np.exp(p).sum(axis=1, keepdims=True)
                numeric[i, j] += sign * -np.log(p[[0, 1], labels]).mean() / (2 * eps)
    np.testing.assert_allclose(grad.numpy(), numeric, rtol=1e-2, atol=1e-3)


def test_promotion_is_differentiable_and_keeps_variables_watched():
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        y = ops.sum(ops.multiply(v, np.array([3, 4], "int32")))  # int32 becomes float32
    np.testing.assert_array_equal(tape.gradient(y, v).numpy(), [3.0, 4.0])


def test_where_with_only_x1_is_refused_as_in_keras():
    with pytest.raises(ValueError, match="both x1 and x2, or neither"):
        ops.where(m > 2, m)


def test_sparse_and_ragged_are_out_of_scope():
    with pytest.raises(NotImplementedError, match="out of scope"):
        ops.convert_to_tensor([1, 2], sparse=True)
    with pytest.raises(NotImplementedError, match="out of scope"):
        ops.convert_to_tensor([1, 2], ragged=True)
    with pytest.raises(NotImplementedError, match="out of scope"):
        ops.one_hot([0, 1], 2, sparse=True)


def test_floatx_sets_the_dtype_ops_create():
    keras.config.set_floatx("float64")
    try:
        assert ops.ones(2).dtype == "float64" and ops.arange(2.0).dtype == "float64"
        assert ops.full((1,), 2).dtype == "float64" and ops.mean(i32).dtype == "float64"
        assert ops.convert_to_tensor([1.5]).dtype == "float32"  # as in Keras 3.15
    finally:
        keras.config.set_floatx("float32")
