"""Tests of teachtensor.plot: each figure is rendered to a PNG (headless Agg backend),
then we check what was drawn: points, lines and their labels, legends, axis labels,
the decision line's formula, the derivatives' values, the boxes of the tape's graph."""
import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: no window, no display needed

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.contour import ContourSet  # noqa: E402
from matplotlib.patches import Ellipse, FancyBboxPatch  # noqa: E402

import teachtensor as tf  # noqa: E402
from teachtensor import plot  # noqa: E402
from teachtensor.demo import make_blobs, train_linear_classifier  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def blobs():
    return make_blobs(num_samples_per_class=100, seed=0)  # 200 points, targets (200, 1)


def render(figure_or_ax, tmp_path, name="figure.png"):
    """Draw the figure into a PNG file, as a student would save it; return the path."""
    figure = getattr(figure_or_ax, "figure", figure_or_ax)
    path = tmp_path / name
    figure.savefig(path)
    assert path.stat().st_size > 1000
    return path


def scatter_points(ax):
    """The points of every scatter on ``ax``, one (n, 2) array per scatter call."""
    return [c.get_offsets() for c in ax.collections if not isinstance(c, ContourSet)]


def legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def line_labels(ax):
    return [line.get_label() for line in ax.lines]


# ---- scatter_classes / show_predictions ----------------------------------------

def test_scatter_classes_one_colour_and_legend_entry_per_class(blobs, tmp_path):
    inputs, targets = blobs
    ax = plot.scatter_classes(inputs, targets)
    render(ax, tmp_path)
    groups = scatter_points(ax)
    assert [len(g) for g in groups] == [100, 100]
    assert sum(len(g) for g in groups) == len(inputs)
    np.testing.assert_allclose(groups[0], inputs[targets[:, 0] == 0])
    assert legend_texts(ax) == ["class 0", "class 1"]
    assert ax.get_xlabel() == "inputs[:, 0]" and ax.get_ylabel() == "inputs[:, 1]"


def test_twenty_classes_get_twenty_colours_and_more_are_warned_about():
    from matplotlib.colors import to_hex
    points = np.random.default_rng(0).normal(size=(42, 2))
    ax = plot.scatter_classes(points, np.arange(20).repeat(2)[:40].tolist() + [0, 1])
    colours = {to_hex(c.get_facecolor()[0], keep_alpha=False) for c in ax.collections}
    assert len(colours) == 20
    with pytest.warns(UserWarning, match="21 classes, but only 20 colours"):
        plot.scatter_classes(points, np.arange(42) % 21)
    ax = plot.scatter_classes(points[:2], [-1, 1])  # -1 gets a colour of its own
    assert len({to_hex(c.get_facecolor()[0]) for c in ax.collections}) == 2


@pytest.mark.parametrize("form", ["(N,)", "(N, 1) tensor", "one-hot", "bool", "probabilities"])
def test_scatter_classes_accepts_every_form_of_labels(blobs, form):
    inputs, targets = blobs
    classes = targets[:, 0].astype(int)
    labels = {"(N,)": classes,
              "(N, 1) tensor": tf.constant(targets),
              "one-hot": np.eye(2, dtype=np.float32)[classes],
              "bool": classes == 1,
              "probabilities": np.where(classes == 1, 0.8, 0.3)}[form]
    ax = plot.scatter_classes(tf.constant(inputs), labels)
    assert [len(g) for g in scatter_points(ax)] == [100, 100]


def test_scatter_classes_names_and_no_labels(blobs):
    inputs, targets = blobs
    ax = plot.scatter_classes(inputs, targets, class_names=["negative", "positive"])
    assert legend_texts(ax) == ["negative", "positive"]
    ax = plot.scatter_classes(inputs)
    assert [len(g) for g in scatter_points(ax)] == [200]


def test_scatter_classes_rejects_bad_shapes(blobs):
    inputs, targets = blobs
    with pytest.raises(ValueError, match=r"\(N, 2\)"):
        plot.scatter_classes(np.zeros((5, 3)), np.zeros(5))
    with pytest.raises(ValueError, match="200 points but 10 labels"):
        plot.scatter_classes(inputs, targets[:10])


def test_show_predictions_thresholds_at_one_half(blobs, tmp_path):
    inputs, _ = blobs
    predictions = tf.constant(inputs[:, :1] - 1.0)  # > 0.5 exactly when x > 1.5
    ax = plot.show_predictions(inputs, predictions)
    render(ax, tmp_path)
    above = int(np.sum(inputs[:, 0] - 1.0 > 0.5))
    assert [len(g) for g in scatter_points(ax)] == [len(inputs) - above, above]
    assert legend_texts(ax) == ["prediction <= 0.5", "prediction > 0.5"]
    # class scores (N, k): coloured by the argmax; a model is called on the inputs
    ax = plot.show_predictions(inputs, lambda x: tf.concat([x, -x], axis=1))
    assert sum(len(g) for g in scatter_points(ax)) == len(inputs)


# ---- decision_boundary ---------------------------------------------------------

def test_decision_line_follows_the_chapters_formula(blobs, tmp_path):
    inputs, targets = blobs
    W, b, _ = train_linear_classifier(inputs, targets, steps=20, log=None)
    ax = plot.decision_boundary((W, b), inputs, targets)
    render(ax, tmp_path)
    line = ax.lines[0]
    assert line.get_label() == "decision boundary"
    x, y = line.get_xdata(), line.get_ydata()
    w, bias = W.numpy(), b.numpy()
    np.testing.assert_allclose(y, -w[0] / w[1] * x + (0.5 - bias) / w[1], rtol=1e-5, atol=1e-5)
    slope, intercept = np.polyfit(x, y, 1)
    np.testing.assert_allclose([slope, intercept],
                               [-w[0, 0] / w[1, 0], (0.5 - bias[0]) / w[1, 0]], rtol=1e-4)
    assert (x.min(), x.max()) == pytest.approx((inputs[:, 0].min(), inputs[:, 0].max()))
    assert sum(len(g) for g in scatter_points(ax)) == len(inputs)
    assert legend_texts(ax) == ["class 0", "class 1", "decision boundary"]
    # The classifier separates the blobs: the line has class 0 on one side only.
    pred = inputs @ w + bias
    assert np.mean((pred > 0.5) == (targets > 0.5)) > 0.95


def test_decision_line_from_numpy_and_other_threshold():
    W, b = np.array([[1.0], [2.0]]), np.array([0.5])
    inputs = np.array([[0.0, 0.0], [4.0, 1.0]], dtype=np.float32)
    ax = plot.decision_boundary((W, b), inputs, threshold=0.0)
    x, y = ax.lines[0].get_data()
    np.testing.assert_allclose(y, -0.5 * x - 0.25)
    ax = plot.decision_boundary((np.array([[2.0], [0.0]]), b), inputs)  # vertical: x = 0
    assert list(ax.lines[0].get_xdata()) == [0.0, 0.0]
    with pytest.raises(ValueError, match=r"\(2, 1\)"):
        plot.decision_boundary((np.ones((3, 1)), b), inputs)


class ScoresModel:
    """A Keras-like stand-in with only ``predict``: three class scores per point."""

    def predict(self, x):
        x = np.asarray(x)
        return np.stack([x[:, 0], x[:, 1], -x[:, 0] - x[:, 1]], axis=1)


def test_decision_regions_of_any_model(blobs, tmp_path):
    inputs, targets = blobs
    W = tf.constant([[1.0], [-1.0]])

    def model(x):
        return tf.sigmoid(tf.matmul(x, W))  # (N, 1) probabilities

    ax = plot.decision_boundary(model, inputs, targets)
    render(ax, tmp_path, "probabilities.png")
    contours = [c for c in ax.collections if isinstance(c, ContourSet)]
    assert len(contours) == 2                       # the filled contour and the 0.5 line
    assert list(contours[1].levels) == [0.5]
    assert "decision boundary" in legend_texts(ax)
    assert sum(len(g) for g in scatter_points(ax)) == len(inputs)

    ax = plot.decision_boundary(ScoresModel(), tf.constant(inputs))
    render(ax, tmp_path, "scores.png")
    assert any(isinstance(c, ContourSet) for c in ax.collections)
    assert [len(g) for g in scatter_points(ax)] == [len(inputs)]
    with pytest.raises(TypeError, match="W, b"):
        plot.decision_boundary(42, inputs)


# ---- plot_loss_curve / plot_history -----------------------------------------------

def test_plot_loss_curve_of_the_training_loop(blobs, tmp_path):
    inputs, targets = blobs
    _, _, losses = train_linear_classifier(inputs, targets, steps=10, log=None)
    ax = plot.plot_loss_curve(losses)
    render(ax, tmp_path)
    assert len(ax.lines) == 1
    np.testing.assert_allclose(ax.lines[0].get_ydata(), losses)
    assert list(ax.lines[0].get_xdata()) == list(range(10))
    assert ax.get_xlabel() == "Training step" and ax.get_ylabel() == "Loss"
    ax = plot.plot_loss_curve([tf.constant(2.0), tf.constant(1.0)])  # scalar tensors
    assert list(ax.lines[0].get_ydata()) == [2.0, 1.0]


HISTORY = {"loss": [0.9, 0.5, 0.3], "accuracy": [0.6, 0.8, 0.9],
           "val_loss": [1.0, 0.6, 0.5], "val_accuracy": [0.5, 0.7, 0.8]}


class History:
    """What ``model.fit`` returns: an object whose ``.history`` is the dict."""
    history = HISTORY


def test_plot_history_one_subplot_per_quantity(tmp_path):
    fig = plot.plot_history(History())
    render(fig, tmp_path)
    assert isinstance(fig, plt.Figure) and len(fig.axes) == 2
    loss_ax, acc_ax = fig.axes
    assert line_labels(loss_ax) == ["Training loss", "Validation loss"]
    assert line_labels(acc_ax) == ["Training accuracy", "Validation accuracy"]
    assert legend_texts(acc_ax) == ["Training accuracy", "Validation accuracy"]
    assert loss_ax.get_xlabel() == acc_ax.get_xlabel() == "Epochs"
    assert acc_ax.get_ylabel() == "Accuracy"
    assert list(loss_ax.lines[0].get_xdata()) == [1, 2, 3]      # epochs count from 1
    assert list(loss_ax.lines[1].get_ydata()) == HISTORY["val_loss"]


def test_plot_history_one_quantity_and_given_axes():
    _, ax = plt.subplots()
    assert plot.plot_history(HISTORY, metrics="loss", ax=ax) is ax
    assert line_labels(ax) == ["Training loss", "Validation loss"]
    ax = plot.plot_history({"loss": [3.0, 2.0]})  # no validation data
    assert line_labels(ax) == ["Training loss"]
    fig, axes = plt.subplots(2, 1)
    assert plot.plot_history(HISTORY, ax=axes) is fig
    with pytest.raises(ValueError, match="'auc'"):
        plot.plot_history(HISTORY, metrics=["auc"])
    with pytest.raises(ValueError, match="one Axes each"):
        plot.plot_history(HISTORY, ax=ax)


# ---- plot_derivatives ------------------------------------------------------------

def test_falling_apple_position_speed_acceleration(tmp_path):
    ax = plot.plot_derivatives(lambda t: 4.9 * t ** 2, x_range=(0, 2), num=50)
    render(ax, tmp_path)
    assert line_labels(ax) == ["f", "f'", "f''"]
    assert legend_texts(ax) == ["f", "f'", "f''"]
    t = ax.lines[0].get_xdata()
    assert len(t) == 50 and t[0] == 0 and t[-1] == 2
    np.testing.assert_allclose(ax.lines[0].get_ydata(), 4.9 * t ** 2, rtol=1e-5)
    np.testing.assert_allclose(ax.lines[1].get_ydata(), 9.8 * t, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(ax.lines[2].get_ydata(), 9.8, rtol=1e-6)


def test_higher_derivatives_and_given_axes():
    _, ax = plt.subplots()
    out = plot.plot_derivatives(tf.sin, order=3, num=30, ax=ax,
                                labels=["sin", "cos", "-sin", "-cos"])
    assert out is ax
    x = ax.lines[0].get_xdata()
    for line, expected in zip(ax.lines, [np.sin(x), np.cos(x), -np.sin(x), -np.cos(x)]):
        np.testing.assert_allclose(line.get_ydata(), expected, atol=1e-5)
    # The third derivative of the apple is 0: no longer connected to t, not None.
    ax = plot.plot_derivatives(lambda t: 4.9 * t ** 2, order=3, num=10)
    assert line_labels(ax)[3] == "f'''"
    np.testing.assert_allclose(ax.lines[3].get_ydata(), 0.0)


# ---- draw_tape -------------------------------------------------------------------

def record_linear_classifier(persistent=True):
    W = tf.Variable([[0.5], [-0.5]])
    b = tf.Variable([0.1])
    x = tf.ones((5, 2))
    with tf.GradientTape(persistent=persistent) as tape:
        predictions = tf.matmul(x, W) + b
        loss = tf.reduce_mean(tf.square(1.0 - predictions))
    return tape, x, W, b, predictions, loss


def boxes(ax):
    return [p for p in ax.patches if isinstance(p, FancyBboxPatch)]


def texts(ax):
    return [t.get_text() for t in ax.texts]


def test_draw_tape_one_box_per_recorded_operation(tmp_path):
    tape, x, W, b, predictions, loss = record_linear_classifier()
    ax = plot.draw_tape(tape, names={"x": x, "W": W, "loss": loss})
    render(ax, tmp_path)
    op_names = [node.name for node in tape._nodes]
    assert len(boxes(ax)) == len(op_names) >= 4
    assert "matmul" in op_names and "add" in op_names
    for name in op_names:
        assert name in texts(ax)
    # one ellipse per distinct tensor, labelled with its shape
    tensors = {id(t) for node in tape._nodes for t in list(node.inputs) + [node.output]}
    assert len([p for p in ax.patches if isinstance(p, Ellipse)]) == len(tensors)
    assert "x\n(5, 2)" in texts(ax) and "W\n(2, 1)" in texts(ax)
    assert any(text.endswith("\n(5, 1)") for text in texts(ax))   # the intermediates
    assert any(text.startswith("loss = ") for text in texts(ax))   # its value, one number
    # left to right: matmul's box is left of the last operation's box
    x_of = {t.get_text(): t.get_position()[0] for t in ax.texts}
    assert x_of["matmul"] < x_of["add"] < x_of[op_names[-1]]


def test_draw_tape_with_gradients(tmp_path):
    tape, x, W, b, predictions, loss = record_linear_classifier()
    _, ax = plt.subplots()
    assert plot.draw_tape(tape, ax=ax, show_gradients=True) is ax
    render(ax, tmp_path)
    gradient_texts = [t for t in texts(ax) if t.startswith("grad") or t == "no gradient"]
    assert "grad = 1" in gradient_texts                   # d loss / d loss
    assert "grad: (2, 1)" in gradient_texts                # d loss / d W
    db = float(tape.gradient(loss, b)[0])
    assert f"grad = {db:.4g}" in gradient_texts            # d loss / d b, one number
    assert "no gradient" in gradient_texts                 # x is a constant, not watched


def test_draw_tape_needs_a_tape_and_can_trace_one_tensor():
    tape, x, W, b, predictions, loss = record_linear_classifier()
    with pytest.raises(ValueError, match="needs the GradientTape"):
        plot.draw_tape(loss)
    ax = plot.draw_tape(tape, target=predictions)
    assert sorted(t for t in texts(ax) if t in ("matmul", "add", "square")) == ["add", "matmul"]
    ax = plot.draw_tape(predictions, target=tape)  # either order
    assert len(boxes(ax)) == 2


def test_draw_tape_explains_empty_and_one_shot_tapes():
    tape, *_, loss = record_linear_classifier(persistent=False)
    with pytest.raises(ValueError, match="persistent"):
        plot.draw_tape(tape, show_gradients=True)
    with tf.GradientTape() as empty:
        tf.square(tf.constant(3.0))  # a constant that was not watched: nothing recorded
    with pytest.raises(ValueError, match="recorded no operations.*tape.watch"):
        plot.draw_tape(empty)


def test_draw_tape_of_the_scalar_graph():
    from teachtensor.scalar import Value
    a = Value(2.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(a)
        y = a * a + a
    ax = plot.draw_tape(tape, show_gradients=True)
    assert len(boxes(ax)) == 2
    assert "grad = 5" in texts(ax)                          # dy/da = 2a + 1


# ---- the examples in the docstrings: tests/test_docs.py runs them as doctests --------
# (the functions' as tf.plot.*, the package docstring's as tf.plot)


def test_draw_tape_keeps_operand_order_and_fits_long_labels():
    import matplotlib.patches as mpatches
    x = tf.Variable(tf.constant([[0.5]]), name="x")
    with tf.GradientTape(persistent=True) as tape:
        p = tf.sigmoid(x)
        loss = tf.reduce_mean(tf.square(1.0 - p))  # 1.0 first, then p
    ax = plot.draw_tape(tape, names={"a_rather_long_name": p})
    position = {t.get_text().split(" = ")[0].split("\n")[0]: t.get_position()
                for t in ax.texts}
    one, prediction = position["1"], position["a_rather_long_name"]
    assert one[0] == prediction[0]  # in one column, both feeding the subtraction
    assert one[1] > prediction[1]   # 1.0 above p, as "1.0 - p" reads
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    shapes = [patch.get_window_extent(renderer) for patch in ax.patches
              if isinstance(patch, (mpatches.Ellipse, mpatches.FancyBboxPatch))]
    for text in ax.texts:
        box = text.get_window_extent(renderer)
        x_mid, y_mid = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
        holders = [s for s in shapes if s.x0 <= x_mid <= s.x1 and s.y0 <= y_mid <= s.y1]
        if holders:  # (the title holds no shape)
            assert box.width <= holders[0].width, text.get_text()  # the label fits


# ---- mistakes: refused before anything is drawn, or drawn truthfully ----------------

@pytest.mark.parametrize("call, error, message", [
    (lambda i, t: plot.scatter_classes(i, t, class_names=["a"]), ValueError,
     "class_names names classes 0 to 0"),
    (lambda i, t: plot.scatter_classes(i, t, color="r"), TypeError, "color cannot be given"),
    (lambda i, t: plot.scatter_classes(i[:3], [np.nan, 0.0, 1.0]), ValueError,
     "1 of the labels are NaN"),
    (lambda i, t: plot.scatter_classes(i[:2], ["cat", "dog"]), TypeError,
     "labels must be numbers or booleans"),
    (lambda i, t: plot.show_predictions(i[:3], np.array([[np.nan], [0.9], [0.1]])),
     ValueError, "1 of the predictions are NaN"),
    (lambda i, t: plot.decision_boundary((tf.zeros((2, 1)), tf.zeros((1,))), i, t),
     ValueError, "W is all zeros"),
    (lambda i, t: plot.decision_boundary((np.full((2, 1), np.nan), np.zeros(1)), i),
     ValueError, "not all finite"),
    (lambda i, t: plot.decision_boundary(lambda x: tf.sigmoid(x[:, :1]), i, t[:5]),
     ValueError, "200 points but 5 labels"),
    (lambda i, t: plot.decision_boundary(lambda x: tf.sigmoid(x[:, :1]), i, resolution=1),
     ValueError, "2 or more, got 1"),
    (lambda i, t: plot.decision_boundary(lambda x: tf.constant([1.0, 2.0]), i), ValueError,
     r"output of shape \(2,\) for 22500 points"),
    (lambda i, t: plot.decision_boundary(lambda x: x[:, :1] * np.nan, i), ValueError,
     "NaN at 22500 of the 22500 grid points"),
    (lambda i, t: plot.plot_loss_curve({"loss": [1.0]}), TypeError, "use plot_history"),
    (lambda i, t: plot.plot_loss_curve(np.ones((3, 2))), ValueError, "one loss per step"),
    (lambda i, t: plot.plot_loss_curve([]), ValueError, "no losses to plot"),
    (lambda i, t: plot.plot_history(None), TypeError, "got NoneType"),
    (lambda i, t: plot.plot_history({"loss": [1, 2, 3], "val_loss": [1]}), ValueError,
     "validation_freq"),
    (lambda i, t: plot.plot_history({"loss": [1, 2], "val_loss": [1, 2]}, metrics="val_loss"),
     ValueError, "name the quantity, 'loss'"),
    (lambda i, t: plot.plot_derivatives(tf.sin, order=-1), ValueError, "0 or more, got -1"),
    (lambda i, t: plot.plot_derivatives(lambda x: tf.reduce_sum(x ** 2)), ValueError,
     "f must act on each element of x"),
    (lambda i, t: plot.derivatives(tf.sin, tf.constant([0, 1]), 1), TypeError,
     "needs a float tensor x"),
])
def test_mistakes_are_named_before_a_figure_is_made(blobs, call, error, message):
    inputs, targets = blobs
    figures = len(plt.get_fignums())
    with pytest.raises(error, match=message):
        call(inputs, targets)
    assert len(plt.get_fignums()) == figures  # no empty figure left behind


def test_a_failed_call_on_given_axes_draws_nothing(blobs):
    inputs, targets = blobs
    fig, ax = plt.subplots()
    with pytest.raises(ValueError):
        plot.decision_boundary(lambda x: tf.sigmoid(x[:, :1]), inputs, targets[:5], ax=ax)
    with pytest.raises(ValueError):
        plot.scatter_classes(inputs, targets, class_names=["a"], ax=ax)
    assert not ax.collections and len(fig.axes) == 1  # no scatter, no colour bar


def test_class_names_go_by_class_number(blobs):
    inputs, targets = blobs
    positives = targets[:, 0] == 1
    ax = plot.scatter_classes(inputs[positives], targets[positives],
                              class_names=["negative", "positive"])
    assert legend_texts(ax) == ["positive"]
    ax = plot.show_predictions(inputs[:4], np.array([0, 1, 2, 1]))  # classes, not scores
    assert legend_texts(ax) == ["predicted class 0", "predicted class 1", "predicted class 2"]
    W, b = np.array([[1.0], [-1.0]]), np.zeros(1)
    ax = plot.show_predictions(inputs, (W, b))  # a pair (W, b), as decision_boundary takes
    expected = (inputs @ W + b)[:, 0] > 0.5
    assert [len(p) for p in scatter_points(ax)] == [int((~expected).sum()), int(expected.sum())]


def test_decision_regions_are_white_at_the_threshold_and_redrawn_once(blobs):
    inputs, targets = blobs

    def model(x):
        return tf.sigmoid(tf.matmul(x, tf.constant([[1.0], [-1.0]])))
    fig, ax = plt.subplots()
    plot.decision_boundary(model, inputs, targets, threshold=0.9, ax=ax)
    plot.decision_boundary(model, inputs, targets, threshold=0.9, ax=ax)
    assert len(fig.axes) == 2  # the axes and one colour bar
    filled = [c for c in ax.collections if isinstance(c, ContourSet)][-2]
    assert filled.norm(0.9) == pytest.approx(0.5)  # the middle of the colours: white
    assert filled.norm(0.5) < 0.5                  # below the threshold: class 0's side


def test_a_line_outside_the_data_is_shown_with_a_warning(blobs):
    inputs, _ = blobs
    with pytest.warns(UserWarning, match="passes outside the data"):
        ax = plot.decision_boundary((np.array([[0.0], [1.0]]), np.array([100.0])), inputs)
    low, high = ax.get_ylim()
    assert low < -99 < high  # the line is in view


def test_plot_history_of_one_epoch_shows_both_points(tmp_path):
    ax = plot.plot_history({"loss": [1.0], "val_loss": [1.2]}, metrics="loss")
    assert [line.get_marker() for line in ax.lines] == ["o", "s"]
    assert list(ax.get_xticks()) == [1]
    render(ax, tmp_path)
    legend = ax.get_legend().get_window_extent()
    figure = ax.figure.bbox
    assert figure.y0 <= legend.y0 and legend.y1 <= figure.y1  # inside the saved figure
    ax = plot.plot_history({"loss": [1.0, 0.5]}, metrics="loss", ax=[plt.subplots()[1]])
    assert ax.get_title() == "Training loss"


def test_nan_derivatives_are_warned_about():
    with pytest.warns(UserWarning, match=r"f''' is NaN at 1 of the 3 points \(e.g. x = 0\)"):
        ax = plot.plot_derivatives(lambda t: 4.9 * t ** 2, x_range=(-1, 1), order=3, num=3)
    assert np.isnan(ax.lines[3].get_ydata()[1])  # as in TensorFlow: 0 * inf
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # t * t: no 0 * inf, no warning
        plot.plot_derivatives(lambda t: 4.9 * t * t, x_range=(-1, 1), order=3, num=3)


def test_draw_tape_checks_its_names():
    tape, x, W, b, predictions, loss = record_linear_classifier()
    with pytest.raises(TypeError, match=r"keys and values swapped\? write \{'x': x\}"):
        plot.draw_tape(tape, names={x: "x"})
    with pytest.raises(TypeError, match="names is a dict from names to tensors"):
        plot.draw_tape(tape, names=["x"])
    with pytest.warns(UserWarning, match=r"names\['other'\] is not a tensor of this drawing"):
        plot.draw_tape(tape, names={"other": tf.constant(1.0)})
