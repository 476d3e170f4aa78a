"""tf.debugging: each check passes where TensorFlow 2.21's does and raises its error,
with its report, where TensorFlow's does."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import teachtensor as tf
from teachtensor import debugging

InvalidArgument = tf.errors.InvalidArgumentError

PASSING = [
    lambda: debugging.assert_equal(tf.constant([1, 2]), [1, 2]),
    lambda: debugging.assert_equal(tf.constant([[1, 1]]), 1),  # broadcast
    lambda: debugging.assert_equal(tf.zeros((0,)), tf.ones((0,))),  # nothing to compare
    lambda: debugging.assert_near(tf.constant([1.0]), [1.0 + 1e-7]),
    lambda: debugging.assert_near(tf.constant([1.0]), [1.05], atol=0.1),
    lambda: debugging.assert_non_negative(tf.constant([1, 0])),
    lambda: debugging.assert_rank(tf.ones((2, 3)), 2),
    lambda: debugging.assert_shapes([(tf.ones((2, 3)), ("N", "D")), (tf.ones((2,)), ("N",))]),
]


@pytest.mark.parametrize("check", PASSING)
def test_checks_that_hold_return_none(check):
    assert check() is None


@pytest.mark.parametrize("check, error, message", [
    (lambda: debugging.assert_equal(tf.constant([1, 2]), [1, 3], message="oops"), InvalidArgument,
     r"oops\nCondition x == y did not hold.\nIndices of first 1 different values: \[\[1\]\]\n"
     r"Corresponding x values: \[2\]\nCorresponding y values: \[3\]"),
    (lambda: debugging.assert_equal(tf.constant([1, 2]), [1, 2, 3]), InvalidArgument,
     "incompatible shapes"),
    (lambda: debugging.assert_equal(tf.constant([1.0]), tf.constant([1])), InvalidArgument,
     "tf.cast"),
    (lambda: debugging.assert_near(tf.constant([1.0, 2.0]), [1.0, 2.1]), InvalidArgument,
     "not equal to tolerance"),
    (lambda: debugging.assert_less(tf.constant([1, 5]), 3), InvalidArgument, "x < y"),
    (lambda: debugging.assert_positive(tf.constant([1, 0])), InvalidArgument, "x > 0"),
    (lambda: debugging.assert_rank(tf.ones((2, 3)), 3), ValueError, "must have rank 3"),
    (lambda: debugging.assert_type(tf.ones((2,)), tf.int32), TypeError,
     "must be of type tf.int32; got tf.float32"),
    (lambda: debugging.assert_all_finite(tf.constant([1.0, np.inf]), "bad values"),
     InvalidArgument, "bad values : Tensor had Inf values"),
    (lambda: debugging.check_numerics(tf.constant([np.nan]), "in loss"), InvalidArgument,
     "in loss : Tensor had NaN values"),
    (lambda: debugging.check_numerics(tf.constant([1]), "in loss"), InvalidArgument,
     "float tensors"),
    (lambda: tf.assert_equal(1, 2), InvalidArgument, "x == y"),
    (lambda: debugging.assert_shapes([(tf.ones((2, 3)), ("N", "D")), (tf.ones((3,)), ("N",))]),
     ValueError, r"dimension 0 is 'N', 2 in shape \(2, 3\), but it has size 3"),
])
def test_checks_that_fail_raise_tensorflows_error(check, error, message):
    with pytest.raises(error, match=message):
        check()


def test_check_numerics_hands_the_tensor_back():
    loss = tf.constant(0.25)
    assert debugging.check_numerics(loss, "loss") is loss
    assert float(debugging.assert_all_finite(tf.constant([1.0]), "x")[0]) == 1.0


@settings(max_examples=30, deadline=None)
@given(hnp.arrays(np.int32, hnp.array_shapes(max_dims=2, max_side=4),
                  elements=st.integers(-3, 3)), st.integers(-3, 3))
def test_each_comparison_fails_exactly_where_numpy_says_it_does_not_hold(x, y):
    for check, holds in [(debugging.assert_less, np.less), (debugging.assert_greater_equal,
                         np.greater_equal), (debugging.assert_none_equal, np.not_equal)]:
        if np.all(holds(x, y)):
            assert check(tf.constant(x), y) is None
        else:
            with pytest.raises(InvalidArgument):
                check(tf.constant(x), y)
