"""Calling a layer on KerasTensors: a *node* of the functional graph.

``layer(keras_tensor)`` computes nothing.  It records a ``Node`` — this layer, called
with these arguments — and returns KerasTensors for the outputs, each pointing back at
the node.  A layer called three times has three nodes (``layer._inbound_nodes``): its
weights are shared between them.

What shape comes out?  teachtensor finds out the plain way: it runs the layer on a small
batch of zeros of the input's shape — twice, with every unknown size (``None``, the
batch axis at least) set to 2 and then to 3.  An output axis whose size is the same in
both runs has that size; one that changed depends on the unknown sizes and is ``None``.
The first run also builds the layer (creates its weights), exactly as a first call on
real data would.  (Keras infers shapes without computing, by running the layer on
symbolic tensors; on the small zeros used here the cost is the same.)
"""
from ...ops.creation import zeros
from ..keras_tensor import KerasTensor, flatten, map_structure


class Node:
    """One call of ``layer``: its arguments (KerasTensors inside) and its outputs."""

    def __init__(self, layer, args, kwargs, outputs):
        self.layer = layer
        self.args = args
        self.kwargs = kwargs
        self.outputs = outputs  # a KerasTensor, or a list / tuple / dict of them
        self.input_tensors = [t for t in flatten((args, kwargs)) if isinstance(t, KerasTensor)]
        self.output_tensors = flatten(outputs)
        self.index = len(layer._inbound_nodes)  # which call of the layer this is
        layer._inbound_nodes.append(self)
        for i, tensor in enumerate(self.output_tensors):
            tensor._keras_history = (layer, self.index, i)

    @property
    def parent_nodes(self):
        """The nodes that made this node's inputs."""
        return [tensor._keras_history[0]._inbound_nodes[tensor._keras_history[1]]
                for tensor in self.input_tensors]

    def connections(self):
        """``['title[0][0]', ...]``: layer[node][tensor] of each input, for summary()."""
        return [f"{layer.name}[{node}][{index}]" for layer, node, index in
                (tensor._keras_history for tensor in self.input_tensors)]

    def run(self, values, training=None):
        """Call the layer on real tensors: ``values`` maps id(KerasTensor) -> tensor."""
        args, kwargs = map_structure(lambda leaf: _value(leaf, values), (self.args, self.kwargs))
        if training is not None and "training" not in kwargs:
            kwargs = dict(kwargs, training=training)
        outputs = self.layer(*args, **kwargs)
        for tensor, value in zip(self.output_tensors, flatten(outputs)):
            values[id(tensor)] = value


def _value(leaf, values):
    return values[id(leaf)] if isinstance(leaf, KerasTensor) else leaf


def symbolic_call(layer, args, kwargs):
    """``layer(*args, **kwargs)`` where the arguments hold KerasTensors: run the layer
    on zeros to learn the output shapes, record a Node, return KerasTensors."""
    kwargs = dict(kwargs)
    training = kwargs.pop("training", None)
    # (in inference mode, so that a BatchNormalization's statistics do not move)
    results = [layer(*_zeros_for(args, size), training=False, **_zeros_for(kwargs, size))
               for size in (2, 3)]
    # (an invalid input raises in the first run, naming the layer: nothing is recorded)
    layer._clear_losses()  # (penalties of zeros are no forward pass's)

    def describe(first, second):
        shape = tuple(a if a == b else None for a, b in zip(first.shape, second.shape))
        return KerasTensor(shape, first.dtype.name)

    outputs = _zip_structures(describe, results[0], results[1], layer)
    if training is not None:
        kwargs["training"] = training
    Node(layer, tuple(args), kwargs, outputs)
    for i, tensor in enumerate(flatten(outputs)):
        tensor.name = layer.name if len(flatten(outputs)) == 1 else f"{layer.name}_{i}"
    return outputs


def _zeros_for(structure, size):
    """The structure with each KerasTensor replaced by zeros of its shape (None -> size)."""
    def fill(leaf):
        if not isinstance(leaf, KerasTensor):
            return leaf
        return zeros(tuple(size if s is None else s for s in leaf.shape), dtype=leaf.dtype)
    return map_structure(fill, structure)


def _zip_structures(fn, first, second, layer):
    if isinstance(first, dict):
        return {key: _zip_structures(fn, first[key], second[key], layer) for key in first}
    if isinstance(first, (list, tuple)):
        return type(first)(_zip_structures(fn, a, b, layer) for a, b in zip(first, second))
    if not hasattr(first, "shape") or not hasattr(first, "dtype"):
        raise TypeError(f"layer '{layer.name}' returned {type(first).__name__} {first!r}; a "
                        f"layer in a functional model must return tensors (or lists or "
                        f"dicts of them)")
    return fn(first, second)
