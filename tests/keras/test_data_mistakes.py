"""Mistakes with the data given to fit, evaluate and predict, and with labels: each is
refused before anything trains, with a message that says what to do."""
import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers


@pytest.fixture
def model():
    m = keras.Sequential([keras.Input((3,)), layers.Dense(1, activation="sigmoid")])
    m.compile("rmsprop", "binary_crossentropy", metrics=["accuracy"])
    return m


@pytest.fixture
def xy():
    x = np.random.default_rng(0).random((16, 3)).astype("float32")
    return x, (x[:, 0] > 0.5).astype("float32")


def test_an_endless_dataset_needs_a_number_of_steps(model, xy):
    """Before, fit and evaluate read a repeat()ed dataset forever."""
    endless = tf.data.Dataset.from_tensor_slices(xy).batch(8).repeat()
    with pytest.raises(ValueError, match=r"fit: the dataset repeats forever \(.repeat\(\)\), "
                                         r"so an epoch would never end. Pass steps_per_epoch"):
        model.fit(endless, epochs=1, verbose=0)
    with pytest.raises(ValueError, match="Pass validation_steps"):
        model.fit(endless, epochs=1, verbose=0, steps_per_epoch=2, validation_data=endless)
    with pytest.raises(ValueError, match="evaluate would never end. Pass steps="):
        model.evaluate(endless, verbose=0)
    with pytest.raises(ValueError, match="predict would never end. Pass steps="):
        model.predict(endless.map(lambda x, y: x), verbose=0)
    assert int(model.optimizer.iterations) == 0
    model.fit(endless, epochs=2, steps_per_epoch=3, verbose=0)
    assert int(model.optimizer.iterations) == 6
    assert model.predict(endless.map(lambda x, y: x), steps=2, verbose=0).shape == (16, 1)


def test_batch_size_with_a_dataset_is_refused(model, xy):
    """The dataset makes its batches; a batch_size beside it would be ignored."""
    dataset = tf.data.Dataset.from_tensor_slices(xy).batch(8)
    with pytest.raises(ValueError, match=r"fit: batch_size cannot be given with a "
                                         r"tf.data.Dataset.*dataset.batch\(4\)"):
        model.fit(dataset, batch_size=4, verbose=0)
    with pytest.raises(ValueError, match="evaluate: batch_size cannot be given"):
        model.evaluate(dataset, batch_size=4, verbose=0)
    assert int(model.optimizer.iterations) == 0
    x, y = xy  # arrays with a batch size, validated on a dataset: fine
    model.fit(x, y, batch_size=4, validation_data=dataset, verbose=0)


def test_an_unbatched_dataset_gets_advice_about_batching(model, xy):
    with pytest.raises(ValueError, match=r"dataset.batch\(32\)"):
        model.fit(tf.data.Dataset.from_tensor_slices(xy), verbose=0)


@pytest.mark.parametrize("labels, num_classes, message", [
    ([0, -1, 2], 3, r"label -1 is not a class of 0 to 2 \(num_classes=3\) \(NumPy would count "
                    r"it from the end"),
    ([0, 1, 5], 3, r"label 5 is not a class of 0 to 2 \(num_classes=3\)\. Check"),
    ([0, 1.5, 2], None, r"whole-number class labels .*1\.5.*fractions"),
    ([0.0, np.nan], None, "whole-number class labels"),
    (["a", "b"], None, "whole-number class labels"),
    ([0, 1], 0, "num_classes must be a whole number, 1 or more"),
    ([0, 1], 2.5, "num_classes must be a whole number"),
])
def test_to_categorical_refuses_labels_that_are_not_classes(labels, num_classes, message):
    """NumPy's indexing would wrap -1 to the last class and truncate 1.5 to class 1."""
    with pytest.raises(ValueError, match=message):
        keras.utils.to_categorical(labels, num_classes)


def test_to_categorical_of_good_labels():
    np.testing.assert_array_equal(keras.utils.to_categorical([0, 2, 1.0]),
                                  np.eye(3, dtype="float32")[[0, 2, 1]])
    np.testing.assert_array_equal(keras.utils.to_categorical(np.array([[1], [0]]), 3),
                                  [[0, 1, 0], [1, 0, 0]])
    np.testing.assert_array_equal(keras.utils.to_categorical(tf.constant([1, 0])),
                                  [[0, 1], [1, 0]])
    np.testing.assert_array_equal(keras.utils.to_categorical([True, False]), [[0, 1], [1, 0]])


def test_a_sequential_model_refuses_inputs_of_another_rank(model, xy):
    """keras.Input((3,)) declares (None, 3): data of shape (2, 8, 3) went through Dense
    as 8 rows each (a (2, 8, 1) prediction) and even trained; Keras 3 refuses it."""
    x, y = xy
    with pytest.raises(ValueError, match=r"built for inputs of shape \(None, 3\).*received "
                                         r"shape \(2, 8, 3\), rank 3. One axis too many"):
        model.predict(np.ones((2, 8, 3), "float32"), verbose=0)
    twice = tf.data.Dataset.from_tensor_slices(xy).batch(4).batch(2)
    with pytest.raises(ValueError, match="batched twice"):
        model.fit(twice, verbose=0)
    assert int(model.optimizer.iterations) == 0
    with pytest.raises(ValueError, match="one sample without its batch axis"):
        model(np.ones(3, "float32"))
    deferred = keras.Sequential([layers.Dense(2)])  # built by its first call
    assert deferred(np.ones((2, 8, 3), "float32")).shape == (2, 8, 2)
    assert deferred(np.ones((5, 8, 3), "float32")).shape == (5, 8, 2)  # any batch size
    with pytest.raises(ValueError, match=r"\(None, 8, 3\).*rank 3, but received shape "
                                         r"\(2, 3\), rank 2$"):
        deferred(np.ones((2, 3), "float32"))


def test_a_functional_model_gives_the_same_hints_for_another_rank():
    inputs = keras.Input((1,))
    model = keras.Model(inputs, layers.Dense(1)(inputs))
    with pytest.raises(ValueError, match=r"expects data of shape \(None, 1\).*received shape "
                                         r"\(5,\). One number per sample needs the shape"):
        model(np.ones(5, "float32"))
    with pytest.raises(ValueError, match=r"received shape \(2, 5, 1\). One axis too many"):
        model(np.ones((2, 5, 1), "float32"))
    with pytest.raises(ValueError, match="one sample without its batch axis"):
        model(np.ones(1, "float32"))
    with pytest.raises(ValueError, match=r"received shape \(2, 3\)$"):  # no hint fits
        model(np.ones((2, 3), "float32"))


@pytest.mark.parametrize("labels, low, high", [
    ([-1, 1, -1, 1], -1, 1),   # hinge's labels
    ([0, 1, 2, 1], 0, 2),      # three classes
])
def test_binary_crossentropy_refuses_labels_outside_0_and_1(model, labels, low, high):
    x = np.ones((4, 3), "float32")
    with pytest.raises(ValueError, match=rf"labels of 0 or 1 .*y goes from {low} to "
                                         rf"{high}\. For -1/1 labels use \(y \+ 1\) / 2"):
        model.evaluate(x, np.array(labels, "float32"), verbose=0)
    with pytest.raises(ValueError, match="labels of 0 or 1"):
        model.fit(x, np.array(labels, "float32"), verbose=0)
    assert int(model.optimizer.iterations) == 0
    soft = keras.losses.binary_crossentropy([[0.0], [0.3], [1.0]], [[0.2], [0.4], [0.9]])
    assert soft.shape == (3,)  # probabilities as labels are fine
    noisy = np.array([0.0, 1.05, 0.98, 0.03], "float32")  # a GAN's labels, noise on purpose
    model.evaluate(x, noisy, verbose=0)
    assert float(keras.losses.BinaryCrossentropy()(noisy[:, None], tf.fill((4, 1), 0.5))) > 0


def test_dense_warns_about_a_softmax_over_one_unit_and_checks_use_bias():
    with pytest.warns(UserWarning, match=r"Dense\(1, activation='softmax'\) always outputs "
                                         r"1\.0.*activation='sigmoid'"):
        layers.Dense(1, activation="softmax")
    with pytest.raises(TypeError, match="use_bias must be True or False, not str 'False'"):
        layers.Dense(2, use_bias="False")
    assert layers.Dense(2, use_bias=np.bool_(False)).use_bias == np.False_


def test_more_mistakes_get_messages_that_say_what_to_write(model, xy):
    x, y = xy
    with pytest.raises(TypeError, match=r"input_shape must be a tuple, e.g. "
                                        r"input_shape=\(10,\)"):
        layers.Dense(4, input_shape=10)
    with pytest.raises(TypeError, match="a Sequential model takes one input.*keys \\['a'\\]"):
        model.fit({"a": x}, y, verbose=0)
    with pytest.raises(ValueError, match="shuffle must be True, False or 'batch', got 'yes'"):
        model.fit(x, y, shuffle="yes", verbose=0)
    with pytest.raises(ValueError, match=r"One number per sample needs the shape \(n, 1\): "
                                         r"x.reshape\(-1, 1\)"):
        one = keras.Sequential([keras.Input((1,)), layers.Dense(1)])
        one.predict(np.ones(4, "float32"), verbose=0)
    assert int(model.optimizer.iterations) == 0
    model.fit(x, y, shuffle="batch", verbose=0)  # Keras's option: accepted


def test_random_draws_refuse_bounds_that_make_no_sense():
    with pytest.raises(ValueError, match=r"minval=1.0 must be below maxval=0.0"):
        tf.random.uniform((3,), minval=1.0, maxval=0.0)
    with pytest.raises(ValueError, match=r"minval=3 must be below maxval=3"):
        tf.random.uniform((3,), minval=3, maxval=3, dtype=tf.int32)
    assert tf.random.uniform((2,), minval=0.5, maxval=0.5).numpy().tolist() == [0.5, 0.5]
    for draw in (tf.random.normal, tf.random.truncated_normal,
                 tf.random.Generator.from_seed(1).normal):
        with pytest.raises(ValueError, match="stddev must be 0 or more"):
            draw((3,), stddev=-1.0)


def test_a_float_axis_is_named_in_the_error():
    with pytest.raises(TypeError, match="axis must be an integer, got float 1.0"):
        tf.reduce_mean(tf.ones((2, 2)), axis=1.0)
    with pytest.raises(TypeError, match="axis must be an integer, got str"):
        tf.reduce_sum(tf.ones((2, 2)), axis="1")
