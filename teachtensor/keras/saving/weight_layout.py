"""Where each weight goes in Keras's weights file: a path per layer, found by walking
the model as Keras walks it.

A ``model.weights.h5`` file holds one HDF5 group per layer (and per optimizer), each
with a subgroup ``vars`` whose datasets ``"0"``, ``"1"``, ... are that layer's own
weights in creation order (trainable first)::

    layers/dense/vars/0        the first Dense layer's kernel
    layers/dense/vars/1        ... and its bias
    layers/dense_1/vars/0      the second Dense layer's kernel
    optimizer/vars/0           the optimizer's step counter, 1: learning rate, 2...: slots
    vars                       the model's own weights (usually none)

The path is *not* the layer's name (names differ from one run to the next: ``dense_7``
in a notebook run twice).  It comes from where the layer sits:

1. A Sequential or functional model lists its ``layers`` first, under ``layers/``;
   inside a list each layer is keyed by its class name in snake case, made unique in
   list order (``dense``, ``dense_1``, ... a layer already saved elsewhere still uses
   up its key).
2. Then every attribute, sorted by name with ``_private`` ones last: an attribute
   holding a layer (or the optimizer) is saved under the attribute's name
   (``self.head = Dense(2)`` -> ``head/vars``); one holding a list or dict of layers,
   under the attribute's name with the list rule inside (``blocks/dense_1/vars``).
   A subclassed Model also has the ``layers`` list among its attributes, so a layer
   whose attribute sorts after "layers" is saved under ``layers/`` instead.
3. Each layer is saved once, at the first path that reaches it; layers inside layers
   follow the same rules below their parent's path.

``groups(model)`` lists ``(path, owner name, weights)`` in that order; ``h5_weights``
writes and reads them, and the test against real Keras checks the paths agree.
"""
from ..layers.naming import snake_case

# teachtensor's own bookkeeping attributes, never a place where a user keeps a layer.
FRAMEWORK_ATTRIBUTES = {"_layers", "_containers", "_own_variables", "_inbound_nodes",
                        "_graph", "_input_layer", "_build_output", "_layer_initialized",
                        "_compile_arguments", "_init_arguments", "_losses",
                        "_weight_regularizers"}


def groups(model, include_optimizer=True):
    """``[(path, owner name, [Variables])]``: what Keras's file holds, in Keras's order."""
    found, visited = [], set()

    def visit(obj, path):
        if id(obj) in visited:
            return
        visited.add(id(obj))
        weights = (optimizer_variables(obj, model.trainable_weights) if
                   _is_optimizer(obj) else own_variables(obj))
        found.append((_join(path, "vars"), obj.name, weights))
        for attribute, child in _children(obj, include_optimizer):
            child_path = _join(path, attribute)
            if _saveable(child):
                visit(child, child_path)
            elif isinstance(child, (list, tuple, dict)):
                used = {}
                for item in (child.values() if isinstance(child, dict) else child):
                    if _saveable(item):
                        visit(item, _join(child_path, _unique(snake_case(
                            type(item).__name__), used)))

    visit(model, "")
    return found


def _children(obj, include_optimizer):
    """(attribute name, value) pairs in Keras's order (rules 1 and 2 above)."""
    from ..layers.layer import Layer
    from ..models.model import Model
    from ..models.sequential import Sequential
    from ..optimizer_base import Optimizer
    if not isinstance(obj, Layer):
        return []  # an optimizer: no children
    items = {name: value for name, value in vars(obj).items()
             if name not in FRAMEWORK_ATTRIBUTES and not name.startswith("__")}
    if not include_optimizer or not isinstance(items.get("optimizer"), Optimizer):
        items.pop("optimizer", None)
    first = []
    if isinstance(obj, Model):
        if isinstance(obj, Sequential) or obj._graph is not None:
            first = [("layers", obj.layers)]
        else:
            items["layers"] = obj.layers  # Keras's Model.layers property is an attribute
    ordered = sorted(items, key=lambda name: "~" + name if name.startswith("_") else name)
    return first + [(name, items[name]) for name in ordered]


def _saveable(value):
    from ..layers.layer import Layer
    return isinstance(value, Layer) or _is_optimizer(value)


def _is_optimizer(value):
    from ..optimizer_base import Optimizer
    return isinstance(value, Optimizer)


def own_variables(layer):
    """The weights stored at a layer's own ``vars``: trainable first, each in creation
    order."""
    own = layer._variables_here()
    return [v for v in own if v.trainable] + [v for v in own if not v.trainable]


def optimizer_variables(optimizer, trainable_variables=None):
    """The step counter, the learning rate (unless it is a schedule), then the slots,
    grouped as Keras creates them: for each group of ``slot_groups()``, the group's
    slots of each variable in turn (Adam: m and v of the first weight, of the second...;
    RMSprop: every velocity, then every momentum)."""
    start = [optimizer.iterations]
    if optimizer._schedule is None:
        start.append(optimizer._learning_rate)
    slotted = [variable for variable, _ in optimizer._slots.values()]
    if trainable_variables is not None:  # in the model's order, as Keras builds them
        order = {id(v): i for i, v in enumerate(trainable_variables)}
        slotted.sort(key=lambda v: order.get(id(v), len(order)))
    slots = []
    for group in optimizer.slot_groups():
        for variable in slotted:
            named = optimizer._slots[id(variable)][1]
            slots.extend(named[name] for name in group)
    return start + slots


def _unique(name, used):
    if name in used:
        used[name] += 1
        return f"{name}_{used[name]}"
    used[name] = 0
    return name


def _join(path, name):
    return f"{path}/{name}" if path else name
