"""Keras 3's own names: keras.Layer / Model / Sequential / Input, keras.Variable,
keras.config, keras.random and keras.utils.set_random_seed.

Expected printed forms, dtypes and seed rules were checked with Keras 3.15 (TensorFlow
backend)."""
import random

import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras


def test_the_top_level_names_are_the_layers_and_models():
    assert keras.Layer is keras.layers.Layer
    assert keras.Model is keras.models.Model
    assert keras.Sequential is keras.models.Sequential
    assert keras.Input is keras.layers.Input


def test_keras_input_has_a_string_dtype():
    inputs = keras.Input(shape=(3,))
    assert inputs.dtype == "float32" and type(inputs.dtype) is str
    assert keras.Input(shape=(3,), dtype=tf.int32).dtype == "int32"


# ---- keras.Variable --------------------------------------------------------------------

def test_variable_from_an_initializer_name_and_a_shape():
    v = keras.Variable(initializer="zeros", shape=(2, 1))
    assert repr(v) == str(v) == ("<Variable path=variable, shape=(2, 1), dtype=float32, "
                                 "value=[[0.]\n [0.]]>")
    assert v.name == "variable" and v.path == "variable" and v.trainable
    assert isinstance(v, tf.Variable) and v.dtype == "float32"
    assert keras.Variable(initializer="zeros", shape=(1,)).name == "variable_1"


def test_variable_from_values_keeps_their_dtype():
    assert repr(keras.Variable(np.ones(2))) == (
        "<Variable path=variable, shape=(2,), dtype=float64, value=[1. 1.]>")
    assert repr(keras.Variable(3.0, name="w")) == (
        "<Variable path=w, shape=(), dtype=float32, value=3.0>")
    assert keras.Variable([1, 2]).dtype == "int32"
    assert keras.Variable(np.zeros(2), dtype="float32").dtype == "float32"
    assert keras.Variable(tf.Variable(1.0)).shape == ()


def test_variable_from_an_initializer_object_or_function():
    uniform = keras.Variable(shape=(1000,), initializer="uniform")  # the book's chapter 2
    values = uniform.numpy()
    assert values.min() >= -0.05 and values.max() < 0.05 and values.std() > 0.02
    normal = keras.Variable(keras.initializers.RandomNormal(stddev=1.0, seed=1), shape=(500,))
    assert 0.8 < normal.numpy().std() < 1.2
    ones = keras.Variable(initializer=lambda shape, dtype: np.ones(shape), shape=(2,))
    np.testing.assert_array_equal(ones.numpy(), [1.0, 1.0])
    assert ones.dtype == "float32"  # the initializer's values take the variable's dtype
    assert keras.Variable(initializer="ones", shape=(2,), dtype="int32").dtype == "int32"


def test_variable_mistakes_are_named():
    with pytest.raises(ValueError, match="shape"):
        keras.Variable("zeros")
    with pytest.raises(ValueError, match="Unknown initializer 'zeroes'"):
        keras.Variable("zeroes", shape=(2,))
    with pytest.raises(ValueError, match=r"shape \(2, 3\).*\(3, 2\)"):
        keras.Variable(np.zeros((2, 3)), shape=(3, 2))
    with pytest.raises(ValueError, match="without '/'"):
        keras.Variable(1.0, name="a/b")
    with pytest.raises(TypeError, match="dtyp"):
        keras.Variable(initializer="ones", shape=(2,), dtyp="int32")
    with pytest.raises(TypeError, match="initializer"):
        keras.Variable(shape=(2,))


def test_variable_trains_like_a_tf_variable():
    v = keras.Variable(initializer="ones", shape=(2,))
    with tf.GradientTape() as tape:
        loss = keras.ops.sum(v * v)
    grad = tape.gradient(loss, v)
    keras.optimizers.SGD(learning_rate=0.25).apply_gradients([(grad, v)])
    np.testing.assert_array_equal(v.numpy(), [0.5, 0.5])
    v.assign([1, 2])
    assert repr(v) == "<Variable path=variable, shape=(2,), dtype=float32, value=[1. 2.]>"
    assert not keras.Variable(1.0, trainable=False).trainable


# ---- keras.config ----------------------------------------------------------------------

def test_config_backend_floatx_epsilon():
    assert keras.config.backend() == "tensorflow"
    assert keras.config.floatx() == "float32" and keras.config.epsilon() == 1e-7


def test_set_floatx_changes_new_layers_inputs_variables_and_draws():
    keras.config.set_floatx("float64")
    try:
        assert keras.config.floatx() == "float64"
        assert keras.Input((2,)).dtype == "float64"
        layer = keras.layers.Dense(2)
        assert layer(np.ones((1, 2))).dtype == tf.float64 and layer.kernel.dtype == tf.float64
        assert keras.Variable(shape=(2,), initializer="zeros").dtype == tf.float64
        assert keras.random.normal((1,)).dtype == tf.float64
    finally:
        keras.config.set_floatx("float32")
    assert keras.layers.Dense(2)(np.ones((1, 2), "float32")).dtype == tf.float32


def test_set_floatx_refuses_what_teachtensor_cannot_do():
    with pytest.raises(NotImplementedError, match="half precision"):
        keras.config.set_floatx("float16")
    with pytest.raises(ValueError, match="Unknown floatx value: 'float23'"):
        keras.config.set_floatx("float23")
    assert keras.config.floatx() == "float32"


def test_another_keras_backend_gets_a_warning(monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "jax")
    with pytest.warns(UserWarning, match="KERAS_BACKEND='jax' is ignored"):
        keras.config._warn_about_other_backends()
    monkeypatch.setenv("KERAS_BACKEND", "tensorflow")
    keras.config._warn_about_other_backends()  # silent


# ---- keras.random and the seeds --------------------------------------------------------

def test_an_int_seed_gives_the_same_numbers_every_call():
    a = keras.random.normal((3,), seed=1)
    np.testing.assert_array_equal(a.numpy(), keras.random.normal((3,), seed=1).numpy())
    keras.utils.set_random_seed(5)
    np.testing.assert_array_equal(a.numpy(), keras.random.normal((3,), seed=1).numpy())


def test_no_seed_draws_from_the_global_generator():
    keras.utils.set_random_seed(5)
    first, second = keras.random.normal((3,)), keras.random.normal((3,))
    keras.utils.set_random_seed(5)
    again, again_second = keras.random.normal((3,)), keras.random.normal((3,))
    assert not np.allclose(first, second)
    np.testing.assert_array_equal(first.numpy(), again.numpy())
    np.testing.assert_array_equal(second.numpy(), again_second.numpy())


def test_a_seed_generator_advances_and_repeats():
    generator = keras.random.SeedGenerator(42)
    x1 = keras.random.normal((3,), seed=generator)
    x2 = keras.random.normal((3,), seed=generator)
    y1 = keras.random.normal((3,), seed=keras.random.SeedGenerator(42))
    assert not np.allclose(x1, x2)
    np.testing.assert_array_equal(x1.numpy(), y1.numpy())
    keras.utils.set_random_seed(3)
    s1 = keras.random.normal((2,), seed=keras.random.SeedGenerator())
    keras.utils.set_random_seed(3)
    s2 = keras.random.normal((2,), seed=keras.random.SeedGenerator())
    np.testing.assert_array_equal(s1.numpy(), s2.numpy())


@pytest.mark.parametrize("name", ["RandomNormal", "RandomUniform", "TruncatedNormal",
                                  "GlorotUniform", "GlorotNormal", "HeNormal", "HeUniform",
                                  "LecunNormal", "LecunUniform"])
def test_an_initializer_with_an_int_seed_ignores_the_global_seed(name):
    """Keras 3: an int seed alone decides an initializer's numbers (the same on every
    call, whatever keras.utils.set_random_seed said); seed=None follows the global seed."""
    make = getattr(keras.initializers, name)
    first = make(seed=3)((4, 5)).numpy()
    keras.utils.set_random_seed(42)
    np.testing.assert_array_equal(make(seed=3)((4, 5)).numpy(), first)
    keras.utils.set_random_seed(7)
    unseeded = make()((4, 5)).numpy()
    keras.utils.set_random_seed(7)
    np.testing.assert_array_equal(make()((4, 5)).numpy(), unseeded)
    assert not np.array_equal(unseeded, first)


def test_random_functions_shapes_dtypes_and_ranges():
    u = keras.random.uniform((1000,), minval=2, maxval=3, seed=0)
    assert u.dtype == tf.float32 and 2 <= u.numpy().min() and u.numpy().max() < 3
    r = keras.random.randint((1000,), 0, 10, seed=0)
    assert r.dtype == tf.int32 and set(np.unique(r.numpy())) == set(range(10))
    t = keras.random.truncated_normal((1000,), mean=1.0, stddev=0.1, seed=0)
    assert np.all(np.abs(t.numpy() - 1.0) <= 0.2)
    n = keras.random.normal((2, 3), mean=5.0, dtype="float64", seed=0)
    assert n.shape == (2, 3) and n.dtype == tf.float64
    s = keras.random.shuffle(np.arange(10), seed=1)
    assert sorted(s.numpy().tolist()) == list(range(10))
    np.testing.assert_array_equal(s.numpy(), keras.random.shuffle(np.arange(10), seed=1).numpy())
    rows = keras.random.shuffle(np.arange(6).reshape(2, 3), axis=1, seed=0).numpy()
    assert sorted(rows[0].tolist()) == [0, 1, 2] and np.all(rows[1] == rows[0] + 3)


def test_random_mistakes_are_named():
    with pytest.raises(ValueError, match="seed must be an integer, a keras.random.SeedGenerator"):
        keras.random.normal((2,), seed="abc")
    with pytest.raises(ValueError, match="seed must be"):
        keras.random.normal((2,), seed=1.5)
    with pytest.raises(ValueError, match="floating-point dtype.*randint"):
        keras.random.uniform((2,), dtype="int32")
    with pytest.raises(ValueError, match="integer dtype.*uniform"):
        keras.random.randint((2,), 0, 3, dtype="float32")
    with pytest.raises(ValueError, match="must be an integer"):
        keras.random.SeedGenerator("x")


def test_set_random_seed_seeds_python_numpy_and_tensorflow():
    def draws():
        return (random.random(), np.random.rand(), float(tf.random.uniform(())),
                float(keras.random.uniform(())), keras.layers.Dense(2)(np.ones((1, 3))).numpy())

    keras.utils.set_random_seed(3)
    first = draws()
    keras.utils.set_random_seed(3)
    second = draws()
    assert first[:4] == second[:4]
    np.testing.assert_array_equal(first[4], second[4])
    for bad in (None, 1.5):
        with pytest.raises(ValueError, match="integer seed"):
            keras.utils.set_random_seed(bad)


def test_the_short_initializer_names():
    assert type(keras.initializers.get("uniform")).__name__ == "RandomUniform"
    assert type(keras.initializers.get("normal")).__name__ == "RandomNormal"


def test_a_model_whose_initializer_has_a_seed_generator_saves_and_loads(tmp_path):
    """Keras 3 saves a SeedGenerator seed as its starting seed (get_config)."""
    init = keras.initializers.LecunUniform(seed=keras.random.SeedGenerator(3))
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, kernel_initializer=init)])
    model.save(tmp_path / "m.keras")
    loaded = keras.models.load_model(tmp_path / "m.keras")
    x = np.ones((2, 4), np.float32)
    np.testing.assert_allclose(loaded(x).numpy(), model(x).numpy())
    seed = loaded.layers[0].kernel_initializer.seed
    assert isinstance(seed, keras.random.SeedGenerator) and seed.state == [3, 1]  # started again, drawn once by build


# ---- weights' names and paths (Keras 3.15 gives the same paths) -------------------------

def test_a_weight_has_its_own_name_and_the_path_of_the_layers_that_made_it():
    x = np.ones((2, 4), "float32")
    dense = keras.layers.Dense(2, name="alone")
    dense(x)
    assert (dense.kernel.name, dense.kernel.path) == ("kernel", "alone/kernel")
    assert repr(dense.bias) == "<Variable path=alone/bias, shape=(2,), dtype=float32, value=[0. 0.]>"

    built_at_once = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, name="d")],
                                     name="seq")
    assert [w.path for w in built_at_once.weights] == ["seq/d/kernel", "seq/d/bias"]
    built_later = keras.Sequential([keras.layers.Dense(2, name="d")], name="seq_later")
    built_later.build((None, 4))
    assert built_later.weights[0].path == "seq_later/d/kernel"
    built_at_once.add(keras.layers.Dense(1, name="top"))  # built by add, inside the model
    assert built_at_once.weights[-1].path == "seq/top/bias"

    inputs = keras.Input((4,))
    functional = keras.Model(inputs, keras.layers.Dense(2, name="f")(inputs), name="fm")
    assert functional.weights[0].path == "f/kernel"  # built when called on keras.Input


def test_paths_of_weights_made_inside_your_own_layers_and_models():
    class Outer(keras.layers.Layer):
        def __init__(self):
            super().__init__(name="outer")
            self.inner = keras.layers.Dense(2, name="inner")
            self.w = self.add_weight(shape=(1,), name="w")

        def call(self, x):
            return self.inner(x)

    class Net(keras.Model):
        def __init__(self):
            super().__init__(name="net")
            self.block = Outer()

        def call(self, x):
            return self.block(x)

    net = Net()
    net(np.ones((1, 3), "float32"))
    assert [w.path for w in net.weights] == ["outer/w", "net/outer/inner/kernel",
                                             "net/outer/inner/bias"]
    assert [w.name for w in net.weights] == ["w", "kernel", "bias"]


def test_a_failed_call_leaves_no_scope_behind():
    class Broken(keras.layers.Layer):
        def build(self, input_shape):
            raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        Broken(name="broken")(np.ones((1, 2)))
    assert keras.Variable(1.0, name="after").path == "after"


def test_optimizer_slots_are_named_after_the_variables_path():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, name="d")],
                             name="slots")
    model.compile(optimizer="rmsprop", loss="mse")
    model.fit(np.ones((4, 3)), np.ones((4, 1)), verbose=0)
    assert "slots_d_kernel_velocity" in [v.name for v in model.optimizer.variables]


def test_optimizer_names_and_variable_paths_are_keras_3s():
    # Keras 3.15: default names counted as layers' are ("sgd", "sgd_1"; RMSprop's snake
    # case is "rm_sprop"), and the optimizer's variables are keras.Variables under it
    keras.utils.clear_session()
    assert [keras.optimizers.SGD().name for _ in range(2)] == ["sgd", "sgd_1"]
    assert keras.optimizers.RMSprop().name == "rm_sprop"
    assert keras.optimizers.Adam(name="mine").name == "mine"
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, name="d")], name="s")
    model.compile(optimizer="adam", loss="mse")
    model.fit(np.ones((4, 3)), np.ones((4, 1)), verbose=0)
    assert [v.path for v in model.optimizer.variables] == [
        "adam/iteration", "adam/learning_rate", "adam/s_d_kernel_momentum",
        "adam/s_d_kernel_velocity", "adam/s_d_bias_momentum", "adam/s_d_bias_velocity"]
    assert repr(model.optimizer.iterations) == \
        "<Variable path=adam/iteration, shape=(), dtype=int64, value=1>"
    assert model.optimizer.get_config()["name"] == "adam"
    sgd = keras.optimizers.SGD(momentum=0.9)
    w = tf.Variable([1.0, -2.0], name="a")  # a tf.Variable has no path: its name, ":" made "_"
    sgd.apply_gradients([(tf.ones(2), w)])
    assert [v.name for v in sgd.variables] == ["iteration", "learning_rate", "a_0_momentum"]
    assert all(isinstance(v, keras.Variable) and not v.trainable for v in sgd.variables)


def test_a_layer_keeps_its_place_and_build_by_hand_opens_it():
    # the three cases where Keras 3 fixes a layer's place at its first scope
    class Outer(keras.layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.inner = keras.layers.Dense(2, name="inner")

        def build(self, input_shape):
            self.w = self.add_weight(shape=(1,), name="w")
            self.inner.build(input_shape)  # a sub-layer built by hand, inside build

        def call(self, x):
            return self.inner(x)

    outer = Outer(name="outer6")
    outer.build((None, 3))
    assert [w.path for w in outer.weights] == ["outer6/w", "outer6/inner/kernel",
                                               "outer6/inner/bias"]

    class MakesAVariable(keras.layers.Layer):
        def build(self, input_shape):
            self.v = keras.Variable(np.zeros(2, "float32"), name="v")

    made = MakesAVariable(name="vl")
    made.build((None, 3))
    assert made.v.path == "vl/v"

    inner = keras.Sequential([keras.layers.Dense(2, name="d1")], name="inner")
    whole = keras.Sequential([keras.Input((3,)), inner], name="whole")
    inner.add(keras.layers.Dense(1, name="late"))  # built outside any call, in place
    assert [w.path for w in whole.weights] == [
        "whole/inner/d1/kernel", "whole/inner/d1/bias", "whole/inner/late/kernel",
        "whole/inner/late/bias"]
