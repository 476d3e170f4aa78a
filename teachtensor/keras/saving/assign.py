"""Setting many weights at once, all or nothing.

``assign_all(variables, values, owner)`` first checks that there is one value per
variable and that every shape matches; only then does it assign them.  A wrong file or
list therefore raises with the model untouched, instead of leaving it half loaded.
"""
import numpy as np

from ...tensor import TensorShape
from ...variable import variable_label


def assign_all(variables, values, owner):
    """Give each variable its new value, after checking count and shapes of all of them."""
    values = list(values)
    if len(values) != len(variables):
        raise ValueError(f"{owner} has {len(variables)} weights, but {len(values)} values "
                         f"were given; nothing was changed. Expected shapes: "
                         f"{[tuple(v.shape) for v in variables]}")
    arrays = []
    for i, (variable, value) in enumerate(zip(variables, values)):
        array = np.asarray(value)
        if array.shape != tuple(variable.shape):
            raise ValueError(f"weight {i} of {owner} ('{variable_label(variable)}') has shape "
                             f"{variable.shape}, but the value given has shape "
                             f"{TensorShape(array.shape)}; nothing was changed")
        arrays.append(array.astype(variable.dtype.as_numpy_dtype, copy=False))
    for variable, array in zip(variables, arrays):
        variable.assign(array)
