"""Model: a layer that can be trained.  Two ways to make one:

* ``keras.Sequential([...])``, a stack of layers (``sequential.py``);
* subclassing, for any computation written in Python::

      class Classifier(keras.Model):
          def __init__(self):
              super().__init__()
              self.hidden = layers.Dense(64, activation="relu")
              self.out = layers.Dense(10, activation="softmax")

          def call(self, inputs):
              return self.out(self.hidden(inputs))

A Model is a Layer (weights are tracked the same way) plus what ``trainer.py`` adds
(compile / fit / evaluate / predict), plus saving weights and ``summary()``.  Its
weights exist only after the first call, when the input shape becomes known.
"""
import numpy as np

from ...ops.creation import zeros
from ...tensor import TensorShape
from .. import saving
from ..layers.layer import Layer
from .trainer import Trainer


class Model(Trainer, Layer):
    """Base class of trainable models: subclass it and write ``call``."""

    def __init__(self, *args, **kwargs):
        if args or "inputs" in kwargs or "outputs" in kwargs:
            raise NotImplementedError(
                "keras.Model(inputs, outputs) is the functional API, which teachtensor "
                "does not have. Use keras.Sequential([...]) or subclass keras.Model and "
                "write call().")
        Layer.__init__(self, **kwargs)
        self._init_trainer()

    # -- building --------------------------------------------------------------------
    def build(self, input_shape):
        """Create all weights for inputs of ``input_shape`` (batch axis included, e.g.
        ``(None, 784)``) by running the model once on a batch of zeros.

        A subclass's own ``build`` may call ``super().build(input_shape)``, as in Keras:
        during the first call that is a no-op (the call itself creates the weights).
        """
        if self.built or self.__dict__.get("_building"):
            return
        shape = tuple(input_shape)
        if any(s is None for s in shape[1:]):
            raise ValueError(f"build needs every size but the batch size, got {shape}")
        # What came out: Sequential.add builds a layer added later from it.
        self._build_output = self(zeros((1,) + shape[1:], dtype=self.dtype))

    def _build_from(self, inputs):
        """On the first call the layers inside build themselves as data reach them; only
        a subclass's own ``build`` (if it wrote one) is called here."""
        if type(self).build is not Model.build:
            self._building = True
            try:
                self.build(TensorShape(inputs.shape))
            finally:
                self._building = False

    def __call__(self, inputs, *args, **kwargs):
        outputs = super().__call__(inputs, *args, **kwargs)
        if not self.built:  # the first call went through: every weight now exists
            self.built = True
            self._build_shape = (None,) + tuple(inputs.shape[1:])
        return outputs

    def call(self, inputs, training=None):
        raise NotImplementedError(f"{type(self).__name__} must define call(self, inputs) "
                                  f"(subclassing keras.Model), or use keras.Sequential")

    @property
    def layers(self):
        return list(self._layers)

    def get_layer(self, name=None, index=None):
        """A layer of the model, by name or by position."""
        if index is not None:
            return self.layers[index]
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise ValueError(f"no layer named {name!r}; the layers are "
                         f"{[layer.name for layer in self.layers]}")

    # -- weights -------------------------------------------------------------------------
    @property
    def weights(self):
        if not self.built:
            raise ValueError(
                f"The weights of model '{self.name}' do not exist yet: a model creates its "
                f"weights on its first call, when it sees the shape of the data. Call it on "
                f"a batch (model(x)), train it (fit), call model.build((None, n_features)), "
                f"or start a Sequential with keras.Input(shape=(n_features,)).")
        return Layer.weights.fget(self)

    def set_weights(self, weights):
        """Replace all weights (a list of arrays in the order of ``get_weights``)."""
        saving.assign_all(self.weights, weights, f"model '{self.name}'")

    def save_weights(self, filepath, overwrite=True):
        """Write the weights to ``filepath`` (``*.weights.npz``; ``*.h5`` needs h5py)."""
        saving.save_weights(self.weights, filepath)

    def load_weights(self, filepath):
        """Read weights written by ``save_weights``; the model must be built already."""
        if not self.built:
            raise ValueError(f"load_weights: model '{self.name}' has no weights yet to load "
                             f"into; call it on a batch or model.build((None, n_features)) "
                             f"first, so its weights have their shapes")
        saving.assign_all(self.weights, saving.load_arrays(filepath),
                          f"model '{self.name}' (loading {filepath!r})")

    # -- description -----------------------------------------------------------------------
    def summary(self, line_length=None, positions=None, print_fn=None):
        """Print the layers, their output shapes and parameter counts."""
        from .summary import print_summary
        print_summary(self, line_length=line_length or 65, print_fn=print_fn or print)

    def count_params(self):
        return int(sum(np.prod(w.shape) for w in self.weights))
