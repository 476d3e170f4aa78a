"""``@tf.custom_gradient``: define an operation together with its own gradient.

The decorated function returns two things: its result, and a function that maps the
result's gradient to the inputs' gradients::

    @tf.custom_gradient
    def log1pexp(x):
        e = tf.exp(x)
        def grad(upstream):
            return upstream * (1 - 1 / (1 + e))
        return tf.math.log(1 + e), grad

The result is recorded as a single operation whose gradient is ``grad``: the
operations inside the function never carry the result's gradient.  They are still
recorded (as in TensorFlow), so that values the function computed and ``grad`` uses,
like ``e`` above, stay connected to ``x``: if ``grad`` uses teachtensor operations,
second derivatives work through it too.
"""
import functools

from .recording import record
from .tensor import Tensor, convert_to_tensor


def custom_gradient(f):
    """Decorator: ``f(*inputs) -> (output, grad_fn)``; see the module docstring.

    Example::

        >>> @tf.custom_gradient
        ... def clip_gradient(x):
        ...     def grad(upstream):
        ...         return tf.clip_by_value(upstream, -1.0, 1.0)
        ...     return tf.identity(x), grad

        >>> v = tf.Variable(2.0)
        >>> with tf.GradientTape() as tape:
        ...     y = clip_gradient(v) * 10.0
        >>> print(tape.gradient(y, v))      # clipped: not 10.0
        teachtensor.Tensor(1.0, shape=(), dtype=float32)
    """

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        inputs = tuple(convert_to_tensor(a) if not isinstance(a, Tensor) else a for a in args)
        output, grad_fn = f(*inputs, **kwargs)
        output = convert_to_tensor(output)
        cache = {}

        def grads_for(g):
            if id(g) not in cache:
                result = grad_fn(g)
                if not isinstance(result, (list, tuple)):
                    result = (result,)
                if len(result) != len(inputs):
                    raise ValueError(f"the gradient function of {f.__name__} returned "
                                     f"{len(result)} gradients for {len(inputs)} inputs; "
                                     f"return one per input (None for no gradient)")
                cache.clear()
                cache[id(g)] = (g, result)
            return cache[id(g)][1]

        grad_fns = [(lambda g, i=i: grads_for(g)[i]) for i in range(len(inputs))]
        return record(f.__name__, inputs, output._lend(), *grad_fns)

    return wrapper
