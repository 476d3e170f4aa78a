"""``tf.nn``: activation functions and losses on logits."""
from .ops.activations import elu, gelu, leaky_relu, selu  # noqa: F401
from .ops.functions import relu, sigmoid, softplus, tanh  # noqa: F401
from .ops.nn_ops import (l2_loss, l2_normalize, log_softmax, relu6,  # noqa: F401
                         sigmoid_cross_entropy_with_logits, softmax,
                         softmax_cross_entropy_with_logits,
                         sparse_softmax_cross_entropy_with_logits)
from .ops.sorting import top_k  # noqa: F401,E402  (tf.nn.top_k, its older name)
