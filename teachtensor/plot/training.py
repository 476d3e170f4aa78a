"""Figures of training: the loss of a from-scratch loop, and a Keras History.

The chapter's training loop collects one loss per step; ``model.fit`` returns a
``History`` whose ``.history`` is a dict of lists, one value per epoch::

    {"loss": [0.69, 0.41, ...], "binary_accuracy": [...],
     "val_loss": [...], "val_binary_accuracy": [...]}

A ``val_`` key holds the same quantity measured on the validation data.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from ._common import axes_or_new, to_numpy


def plot_loss_curve(losses, ax=None):
    """Plot the loss at each step of a training loop; returns the Axes.

    ``losses`` is a list of floats or scalar tensors (or a 1-D array/tensor).

    Example::

        >>> from teachtensor.demo import make_blobs, train_linear_classifier
        >>> from teachtensor.plot import plot_loss_curve
        >>> inputs, targets = make_blobs()
        >>> W, b, losses = train_linear_classifier(inputs, targets, log=None)
        >>> ax = plot_loss_curve(losses)
        >>> print(ax.get_title(), len(losses), "steps")
        Loss during training 40 steps
    """
    if hasattr(losses, "history") or isinstance(losses, dict):
        raise TypeError("plot_loss_curve takes a list of losses, one per step; for what "
                        "model.fit returned, use plot_history(history), or "
                        "plot_loss_curve(history.history['loss'])")
    values = to_numpy(losses)
    if values.ndim > 1 and values.size != len(values):
        raise ValueError(f"expected one loss per step, a list or a 1-D array, got shape "
                         f"{values.shape}; a per-sample loss needs tf.reduce_mean first")
    values = np.array([float(v) for v in values.reshape(-1)])
    if not len(values):
        raise ValueError("no losses to plot: the list is empty (did the loop append them?)")
    ax = axes_or_new(ax)
    ax.plot(np.arange(len(values)), values, "-", marker=".", label="loss")
    ax.set_xlabel("Training step")
    ax.set_ylabel("Loss")
    ax.set_title("Loss during training")
    ax.legend()
    return ax


def plot_history(history, metrics=None, ax=None):
    """Plot training and validation curves per epoch from ``model.fit``'s History.

    ``history`` is a History (anything with a ``.history`` dict) or the dict itself.
    ``metrics`` names the quantities to plot (a string or a list, e.g. ``"loss"`` or
    ``["loss", "accuracy"]``); by default every quantity that has training values.
    Each quantity gets its own subplot with its training curve (dots and line) and,
    when the history has it, its ``val_`` curve.

    With one quantity the result is its Axes (drawn on ``ax`` if given); with several
    it is the Figure holding one Axes per quantity (``ax`` may then be a list of Axes,
    one per quantity).

    Example::

        >>> from teachtensor.plot import plot_history
        >>> history = {"loss": [0.9, 0.5, 0.3], "val_loss": [1.0, 0.6, 0.5],
        ...            "accuracy": [0.6, 0.8, 0.9], "val_accuracy": [0.5, 0.7, 0.8]}
        >>> fig = plot_history(history)               # two subplots: loss, accuracy
        >>> print([ax.get_title() for ax in fig.axes])
        ['Training and validation loss', 'Training and validation accuracy']
        >>> ax = plot_history(history, metrics="loss")
        >>> print([text.get_text() for text in ax.get_legend().get_texts()])
        ['Training loss', 'Validation loss']
    """
    if not (hasattr(history, "history") or isinstance(history, dict)):
        raise TypeError(f"plot_history takes what model.fit returns (a History) or its "
                        f".history dict, got {type(history).__name__}; for a list of "
                        f"losses, one per step, use plot_loss_curve")
    logs = history.history if hasattr(history, "history") else dict(history)
    available = [key for key in logs if not key.startswith("val_")]
    if metrics is None:
        metrics = available
    elif isinstance(metrics, str):
        metrics = [metrics]
    for name in metrics:
        if name not in logs:
            raise ValueError(f"the history has no {name!r}; it has {sorted(logs)}")
        if name.startswith("val_") and name[4:] in logs:
            raise ValueError(f"name the quantity, {name[4:]!r}: its validation curve, "
                             f"{name!r}, is drawn with it")
        val = logs.get("val_" + name)
        if val is not None and len(val) != len(logs[name]):
            raise ValueError(
                f"{name!r} has {len(logs[name])} values but 'val_{name}' has {len(val)}: "
                f"validation ran only at some epochs (validation_freq), and the history "
                f"does not say which, so the curves cannot be drawn against their epochs; "
                f"train with validation_freq=1, or plot the two lists yourself")
    if not metrics:
        raise ValueError("the history is empty: nothing to plot (was the model trained "
                         "for at least one epoch?)")

    if len(metrics) == 1:
        if ax is not None and not hasattr(ax, "plot"):  # a list of Axes
            axes = np.ravel(ax)
            if len(axes) != 1:
                raise ValueError(f"plotting one quantity, {metrics[0]!r}, needs one Axes, "
                                 f"got {len(axes)}")
            ax = axes[0]
        ax = axes_or_new(ax)
        _plot_quantity(ax, logs, metrics[0])
        return ax

    if ax is None:
        fig, axes = plt.subplots(1, len(metrics), figsize=(5 * len(metrics), 4))
    else:
        axes = np.ravel(ax)
        if len(axes) != len(metrics):
            raise ValueError(f"plotting {len(metrics)} quantities {metrics} needs one Axes "
                             f"each, got {len(axes)}; pass a list of {len(metrics)} Axes, "
                             f"or choose one quantity with metrics='loss'")
        fig = axes[0].figure
    for one_ax, name in zip(axes, metrics):
        _plot_quantity(one_ax, logs, name)
    fig.tight_layout()
    return fig


def _plot_quantity(ax, logs, name):
    """One subplot: ``logs[name]`` and ``logs["val_" + name]`` against the epoch number."""
    title = name.replace("_", " ")
    train = [float(v) for v in logs[name]]
    epochs = np.arange(1, len(train) + 1)  # epochs are counted from 1, as in the book
    ax.plot(epochs, train, "o-", color="C0", label=f"Training {title}")
    if "val_" + name in logs:
        val = [float(v) for v in logs["val_" + name]]
        ax.plot(epochs, val, "-", marker="s", markersize=4, color="C1",
                label=f"Validation {title}")  # (a marker: one epoch is one point)
        ax.set_title(f"Training and validation {title}")
    else:
        ax.set_title(f"Training {title}")
    ax.set_xlabel("Epochs")
    if len(epochs) <= 12:
        ax.set_xticks(epochs)  # one tick per epoch: no epoch 2.5, nor 0.95 for one epoch
    else:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(title.capitalize())
    ax.legend(loc="best")  # inside the axes, where it covers the fewest points
