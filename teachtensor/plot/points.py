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
import numpy as np
from matplotlib.colors import LinearSegmentedColormap

from ._common import axes_or_new, check_points, class_color, class_indices, to_numpy


def scatter_classes(inputs, labels=None, ax=None, class_names=None, **kwargs):
    """Scatter 2-D points coloured by class, with a legend entry per class.

    ``inputs`` has shape (N, 2).  ``labels`` may be integer classes of shape (N,) or
    (N, 1), one-hot rows (N, k), booleans, or probabilities (thresholded at 0.5); with
    ``labels=None`` all points get one colour.  ``class_names`` replaces the legend
    texts "class 0", "class 1", ...; other keyword arguments go to ``ax.scatter``.
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
    ax = axes_or_new(ax)
    kwargs.setdefault("s", 10)       # small dots: the chapter has 2000 points
    kwargs.setdefault("alpha", 0.7)
    if labels is None:
        ax.scatter(points[:, 0], points[:, 1], **kwargs)
    else:
        classes = class_indices(labels, len(points))
        for i, k in enumerate(np.unique(classes)):
            name = class_names[i] if class_names is not None else f"class {k}"
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
    by ``prediction > threshold`` as in ``c=predictions[:, 0] > 0.5``; or (N, k) class
    scores, coloured by their argmax.  It may also be the model itself (anything
    ``decision_boundary`` accepts), which is then called on ``inputs``.  Returns the Axes.

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
    if callable(predictions) or hasattr(predictions, "predict"):
        predictions = predict(predictions, points)
    scores = to_numpy(predictions)
    if scores.ndim == 2 and scores.shape[1] > 1:
        classes = scores.argmax(axis=1)
        names = [f"predicted class {k}" for k in np.unique(classes)]
    else:
        classes = (scores.reshape(-1) > threshold).astype(int)
        names = [f"prediction <= {threshold}" if k == 0 else f"prediction > {threshold}"
                 for k in np.unique(classes)]
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
    x = tf.constant(np.asarray(points, dtype=np.float32))
    if callable(model):
        outputs = model(x)
    elif hasattr(model, "predict"):
        outputs = model.predict(x)
    else:
        raise TypeError(f"expected a model (a function, or an object with __call__ or "
                        f"predict) or a pair (W, b), got {type(model).__name__}")
    return to_numpy(outputs)


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
    ax = axes_or_new(ax)
    if isinstance(model_or_W_b, (tuple, list)) and len(model_or_W_b) == 2:
        scatter_classes(points, labels, ax=ax)
        W, b = model_or_W_b
        _draw_line(ax, W, b, points, threshold)
    else:
        _draw_regions(ax, model_or_W_b, points, threshold, resolution)
        scatter_classes(points, labels, ax=ax)  # points on top of the regions
    handles, _ = ax.get_legend_handles_labels()
    if handles:
        ax.legend()
    return ax


def _draw_line(ax, W, b, points, threshold):
    """The line W[0]*x + W[1]*y + b = threshold of a linear model."""
    W = to_numpy(W).reshape(-1)
    b = to_numpy(b).reshape(-1)
    if W.shape != (2,) or b.shape != (1,):
        raise ValueError(f"a linear model (W, b) needs W of shape (2, 1) and b of shape "
                         f"(1,), got W with {W.size} values and b with {b.size}")
    w0, w1, b = float(W[0]), float(W[1]), float(b[0])
    if w1 == 0:  # the line is vertical: x = (threshold - b) / w0
        ax.axvline((threshold - b) / w0, color="r", label="decision boundary")
        return
    x = np.linspace(points[:, 0].min(), points[:, 0].max(), 100)
    y = -w0 / w1 * x + (threshold - b) / w1
    ax.plot(x, y, "-r", label="decision boundary")
    # Keep the view on the data even when the line is steep.
    low, high = points[:, 1].min(), points[:, 1].max()
    margin = 0.1 * (high - low)
    ax.set_ylim(low - margin, high + margin)


def _draw_regions(ax, model, points, threshold, resolution):
    """Evaluate ``model`` on a grid covering the points and fill the contours."""
    margin = 0.1 * (points.max(axis=0) - points.min(axis=0))
    low, high = points.min(axis=0) - margin, points.max(axis=0) + margin
    xs = np.linspace(low[0], high[0], resolution)
    ys = np.linspace(low[1], high[1], resolution)
    grid_x, grid_y = np.meshgrid(xs, ys)                    # each (resolution, resolution)
    grid = np.column_stack([grid_x.ravel(), grid_y.ravel()])  # (resolution**2, 2)
    outputs = predict(model, grid)
    outputs = outputs.reshape(len(grid), -1)                 # (M,) -> (M, 1)

    if outputs.shape[1] == 1:
        # One score per point: colour from class 0's colour, through white at the
        # threshold, to class 1's colour.  Probabilities use the range [0, 1]; other
        # scores a range centred on the threshold.
        scores = outputs[:, 0].reshape(grid_x.shape)
        if scores.min() >= 0 and scores.max() <= 1:
            vmin, vmax = 0.0, 1.0
        else:
            reach = max(np.abs(scores - threshold).max(), 1e-6)
            vmin, vmax = threshold - reach, threshold + reach
        colours = LinearSegmentedColormap.from_list("classes", [class_color(0), "white",
                                                                class_color(1)])
        filled = ax.contourf(grid_x, grid_y, scores, levels=np.linspace(vmin, vmax, 21),
                             cmap=colours, alpha=0.5, extend="both")
        ax.figure.colorbar(filled, ax=ax, label="model output", format="%.2f",
                           ticks=[vmin, threshold, vmax])
        if scores.min() < threshold < scores.max():
            ax.contour(grid_x, grid_y, scores, levels=[threshold], colors="k")
            ax.plot([], [], "k-", label="decision boundary")  # a legend entry for it
    else:
        # Class scores: colour each grid point like its most likely class.
        classes = outputs.argmax(axis=1).reshape(grid_x.shape)
        k = outputs.shape[1]
        ax.contourf(grid_x, grid_y, classes, levels=np.arange(k + 1) - 0.5,
                    colors=[class_color(i) for i in range(k)], alpha=0.25)
