"""Layer: build/call/add_weight, weight tracking, names, Dense, activations, initializers."""
import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers


from .chapter_layers import SimpleDense  # noqa: E402  (the book's listing)

def test_simple_dense_from_the_chapter():
    my_dense = SimpleDense(units=32, activation=tf.nn.relu)
    output_tensor = my_dense(tf.ones(shape=(2, 784)))
    assert output_tensor.shape == (2, 32)
    assert isinstance(output_tensor, tf.Tensor)
    assert [tuple(w.shape) for w in my_dense.weights] == [(784, 32), (32,)]
    assert my_dense.built


def test_build_runs_once_with_the_first_shape():
    calls = []

    class Recorder(SimpleDense):
        def build(self, input_shape):
            calls.append(input_shape)
            assert isinstance(input_shape[-1], int)
            super().build(input_shape)

    layer = Recorder(4)
    layer(np.ones((3, 5)))
    layer(np.ones((7, 5)))
    assert calls == [(3, 5)]


def test_numpy_and_list_inputs_become_float32_tensors():
    layer = layers.Dense(2)
    out = layer(np.ones((3, 4)))  # float64 data, float32 weights
    assert out.dtype == tf.float32
    assert layer([[1.0, 2.0, 3.0, 4.0]]).shape == (1, 2)


def test_add_weight_returns_tracked_variables():
    layer = SimpleDense(3)
    layer(tf.ones((1, 2)))
    assert all(isinstance(w, tf.Variable) for w in layer.weights)
    assert layer.trainable_weights == layer.weights
    assert layer.non_trainable_weights == []
    assert layer.variables == layer.weights


def test_non_trainable_weight_and_frozen_layer():
    class Counter(keras.layers.Layer):
        def build(self, input_shape):
            self.w = self.add_weight(shape=(input_shape[-1], 1))
            self.count = self.add_weight(shape=(), initializer="zeros", trainable=False)

        def call(self, inputs):
            return inputs

    layer = Counter()
    layer(tf.ones((1, 3)))
    assert [w.shape for w in layer.trainable_weights] == [(3, 1)]
    assert [w.shape for w in layer.non_trainable_weights] == [()]
    layer.trainable = False
    assert layer.trainable_weights == []
    assert len(layer.non_trainable_weights) == 2


def test_variables_and_sublayers_assigned_as_attributes_are_tracked():
    class Block(keras.layers.Layer):
        def __init__(self):
            super().__init__()
            self.scale = tf.Variable(2.0)
            self.inner = layers.Dense(3)
            self.more = [layers.Dense(2), layers.Dense(1)]

        def call(self, x):
            x = self.inner(x) * self.scale
            for layer in self.more:
                x = layer(x)
            return x

    block = Block()
    block(tf.ones((1, 4)))
    shapes = [tuple(w.shape) for w in block.weights]
    assert shapes == [(), (4, 3), (3,), (3, 2), (2,), (2, 1), (1,)]


def test_default_names_are_unique_snake_case():
    assert layers.Dense(1).name == "dense"
    assert layers.Dense(1).name == "dense_1"
    assert SimpleDense(1).name == "simple_dense"
    assert layers.Dense(1, name="out").name == "out"


def test_dense_weights_order_shapes_and_names():
    layer = layers.Dense(4)
    layer(tf.ones((2, 3)))
    kernel, bias = layer.weights
    assert kernel.shape == (3, 4) and bias.shape == (4,)
    assert kernel.name == "kernel" and bias.name == "bias"  # Keras 3's names and paths
    assert kernel.path == "dense/kernel" and bias.path == "dense/bias"
    assert repr(bias) == "<Variable path=dense/bias, shape=(4,), dtype=float32, value=[0. 0. 0. 0.]>"
    assert np.all(bias.numpy() == 0)


def test_dense_computes_activation_of_affine_map():
    layer = layers.Dense(3, activation="relu")
    x = np.random.default_rng(1).normal(size=(5, 4)).astype(np.float32)
    out = layer(x).numpy()
    expected = np.maximum(x @ layer.kernel.numpy() + layer.bias.numpy(), 0)
    np.testing.assert_allclose(out, expected, rtol=1e-6, atol=1e-6)


def test_dense_on_rank_3_acts_on_last_axis():
    layer = layers.Dense(5)
    x = np.ones((2, 3, 4), dtype=np.float32)
    out = layer(x)
    assert out.shape == (2, 3, 5)
    assert layer.kernel.shape == (4, 5)


def test_dense_without_bias():
    layer = layers.Dense(2, use_bias=False)
    layer(tf.ones((1, 3)))
    assert [w.shape for w in layer.weights] == [(3, 2)]


def test_gradients_reach_dense_weights():
    layer = layers.Dense(2, activation="sigmoid")
    x = tf.ones((4, 3))
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(layer(x))
    grads = tape.gradient(loss, layer.trainable_weights)
    assert [g.shape for g in grads] == [(3, 2), (2,)]


@pytest.mark.parametrize("dtype", ["int32", "int64", "uint8", "bool"])
def test_integer_tensors_into_layers_are_promoted_to_float_as_in_keras_3(dtype):
    # Keras 3's ops promote int (and bool) with float32 to float32; numbers checked
    # against Keras 3.15 with TensorFlow 2.21.  Layers without floats keep the dtype.
    values = np.array([[1, 0, 1, 1], [0, 1, 1, 0]]).astype(dtype)
    x = tf.constant(values)
    floats = tf.constant(np.arange(8, dtype=np.float32).reshape(2, 4))
    dense = layers.Dense(3)
    out = dense(x)
    assert out.dtype == tf.float32
    np.testing.assert_allclose(out.numpy(), values.astype(np.float32) @
                               dense.kernel.numpy() + dense.bias.numpy(), rtol=1e-6)
    assert layers.BatchNormalization()(x).dtype == tf.float32
    np.testing.assert_array_equal(layers.Add()([x, floats]).numpy(),
                                  values.astype(np.float32) + floats.numpy())
    np.testing.assert_array_equal(layers.Concatenate()([x, floats]).numpy(),
                                  np.concatenate([values.astype(np.float32), floats], -1))
    assert layers.Flatten()(x).dtype == tf.as_dtype(dtype)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(dense(x))
    np.testing.assert_allclose(tape.gradient(loss, dense.kernel).numpy(),
                               np.repeat(values.astype(np.float32).sum(0)[:, None], 3, 1))


def test_integer_keras_input_gives_a_float_model():
    inputs = keras.Input(shape=(4,), dtype="int32")
    outputs = layers.Dense(2)(inputs)
    assert outputs.dtype == "float32"
    model = keras.Model(inputs, outputs)
    assert model(tf.constant([[1, 2, 3, 4]])).dtype == tf.float32


# Merge layers on tensors of two dtypes: the dtype and values Keras 3.15 (TensorFlow 2.21)
# gives when the layers are called eagerly.
MIXED_MERGES = [
    ("Add", ("int32", [[1, 2]]), ("bool", [[1, 0]]), "int32", [[2, 2]]),
    ("Subtract", ("int32", [[1, 2]]), ("bool", [[1, 0]]), "int32", [[0, 2]]),
    ("Multiply", ("int32", [[1, 2]]), ("bool", [[1, 0]]), "int32", [[1, 0]]),
    ("Maximum", ("int32", [[1, 2]]), ("bool", [[1, 0]]), "int32", [[1, 2]]),
    ("Average", ("int32", [[1, 2]]), ("bool", [[1, 0]]), "float64", [[1.0, 1.0]]),
    ("Concatenate", ("int32", [[1, 2]]), ("bool", [[1, 0]]), "int32", [[1, 2, 1, 0]]),
    ("Add", ("uint8", [[1, 2]]), ("int8", [[1, 1]]), "int16", [[2, 3]]),
    ("Concatenate", ("bool", [[1, 0]]), ("bool", [[1, 0]]), "bool",
     [[True, False, True, False]]),
    ("Average", ("int32", [[1, 2]]), ("int32", [[1, 2]]), "float64", [[1.0, 2.0]]),
]


@pytest.mark.parametrize("layer, first, second, dtype, values", MIXED_MERGES)
def test_merge_layers_combine_two_dtypes_as_keras_3_does(layer, first, second, dtype, values):
    a, b = (tf.constant(np.array(numbers).astype(kind)) for kind, numbers in (first, second))
    out = getattr(layers, layer)()([a, b])
    assert out.dtype == tf.as_dtype(dtype)
    assert out.numpy().tolist() == values


def test_bool_tensors_cannot_be_added_by_a_merge_layer():
    b = tf.constant([[True, False]])
    with pytest.raises(TypeError, match="bool"):  # (Keras 3 refuses them too)
        layers.Add()([b, b])


@pytest.mark.parametrize("dtype", ["int32", "uint8", "bool"])
def test_a_functional_model_converts_its_data_to_each_inputs_dtype(dtype):
    # Keras 3 converts a functional model's data to the dtype of its keras.Input:
    # int32 token ids stay int32 (checked against Keras 3.15).
    ints = keras.Input((2,), dtype=dtype)
    floats = keras.Input((2,))
    model = keras.Model([ints, floats], [layers.Concatenate()([ints, ints]),
                                         layers.Concatenate()([floats, floats])])
    data = np.array([[1, 0]])  # int64
    for given in (data, tf.constant(data)):
        out_ints, out_floats = model([given, given])
        assert out_ints.dtype == tf.as_dtype(dtype) and out_floats.dtype == tf.float32
        assert out_ints.numpy().astype(int).tolist() == [[1, 0, 1, 0]]
    assert model.predict([data, data], verbose=0)[0].dtype == np.dtype(dtype)


@pytest.mark.parametrize("name", ["relu", "sigmoid", "softmax", "tanh", "linear"])
def test_activations_by_name(name):
    fn = keras.activations.get(name)
    x = tf.constant([[-1.0, 0.0, 2.0]])
    out = fn(x).numpy()
    v = np.array([[-1.0, 0.0, 2.0]])
    expected = {"relu": np.maximum(v, 0), "sigmoid": 1 / (1 + np.exp(-v)),
                "softmax": np.exp(v) / np.exp(v).sum(), "tanh": np.tanh(v), "linear": v}[name]
    np.testing.assert_allclose(out, expected, rtol=1e-6)


def test_activation_none_and_callable():
    assert keras.activations.get(None)(3.0) == 3.0
    assert keras.activations.get(tf.nn.relu) is tf.nn.relu
    assert layers.Activation("tanh")(tf.constant([0.0])).numpy()[0] == 0.0


def test_initializer_scales():
    shape = (400, 300)
    glorot = keras.initializers.get("glorot_uniform")(shape).numpy()
    limit = np.sqrt(6 / (400 + 300))
    assert np.abs(glorot).max() <= limit and np.abs(glorot).max() > 0.9 * limit
    normal = keras.initializers.get("random_normal")(shape).numpy()
    assert abs(normal.std() - 0.05) < 0.003
    uniform = keras.initializers.get("random_uniform")(shape).numpy()
    assert uniform.min() >= -0.05 and uniform.max() < 0.05
    he = keras.initializers.HeNormal()(shape).numpy()
    assert abs(he.std() - np.sqrt(2 / 400)) < 0.1 * np.sqrt(2 / 400)
    assert np.abs(he).max() <= 2 * np.sqrt(2 / 400) / 0.87962566103423978 + 1e-6
    he_u = keras.initializers.get("he_uniform")(shape).numpy()
    assert np.abs(he_u).max() <= np.sqrt(6 / 400)
    glorot_n = keras.initializers.get("glorot_normal")(shape).numpy()
    assert abs(glorot_n.std() - np.sqrt(2 / 700)) < 0.1 * np.sqrt(2 / 700)
    assert np.all(keras.initializers.get("zeros")((2,)).numpy() == 0)
    assert np.all(keras.initializers.get("ones")((2,)).numpy() == 1)


def test_initializers_follow_the_global_seed():
    tf.random.set_seed(42)
    a = layers.Dense(3)
    a(tf.ones((1, 2)))
    tf.random.set_seed(42)
    b = layers.Dense(3)
    b(tf.ones((1, 2)))
    np.testing.assert_array_equal(a.kernel.numpy(), b.kernel.numpy())


def test_initializer_objects_in_add_weight():
    layer = layers.Dense(2, kernel_initializer=keras.initializers.Constant(0.5),
                         bias_initializer=keras.initializers.Ones())
    layer(tf.ones((1, 3)))
    assert np.all(layer.kernel.numpy() == 0.5) and np.all(layer.bias.numpy() == 1)


def test_flatten_and_dropout():
    assert layers.Flatten()(tf.ones((2, 3, 4))).shape == (2, 12)
    drop = layers.Dropout(0.5)
    x = tf.ones((100, 100))
    np.testing.assert_array_equal(drop(x).numpy(), x.numpy())  # inference: identity
    trained = drop(x, training=True).numpy()
    assert set(np.unique(trained)) <= {0.0, 2.0}
    assert 0.4 < (trained == 0).mean() < 0.6


def test_identity_hands_its_input_on_with_its_gradient(tmp_path):
    ids = tf.constant([[1, 2]])
    assert layers.Identity()(ids).dtype == tf.int32  # any dtype, as it was (Keras too)
    v = tf.Variable([[1.0, 2.0]])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(layers.Identity()(v) * 3.0)
    np.testing.assert_array_equal(tape.gradient(y, v).numpy(), [[3.0, 3.0]])
    # a branch of raw inputs beside a Dense, saved and loaded (Keras 3.15: (None, 5),
    # 9 parameters, the same file loads there)
    inputs = keras.Input((2,))
    raw = layers.Identity(name="raw")(inputs)
    model = keras.Model(inputs, layers.Concatenate()([layers.Dense(3)(inputs), raw]))
    assert model.output_shape == (None, 5) and model.count_params() == 9
    model.save(tmp_path / "m.keras")
    again = keras.models.load_model(tmp_path / "m.keras")
    assert type(again.get_layer("raw")) is layers.Identity
    x = np.array([[0.5, -1.0]], "float32")
    np.testing.assert_array_equal(again.predict(x, verbose=0), model.predict(x, verbose=0))
    np.testing.assert_array_equal(again.predict(x, verbose=0)[:, 3:], x)


def test_seeded_dropout_is_reproducible_but_draws_a_new_mask_each_call():
    import teachtensor as tf
    from teachtensor import keras
    first = keras.layers.Dropout(0.5, seed=1)
    a = first(tf.ones((1, 64)), training=True).numpy()
    b = first(tf.ones((1, 64)), training=True).numpy()
    assert (a != b).any()
    again = keras.layers.Dropout(0.5, seed=1)
    assert (again(tf.ones((1, 64)), training=True).numpy() == a).all()


def test_default_names_keep_runs_of_capitals_together():
    from teachtensor.keras.layers.naming import snake_case
    from teachtensor.keras import losses
    from teachtensor.keras.metric_base import Metric

    class MyAUCMetric(Metric):
        def update_state(self, y_true, y_pred, sample_weight=None):
            pass

        def result(self):
            return 0.0

    assert snake_case("SimpleDense") == "simple_dense"
    assert snake_case("KLDivergence") == "kl_divergence"
    assert MyAUCMetric().name == "my_auc_metric"
    assert losses.KLDivergence().name == "kl_divergence"


def test_add_weight_without_a_name_gives_variable_variable_1_as_keras_3_does():
    # Keras 3 counts unnamed variables across the session: a second layer's go on from
    # where the first one's stopped (l/variable, l/variable_1, l_1/variable_2, ...).
    keras.utils.clear_session()

    class TwoWeights(layers.Layer):
        def build(self, input_shape):
            self.a = self.add_weight(shape=())
            self.b = self.add_weight(shape=())
            self.k = self.add_weight(shape=(), name="kernel")

        def call(self, inputs):
            return inputs

    first, second = TwoWeights(), TwoWeights()
    first(np.zeros((1, 1))), second(np.zeros((1, 1)))
    assert [v.name for v in first.weights] == ["variable", "variable_1", "kernel"]
    assert [v.path for v in first.weights] == [
        "two_weights/variable", "two_weights/variable_1", "two_weights/kernel"]
    assert [v.path for v in second.weights] == [
        "two_weights_1/variable_2", "two_weights_1/variable_3", "two_weights_1/kernel"]
