"""teachtensor.keras: the Keras API on teachtensor tensors and tapes.

    from teachtensor import keras
    from teachtensor.keras import layers, models

Reading order: layers/layer.py (Layer, build/call/add_weight), layers/core.py (Dense),
models/ (Sequential, Model, and the training loop in models/trainer.py), then
optimizers.py, losses.py, metrics.py, callbacks/, progbar.py, activations.py,
initializers.py, regularizers.py, saving/, datasets/ (with downloads.py).  Keras 3's
own names: ``keras.Layer``, ``keras.Variable`` (variable.py), ``keras.ops`` (ops/),
``keras.random`` (random.py), ``keras.config`` (config.py).
"""
from . import config  # noqa: F401  (first: the others read floatx)
from . import activations, initializers, layers  # noqa: F401
from . import losses, metrics, optimizers, regularizers  # noqa: F401
from . import callbacks, datasets, models, ops, random, saving, utils  # noqa: F401
from .keras_tensor import KerasTensor  # noqa: F401
from .layers import Input, Layer  # noqa: F401
from .models import Model, Sequential  # noqa: F401
from .variable import Variable  # noqa: F401
