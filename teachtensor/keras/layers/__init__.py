"""``keras.layers``: the Layer base class and the layers built on it.

    layer.py        Layer: build / call / add_weight, weight tracking, InputSpec
    naming.py       unique default names (dense, dense_1, ...)
    core.py         Dense, Activation, Flatten, Dropout
    input_layer.py  InputLayer and keras.Input
"""
from .core import Activation, Dense, Dropout, Flatten  # noqa: F401
from .input_layer import Input, InputLayer  # noqa: F401
from .layer import InputSpec, Layer  # noqa: F401
