"""Arithmetic between KerasTensors: ``features * 2``, ``a + b``, ``x @ w`` in a graph.

An operator on KerasTensors cannot compute (there are no values yet), so it becomes a
layer of its own, an ``OperationLayer`` holding the operation's name.  The layer has
no weights; when the model runs, it applies the teachtensor operation to the operands
that reach it.  ``layers.Add()([a, b])`` does the same for ``a + b`` and reads more
plainly in a summary.

Keras records these as operations of ``keras.ops`` (class ``Add``, ``Multiply``...),
and a saved model names them so; the small classes at the end carry those names, so
that a ``.keras`` file with ``a + b`` inside opens in both.
"""
from ...ops import arithmetic, linalg
from .layer import Layer
from .naming import unique_name

OPERATIONS = {"add": arithmetic.add, "subtract": arithmetic.subtract,
              "multiply": arithmetic.multiply, "divide": arithmetic.divide,
              "power": arithmetic.pow, "matmul": linalg.matmul,
              "negative": arithmetic.negative}


class OperationLayer(Layer):
    """``OperationLayer("add")(a, b)``: one teachtensor operation as a layer."""

    operation_name = None  # set by the subclasses below

    def __init__(self, operation=None, **kwargs):
        operation = operation or self.operation_name
        if operation not in OPERATIONS:
            raise ValueError(f"unknown operation {operation!r}; one of {sorted(OPERATIONS)}")
        kwargs.setdefault("name", unique_name(operation))  # add, add_1, ...
        super().__init__(**kwargs)
        self.operation = operation

    def call(self, *operands):
        return OPERATIONS[self.operation](*operands)

    def get_config(self):
        return {"name": self.name}

    def _build_config(self):
        return None  # nothing to build: no weights


# ---- the operations by Keras's class names (keras.ops), for saved files -------------------

class Add(OperationLayer):
    """``a + b``."""
    operation_name = "add"


class Subtract(OperationLayer):
    """``a - b``."""
    operation_name = "subtract"


class Multiply(OperationLayer):
    """``a * b``."""
    operation_name = "multiply"


class TrueDivide(OperationLayer):
    """``a / b``."""
    operation_name = "divide"


class Power(OperationLayer):
    """``a ** b``."""
    operation_name = "power"


class Matmul(OperationLayer):
    """``a @ b``."""
    operation_name = "matmul"


class Negative(OperationLayer):
    """``-a``."""
    operation_name = "negative"


KERAS_OPERATIONS = {cls.__name__: cls for cls in (Add, Subtract, Multiply, TrueDivide,
                                                  Power, Matmul, Negative)}
BY_OPERATION = {cls.operation_name: cls for cls in KERAS_OPERATIONS.values()}
