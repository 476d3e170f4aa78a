"""Checking gradients against finite differences: ``check_gradients(f, *inputs, order=2)``.

The derivative of a function is the limit of (f(x + h) - f(x - h)) / 2h.  With a small
h (and float64) that *central difference* approximates each partial derivative to about
h² — an independent check of what the tape computes by the chain rule::

    from teachtensor.testing import check_gradients
    check_gradients(lambda x: tf.tanh(x) * x, np.random.randn(3, 2), order=2)

To compare a whole gradient at once, ``f``'s output is reduced to one number by a dot
product with fixed random weights.  For ``order=2`` the function checked is "the
gradient, dotted with fixed random directions", whose own gradient (computed with
nested tapes) is compared with finite differences of first-order tape gradients.
"""
import numpy as np

from . import dtypes
from .ops.reductions import reduce_sum
from .tape import GradientTape
from .tensor import convert_to_tensor


class GradientMismatch(AssertionError):
    """The tape's gradient and the finite differences disagree.

    Example::

        >>> from teachtensor.testing import check_gradients

        >>> @tf.custom_gradient
        ... def wrong_square(t):
        ...     return t * t, lambda upstream: upstream * t      # should be 2 * t

        >>> check_gradients(wrong_square, np.array([1.0, 2.0]))
        Traceback (most recent call last):
          ...
        teachtensor.testing.GradientMismatch: order-1 gradient of input 0 (shape (2,)) is
        wrong at index (1,): tape gives -2.9009274, finite differences give -5.8018548
        (error 2.9, allowed 0.000581). 2 of 2 elements disagree.
    """


def _scalar_of(f, weights):
    def objective(*xs):
        out = convert_to_tensor(f(*xs))
        if weights[0] is None:
            rng = np.random.default_rng(1)
            weights[0] = rng.uniform(0.5, 1.5, size=out.shape) * rng.choice([-1, 1], out.shape)
        return reduce_sum(out * weights[0])
    return objective


def _tape_gradients(objective, xs):
    with GradientTape() as tape:
        tape.watch(list(xs))
        y = objective(*xs)
    grads = tape.gradient(y, list(xs))
    return [g if g is not None else xs[i]._zeros_like() for i, g in enumerate(grads)]


def _numeric_gradients(objective, arrays, eps):
    result = []
    for i, a in enumerate(arrays):
        grad = np.zeros_like(a)
        for index in np.ndindex(a.shape):
            shifted = [b.copy() for b in arrays]
            shifted[i][index] = a[index] + eps
            plus = float(objective(*[convert_to_tensor(b) for b in shifted]))
            shifted[i][index] = a[index] - eps
            minus = float(objective(*[convert_to_tensor(b) for b in shifted]))
            grad[index] = (plus - minus) / (2 * eps)
        result.append(grad)
    return result


def _second_order(objective, arrays):
    """x -> sum_i <d objective / d x_i, v_i>: its gradient is a Hessian-vector product."""
    rng = np.random.default_rng(2)
    directions = [rng.standard_normal(a.shape) for a in arrays]

    def gradient_dot_direction(*xs):
        grads = _tape_gradients(objective, xs)
        total = reduce_sum(grads[0] * directions[0])
        for g, v in zip(grads[1:], directions[1:]):
            total = total + reduce_sum(g * v)
        return total
    return gradient_dot_direction


def check_gradients(f, *inputs, order=1, eps=1e-6, rtol=1e-4, atol=1e-6):
    """Compare tape gradients of ``f`` with central finite differences.

    ``inputs`` are arrays or tensors (converted to float64).  ``order=2`` also checks
    gradients of gradients.  Raises ``GradientMismatch`` with a report of the worst
    element on failure; returns the largest absolute error found otherwise.

    Example::

        >>> from teachtensor.testing import check_gradients
        >>> inputs = np.random.default_rng(0).normal(size=(3, 2))
        >>> error = check_gradients(lambda t: tf.tanh(t) * t, inputs, order=2)   # the worst one
        >>> print(error < 1e-6)
        True
    """
    if order not in (1, 2):
        raise ValueError(f"order must be 1 or 2, not {order!r}")
    arrays = [np.array(np.asarray(x), dtype=np.float64) for x in inputs]
    objective = _scalar_of(f, [None])
    objective(*[convert_to_tensor(a) for a in arrays])  # fixes the random weights
    worst = 0.0
    for level in range(1, order + 1):
        if level == 2:
            objective = _second_order(objective, arrays)
        xs = [convert_to_tensor(a, dtype=dtypes.float64) for a in arrays]
        analytic = [np.asarray(g) for g in _tape_gradients(objective, xs)]
        numeric = _numeric_gradients(objective, arrays, eps)
        for i, (a, n) in enumerate(zip(analytic, numeric)):
            if a.shape != n.shape:
                raise GradientMismatch(f"order {level} gradient for input {i} has shape "
                                       f"{a.shape}, but the input has shape {n.shape}")
            if a.size == 0:
                continue
            error = np.abs(a - n)
            allowed = atol + rtol * np.abs(n)
            worst = max(worst, float(error.max()))
            if not np.all(error <= allowed):
                index = np.unravel_index(np.argmax(error - allowed), a.shape)
                raise GradientMismatch(
                    f"order-{level} gradient of input {i} (shape {a.shape}) is wrong at "
                    f"index {tuple(int(j) for j in index)}: tape gives {a[index]:.8g}, "
                    f"finite differences give {n[index]:.8g} (error {error[index]:.3g}, "
                    f"allowed {allowed[index]:.3g}). {int(np.sum(error > allowed))} of "
                    f"{a.size} elements disagree.")
    return worst
