"""KerasTensor: a placeholder for data that will come later (the functional API).

``keras.Input(shape=(3,))`` returns no numbers: it returns a *symbolic tensor*, a
promise of batches of shape ``(None, 3)`` (``None``: any batch size).  Calling a layer
on it does not compute anything either; the layer records a *node* (which layer, which
inputs) and returns new KerasTensors for its outputs::

    inputs = keras.Input(shape=(3,), name="my_input")      # KerasTensor (None, 3)
    features = layers.Dense(64, activation="relu")(inputs)  # KerasTensor (None, 64)
    outputs = layers.Dense(10, activation="softmax")(features)
    model = keras.Model(inputs=inputs, outputs=outputs)     # the graph between them

Each KerasTensor remembers where it came from, ``_keras_history = (layer, node_index,
tensor_index)``: the node of ``layer`` that made it, and which of that node's outputs it
is.  Following those links back from the outputs finds every layer of the model
(``models/functional.py``).

The helpers at the bottom walk *structures*: a tensor, or lists, tuples and dicts of
them, which is what a layer may take and return.
"""


class KerasTensor:
    """``KerasTensor(shape, dtype="float32", name=None)``: a shape and a dtype, no data.

    Example::

        >>> inputs = keras.Input(shape=(3,))
        >>> features = layers.Dense(64, activation="relu", name="hidden")(inputs)
        >>> print(features, features.shape)
        <KerasTensor shape=(None, 64), dtype=float32, sparse=False, name=hidden> (None, 64)
    """

    _is_symbolic_input = True  # (what convert_to_tensor and Layer look for)

    def __init__(self, shape, dtype="float32", name=None):
        self.shape = tuple(None if s is None else int(s) for s in shape)
        self.dtype = str(getattr(dtype, "name", dtype))
        self.name = name
        self._keras_history = None  # (layer, node_index, tensor_index), set by the node

    @property
    def ndim(self):
        return len(self.shape)

    def __repr__(self):
        return (f"<KerasTensor shape={self.shape}, dtype={self.dtype}, sparse=False, "
                f"name={self.name}>")

    def __len__(self):
        raise TypeError(f"the KerasTensor {self.name} has no length: it stands for "
                        f"batches of any size, shape {self.shape}")

    def __bool__(self):
        raise TypeError(f"a KerasTensor ({self.name}, shape {self.shape}) holds no values "
                        f"to test with if/while: it only describes future data")

    def __array__(self, *args, **kwargs):
        raise TypeError(_NO_DATA.format(name=self.name, shape=self.shape))

    # Arithmetic on symbolic tensors: each operator becomes a small layer in the graph.
    def __add__(self, other):
        return _operation("add", self, other)

    def __radd__(self, other):
        return _operation("add", other, self)

    def __sub__(self, other):
        return _operation("subtract", self, other)

    def __rsub__(self, other):
        return _operation("subtract", other, self)

    def __mul__(self, other):
        return _operation("multiply", self, other)

    def __rmul__(self, other):
        return _operation("multiply", other, self)

    def __truediv__(self, other):
        return _operation("divide", self, other)

    def __rtruediv__(self, other):
        return _operation("divide", other, self)

    def __pow__(self, other):
        return _operation("power", self, other)

    def __matmul__(self, other):
        return _operation("matmul", self, other)

    def __neg__(self):
        return _operation("negative", self)


_NO_DATA = ("the KerasTensor {name} (shape {shape}) is symbolic: it has no values yet. "
            "Build a model from it, keras.Model(inputs, outputs), and call the model on "
            "data; between layers, use layers (layers.Concatenate, layers.Add, ...) or a "
            "Layer subclass that computes with tf operations in call()")


def _operation(op_name, *operands):
    from .layers.operation import BY_OPERATION  # (the layers import this module)
    return BY_OPERATION[op_name]()(*operands)


# ---- structures: a tensor, or lists / tuples / dicts of them ------------------------

def flatten(structure):
    """The leaves of a structure, in order (dicts by key order)."""
    if isinstance(structure, dict):
        return [leaf for value in structure.values() for leaf in flatten(value)]
    if isinstance(structure, (list, tuple)):
        return [leaf for item in structure for leaf in flatten(item)]
    return [structure]


def map_structure(fn, structure):
    """The same structure with ``fn(leaf)`` for each leaf."""
    if isinstance(structure, dict):
        return {key: map_structure(fn, value) for key, value in structure.items()}
    if isinstance(structure, (list, tuple)):
        return type(structure)(map_structure(fn, item) for item in structure)
    return fn(structure)


def is_symbolic(*structures):
    """True when any leaf of the structures is a KerasTensor."""
    return any(isinstance(leaf, KerasTensor) for s in structures for leaf in flatten(s))
