"""Small helpers shared by the figure modules: NumPy conversion, axes, class labels.

Every plotting function in ``teachtensor.plot`` accepts teachtensor tensors or NumPy
arrays.  Matplotlib only understands NumPy arrays, so the first thing each function
does is ``to_numpy(x)``: a tensor knows how to become an array (``Tensor.__array__``).
"""
import matplotlib.pyplot as plt
import numpy as np


def to_numpy(x):
    """``x`` (a tensor, Variable, NumPy array, list of numbers or of scalar tensors) as an array."""
    return np.asarray(x)


def axes_or_new(ax, figsize=None):
    """The axes to draw on: ``ax`` itself when given, else the axes of a new figure."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def check_points(inputs):
    """``inputs`` as an (N, 2) NumPy array, with a clear error for anything else."""
    points = to_numpy(inputs)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"expected 2-D points of shape (N, 2), got an array of shape "
                         f"{points.shape}; these figures show two input features, one per "
                         f"axis, like the chapter's inputs[:, 0] and inputs[:, 1]")
    return points


def class_indices(labels, num_points):
    """One integer class per point, whatever form the labels come in.

    * ``(N,)`` or ``(N, 1)`` integers: the classes themselves (0, 1, 2, ...);
    * ``(N, k)`` with k > 1: one-hot rows or class scores, the class is the argmax;
    * booleans: False -> 0, True -> 1;
    * floats that are not whole numbers (probabilities): ``> 0.5`` -> 1, else 0.
    """
    labels = to_numpy(labels)
    if labels.dtype.kind not in "biuf":
        raise TypeError(f"labels must be numbers or booleans (class 0, 1, ...), got "
                        f"{labels.dtype} values such as {labels.reshape(-1)[:1]}; turn "
                        f"names into numbers first, e.g. with np.unique(names, "
                        f"return_inverse=True)")
    if labels.dtype.kind == "f" and np.isnan(labels).any():
        raise ValueError(f"{int(np.isnan(labels).sum())} of the labels are NaN: a NaN "
                         f"belongs to no class (did the training diverge? a smaller "
                         f"learning rate may help)")
    if labels.ndim == 2 and labels.shape[1] > 1:
        classes = labels.argmax(axis=1)
    elif labels.ndim > 2:
        raise ValueError(f"labels must have shape (N,), (N, 1) or (N, k), got {labels.shape}")
    else:
        labels = labels.reshape(-1)
        if labels.dtype == bool:
            classes = labels.astype(int)
        elif labels.dtype.kind == "f" and not np.all(labels == np.round(labels)):
            classes = (labels > 0.5).astype(int)  # probabilities: the chapter's threshold
        else:
            classes = labels.astype(int)
    if len(classes) != num_points:
        raise ValueError(f"got {num_points} points but {len(classes)} labels; "
                         f"give one label per point")
    return classes


def checked_names(class_names, classes):
    """``class_names[k]`` names class ``k``: there must be one for every class present."""
    if class_names is None:
        return None
    names = list(class_names)
    if len(classes) and (classes.min() < 0 or classes.max() >= len(names)):
        raise ValueError(f"class_names names classes 0 to {len(names) - 1} "
                         f"({len(names)} names), but the labels have the classes "
                         f"{np.unique(classes).tolist()}: give one name per class number")
    return names


def class_color(k):
    """The colour of class ``k``: matplotlib's colour cycle "C0" ... "C9" for classes
    0-9, then the light shades of those ten (from the "tab20" colour map) for 10-19, so
    that 20 classes are told apart; after that the colours come round again
    (``scatter_classes`` warns).  A negative class counts back from the end of the
    cycle: with labels -1 and +1, class -1 is "C9"."""
    k = int(k)
    if k < 0:
        return f"C{k % 10}"
    k %= 20
    if k < 10:
        return f"C{k}"
    return plt.get_cmap("tab20")(2 * (k - 10) + 1)  # (tab20: dark, light, dark, ...)
