"""A functional model as JSON: its layers, and which layer's output feeds which.

``get_config`` lists every layer (its own config, as ``serialization.py`` writes it)
and, for each call of it in the model — each *node* — the arguments it was called
with, a KerasTensor written as where it came from::

    {"class_name": "__keras_tensor__",
     "config": {"shape": [null, 64], "dtype": "float32",
                "keras_history": ["dense", 0, 0]}}     # layer, its call, which output

plus ``input_layers`` and ``output_layers`` in the same ``[layer, call, output]`` form.
``from_config`` reverses it: it makes each layer, then replays the calls — each as
soon as the tensors it needs exist — exactly as the model's author once wrote them,
and makes the model from the resulting inputs and outputs.

A layer may also have been called outside this model (the layers of a feature
extractor belong to two models): only this model's calls are written, renumbered
0, 1, ... in the order the layer saw them.
"""
from ..keras_tensor import KerasTensor, flatten, map_structure
from ..layers.input_layer import InputLayer
from ..saving.serialization import deserialize_keras_object, serialize_keras_object

TENSOR = "__keras_tensor__"


def get_config(model):
    graph = model._graph
    in_model = {id(node) for node in graph.nodes}
    numbering = {}  # id(node) -> its number among the layer's calls in this model

    for layer in graph.operations:
        mine = [n for n in layer._inbound_nodes if id(n) in in_model or
                isinstance(layer, InputLayer)]
        for i, node in enumerate(mine):
            numbering[id(node)] = i

    def history(tensor):
        layer, node_index, tensor_index = tensor._keras_history
        node = layer._inbound_nodes[node_index]
        if id(node) not in numbering:  # an input that is a layer's output
            raise ValueError(f"cannot save model '{model.name}': its input "
                             f"'{tensor.name}' is the output of layer '{layer.name}', not a "
                             f"keras.Input. Keras's file format starts a model at its "
                             f"Input layers: make the model from the keras.Input(s) that "
                             f"feed '{layer.name}'")
        return [layer.name, numbering[id(node)], tensor_index]

    def argument(value):
        if isinstance(value, KerasTensor):
            return {"class_name": TENSOR, "config": {"shape": list(value.shape),
                                                     "dtype": value.dtype,
                                                     "keras_history": history(value)}}
        return serialize_keras_object(value)

    layers = []
    for layer in graph.operations:
        nodes = [n for n in layer._inbound_nodes if id(n) in in_model]
        entry = serialize_keras_object(layer)
        entry["name"] = layer.name
        entry["inbound_nodes"] = [{"args": map_structure(argument, list(node.args)),
                                   "kwargs": map_structure(argument, dict(node.kwargs))}
                                  for node in nodes]
        layers.append(entry)
    return {"name": model.name, "trainable": model.trainable, "layers": layers,
            "input_layers": map_structure(history, graph.inputs),
            "output_layers": map_structure(history, graph.outputs)}


def from_config(cls, config, custom_objects=None):
    layers, waiting, made = {}, [], {}  # made: (layer name, call, output) -> KerasTensor
    for entry in config["layers"]:
        layer = deserialize_keras_object(entry, custom_objects)
        name = entry.get("name", layer.name)
        layers[name] = layer
        if isinstance(layer, InputLayer):
            made[(name, 0, 0)] = layer.output
        waiting += [(name, call, node) for call, node in
                    enumerate(entry.get("inbound_nodes", []))]
    calls = {name: 0 for name in layers}  # how many calls of each layer are replayed
    while waiting:
        # A call can be replayed when the tensors it reads exist, and when it is the
        # layer's next call: a shared layer's calls must keep their numbers.
        ready = [item for item in waiting if item[1] == calls[item[0]] and
                 _ready(item[2], made)]
        if not ready:
            missing = sorted({tuple(h) for _, _, node in waiting for h in _histories(node)
                              if tuple(h) not in made})
            raise ValueError(f"cannot rebuild functional model {config.get('name')!r}: "
                             f"its layers need tensors that no layer makes: {missing}")
        name, call, node = ready[0]
        waiting.remove(ready[0])
        args = _replay(node.get("args", []), made)
        kwargs = _replay(node.get("kwargs", {}), made)
        outputs = layers[name](*args, **kwargs)
        for i, tensor in enumerate(flatten(outputs)):
            made[(name, call, i)] = tensor
        calls[name] += 1

    def tensor(reference):
        return made[tuple(reference)]

    inputs = _map_references(tensor, config["input_layers"])
    outputs = _map_references(tensor, config["output_layers"])
    return cls(inputs=inputs, outputs=outputs, name=config.get("name"),
               trainable=config.get("trainable", True))


def _is_tensor(value):
    return isinstance(value, dict) and value.get("class_name") == TENSOR


def _histories(structure):
    if _is_tensor(structure):
        return [structure["config"]["keras_history"]]
    if isinstance(structure, dict):
        return [h for value in structure.values() for h in _histories(value)]
    if isinstance(structure, list):
        return [h for value in structure for h in _histories(value)]
    return []


def _ready(node, made):
    return all(tuple(h) in made for h in _histories(node))


def _replay(structure, made):
    if _is_tensor(structure):
        return made[tuple(structure["config"]["keras_history"])]
    if isinstance(structure, list):
        return [_replay(value, made) for value in structure]
    if isinstance(structure, dict) and "class_name" not in structure:
        return {key: _replay(value, made) for key, value in structure.items()}
    return deserialize_keras_object(structure)


def _map_references(fn, structure):
    """Apply ``fn`` to each ``[layer, call, output]`` triple of ``input_layers``."""
    if isinstance(structure, list) and len(structure) == 3 and isinstance(structure[0], str):
        return fn(structure)
    if isinstance(structure, dict):
        return {key: _map_references(fn, value) for key, value in structure.items()}
    return [_map_references(fn, value) for value in structure]
