"""Fused optimizer updates for the Numba backend: one pass over a weight, its gradient
and its slots.

``keras/optimizers.py`` writes each update rule as operations, one per equation.  One
RMSprop step then sweeps memory about eight times, each sweep making a temporary
array.  The kernels below read each element of the weight, the gradient and the slots
once, compute the new values in registers, and write the new weight and the new
slots: one sweep.  The loop bodies are the same equations, for a single element ``i``,
in the same order of operations, so the results are the same to the last bit on
most inputs (the tests compare them with ``update_step``).

Rules these kernels follow (see ``numba_kernels.py``):

* defined once, at module top level, with ``cache=True``: Numba compiles each kernel
  the first time it meets a dtype and keeps the machine code on disk;
* every array is one-dimensional and contiguous, and every scalar has the arrays'
  dtype, so each kernel has just two compiled versions (float32 and float64).  Doing
  the arithmetic in the weight's own dtype also gives the same rounding as Keras;
* they write into **other arrays** (the ``*_out`` arguments) and never change their
  inputs: the optimizer swaps the new arrays in, and a step that fails half way is
  undone by swapping the old ones back (see ``keras/optimizer_base.py``, which also
  explains where the output arrays come from);
* a slot an option does not use (SGD without momentum has no ``m``) is passed as an
  empty array and never touched;
* ``error_model="numpy"``: a division by zero gives inf instead of raising.  Without
  it Numba checks every divisor, and that check stops LLVM from vectorizing the loop.

**Speed trick: subnormal slots are flushed to zero.**  A float32 below ``tiny`` =
1.2e-38 (``np.finfo(np.float32).tiny``) is *subnormal*: stored with fewer digits, and
on most CPUs each arithmetic step on one takes a slow path, often 100 times slower.
A slot that decays, such as RMSprop's ``v = 0.9 v + 0.1 g^2`` for a weight whose
gradient has become 0 (a ReLU unit that died), reaches them after about 700 steps and
then stays there: it stalls at four times the smallest subnormal, where 0.9 * 4 = 3.6
rounds back to 4, so it never reaches 0.  The MNIST-sized model of ``benchmarks/`` (the book's, on random
data) then trained twice as slowly from its fifth epoch on, as PyTorch still does.
TensorFlow's CPU kernels run with the processor set to "flush to zero", so Keras's
slots there stop short of the subnormals too (RMSprop's and SGD's momentum become
exactly 0; Adam's ``m``, whose step ``(g - m) * 0.1`` is what gets flushed, stays
stuck at about 10 * tiny); these kernels flush by hand the slots that decay
(``flush_to_zero``), to exactly 0.  The weights do not change by it: a slot below 1.2e-38 moves a
weight by less than its last digit, unless the weight itself is below about 1e-30
(RMSprop adds ``epsilon`` = 1e-7 to ``v`` anyway).  The GPU kernels
(``cuda/updates.py``) need no such trick: a GPU adds and multiplies subnormals at full
speed.
"""
import math

import numpy as np
from numba import njit

from .cache import cached_njit


@njit(inline="always")
def flush_to_zero(x, tiny):
    """x, or 0 where it is subnormal (|x| < tiny, the smallest normal number)."""
    if abs(x) < tiny:
        return x - x  # zero, in x's own dtype
    return x


@cached_njit
def sgd_kernel(w, g, m, lr, momentum, nesterov, tiny, w_out, m_out):
    """Stochastic gradient descent, with optional (Nesterov) momentum.

        momentum == 0:   w = w - lr * g
        otherwise:       m = momentum * m - lr * g
                         w = w + m                            (classic momentum)
                         w = w + momentum * m - lr * g        (nesterov)

    ``m`` is flushed to zero below ``tiny`` (see the module docstring).
    """
    n = w.size
    if momentum == 0:
        for i in range(n):
            w_out[i] = w[i] - g[i] * lr
    elif nesterov:
        for i in range(n):
            m_i = flush_to_zero(-(g[i] * lr) + m[i] * momentum, tiny)
            m_out[i] = m_i
            w_out[i] = w[i] + (-(g[i] * lr) + m_i * momentum)
    else:
        for i in range(n):
            m_i = flush_to_zero(-(g[i] * lr) + m[i] * momentum, tiny)
            m_out[i] = m_i
            w_out[i] = w[i] + m_i


@cached_njit
def rmsprop_kernel(w, g, v, a, m, lr, rho, one_minus_rho, momentum, eps, centered, tiny,
                   w_out, v_out, a_out, m_out):
    """RMSprop: divide the step by a running root-mean-square of the gradient.

        v   = rho * v + (1 - rho) * g^2
        a   = rho * a + (1 - rho) * g                 (centered only)
        inc = lr * g / sqrt(v + eps)                  (centered: sqrt(v - a^2 + eps))
        momentum > 0:   m = momentum * m + inc;   w = w - m
        otherwise:      w = w - inc

    ``v``, ``a`` and ``m`` are flushed to zero below ``tiny`` (see the module docstring).
    """
    n = w.size
    for i in range(n):
        g_i = g[i]
        v_i = flush_to_zero(rho * v[i] + one_minus_rho * (g_i * g_i), tiny)
        v_out[i] = v_i
        if centered:
            a_i = flush_to_zero(rho * a[i] + one_minus_rho * g_i, tiny)
            a_out[i] = a_i
            denominator = v_i - a_i * a_i + eps
        else:
            denominator = v_i + eps
        inc = lr * g_i / math.sqrt(denominator)
        if momentum > 0:
            m_i = flush_to_zero(momentum * m[i] + inc, tiny)
            m_out[i] = m_i
            w_out[i] = w[i] - m_i
        else:
            w_out[i] = w[i] - inc


@cached_njit
def adam_kernel(w, g, m, v, vhat, alpha, one_minus_beta_1, one_minus_beta_2, eps, amsgrad,
                tiny, w_out, m_out, v_out, vhat_out):
    """Adam: momentum on the gradient, divided by a running RMS of the gradient.

        m = m + (g - m) * (1 - beta_1)
        v = v + (g^2 - v) * (1 - beta_2)
        vhat = max(vhat, v)                           (amsgrad only; then used for v)
        w = w - alpha * m / (sqrt(v) + eps)

    ``alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)`` (the bias correction) is the
    same for every element, so the caller computes it once.  ``m`` and ``v`` are
    flushed to zero below ``tiny`` (see the module docstring).
    """
    n = w.size
    for i in range(n):
        g_i = g[i]
        m_i = flush_to_zero(m[i] + (g_i - m[i]) * one_minus_beta_1, tiny)
        v_i = flush_to_zero(v[i] + (g_i * g_i - v[i]) * one_minus_beta_2, tiny)
        m_out[i] = m_i
        v_out[i] = v_i
        if amsgrad:
            if vhat[i] > v_i:
                v_i = vhat[i]
            vhat_out[i] = v_i
        w_out[i] = w[i] - (m_i * alpha) / (math.sqrt(v_i) + eps)


@cached_njit
def adagrad_kernel(w, g, acc, lr, eps, w_out, acc_out):
    """Adagrad: divide the step by the root of all squared gradients so far.

        acc = acc + g^2
        w   = w - lr * g / sqrt(acc + eps)
    """
    n = w.size
    for i in range(n):
        g_i = g[i]
        acc_i = acc[i] + g_i * g_i
        acc_out[i] = acc_i
        w_out[i] = w[i] - lr * g_i / math.sqrt(acc_i + eps)


# ---- from the optimizer's arguments to the kernels' ----------------------------------

def _flat(x):
    return np.ascontiguousarray(x).reshape(-1)


_EMPTY = {}


def _empty(dtype):
    """A zero-length array: the stand-in for a slot these options do not use."""
    empty = _EMPTY.get(dtype)
    if empty is None:
        empty = _EMPTY[dtype] = np.empty(0, dtype=dtype)
    return empty


_TINY = {}


def _tiny(dtype):
    """The smallest normal number of ``dtype``, as a scalar of it (the kernels flush
    slots below it to zero)."""
    tiny = _TINY.get(dtype)
    if tiny is None:
        tiny = _TINY[dtype] = dtype.type(np.finfo(dtype).tiny)
    return tiny


def _target(offered, like):
    """The array to write ``like``'s next values into: the one offered when it is a
    writable C-contiguous array of the same shape and dtype, else a new one (a kernel
    writes through ``reshape(-1)``, which must be a view, not a copy)."""
    if (offered is not None and offered.shape == like.shape and offered.dtype == like.dtype
            and offered.flags.c_contiguous and offered.flags.writeable):
        return offered
    return np.empty(like.shape, dtype=like.dtype)


def fused_update(rule, weight, gradient, slots, hyper, out):
    """One step of ``rule``: (new weight, {slot name: new values}), written into the
    arrays ``out`` offers when they suit; the inputs are not changed.  None for a rule
    or dtype without a kernel here."""
    run = _RULES.get(rule)
    if run is None or weight.dtype.kind != "f" or gradient.dtype != weight.dtype:
        return None
    weight_out = _target(out[0], weight)
    slots_out = {name: _target(out[1].get(name), values) for name, values in slots.items()}
    inputs = {name: _flat(values) for name, values in slots.items()}
    outputs = {name: values.reshape(-1) for name, values in slots_out.items()}
    run(_flat(weight), _flat(gradient), inputs, outputs, hyper, weight.dtype.type,
        weight_out.reshape(-1))
    return weight_out, slots_out


def _sgd(w, g, slots, out, h, f, w_out):
    none = _empty(w.dtype)
    sgd_kernel(w, g, slots.get("momentum", none), f(h["learning_rate"]),
               f(h["momentum"]), h["nesterov"], _tiny(w.dtype), w_out, out.get("momentum", none))


def _rmsprop(w, g, slots, out, h, f, w_out):
    none = _empty(w.dtype)
    rmsprop_kernel(w, g, slots["velocity"], slots.get("average_gradient", none),
                   slots.get("momentum", none), f(h["learning_rate"]), f(h["rho"]),
                   f(1 - h["rho"]), f(h["momentum"]), f(h["epsilon"]), h["centered"],
                   _tiny(w.dtype), w_out, out["velocity"], out.get("average_gradient", none),
                   out.get("momentum", none))


def _adam(w, g, slots, out, h, f, w_out):
    none = _empty(w.dtype)
    m, v, vhat = slots["momentum"], slots["velocity"], slots.get("velocity_hat", none)
    m_out, v_out, vhat_out = out["momentum"], out["velocity"], out.get("velocity_hat", none)
    t = f(int(h["iterations"]) + 1)  # alpha in the weight's dtype, as Keras computes it
    alpha = f(h["learning_rate"]) * np.sqrt(f(1) - f(h["beta_2"]) ** t) / \
        (f(1) - f(h["beta_1"]) ** t)
    adam_kernel(w, g, m, v, vhat, f(alpha), f(1 - h["beta_1"]), f(1 - h["beta_2"]),
                f(h["epsilon"]), h["amsgrad"], _tiny(w.dtype), w_out, m_out, v_out, vhat_out)


def _adagrad(w, g, slots, out, h, f, w_out):
    adagrad_kernel(w, g, slots["accumulator"], f(h["learning_rate"]), f(h["epsilon"]),
                   w_out, out["accumulator"])


_RULES = {"sgd": _sgd, "rmsprop": _rmsprop, "adam": _adam, "adagrad": _adagrad}
