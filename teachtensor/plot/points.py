"""Figures of 2-D points: the data, a model's predictions and its decision boundary.

These are the chapter's linear-classifier figures::

    plt.scatter(inputs[:, 0], inputs[:, 1], c=targets[:, 0])          # the data
    plt.scatter(inputs[:, 0], inputs[:, 1], c=predictions[:, 0] > 0.5) # predictions
    x = np.linspace(-1, 4, 100)
    y = - W[0] /  W[1] * x + (0.5 - b) / W[1]                          # the boundary
    plt.plot(x, y, "-r")

with two additions: one ``scatter`` call per class, so the legend can name each class,
and a filled contour for models that are not a simple line.
"""
import warnings

import numpy as np
from matplotlib.colors import LinearSegmentedColormap, TwoSlopeNorm

from ._common import (axes_or_new, check_points, checked_names, class_color,
                      class_indices, to_numpy)


def scatter_classes(inputs, labels=None, ax=None, class_names=None, **kwargs):
    """Scatter 2-D points coloured by class, with a legend entry per class.

    ``inputs`` has shape (N, 2).  ``labels`` may be integer classes of shape (N,) or
    (N, 1), one-hot rows (N, k), booleans, or probabilities (thresholded at 0.5); with
    ``labels=None`` all points get one colour.  ``class_names`` replaces the legend
    texts "class 0", "class 1", ...: ``class_names[k]`` names class k.  Other keyword
    arguments go to ``ax.scatter`` (with labels, not ``c``, ``color`` or ``label``:
    those come from the classes).  Everything is checked before anything is drawn.
    Returns the Axes.

    Example::

        >>> from teachtensor.demo import make_blobs
        >>> from teachtensor.plot import scatter_classes
        >>> inputs, targets = make_blobs()
        >>> ax = scatter_classes(inputs, targets)
        >>> print([text.get_text() for text in ax.get_legend().get_texts()])
        ['class 0', 'class 1']
        >>> import os, tempfile
        >>> ax.figure.savefig(os.path.join(tempfile.mkdtemp(), "blobs.png"))  # or in a notebook
    """
    points = check_points(inputs)
    if labels is not None:
        classes = class_indices(labels, len(points))
        names = checked_names(class_names, classes)
        taken = sorted({"c", "color", "label"} & set(kwargs))
        if taken:
            raise TypeError(f"scatter_classes colours and names the points by class, so "
                            f"{', '.join(taken)} cannot be given with labels; use "
                            f"class_names=[...] for the legend, or labels=None")
    ax = axes_or_new(ax)
    kwargs.setdefault("s", 10)       # small dots: the chapter has 2000 points
    kwargs.setdefault("alpha", 0.7)
    if labels is None:
        ax.scatter(points[:, 0], points[:, 1], **kwargs)
    else:
        present = np.unique(classes)
        if len(present) > 20:
            warnings.warn(f"{len(present)} classes, but only 20 colours: classes 20 apart "
                          f"(0 and 20, 1 and 21, ...) look alike; the legend names them",
                          stacklevel=2)
        for k in present:
            name = names[k] if names is not None else f"class {k}"
            in_class = classes == k
            ax.scatter(points[in_class, 0], points[in_class, 1], color=class_color(k),
                       label=name, **kwargs)
        ax.legend()
    ax.set_xlabel("inputs[:, 0]")
    ax.set_ylabel("inputs[:, 1]")
    return ax


def show_predictions(inputs, predictions, threshold=0.5, ax=None, **kwargs):
    """Scatter the points coloured by the predicted class (the chapter's second figure).

    ``predictions`` is a model's output for ``inputs``: (N, 1) or (N,) scores, coloured
    by ``prediction > threshold`` as in ``c=predictions[:, 0] > 0.5``; (N,) integers,
    taken as the predicted classes themselves (an argmax); or (N, k) class scores,
    coloured by their argmax.  It may also be the model itself (anything
    ``decision_boundary`` accepts, a pair (W, b) too), which is then called on
    ``inputs``.  NaN predictions are refused.  Returns the Axes.

    Example::

        >>> import teachtensor as tf
        >>> from teachtensor.demo import make_blobs, train_linear_classifier
        >>> from teachtensor.plot import show_predictions
        >>> inputs, targets = make_blobs()
        >>> W, b, losses = train_linear_classifier(inputs, targets, log=None)
        >>> predictions = tf.matmul(inputs, W) + b
        >>> ax = show_predictions(inputs, predictions)
        >>> print(ax.get_title(), [text.get_text() for text in ax.get_legend().get_texts()])
        Predictions ['prediction <= 0.5', 'prediction > 0.5']
    """
    points = check_points(inputs)
    if _is_linear_model(predictions):
        W, b = _linear_weights(*predictions)
        predictions = points @ W + b
    elif callable(predictions) or hasattr(predictions, "predict"):
        predictions = predict(predictions, points)
    scores = to_numpy(predictions)
    if scores.dtype.kind == "f" and np.isnan(scores).any():
        raise ValueError(f"{int(np.isnan(scores).sum())} of the predictions are NaN (did "
                         f"the training diverge? a smaller learning rate may help)")
    if scores.ndim == 2 and scores.shape[1] > 1:
        classes = scores.argmax(axis=1)
        names = [f"predicted class {k}" for k in range(scores.shape[1])]
    elif scores.dtype.kind in "iu":  # classes already (an argmax)
        classes = scores.reshape(-1)
        names = ([f"predicted class {k}" for k in range(classes.max() + 1)]
                 if len(classes) and classes.min() >= 0 else None)
    else:
        classes = (scores.reshape(-1) > threshold).astype(int)
        names = [f"prediction <= {threshold}", f"prediction > {threshold}"]
    if len(classes) != len(points):
        raise ValueError(f"got {len(points)} points but {len(classes)} predictions; give "
                         f"one prediction per point")
    ax = scatter_classes(points, classes, ax=ax, class_names=names, **kwargs)
    ax.set_title("Predictions")
    return ax


def predict(model, points):
    """A model's output on ``points`` (an (M, 2) array), as a NumPy array.

    Any callable works: a Python function of a tensor, or a Keras-like model, whose
    ``__call__`` computes the whole batch at once.  An object that is not callable but
    has a ``predict`` method is asked ``model.predict(x)``.
    """
    import teachtensor as tf  # here, not at the top: teachtensor imports this lazily
    # On the device of the model's weights (a model trained under tf.device("GPU:0")),
    # else the default one.
    x = tf.convert_to_tensor(np.asarray(points, dtype=np.float32), like=_a_weight_of(model))
    if callable(model):
        try:
            outputs = model(x)
        except ValueError as error:  # a function of weights on another device
            if "must live on one device" not in str(error):
                raise
            raise ValueError(f"{error}. The plot evaluates your function on points made on "
                             f"{x.device}; run it where the weights are, e.g. with "
                             f"tf.device('GPU:0'): plot.decision_boundary(...)") from None
    elif hasattr(model, "predict"):
        outputs = model.predict(x)
    else:
        raise TypeError(f"expected a model (a function, or an object with __call__ or "
                        f"predict) or a pair (W, b), got {type(model).__name__}")
    return to_numpy(outputs)


def _a_weight_of(model):
    """The model's first weight, or None (a function; a model not built yet)."""
    try:
        weights = model.weights
    except (AttributeError, ValueError):
        return None
    return weights[0] if weights else None


def decision_boundary(model_or_W_b, inputs, labels=None, ax=None, threshold=0.5,
                      resolution=150):
    """Draw where a classifier changes its mind, over the scatter of the data.

    * ``model_or_W_b = (W, b)``, a linear model ``inputs @ W + b`` with W of shape
      (2, 1) and b of shape (1,): the points where the prediction equals ``threshold``
      form the line ``W[0]*x + W[1]*y + b = threshold``, that is (the chapter's formula)
      ``y = -W[0] / W[1] * x + (threshold - b) / W[1]``, drawn in red over the data's
      x range.
    * any other model (a function, or a Keras-like model with ``__call__`` or
      ``predict``): it is evaluated on a ``resolution`` x ``resolution`` grid covering
      the data.  An (M, 1) output is shown as a filled contour, white at ``threshold``,
      with a black line where it crosses ``threshold``; an (M, k) output of class scores
      is shown as regions coloured like the classes (its argmax).

    ``labels`` colours the points by class (see ``scatter_classes``).  Returns the Axes.

    Example::

        >>> from teachtensor.demo import make_blobs, train_linear_classifier
        >>> from teachtensor.plot import decision_boundary
        >>> inputs, targets = make_blobs()
        >>> W, b, losses = train_linear_classifier(inputs, targets, log=None)
        >>> ax = decision_boundary((W, b), inputs, targets)
        >>> print([text.get_text() for text in ax.get_legend().get_texts()])
        ['class 0', 'class 1', 'decision boundary']
    """
    points = check_points(inputs)
    if labels is not None:
        class_indices(labels, len(points))  # checked before anything is drawn
    if _is_linear_model(model_or_W_b):
        W, b = _linear_weights(*model_or_W_b)
        ax = axes_or_new(ax)
        scatter_classes(points, labels, ax=ax)
        _draw_line(ax, W, b, points, threshold)
    else:
        grid_x, grid_y, outputs = _evaluate_on_grid(model_or_W_b, points, resolution)
        ax = axes_or_new(ax)
        _draw_regions(ax, grid_x, grid_y, outputs, threshold)
        scatter_classes(points, labels, ax=ax)  # points on top of the regions
    handles, _ = ax.get_legend_handles_labels()
    if handles:
        ax.legend()
    return ax


def _is_linear_model(model):
    return isinstance(model, (tuple, list)) and len(model) == 2


def _linear_weights(W, b):
    """(W as a (2, 1) array, b as a number), checked: a linear model of 2 features."""
    W = to_numpy(W).astype(np.float64).reshape(-1)
    b = to_numpy(b).astype(np.float64).reshape(-1)
    if W.shape != (2,) or b.shape != (1,):
        raise ValueError(f"a linear model (W, b) needs W of shape (2, 1) and b of shape "
                         f"(1,), got W with {W.size} values and b with {b.size}")
    if not (np.isfinite(W).all() and np.isfinite(b).all()):
        raise ValueError(f"W = {W.tolist()} and b = {b.tolist()} are not all finite numbers "
                         f"(did the training diverge? a smaller learning rate may help)")
    if not W.any():
        raise ValueError("W is all zeros: every point gets the prediction b, so there is no "
                         "boundary to draw (train the model first)")
    return W.reshape(2, 1), float(b[0])


def _draw_line(ax, W, b, points, threshold):
    """The line W[0]*x + W[1]*y + b = threshold of a linear model."""
    w0, w1 = float(W[0, 0]), float(W[1, 0])
    if w1 == 0:  # the line is vertical: x = (threshold - b) / w0
        ax.axvline((threshold - b) / w0, color="r", label="decision boundary")
        return
    x = np.linspace(points[:, 0].min(), points[:, 0].max(), 100)
    y = -w0 / w1 * x + (threshold - b) / w1
    ax.plot(x, y, "-r", label="decision boundary")
    low, high = points[:, 1].min(), points[:, 1].max()
    if y.max() < low or y.min() > high:
        warnings.warn(f"the decision boundary y = {-w0 / w1:.3g} x + {(threshold - b) / w1:.3g}"
                      f" passes outside the data (y from {low:.3g} to {high:.3g}): the model "
                      f"puts every point in one class; the view shows both", stacklevel=3)
        return
    # Keep the view on the data even when the line is steep.
    margin = 0.1 * (high - low)
    ax.set_ylim(low - margin, high + margin)


def _evaluate_on_grid(model, points, resolution):
    """The model's outputs on a ``resolution`` x ``resolution`` grid covering the points:
    (grid_x, grid_y, outputs of shape (resolution**2, k)), checked."""
    if isinstance(resolution, bool) or not isinstance(resolution, (int, np.integer)) or \
            resolution < 2:
        raise ValueError(f"resolution is the number of grid points along each axis, a whole "
                         f"number of 2 or more, got {resolution!r}")
    margin = 0.1 * (points.max(axis=0) - points.min(axis=0))
    low, high = points.min(axis=0) - margin, points.max(axis=0) + margin
    xs = np.linspace(low[0], high[0], resolution)
    ys = np.linspace(low[1], high[1], resolution)
    grid_x, grid_y = np.meshgrid(xs, ys)                    # each (resolution, resolution)
    grid = np.column_stack([grid_x.ravel(), grid_y.ravel()])  # (resolution**2, 2)
    outputs = predict(model, grid)
    if outputs.ndim == 0 or outputs.shape[0] != len(grid) or outputs.ndim > 2:
        raise ValueError(f"the model gave an output of shape {outputs.shape} for "
                         f"{len(grid)} points of shape (M, 2); it must give one row per "
                         f"point: (M,), (M, 1) or (M, k)")
    outputs = outputs.reshape(len(grid), -1).astype(np.float64)   # (M,) -> (M, 1)
    if np.isnan(outputs).any():
        raise ValueError(f"the model's output is NaN at {int(np.isnan(outputs).any(axis=1).sum())}"
                         f" of the {len(grid)} grid points (did the training diverge?)")
    return grid_x, grid_y, outputs


def _draw_regions(ax, grid_x, grid_y, outputs, threshold):
    """Fill the contours of the model's outputs on the grid."""
    if outputs.shape[1] == 1:
        # One score per point: colour from class 0's colour, through white at the
        # threshold, to class 1's colour (a TwoSlopeNorm puts the middle of the colour
        # map at the threshold).  Probabilities use the range [0, 1]; other scores a
        # range centred on the threshold.
        scores = outputs[:, 0].reshape(grid_x.shape)
        if scores.min() >= 0 and scores.max() <= 1 and 0 < threshold < 1:
            vmin, vmax = 0.0, 1.0
        else:
            reach = max(np.abs(scores - threshold).max(), 1e-6)
            vmin, vmax = threshold - reach, threshold + reach
        colours = LinearSegmentedColormap.from_list("classes", [class_color(0), "white",
                                                                class_color(1)])
        levels = np.concatenate([np.linspace(vmin, threshold, 11),
                                 np.linspace(threshold, vmax, 11)[1:]])
        filled = ax.contourf(grid_x, grid_y, scores, levels=levels, cmap=colours,
                             norm=TwoSlopeNorm(threshold, vmin, vmax), alpha=0.5,
                             extend="both")
        old = getattr(ax, "_teachtensor_colorbar", None)
        if old is not None:  # drawn again on these axes: one colour bar, the new one
            old.remove()
        ax._teachtensor_colorbar = ax.figure.colorbar(
            filled, ax=ax, label="model output", format="%.2f", ticks=[vmin, threshold, vmax])
        if scores.min() < threshold < scores.max():
            ax.contour(grid_x, grid_y, scores, levels=[threshold], colors="k")
            ax.plot([], [], "k-", label="decision boundary")  # a legend entry for it
    else:
        # Class scores: colour each grid point like its most likely class.
        classes = outputs.argmax(axis=1).reshape(grid_x.shape)
        k = outputs.shape[1]
        ax.contourf(grid_x, grid_y, classes, levels=np.arange(k + 1) - 0.5,
                    colors=[class_color(i) for i in range(k)], alpha=0.25)
