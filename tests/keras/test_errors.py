"""Mistakes get clear errors, raised before anything changes."""
import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers


def built_model():
    model = keras.Sequential([layers.Dense(4, activation="relu"), layers.Dense(1)])
    model.build((None, 3))
    return model


def same_weights(before, after):
    return all(a.tobytes() == b.tobytes() for a, b in zip(before, after))


def test_fit_before_compile():
    model = built_model()
    before = model.get_weights()
    with pytest.raises(RuntimeError, match="compile"):
        model.fit(np.ones((4, 3)), np.ones((4, 1)), verbose=0)
    assert same_weights(before, model.get_weights())


def test_x_and_y_of_different_lengths():
    model = built_model()
    model.compile(optimizer="rmsprop", loss="mse")
    before = model.get_weights()
    with pytest.raises(ValueError, match=r"x has 10 and y has 9"):
        model.fit(np.ones((10, 3)), np.ones((9, 1)), verbose=0)
    assert same_weights(before, model.get_weights())


@pytest.mark.parametrize("argument, value", [
    ("optimizer", "rmsprob"), ("loss", "mean_squared_eror"), ("metrics", ["acuracy"])])
def test_unknown_names_in_compile(argument, value):
    model = built_model()
    model.compile(optimizer="sgd", loss="mse")
    optimizer = model.optimizer
    kwargs = {"optimizer": "rmsprop", "loss": "mse", "metrics": None, argument: value}
    with pytest.raises(ValueError) as info:
        model.compile(**kwargs)
    valid = {"optimizer": "rmsprop", "loss": "mean_squared_error", "metrics": "binary_accuracy"}
    assert valid[argument] in str(info.value)  # the message lists the valid names
    assert model.optimizer is optimizer        # the earlier compile still holds


def test_unknown_activation_and_initializer_names():
    with pytest.raises(ValueError, match="relu.*sigmoid|sigmoid.*relu"):
        layers.Dense(3, activation="rellu")
    with pytest.raises(ValueError, match="glorot_uniform"):
        layers.Dense(3, kernel_initializer="glorot")


def test_set_weights_with_wrong_count_or_shapes():
    model = built_model()
    before = model.get_weights()
    with pytest.raises(ValueError, match="4 weights, but 3"):
        model.set_weights(before[:3])
    wrong = [w.copy() for w in before]
    wrong[3] = np.zeros((2,), dtype=np.float32)
    wrong[0] = wrong[0] + 1
    with pytest.raises(ValueError, match=r"\(1,\).*\(2,\)"):
        model.set_weights(wrong)
    assert same_weights(before, model.get_weights())


def test_load_weights_with_wrong_shapes(tmp_path):
    path = tmp_path / "other.weights.npz"
    other = keras.Sequential([layers.Dense(5), layers.Dense(1)])
    other.build((None, 3))
    other.save_weights(path)
    model = built_model()
    before = model.get_weights()
    with pytest.raises(ValueError, match="shape"):
        model.load_weights(path)
    assert same_weights(before, model.get_weights())


def test_add_something_that_is_not_a_layer():
    model = keras.Sequential()
    with pytest.raises(TypeError, match="layer"):
        model.add(layers.Dense)
    with pytest.raises(TypeError, match="Layer"):
        keras.Sequential([np.ones(3)])
    assert model.layers == []


def test_wrong_feature_size_for_a_built_model():
    model = built_model()
    with pytest.raises(ValueError) as info:
        model(np.ones((2, 5), dtype=np.float32))
    message = str(info.value)
    assert "dense" in message and "3" in message and "(2, 5)" in message


def test_forgetting_super_init():
    class Broken(keras.layers.Layer):
        def __init__(self, units):
            self.units = units

    with pytest.raises(RuntimeError, match=r"super\(\).__init__\(\)"):
        Broken(3)

    class BrokenQuietly(keras.layers.Layer):
        def __init__(self):
            pass

    with pytest.raises(RuntimeError, match=r"super\(\).__init__\(\)"):
        BrokenQuietly()(tf.ones((1, 2)))

    class BrokenModel(keras.Model):
        def __init__(self):
            self.dense = layers.Dense(1)

    with pytest.raises(RuntimeError, match=r"super\(\).__init__\(\)"):
        BrokenModel()


def test_weights_before_building():
    model = keras.Sequential([layers.Dense(2)])
    with pytest.raises(ValueError, match="first call"):
        model.weights
    with pytest.raises(ValueError, match="built"):
        model.summary()


def test_y_with_a_dataset():
    model = built_model()
    model.compile(optimizer="rmsprop", loss="mse")
    dataset = tf.data.Dataset.from_tensor_slices((np.ones((4, 3)), np.ones((4, 1)))).batch(2)
    with pytest.raises(ValueError, match="do not pass y"):
        model.fit(dataset, np.ones((4, 1)), verbose=0)


def test_terminate_on_nan_message(capsys):
    model = built_model()
    model.compile(optimizer="sgd", loss="mse")
    y = np.ones((8, 1), dtype=np.float32)
    y[0, 0] = np.nan
    history = model.fit(np.ones((8, 3)), y, batch_size=4, epochs=2, shuffle=False, verbose=0,
                        callbacks=[keras.callbacks.TerminateOnNaN()])
    assert "Invalid loss" in capsys.readouterr().out
    assert history.epoch == [0]


def test_validation_data_of_different_lengths_fails_before_training():
    model = built_model()
    model.compile(optimizer="rmsprop", loss="mse")
    before = model.get_weights()
    with pytest.raises(ValueError, match="x has 3 and y has 2"):
        model.fit(np.ones((4, 3)), np.ones((4, 1)), verbose=0,
                  validation_data=(np.ones((3, 3)), np.ones((2, 1))))
    assert same_weights(before, model.get_weights())


def test_a_functional_model_needs_inputs_and_outputs():
    with pytest.raises(ValueError, match="needs both the inputs"):
        keras.Model(inputs=keras.Input(shape=(3,)), outputs=None)
    with pytest.raises(TypeError, match="takes KerasTensors"):
        keras.Model(inputs=keras.Input(shape=(3,)), outputs=np.ones(3))


def test_a_metric_that_rejects_the_labels_fails_before_any_weight_moves(
        leaves_weights_alone):
    import numpy as np
    import pytest
    from teachtensor import keras
    model = keras.Sequential([keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy",
                  metrics=["categorical_accuracy"])   # wrong metric for integer labels
    x = np.ones((8, 4), np.float32)
    y = np.zeros(8, np.int64)
    model(x)
    with leaves_weights_alone(model), pytest.raises(ValueError):
        model.fit(x, y, epochs=1, verbose=0)
