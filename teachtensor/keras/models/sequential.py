"""Sequential: a model that is a stack of layers, each feeding the next.

    model = keras.Sequential([
        layers.Dense(32, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])

No input size is given: the first call builds each layer in turn from the shape of
what reaches it.  Starting with ``keras.Input(shape=(784,))`` builds it at once.

Once built, it is also a graph, as in Keras 3: each layer is called once more on
KerasTensors (``_trace``), so ``model.inputs``, ``model.outputs`` and each layer's
``output`` exist, and ``keras.Model(model.inputs, [layer.output for layer in
model.layers])`` makes a model that returns every layer's activations.
"""
import numpy as np

from ...tensor import Tensor, TensorShape
from ..keras_tensor import KerasTensor
from ..name_scope import name_scope
from ..layers.input_layer import InputLayer
from ..layers.layer import Layer, rank_hint
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
        self._traced = None        # (input KerasTensor, output KerasTensor) once built
        self._traced_count = 0     # how many of the layers that graph goes through
        self._trace_error = None   # why the graph could not be traced, if it could not
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
            with name_scope(self._scope_path()):  # (its weights: sequential/dense/...)
                self._build_output = layer(built_output)  # build just the new layer
            layer._clear_losses()
            self._trace_one_more(layer)
        else:
            self._rebuild(getattr(self, "_build_shape", None))

    def pop(self):
        """Remove the top layer."""
        if not self._layers:
            raise TypeError("There are no layers in the model to pop")
        layer = self._layers.pop()
        self._build_output = None
        self._traced = None
        if not self._layers:
            self.built = False
        else:
            self._trace()
        return layer

    def _rebuild(self, input_shape):
        """After a change of layers, build again when the input shape is known."""
        self.built = False
        if input_shape is not None and self._layers:
            self.build(input_shape)

    def call(self, inputs, training=None):
        x = inputs
        if self._traced is not None and isinstance(x, dict):  # (built for one tensor)
            raise TypeError(f"a Sequential model takes one input, an array or a tensor; got "
                            f"a dict with the keys {list(x)}. For named inputs, build a "
                            f"functional model: keras.Model(inputs={{'name': "
                            f"keras.Input(...)}}, outputs=...)")
        if self._traced is not None and isinstance(x, (Tensor, np.ndarray)):
            expected = self._traced[0].shape  # the built input's, None for the batch
            if len(x.shape) != len(expected):  # (Keras 3 refuses another rank too)
                raise ValueError(
                    f"Sequential model '{self.name}' was built for inputs of shape "
                    f"{TensorShape(expected)} (None: any size), rank {len(expected)}, but "
                    f"received shape {TensorShape(tuple(x.shape))}, rank {len(x.shape)}"
                    f"{rank_hint(tuple(x.shape), expected)}")
        for layer in self._layers:
            x = layer(x, training=training)
        return x

    # -- the graph of a built Sequential (Keras 3 keeps one too) --------------------------
    def _just_built(self):
        if self._traced is not None and self._traced_count < len(self._layers):
            for layer in self._layers[self._traced_count:]:  # layers added since
                self._trace_one_more(layer)
        else:
            self._trace()

    def _trace(self):
        """Call the layers once on KerasTensors, from the input layer (or a new input of
        the built shape): each layer gets its ``output``, the model ``inputs`` and
        ``outputs``.  The weights are those already built (nothing is created).  A layer
        that cannot run on a KerasTensor leaves the model without a graph, and the
        reason is given when ``inputs`` or ``outputs`` is asked for."""
        self._traced, self._trace_error, self._traced_count = None, None, 0
        shape = getattr(self, "_build_shape", None)
        if shape is None or not self._layers:
            return
        source = self._input_layer or InputLayer(shape=tuple(shape[1:]), dtype=self.dtype,
                                                 name=f"{self.name}_input")
        x = inputs = source.output
        try:
            for layer in self._layers:
                x = layer(x)
        except Exception as error:  # (a call() that needs real numbers, say)
            self._trace_error = error
            return
        self._traced, self._traced_count = (inputs, x), len(self._layers)

    def _trace_one_more(self, layer):
        """Extend the traced graph by the layer just added on top."""
        if self._traced is None:
            return self._trace()
        try:
            self._traced = (self._traced[0], layer(self._traced[1]))
            self._traced_count += 1
        except Exception as error:
            self._traced, self._trace_error = None, error

    def _traced_or_error(self, what):
        if self._traced is None:
            reason = (f": tracing its layers on KerasTensors failed with "
                      f"{type(self._trace_error).__name__}: {self._trace_error}"
                      if self._trace_error is not None else
                      " yet: it has not been built (start it with keras.Input(shape=...), "
                      "call it on data, or call model.build((None, n_features)))")
            raise AttributeError(f"Sequential model '{self.name}' has no {what}{reason}")
        return self._traced

    @property
    def inputs(self):
        """[the input KerasTensor] of the built model's graph."""
        return [self._traced_or_error("inputs")[0]]

    @property
    def outputs(self):
        """[the output KerasTensor] of the built model's graph."""
        return [self._traced_or_error("outputs")[1]]

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
