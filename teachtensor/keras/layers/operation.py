"""Arithmetic between KerasTensors: ``features * 2``, ``a + b``, ``x @ w`` in a graph.

An operator on KerasTensors cannot compute (there are no values yet), so it becomes a
layer of its own, an ``OperationLayer`` holding the operation's name.  The layer has
no weights; when the model runs, it applies the teachtensor operation to whatever
reaches it.  ``layers.Add()([a, b])`` does the same for ``a + b`` and reads more
plainly in a summary.
"""
from ...ops import arithmetic, linalg
from .layer import Layer
from .naming import unique_name

OPERATIONS = {"add": arithmetic.add, "subtract": arithmetic.subtract,
              "multiply": arithmetic.multiply, "divide": arithmetic.divide,
              "power": arithmetic.pow, "matmul": linalg.matmul,
              "negative": arithmetic.negative}


class OperationLayer(Layer):
    """``OperationLayer("add")([a, b])``: one teachtensor operation as a layer."""

    def __init__(self, operation, **kwargs):
        if operation not in OPERATIONS:
            raise ValueError(f"unknown operation {operation!r}; one of {sorted(OPERATIONS)}")
        kwargs.setdefault("name", unique_name(operation))  # add, add_1, ...
        super().__init__(**kwargs)
        self.operation = operation

    def call(self, inputs):
        return OPERATIONS[self.operation](*inputs)

    def get_config(self):
        return {**super().get_config(), "operation": self.operation}
