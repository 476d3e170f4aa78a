"""The functional API: KerasTensors, graphs of layers, merge layers, several inputs and
outputs (chapter 7 of Deep Learning with Python)."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers

RNG = np.random.default_rng(0)


def ticket_model(vocabulary=20, num_tags=6, departments=4):
    """The chapter's customer-ticket model: three inputs, two outputs."""
    title = keras.Input(shape=(vocabulary,), name="title")
    text_body = keras.Input(shape=(vocabulary,), name="text_body")
    tags = keras.Input(shape=(num_tags,), name="tags")
    features = layers.Concatenate()([title, text_body, tags])
    features = layers.Dense(16, activation="relu")(features)
    priority = layers.Dense(1, activation="sigmoid", name="priority")(features)
    department = layers.Dense(departments, activation="softmax", name="department")(features)
    return keras.Model(inputs=[title, text_body, tags], outputs=[priority, department])


def ticket_data(n=40, vocabulary=20, num_tags=6, departments=4):
    x = [RNG.integers(0, 2, size=(n, vocabulary)), RNG.integers(0, 2, size=(n, vocabulary)),
         RNG.integers(0, 2, size=(n, num_tags))]
    y = [RNG.random(size=(n, 1)), np.eye(departments)[RNG.integers(0, departments, n)]]
    return x, y


# ---- symbolic tensors -----------------------------------------------------------------

def test_an_input_is_a_symbolic_tensor_with_a_batch_axis():
    inputs = keras.Input(shape=(3,), name="my_input")
    assert inputs.shape == (None, 3) and inputs.dtype == "float32"
    assert repr(inputs) == ("<KerasTensor shape=(None, 3), dtype=float32, sparse=False, "
                            "name=my_input>")
    features = layers.Dense(64, activation="relu")(inputs)
    assert isinstance(features, keras.KerasTensor) and features.shape == (None, 64)
    with pytest.raises(TypeError, match="symbolic"):
        np.asarray(inputs)
    with pytest.raises(TypeError, match="symbolic"):
        tf.reduce_sum(inputs)


@settings(max_examples=20, deadline=None)
@given(features=st.integers(1, 6), units=st.lists(st.integers(1, 5), min_size=1, max_size=3),
       batch=st.integers(1, 4))
def test_the_shapes_found_symbolically_are_the_shapes_of_real_data(features, units, batch):
    inputs = keras.Input(shape=(features,))
    x, symbolic = inputs, []
    for u in units:
        x = layers.Dense(u, activation="tanh")(x)
        symbolic.append(x)
    model = keras.Model(inputs, symbolic)
    real = model(RNG.normal(size=(batch, features)).astype(np.float32))
    assert [tuple(r.shape) for r in real] == [(batch,) + s.shape[1:] for s in symbolic]


# ---- building and running graphs ---------------------------------------------------------

def test_a_functional_model_runs_its_graph_on_data():
    inputs = keras.Input(shape=(3,))
    hidden = layers.Dense(4, activation="relu")
    out = layers.Dense(2)
    model = keras.Model(inputs=inputs, outputs=out(hidden(inputs)), name="tiny")
    assert type(model).__name__ == "Functional" and isinstance(model, keras.Model)
    assert [type(l).__name__ for l in model.layers] == ["InputLayer", "Dense", "Dense"]
    assert model.name == "tiny" and len(model.weights) == 4
    x = RNG.normal(size=(5, 3)).astype(np.float32)
    k1, b1, k2, b2 = model.get_weights()
    np.testing.assert_allclose(model(x).numpy(), np.maximum(x @ k1 + b1, 0) @ k2 + b2,
                               rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(model.predict(x, verbose=0), model(x).numpy(), rtol=1e-6)


def test_several_inputs_and_outputs_by_position_and_by_name():
    model = ticket_model()
    x, _ = ticket_data(8)
    assert [t.name for t in model.inputs] == ["title", "text_body", "tags"]
    assert [t.shape for t in model.outputs] == [(None, 1), (None, 4)]
    assert [l.name for l in model.layers][:3] == ["title", "text_body", "tags"]
    priority, department = model(x)
    assert priority.shape == (8, 1) and department.shape == (8, 4)
    by_name = model({"title": x[0], "text_body": x[1], "tags": x[2]})
    np.testing.assert_array_equal(by_name[1].numpy(), department.numpy())
    concatenate = model.get_layer("concatenate")
    assert [t.name for t in concatenate.input] == ["title", "text_body", "tags"]
    assert concatenate.output.shape == (None, 46)
    with pytest.raises(ValueError, match="lacks \\['tags'\\] and has unknown keys \\['tag'\\]"):
        model({"title": x[0], "text_body": x[1], "tag": x[2]})
    with pytest.raises(ValueError, match="3 inputs"):
        model(x[0])
    with pytest.raises(ValueError, match="Input 'tags' .* expects data of shape"):
        model([x[0], x[1], x[1]])


def test_outputs_as_a_dict_come_back_as_a_dict():
    inputs = keras.Input(shape=(3,))
    model = keras.Model(inputs, {"a": layers.Dense(1)(inputs), "b": layers.Dense(2)(inputs)})
    out = model(np.ones((2, 3), np.float32))
    assert sorted(out) == ["a", "b"] and out["b"].shape == (2, 2)


def test_feature_extraction_reuses_the_trained_layers():
    model = ticket_model()
    features = keras.Model(inputs=model.inputs, outputs=model.get_layer("dense").output)
    x, _ = ticket_data(6)
    assert all(a is b for a, b in zip(features.weights, model.weights[:2]))
    kernel, bias = model.get_layer("dense").get_weights()
    expected = np.maximum(np.concatenate(x, axis=1).astype(np.float32) @ kernel + bias, 0)
    np.testing.assert_allclose(features(x).numpy(), expected, rtol=1e-5, atol=1e-6)
    # a new head on the old features: the shared layers train together
    new_output = layers.Dense(3, activation="softmax", name="difficulty")(
        model.get_layer("dense").output)
    bigger = keras.Model(model.inputs, [*model.outputs, new_output])
    assert [t.shape for t in bigger.outputs] == [(None, 1), (None, 4), (None, 3)]


def test_functional_models_mix_with_subclassed_layers_and_models():
    class Scale(layers.Layer):
        def build(self, input_shape):
            self.factor = self.add_weight(shape=(), initializer="ones", name="factor")

        def call(self, x):
            return x * self.factor

    inputs = keras.Input(shape=(3,))
    inner = keras.Model(inputs, layers.Dense(2)(Scale()(inputs)))
    assert inner.output.shape == (None, 2) and len(inner.weights) == 3

    class Wrapper(keras.Model):
        def __init__(self):
            super().__init__()
            self.body = inner
            self.head = layers.Dense(1)

        def call(self, x):
            return self.head(self.body(x))

    x = np.ones((4, 3), np.float32)
    assert Wrapper()(x).shape == (4, 1)
    outer_input = keras.Input(shape=(3,))  # a functional model used as a layer
    outer = keras.Model(outer_input, layers.Dense(1)(inner(outer_input)))
    np.testing.assert_allclose(outer(x).numpy(), outer.layers[2](inner(x)).numpy(), rtol=1e-6)


def test_a_subclass_of_model_can_be_built_from_a_graph():
    class CustomModel(keras.Model):
        def train_step(self, data):
            self.steps_taken = getattr(self, "steps_taken", 0) + 1
            return super().train_step(data)

    inputs = keras.Input(shape=(2,))
    model = CustomModel(inputs, layers.Dense(1)(inputs))
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((8, 2)), np.ones((8, 1)), batch_size=4, verbose=0)
    assert isinstance(model, CustomModel) and model.steps_taken == 2


def test_gradients_flow_through_the_graph():
    inputs = keras.Input(shape=(3,))
    a = layers.Dense(2, name="a")(inputs)
    b = layers.Dense(2, name="b")(inputs)
    model = keras.Model(inputs, layers.Multiply()([a, b]) + a)
    x = RNG.normal(size=(4, 3)).astype(np.float32)
    ka, ba = model.get_layer("a").get_weights()
    kb, bb = model.get_layer("b").get_weights()
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    grads = dict(zip([w.path for w in model.trainable_weights],
                     tape.gradient(loss, model.trainable_weights)))
    av, bv = x @ ka + ba, x @ kb + bb   # d/dA sum(A*B + A) = B + 1, d/dB = A
    np.testing.assert_allclose(grads["a/kernel"].numpy(), x.T @ (bv + 1), rtol=1e-5)
    np.testing.assert_allclose(grads["b/bias"].numpy(), av.sum(axis=0), rtol=1e-5)


def test_operators_on_symbolic_tensors_become_layers():
    inputs = keras.Input(shape=(2,))
    model = keras.Model(inputs, -(inputs * 2.0 + 1.0) / 4.0)
    x = np.array([[1.0, 2.0]], np.float32)
    np.testing.assert_allclose(model(x).numpy(), -(x * 2 + 1) / 4)
    # Operations, named as Keras names them; like Keras, not among model.layers
    assert [type(l).__name__ for l in model._graph.operations[1:]] == \
        ["Multiply", "Add", "Negative", "TrueDivide"]
    assert len(model.layers) == 1


def test_a_graph_that_misses_an_input_is_refused():
    a, b = keras.Input(shape=(2,), name="a"), keras.Input(shape=(2,), name="b")
    total = layers.Add()([a, b])
    with pytest.raises(ValueError, match="Graph disconnected.*'b'"):
        keras.Model(inputs=a, outputs=total)
    with pytest.raises(ValueError, match="unique"):
        keras.Model(a, layers.Dense(1, name="same")(layers.Dense(1, name="same")(a)))
    shared = layers.Dense(2)
    first, second = shared(a), shared(b)
    # Keras 3: a layer called twice answers for its first call; each call is a node
    assert shared.output is first and shared.input is a
    assert shared._inbound_nodes[1].outputs is second


def test_summary_shows_what_each_layer_is_connected_to(capsys):
    ticket_model().summary()
    text = capsys.readouterr().out
    assert "Connected to" in text
    assert "concatenate (Concatenate)" in text and "title[0][0]" in text
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines) if "concatenate (Concatenate)" in line)
    assert "text_body[0][0]" in lines[row + 1] and "tags[0][0]" in lines[row + 2]
    assert "priority (Dense)" in text and "dense[0][0]" in text


# ---- merge layers -------------------------------------------------------------------------

@pytest.mark.parametrize("layer, function, expected", [
    (layers.Add, layers.add, lambda a, b, c: a + b + c),
    (layers.Multiply, layers.multiply, lambda a, b, c: a * b * c),
    (layers.Average, layers.average, lambda a, b, c: (a + b + c) / 3),
    (layers.Maximum, layers.maximum, lambda a, b, c: np.maximum(np.maximum(a, b), c)),
    (layers.Minimum, layers.minimum, lambda a, b, c: np.minimum(np.minimum(a, b), c)),
])
def test_elementwise_merges_match_numpy(layer, function, expected):
    a, b, c = (RNG.normal(size=(3, 4)).astype(np.float32) for _ in range(3))
    np.testing.assert_allclose(layer()([a, b, c]).numpy(), expected(a, b, c), rtol=1e-6)
    ins = [keras.Input(shape=(4,)) for _ in range(3)]
    model = keras.Model(ins, function(ins))
    np.testing.assert_allclose(model([a, b, c]).numpy(), expected(a, b, c), rtol=1e-6)


def test_subtract_and_concatenate():
    a, b = RNG.normal(size=(2, 3)).astype(np.float32), RNG.normal(size=(2, 5)).astype(np.float32)
    np.testing.assert_allclose(layers.Subtract()([a, a * 2]).numpy(), -a)
    np.testing.assert_allclose(layers.subtract([a, a]).numpy(), 0 * a)
    np.testing.assert_allclose(layers.Concatenate()([a, b]).numpy(), np.concatenate([a, b], 1))
    np.testing.assert_allclose(layers.concatenate([a, a], axis=0).numpy(),
                               np.concatenate([a, a], 0))
    with pytest.raises(ValueError, match="exactly 2"):
        layers.Subtract()([a, a, a])
    with pytest.raises(ValueError, match="matching shapes except for the concatenation axis"):
        layers.Concatenate(axis=0)([a, b])
    with pytest.raises(ValueError, match="incompatible shapes"):
        layers.Add()([a, b])
    with pytest.raises(ValueError, match="list of inputs"):
        layers.Add()(a)
    ins = keras.Input(shape=(3,)), keras.Input(shape=(5,))
    with pytest.raises(ValueError, match="incompatible shapes"):
        layers.add(list(ins))  # refused while the graph is built, not at fit time


# ---- training several outputs -----------------------------------------------------------

def test_a_multi_output_fit_logs_each_output_under_keras_names():
    model = ticket_model()
    model.compile(optimizer="rmsprop", loss=["mean_squared_error", "categorical_crossentropy"],
                  metrics=[["mean_absolute_error"], ["accuracy"]])
    x, y = ticket_data()
    history = model.fit(x, y, epochs=2, batch_size=16, verbose=0, validation_split=0.25)
    assert sorted(history.history) == sorted(
        ["loss", "priority_loss", "department_loss", "priority_mean_absolute_error",
         "department_accuracy"] + ["val_" + k for k in
                                   ["loss", "priority_loss", "department_loss",
                                    "priority_mean_absolute_error", "department_accuracy"]])
    assert model.metrics_names == ["loss", "priority_loss", "department_loss",
                                   "priority_mean_absolute_error", "department_accuracy"]
    results = model.evaluate(x, y, verbose=0)
    assert len(results) == 5
    priority, department = model.predict(x, batch_size=16, verbose=0)
    assert priority.shape == (40, 1) and department.shape == (40, 4)


def test_dict_data_dict_losses_and_loss_weights():
    model = ticket_model()
    model.compile(optimizer="rmsprop",
                  loss={"priority": "mean_squared_error", "department": "categorical_crossentropy"},
                  metrics={"department": "accuracy"}, loss_weights=[2.0, 0.5])
    x, y = ticket_data()
    logs = model.evaluate({"title": x[0], "text_body": x[1], "tags": x[2]},
                          {"priority": y[0], "department": y[1]}, batch_size=40, verbose=0,
                          return_dict=True)
    assert logs["loss"] == pytest.approx(2 * logs["priority_loss"] + 0.5 * logs["department_loss"],
                                         rel=1e-6)
    history = model.fit({"title": x[0], "text_body": x[1], "tags": x[2]},
                        {"priority": y[0], "department": y[1]}, epochs=1, verbose=0)
    assert "department_accuracy" in history.history


def test_mistakes_in_a_multi_output_compile_or_fit_change_nothing():
    model = ticket_model()
    x, y = ticket_data()
    with pytest.raises(ValueError, match="outputs are named \\['priority', 'department'\\]"):
        model.compile(optimizer="rmsprop", loss={"priorty": "mse", "department": "mse"})
    with pytest.raises(ValueError, match="list of 3, but the model has 2 outputs"):
        model.compile(optimizer="rmsprop", loss=["mse", "mse", "mse"])
    assert model.optimizer is None  # nothing was set by the failed compiles
    model.compile(optimizer="rmsprop", loss=["mse", "categorical_crossentropy"])
    before = model.get_weights()
    with pytest.raises(ValueError, match="2 outputs"):
        model.fit(x, y[0], verbose=0)
    with pytest.raises(ValueError, match="unknown keys \\['dept'\\]"):
        model.fit(x, {"priority": y[0], "dept": y[1]}, verbose=0)
    with pytest.raises(ValueError, match="same number of samples"):
        model.fit([x[0], x[1], x[2][:10]], y, verbose=0)
    for old, new in zip(before, model.get_weights()):
        np.testing.assert_array_equal(old, new)


def test_keras_model_from_config_rebuilds_a_functional_model():
    """``keras.Model.from_config(functional.get_config())``, as in Keras."""
    inputs = keras.Input((3,), name="x")
    model = keras.Model(inputs, layers.Dense(1, name="out")(inputs), name="f")
    again = keras.Model.from_config(model.get_config())
    assert type(again).__name__ == "Functional" and again.name == "f"
    assert [layer.name for layer in again.layers] == ["x", "out"]
    assert again(np.ones((2, 3), "float32")).shape == (2, 1)


def test_mask_none_is_accepted_by_layers_and_models_without_masks():
    """Keras passes ``mask=None`` along (its files record it for a model used as a
    layer); a call() that takes no mask gets none."""
    inner_inputs = keras.Input((3,))
    inner = keras.Model(inner_inputs, layers.Dense(2)(inner_inputs))
    inputs = keras.Input((3,))
    outer = keras.Model(inputs, layers.Dense(1)(inner(inputs, mask=None)))
    x = np.ones((4, 3), "float32")
    assert outer(x, mask=None).shape == (4, 1)
    assert layers.Dense(2)(x, mask=None).shape == (4, 2)
    with pytest.raises(TypeError):
        layers.Dense(2)(x, mask=np.ones((4,), bool))  # a real mask: Dense takes none


def test_a_subclass_passing_its_arguments_on_is_rebuilt_from_a_functional_config():
    """Keras revives a functional config as a subclass of Model whose __init__ takes
    (*args, **kwargs), as one written to add methods to a functional model does."""
    class WithExtras(keras.Model):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)

        def describe(self):
            return f"{len(self.layers)} layers"

    inputs = keras.Input((3,), name="x")
    model = WithExtras(inputs, layers.Dense(1, name="out")(inputs), name="w")
    again = WithExtras.from_config(model.get_config())
    assert type(again) is WithExtras and again.describe() == "2 layers"
    assert again(np.ones((2, 3), "float32")).shape == (2, 1)


def test_output_names_as_keras_gives_them():
    inputs = keras.Input((3,))
    by_key = keras.Model(inputs, {"reg": keras.layers.Dense(1, name="r")(inputs),
                                  "cls": keras.layers.Dense(1, name="c")(inputs)})
    # a dict: the layers, in the order of the sorted keys (Keras 3.15: ['c', 'r'])
    assert by_key.output_names == ["c", "r"]
    assert [t.shape for t in by_key.outputs] == [(None, 1), (None, 1)]
    listed = keras.Model(inputs, [keras.layers.Dense(1, name="a")(inputs),
                                  keras.layers.Dense(1, name="b")(inputs)])
    assert listed.output_names == ["a", "b"]  # a list: the layers that make them
    # (Keras 3 has no output_names on a Sequential model either)
    assert not hasattr(keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)]),
                       "output_names")


def test_input_and_output_shapes_as_keras_gives_them():
    a, b = keras.Input((4,), name="a"), keras.Input((2, 3), name="b")
    one = keras.Model(a, keras.layers.Dense(3)(a))
    assert (one.input_shape, one.output_shape) == ((None, 4), (None, 3))
    in_lists = keras.Model([a], [keras.layers.Dense(3)(a)])  # one of each: no list
    assert (in_lists.input_shape, in_lists.output_shape) == ((None, 4), (None, 3))
    # dicts: by sorted key, as Keras 3.15 lists model.inputs and model.outputs
    by_key = keras.Model({"b": b, "a": a}, {"z": keras.layers.Dense(3)(a),
                                            "y": keras.layers.Dense(2)(b)})
    assert by_key.input_shape == [(None, 4), (None, 2, 3)]
    assert by_key.output_shape == [(None, 2, 2), (None, 3)]
    assert [t.name for t in by_key.inputs] == ["a", "b"]
    two = keras.Model(a, [keras.layers.Dense(3)(a), keras.layers.Dense(1)(a)])
    assert two.output_shape == [(None, 3), (None, 1)]


def test_a_subclassed_model_has_its_last_output_shape_but_no_input_shape():
    class Small(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = keras.layers.Dense(2)

        def call(self, x):
            return self.dense(x)

    model = Small()
    model(np.ones((3, 4), "float32"))
    assert model.output_shape == (None, 2)
    with pytest.raises(AttributeError, match="not made from a graph of layers"):
        model.input_shape
