"""More activation functions, built from other operations: elu, selu, gelu, leaky_relu,
silu (swish) and log_sigmoid.

Each is a few differentiable operations, so its gradient (and the gradient of that)
comes from theirs; the docstrings give the derivative for reading.  (relu, sigmoid,
tanh and softplus are in ``functions.py``.)

Two habits of piecewise functions, both as TensorFlow has them:

* at the kink x = 0, the gradient is the one of the piece that holds x = 0: elu and
  selu treat 0 as positive (slope 1, resp. selu's scale), leaky_relu as negative
  (slope alpha);
* a piece that is not chosen must not make NaNs: ``where(x < 0, exp(x) - 1, x)``
  would compute exp(1000) = inf for large positive x, and the gradient of the branch
  not taken, 0 * inf, is NaN.  So the exponential only ever sees min(x, 0).
"""
import math

from .. import dtypes
from ..tensor import convert_to_tensor
from .core import cast, where
from .functions import _float_input, erf, exp, sigmoid, softplus, tanh

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def _exp_minus_one_below_zero(x):
    """e^x - 1 where x < 0, and 0 elsewhere (the exponential never sees x > 0)."""
    negative = x < 0
    return where(negative, exp(where(negative, x, 0)) - 1, 0)


def elu(features, alpha=1.0, name=None):
    """The exponential linear unit: x for x >= 0, alpha (e^x - 1) for x < 0.

    dy/dx = 1 for x >= 0, alpha e^x for x < 0 (continuous at 0 when alpha = 1).
    ``tf.nn.elu`` has alpha = 1; ``keras.activations.elu`` takes ``alpha``.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.nn.elu(tf.constant([-2.0, -0.5, 0.0, 1.0])))
        teachtensor.Tensor([-0.8647 -0.3935  0.      1.    ], shape=(4,), dtype=float32)
    """
    x = _float_input("nn.elu", features)
    return where(x < 0, alpha * _exp_minus_one_below_zero(x), x)


def selu(features, name=None):
    """The scaled exponential linear unit: scale * elu(x, alpha), with the constants
    scale = 1.0507... and alpha = 1.6732... chosen so that activations keep mean 0 and
    variance 1 through many layers (Klambauer et al., 2017).

    dy/dx = scale for x >= 0, scale * alpha e^x for x < 0.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.nn.selu(tf.constant([-2.0, -0.5, 0.0, 1.0])))
        teachtensor.Tensor([-1.5202 -0.6918  0.      1.0507], shape=(4,), dtype=float32)
    """
    x = _float_input("nn.selu", features)
    return SELU_SCALE * where(x < 0, SELU_ALPHA * _exp_minus_one_below_zero(x), x)


def gelu(features, approximate=False, name=None):
    """The Gaussian error linear unit: x Φ(x), where Φ(x) = (1 + erf(x/√2)) / 2 is the
    probability that a standard normal variable is below x.

    ``approximate=True`` uses the tanh form 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))).
    dy/dx = Φ(x) + x φ(x), with φ(x) = e^(-x²/2) / √(2π) the normal density.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.nn.gelu(tf.constant([-2.0, -0.5, 0.0, 1.0])))
        teachtensor.Tensor([-0.0455 -0.1543  0.      0.8413], shape=(4,), dtype=float32)
        >>> print(tf.nn.gelu(tf.constant([-2.0, 1.0]), approximate=True))
        teachtensor.Tensor([-0.0454  0.8412], shape=(2,), dtype=float32)
    """
    x = _float_input("nn.gelu", features)
    if approximate:
        inner = math.sqrt(2 / math.pi) * (x + 0.044715 * x * x * x)
        return 0.5 * x * (1 + tanh(inner))
    return 0.5 * x * (1 + erf(x * (1 / math.sqrt(2))))


def leaky_relu(features, alpha=0.2, name=None):
    """x for x > 0, alpha x otherwise: a relu whose negative side keeps a small slope,
    so that a unit never stops learning.   dy/dx = 1 for x > 0, alpha for x <= 0.

    Integer inputs are converted to float32 first, as TensorFlow does.

    Example::

        >>> print(tf.nn.leaky_relu(tf.constant([-2.0, -0.5, 0.0, 1.0]), alpha=0.1))
        teachtensor.Tensor([-0.2  -0.05  0.    1.  ], shape=(4,), dtype=float32)
    """
    x = convert_to_tensor(features)
    if x.dtype.is_integer:
        x = cast(x, dtypes.float32)
    x = _float_input("nn.leaky_relu", x)
    return where(x > 0, x, alpha * x)


def silu(features, beta=1.0, name=None):
    """The sigmoid linear unit, also called swish: x * sigmoid(beta x) (Ramachandran et
    al., 2017).  A smooth relu that dips slightly below 0 for negative x.

    dy/dx = s + beta x s (1 - s), with s = sigmoid(beta x).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.nn.silu(tf.constant([-1.0, 0.0, 1.0])))
        teachtensor.Tensor([-0.2689  0.      0.7311], shape=(3,), dtype=float32)
    """
    x = _float_input("nn.silu", features)
    return x * sigmoid(cast(beta, x.dtype) * x)  # (beta in x's dtype, as TensorFlow)


swish = silu


def log_sigmoid(x, name=None):
    """log(sigmoid(x)) = -softplus(-x), which stays finite where sigmoid(x) rounds to 0
    (in float32, log(sigmoid(-200.0)) would be log(0) = -inf; this gives -200).

    dy/dx = 1 - sigmoid(x) = sigmoid(-x).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.math.log_sigmoid(tf.constant([-200.0, -1.0])))
        teachtensor.Tensor([-200.       -1.3133], shape=(2,), dtype=float32)
    """
    x = _float_input("math.log_sigmoid", x)
    return -softplus(-x)
