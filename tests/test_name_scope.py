"""tf.name_scope and tf.Module's name scopes: variable names as TensorFlow 2.21 gives
them run eagerly; Keras's weight paths untouched, as in Keras 3.15."""
import threading

import pytest

import teachtensor as tf
from teachtensor import keras


def test_variables_are_named_inside_nested_scopes():
    with tf.name_scope("layer1") as scope:
        v = tf.Variable(1.0)
        w = tf.Variable(1.0, name="w")
        with tf.name_scope("inner"):
            u = tf.Variable(1.0)
    assert scope == "layer1/"
    assert (v.name, w.name, u.name) == ("layer1/Variable:0", "layer1/w:0",
                                        "layer1/inner/Variable:0")
    assert tf.Variable(1.0).name == "Variable:0"  # back at the top afterwards


def test_a_trailing_slash_is_a_whole_scope_and_the_empty_name_the_top():
    with tf.name_scope("a"):
        with tf.name_scope("b/") as whole:
            assert whole == "b/" and tf.Variable(1.0, name="x").name == "b/x:0"
        with tf.name_scope("") as top:
            assert top == "" and tf.Variable(1.0, name="x").name == "x:0"
        with tf.name_scope("c/d") as two:
            assert two == "a/c/d/"


def test_the_scope_is_left_when_the_block_raises_and_belongs_to_its_thread():
    with pytest.raises(RuntimeError):
        with tf.name_scope("failing"):
            raise RuntimeError("boom")
    assert tf.Variable(1.0, name="after").name == "after:0"
    names = []
    with tf.name_scope("main"):
        thread = threading.Thread(target=lambda: names.append(tf.Variable(1.0).name))
        thread.start()
        thread.join()
    assert names == ["Variable:0"]  # another thread's variable: not in this scope


def test_a_scope_object_can_be_entered_again_and_inside_itself():
    scope = tf.name_scope("s")
    with scope as first:
        with scope as second:
            assert (first, second) == ("s/", "s/s/")
        assert tf.Variable(1.0, name="v").name == "s/v:0"


def test_a_name_scope_needs_a_string():
    with pytest.raises(ValueError, match="must be a string"):
        tf.name_scope(3)


def test_keras_weights_keep_their_paths_inside_a_tf_name_scope():
    with tf.name_scope("outer"):
        v = keras.Variable(1.0, name="k")
        dense = keras.layers.Dense(1, name="d")
        dense.build((None, 2))
    # Keras 3.15 gives the same: k k d/kernel kernel
    assert (v.name, v.path, dense.kernel.path, dense.kernel.name) == \
        ("k", "k", "d/kernel", "kernel")


class Dense(tf.Module):
    def __init__(self, n, name=None):
        super().__init__(name=name)
        self.n, self.w = n, None
        with self.name_scope:
            self.b = tf.Variable(tf.zeros((n,)), name="b")

    @tf.Module.with_name_scope
    def __call__(self, x):
        if self.w is None:  # made at the first call, once the input's width is known
            self.w = tf.Variable(tf.ones((x.shape[-1], self.n)), name="w")
        return x @ self.w + self.b


def test_a_module_names_its_variables_after_itself_as_tensorflow_does():
    with tf.name_scope("outer"):
        made_inside = Dense(2)
    assert made_inside.name_scope.name == "outer/dense/"
    assert made_inside(tf.ones((1, 3))).shape == (1, 2)
    assert [v.name for v in made_inside.variables] == ["outer/dense/b:0", "outer/dense/w:0"]
    elsewhere = Dense(1, name="e")
    with tf.name_scope("elsewhere"):  # the module's scope is where it was made
        elsewhere(tf.ones((1, 2)))
    assert [v.name for v in elsewhere.variables] == ["e/b:0", "e/w:0"]
    assert Dense.__call__.__name__ == "__call__"  # the decorator keeps the method's name


def test_a_name_ending_in_a_slash_is_whole_and_a_shared_scope_object_is_per_thread():
    with tf.name_scope("a"):
        assert tf.Variable(1.0, name="x/").name == "x:0"  # as TensorFlow 2.21
    shared = tf.name_scope("shared")
    inside, leave = threading.Event(), threading.Event()
    seen = []

    def other():
        with shared:
            inside.set()
            leave.wait()
            seen.append(tf.Variable(1.0, name="o").name)
        seen.append(tf.Variable(1.0, name="after").name)

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait()
    with shared:  # entered here while the other thread is inside it too
        pass
    leave.set()
    thread.join()
    assert seen == ["shared/o:0", "after:0"]
    assert tf.Variable(1.0, name="here").name == "here:0"


def test_a_metrics_state_is_named_after_the_metric_alone():
    with tf.name_scope("a"):
        mean = keras.metrics.Mean()
    assert [v.name for v in mean.variables] == ["mean/total:0", "mean/count:0"]
