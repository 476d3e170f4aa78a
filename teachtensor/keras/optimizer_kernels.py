"""Fused optimizer updates: one pass over a weight, its gradient and its slots.

Written with NumPy, one Adam step is about ten separate sweeps over memory
(``g * g``, ``v - ...``, ``sqrt``, ``/``, ...), each making a temporary array.  The
kernels below read each element of the weight, the gradient and the slots once,
compute the new values in registers, and write the new weight and the new slots: one
sweep.  ``optimizers.py`` states each update as an equation; the loop bodies here are
the same equations for a single element ``i``.

Rules these kernels follow (see ``teachtensor/backend/numba_kernels.py``):

* defined once, at module top level, with ``cache=True``: Numba compiles each kernel
  the first time it meets a dtype and keeps the machine code on disk;
* every array is one-dimensional and contiguous, and every scalar has the arrays'
  dtype, so each kernel has just two compiled versions (float32 and float64).  Doing
  the arithmetic in the weight's own dtype also gives the same rounding as Keras;
* they update the weight and the slots *in place*: the optimizer first makes sure no
  other tensor shares those arrays (``Variable._own_data``, copy-on-write), so no
  tensor read earlier changes.  Updating in place halves the memory traffic, and with
  one array per role LLVM can vectorize the loop;
* a slot an option does not use (SGD without momentum has no ``m``) is passed as an
  empty array and never touched;
* ``error_model="numpy"``: a division by zero gives inf instead of raising.  Without
  it Numba checks every divisor, and that check stops LLVM from vectorizing the loop
  (about 5x slower here).
"""
import math

from numba import njit

from ..backend.cache import configure_numba_cache

configure_numba_cache()  # a writable on-disk cache, wherever the package is installed


@njit(cache=True, error_model="numpy")
def sgd_kernel(w, g, m, lr, momentum, nesterov):
    """Stochastic gradient descent, with optional (Nesterov) momentum, in place.

        momentum == 0:   w = w - lr * g
        otherwise:       m = momentum * m - lr * g
                         w = w + m                            (classic momentum)
                         w = w + momentum * m - lr * g        (nesterov)
    """
    n = w.size
    if momentum == 0:
        for i in range(n):
            w[i] = w[i] - lr * g[i]
    elif nesterov:
        for i in range(n):
            m_i = m[i] * momentum - g[i] * lr
            m[i] = m_i
            w[i] = w[i] + (m_i * momentum - g[i] * lr)
    else:
        for i in range(n):
            m_i = m[i] * momentum - g[i] * lr
            m[i] = m_i
            w[i] = w[i] + m_i


@njit(cache=True, error_model="numpy")
def rmsprop_kernel(w, g, v, a, m, lr, rho, one_minus_rho, momentum, eps, centered):
    """RMSprop, in place: divide the step by a running root-mean-square of the gradient.

        v   = rho * v + (1 - rho) * g^2
        a   = rho * a + (1 - rho) * g                 (centered only)
        inc = lr * g / sqrt(v + eps)                  (centered: sqrt(v - a^2 + eps))
        momentum > 0:   m = momentum * m + inc;   w = w - m
        otherwise:      w = w - inc
    """
    n = w.size
    for i in range(n):
        g_i = g[i]
        v_i = rho * v[i] + one_minus_rho * (g_i * g_i)
        v[i] = v_i
        if centered:
            a_i = rho * a[i] + one_minus_rho * g_i
            a[i] = a_i
            denominator = v_i - a_i * a_i + eps
        else:
            denominator = v_i + eps
        inc = lr * g_i / math.sqrt(denominator)
        if momentum > 0:
            m_i = momentum * m[i] + inc
            m[i] = m_i
            w[i] = w[i] - m_i
        else:
            w[i] = w[i] - inc


@njit(cache=True, error_model="numpy")
def adam_kernel(w, g, m, v, vhat, alpha, one_minus_beta_1, one_minus_beta_2, eps, amsgrad):
    """Adam, in place: momentum on the gradient, divided by a running RMS of the gradient.

        m = m + (g - m) * (1 - beta_1)
        v = v + (g^2 - v) * (1 - beta_2)
        vhat = max(vhat, v)                           (amsgrad only; then used for v)
        w = w - alpha * m / (sqrt(v) + eps)

    ``alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)`` (the bias correction) is the
    same for every element, so the caller computes it once.
    """
    n = w.size
    for i in range(n):
        g_i = g[i]
        m_i = m[i] + (g_i - m[i]) * one_minus_beta_1
        v_i = v[i] + (g_i * g_i - v[i]) * one_minus_beta_2
        m[i] = m_i
        v[i] = v_i
        if amsgrad:
            if vhat[i] > v_i:
                v_i = vhat[i]
            vhat[i] = v_i
        w[i] = w[i] - (m_i * alpha) / (math.sqrt(v_i) + eps)


@njit(cache=True, error_model="numpy")
def adagrad_kernel(w, g, acc, lr, eps):
    """Adagrad, in place: divide the step by the root of all squared gradients so far.

        acc = acc + g^2
        w   = w - lr * g / sqrt(acc + eps)
    """
    n = w.size
    for i in range(n):
        g_i = g[i]
        acc_i = acc[i] + g_i * g_i
        acc[i] = acc_i
        w[i] = w[i] - lr * g_i / math.sqrt(acc_i + eps)
