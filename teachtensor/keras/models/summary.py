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
    rows = [("Layer (type)", "Output Shape", "Param #")]
    for layer in model.layers:
        params = f"{_count(layer.weights):,}" if layer.built else "0 (unbuilt)"
        rows.append((f"{layer.name} ({type(layer).__name__})",
                     _shape_text(layer._output_shape), params))
    # Column widths: Keras's proportions, widened when a name does not fit.
    widths = [max(int(line_length * 0.45), max(len(r[0]) for r in rows) + 2),
              max(int(line_length * 0.40), max(len(r[1]) for r in rows) + 2), 10]
    line_length = sum(widths)

    print_fn(f'Model: "{model.name}"')
    print_fn("_" * line_length)
    print_fn(_row(rows[0], widths))
    print_fn("=" * line_length)
    for i, row in enumerate(rows[1:]):
        print_fn(_row(row, widths))
        if i < len(rows) - 2:
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
