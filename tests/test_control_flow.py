"""tf.cond, tf.while_loop and tf.map_fn: TensorFlow's eager results (checked against
TensorFlow 2.21), gradients through them against finite differences (first and second
order), and the mistakes TensorFlow refuses, refused here with what to do."""
import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import teachtensor as tf
from teachtensor.testing import check_gradients

shapes = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=3)


def arrays(shape):
    return hnp.arrays(np.float64, shape, elements=st.floats(-2.0, 2.0))


# ---- cond ----------------------------------------------------------------------------

def test_cond_runs_only_the_branch_taken_and_returns_its_value_as_it_is():
    ran = []
    assert tf.cond(True, lambda: ran.append("t") or 1, lambda: ran.append("f") or 2) == 1
    assert ran == ["t"]
    assert float(tf.cond(tf.constant(2.0) > 1, lambda: tf.constant(1.0),
                         lambda: tf.constant(2.0))) == 1.0
    assert tf.cond(tf.constant(0.0), lambda: 1, lambda: 2) == 2  # a number's truth
    assert tf.cond(3, lambda: 1, lambda: 2) == 1
    pair = tf.cond(True, lambda: [tf.constant(1)], lambda: [tf.constant(2)])
    assert isinstance(pair, list) and int(pair[0]) == 1  # (TensorFlow keeps the list)


@pytest.mark.parametrize("call, message", [
    (lambda: tf.cond(tf.constant([True, False]), lambda: 1, lambda: 2), "tf.reduce_all"),
    (lambda: tf.cond(True, lambda: 1), "'false_fn' argument required"),
    (lambda: tf.cond(True, 1, lambda: 2), "'true_fn' must be callable"),
])
def test_cond_mistakes(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()


@settings(max_examples=15, deadline=None)
@given(shapes.flatmap(arrays))
def test_gradients_flow_through_the_branch_taken(x):
    assume(abs(x.sum()) > 0.1)  # finite differences must not step across the switch

    def f(t):
        return tf.cond(tf.reduce_sum(t) > 0, lambda: tf.sin(t) * t, lambda: t * t * t)
    check_gradients(f, x, order=2)


# ---- while_loop ------------------------------------------------------------------------

def test_while_loop_gives_tensorflows_results():
    (ten,) = tf.while_loop(lambda i: i < 10, lambda i: (i + 1,), [0])
    assert int(ten) == 10 and ten.dtype == tf.int32
    i, doubled = tf.while_loop(lambda i, s: i < 4, lambda i, s: (i + 1, s * 2.0),
                               (0, tf.constant(1.0)))
    assert (int(i), float(doubled)) == (4, 16.0)
    (three,) = tf.while_loop(lambda i: i < 10, lambda i: (i + 1,), [0], maximum_iterations=3)
    assert int(three) == 3
    (never,) = tf.while_loop(lambda i: i < 0, lambda i: (i + 1,), [5])
    assert isinstance(never, tf.Tensor) and int(never) == 5  # converted, as TF does
    # shapes and dtypes may change from pass to pass (eager TensorFlow allows it)
    (grown,) = tf.while_loop(lambda x: tf.size(x) < 4, lambda x: (tf.concat([x, x], 0),),
                             [tf.constant([1.0])])
    assert grown.shape == (4,)


@pytest.mark.parametrize("call, error, message", [
    (lambda: tf.while_loop(lambda i: i < 3, lambda i: i + 1, [0]), TypeError, "note the comma"),
    (lambda: tf.while_loop(lambda i, s: i < 3, lambda i, s: (i + 1,), (0, 1.0)), ValueError,
     r"structure \(x, x\), got \(x,\)"),
    (lambda: tf.while_loop(lambda i: i < 3, lambda i: (i + 1,), tf.constant(0)), ValueError,
     "non-empty list or tuple"),
    (lambda: tf.while_loop(lambda i: i < 3, lambda i: (i + 1,), []), ValueError,
     "non-empty list or tuple"),
    (lambda: tf.while_loop(lambda i: tf.constant([True, True]), lambda i: (i,), [0]),
     ValueError, "one true or false"),
    (lambda: tf.while_loop(lambda i: i < 3, lambda i: (i,), [0], maximum_iterations=[1, 2]),
     ValueError, "maximum_iterations"),
])
def test_while_loop_mistakes(call, error, message):
    with pytest.raises(error, match=message):
        call()


@settings(max_examples=15, deadline=None)
@given(shapes.flatmap(arrays), st.integers(1, 3))
def test_gradients_flow_through_every_pass_of_a_loop(x, passes):
    def f(t):
        _, y = tf.while_loop(lambda i, y: i < passes, lambda i, y: (i + 1, tf.sin(y) * t),
                             (0, t))
        return y
    check_gradients(f, x, order=2)


def test_a_loop_of_three_multiplications_has_the_derivative_of_a_cube():
    v = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        _, y = tf.while_loop(lambda i, s: i < 3, lambda i, s: (i + 1, s * v),
                             (0, tf.constant(1.0)))
    assert float(tape.gradient(y, v)) == 27.0  # d(v^3)/dv = 3 v^2 (TensorFlow: 27.0)


# ---- map_fn ----------------------------------------------------------------------------

def test_map_fn_gives_tensorflows_results():
    doubled = tf.map_fn(lambda row: row * 2, tf.constant([[1, 2], [3, 4]]))
    assert doubled.dtype == tf.int32 and doubled.numpy().tolist() == [[2, 4], [6, 8]]
    sums = tf.map_fn(tf.reduce_sum, tf.ones((3, 4)))
    assert sums.numpy().tolist() == [4.0, 4.0, 4.0]
    cast = tf.map_fn(lambda x: tf.cast(x, tf.float32), tf.constant([1, 2]),
                     fn_output_signature=tf.float32)
    assert cast.dtype == tf.float32
    pair = tf.map_fn(lambda x: (x, x * 2.0), tf.constant([1.0, 2.0]),
                     fn_output_signature=(tf.float32, tf.TensorSpec((), tf.float32)))
    assert [p.numpy().tolist() for p in pair] == [[1.0, 2.0], [2.0, 4.0]]
    added = tf.map_fn(lambda ab: ab[0] + ab[1], (tf.constant([1, 2]), tf.constant([10, 20])),
                      fn_output_signature=tf.int32)
    assert added.numpy().tolist() == [11, 22]
    assert tf.map_fn(lambda x: x + 1, np.array([1.0, 2.0])).dtype == tf.float64
    empty = tf.map_fn(lambda x: x + 1, tf.zeros((0, 3)))
    assert empty.shape == (0,) and empty.dtype == tf.float32  # TensorFlow's (0,) too


@pytest.mark.parametrize("call, error, message", [
    (lambda: tf.map_fn(lambda x: tf.cast(x, tf.float32), tf.constant([1, 2])),
     tf.errors.InvalidArgumentError, "fn_output_signature=tf.float32"),
    (lambda: tf.map_fn(lambda x: x + 1, [1.0, 2.0]), ValueError, r"tf.constant\(\[...\]\)"),
    (lambda: tf.map_fn(lambda x: x + 1, tf.constant(1.0)), ValueError, "not scalars"),
    (lambda: tf.map_fn(lambda x: (x, x), tf.constant([1, 2])), ValueError,
     r"structure x \(that of elems\)"),
    (lambda: tf.map_fn(lambda x: x[:int(x[0])], tf.constant([[1., 0], [2., 3]])), ValueError,
     r"shape \(2,\) for row 1 but \(1,\) for row 0"),
    (lambda: tf.map_fn(lambda ab: ab[0], (tf.ones((2,)), tf.ones((3,)))), ValueError,
     "same first length"),
])
def test_map_fn_mistakes(call, error, message):
    with pytest.raises(error, match=message):
        call()


@settings(max_examples=15, deadline=None)
@given(shapes.flatmap(arrays))
def test_gradients_flow_through_each_row(x):
    check_gradients(lambda t: tf.map_fn(lambda row: tf.sin(row) * tf.reduce_sum(row), t),
                    x, order=2)


def test_map_fn_checks_the_shape_a_tensor_spec_gives():
    with pytest.raises(ValueError, match=r"fn_output_signature says \(3,\)"):
        tf.map_fn(lambda row: row, tf.ones((2, 2)),
                  fn_output_signature=tf.TensorSpec((3,), tf.float32))
    ok = tf.map_fn(lambda row: row, tf.ones((2, 2)),
                   fn_output_signature=tf.TensorSpec((None,), tf.float32))
    assert ok.shape == (2, 2)


def test_vectorized_map_takes_fns_dtypes_as_tensorflow_does():
    doubled = tf.vectorized_map(lambda x: tf.cast(x, tf.float32) * 2,
                                tf.constant([[1, 2], [3, 4]]))
    assert doubled.dtype == tf.float32 and doubled.numpy().tolist() == [[2, 4], [6, 8]]
    total, first = tf.vectorized_map(lambda ab: (ab[0] + ab[1], ab[0]),
                                     (tf.constant([1, 2]), tf.constant([10, 20])))
    assert total.numpy().tolist() == [11, 22] and first.numpy().tolist() == [1, 2]
    assert tf.vectorized_map(lambda x: 3.0, tf.constant([1, 2])).numpy().tolist() == [3, 3]
    empty = tf.vectorized_map(tf.reduce_sum, tf.zeros((0, 3)))  # TensorFlow 2.21: (0,)
    assert empty.shape == (0,) and empty.dtype == tf.float32
    calls = []
    tf.vectorized_map(lambda x: calls.append(1) or x, tf.ones((3, 2)))
    assert len(calls) == 3  # once per row


@settings(max_examples=10, deadline=None)
@given(shapes.flatmap(arrays))
def test_vectorized_map_gradients(x):
    check_gradients(lambda t: tf.vectorized_map(lambda row: tf.tanh(row) * row, t), x, order=2)
