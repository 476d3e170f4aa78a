"""From ``backend.fused_update``'s arguments to the optimizer kernels of ``updates.py``."""
import numpy as np

from . import updates as up
from .launch import flat, launch


def _target(backend, offered, like):
    """The array to write ``like``'s next values into: the offered one when it fits."""
    if offered is not None and offered.shape == like.shape and offered.dtype == like.dtype:
        return offered
    return backend.empty(like.shape, like.dtype)


def _on_device(backend, value, dtype):
    """A hyperparameter that lives on the GPU as a 1-element array (the learning rate,
    the step counter); a schedule's Python number is copied there (one small copy)."""
    if isinstance(value, (int, float, np.number)):
        return backend.asarray(np.array([value], dtype=dtype))
    return value.reshape(1)


_BETAS = {}


def _betas(backend, beta_1, beta_2, dtype):
    """Adam's two betas as a GPU array, copied there once for each pair of values."""
    key = (beta_1, beta_2, np.dtype(dtype))
    if key not in _BETAS:
        _BETAS[key] = backend.asarray(np.array([beta_1, beta_2], dtype=dtype))
    return _BETAS[key]


def fused_update(backend, rule, weight, gradient, slots, h, out):
    if rule not in ("sgd", "rmsprop", "adam", "adagrad") or weight.dtype.kind != "f" or \
            gradient.dtype != weight.dtype:
        return None
    new = _target(backend, out[0], weight)
    new_slots = {name: _target(backend, out[1].get(name), s) for name, s in slots.items()}
    none = backend.empty((0,), weight.dtype)
    w, g, n = flat(weight), flat(gradient), weight.size
    lr = _on_device(backend, h["learning_rate"], weight.dtype)
    f = weight.dtype.type

    def slot(name):
        return flat(slots[name]) if name in slots else none

    def slot_out(name):
        return flat(new_slots[name]) if name in new_slots else none

    if rule == "sgd":
        launch(up.sgd_kernel, n, w, g, slot("momentum"), lr, f(h["momentum"]), h["nesterov"],
               flat(new), slot_out("momentum"))
    elif rule == "rmsprop":
        launch(up.rmsprop_kernel, n, w, g, slot("velocity"), slot("average_gradient"),
               slot("momentum"), lr, f(h["rho"]), f(1 - h["rho"]), f(h["momentum"]),
               f(h["epsilon"]), h["centered"], flat(new), slot_out("velocity"),
               slot_out("average_gradient"), slot_out("momentum"))
    elif rule == "adam":
        iterations = _on_device(backend, h["iterations"], np.int64)
        alpha = backend.empty((4,), weight.dtype)
        betas = _betas(backend, h["beta_1"], h["beta_2"], weight.dtype)
        up.adam_alpha_kernel[1, 1](lr, iterations, betas, alpha)
        launch(up.adam_kernel, n, w, g, slot("momentum"), slot("velocity"),
               slot("velocity_hat"), alpha, f(1 - h["beta_1"]), f(1 - h["beta_2"]),
               f(h["epsilon"]), h["amsgrad"], flat(new), slot_out("momentum"),
               slot_out("velocity"), slot_out("velocity_hat"))
    else:
        launch(up.adagrad_kernel, n, w, g, slot("accumulator"), lr, f(h["epsilon"]),
               flat(new), slot_out("accumulator"))
    return new, new_slots
