"""Elementwise functions of one input: square, sqrt, exp, log, tanh, sigmoid, erf, relu, ...

Each is ``y = f(x)`` computed by the backend's ``unary`` kernel, with its derivative
beside it: the gradient of x is ``g * f'(x)``.  Where f' is easiest written with the
output (exp, sqrt, tanh, sigmoid), the gradient uses ``y`` itself — it was recorded
too, so it can be differentiated again.  relu's gradient is a backend operation of its
own (``relu_grad``: one pass, where a mask and a choice would take two).
"""
from ..recording import record
from ..tensor import Tensor, convert_to_tensor
from .checks import numeric
from .core import where


def _float_input(name, x):
    x = convert_to_tensor(x)
    if not x._differentiable:
        raise TypeError(f"tf.{name} needs a floating-point tensor, got dtype "
                        f"{x.dtype.name}; convert it first with tf.cast(x, tf.float32)")
    return x


def _numeric_input(name, x):
    x = convert_to_tensor(x)
    if x._data.dtype.kind == "b":
        numeric(name, x)  # refuses bools, with a message
    return x


def _unary(name, x):
    return x._backend.unary(name, x._data)


def _zero_where_no_gradient(g, y, scaled):
    """``scaled(g, y)``, but exactly 0 wherever g is 0.

    For sqrt, rsqrt and reciprocal, TensorFlow returns a zero gradient wherever the
    incoming gradient is zero, even where the derivative is infinite or undefined:
    then ``tf.where(x > 0, tf.sqrt(x), 0.)`` has gradient 0 at x <= 0, not NaN.  y is
    replaced by 1 there before computing, so no NaN appears even in second derivatives.
    """
    flowing = g != 0
    return where(flowing, scaled(g, where(flowing, y, 1)), 0)


def square(x, name=None):
    """x^2.   dy/dx = 2x.

    Example::

        >>> print(tf.square(tf.constant([0.5, 1.0, 2.0])))
        teachtensor.Tensor([0.25 1.   4.  ], shape=(3,), dtype=float32)
    """
    x = _numeric_input("square", x)
    return record("square", (x,), _unary("square", x), lambda g: g * 2 * x)


def sqrt(x, name=None):
    """√x.   dy/dx = 1 / (2√x) = 1 / (2y)  (0 where the incoming gradient is 0).

    Example::

        >>> print(tf.sqrt(tf.constant([0.5, 1.0, 2.0])))
        teachtensor.Tensor([0.70710677 1.         1.4142135 ], shape=(3,), dtype=float32)
    """
    x = _float_input("sqrt", x)
    y = record("sqrt", (x,), _unary("sqrt", x),
               lambda g: _zero_where_no_gradient(g, y, lambda g, y: g / (2 * y)))
    return y


def rsqrt(x, name=None):
    """1 / √x.   dy/dx = -1 / (2 x√x) = -y^3 / 2  (0 where the incoming gradient is 0).

    Example::

        >>> print(tf.math.rsqrt(tf.constant([0.5, 1.0, 2.0])))
        teachtensor.Tensor([1.4142135  1.         0.70710677], shape=(3,), dtype=float32)
    """
    x = _float_input("math.rsqrt", x)
    backend = x._backend
    out = backend.binary("divide", backend.full((), 1, x._data.dtype), _unary("sqrt", x))
    y = record("rsqrt", (x,), out,
               lambda g: _zero_where_no_gradient(g, y, lambda g, y: g * (-0.5 * y * y * y)))
    return y


def reciprocal(x, name=None):
    """1 / x.   dy/dx = -1 / x^2 = -y^2  (0 where the incoming gradient is 0).

    Example::

        >>> print(tf.math.reciprocal(tf.constant([0.5, 1.0, 2.0])))
        teachtensor.Tensor([2.  1.  0.5], shape=(3,), dtype=float32)
    """
    x = _float_input("math.reciprocal", x)
    backend = x._backend
    out = backend.binary("divide", backend.full((), 1, x._data.dtype), x._data)
    y = record("reciprocal", (x,), out,
               lambda g: _zero_where_no_gradient(g, y, lambda g, y: -g * (y * y)))
    return y


def exp(x, name=None):
    """e^x.   dy/dx = e^x = y.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.exp(tf.constant([0.5, 1.0, 2.0])))
        teachtensor.Tensor([1.6487 2.7183 7.3891], shape=(3,), dtype=float32)
    """
    x = _float_input("exp", x)
    y = record("exp", (x,), _unary("exp", x), lambda g: g * y)
    return y


def log(x, name=None):
    """Natural logarithm.   dy/dx = 1/x.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.math.log(tf.constant([1.0, 2.718282])))
        teachtensor.Tensor([0. 1.], shape=(2,), dtype=float32)
    """
    x = _float_input("math.log", x)
    return record("log", (x,), _unary("log", x), lambda g: g / x)


def log1p(x, name=None):
    """log(1 + x), accurate for tiny x (where 1 + x would round to 1).   dy/dx = 1/(1 + x).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.math.log1p(tf.constant([0.0, 1.0])))
        teachtensor.Tensor([0.     0.6931], shape=(2,), dtype=float32)
    """
    x = _float_input("math.log1p", x)
    return record("log1p", (x,), _unary("log1p", x), lambda g: g / (1 + x))


def expm1(x, name=None):
    """e^x - 1, accurate for tiny x (where e^x would round to 1).   dy/dx = e^x.

    Example::

        >>> print(tf.math.expm1(tf.constant([1e-10, 0.0])))
        teachtensor.Tensor([1.e-10 0.e+00], shape=(2,), dtype=float32)
    """
    x = _float_input("math.expm1", x)
    return record("expm1", (x,), _unary("expm1", x), lambda g: g * exp(x))


def tanh(x, name=None):
    """Hyperbolic tangent.   dy/dx = 1 - y^2.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.tanh(tf.constant([0.5, 1.0, 2.0])))
        teachtensor.Tensor([0.4621 0.7616 0.964 ], shape=(3,), dtype=float32)
    """
    x = _float_input("tanh", x)
    y = record("tanh", (x,), _unary("tanh", x), lambda g: g * (1 - y * y))
    return y


def sin(x, name=None):
    """sin x.   dy/dx = cos x.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.sin(tf.constant([0.5, 1.0, 2.0])))
        teachtensor.Tensor([0.4794 0.8415 0.9093], shape=(3,), dtype=float32)
    """
    x = _float_input("sin", x)
    return record("sin", (x,), _unary("sin", x), lambda g: g * cos(x))


def cos(x, name=None):
    """cos x.   dy/dx = -sin x.

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.cos(tf.constant([0.5, 1.0, 2.0])))
        teachtensor.Tensor([ 0.8776  0.5403 -0.4161], shape=(3,), dtype=float32)
    """
    x = _float_input("cos", x)
    return record("cos", (x,), _unary("cos", x), lambda g: -g * sin(x))


def sigmoid(x, name=None):
    """1 / (1 + e^-x).   dy/dx = y (1 - y).

    The result keeps its logits x in ``._keras_logits``, so that binary_crossentropy
    can compute the loss from x rather than from y (see ``nn_ops.py``).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.sigmoid(tf.constant([0.5, 1.0, 2.0])))
        teachtensor.Tensor([0.6225 0.7311 0.8808], shape=(3,), dtype=float32)
    """
    x = _float_input("sigmoid", x)
    y = record("sigmoid", (x,), _unary("sigmoid", x), lambda g: g * y * (1 - y))
    y._keras_logits = x
    return y


def erf(x, name=None):
    """The error function (2/√π) ∫_0^x e^(-t²) dt.   dy/dx = (2/√π) e^(-x²).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.math.erf(tf.constant([-1.0, 0.0, 0.5, 2.0])))
        teachtensor.Tensor([-0.8427  0.      0.5205  0.9953], shape=(4,), dtype=float32)
    """
    x = _float_input("math.erf", x)
    return record("erf", (x,), _unary("erf", x),
                  lambda g: g * (1.1283791670955126 * exp(-x * x)))  # 2/√π


def relu(x, name=None):
    """max(x, 0).   dy/dx = 1 where x > 0, else 0 (also at exactly 0).

    Example::

        >>> print(tf.math.relu(tf.constant([0.5, 1.0, 2.0])))
        teachtensor.Tensor([0.5 1.  2. ], shape=(3,), dtype=float32)
    """
    x = _numeric_input("nn.relu", x)
    return record("relu", (x,), _unary("relu", x), lambda g: _relu_grad(g, x))


def _relu_grad(g, x):
    """relu's gradient: g where x > 0, else 0 (TensorFlow's ``ReluGrad``).

    The same numbers as ``where(x > 0, g, 0)``, in one pass over memory instead of two
    (that would write a mask of x > 0, then read it back): in a Dense layer of 512 relu
    units, that is about 40 µs of each training step.  It is linear in g, with the same
    mask, so its own gradient is itself again; x only chooses, and gets none.

    The one pass needs g to be a tensor like x (shape, dtype, device), as the gradient
    of relu's output always is; a ``tf.custom_gradient`` above may send back a number,
    an array or a smaller tensor that broadcasts, and those take the ``where`` form.
    """
    if not (isinstance(g, Tensor) and g._backend is x._backend and
            g._data.shape == x._data.shape and g._data.dtype == x._data.dtype):
        return where(x > 0, g, 0)
    out = g._backend.binary("relu_grad", g._data, x._data)
    return record("relu_grad", (g, x), out, lambda gg: _relu_grad(gg, x), None)


def abs(x, name=None):  # noqa: A001  (the TensorFlow name)
    """|x|.   dy/dx = sign(x).

    Example::

        >>> print(tf.abs(tf.constant([0.5, 1.0, 2.0])))
        teachtensor.Tensor([0.5 1.  2. ], shape=(3,), dtype=float32)
    """
    x = _numeric_input("abs", x)
    return record("abs", (x,), _unary("abs", x), lambda g: g * sign(x))


def sign(x, name=None):
    """-1, 0 or 1: piecewise constant, so its gradient is 0 (TensorFlow gives zeros,
    not None: the function is connected, its slope is flat).

    Example::

        >>> print(tf.sign(tf.constant([0.5, 1.0, 2.0])))
        teachtensor.Tensor([1. 1. 1.], shape=(3,), dtype=float32)
    """
    x = _numeric_input("sign", x)
    return record("sign", (x,), _unary("sign", x), lambda g: x._zeros_like())


def floor(x, name=None):
    """The largest integer <= x: piecewise constant, so no gradient.

    Example::

        >>> print(tf.floor(tf.constant([0.5, 1.0, 2.0])))
        teachtensor.Tensor([0. 1. 2.], shape=(3,), dtype=float32)
    """
    x = _float_input("floor", x)
    return record("floor", (x,), _unary("floor", x), None)


def ceil(x, name=None):
    """The smallest integer >= x, as -floor(-x): piecewise constant, so no gradient.

    Example::

        >>> print(tf.math.ceil(tf.constant([0.5, 1.0, -1.5])))
        teachtensor.Tensor([ 1.  1. -1.], shape=(3,), dtype=float32)
    """
    return -floor(-convert_to_tensor(x))


def round(x, name=None):
    """The nearest integer; a tie (x.5) goes to the even one, as in TensorFlow and NumPy
    (``round(2.5) = 2``, ``round(3.5) = 4``).  Piecewise constant, so no gradient.
    Integer tensors are returned as they are.

    Example::

        >>> print(tf.round(tf.constant([0.5, 1.5, 2.5, -2.7])))  # ties to even
        teachtensor.Tensor([ 0.  2.  2. -3.], shape=(4,), dtype=float32)
    """
    x = convert_to_tensor(x)
    if not x._differentiable:
        return x
    return record("round", (x,), _unary("round", x), None)


def softplus(x, name=None):
    """log(1 + e^x), computed stably as max(x, 0) + log(1 + e^-|x|).

    Both pieces are chosen by the same test ``x >= 0``, so at x = 0 their kinks
    cancel and the gradient is the true one, sigmoid(0) = 0.5 (relu and abs alone
    would each give 0 there).

    Example::

        >>> np.set_printoptions(precision=4)   # 4 decimals: float32's last digits vary by CPU
        >>> print(tf.math.softplus(tf.constant([0.5, 1.0, 2.0])))
        teachtensor.Tensor([0.9741 1.3133 2.1269], shape=(3,), dtype=float32)
    """
    x = _float_input("softplus", x)
    positive = x >= 0
    return where(positive, x, 0) + log(1 + exp(where(positive, -x, x)))
