"""``keras.Input(shape)`` and ``InputLayer``: where a model's data comes in.

``keras.Input(shape=(784,))`` returns a KerasTensor of shape ``(None, 784)``: the
promise of batches of 784 numbers (``shape`` excludes the batch axis).  It starts a
functional model (layers are then called on it: ``models/functional.py``), or, as the
first item of a Sequential, builds the model at once, so that ``summary()`` works
before any data has flowed.

Behind the KerasTensor is an ``InputLayer``, a layer with no weights that passes its
input through; ``model.layers`` of a functional model lists it first.
"""
from ... import dtypes
from ..config import floatx
from ..keras_tensor import KerasTensor
from .layer import Layer
from .node import Node


class InputLayer(Layer):
    """The entry point of a model; passes its input through unchanged.

    Example::

        >>> model = keras.Sequential([layers.InputLayer(shape=(3,)), layers.Dense(2)])
        >>> print(len(model.weights))
        2
    """

    def __init__(self, shape=None, batch_size=None, dtype=None, input_shape=None, name=None,
                 batch_shape=None, **kwargs):
        if batch_shape is not None:  # Keras's saved form: (batch size, *shape)
            batch_size, shape = batch_shape[0], tuple(batch_shape[1:])
        shape = shape if shape is not None else input_shape
        if shape is None:
            raise ValueError("InputLayer needs a shape, e.g. InputLayer(shape=(784,))")
        if isinstance(shape, int):
            raise TypeError(f"shape must be a tuple, e.g. shape=({shape},), got the integer "
                            f"{shape}")
        super().__init__(name=name, dtype=dtype, **kwargs)
        self.shape = (batch_size,) + tuple(shape)
        self._declared_input_shape = tuple(shape)
        self._output_shape = self.shape
        self.built = True
        # Its output: the KerasTensor that keras.Input returns (a node with no inputs).
        Node(self, (), {}, KerasTensor(self.shape, self.dtype, name=self.name))

    def call(self, inputs):
        return inputs

    @property
    def input(self):
        return self.output

    def get_config(self):
        return {"batch_shape": list(self.shape), "dtype": self.dtype, "name": self.name}

    def _build_config(self):
        return None  # built when made


def Input(shape=None, batch_size=None, dtype=None, name=None):  # noqa: N802 (Keras name)
    """A model's input: ``keras.Input(shape=(784,), name="pixels")``, a KerasTensor.

    Its ``dtype`` is a string, ``"float32"`` (``keras.config.floatx()``) unless given,
    as in Keras 3.

    Example::

        >>> inputs = keras.Input(shape=(3,), name="my_input")
        >>> print(inputs, inputs.dtype)                # the dtype is a string, 'float32'
        <KerasTensor shape=(None, 3), dtype=float32, sparse=False, name=my_input> float32
        >>> outputs = layers.Dense(2)(inputs)          # the functional API
        >>> model = keras.Model(inputs=inputs, outputs=outputs)
        >>> print([tuple(w.shape) for w in model.weights])
        [(3, 2), (2,)]
    """
    dtype = dtypes.as_dtype(dtype or floatx()).name
    return InputLayer(shape=shape, batch_size=batch_size, dtype=dtype, name=name).output
