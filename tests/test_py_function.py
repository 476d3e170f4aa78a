"""tf.py_function, tf.numpy_function and tf.slice: TensorFlow 2.21's results, gradients
(through py_function's operations, none through numpy_function's NumPy; slice's against
finite differences), and the mistakes refused with what to do."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import teachtensor as tf
from teachtensor.testing import check_gradients


def test_py_function_gives_tensorflows_results():
    assert float(tf.py_function(lambda a, b: a + b, [1.0, 2.0], Tout=tf.float32)) == 3.0
    pair = tf.py_function(lambda a: [a, a * 2], [tf.constant(1.0)], Tout=[tf.float32, tf.float32])
    assert isinstance(pair, list) and [float(p) for p in pair] == [1.0, 2.0]
    # NumPy and Python values become Tout (float64 to float32, as TensorFlow does)
    value = tf.py_function(lambda a: np.float64(2.5), [tf.constant(1.0)], Tout=tf.float32)
    assert value.dtype == tf.float32 and float(value) == 2.5
    assert tf.py_function(lambda a: None, [tf.constant(1.0)], Tout=[]) == []
    doubled = tf.py_function(Tout=tf.float32)(lambda a: a * 2)(tf.constant(1.0))
    assert float(doubled) == 2.0


def test_gradients_flow_through_py_functions_operations_not_numpy_functions():
    x = tf.Variable(3.0)
    with tf.GradientTape(persistent=True) as tape:
        through_tf = tf.py_function(lambda a: a * a, [x], Tout=tf.float32)
        through_numpy = tf.numpy_function(lambda a: a * a, [x], Tout=tf.float32)
    assert float(tape.gradient(through_tf, x)) == 6.0  # TensorFlow 2.21: 6.0
    assert tape.gradient(through_numpy, x) is None     # TensorFlow 2.21: None


def test_numpy_function_hands_over_arrays_and_wants_touts_dtype():
    kinds = []
    out = tf.numpy_function(lambda a: kinds.append(type(a)) or np.sort(a),
                            [tf.constant([3.0, 1.0, 2.0])], Tout=tf.float32)
    assert kinds == [np.ndarray] and out.numpy().tolist() == [1.0, 2.0, 3.0]
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"astype\(np.float32\)"):
        tf.numpy_function(lambda a: a.astype(np.float64), [tf.constant([1.0])], Tout=tf.float32)


def test_both_work_in_a_dataset_map():
    ds = tf.data.Dataset.from_tensor_slices([1.0, 2.0])
    by_tf = ds.map(lambda x: tf.py_function(lambda a: a * 10, [x], Tout=tf.float32))
    by_numpy = ds.map(lambda x: tf.numpy_function(lambda a: a * 10, [x], Tout=tf.float32))
    assert [float(v) for v in by_tf] == [float(v) for v in by_numpy] == [10.0, 20.0]


@pytest.mark.parametrize("call, error, message", [
    (lambda: tf.py_function(lambda a: a, [tf.constant(1.0)]), TypeError, "Tout is required"),
    (lambda: tf.py_function(lambda a: a, tf.constant(1.0), Tout=tf.float32), TypeError,
     r"inp=\[x\]"),
    (lambda: tf.py_function(lambda a: tf.constant(2), [1.0], Tout=tf.float32),
     tf.errors.InvalidArgumentError, r"tf.cast\(value, tf.float32\)"),
    (lambda: tf.py_function(lambda a: [a, a], [1.0], Tout=[tf.float32]),
     tf.errors.InvalidArgumentError, "returned 2 value"),
])
def test_py_function_mistakes(call, error, message):
    with pytest.raises(error, match=message):
        call()


# ---- tf.slice ----------------------------------------------------------------------------

def test_slice_gives_tensorflows_results():
    x = tf.reshape(tf.range(12), (3, 4))
    assert tf.slice(x, [1, 0], [2, -1]).numpy().tolist() == [[4, 5, 6, 7], [8, 9, 10, 11]]
    assert tf.slice(tf.range(5), [2], [0]).shape == (0,)
    v = tf.Variable([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.slice(v, [0, 1], [-1, 2]))
    assert tape.gradient(y, v).numpy().tolist() == [[0.0, 1.0, 1.0], [0.0, 1.0, 1.0]]


@pytest.mark.parametrize("begin, size, message", [
    ([-1], [1], "negative starts are refused"),
    ([1, 0], [1], "one entry per axis"),
    ([1], [5], r"size\[0\] must be in \[0, 4\]"),
])
def test_slice_mistakes(begin, size, message):
    with pytest.raises(tf.errors.InvalidArgumentError, match=message):
        tf.slice(tf.range(5), begin, size)


@settings(max_examples=20, deadline=None)
@given(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4).flatmap(
    lambda shape: st.tuples(hnp.arrays(np.float64, shape, elements=st.floats(-2, 2)),
                            st.lists(st.integers(0, 3), min_size=len(shape),
                                     max_size=len(shape)))))
def test_slice_gradients_against_finite_differences(case):
    x, starts = case
    begin = [min(b, n - 1) for b, n in zip(starts, x.shape)]
    size = [-1 if i % 2 else n - b for i, (b, n) in enumerate(zip(begin, x.shape))]
    np.testing.assert_array_equal(
        tf.slice(x, begin, size).numpy(),
        x[tuple(slice(b, None) for b in begin)])
    check_gradients(lambda t: tf.sin(tf.slice(t, begin, size)) * 2.0, x, order=2)


def test_a_list_of_one_value_for_one_dtype_is_that_value_and_python_floats_are_float64():
    # TensorFlow 2.21: shape (2,), not (1, 2)
    assert tf.py_function(lambda x: [x], [tf.constant([1., 2.])], tf.float32).shape == (2,)
    with pytest.raises(tf.errors.InvalidArgumentError, match="returned 2 value"):
        tf.py_function(lambda x: (x, x), [tf.constant([1., 2.])], tf.float32)
    # a Python float is a float64 to NumPy, which TensorFlow's Dataset.map refuses for
    # Tout=tf.float32
    with pytest.raises(tf.errors.InvalidArgumentError, match="float64"):
        tf.numpy_function(lambda a: 1.0, [tf.constant(1.0)], tf.float32)
    spec = tf.TensorSpec((), tf.float32)
    assert tf.py_function(lambda x: x, [tf.constant(1.)], Tout=spec).dtype == tf.float32


@pytest.mark.parametrize("begin, size", [([1.5], [1]), ([[1]], [1]), ([True], [1])])
def test_slice_wants_integers(begin, size):
    with pytest.raises(tf.errors.InvalidArgumentError, match="one list of integers"):
        tf.slice(tf.range(5), begin, size)
