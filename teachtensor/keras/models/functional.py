"""The functional API: a model as a graph of layers, from its inputs to its outputs.

    title = keras.Input(shape=(10000,), name="title")
    text_body = keras.Input(shape=(10000,), name="text_body")
    features = layers.Concatenate()([title, text_body])
    features = layers.Dense(64, activation="relu")(features)
    priority = layers.Dense(1, activation="sigmoid", name="priority")(features)
    model = keras.Model(inputs=[title, text_body], outputs=priority)

Each layer call above recorded a node (``layers/node.py``).  ``keras.Model(inputs,
outputs)`` follows the nodes back from the outputs to the inputs and keeps them in an
order in which each node comes after the nodes that feed it (a *topological order*,
found by depth-first search).  Running the model on data is then one loop::

    values = {input: data}
    for node in nodes:                      # parents first
        node's outputs = node.layer(node's inputs, looked up in values)
    return the outputs, looked up in values

A functional model is a Model like any other: it trains with fit, is called on data,
can be a layer inside another model, and its layers' outputs can be the outputs of a
new model (feature extraction: ``keras.Model(model.inputs, model.get_layer("dense")
.output)`` shares the weights).
"""
import numpy as np

from ...ops.core import cast
from ...tensor import Tensor, TensorShape
from ..keras_tensor import KerasTensor, flatten, map_structure
from ..layers.input_layer import InputLayer
from ..layers.layer import rank_hint
from ..layers.operation import OperationLayer
from .model import Model


class Functional(Model):
    """What ``keras.Model(inputs=..., outputs=...)`` makes (Keras's class name).

    Example::

        >>> inputs = keras.Input(shape=(3,), name="features")
        >>> hidden = layers.Dense(4, activation="relu", name="hidden")(inputs)
        >>> model = keras.Model(inputs, layers.Dense(1, name="score")(hidden))
        >>> print(type(model).__name__, [layer.name for layer in model.layers])
        Functional ['features', 'hidden', 'score']
    """

    def get_config(self):
        """The layers and their connections (``functional_config.py``)."""
        from . import functional_config
        return functional_config.get_config(self)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from . import functional_config
        return functional_config.from_config(cls, config, custom_objects)

    def _build_config(self):
        return None  # made built: its layers were called on the inputs


class Graph:
    """The layers between ``inputs`` and ``outputs`` (KerasTensors, or lists or dicts
    of them), in the order to run them."""

    def __init__(self, inputs, outputs, model_name):
        self.inputs, self.outputs = inputs, outputs
        # model.inputs and model.outputs: as Keras lists them (a dict's by sorted key)
        self.keras_inputs = _sorted_like_keras(inputs)
        self.keras_outputs = _sorted_like_keras(outputs)
        self.input_tensors = _keras_tensors(inputs, "inputs")
        self.output_tensors = _keras_tensors(outputs, "outputs")
        self.model_name = model_name
        self.nodes = self._topological_order()
        # Every layer, and the arithmetic between tensors (a + b: operation.py), which
        # Keras does not count among the model's layers.
        self.operations = self._layers_in_order()
        self.layers = [op for op in self.operations if not isinstance(op, OperationLayer)]
        names = [layer.name for layer in self.operations]
        for name in names:
            if names.count(name) > 1:
                raise ValueError(f"All layer names should be unique; the name {name!r} is "
                                 f"used by {names.count(name)} layers of the model")

    @property
    def output_names(self):
        """Keras's names for the outputs: the dict's keys (sorted: Keras flattens a dict
        by key, so a list of losses or weights goes to the outputs in that order), else
        the layers that make them."""
        if isinstance(self.outputs, dict):
            return sorted(self.outputs)
        return [t._keras_history[0].name for t in self.output_tensors]

    def _topological_order(self):
        """Depth-first from each output: a node is added after every node it reads."""
        is_input = {id(t) for t in self.input_tensors}
        ordered, done = [], set()

        def visit(node, path):
            if id(node) in done:
                return
            for tensor in node.input_tensors:
                if id(tensor) not in is_input:
                    visit(_node_of(tensor), path + [node])
            if isinstance(node.layer, InputLayer):  # reached an input not given to Model
                raise ValueError(
                    f"Graph disconnected: the output of layer '{path[-1].layer.name}' depends "
                    f"on the input '{node.layer.name}', which is not among the inputs of "
                    f"model '{self.model_name}' ({[t.name for t in self.input_tensors]}). "
                    f"Add it to inputs=[...]")
            done.add(id(node))
            ordered.append(node)

        for tensor in self.output_tensors:
            if id(tensor) not in is_input:
                visit(_node_of(tensor), [])
        return ordered

    def _layers_in_order(self):
        """Keras's order of ``model.layers`` (which also decides where each is saved):
        by *depth*, the most layers between it and an output first, so the inputs
        come first and the outputs last; layers of one depth in the order a
        depth-first search from the outputs first meets them."""
        met, seen = {}, set()  # id(layer) -> when the search from the outputs met it

        def meet(node):
            if id(node) in seen:
                return
            seen.add(id(node))
            if id(node.layer) not in met:
                met[id(node.layer)] = len(met)
            for parent in node.parent_nodes:
                if any(parent is n for n in self.nodes) or isinstance(parent.layer, InputLayer):
                    meet(parent)

        for tensor in self.keras_outputs:  # (dict outputs: by key, as Keras)
            meet(_node_of(tensor))
        depth = {}  # a node's depth: 1 + the largest depth among the nodes it feeds
        for node in reversed(self.nodes):
            depth.setdefault(id(node), 0)
            for parent in node.parent_nodes:
                depth[id(parent)] = max(depth.get(id(parent), 0), depth[id(node)] + 1)
        layer_depth = {}
        for node in self.nodes + [_node_of(t) for t in self.input_tensors]:
            d = depth.get(id(node), 0)
            layer_depth[id(node.layer)] = max(layer_depth.get(id(node.layer), 0), d)
        layers = []
        for layer in [t._keras_history[0] for t in self.input_tensors] + \
                [node.layer for node in self.nodes]:
            if not any(layer is seen for seen in layers):
                layers.append(layer)
        return sorted(layers, key=lambda l: (-layer_depth[id(l)], met.get(id(l), -1)))

    # -- running on data ------------------------------------------------------------------
    def run(self, data, training=None):
        """The outputs for ``data`` (matching ``inputs``: one array, a list, or a dict)."""
        values = {id(t): x for t, x in zip(self.input_tensors, self._match_inputs(data))}
        for node in self.nodes:
            node.run(values, training)
        return map_structure(lambda tensor: values[id(tensor)], self.outputs)

    def _match_inputs(self, data):
        """The data for each input tensor, in order, converted and checked."""
        tensors = self.input_tensors
        names = [t.name for t in tensors]
        if isinstance(data, dict):
            keys = list(self.inputs) if isinstance(self.inputs, dict) else names
            unknown = [k for k in data if k not in keys]
            missing = [k for k in keys if k not in data]
            if unknown or missing:
                raise ValueError(f"model '{self.model_name}' has the inputs {keys}; the data "
                                 f"dict " + (f"lacks {missing}" if missing else "") +
                                 (" and " if missing and unknown else "") +
                                 (f"has unknown keys {unknown}" if unknown else ""))
            pieces = flatten({key: data[key] for key in keys}) if isinstance(
                self.inputs, dict) else [data[name] for name in names]
        elif len(tensors) > 1:
            if not isinstance(data, (list, tuple)):
                raise ValueError(f"model '{self.model_name}' has {len(tensors)} inputs "
                                 f"{names}: pass a list of {len(tensors)} arrays, or a dict "
                                 f"by input name, not one {type(data).__name__}")
            pieces = list(data)
        elif isinstance(data, (list, tuple)) and len(data) == 1 and \
                isinstance(data[0], (Tensor, np.ndarray)):
            pieces = [data[0]]  # [x] for a model of one input
        else:
            pieces = [data]
        if len(pieces) != len(tensors):
            raise ValueError(f"model '{self.model_name}' expects {len(tensors)} inputs "
                             f"{names}, but it received {len(pieces)}")
        return [_checked(t, x, self.model_name) for t, x in zip(tensors, pieces)]


def _sorted_like_keras(structure):
    """The leaves of a structure in Keras's order: a dict's values by sorted key (Keras
    flattens structures so, and the order in which it meets the outputs decides the
    order of ``model.layers``, and with it where each layer's weights are saved)."""
    if isinstance(structure, dict):
        return [leaf for key in sorted(structure) for leaf in _sorted_like_keras(structure[key])]
    if isinstance(structure, (list, tuple)):
        return [leaf for item in structure for leaf in _sorted_like_keras(item)]
    return [structure]


def _checked(tensor, x, model_name):
    """The data for one input, in the dtype of its ``keras.Input`` (as Keras 3 converts
    it: int32 token ids stay int32, integer pixels for a float32 input become float32),
    its shape checked."""
    layer = tensor._keras_history[0]
    x = layer._convert_input(x) if not isinstance(x, Tensor) else x
    if isinstance(layer, InputLayer):
        if x._data.dtype != np.dtype(layer.dtype):
            x = cast(x, layer.dtype)
        shape = tuple(x.shape)
        expected = tensor.shape
        if len(shape) != len(expected) or any(e is not None and e != s
                                              for e, s in zip(expected, shape)):
            raise ValueError(f"Input '{tensor.name}' of model '{model_name}' expects data "
                             f"of shape {TensorShape(expected)} (None: any size), but "
                             f"received shape {TensorShape(shape)}"
                             f"{rank_hint(shape, tuple(expected))}")
    return x


def _node_of(tensor):
    layer, node_index, _ = tensor._keras_history
    return layer._inbound_nodes[node_index]


def _keras_tensors(structure, what):
    tensors = flatten(structure)
    for t in tensors:
        if not isinstance(t, KerasTensor):
            raise TypeError(f"keras.Model({what}=...) takes KerasTensors: keras.Input(...) "
                            f"and what layers return when called on them; got "
                            f"{type(t).__name__} {t!r}")
    if not tensors:
        raise ValueError(f"keras.Model needs at least one tensor in {what}")
    return tensors
