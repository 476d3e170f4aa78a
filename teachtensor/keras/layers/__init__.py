"""``keras.layers``: the Layer base class and the layers built on it.

    layer.py        Layer: build / call / add_weight, weight tracking, InputSpec
    naming.py       unique default names (dense, dense_1, ...)
    core.py         Dense, Activation, Identity, Flatten, Dropout
    normalization.py  BatchNormalization (batch statistics, moving averages)
    embedding.py    Embedding (integers to vectors: a gather)
    lambda_layer.py Lambda (a function as a layer)
    input_layer.py  InputLayer and keras.Input
    node.py         calling a layer on KerasTensors records a node (functional API)
    merging.py      Concatenate, Add, Subtract, Multiply, Average, Maximum, Minimum
    operation.py    arithmetic between KerasTensors, as a layer
"""
from .core import Activation, Dense, Dropout, Flatten, Identity  # noqa: F401
from .embedding import Embedding  # noqa: F401
from .input_layer import Input, InputLayer  # noqa: F401
from .lambda_layer import Lambda  # noqa: F401
from .layer import InputSpec, Layer  # noqa: F401
from .merging import (Add, Average, Concatenate, Maximum, Minimum, Multiply,  # noqa: F401
                      Subtract, add, average, concatenate, maximum, minimum, multiply,
                      subtract)
from .normalization import BatchNormalization  # noqa: F401
