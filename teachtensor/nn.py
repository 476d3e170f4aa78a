"""``tf.nn``: activation functions and losses on logits."""
from .ops.activations import elu, gelu, leaky_relu, selu  # noqa: F401
from .ops.functions import relu, sigmoid, softplus, tanh  # noqa: F401
from .ops.nn_ops import (l2_normalize, log_softmax, sigmoid_cross_entropy_with_logits,  # noqa: F401
                         softmax, softmax_cross_entropy_with_logits)
