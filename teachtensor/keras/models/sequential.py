"""Sequential: a model that is a stack of layers, each feeding the next.

    model = keras.Sequential([
        layers.Dense(32, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])

No input size is given: the first call builds each layer in turn from the shape of
what reaches it.  Starting with ``keras.Input(shape=(784,))`` builds it at once.
"""
from ..keras_tensor import KerasTensor
from ..layers.input_layer import InputLayer
from ..layers.layer import Layer
from .model import Model


class Sequential(Model):
    """``Sequential(layers=None, name=None)``: ``add`` layers, then compile and fit.

    Example::

        >>> inputs = np.random.default_rng(0).normal(size=(64, 2)).astype("float32")
        >>> targets = (inputs[:, :1] + inputs[:, 1:] > 0).astype("float32")
        >>> model = keras.Sequential([layers.Dense(8, activation="relu"),
        ...                           layers.Dense(1, activation="sigmoid")])
        >>> model.compile(optimizer="rmsprop", loss="binary_crossentropy",
        ...               metrics=["accuracy"])
        >>> history = model.fit(inputs, targets, epochs=2, batch_size=16, verbose=0)
        >>> print(sorted(history.history), model.predict(inputs[:3], verbose=0).shape)
        ['accuracy', 'loss'] (3, 1)
    """

    def __init__(self, layers=None, name=None, trainable=True):
        if isinstance(layers, (Layer, KerasTensor)):
            raise TypeError(f"keras.Sequential takes a list of layers, but got one "
                            f"{type(layers).__name__}: put it in square brackets, "
                            f"keras.Sequential([layers.Dense(...)]), or add layers one at a "
                            f"time with model.add(layer)")
        super().__init__(name=name, trainable=trainable)
        self._input_layer = None
        for layer in layers or []:
            self.add(layer)

    def add(self, layer):
        """Put ``layer`` on top of the stack."""
        if isinstance(layer, KerasTensor):  # keras.Input(...): its InputLayer
            source = layer._keras_history[0]
            if not isinstance(source, InputLayer):
                raise TypeError(f"Sequential.add takes layers; {layer!r} is the output of "
                                f"layer '{source.name}', not a keras.Input. Build a "
                                f"functional model instead: keras.Model(inputs, outputs)")
            layer = source
        if not isinstance(layer, Layer):
            raise TypeError(f"Sequential.add takes a layer (an instance of "
                            f"keras.layers.Layer), got {type(layer).__name__} {layer!r}. "
                            f"Did you forget to call it, e.g. layers.Dense(32) rather than "
                            f"layers.Dense?")
        if isinstance(layer, InputLayer):
            if self._layers or self._input_layer is not None:
                raise ValueError("an Input / InputLayer can only be the first layer of a "
                                 "Sequential model")
            self._input_layer = layer
            self._build_shape = (None,) + layer._declared_input_shape
            return
        if any(layer.name == other.name for other in self._layers):
            raise ValueError(f"the model already has a layer named {layer.name!r}; layer "
                             f"names must be unique")
        self._layers.append(layer)
        declared = layer._declared_input_shape if len(self._layers) == 1 else None
        if declared is not None:  # Dense(32, input_shape=(784,)), the Keras 2 way
            self._build_shape = (None,) + declared
        built_output = self.__dict__.get("_build_output")
        if self.built and built_output is not None and len(self._layers) > 1:
            self._build_output = layer(built_output)  # build just the new layer
            layer._clear_losses()
        else:
            self._rebuild(getattr(self, "_build_shape", None))

    def pop(self):
        """Remove the top layer."""
        if not self._layers:
            raise TypeError("There are no layers in the model to pop")
        layer = self._layers.pop()
        self._build_output = None
        if not self._layers:
            self.built = False
        return layer

    def _rebuild(self, input_shape):
        """After a change of layers, build again when the input shape is known."""
        self.built = False
        if input_shape is not None and self._layers:
            self.build(input_shape)

    def call(self, inputs, training=None):
        x = inputs
        for layer in self._layers:
            x = layer(x, training=training)
        return x

    # -- configuration (saving/serialization.py) -----------------------------------------
    def get_config(self):
        """The layers' configs in order (an InputLayer first once the model is built)."""
        from ..saving.serialization import serialize_keras_object
        layers = [serialize_keras_object(layer) for layer in self._layers]
        shape = getattr(self, "_build_shape", None)
        if shape is not None:
            source = self._input_layer or InputLayer(shape=tuple(shape[1:]), dtype=self.dtype,
                                                     name="input_layer")
            layers.insert(0, serialize_keras_object(source))
        config = {"name": self.name, "trainable": self.trainable, "dtype": self.dtype,
                  "layers": layers}
        if shape is not None:
            config["build_input_shape"] = list(shape)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from ..saving.serialization import deserialize_keras_object
        layers = [deserialize_keras_object(entry, custom_objects) for entry in config["layers"]]
        model = cls(layers=layers, name=config.get("name"),
                    trainable=config.get("trainable", True))
        shape = config.get("build_input_shape")
        if not model.built and shape is not None:
            model.build(shape)
        return model

    @property
    def input_shape(self):
        shape = getattr(self, "_build_shape", None)
        if shape is None:
            raise AttributeError(f"model '{self.name}' has not been built, so it has no "
                                 f"input shape yet")
        return shape
