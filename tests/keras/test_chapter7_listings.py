"""Chapter 7's three functional examples, as the book writes them (with the import swap):
each is built, trained, evaluated, summarized, plotted and saved, and comes back from
its ``.keras`` file predicting the same.  Sizes are the book's, except the number of
samples (fewer, to keep the test quick)."""
import numpy as np
import pytest

import teachtensor as tf  # noqa: F401  (the book's imports)
from teachtensor import keras
from teachtensor.keras import layers

VOCABULARY, NUM_TAGS, NUM_DEPARTMENTS, NUM_SAMPLES = 10000, 100, 4, 64


def check_everything(model, x, y, tmp_path, capsys, fit=True):
    """Train, evaluate, summarize, plot and save ``model``; reload and compare."""
    if fit:
        history = model.fit(x, y, epochs=1, batch_size=32, verbose=0)
        assert history.history  # something was logged
        results = model.evaluate(x, y, verbose=0)
        assert np.all(np.isfinite(results))
    model.summary()
    assert model.name in capsys.readouterr().out
    png = tmp_path / f"{model.name}.png"
    keras.utils.plot_model(model, str(png), show_shapes=True)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    model.save(tmp_path / f"{model.name}.keras")
    again = keras.models.load_model(tmp_path / f"{model.name}.keras")
    ours, theirs = model.predict(x, verbose=0), again.predict(x, verbose=0)
    for a, b in zip(ours if isinstance(ours, list) else [ours],
                    theirs if isinstance(theirs, list) else [theirs]):
        np.testing.assert_allclose(a, b, rtol=1e-6)
    return again


def test_a_simple_functional_model(tmp_path, capsys):
    inputs = keras.Input(shape=(3,), name="my_input")
    features = layers.Dense(64, activation="relu")(inputs)
    outputs = layers.Dense(10, activation="softmax")(features)
    model = keras.Model(inputs=inputs, outputs=outputs, name="simple")
    assert inputs.shape == (None, 3) and features.shape == (None, 64)
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    rng = np.random.default_rng(0)
    x, y = rng.random((NUM_SAMPLES, 3)), rng.integers(0, 10, NUM_SAMPLES)
    again = check_everything(model, x, y, tmp_path, capsys)
    assert [type(layer).__name__ for layer in again.layers] == ["InputLayer", "Dense", "Dense"]
    assert again.layers[0].name == "my_input" and again.input.shape == (None, 3)


def ticket_model():
    title = keras.Input(shape=(VOCABULARY,), name="title")
    text_body = keras.Input(shape=(VOCABULARY,), name="text_body")
    tags = keras.Input(shape=(NUM_TAGS,), name="tags")
    features = layers.Concatenate()([title, text_body, tags])
    features = layers.Dense(64, activation="relu")(features)
    priority = layers.Dense(1, activation="sigmoid", name="priority")(features)
    department = layers.Dense(NUM_DEPARTMENTS, activation="softmax",
                              name="department")(features)
    return keras.Model(inputs=[title, text_body, tags], outputs=[priority, department],
                       name="ticket_model")


def ticket_data():
    rng = np.random.default_rng(1)
    title_data = rng.integers(0, 2, size=(NUM_SAMPLES, VOCABULARY)).astype("float32")
    text_body_data = rng.integers(0, 2, size=(NUM_SAMPLES, VOCABULARY)).astype("float32")
    tags_data = rng.integers(0, 2, size=(NUM_SAMPLES, NUM_TAGS)).astype("float32")
    priority_data = rng.random(size=(NUM_SAMPLES, 1)).astype("float32")
    department_data = rng.integers(0, 2, size=(NUM_SAMPLES, NUM_DEPARTMENTS)).astype("float32")
    return [title_data, text_body_data, tags_data], [priority_data, department_data]


def test_the_customer_ticket_model(tmp_path, capsys):
    model = ticket_model()
    model.compile(optimizer="rmsprop", loss=["mean_squared_error", "categorical_crossentropy"],
                  metrics=[["mean_absolute_error"], ["accuracy"]])
    x, y = ticket_data()
    again = check_everything(model, x, y, tmp_path, capsys)
    priority_preds, department_preds = again.predict(x, verbose=0)
    assert priority_preds.shape == (NUM_SAMPLES, 1)
    assert department_preds.shape == (NUM_SAMPLES, NUM_DEPARTMENTS)
    # The dict form of the same training, by input and output names:
    model.compile(optimizer="rmsprop",
                  loss={"priority": "mean_squared_error",
                        "department": "categorical_crossentropy"},
                  metrics={"priority": ["mean_absolute_error"], "department": ["accuracy"]})
    names = ["title", "text_body", "tags"]
    history = model.fit(dict(zip(names, x)), {"priority": y[0], "department": y[1]},
                        epochs=1, verbose=0)
    assert {"loss", "priority_loss", "department_loss", "priority_mean_absolute_error",
            "department_accuracy"} <= set(history.history)
    # compile settings travel in the file too: the reloaded model trains right away
    again = keras.models.load_model(tmp_path / "ticket_model.keras")
    assert again.fit(x, y, epochs=1, verbose=0).history["loss"][0] > 0


def test_a_new_model_from_the_intermediate_outputs_of_another(tmp_path, capsys):
    model = ticket_model()
    assert [type(layer).__name__ for layer in model.layers] == \
        ["InputLayer"] * 3 + ["Concatenate", "Dense", "Dense", "Dense"]
    assert model.layers[3].input[0].shape == (None, VOCABULARY)
    assert model.layers[3].output.shape == (None, 2 * VOCABULARY + NUM_TAGS)
    features = model.layers[4].output
    difficulty = layers.Dense(3, activation="softmax", name="difficulty")(features)
    new_model = keras.Model(inputs=[model.inputs[0], model.inputs[1], model.inputs[2]],
                            outputs=[model.outputs[0], model.outputs[1], difficulty],
                            name="new_model")
    new_model.compile(optimizer="rmsprop",
                      loss=["mean_squared_error", "categorical_crossentropy",
                            "sparse_categorical_crossentropy"])
    x, (priority, department) = ticket_data()
    y = [priority, department, np.random.default_rng(2).integers(0, 3, NUM_SAMPLES)]
    check_everything(new_model, x, y, tmp_path, capsys)
    # the new model shares the old one's layers: its training moved them
    assert any(w is v for w in new_model.weights for v in model.weights)


def test_functional_and_subclassed_models_inside_each_other_save_and_load(tmp_path):
    class Classifier(keras.Model):
        def __init__(self, num_classes=2, **kwargs):
            super().__init__(**kwargs)
            self.num_classes = num_classes
            self.dense = layers.Dense(num_classes, activation="softmax")

        def call(self, inputs):
            return self.dense(inputs)

        def get_config(self):
            return {**super().get_config(), "num_classes": self.num_classes}

    inputs = keras.Input(shape=(3,))
    features = layers.Dense(64, activation="relu")(inputs)
    outputs = Classifier(num_classes=10)(features)
    model = keras.Model(inputs=inputs, outputs=outputs)
    x = np.random.default_rng(3).random((5, 3)).astype("float32")
    model.save(tmp_path / "mixed.keras")
    with pytest.raises(TypeError, match="Classifier"):
        keras.models.load_model(tmp_path / "mixed.keras")
    again = keras.models.load_model(tmp_path / "mixed.keras",
                                    custom_objects={"Classifier": Classifier})
    np.testing.assert_allclose(again.predict(x, verbose=0), model.predict(x, verbose=0),
                               rtol=1e-6)
