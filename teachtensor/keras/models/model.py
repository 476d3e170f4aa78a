"""Model: a layer that can be trained.  Three ways to make one:

* ``keras.Sequential([...])``, a stack of layers (``sequential.py``);
* the functional API, a graph of layers from ``keras.Input`` to the outputs:
  ``keras.Model(inputs, outputs)`` (``functional.py``);
* subclassing, for any computation written in Python::

      class Classifier(keras.Model):
          def __init__(self):
              super().__init__()
              self.hidden = layers.Dense(64, activation="relu")
              self.out = layers.Dense(10, activation="softmax")

          def call(self, inputs):
              return self.out(self.hidden(inputs))

A Model is a Layer (weights are tracked the same way) plus what ``trainer.py`` adds
(compile / fit / evaluate / predict), plus saving weights and ``summary()``.  The
weights of a Sequential or subclassed model exist only after the first call, when the
input shape becomes known; a functional model has them as soon as it is made.
"""
import inspect

import numpy as np

from ...ops.creation import zeros
from ...tensor import TensorShape
from .. import saving
from ..layers.layer import GENERIC_GET_CONFIGS, Layer
from .trainer import Trainer


class Model(Trainer, Layer):
    """Base class of trainable models: subclass it and write ``call``, or make one from
    a graph of layers, ``keras.Model(inputs=..., outputs=...)`` (``functional.py``).

    Example::

        >>> class TinyModel(keras.Model):
        ...     def __init__(self):
        ...         super().__init__()
        ...         self.dense = layers.Dense(1, activation="sigmoid")
        ...
        ...     def call(self, inputs):
        ...         return self.dense(inputs)

        >>> model = TinyModel()
        >>> print(model(tf.ones((4, 2))).shape)
        (4, 1)
    """

    def __new__(cls, *args, **kwargs):
        if cls is Model and (args or "inputs" in kwargs or "outputs" in kwargs):
            from .functional import Functional
            return Layer.__new__(Functional)  # (Python then runs Functional.__init__)
        return Layer.__new__(cls, *args, **kwargs)

    def __init__(self, *args, **kwargs):
        graph_args = _graph_arguments(args, kwargs)
        Layer.__init__(self, **kwargs)
        self._init_trainer()
        self._graph = None
        if graph_args is not None:  # the functional API (also for subclasses of Model)
            from .functional import Graph
            self._graph = Graph(*graph_args, model_name=self.name)
            self._layers = list(self._graph.layers)
            self.built = True

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
        self._clear_losses()  # (the penalties of that batch of zeros mean nothing)

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
            if hasattr(inputs, "shape"):
                self._build_shape = (None,) + tuple(inputs.shape[1:])
            self._just_built()
        return outputs

    def _convert_input(self, x):
        """A graph's model leaves the data as it is: each of its inputs converts its own,
        to the dtype of its ``keras.Input`` (``functional._checked``)."""
        if self._graph is not None:
            return x
        return super()._convert_input(x)

    def _just_built(self):
        """After the first call has made the weights (Sequential traces its graph)."""

    def call(self, inputs, training=None):
        if self._graph is not None:
            return self._graph.run(inputs, training)
        raise NotImplementedError(f"{type(self).__name__} must define call(self, inputs) "
                                  f"(subclassing keras.Model), or be made from a graph, "
                                  f"keras.Model(inputs, outputs), or use keras.Sequential")

    # -- a graph's ends (functional models) ----------------------------------------------
    @property
    def inputs(self):
        """The input KerasTensors, as a list (functional models; a dict's by sorted key,
        as Keras lists them)."""
        return list(self._graph_or_error("inputs").keras_inputs)

    @property
    def outputs(self):
        """The output KerasTensors, as a list (as ``inputs``)."""
        return list(self._graph_or_error("outputs").keras_outputs)

    @property
    def input(self):
        """The inputs as given to ``keras.Model(inputs, ...)`` (a tensor, list or dict)."""
        return self._graph.inputs if self._graph is not None else Layer.input.fget(self)

    @property
    def output(self):
        """The outputs as given to ``keras.Model(..., outputs)``."""
        return self._graph.outputs if self._graph is not None else Layer.output.fget(self)

    @property
    def input_shape(self):
        """Each input's shape, None for the batch axis (functional models): one tuple for
        one input, else a list in the order of ``inputs`` (a dict's sorted keys)."""
        return _one_or_list([t.shape for t in self.inputs])

    @property
    def output_shape(self):
        """Each output's shape, as ``input_shape``.  A subclassed model has the shape of
        its last call's output."""
        if self._graph is None:
            return Layer.output_shape.fget(self)
        return _one_or_list([t.shape for t in self.outputs])

    @property
    def output_names(self):
        """The names of the layers that make the outputs (functional models), in the
        order of ``outputs``, as Keras 3 gives them.  (A dict of outputs is still trained
        by its keys: losses, metrics and the history's entries go by key.)"""
        self._graph_or_error("output_names")
        return [t._keras_history[0].name for t in self.outputs]

    def _graph_or_error(self, what):
        if self._graph is None:
            raise AttributeError(f"model '{self.name}' was not made from a graph of layers "
                                 f"(keras.Model(inputs, outputs)), so it has no {what}")
        return self._graph

    @property
    def layers(self):
        return self._sublayers()

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
        """Write the weights to ``filepath``: ``*.weights.h5`` in Keras's layout, with
        the optimizer's state (real Keras reads it), or ``*.weights.npz``, the weights
        alone as a NumPy archive (``saving/``)."""
        self._check_can_write(filepath, overwrite)
        saving.save_weights(self, filepath)

    def load_weights(self, filepath, skip_mismatch=False):
        """Read weights written by ``save_weights`` (here or in Keras), or those of a
        ``.keras`` file; the whole file is checked before any weight changes."""
        if skip_mismatch:
            raise NotImplementedError("load_weights(skip_mismatch=True): teachtensor loads "
                                      "all the weights of a file or none of them; load into "
                                      "a model of the same architecture")
        if not self.built:
            raise ValueError(f"load_weights: model '{self.name}' has no weights yet to load "
                             f"into; call it on a batch or model.build((None, n_features)) "
                             f"first, so its weights have their shapes")
        saving.load_weights(self, filepath)

    def save(self, filepath, overwrite=True, zipped=None, save_format=None):
        """Write the whole model — architecture, weights, optimizer state, compile
        settings — to ``filepath`` (``*.keras``, Keras 3's format); reopen it with
        ``keras.models.load_model`` here or in real Keras."""
        if save_format is not None:  # Keras 2's argument; Keras 3 refuses it too
            raise ValueError(f"save(save_format={save_format!r}): Keras 3 has no "
                             f"save_format; the file name says the format. Remove it and "
                             f"name the file '....keras'")
        if zipped is False:
            raise ValueError("teachtensor writes .keras files zipped only (zipped=False is "
                             "Keras's unzipped folder, which teachtensor does not write)")
        saving.save_model(self, filepath, overwrite=overwrite)

    def _check_can_write(self, filepath, overwrite):
        import os
        if not overwrite and os.path.exists(str(filepath)):
            raise FileExistsError(f"{str(filepath)!r} exists and overwrite=False; nothing "
                                  f"was written")

    # -- configuration (saving/serialization.py) -------------------------------------------
    def get_compile_config(self):
        """The arguments ``compile`` was given, as a ``.keras`` file records them."""
        if self.optimizer is None:
            return None
        return saving.keras_file.serialize_compile_arguments(self._compile_arguments)

    def compile_from_config(self, config, custom_objects=None):
        """``compile`` with the arguments that ``get_compile_config`` recorded."""
        self.compile(**saving.keras_file.deserialize_compile_arguments(config,
                                                                       custom_objects))

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """The model ``get_config`` describes.  A functional model's config (its layers
        and their connections) is rebuilt as a graph, as in Keras: by
        ``keras.Model.from_config``, and by a subclass whose ``__init__`` passes
        ``(*args, **kwargs)`` on; other configs are ``cls(**config)``."""
        if all(key in config for key in ("layers", "input_layers", "output_layers")):
            if cls is Model:
                from .functional import Functional
                return Functional.from_config(config, custom_objects)
            if _passes_arguments_on(cls):
                from . import functional_config
                return functional_config.from_config(cls, config, custom_objects)
        return cls(**config)

    def get_config(self):
        """A subclass made from a graph, ``MyModel(inputs, outputs)``, whose ``__init__``
        passes ``(*args, **kwargs)`` on, is described as the functional model it is (as
        Keras does); any other model by its constructor's arguments."""
        if self._graph is not None and _passes_arguments_on(type(self)):
            from . import functional_config
            return functional_config.get_config(self)
        return Layer.get_config(self)

    def to_json(self, **kwargs):
        """The model's architecture as a JSON string (no weights), as in a ``.keras``
        file's config.json; ``keras.models.model_from_json`` makes the model again.
        ``kwargs`` go to ``json.dumps`` (``indent=2``, say)."""
        import json
        from ..saving.serialization import serialize_keras_object
        return json.dumps(serialize_keras_object(self), **kwargs)

    def _build_config(self):
        shape = getattr(self, "_build_shape", None)
        return None if shape is None else {"input_shape": list(shape)}

    def build_from_config(self, config):
        shape = config.get("input_shape")
        if shape is not None and not self.built:
            self.build(shape)

    # -- description -----------------------------------------------------------------------
    def summary(self, line_length=None, positions=None, print_fn=None):
        """Print the layers, their output shapes and parameter counts."""
        from .summary import print_summary
        print_summary(self, line_length=line_length or 65, print_fn=print_fn or print)

    def count_params(self):
        return int(sum(np.prod(w.shape) for w in self.weights))


GENERIC_GET_CONFIGS.add(Model.get_config)  # (a subclass of yours: its arguments, above)


def _passes_arguments_on(cls):
    """True when ``cls.__init__`` takes ``(*args, **kwargs)``: it can be made with a
    graph's inputs and outputs."""
    kinds = {p.kind for p in inspect.signature(cls.__init__).parameters.values()}
    return {inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD} <= kinds


def _graph_arguments(args, kwargs):
    """``(inputs, outputs)`` from ``Model(inputs, outputs)`` or by keyword, else None."""
    if len(args) > 2:
        raise TypeError(f"keras.Model takes inputs and outputs (two arguments), got "
                        f"{len(args)} positional arguments")
    inputs = args[0] if args else kwargs.pop("inputs", None)
    outputs = args[1] if len(args) > 1 else kwargs.pop("outputs", None)
    if inputs is None and outputs is None:
        return None
    if inputs is None or outputs is None:
        raise ValueError("keras.Model(inputs=..., outputs=...) needs both the inputs "
                         "(keras.Input(...)) and the outputs (what the last layers return)")
    return inputs, outputs


def model_from_json(json_string, custom_objects=None):
    """A new model (new weights) from ``model.to_json()``'s string, or Keras's.

    Example::

        >>> model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name="out")])
        >>> again = keras.models.model_from_json(model.to_json())
        >>> print(type(again).__name__, [layer.name for layer in again.layers],
        ...       again.get_weights()[0].shape)
        Sequential ['out'] (3, 2)
    """
    import json
    from ..saving.serialization import deserialize_keras_object
    try:
        config = json.loads(json_string)
    except (TypeError, ValueError) as error:
        raise ValueError(f"model_from_json needs the JSON string of model.to_json(): "
                         f"{error}") from None
    return deserialize_keras_object(config, custom_objects)


def _one_or_list(shapes):
    """Keras's way of giving shapes: the shape alone when there is one."""
    return shapes[0] if len(shapes) == 1 else shapes
