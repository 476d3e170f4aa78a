"""teachtensor: an automatic-differentiation library you can read like a textbook.

Use it the way chapter 3 of *Deep Learning with Python* uses TensorFlow::

    import teachtensor as tf
    x = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = tf.square(x)
    tape.gradient(y, x)        # 6.0

Reading order: scalar.py (backpropagation on single numbers), then tensor.py,
recording.py, ops/, variable.py, tape.py, backend/ (see docs/reading_guide.md).
"""
from . import backend, config, debugging, dtypes, errors, linalg, math, nn, random  # noqa: F401
from .debugging import assert_equal, assert_greater, assert_less, assert_rank  # noqa: F401
from . import ops  # noqa: F401  (attaches the operators to Tensor)
from .device import device, identity  # noqa: F401  (tf.identity moves tensors between devices)
from .custom_gradient import custom_gradient  # noqa: F401
from .dtypes import (DType, as_dtype, bool, double, float16, float32, float64,  # noqa: F401
                     half, int8, int16, int32, int64, uint8)
from .ops.arithmetic import (add, add_n, divide, equal, floordiv, greater, greater_equal,  # noqa: F401
                             less, less_equal, logical_and, logical_not, logical_or, logical_xor,
                             maximum,
                             minimum, multiply, negative, not_equal, pow, subtract, truediv)
from .ops.creation import (constant, eye, fill, linspace, ones, ones_like, range,  # noqa: F401
                           zeros, zeros_like)
from .ops.functions import (abs, cos, exp, floor, round, sigmoid, sign, sin,  # noqa: F401
                            sqrt, square, tanh)
from .ops.einsum import einsum  # noqa: F401
from .ops.linalg import matmul, tensordot  # noqa: F401
from .ops.norms import clip_by_global_norm, clip_by_norm, norm  # noqa: F401
from .ops.padding import pad  # noqa: F401
from .ops.rearranging import meshgrid, repeat, roll  # noqa: F401
from .ops.reductions import (reduce_all, reduce_any, reduce_logsumexp,  # noqa: F401
                             reduce_max, reduce_mean, reduce_min, reduce_prod, reduce_sum)
from .ops.selection import (argmax, argmin, cast, clip_by_value, one_hot,  # noqa: F401
                            stop_gradient, where)
from .ops.indexing import (boolean_mask, gather_nd,  # noqa: F401
                           tensor_scatter_nd_update)
from .ops.indexing import block as slice  # noqa: F401,A004  (tf.slice)
from .ops.scan import cumsum  # noqa: F401
from .ops.trigonometric import (acos, acosh, asin, asinh, atan, atan2, atanh,  # noqa: F401
                                cosh, sinh)
from .ops.sorting import argsort, sort, unique  # noqa: F401
from .ops.shape_ops import (broadcast_to, concat, expand_dims, gather, rank, reshape,  # noqa: F401
                            reverse, shape, size, split, squeeze, stack, tile, transpose,
                            unstack)
from .tape import GradientTape, UnconnectedGradients  # noqa: F401
from .control_flow import cond, map_fn, vectorized_map, while_loop  # noqa: F401
from .conversion import convert_to_tensor  # noqa: F401  (a Variable gives a Tensor)
from .function import TensorSpec, executing_eagerly, function  # noqa: F401
from .module import Module  # noqa: F401
from .name_scope import name_scope  # noqa: F401
from .py_function import numpy_function, py_function  # noqa: F401
from .printing import print  # noqa: F401,A004  (tf.print; the built-in print is untouched)
from .tensor import Tensor, TensorShape, is_tensor  # noqa: F401
from .math import tan  # noqa: F401,E402
from .variable import Variable  # noqa: F401

__version__ = "0.1.0"

newaxis = None  # x[tf.newaxis, :] adds an axis, as x[None, :] does


def __getattr__(name):
    """Load the larger parts (keras, data, plot, scalar, testing) on first use; for the
    parts of TensorFlow teachtensor leaves out (tf.image, tf.string, ...) give a stub
    or a NotImplementedError that says so (see out_of_scope.py)."""
    import importlib
    if name in ("keras", "data", "plot", "scalar", "testing"):
        return importlib.import_module(f"{__name__}.{name}")
    from .out_of_scope import lookup
    stub = lookup(name)  # raises NotImplementedError for tf.string, tf.complex64, ...
    if stub is not None:
        return stub
    raise AttributeError(f"module 'teachtensor' has no attribute {name!r}")
