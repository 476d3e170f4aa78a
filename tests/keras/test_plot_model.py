"""``keras.utils.plot_model``: which boxes and arrows are drawn, where, with which texts,
into which files, and the errors for models it cannot draw.  The figure is made
without pyplot, so these tests need no display (and no Agg switch)."""
import numpy as np
import pytest
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from teachtensor import keras
from teachtensor.keras import layers

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def ticket_classifier():
    """The chapter's customer-ticket model, at the chapter's sizes."""
    title = keras.Input(shape=(10000,), name="title")
    text_body = keras.Input(shape=(10000,), name="text_body")
    tags = keras.Input(shape=(100,), name="tags")
    features = layers.Concatenate()([title, text_body, tags])
    features = layers.Dense(64, activation="relu")(features)
    priority = layers.Dense(1, activation="sigmoid", name="priority")(features)
    department = layers.Dense(4, activation="softmax", name="department")(features)
    return keras.Model(inputs=[title, text_body, tags], outputs=[priority, department])


def texts(result):
    return [t.get_text() for t in result.figure.axes[0].texts]


def box_centres(result):
    """{title line of a box: (x, y) of the box's centre}."""
    ax = result.figure.axes[0]
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    centres = {}
    for box in boxes:
        x, y = box.get_x() + box.get_width() / 2, box.get_y() + box.get_height() / 2
        inside = [t for t in ax.texts if box.get_x() < t.get_position()[0] <
                  box.get_x() + box.get_width() and box.get_y() < t.get_position()[1] <
                  box.get_y() + box.get_height()]
        title = max(inside, key=lambda t: t.get_position()[1]).get_text()
        centres[title] = (x, y)
    return centres


def arrows(result):
    return [p for p in result.figure.axes[0].patches if isinstance(p, FancyArrowPatch)]


def test_the_ticket_classifier_is_drawn_in_rows_by_depth(tmp_path):
    path = tmp_path / "ticket_classifier.png"
    result = keras.utils.plot_model(ticket_classifier(), str(path), show_layer_names=True)
    assert path.read_bytes()[:8] == PNG_MAGIC
    assert result.path == str(path)
    centres = box_centres(result)
    assert sorted(centres) == sorted(["title (InputLayer)", "text_body (InputLayer)",
                                      "tags (InputLayer)", "concatenate (Concatenate)",
                                      "dense (Dense)", "priority (Dense)",
                                      "department (Dense)"])
    assert len(arrows(result)) == 6  # 3 inputs -> concatenate -> dense -> 2 outputs
    x = {name.split()[0]: xy[0] for name, xy in centres.items()}
    y = {name.split()[0]: xy[1] for name, xy in centres.items()}
    # Top to bottom, one row per depth; the inputs left to right in the model's order.
    assert y["title"] == y["text_body"] == y["tags"] > y["concatenate"] > y["dense"] > \
        y["priority"] == y["department"]
    assert x["title"] < x["text_body"] < x["tags"]
    assert x["priority"] < x["department"]
    assert x["concatenate"] == pytest.approx(x["dense"])  # rows are centred
    # Without show_shapes, only the titles are written.
    assert not any("None" in text for text in texts(result))


def test_keras_default_labels_are_class_names(tmp_path):
    result = keras.utils.plot_model(ticket_classifier(), str(tmp_path / "model.png"))
    assert sorted(texts(result)) == sorted(["InputLayer"] * 3 + ["Concatenate"] +
                                           ["Dense"] * 3)


def test_show_shapes_writes_each_layers_output_shape(tmp_path):
    result = keras.utils.plot_model(ticket_classifier(), str(tmp_path / "model.png"),
                                    show_shapes=True, show_dtype=True,
                                    show_layer_activations=True)
    written = texts(result)
    for shape in ["(None, 10000)", "(None, 100)", "(None, 20100)", "(None, 64)",
                  "(None, 1)", "(None, 4)"]:
        assert f"output: {shape}" in written
    assert written.count("output: (None, 10000)") == 2
    assert "activation: relu" in written and "activation: softmax" in written
    assert "dtype: float32" in written


def test_left_to_right_puts_depth_along_x(tmp_path):
    result = keras.utils.plot_model(ticket_classifier(), str(tmp_path / "model.png"),
                                    show_layer_names=True, rankdir="LR")
    centres = {name.split()[0]: xy for name, xy in box_centres(result).items()}
    x = {name: xy[0] for name, xy in centres.items()}
    y = {name: xy[1] for name, xy in centres.items()}
    assert x["title"] == x["text_body"] == x["tags"] < x["concatenate"] < x["dense"] < \
        x["priority"] == x["department"]
    assert y["title"] > y["text_body"] > y["tags"]  # the first input at the top
    width, height = result.figure.get_size_inches()
    assert width > height


def test_a_sequential_model_is_a_chain(tmp_path):
    model = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(512, activation="relu"),
                              layers.Dense(10, activation="softmax")])
    result = keras.utils.plot_model(model, str(tmp_path / "model.png"), show_shapes=True,
                                    show_layer_names=True)
    centres = box_centres(result)
    assert list(centres) == ["dense (Dense)", "dense_1 (Dense)"]
    assert centres["dense (Dense)"][1] > centres["dense_1 (Dense)"][1]
    assert len(arrows(result)) == 1
    assert "output: (None, 512)" in texts(result) and "output: (None, 10)" in texts(result)


def test_a_sequential_model_built_by_fit(tmp_path):
    model = keras.Sequential([layers.Dense(3), layers.Dense(1)])
    model.compile(optimizer="rmsprop", loss="mse")
    model.fit(np.zeros((4, 5), "float32"), np.zeros((4, 1), "float32"), verbose=0)
    result = keras.utils.plot_model(model, str(tmp_path / "model.png"), show_shapes=True)
    assert "output: (None, 3)" in texts(result)


def test_a_residual_connection_goes_around_the_layers_it_skips(tmp_path):
    inputs = keras.Input(shape=(8,), name="x")
    h = layers.Dense(8, name="b")(layers.Dense(8, name="a")(inputs))
    outputs = layers.Add(name="residual")([inputs, h])
    result = keras.utils.plot_model(keras.Model(inputs, outputs), str(tmp_path / "m.png"),
                                    show_layer_names=True)
    centres = box_centres(result)
    right_edge_of_a = max(p.get_x() + p.get_width() for p in result.figure.axes[0].patches
                          if isinstance(p, FancyBboxPatch)
                          and p.get_y() < centres["a (Dense)"][1] < p.get_y() + p.get_height())
    assert len(arrows(result)) == 4
    furthest_right = [a.get_path().vertices[:, 0].max() for a in arrows(result)]  # data
    assert sum(x > right_edge_of_a for x in furthest_right) == 1  # x -> residual only


@pytest.mark.parametrize("extension, magic", [("pdf", b"%PDF"), ("svg", b"<?xml")])
def test_pdf_and_svg(tmp_path, extension, magic):
    path = tmp_path / f"model.{extension}"
    result = keras.utils.plot_model(ticket_classifier(), str(path))
    assert path.read_bytes()[:len(magic)] == magic
    png, metadata = result._repr_png_()  # what a notebook shows
    assert png[:8] == PNG_MAGIC and metadata["width"] > 0


def test_a_notebook_shows_the_saved_png(tmp_path):
    path = tmp_path / "model.png"
    result = keras.utils.plot_model(ticket_classifier(), path)  # a pathlib.Path works
    assert result._repr_png_()[0] == path.read_bytes()
    assert "model.png" in repr(result)


def test_an_unknown_extension_is_refused_before_drawing(tmp_path):
    with pytest.raises(ValueError, match=r"cannot save a '\.dot' file.*\.png.*\.svg"):
        keras.utils.plot_model(ticket_classifier(), str(tmp_path / "model.dot"))
    assert not (tmp_path / "model.dot").exists()


def test_an_unbuilt_sequential_model_says_how_to_build_it(tmp_path):
    model = keras.Sequential([layers.Dense(3)])
    with pytest.raises(ValueError, match=r"not been built.*keras\.Input\(shape="):
        keras.utils.plot_model(model, str(tmp_path / "model.png"))


def test_a_subclassed_model_is_one_box_once_built(tmp_path):
    class Classifier(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(2)

        def call(self, inputs):
            return self.dense(inputs)

    model = Classifier()
    with pytest.raises(ValueError, match=r"not been built.*model\(x\)"):
        keras.utils.plot_model(model, str(tmp_path / "model.png"))
    model(np.zeros((1, 3), "float32"))
    result = keras.utils.plot_model(model, str(tmp_path / "model.png"), show_shapes=True)
    assert texts(result) == ["Classifier", "output: (None, 2)"]


def test_bad_rankdir_and_expand_nested(tmp_path):
    with pytest.raises(ValueError, match="rankdir must be 'TB'.*or 'LR'"):
        keras.utils.plot_model(ticket_classifier(), str(tmp_path / "m.png"), rankdir="BT")
    with pytest.raises(ValueError, match="expand_nested=True is not supported"):
        keras.utils.plot_model(ticket_classifier(), str(tmp_path / "m.png"),
                               expand_nested=True)
