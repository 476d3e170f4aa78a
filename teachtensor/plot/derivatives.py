"""A function and its derivatives, computed with nested GradientTapes.

The chapter's falling apple::

    time = tf.Variable(0.)
    with tf.GradientTape() as outer_tape:
        with tf.GradientTape() as inner_tape:
            position = 4.9 * time ** 2
        speed = inner_tape.gradient(position, time)
    acceleration = outer_tape.gradient(speed, time)   # 9.8

The inner tape's ``gradient`` runs while the outer tape is still open, so the outer
tape records the operations that computed ``speed`` and can differentiate them again.
``plot_derivatives`` does the same on a whole grid of points at once, for any order.
"""
import warnings

import numpy as np

from ._common import axes_or_new, to_numpy


def derivatives(f, x, order):
    """``[f(x), f'(x), ..., f^(order)(x)]`` for an elementwise ``f``, by nested tapes.

    ``x`` is a float tensor.  Because ``f`` acts on each element separately, the
    gradient of ``sum(f(x))`` with respect to ``x[i]`` is just ``f'(x[i])``; and
    ``tape.gradient`` of a non-scalar target differentiates exactly that sum.

    This function calls itself: to get derivatives up to ``order``, it opens one
    tape, computes the derivatives up to ``order - 1`` inside it (themselves with
    tapes nested inside this one), then differentiates the last of them once more.

    Example::

        >>> import teachtensor as tf
        >>> from teachtensor.plot import derivatives
        >>> t = tf.constant([0.0, 1.0, 2.0])
        >>> position, speed, acceleration = derivatives(lambda t: 4.9 * t ** 2, t, order=2)
        >>> print(speed)          # 9.8 * t
        teachtensor.Tensor([ 0.   9.8 19.6], shape=(3,), dtype=float32)
        >>> print(acceleration)   # 9.8 everywhere
        teachtensor.Tensor([9.8 9.8 9.8], shape=(3,), dtype=float32)
    """
    import teachtensor as tf  # here, not at the top: teachtensor imports this lazily
    from ..ops.checks import count_of
    count_of(order, "order (how many derivatives)")
    x = tf.convert_to_tensor(x)
    if not x.dtype.is_floating:
        raise TypeError(f"derivatives needs a float tensor x (only floats have gradients), "
                        f"got {x.dtype.name}; use tf.constant([...], dtype=tf.float32)")
    return _derivatives(f, x, order)


def _derivatives(f, x, order):
    import teachtensor as tf
    if order == 0:
        value = f(x)
        shape = tuple(getattr(value, "shape", ()))  # (a plain number: a constant f)
        if hasattr(value, "shape") and shape != tuple(x.shape):
            raise ValueError(f"f must act on each element of x (like tf.sin or x ** 2): for "
                             f"x of shape {tuple(x.shape)} it returned shape {shape}. A "
                             f"function such as tf.reduce_sum mixes the elements, and then "
                             f"the gradient is not f' at each point")
        return [value]
    with tf.GradientTape() as tape:
        tape.watch(x)  # x is a constant, not a Variable: watch it explicitly
        lower = _derivatives(f, x, order - 1)
    # "zero": when the last derivative no longer depends on x (f' = 9.8 for the apple
    # has no x in it), its derivative is 0 rather than None.
    highest = tape.gradient(lower[-1], x, unconnected_gradients="zero")
    return lower + [highest]


def derivative_label(k):
    """"f", "f'", "f''", "f'''", then "f^(4)", "f^(5)", ..."""
    return "f" + "'" * k if k <= 3 else f"f^({k})"


def plot_derivatives(f, x_range=(-3, 3), order=2, num=200, ax=None, labels=None,
                     xlabel="x", title="f and its derivatives (nested GradientTapes)"):
    """Plot ``f`` and its derivatives up to ``order`` on ``num`` points of ``x_range``.

    ``f`` takes a 1-D float32 tensor and returns a tensor of the same shape, computed
    with teachtensor operations (``tf.sin``, ``**``, ``*`` ...), so that the tapes can
    record it.  The derivatives come from nested GradientTapes (see ``derivatives``),
    not from finite differences.  The lines are labelled "f", "f'", "f''", ... unless
    ``labels`` gives other names; ``xlabel`` and ``title`` name the axis and the figure
    (the falling apple's variable is a time).  Returns the Axes.

    Example (the falling apple: position, speed, acceleration)::

        >>> from teachtensor.plot import plot_derivatives
        >>> ax = plot_derivatives(lambda t: 4.9 * t ** 2, x_range=(0, 2),
        ...                       labels=["position", "speed", "acceleration"],
        ...                       xlabel="time t (s)", title="A falling apple")
        >>> print(ax.get_title(), [line.get_label() for line in ax.lines])
        A falling apple ['position', 'speed', 'acceleration']
        >>> print(np.unique(ax.lines[2].get_ydata()))      # the acceleration: 9.8 everywhere
        [9.8]
    """
    import teachtensor as tf
    if labels is not None and len(labels) != order + 1:
        raise ValueError(f"order={order} draws {order + 1} lines (f and {order} "
                         f"derivatives), but {len(labels)} labels were given")
    if np.ndim(x_range) != 1 or len(x_range) != 2 or not x_range[0] < x_range[1]:
        raise ValueError(f"x_range is (low, high) with low < high, e.g. (-3, 3), got "
                         f"{x_range!r}")
    grid = tf.constant(np.linspace(x_range[0], x_range[1], num, dtype=np.float32))
    values = derivatives(f, grid, order)
    xs = to_numpy(grid)
    ax = axes_or_new(ax)
    for k, value in enumerate(values):
        # A derivative may come out as one number (f = 3x gives f' = 3): spread it
        # over the grid so that it can be drawn as a line.
        ys = np.broadcast_to(to_numpy(value), xs.shape)
        label = labels[k] if labels is not None else derivative_label(k)
        if np.isnan(ys).any():  # x ** 2's third derivative at 0: 2 * 0 * 0 ** -1 = 0 * inf
            warnings.warn(f"{label} is NaN at {int(np.isnan(ys).sum())} of the {num} points "
                          f"(e.g. x = {xs[np.isnan(ys)][0]:.3g}), which leaves a gap in its "
                          f"line. The power rule gives 0 * inf where x ** n is "
                          f"differentiated past x ** 0 at x = 0 (TensorFlow does the same); "
                          f"write x * x instead of x ** 2", stacklevel=2)
        ax.plot(xs, ys, label=label)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.legend(loc="best")
    return ax
