"""Figures for chapter 3, drawn with matplotlib.

Every function accepts teachtensor tensors or NumPy arrays, draws on ``ax=`` when you
give one (or on a new figure) and returns what it drew on::

    >>> import teachtensor as tf
    >>> from teachtensor.demo import make_blobs, train_linear_classifier
    >>> from teachtensor import plot
    >>> inputs, targets = make_blobs()
    >>> ax = plot.scatter_classes(inputs, targets)            # the two clouds
    >>> W, b, losses = train_linear_classifier(inputs, targets, log=None)
    >>> ax = plot.plot_loss_curve(losses)                     # the loss going down
    >>> ax = plot.decision_boundary((W, b), inputs, targets)  # the line between them
    >>> print(ax.get_xlabel(), ax.get_ylabel())
    inputs[:, 0] inputs[:, 1]

One module per family of figures:

* ``points.py``: ``scatter_classes``, ``show_predictions``, ``decision_boundary``;
* ``training.py``: ``plot_loss_curve``, ``plot_history``;
* ``derivatives.py``: ``plot_derivatives`` (nested GradientTapes);
* ``graph.py``: ``draw_tape`` (the computation graph a tape recorded).
"""
from .derivatives import derivatives, plot_derivatives  # noqa: F401
from .graph import draw_tape  # noqa: F401
from .points import decision_boundary, scatter_classes, show_predictions  # noqa: F401
from .training import plot_history, plot_loss_curve  # noqa: F401

__all__ = ["scatter_classes", "show_predictions", "decision_boundary", "plot_loss_curve",
           "plot_history", "plot_derivatives", "derivatives", "draw_tape"]
