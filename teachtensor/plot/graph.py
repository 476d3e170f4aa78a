"""Draw what a GradientTape recorded: the computation graph.

A tape keeps a list of *nodes* (``tape._nodes``, see ``teachtensor/tape.py``), one per
recorded operation, in the order they ran.  Each node knows its operation's ``name``,
its ``inputs`` (tensors) and its ``output`` (a tensor).  That is a graph with two kinds
of vertices:

* operations, drawn as boxes labelled with their name ("matmul", "add", ...);
* tensors, drawn as ellipses labelled with their shape,

and arrows ``input tensor -> operation -> output tensor``.  It is laid out from left to
right in *layers*: an operation sits one column to the right of its rightmost input,
and its output one column further.  A tensor that no recorded operation produced (a
Variable, a watched constant, a number like the ``1.0`` in ``1.0 - p``) sits just left
of the first operation that uses it.
"""
import warnings

import numpy as np
from matplotlib.patches import Ellipse, FancyArrowPatch, FancyBboxPatch

from ._common import axes_or_new, to_numpy

COLUMN_WIDTH = 1.6      # data units between two columns (more when labels are long)
ROW_HEIGHT = 1.1        # data units between two rows
BOX_SIZE = (1.2, 0.45)  # width, height of an operation's box (wider for a long name)
ELLIPSE_SIZE = (1.35, 0.75)
CHAR_WIDTH = 0.1        # data units one character of the labels takes (8-point text)


def draw_tape(tape_or_tensor, ax=None, show_gradients=False, target=None, names=None):
    """Draw the operations a GradientTape recorded; returns the Axes.

    ``tape_or_tensor`` is the tape.  ``target`` (a tensor the tape computed) limits
    the drawing to the operations it depends on.  Tensors are labelled with the names
    ``print(tape)`` uses (Variables by their name, other tensors t0, t1, ...), with
    their value when it is a single number, and with their shape; ``names`` gives
    your own names to chosen tensors, e.g. ``{"W": W, "loss": loss}`` (a key that is
    not a string is refused; a tensor not drawn is warned about).

    With ``show_gradients=True`` each tensor is also annotated, in red, with the
    gradient of the target (by default the last recorded output) with respect to it:
    its value when it is a single number, else its shape.  This needs a persistent
    tape, because it calls ``tape.gradient`` once more.

    Example::

        >>> import teachtensor as tf
        >>> from teachtensor.plot import draw_tape
        >>> W = tf.Variable([[0.1], [0.2]])
        >>> b = tf.Variable(tf.zeros((1,)))
        >>> x = tf.ones((5, 2))
        >>> with tf.GradientTape(persistent=True) as tape:
        ...     predictions = tf.matmul(x, W) + b
        ...     loss = tf.reduce_mean(tf.square(1.0 - predictions))
        >>> ax = draw_tape(tape, show_gradients=True, names={"x": x, "W": W, "b": b})
        >>> print(ax.get_title())
        What the GradientTape recorded (red: gradient of the target)
    """
    tape = tape_or_tensor
    if target is not None and _is_tape(target) and not _is_tape(tape):
        tape, target = target, tape  # draw_tape(loss, target=tape): accept either order
    if not _is_tape(tape):
        raise ValueError(
            f"draw_tape needs the GradientTape that recorded the computation, got a "
            f"{type(tape).__name__}. A tensor does not remember how it was computed; the "
            f"tape does. Record it with\n"
            f"    with tf.GradientTape(persistent=True) as tape:\n"
            f"        loss = ...\n"
            f"then call draw_tape(tape), or draw_tape(tape, target=loss) to draw only "
            f"what loss depends on.")

    nodes = list(tape._nodes)
    if not nodes:
        raise ValueError(
            "this tape recorded no operations. A tape records only operations on watched "
            "tensors: trainable Variables, or constants passed to tape.watch(...).")
    if target is None:
        target = nodes[-1].output
    else:
        nodes = _nodes_leading_to(nodes, target)
        if not nodes:
            raise ValueError("the tape recorded no operation that computed this target")

    gradients = _gradients(tape, target, nodes) if show_gradients else None
    columns = _layout(nodes)
    # The tape's own short names (as print(tape) shows them), then the caller's.
    labels = tape._names() if hasattr(tape, "_names") else {}
    labels.update({id(t): name for name, t in _checked_names(names, nodes).items()})
    sizes = _sizes(nodes, labels)
    column_width = max([COLUMN_WIDTH] + [w + 0.4 for w, _ in sizes.values()])
    ax = axes_or_new(ax, figsize=_figure_size(columns, column_width / COLUMN_WIDTH))
    _draw(ax, nodes, columns, gradients, labels, sizes, column_width)
    return ax


def _checked_names(names, nodes):
    """``names`` as {name: tensor}: a dict from strings to tensors the drawing shows."""
    if names is None:
        return {}
    if not isinstance(names, dict):
        raise TypeError(f"names is a dict from names to tensors, e.g. {{'W': W, 'loss': "
                        f"loss}}, got {type(names).__name__}")
    shown = {id(t) for t in _tensors(nodes)}
    for name, t in names.items():
        if not isinstance(name, str):
            swapped = " (keys and values swapped? write {'x': x})" if isinstance(t, str) else ""
            raise TypeError(f"names maps a name (a string) to a tensor, got the key "
                            f"{type(name).__name__} {name!r}{swapped}")
        if id(t) not in shown:
            warnings.warn(f"names[{name!r}] is not a tensor of this drawing (no recorded "
                          f"operation drawn here used or computed it), so no vertex gets "
                          f"that name", stacklevel=3)
    return names


def _sizes(nodes, label_of):
    """(width, height) of every vertex's shape, wide enough for its label."""
    sizes = {}
    for t in _tensors(nodes):
        longest = max(len(line) for line in _tensor_label(t, label_of.get(id(t))).split("\n"))
        sizes[id(t)] = (max(ELLIPSE_SIZE[0], CHAR_WIDTH * longest + 0.5), ELLIPSE_SIZE[1])
    for node in nodes:
        sizes[id(node)] = (max(BOX_SIZE[0], CHAR_WIDTH * len(node.name) + 0.3), BOX_SIZE[1])
    return sizes


def _is_tape(x):
    return hasattr(x, "_nodes") and hasattr(x, "gradient")


def _nodes_leading_to(nodes, target):
    """The nodes that ``target`` depends on: walk back from it, newest node first."""
    needed = {id(target)}
    kept = []
    for node in reversed(nodes):
        if id(node.output) in needed:
            kept.append(node)
            needed.update(id(x) for x in node.inputs)
    return kept[::-1]


def _tensors(nodes):
    """Every tensor of the graph once (a tensor used twice is one vertex), in order."""
    seen = {}
    for node in nodes:
        for t in list(node.inputs) + [node.output]:
            seen.setdefault(id(t), t)
    return list(seen.values())


def _gradients(tape, target, nodes):
    """id(tensor) -> d(target)/d(tensor), or None where the tape has no gradient."""
    if not tape._persistent:
        raise ValueError("show_gradients=True calls tape.gradient once more, which only a "
                         "persistent tape allows: record with "
                         "tf.GradientTape(persistent=True)")
    tensors = _tensors(nodes)
    with tape.stop_recording():  # in case the tape is still open: don't record this
        grads = tape.gradient(target, tensors)
    return {id(t): g for t, g in zip(tensors, grads)}


def _layout(nodes):
    """The column of every vertex: {id(op node or tensor): column}.

    Operations go in odd columns, tensors in even ones.  First, as if every tensor
    that no node produced were in column 0, an operation's column is one more than
    its inputs' largest column, and its output's column one more again.  Then each
    such "leaf" tensor moves to just left of the first operation that uses it, so
    that it does not need a long arrow.
    """
    produced = {id(node.output) for node in nodes}
    column = {}
    for node in nodes:  # recording order: inputs are always placed before their users
        op_column = 1 + max(column.get(id(x), 0) for x in node.inputs)
        column[id(node)] = op_column
        column[id(node.output)] = op_column + 1
    for node in nodes:
        for x in node.inputs:
            if id(x) not in produced and id(x) not in column:
                column[id(x)] = column[id(node)] - 1
    return column


def _figure_size(columns, widen=1.0):
    counts = np.bincount(list(columns.values()))
    width = 1.15 * widen * (len(counts) + 1)
    height = 0.85 * (counts.max() + 1)
    return (min(max(width, 4), 24), min(max(height, 2.0), 16))


def _positions(columns, order, users, column_width=COLUMN_WIDTH):
    """(x, y) of every vertex: its column, and its row in that column.

    Rows are chosen from right to left, so that each vertex can follow the vertices it
    feeds (``users``: id -> [(id of the vertex it feeds, operand index)]): a column's
    vertices are sorted by the height of what they feed, then by operand index.  The
    two operands of ``1.0 - p`` therefore stand in that order, top to bottom, just as
    the expression reads.  Rows are centred on y = 0.
    """
    rank = {key: i for i, key in enumerate(order)}
    by_column = {}
    for key in order:
        by_column.setdefault(columns[key], []).append(key)
    positions = {}
    for col in sorted(by_column, reverse=True):
        def place(key):
            fed = [(positions[user][1], operand) for user, operand in users.get(key, [])
                   if user in positions]
            if not fed:
                return (1, 0.0, 0, rank[key])  # feeds nothing drawn: after the others
            height, operand = max(fed, key=lambda pair: (pair[0], -pair[1]))
            return (0, -height, operand, rank[key])
        keys = sorted(by_column[col], key=place)
        for row, key in enumerate(keys):
            y = ((len(keys) - 1) / 2 - row) * ROW_HEIGHT
            positions[key] = (col * column_width, y)
    return positions


def _draw(ax, nodes, columns, gradients, label_of, sizes, column_width):
    """Draw the shapes, texts and arrows; ``label_of`` maps id(tensor) -> its name,
    ``sizes`` id -> (width, height) of its shape."""
    tensors = _tensors(nodes)
    order = [id(t) for t in tensors] + [id(node) for node in nodes]
    users = {}
    for node in nodes:
        for operand, x in enumerate(node.inputs):
            users.setdefault(id(x), []).append((id(node), operand))
        users.setdefault(id(node), []).append((id(node.output), 0))
    positions = _positions(columns, order, users, column_width)

    shapes = {}  # id -> the patch drawn for that vertex, for the arrows to end on it
    for t in tensors:
        x, y = positions[id(t)]
        shapes[id(t)] = Ellipse((x, y), *sizes[id(t)], facecolor="#fff3d6",
                                edgecolor="#b07d00")
        ax.add_patch(shapes[id(t)])
        ax.text(x, y, _tensor_label(t, label_of.get(id(t))), ha="center", va="center",
                fontsize=8)
        if gradients is not None:
            ax.text(x, y - ELLIPSE_SIZE[1] / 2 - 0.05, _gradient_label(gradients[id(t)]),
                    ha="center", va="top", fontsize=7, color="#c00000")
    for node in nodes:
        x, y = positions[id(node)]
        width, height = sizes[id(node)]
        shapes[id(node)] = FancyBboxPatch((x - width / 2, y - height / 2), width, height,
                                          boxstyle="round,pad=0.05", facecolor="#dbe9f6",
                                          edgecolor="#1f4e79")
        ax.add_patch(shapes[id(node)])
        ax.text(x, y, node.name, ha="center", va="center", fontsize=8, fontweight="bold")

    # Arrows: each input into its operation, each operation into its output.
    # patchA/patchB make an arrow start and stop at the edges of the shapes.  An arrow
    # that skips columns (a tensor used again later) is bent, so that it goes around
    # the shapes in between instead of through them.
    for node in nodes:
        edges = [(id(x), id(node)) for x in node.inputs] + [(id(node), id(node.output))]
        for start, end in edges:
            skips_columns = columns[end] - columns[start] > 1
            ax.add_patch(FancyArrowPatch(positions[start], positions[end],
                                         patchA=shapes[start], patchB=shapes[end],
                                         connectionstyle="arc3,rad=-0.3" if skips_columns
                                         else "arc3",
                                         arrowstyle="-|>", mutation_scale=10,
                                         color="0.3", linewidth=0.8))

    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    ax.set_xlim(min(xs) - column_width / 2, max(xs) + column_width / 2)
    ax.set_ylim(min(ys) - ROW_HEIGHT * 0.75, max(ys) + ROW_HEIGHT * 0.6)
    ax.axis("off")
    ax.set_title("What the GradientTape recorded" +
                 (" (red: gradient of the target)" if gradients is not None else ""))


def _tensor_label(t, name=None):
    """Two lines: the tensor's name (with its value when it is a single number, and
    not a Variable, whose value changes), and its shape."""
    shape = tuple(getattr(t, "shape", ()))  # scalar Values (scalar.py) have no shape
    is_variable = getattr(t, "_is_variable", False)
    if name is None and is_variable:
        name = t.name.split(":")[0]
    if _size(shape) == 1 and not is_variable:
        value = f"{_single_number(t):.4g}"
        name = f"{name} = {value}" if name else value
    return f"{name}\n{shape}" if name else str(shape)


def _gradient_label(g):
    if g is None:
        return "no gradient"
    shape = tuple(getattr(g, "shape", ()))
    if _size(shape) == 1:
        return f"grad = {_single_number(g):.4g}"
    return f"grad: {shape}"


def _size(shape):
    return int(np.prod(shape)) if shape else 1


def _single_number(t):
    """The number in a one-element tensor, or in a scalar Value."""
    if hasattr(t, "numpy"):
        return to_numpy(t).reshape(()).item()
    return float(t)
