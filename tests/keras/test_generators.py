"""Python generators as the data of fit, evaluate and predict, read as Keras 3 reads
them: one stream for the whole call, each epoch going on where the last stopped.  The
numbers come from Keras 3.15 for the same model and batches."""
import warnings

import numpy as np
import pytest

from teachtensor import keras

X = np.linspace(0, 1, 24).reshape(8, 3)
Y = np.linspace(0, 1, 8).reshape(8, 1)


def batches(n):
    """n batches of 2 rows, going round the 8 rows."""
    for i in range(n):
        j = (2 * i) % 8
        yield X[j:j + 2], Y[j:j + 2]


def model():
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(
        1, kernel_initializer=keras.initializers.Constant(0.1))])
    m.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"])
    return m


def rounded(history):
    return {key: np.round(values, 6).tolist() for key, values in history.history.items()}


def test_steps_per_epoch_takes_the_next_batches_each_epoch():
    m = model()
    history = m.fit(batches(12), steps_per_epoch=4, epochs=3, verbose=0)
    assert rounded(history) == {"loss": [0.081201, 0.018318, 0.015604],
                                "mae": [0.251763, 0.118456, 0.106021]}
    np.testing.assert_allclose(m.get_weights()[0].ravel(),
                               [0.265927, 0.273059, 0.280191], atol=2e-6)


def test_an_epoch_without_steps_reads_the_generator_to_its_end():
    m = model()
    assert rounded(m.fit(batches(5), epochs=1, verbose=0)) == {"loss": [0.073354],
                                                              "mae": [0.242039]}
    np.testing.assert_allclose(m.evaluate(batches(4), verbose=0), [0.015559, 0.108862],
                               atol=2e-6)
    np.testing.assert_allclose(m.evaluate(batches(10), steps=2, verbose=0),
                               [0.015067, 0.106601], atol=2e-6)
    predictions = m.predict(((X[i:i + 2],) for i in range(0, 8, 2)), verbose=0)
    np.testing.assert_allclose(predictions.ravel(), [
        0.18825, 0.27667, 0.36510, 0.45353, 0.54195, 0.63038, 0.71880, 0.80723], atol=2e-5)


def test_a_generator_that_runs_dry_stops_training_with_a_warning():
    m = model()
    with pytest.warns(UserWarning, match="ran out after 1 of the 3 epochs"):
        history = m.fit(batches(5), epochs=3, verbose=0)
    assert len(history.history["loss"]) == 1


def test_validation_from_a_generator_and_sample_weights_in_the_batches():
    m = model()
    history = m.fit(batches(8), epochs=2, steps_per_epoch=2, validation_data=batches(10),
                    validation_steps=2, verbose=0)
    # (Keras 3.15's second validation gave 0.026081: it starts a generator "again" from
    # the two batches it peeked at; here the stream goes on, batches 3 and 4)
    assert rounded(history)["loss"] == [0.031464, 0.130939]
    assert rounded(history)["val_loss"][0] == 0.016866

    def weighted():
        for i in range(4):
            yield X[2 * i:2 * i + 2], Y[2 * i:2 * i + 2], np.array([1.0, 2.0])
    np.testing.assert_allclose(model().fit(weighted(), verbose=0).history["loss"],
                               [0.084021], atol=2e-6)


@pytest.mark.parametrize("element, message", [
    ([X[:2], Y[:2]], "yielded a list of 2 .make it a tuple"),
    (X[:2], r"yielded a ndarray of shape \(2, 3\)"),
    ((X[:2], Y[:2], None, None), "yielded a tuple of 4")])
def test_a_generator_must_yield_tuples_as_keras_requires(element, message,
                                                          leaves_weights_alone):
    m = model()
    with leaves_weights_alone(m), pytest.raises(ValueError, match=message):
        m.fit(iter([element]), verbose=0)


def test_y_and_sample_weight_come_from_the_generator():
    with pytest.raises(ValueError, match="when x is a generator, do not pass y"):
        model().fit(batches(2), Y, verbose=0)
    with pytest.raises(ValueError, match="sample_weight cannot be given with a generator"):
        model().fit(batches(2), sample_weight=np.ones(8), verbose=0)


def test_a_dataset_is_not_read_as_a_stream():
    # (a Dataset starts again each epoch; only iterators are streams)
    import teachtensor as tf
    data = tf.data.Dataset.from_tensor_slices((X, Y)).batch(2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(model().fit(data, epochs=3, verbose=0).history["loss"]) == 3
