"""teachtensor.keras: the Keras API on teachtensor tensors and tapes.

    from teachtensor import keras
    from teachtensor.keras import layers, models

Reading order: layers/layer.py (Layer, build/call/add_weight), layers/core.py (Dense),
models/ (Sequential, Model, and the training loop in models/trainer.py), then
optimizers.py, losses.py, metrics.py, callbacks/, progbar.py, activations.py,
initializers.py, regularizers.py, saving/, datasets/ (with downloads.py).
"""
from . import activations, initializers, layers  # noqa: F401
from . import losses, metrics, optimizers, regularizers  # noqa: F401
from . import callbacks, datasets, models, saving, utils  # noqa: F401
from .keras_tensor import KerasTensor  # noqa: F401
from .layers import Input  # noqa: F401
from .models import Model, Sequential  # noqa: F401
