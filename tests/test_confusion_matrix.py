"""tf.math.confusion_matrix: TensorFlow 2.21's results, a count by hand on random
labels, and the mistakes it refuses."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import teachtensor as tf


def test_tensorflows_results():
    m = tf.math.confusion_matrix([1, 2, 4], [2, 2, 4])
    expected = np.zeros((5, 5), np.int32)
    expected[1, 2] = expected[2, 2] = expected[4, 4] = 1
    assert m.dtype == tf.int32 and np.array_equal(m.numpy(), expected)
    assert tf.math.confusion_matrix([1, 2, 4], [2, 2, 4], num_classes=6).shape == (6, 6)
    weighted = tf.math.confusion_matrix([1, 2, 4], [2, 2, 4], weights=[0.5, 1, 2],
                                        dtype=tf.float32)
    assert weighted.numpy()[1, 2] == 0.5 and weighted.numpy()[4, 4] == 2.0
    # a column of labels, float labels, bools
    assert tf.math.confusion_matrix([[1], [0]], [1, 1]).numpy().tolist() == [[0, 1], [0, 1]]
    assert tf.math.confusion_matrix(np.array([1.0, 0.0]), [1, 1]).numpy().tolist() == \
        [[0, 1], [0, 1]]
    assert tf.math.confusion_matrix([True, False], [True, True]).numpy().tolist() == \
        [[0, 1], [0, 1]]


def test_int_weights_lose_their_fractions_as_in_tensorflow_with_a_warning():
    with pytest.warns(UserWarning, match="dtype=tf.float32"):
        m = tf.math.confusion_matrix([1, 2, 4], [2, 2, 4], weights=[0.5, 1, 2])
    assert m.numpy()[1, 2] == 0 and m.numpy()[4, 4] == 2  # TensorFlow 2.21: 0 and 2


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=40))
def test_each_pair_is_counted_in_its_row_and_column(pairs):
    labels, predictions = zip(*pairs)
    m = tf.math.confusion_matrix(list(labels), list(predictions), num_classes=5).numpy()
    by_hand = np.zeros((5, 5), np.int64)
    for true, predicted in pairs:
        by_hand[true, predicted] += 1
    assert np.array_equal(m, by_hand)
    assert m.sum() == len(pairs) and np.trace(m) == sum(t == p for t, p in pairs)


@pytest.mark.parametrize("call, message", [
    (lambda: tf.math.confusion_matrix([-1, 0], [1, 1]), "negative values"),
    (lambda: tf.math.confusion_matrix([3, 0], [1, 1], num_classes=2), "out of bound"),
    (lambda: tf.math.confusion_matrix([1, 0, 1], [1, 1]), "3 labels but 2 predictions"),
    (lambda: tf.math.confusion_matrix([1, 0], [1, 1], weights=[1.0]), "one weight per sample"),
    (lambda: tf.math.confusion_matrix([np.nan, 0.0], [1, 1]), "NaN"),
    # TensorFlow documents 1-D inputs only (a 2-D batch gives it an accidental pairing)
    (lambda: tf.math.confusion_matrix([[0, 1], [1, 1]], [[0, 1], [1, 0]]), "tf.argmax"),
])
def test_mistakes(call, message):
    with pytest.raises(tf.errors.InvalidArgumentError, match=message):
        call()
