"""``keras.utils.plot_model``: a picture of a model's layers and how they connect.

    keras.utils.plot_model(model, "ticket_classifier.png", show_shapes=True)

What is drawn
-------------
* A box per layer, labelled with its class name ("Dense"), or with its name and class
  name ("dense (Dense)") when ``show_layer_names=True``.  Below that, on request: its
  activation, its output shape in Keras's notation ("(None, 64)": None is the batch
  axis, whose size is not fixed), its output dtype, whether it trains.  Input layers
  are yellow, the other layers blue.
* An arrow for every tensor that one layer passes to another.  It carries the output
  of the box it starts from, so the shape written in that box is the shape it carries.

How the layout is computed
--------------------------
1. **Depth.**  The input layers have depth 0; every other layer has depth 1 + the
   largest depth of the layers that feed it, which is the length of the longest path
   from an input to it.  (Longest, not shortest: a layer then always sits after
   *every* layer it reads from, so all arrows point the same way.)  One pass over the
   layer calls in the order the model runs them finds every depth, because a layer's
   inputs have been given their depth before it is reached.
2. **Rows.**  One row per depth.  The input row keeps the order of the model's inputs;
   in each later row the boxes are sorted by the average position of the boxes that
   feed them (their barycentre), which keeps arrows from crossing where it can.
3. **Positions.**  Each box is as large as its text (matplotlib's ``TextPath``
   measures a text without drawing it).  The boxes of a row are put side by side and
   the row is centred; rows follow each other from top to bottom (``rankdir="TB"``)
   or, turned a quarter, from left to right (``rankdir="LR"``).
4. **Arrows** between neighbouring rows are straight, from edge to edge.  One that
   skips rows (a residual connection) would run through the boxes in between, so it
   takes a detour: out of the side of its box, along a lane beside the rows it skips,
   into the side of the box it feeds.

The drawing is done in inches (one data unit = one inch) on a ``matplotlib.figure.
Figure`` made directly, without pyplot: no window opens, nothing needs closing, and it
works on a machine without a display.  Keras draws with graphviz instead.

What it returns
---------------
Keras returns an IPython ``Image`` of the file, so that a notebook cell ending with
``plot_model(...)`` shows the picture.  teachtensor returns a ``ModelPlot``, which a
notebook shows as the same picture (Jupyter asks any object for ``_repr_png_``; IPython
is not needed).  Its ``.figure`` is the matplotlib figure and ``.path`` the file.
"""
import io
import os

from .activations import serialize
from .layers.input_layer import InputLayer
from .models.sequential import Sequential
from .models.summary import _shape_text

NAME_SIZE, DETAIL_SIZE = 10, 9      # font sizes, in points
PADDING = 0.12                      # inches between a box's text and its edge
LINE_HEIGHT = 1.45 / 72             # inches per point of font size
GAP_IN_ROW = 0.35                   # inches between neighbouring boxes of a row
GAP_BETWEEN_ROWS = {"TB": 0.55, "LR": 0.9}
MARGIN = 0.15                       # inches around the drawing
INPUT_COLORS = ("#fff3d6", "#b07d00")   # face, edge (as in plot.draw_tape)
LAYER_COLORS = ("#dbe9f6", "#1f4e79")
SCREEN_DPI = 100                    # how large a notebook shows the picture


def plot_model(model, to_file="model.png", show_shapes=False, show_dtype=False,
               show_layer_names=False, rankdir="TB", expand_nested=False, dpi=200,
               show_layer_activations=False, show_trainable=False, splines="ortho"):
    """Draw the layers of ``model`` and the tensors between them into ``to_file``.

    The extension of ``to_file`` chooses the format: .png, .pdf, .svg, or another that
    matplotlib saves (no extension: PNG, as in Keras).  ``rankdir="TB"`` draws from top
    to bottom, ``"LR"`` from left to right.  ``dpi`` is the resolution of a PNG.
    Returns a ``ModelPlot``: a notebook shows it as the picture; ``.figure`` is the
    matplotlib figure.  ``splines`` (a graphviz setting) is accepted and ignored; a
    model used as a layer is one box (``expand_nested=True`` is not supported).

    A Sequential model is a chain of its layers; a functional model the graph of its
    layer calls.  A subclassed model is one box, as in Keras: its ``call`` is Python
    code, and no record of which layer feeds which exists.  See the module docstring
    (``teachtensor/keras/plot_model.py``) for how the boxes are placed.

    Example::

        >>> import os, tempfile
        >>> inputs = keras.Input(shape=(3,), name="features")
        >>> outputs = layers.Dense(1, name="score")(layers.Dense(4, name="hidden")(inputs))
        >>> model = keras.Model(inputs, outputs)
        >>> path = os.path.join(tempfile.mkdtemp(), "model.png")
        >>> picture = keras.utils.plot_model(model, path, show_shapes=True)  # notebooks show it
        >>> print(os.path.exists(path))
        True
    """
    file_format = _file_format(to_file)
    if rankdir not in ("TB", "LR"):
        raise ValueError(f"rankdir must be 'TB' (top to bottom) or 'LR' (left to right), "
                         f"got {rankdir!r}")
    if expand_nested:
        raise ValueError("expand_nested=True is not supported: teachtensor draws a model "
                         "used as a layer as one box. Call plot_model on that inner model "
                         "to see its layers")
    if not model.built:
        raise ValueError(
            f"model '{model.name}' has not been built yet, so its layers have no shapes "
            f"to draw. Build it first: call it on a batch of data (model(x), or fit), "
            f"call model.build((None, n_features)), or start a Sequential with "
            f"keras.Input(shape=(n_features,)).")
    layers, edges, outputs = _layers_edges_outputs(model)
    details = dict(show_shapes=show_shapes, show_dtype=show_dtype,
                   show_layer_names=show_layer_names, show_trainable=show_trainable,
                   show_layer_activations=show_layer_activations)
    labels = {id(layer): _label(layer, outputs[id(layer)], **details) for layer in layers}
    rows = _rows(layers, edges)
    figure = _draw(rows, edges, labels, rankdir)
    figure.savefig(to_file, format=file_format, dpi=dpi)
    return ModelPlot(figure, str(to_file), file_format)


class ModelPlot:
    """What ``plot_model`` returns: the saved picture, shown by a notebook.

    ``path`` is the file written, ``figure`` the matplotlib figure (change it and call
    ``figure.savefig`` to save again).
    """

    def __init__(self, figure, path, file_format):
        self.figure, self.path, self.format = figure, path, file_format

    def _repr_png_(self):
        """The PNG a notebook shows: the file itself when it is a PNG, else a rendering
        of the figure; shown at the figure's size on screen, whatever its dpi."""
        if self.format == "png":
            with open(self.path, "rb") as file:
                data = file.read()
        else:
            buffer = io.BytesIO()
            self.figure.savefig(buffer, format="png", dpi=SCREEN_DPI)
            data = buffer.getvalue()
        return data, {"width": round(self.figure.get_figwidth() * SCREEN_DPI)}

    def __repr__(self):
        return f"<ModelPlot saved to {self.path!r}>"


def _file_format(to_file):
    """The format that the extension of ``to_file`` names, or a clear error."""
    from matplotlib.backend_bases import FigureCanvasBase
    extension = os.path.splitext(str(to_file))[1].lower().lstrip(".") or "png"
    supported = FigureCanvasBase.get_supported_filetypes()
    if extension not in supported:
        raise ValueError(f"plot_model cannot save a '.{extension}' file ({to_file!r}): the "
                         f"extension of to_file chooses the format, and matplotlib saves "
                         f"{', '.join('.' + e for e in sorted(supported))}. "
                         f"Use e.g. 'model.png', 'model.pdf' or 'model.svg'")
    return extension


def _layers_edges_outputs(model):
    """The boxes, the arrows and what each box outputs.

    Returns ``layers`` (in the model's order), ``edges`` — (from_layer, to_layer) for
    every tensor passed, in the order the model runs — and ``outputs``: id(layer) ->
    [(shape, dtype), ...] of what the layer outputs.
    """
    graph = getattr(model, "_graph", None)
    if graph is not None:  # functional: follow the recorded layer calls
        outputs = {id(t._keras_history[0]): [(t.shape, t.dtype)]
                   for t in graph.input_tensors}
        edges = []
        for node in graph.nodes:
            outputs.setdefault(id(node.layer), []).extend(
                (t.shape, t.dtype) for t in node.output_tensors)
            edges.extend((t._keras_history[0], node.layer) for t in node.input_tensors)
        return graph.layers, edges, outputs
    layers = model.layers if isinstance(model, Sequential) else [model]
    outputs = {id(layer): [(layer._output_shape, layer.dtype)] for layer in layers}
    return layers, list(zip(layers[:-1], layers[1:])), outputs


def _label(layer, outputs, show_shapes, show_dtype, show_layer_names, show_trainable,
           show_layer_activations):
    """The lines of text in a layer's box; the first one is the title."""
    kind = type(layer).__name__
    lines = [f"{layer.name} ({kind})" if show_layer_names else kind]
    if show_layer_activations and getattr(layer, "activation", None) is not None:
        lines.append(f"activation: {serialize(layer.activation)}")
    if show_shapes:
        shapes = [_shape_text(shape) for shape, _ in outputs]
        lines.append("output: " + (shapes[0] if len(shapes) == 1 else
                                   "[" + ", ".join(shapes) + "]"))
    if show_dtype:
        dtypes = list(dict.fromkeys(str(getattr(d, "name", d)) for _, d in outputs))
        lines.append("dtype: " + ", ".join(dtypes))
    if show_trainable and layer.weights:
        lines.append("trainable" if layer.trainable else "non-trainable (frozen)")
    return lines


def _rows(layers, edges):
    """The layers by depth (steps 1 and 2 of the module docstring): a list of rows."""
    depth = {id(layer): 0 for layer in layers}
    for source, target in edges:  # in running order: a source's depth is final
        depth[id(target)] = max(depth[id(target)], depth[id(source)] + 1)
    rows = [[] for _ in range(max(depth.values()) + 1)]
    for layer in layers:
        rows[depth[id(layer)]].append(layer)
    rows = [row for row in rows if row]  # a layer called twice can leave a depth empty
    place = {}  # id(layer) -> its place across the drawing, from 0 to 1
    for row in rows:
        def barycentre(layer):
            feeding = [place[id(s)] for s, t in edges if t is layer and id(s) in place]
            return sum(feeding) / len(feeding) if feeding else 0.5
        row.sort(key=barycentre)  # a stable sort: ties keep the model's order
        place.update({id(layer): (i + 0.5) / len(row) for i, layer in enumerate(row)})
    return rows


def _box_size(lines):
    """(width, height) in inches of the box around these lines of text."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath
    widths = [TextPath((0, 0), line, size=NAME_SIZE if i == 0 else DETAIL_SIZE,
                       prop=FontProperties(weight="bold" if i == 0 else "normal"))
              .get_extents().width / 72 for i, line in enumerate(lines)]
    height = (NAME_SIZE + DETAIL_SIZE * (len(lines) - 1)) * LINE_HEIGHT
    return max(widths) + 2 * PADDING, height + 2 * PADDING


def _centres(rows, sizes, rankdir):
    """Step 3: id(layer) -> (x, y) of its box's centre, in inches.

    Worked out for "TB" as ``along`` (down the rows) and ``across`` (along a row); for
    "LR" the same numbers are turned a quarter: along becomes x, across becomes y.
    """
    along_size = (lambda s: s[1]) if rankdir == "TB" else (lambda s: s[0])
    across_size = (lambda s: s[0]) if rankdir == "TB" else (lambda s: s[1])
    centres, along = {}, 0.0
    for row in rows:
        row_depth = max(along_size(sizes[id(layer)]) for layer in row)
        row_length = sum(across_size(sizes[id(layer)]) for layer in row) + \
            GAP_IN_ROW * (len(row) - 1)
        across = -row_length / 2
        for layer in row:
            extent = across_size(sizes[id(layer)])
            a, b = along + row_depth / 2, across + extent / 2
            centres[id(layer)] = (b, -a) if rankdir == "TB" else (a, -b)
            across += extent + GAP_IN_ROW
        along += row_depth + GAP_BETWEEN_ROWS[rankdir]
    return centres


def _detour(source, target, passed, centres, sizes, rankdir, lane_number):
    """The corners of an arrow that skips rows (step 4): out of the side of its box,
    along a lane beside every box it passes, into the side of the target.

    Worked out in (across, along) coordinates as in ``_centres``.  The lane is on the
    side of the drawing the two boxes are nearer to; each further detour gets its own
    lane, a little further out, so that two of them never run on top of each other.
    """
    tb = rankdir == "TB"

    def across(layer):
        return centres[id(layer)][0 if tb else 1]

    def along(layer):
        return centres[id(layer)][1 if tb else 0]

    def half(layer):  # half the box's size across the rows
        return sizes[id(layer)][0 if tb else 1] / 2

    side = 1 if across(source) + across(target) >= 0 else -1
    outermost = max(side * across(layer) + half(layer) for layer in passed + [source, target])
    lane = side * (outermost + GAP_IN_ROW * (0.6 + 0.4 * lane_number))
    corners = [(across(source) + side * half(source), along(source)),
               (lane, along(source)), (lane, along(target)),
               (across(target) + side * half(target), along(target))]
    return [(a, b) if tb else (b, a) for a, b in corners]


def _draw(rows, edges, labels, rankdir):
    """The figure: boxes, their texts, the arrows (step 4); sized to fit exactly."""
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
    from matplotlib.path import Path

    layers = [layer for row in rows for layer in row]
    row_of = {id(layer): number for number, row in enumerate(rows) for layer in row}
    sizes = {id(layer): _box_size(labels[id(layer)]) for layer in layers}
    centres = _centres(rows, sizes, rankdir)
    detours = {}  # edge number -> the corners of its arrow, for arrows that skip rows
    for number, (source, target) in enumerate(edges):
        first, last = sorted((row_of[id(source)], row_of[id(target)]))
        if last - first > 1:
            passed = [layer for row in rows[first + 1:last] for layer in row]
            detours[number] = _detour(source, target, passed, centres, sizes, rankdir,
                                      len(detours))

    corners = [(x + sign_x * w / 2, y + sign_y * h / 2) for layer in layers
               for (x, y), (w, h) in [(centres[id(layer)], sizes[id(layer)])]
               for sign_x in (-1, 1) for sign_y in (-1, 1)]
    corners += [point for points in detours.values() for point in points]
    left, right = min(x for x, _ in corners) - MARGIN, max(x for x, _ in corners) + MARGIN
    bottom, top = min(y for _, y in corners) - MARGIN, max(y for _, y in corners) + MARGIN

    figure = Figure(figsize=(right - left, top - bottom))
    ax = figure.add_axes((0, 0, 1, 1))  # the whole figure, one data unit per inch
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)
    ax.axis("off")

    boxes = {}
    for layer in layers:
        (x, y), (width, height) = centres[id(layer)], sizes[id(layer)]
        face, edge = INPUT_COLORS if isinstance(layer, InputLayer) else LAYER_COLORS
        boxes[id(layer)] = ax.add_patch(FancyBboxPatch(
            (x - width / 2, y - height / 2), width, height, facecolor=face,
            edgecolor=edge, boxstyle="round,pad=0,rounding_size=0.06"))
        line_top = y + height / 2 - PADDING  # each line centred in its own slot
        for i, line in enumerate(labels[id(layer)]):
            slot = (NAME_SIZE if i == 0 else DETAIL_SIZE) * LINE_HEIGHT
            ax.text(x, line_top - slot / 2, line, ha="center", va="center",
                    fontsize=NAME_SIZE if i == 0 else DETAIL_SIZE,
                    fontweight="bold" if i == 0 else "normal")
            line_top -= slot
    style = dict(arrowstyle="-|>", mutation_scale=12, color="0.3", linewidth=1.0)
    for number, (source, target) in enumerate(edges):
        if number in detours:
            ax.add_patch(FancyArrowPatch(path=Path(detours[number]), **style))
        else:  # straight, from the edge of one box to the edge of the other
            ax.add_patch(FancyArrowPatch(centres[id(source)], centres[id(target)],
                                         patchA=boxes[id(source)],
                                         patchB=boxes[id(target)], **style))
    return figure
