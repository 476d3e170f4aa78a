"""Sequential and Model: building, summary, weights in and out, subclassing."""
import re

import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers, models


def two_layer_model():
    return models.Sequential([layers.Dense(32, activation="relu"), layers.Dense(10)])


def test_sequential_builds_on_first_call():
    model = two_layer_model()
    assert not model.built
    out = model(np.ones((4, 784), dtype=np.float32))
    assert isinstance(out, tf.Tensor) and out.shape == (4, 10)
    assert model.built
    assert [tuple(w.shape) for w in model.weights] == [(784, 32), (32,), (32, 10), (10,)]


def test_sequential_add_and_pop():
    model = keras.Sequential()
    model.add(layers.Dense(8))
    model.add(layers.Dense(2))
    assert len(model.layers) == 2
    popped = model.pop()
    assert popped.name == "dense_1" and len(model.layers) == 1
    assert model(tf.ones((1, 3))).shape == (1, 8)


def test_add_after_build_builds_the_new_layer():
    model = keras.Sequential([layers.Dense(4)])
    model(tf.ones((2, 3)))
    model.add(layers.Dense(1))
    assert model.built
    assert [tuple(w.shape) for w in model.weights][-2:] == [(4, 1), (1,)]


def test_input_builds_at_once():
    model = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(32), layers.Dense(10)])
    assert model.built
    assert model.layers[0].kernel.shape == (784, 32)
    legacy = keras.Sequential([layers.Dense(32, input_shape=(5,))])
    assert legacy.built and legacy.layers[0].kernel.shape == (5, 32)


def test_build_with_shape():
    model = two_layer_model()
    model.build((None, 16))
    assert model.count_params() == 16 * 32 + 32 + 32 * 10 + 10


def test_summary_table(capsys):
    model = keras.Sequential([layers.Dense(32, activation="relu"), layers.Dense(10)], name="mnist")
    model(np.zeros((1, 784), dtype=np.float32))
    model.summary()
    text = capsys.readouterr().out
    assert 'Model: "mnist"' in text
    assert re.search(r"dense \(Dense\)\s+\(None, 32\)\s+25,120", text)
    assert re.search(r"dense_1 \(Dense\)\s+\(None, 10\)\s+330", text)
    assert "Total params: 25,450" in text
    assert "Trainable params: 25,450" in text
    assert "Non-trainable params: 0" in text


def test_get_weights_in_keras_order():
    model = two_layer_model()
    model.build((None, 3))
    weights = model.get_weights()
    assert all(isinstance(w, np.ndarray) for w in weights)
    assert [w.shape for w in weights] == [(3, 32), (32,), (32, 10), (10,)]


def test_set_weights_replaces_values():
    model = two_layer_model()
    model.build((None, 3))
    new = [np.full(w.shape, i, dtype=np.float32) for i, w in enumerate(model.get_weights())]
    model.set_weights(new)
    for got, want in zip(model.get_weights(), new):
        np.testing.assert_array_equal(got, want)


def test_get_weights_returns_copies():
    model = two_layer_model()
    model.build((None, 3))
    weights = model.get_weights()
    weights[0][...] = 123
    assert not np.any(model.get_weights()[0] == 123)


def test_save_and_load_weights_round_trip_exactly(tmp_path):
    model = two_layer_model()
    model.build((None, 5))
    path = tmp_path / "model.weights.npz"
    model.save_weights(path)
    other = two_layer_model()
    other.build((None, 5))
    other.load_weights(path)
    for a, b in zip(model.get_weights(), other.get_weights()):
        assert a.dtype == b.dtype
        assert a.tobytes() == b.tobytes()
    with np.load(path) as archive:  # a plain NumPy archive anyone can open
        assert len([k for k in archive.files if k.startswith("weight_")]) == 4


def test_h5_suffix_uses_h5py_or_says_so(tmp_path):
    model = two_layer_model()
    model.build((None, 5))
    path = tmp_path / "model.weights.h5"
    try:
        import h5py  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="h5py"):
            model.save_weights(path)
        assert not path.exists()
    else:
        model.save_weights(path)
        other = two_layer_model()
        other.build((None, 5))
        other.load_weights(path)
        for a, b in zip(model.get_weights(), other.get_weights()):
            assert a.tobytes() == b.tobytes()


def test_unknown_weights_suffix_is_refused(tmp_path):
    model = two_layer_model()
    model.build((None, 5))
    with pytest.raises(ValueError, match=r"\.weights\.npz"):
        model.save_weights(tmp_path / "model.ckpt")


def test_model_call_and_predict():
    model = two_layer_model()
    x = np.random.default_rng(0).normal(size=(70, 6)).astype(np.float32)
    direct = model(x)
    assert isinstance(direct, tf.Tensor)
    predicted = model.predict(x, batch_size=32, verbose=0)
    assert isinstance(predicted, np.ndarray) and predicted.shape == (70, 10)
    np.testing.assert_allclose(predicted, direct.numpy(), rtol=1e-5, atol=1e-6)


class Classifier(keras.Model):
    def __init__(self, num_classes=3):
        super().__init__()
        self.hidden = layers.Dense(16, activation="relu")
        self.out = layers.Dense(num_classes, activation="softmax")

    def call(self, inputs):
        return self.out(self.hidden(inputs))


def test_subclassed_model_tracks_layers_and_weights():
    model = Classifier()
    out = model(tf.ones((2, 5)))
    assert out.shape == (2, 3)
    assert [tuple(w.shape) for w in model.weights] == [(5, 16), (16,), (16, 3), (3,)]
    assert [layer.name for layer in model.layers] == ["dense", "dense_1"]
    assert model.name == "classifier"


def test_subclassed_model_trains():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(256, 5)).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.int64) + (x[:, 1] > 0)
    model = Classifier()
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.01),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, epochs=8, batch_size=32, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert history.history["accuracy"][-1] > 0.7


def test_get_layer():
    model = two_layer_model()
    assert model.get_layer("dense_1") is model.layers[1]
    assert model.get_layer(index=0) is model.layers[0]


def test_subclass_build_may_call_super_build():
    """The Keras idiom ``def build(self, s): ...; super().build(s)`` must not recurse."""
    import teachtensor as tf
    from teachtensor import keras

    class Tiny(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = keras.layers.Dense(2)

        def build(self, input_shape):
            super().build(input_shape)

        def call(self, x):
            return self.dense(x)

    first_call = Tiny()
    assert tuple(first_call(tf.ones((3, 4))).shape) == (3, 2)
    assert len(first_call.weights) == 2
    explicit = Tiny()
    explicit.build((None, 4))
    assert [tuple(w.shape) for w in explicit.weights] == [(4, 2), (2,)]


def test_clone_model_makes_a_twin_with_new_weights():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((2,)), layers.Dense(3, name="hidden"),
                              layers.Dense(1, name="out")], name="original")
    model.compile(optimizer="sgd", loss="mse")
    twin = keras.models.clone_model(model)
    assert twin is not model and twin.name == "original" and twin.optimizer is None
    assert [layer.name for layer in twin.layers] == ["hidden", "out"] and twin.built
    assert not np.array_equal(twin.get_weights()[0], model.get_weights()[0])
    before = [w.copy() for w in model.get_weights()]
    twin.compile(optimizer="sgd", loss="mse")
    twin.fit(np.ones((4, 2), "float32"), np.zeros((4, 1), "float32"), verbose=0)
    for old, now in zip(before, model.get_weights()):
        np.testing.assert_array_equal(old, now)  # the original is untouched
    twin.set_weights(model.get_weights())
    x = np.random.default_rng(1).random((3, 2)).astype("float32")
    np.testing.assert_array_equal(twin.predict(x, verbose=0), model.predict(x, verbose=0))
    inputs = keras.Input((2,))
    graph = keras.Model(inputs, layers.Dense(1)(inputs))
    assert type(keras.models.clone_model(graph)).__name__ == "Functional"
    assert not keras.models.clone_model(keras.Sequential([layers.Dense(2)])).built


def test_clone_model_names_a_sequentials_weights_as_the_original_does():
    # Keras 3.15: a clone of a built Sequential builds its layers in the model's scope
    # (s/d/kernel), however the original was built; a nested model that builds itself
    # from its config keeps its own paths (d/kernel in both); a functional model's
    # weights have no model prefix (d/kernel).
    def paths(model):
        return [w.path for w in keras.models.clone_model(model).weights]

    assert paths(keras.Sequential([keras.Input((3,)), layers.Dense(2, name="d")],
                                  name="s")) == ["s/d/kernel", "s/d/bias"]
    by_build = keras.Sequential([layers.Dense(2, name="d")], name="s")
    by_build.build((None, 3))
    assert paths(by_build) == ["s/d/kernel", "s/d/bias"]
    by_call = keras.Sequential([layers.Dense(2, name="d")], name="s")
    by_call(np.ones((4, 3), "float32"))
    assert paths(by_call) == ["s/d/kernel", "s/d/bias"]
    ids = keras.Sequential([keras.Input((3,), dtype="int32"),
                            layers.Embedding(10, 2, name="emb")], name="s")
    twin = keras.models.clone_model(ids)
    assert [w.path for w in twin.weights] == ["s/emb/embeddings"]
    assert twin.inputs[0].dtype == "int32"
    nested = keras.Sequential([keras.Input((3,)), keras.Sequential(
        [layers.Dense(2, name="d")], name="inner")], name="outer")
    assert paths(nested) == ["d/kernel", "d/bias"]
    inputs = keras.Input((3,))
    assert paths(keras.Model(inputs, layers.Dense(2, name="d")(inputs))) == ["d/kernel",
                                                                            "d/bias"]
    frozen = keras.Sequential([keras.Input((3,)), layers.Dense(2, name="d")],
                              name="s", trainable=False)
    assert not keras.models.clone_model(frozen).trainable


def test_clone_model_finds_layers_of_your_own():
    class Scale(layers.Layer):
        def __init__(self, k=2.0, **kwargs):
            super().__init__(**kwargs)
            self.k = k

        def call(self, x):
            return x * self.k

        def get_config(self):
            return {"k": self.k, **super().get_config()}

    model = keras.Sequential([keras.Input((2,)), Scale(3.0)])
    twin = keras.models.clone_model(model)
    assert type(twin.layers[0]) is Scale and twin.layers[0] is not model.layers[0]
    np.testing.assert_array_equal(twin(np.ones((1, 2), "float32")).numpy(), [[3.0, 3.0]])


# ---- a built Sequential is a graph too (Keras 3) ------------------------------------------

def test_a_built_sequential_gives_each_layers_activations():
    constant = keras.initializers.Constant
    model = keras.Sequential([
        keras.Input((3,)),
        keras.layers.Dense(4, activation="relu", kernel_initializer=constant(0.1), name="h"),
        keras.layers.Dense(2, kernel_initializer=constant(-0.2), name="o")])
    features = keras.Model(model.inputs, [layer.output for layer in model.layers])
    x = np.linspace(0, 1, 12, dtype="float32").reshape(4, 3)
    hidden, out = features.predict(x, verbose=0)
    # Keras 3.15 printed these
    np.testing.assert_allclose(hidden[:, 0], [0.02727, 0.10909, 0.19091, 0.27273], atol=1e-5)
    np.testing.assert_allclose(out[:, 0], [-0.02182, -0.08727, -0.15273, -0.21818], atol=1e-5)
    np.testing.assert_allclose(out, model.predict(x, verbose=0), rtol=1e-6)
    assert model.layers[0].output.shape == (None, 4) and model.outputs[0].shape == (None, 2)


def test_the_graph_follows_add_and_pop_and_a_first_call():
    model = keras.Sequential([keras.layers.Dense(4, name="first")])
    with pytest.raises(AttributeError, match="has no inputs yet: it has not been built"):
        model.inputs
    model.predict(np.ones((2, 3), "float32"), verbose=0)
    assert model.outputs[0].shape == (None, 4)
    model.add(keras.layers.Dense(1, name="top"))
    assert model.outputs[0].shape == (None, 1)
    assert len(model.layers[0]._inbound_nodes) == 1  # extended, not traced again
    model.pop()
    assert model.outputs[0].shape == (None, 4)


def test_a_layer_that_needs_numbers_leaves_the_model_without_a_graph():
    class OneAtATime(keras.layers.Layer):
        def call(self, inputs):
            if inputs.shape[0] not in (1, 4):  # (a batch of 2 or 3 zeros: the tracing)
                raise ValueError("give me one sample or four")
            return inputs * 2.0

    model = keras.Sequential([keras.Input((2,)), OneAtATime()])
    np.testing.assert_allclose(model(np.ones((1, 2), "float32")).numpy(), [[2.0, 2.0]])
    with pytest.raises(AttributeError, match="tracing its layers on KerasTensors failed "
                                             "with ValueError: give me one sample or four"):
        model.outputs


def test_compiled_and_run_eagerly_say_what_compile_was_given():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
    assert (model.compiled, model.run_eagerly, model.jit_compile) == (False, False, False)
    model.compile("rmsprop", "mse")
    assert (model.compiled, model.run_eagerly) == (True, False)  # as Keras 3.15
    with pytest.warns(UserWarning, match="jit_compile is turned off"):
        model.compile("rmsprop", "mse", run_eagerly=True, jit_compile=True)
    assert (model.run_eagerly, model.jit_compile) == (True, False)  # Keras: never both
    model.compile("rmsprop", "mse", jit_compile=True)
    assert (model.run_eagerly, model.jit_compile) == (False, True)
    model.compile("rmsprop", "mse", jit_compile="auto")  # Keras 3.15 on a CPU: False
    assert model.jit_compile is False
