"""The numbers of a batch's logs, read from the device in one copy.

The logs of a training step hold a few scalar tensors (the loss, each metric) where
the model computes.  ``float(tensor)`` copies one number from the device, and on a GPU
each copy waits for all the work queued before it: four logged values would cost four
waits.  ``as_numbers`` joins the scalars on their device first (one small
``concat``), then copies them to the host together.
"""
import numpy as np

from ..tensor import Tensor


def as_numbers(logs):
    """``{name: scalar tensor or number}`` -> ``{name: float}``, one copy per device (a
    tensor of several numbers, such as ``Recall(thresholds=[0.3, 0.6])``'s result,
    becomes a NumPy array, as in Keras)."""
    numbers = {}
    together = {}  # (backend, dtype) -> names of the scalar tensors that can be joined
    for name, value in logs.items():
        if isinstance(value, Tensor) and value.shape == () and value.dtype.is_floating:
            together.setdefault((id(value._backend), value.dtype), []).append(name)
        elif isinstance(value, Tensor) and value.shape != ():
            numbers[name] = value.numpy()  # (a metric of several thresholds: an array each)
        elif isinstance(value, np.ndarray) and value.ndim:
            numbers[name] = value
        else:
            numbers[name] = float(value)
    for names in together.values():
        if len(names) == 1:
            numbers[names[0]] = float(logs[names[0]])
            continue
        backend = logs[names[0]]._backend
        joined = backend.concat([backend.reshape(logs[n]._data, (1,)) for n in names], 0)
        for name, number in zip(names, backend.to_numpy(joined).tolist()):
            numbers[name] = float(number)
    return {name: numbers[name] for name in logs}  # (in the order of the logs)
