"""``tf.print`` and ``tf.newaxis``: the expected texts are what TensorFlow 2.21 printed
for the same calls."""
import sys

import numpy as np
import pytest

import teachtensor as tf


def printed(*inputs, **options):
    class Stream:
        text = ""

        def write(self, s):
            Stream.text += s

    tf.print(*inputs, output_stream=Stream(), **options)
    return Stream.text


def test_values_only_in_tensorflows_format():
    assert printed("x =", tf.constant([[1.0, 2.0], [3.0, 4.0]]), 3, [1, 2]) == \
        "x = [[1 2]\n [3 4]] 3 [1, 2]\n"
    floats = [1 / 3, 1e-8, 123456789.0, float("nan"), float("inf"), -0.0, 2.5e10,
              100000.0, 1234567.0, 0.1]
    assert printed(tf.constant(floats), summarize=-1) == \
        "[0.333333343 1e-08 123456792 nan inf -0 2.5e+10 100000 1234567 0.1]\n"
    assert printed(tf.constant([1 / 3, 0.1, 1e300], tf.float64)) == \
        "[0.33333333333333331 0.1 1e+300]\n"
    assert printed(tf.constant(True), tf.constant([True, False]), tf.Variable([1, 2])) == \
        "1 [1 0] [1 2]\n"
    assert printed("a", {"k": tf.constant(1)}, (tf.constant(2.0),), ["b"]) == \
        "a {'k': 1} (2,) ['b']\n"
    assert printed() == "\n" and printed(tf.zeros((0, 3))) == "[]\n"
    assert printed(tf.zeros((2, 3, 2), tf.int32)) == \
        "[[[0 0]\n  [0 0]\n  [0 0]]\n\n [[0 0]\n  [0 0]\n  [0 0]]]\n"
    assert printed(1, 2, sep="|", end="!") == "1|2!"
    assert printed(np.array([1.5, 2.0])) == "array([1.5, 2. ])\n"  # not a tensor: its repr


def test_long_axes_are_summarized_at_both_ends():
    assert printed(tf.range(2000)) == "[0 1 2 ... 1997 1998 1999]\n"
    assert printed(tf.range(7), summarize=2) == "[0 1 ... 5 6]\n"
    assert printed(tf.range(6)) == "[0 1 2 3 4 5]\n"  # 6 = 2 * 3: nothing left out
    assert printed(tf.reshape(tf.range(64), (8, 8))) == (
        "[[0 1 2 ... 5 6 7]\n [8 9 10 ... 13 14 15]\n [16 17 18 ... 21 22 23]\n ...\n"
        " [40 41 42 ... 45 46 47]\n [48 49 50 ... 53 54 55]\n [56 57 58 ... 61 62 63]]\n")
    with pytest.raises(ValueError, match="summarize"):
        printed(tf.range(3), summarize=-2)


def test_the_default_stream_is_standard_error(capsys):
    tf.print(tf.constant([1.5, 2.0]))
    tf.print("here", output_stream=sys.stdout)
    out, err = capsys.readouterr()
    assert err == "[1.5 2]\n" and out == "here\n"
    with pytest.raises(TypeError, match="file-like"):
        tf.print(1, output_stream="stdout")


def test_newaxis_adds_an_axis():
    x = tf.constant([1, 2, 3])
    assert tf.newaxis is None
    assert x[tf.newaxis, :, tf.newaxis].shape == (1, 3, 1)
    np.testing.assert_array_equal(x[:, tf.newaxis].numpy(), [[1], [2], [3]])
