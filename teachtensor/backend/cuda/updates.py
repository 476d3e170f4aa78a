"""Fused optimizer steps, and random numbers, on the GPU.

**Optimizer steps** (``backend.fused_update``): one thread per element of a weight, each
reading its weight, gradient and slots once and writing the new values — the same
equations, in the same order, as ``numba_optimizers.py`` on the CPU (which, unlike
these, flushes decaying slots to zero below the smallest normal number: a CPU is slow
with subnormals, a GPU is not).  The learning rate and the step counter stay on the
GPU (1-element arrays read by every thread), so a training step copies no number to or
from the host.

**Random numbers** (``backend.random``): each of ``STATES`` threads owns a small random
generator (xoroshiro128+, numba.cuda.random), started from the seed so that the
streams do not overlap; thread t draws elements t, t + STATES, ...  The same seed gives
the same numbers (not the CPU's numbers: another generator).
"""
import math
import warnings

import numpy as np
from numba import cuda
from numba.cuda.random import (create_xoroshiro128p_states, xoroshiro128p_normal_float64,
                               xoroshiro128p_uniform_float64)

from .launch import SIMULATOR

STATES = 16 if SIMULATOR else 65536  # threads (and generator states) of a random draw


@cuda.jit(cache=True)
def sgd_kernel(w, g, m, lr, momentum, nesterov, w_out, m_out):
    """w = w - lr g;  with momentum: m = momentum m - lr g, w = w + m (nesterov:
    w = w + momentum m - lr g)."""
    rate = lr[0]
    for i in range(cuda.grid(1), w.size, cuda.gridsize(1)):
        if momentum == 0:
            w_out[i] = w[i] - g[i] * rate
        else:
            m_i = -(g[i] * rate) + m[i] * momentum
            m_out[i] = m_i
            w_out[i] = w[i] + ((-(g[i] * rate) + m_i * momentum) if nesterov else m_i)


@cuda.jit(cache=True)
def rmsprop_kernel(w, g, v, a, m, lr, rho, one_minus_rho, momentum, eps, centered,
                   w_out, v_out, a_out, m_out):
    """v = rho v + (1 - rho) g^2;  inc = lr g / sqrt(v + eps) (centered: with a, the
    running mean of g);  w = w - inc, or through momentum m."""
    rate = lr[0]
    for i in range(cuda.grid(1), w.size, cuda.gridsize(1)):
        g_i = g[i]
        v_i = rho * v[i] + one_minus_rho * (g_i * g_i)
        v_out[i] = v_i
        denominator = v_i + eps
        if centered:
            a_i = rho * a[i] + one_minus_rho * g_i
            a_out[i] = a_i
            denominator = v_i - a_i * a_i + eps
        inc = rate * g_i / math.sqrt(denominator)
        if momentum > 0:
            m_i = momentum * m[i] + inc
            m_out[i] = m_i
            w_out[i] = w[i] - m_i
        else:
            w_out[i] = w[i] - inc


@cuda.jit(cache=True)
def adam_alpha_kernel(lr, iterations, betas, scratch):
    """One thread: alpha = lr sqrt(1 - b2^t) / (1 - b1^t), t = iterations + 1, computed in
    the weight's precision (``scratch`` has the weight's dtype: each value stored there
    is rounded to it), as the CPU computes it."""
    scratch[0] = iterations[0] + 1
    scratch[1] = betas[0]
    scratch[2] = betas[1]
    scratch[3] = lr[0]
    t, beta_1, beta_2, rate = scratch[0], scratch[1], scratch[2], scratch[3]
    one = t - t + 1
    scratch[0] = rate * math.sqrt(one - beta_2 ** t) / (one - beta_1 ** t)


@cuda.jit(cache=True)
def adam_kernel(w, g, m, v, vhat, alpha, one_minus_beta_1, one_minus_beta_2, eps, amsgrad,
                w_out, m_out, v_out, vhat_out):
    """m = m + (g - m)(1 - b1);  v = v + (g^2 - v)(1 - b2);  (amsgrad: vhat = max(vhat, v));
    w = w - alpha m / (sqrt(v) + eps), with alpha (``adam_alpha_kernel``) in alpha[0]."""
    rate = alpha[0]
    for i in range(cuda.grid(1), w.size, cuda.gridsize(1)):
        g_i = g[i]
        m_i = m[i] + (g_i - m[i]) * one_minus_beta_1
        v_i = v[i] + (g_i * g_i - v[i]) * one_minus_beta_2
        m_out[i] = m_i
        v_out[i] = v_i
        if amsgrad:
            if vhat[i] > v_i:
                v_i = vhat[i]
            vhat_out[i] = v_i
        w_out[i] = w[i] - (m_i * rate) / (math.sqrt(v_i) + eps)


@cuda.jit(cache=True)
def adagrad_kernel(w, g, acc, lr, eps, w_out, acc_out):
    """acc = acc + g^2;  w = w - lr g / sqrt(acc + eps)."""
    rate = lr[0]
    for i in range(cuda.grid(1), w.size, cuda.gridsize(1)):
        g_i = g[i]
        acc_i = acc[i] + g_i * g_i
        acc_out[i] = acc_i
        w_out[i] = w[i] - rate * g_i / math.sqrt(acc_i + eps)


# ---- random numbers ---------------------------------------------------------------------

class Generator:
    """The random state of a draw: one xoroshiro128+ state per thread, on the GPU."""

    def __init__(self, seed):
        if seed is None:
            seed = int.from_bytes(np.random.bytes(8), "little")
        elif not isinstance(seed, (int, np.integer)):  # a list (global seed, op seed)
            seed = int(np.random.SeedSequence(list(seed)).generate_state(1, np.uint64)[0])
        with warnings.catch_warnings():  # the simulator: uint64 wrap-around, object mode
            warnings.simplefilter("ignore")
            self.states = create_xoroshiro128p_states(STATES, seed=int(seed) % 2**64)


UNIFORM, INTEGERS, NORMAL, TRUNCATED_NORMAL = 0, 1, 2, 3


@cuda.jit(cache=True)
def random_kernel(states, kind, low, high, out):
    """Thread t (of STATES) fills out[t], out[t + STATES], ... from its own state:
    uniform on [low, high); integers on [low, high); normal with mean low and standard
    deviation high; truncated normal (redrawn outside two standard deviations)."""
    t = cuda.grid(1)
    if t >= states.size:
        return
    for i in range(t, out.size, states.size):
        if kind == 0:
            out[i] = low + (high - low) * xoroshiro128p_uniform_float64(states, t)
        elif kind == 1:
            u = xoroshiro128p_uniform_float64(states, t)
            out[i] = min(low + math.floor(u * (high - low)), high - 1)
        else:
            z = xoroshiro128p_normal_float64(states, t)
            while kind == 3 and abs(z) > 2:
                z = xoroshiro128p_normal_float64(states, t)
            out[i] = low + high * z
