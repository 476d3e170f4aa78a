"""``keras.Input(shape)`` and ``InputLayer``: declaring the input shape up front.

A Sequential model usually learns its input shape from the first batch it sees.
Starting it with ``keras.Input(shape=(784,))`` builds it at once instead, so that
``model.summary()`` works before any data has flowed.  ``shape`` excludes the batch
axis: ``(784,)`` means batches of shape ``(None, 784)``.

(Keras's ``Input`` also starts the *functional API*, building models by calling layers
on symbolic tensors; teachtensor leaves that out and keeps Sequential and subclassing.)
"""
from ... import dtypes
from .layer import Layer


class InputLayer(Layer):
    """The entry point of a Sequential model; passes its input through unchanged."""

    def __init__(self, shape=None, batch_size=None, dtype=None, input_shape=None, name=None,
                 **kwargs):
        shape = shape if shape is not None else input_shape
        if shape is None:
            raise ValueError("InputLayer needs a shape, e.g. InputLayer(shape=(784,))")
        super().__init__(name=name, dtype=dtype, **kwargs)
        self.shape = (batch_size,) + tuple(shape)
        self._declared_input_shape = tuple(shape)
        self._output_shape = self.shape
        self.built = True

    def call(self, inputs):
        return inputs


class KerasInput:
    """What ``keras.Input(shape)`` returns: a description of future inputs, not data."""

    _is_symbolic_input = True

    def __init__(self, layer):
        self._layer = layer
        self.shape = layer.shape
        self.dtype = dtypes.as_dtype(layer.dtype)
        self.name = layer.name

    def __repr__(self):
        return f"<KerasInput shape={self.shape}, dtype={self.dtype}, name={self.name}>"


def Input(shape=None, batch_size=None, dtype=None, name=None):  # noqa: N802 (Keras name)
    """Declare the input of a model: ``keras.Input(shape=(784,))``."""
    return KerasInput(InputLayer(shape=shape, batch_size=batch_size, dtype=dtype, name=name))
