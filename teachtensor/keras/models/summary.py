"""``model.summary()``: one row per layer, then the parameter totals.

    Model: "sequential"
    _________________________________________________________________
     Layer (type)                Output Shape              Param #
    =================================================================
     dense (Dense)               (None, 32)                25,120
    ...
    =================================================================
    Total params: 25,450 (99.41 KB)
    Trainable params: 25,450 (99.41 KB)
    Non-trainable params: 0 (0.00 B)
    _________________________________________________________________

A Dense layer with n inputs and u units has n*u + u parameters (kernel and bias).
"""
import numpy as np


def print_summary(model, line_length=65, print_fn=print):
    if not model.built:
        raise ValueError(
            "This model has not yet been built, so it has no weights to summarize. Build "
            "it by calling it on a batch of data (model(x) or fit), with "
            "model.build((None, n_features)), or start it with "
            "keras.Input(shape=(n_features,)).")
    graph = getattr(model, "_graph", None)
    if graph is not None:
        return _print_graph_summary(model, graph, line_length, print_fn)
    rows = [("Layer (type)", "Output Shape", "Param #")]
    for layer in model.layers:
        params = f"{_count(layer.weights):,}" if layer.built else "0 (unbuilt)"
        rows.append((f"{layer.name} ({type(layer).__name__})",
                     _shape_text(layer._output_shape), params))
    # Column widths: Keras's proportions, widened when a name does not fit.
    widths = [max(int(line_length * 0.45), max(len(r[0]) for r in rows) + 2),
              max(int(line_length * 0.40), max(len(r[1]) for r in rows) + 2), 10]
    _print_table(model, rows, widths, print_fn)


def _print_graph_summary(model, graph, line_length, print_fn):
    """A functional model: a row per layer, with a "Connected to" column naming
    the inputs as ``layer[node][tensor]`` (which call of which layer, which output)."""
    line_length = max(line_length, 98)
    rows = [("Layer (type)", "Output Shape", "Param #", "Connected to")]
    in_graph = {id(node) for node in graph.nodes}
    for layer in graph.operations:  # the layers and the arithmetic (a + b), as Keras
        nodes = [n for n in layer._inbound_nodes if id(n) in in_graph or not n.input_tensors]
        connections = [c for node in nodes for c in node.connections()] or ["-"]
        shapes = [t.shape for t in nodes[0].output_tensors]
        shape = _shape_text(shapes[0]) if len(shapes) == 1 else \
            "[" + ", ".join(_shape_text(s) for s in shapes) + "]"
        rows.append((f"{layer.name} ({type(layer).__name__})", shape,
                     f"{_count(layer.weights):,}", connections[0]))
        rows.extend(("", "", "", more) for more in connections[1:])
    widths = [max(int(line_length * 0.30), max(len(r[0]) for r in rows) + 2),
              max(int(line_length * 0.30), max(len(r[1]) for r in rows) + 2),
              max(int(line_length * 0.10), max(len(r[2]) for r in rows) + 2),
              max(int(line_length * 0.30), max(len(r[3]) for r in rows) + 2)]
    _print_table(model, rows, widths, print_fn)


def _print_table(model, rows, widths, print_fn):
    line_length = sum(widths)

    print_fn(f'Model: "{model.name}"')
    print_fn("_" * line_length)
    print_fn(_row(rows[0], widths))
    print_fn("=" * line_length)
    for i, row in enumerate(rows[1:]):
        print_fn(_row(row, widths))
        if i < len(rows) - 2 and rows[i + 2][0]:  # (continued connections stay together)
            print_fn("")
    print_fn("=" * line_length)
    trainable = _count(model.trainable_weights)
    non_trainable = _count(model.non_trainable_weights)
    print_fn(f"Total params: {trainable + non_trainable:,} ({_size(model.weights)})")
    print_fn(f"Trainable params: {trainable:,} ({_size(model.trainable_weights)})")
    print_fn(f"Non-trainable params: {non_trainable:,} ({_size(model.non_trainable_weights)})")
    print_fn("_" * line_length)


def _row(fields, widths):
    return "".join((" " + str(f)).ljust(w) for f, w in zip(fields, widths)).rstrip()


def _shape_text(shape):
    if shape is None:
        return "?"
    return "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def _count(weights):
    return int(sum(np.prod(w.shape) for w in weights))


def _size(weights):
    """Memory taken by the weights: 4 bytes per float32."""
    size = float(sum(np.prod(w.shape) * w.dtype.as_numpy_dtype.itemsize for w in weights))
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.2f} {unit}"
        size /= 1024
