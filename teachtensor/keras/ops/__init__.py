"""``keras.ops``: Keras 3's backend-independent operations, on teachtensor tensors.

    from teachtensor import keras
    from teachtensor.keras import ops

    x = ops.matmul(inputs, W) + b
    y = ops.relu(x)
    loss = ops.mean(ops.sparse_categorical_crossentropy(labels, predictions))

The names follow NumPy (``sum``, ``mean``, ``concatenate``, ``clip``, ``arange``), as in
Keras 3; each function is a few lines mapping onto a teachtensor operation, so a
GradientTape records them like any other.  Unlike TensorFlow's operations they convert
mixed dtypes by Keras's rules (``promotion.py``).

    numpy.py      arithmetic, math functions, comparisons, reductions, matmul / dot,
                  shapes, ones / zeros / full / arange
    nn.py         relu sigmoid softmax log_softmax, one_hot, the cross-entropies
    core.py       convert_to_tensor cast shape stop_gradient cond
    promotion.py  the dtype of a result when the inputs' dtypes differ

Only the operations the book's Keras 3 chapters and Keras's getting-started guides use
are here; ``tf.*`` has the rest under TensorFlow's names.
"""
from . import core, nn, numpy  # noqa: F401
from .core import cast, cond, convert_to_tensor, shape, stop_gradient  # noqa: F401
from .nn import (binary_crossentropy, categorical_crossentropy, log_softmax,  # noqa: F401
                 one_hot, relu, sigmoid, softmax, sparse_categorical_crossentropy)
from .numpy import (abs, absolute, add, arange, argmax, argmin, clip, concatenate,  # noqa: F401
                    cos, divide, dot, equal, exp, expand_dims, floor, full, greater,
                    greater_equal, less, less_equal, log, logical_and, logical_not,
                    logical_or, matmul, max, maximum, mean, min, minimum, multiply,
                    negative, not_equal, ones, ones_like, power, prod, reshape, round,
                    sign, sin, sqrt, square, squeeze, stack, std, subtract, sum, tanh,
                    tensordot, tile, transpose, var, where, zeros, zeros_like)
