"""The Layer: a piece of computation with weights, the building block of every model.

A layer is a Python object holding *state* (its weights, tf.Variables) and a
*computation* (``call``, from inputs to outputs).  A new layer writes two methods::

    class SimpleDense(keras.layers.Layer):
        def __init__(self, units, activation=None):
            super().__init__()
            self.units, self.activation = units, activation

        def build(self, input_shape):            # create the weights...
            self.W = self.add_weight(shape=(input_shape[-1], self.units),
                                     initializer="random_normal")
            self.b = self.add_weight(shape=(self.units,), initializer="zeros")

        def call(self, inputs):                  # ...and use them
            y = tf.matmul(inputs, self.W) + self.b
            return self.activation(y) if self.activation is not None else y

Why a separate ``build``?  The kernel's shape depends on the input's size, which the
layer does not know until it sees data.  ``layer(x)`` (``__call__``) calls
``build(x.shape)`` the first time, then ``call(x)``: *automatic shape inference*, so a
model can be written as a list of layers without input sizes.

Weights are *tracked*: those made with ``add_weight``, Variables assigned as attributes,
and the weights of sub-layers assigned as attributes, whatever the attribute's name
(``self._dense = Dense(4)`` trains too, as in Keras 3).  ``layer.weights`` lists them
all, which is how a model finds what to train.  Metrics assigned as attributes are
tracked as well (``model.metrics`` lists them).

Losses other than the compiled one: ``layer.losses`` lists the penalties of a layer and
its sub-layers (``keras/regularizers.py``): one per regularized weight, computed afresh
each time it is read, and those added during the last call (``activity_regularizer``,
``add_loss``).  Those are forgotten when the next call from outside begins, so after
``model(x)`` they are the penalties of that one forward pass.
"""
import difflib
import functools
import inspect
import threading
import warnings

import numpy as np

from ... import dtypes
from ...ops.core import cast, reduce_sum
from ...tensor import Tensor, TensorShape, convert_to_tensor
from ...variable import Variable
from .. import initializers, regularizers
from ..config import floatx
from ..keras_tensor import flatten, is_symbolic
from ..name_scope import name_scope, path_of, stack as scope_stack
from ..saving.assign import assign_all
from ..variable import Variable as KerasVariable
from .naming import snake_case as _snake_case, unique_name
from .node import symbolic_call


class Layer:
    """Base class of all layers: ``Layer(trainable=True, name=None, dtype=None)``.

    Example::

        >>> class SimpleDense(keras.Layer):
        ...     def __init__(self, units, activation=None):
        ...         super().__init__()
        ...         self.units = units
        ...         self.activation = activation
        ...
        ...     def build(self, input_shape):
        ...         batch_dim, input_dim = input_shape
        ...         self.W = self.add_weight(shape=(input_dim, self.units),
        ...                                  initializer="random_normal")
        ...         self.b = self.add_weight(shape=(self.units,), initializer="zeros")
        ...
        ...     def call(self, inputs):
        ...         y = keras.ops.matmul(inputs, self.W) + self.b
        ...         return self.activation(y) if self.activation is not None else y

        >>> my_dense = SimpleDense(units=32, activation=keras.ops.relu)
        >>> print(my_dense(keras.ops.ones(shape=(2, 784))).shape)
        (2, 32)
    """

    def __init_subclass__(cls, **kwargs):
        """A method named almost like ``build`` or ``call`` (``bulid``, ``cal``) in a
        class that does not have the real one would never be called: Keras would run
        its own do-nothing ``build`` and the weights would be missing. Say so when the
        class is defined."""
        super().__init_subclass__(**kwargs)
        if "build" in vars(cls):  # weights made in build() live under the layer's place
            cls.build = _built_in_scope(cls.build)
        if cls.__module__.startswith("teachtensor."):
            return  # (teachtensor's own layers)
        for real in ("build", "call"):
            if not getattr(cls, real).__module__.startswith("teachtensor."):
                continue  # the class (or one of yours above it) has its own
            for name in vars(cls):
                if real not in name and difflib.SequenceMatcher(
                        None, name.lower(), real).ratio() >= 0.8:
                    warnings.warn(f"{cls.__name__}.{name} looks like a misspelt "
                                  f"{real}(): Keras calls {real}(), and {cls.__name__} "
                                  f"has none of its own, never {name}()", stacklevel=2)

    def __new__(cls, *args, **kwargs):
        """Remember the arguments the layer is made with: a layer of yours that writes
        no ``get_config`` is saved with them (as Keras does)."""
        layer = object.__new__(cls)
        object.__setattr__(layer, "_init_arguments", _bound_arguments(cls, args, kwargs))
        return layer

    def __init__(self, trainable=True, name=None, dtype=None, input_shape=None,
                 input_dim=None, activity_regularizer=None, **kwargs):
        if kwargs:
            raise TypeError(f"{type(self).__name__}() got unexpected keyword arguments "
                            f"{sorted(kwargs)}")
        object.__setattr__(self, "_layer_initialized", True)
        self._own_variables = []  # created here, in creation order
        self._made_frozen = set()  # ids of those created with trainable=False
        self._layers = []         # sub-layers assigned as attributes
        self._containers = []     # lists and dicts assigned as attributes (see _track)
        self._metrics = []        # metrics assigned as attributes
        self._trainable = bool(trainable)
        self.name = name or unique_name(_snake_case(type(self).__name__))
        self._scope = None  # its place among the layers, once fixed (keras/name_scope.py)
        self.dtype = dtypes.as_dtype(dtype or floatx()).name
        self.built = False
        self.input_spec = None     # set by build(): what later inputs must look like
        self._output_shape = None  # last output shape, batch axis as None (for summary)
        if input_dim is not None and input_shape is None:
            input_shape = (input_dim,)
        # Keras 2 style ``Dense(32, input_shape=(784,))``: Sequential builds right away.
        if isinstance(input_shape, (int, np.integer)) and not isinstance(input_shape, bool):
            raise TypeError(f"input_shape must be a tuple, e.g. input_shape=({input_shape},), "
                            f"got the integer {input_shape}")
        self._declared_input_shape = tuple(input_shape) if input_shape is not None else None
        self._call_takes_training = _accepts(self.call, "training")
        self._training_position = _position_of(self.call, "training")  # in call(inputs, ...)
        self._inbound_nodes = []   # one per call on KerasTensors (the functional API)
        # A penalty on the outputs; the losses of the last call; (weight, regularizer).
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self._losses = []
        self._weight_regularizers = []

    # -- attribute tracking ------------------------------------------------------------
    def __setattr__(self, name, value):
        if "_layer_initialized" not in self.__dict__ and not name.startswith("__"):
            raise RuntimeError(_FORGOT_SUPER.format(cls=type(self).__name__))
        if name not in FRAMEWORK_ATTRIBUTES:
            self._track(value)
        object.__setattr__(self, name, value)

    def _track(self, value):
        """Remember Variables, sub-layers and metrics stored in attributes (also inside
        lists, tuples and dicts; a list or dict is remembered too, so that what is
        appended to it later, ``self.blocks.append(Dense(4))``, is found when the weights
        are read)."""
        if isinstance(value, Layer):
            if value is not self and not any(value is l for l in self._layers):
                self._layers.append(value)
        elif isinstance(value, Variable):
            if not any(value is v for v in self._own_variables):
                self._own_variables.append(value)
        elif _is_metric(value):
            if not any(value is m for m in self._metrics):
                self._metrics.append(value)
        elif isinstance(value, (list, tuple, dict)):
            if isinstance(value, (list, dict)) and not any(value is c for _, c in
                                                            self._containers):
                self._containers.append((len(self._layers), value))  # (where it was set)
            for item in value.values() if isinstance(value, dict) else value:
                self._track(item)

    def _sublayers(self):
        """The sub-layers: those assigned as attributes, then those added since to a
        tracked list or dict."""
        layers = []

        def add(layer):
            if layer is not self and not any(layer is seen for seen in layers):
                layers.append(layer)

        for i in range(len(self._layers) + 1):  # (in the order of assignment)
            for position, container in self._containers:
                if position == i:
                    for item in _items([container]):
                        if isinstance(item, Layer):
                            add(item)
            if i < len(self._layers):
                add(self._layers[i])
        return layers

    def _metrics_here(self):
        """The metrics assigned as attributes of this layer (or put in tracked lists)."""
        found = list(self._metrics)
        for item in _items([container for _, container in self._containers]):
            if _is_metric(item) and not any(item is seen for seen in found):
                found.append(item)
        return found

    def _variables_here(self):
        """This layer's own Variables (created here, assigned, or in tracked lists)."""
        own = list(self._own_variables)
        for item in _items([container for _, container in self._containers]):
            if isinstance(item, Variable) and not any(item is seen for seen in own):
                own.append(item)
        return own

    # -- weights ---------------------------------------------------------------------
    def add_weight(self, shape=None, initializer="glorot_uniform", dtype=None,
                   trainable=True, name=None, regularizer=None, constraint=None):
        """Create a Variable of ``shape`` filled by ``initializer`` and track it;
        ``regularizer`` adds a penalty on it to ``layer.losses``.

        The weight is a ``keras.Variable``: ``w.name`` is ``name`` (``"kernel"``), and
        ``w.path`` says where it lives (``"sequential/my_layer/kernel"``, see
        ``keras/name_scope.py``).  Without a ``name`` the weights are ``variable``,
        ``variable_1``, ... as in Keras 3 (one counter for the session).
        """
        self._check_initialized()
        if constraint is not None:
            raise NotImplementedError(f"add_weight(constraint=...) is not supported by "
                                      f"teachtensor (weight {name!r}); leave it out")
        regularizer = regularizers.get(regularizer)
        if isinstance(shape, str):  # Keras 2 order: add_weight("kernel", (3, 4))
            raise TypeError(f"add_weight's first argument is the shape, got the string "
                            f"{shape!r}; pass the name by keyword: add_weight(shape=(...), "
                            f"initializer=..., name={shape!r})")
        shape = () if shape is None else tuple(int(s) for s in shape)
        dtype = dtypes.as_dtype(dtype or self.dtype)
        init = initializers.get(initializer)
        value = init(shape, dtype=dtype)
        value = convert_to_tensor(value, dtype=dtype)
        if tuple(value.shape) != shape:
            raise ValueError(f"the initializer {initializer!r} of weight {name!r} returned "
                             f"shape {value.shape}, expected {TensorShape(shape)}")
        # Unnamed: variable, variable_1, ... (one counter for the whole session, shared
        # with keras.Variable, as in Keras 3), so that no two weights print alike.
        # In the layer's own call or build its place is on top; elsewhere (add_weight in
        # __init__) Keras 3 puts the layer's name on the scopes open now, for this weight.
        scopes = scope_stack()
        inside = self._scope is not None and scopes and scopes[-1] == self._scope
        with name_scope(self._scope if inside else path_of(self.name)):
            variable = KerasVariable(value, trainable=trainable and self._trainable,
                                     name=name or unique_name("variable"))
        if not trainable:  # made non-trainable: unfreezing the layer keeps it so
            self._made_frozen.add(id(variable))
        self._own_variables.append(variable)
        if regularizer is not None:
            self._weight_regularizers.append((variable, regularizer))
        return variable

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        """Freezing a layer freezes its weights and those of its sub-layers."""
        self._trainable = bool(value)
        for v in self._variables_here():  # a weight made non-trainable stays so
            v.trainable = self._trainable and id(v) not in self._made_frozen
        for layer in self._sublayers():
            layer.trainable = value

    @property
    def weights(self):
        """All weights: this layer's (trainable first), then each sub-layer's."""
        own = self._variables_here() if self._containers else self._own_variables
        result = [v for v in own if v.trainable] + [v for v in own if not v.trainable]
        for layer in self._sublayers() if self._containers else self._layers:
            for w in layer.weights:
                if not any(w is seen for seen in result):
                    result.append(w)
        return result

    @property
    def trainable_weights(self):
        return [w for w in self.weights if w.trainable]

    @property
    def non_trainable_weights(self):
        return [w for w in self.weights if not w.trainable]

    # The Keras 3 names for the same lists (properties, so that subclasses overriding
    # ``weights`` — Model does — are followed).
    @property
    def variables(self):
        return self.weights

    @property
    def trainable_variables(self):
        return self.trainable_weights

    @property
    def non_trainable_variables(self):
        return self.non_trainable_weights

    def get_weights(self):
        """The weights' values as NumPy arrays, in the order of ``weights``."""
        return [w.numpy() for w in self.weights]

    def set_weights(self, weights):
        """Replace every weight's value; checks count and shapes before changing any."""
        assign_all(self.weights, weights, f"layer '{self.name}'")

    def count_params(self):
        """The number of numbers in all the weights."""
        if not self.built and not self._own_variables:
            raise ValueError(f"you tried to count the parameters of layer '{self.name}', "
                             f"which has not been built yet: its weights are created on "
                             f"its first call, when it sees the input shape")
        return int(sum(np.prod(w.shape) for w in self.weights))

    # -- building and calling --------------------------------------------------------
    def build(self, input_shape):
        """Create the weights, now that ``input_shape`` is known.  Override it."""
        self.built = True

    def call(self, inputs):
        """The computation from inputs to outputs.  Override it."""
        raise NotImplementedError(f"Layer {type(self).__name__} does not have a call() "
                                  f"method implemented: define call(self, inputs) in "
                                  f"{type(self).__name__}, returning the layer's output")

    def __call__(self, inputs, *args, **kwargs):
        """Convert the inputs, build on the first call, check them, run ``call``."""
        self._check_initialized()
        if "mask" in kwargs and kwargs["mask"] is None and not _accepts(self.call, "mask"):
            # Keras passes mask=None to every layer (its .keras files record it); a
            # call() without masks needs none (teachtensor makes no masks)
            del kwargs["mask"]
        if (not isinstance(inputs, Tensor) or args or kwargs) and \
                is_symbolic(inputs, args, kwargs):  # keras.Input(...) or a layer's output:
            return symbolic_call(self, (inputs,) + args, kwargs)  # a node of a graph
        inputs = self._convert_input(inputs)
        # training=: given here, or else inherited from the layer (or model) whose call
        # this call is inside, as in Keras; so model(x, training=True) reaches a Dropout
        # that a subclassed call() invokes without passing it on.
        outer_training = getattr(_CALLS, "training", None)
        position = self._training_position
        if position is not None and len(args) >= position:  # call(x, mask, training)
            training = args[position - 1]                    # given by position
        else:
            training = kwargs.get("training")
            if training is None:
                training = outer_training
            if not self._call_takes_training:
                kwargs.pop("training", None)
            elif training is not None:
                kwargs["training"] = training
        if not getattr(_CALLS, "depth", 0):  # a call from outside: a new forward pass
            self._clear_losses()
        _CALLS.depth = getattr(_CALLS, "depth", 0) + 1
        _CALLS.training = training
        scopes = scope_stack()  # weights made in this call live under this layer's place
        scopes.append(self._scope or self._scope_path())
        try:
            if not self.built:
                self._build_from(inputs)
            elif self.input_spec is not None:
                self.input_spec.check(self, inputs)
            outputs = self.call(inputs, *args, **kwargs)
        finally:
            scopes.pop()
            _CALLS.depth -= 1
            _CALLS.training = outer_training
        if self.activity_regularizer is not None:
            self._add_activity_penalty(outputs)
        shape = getattr(outputs, "shape", None)
        if shape is not None and len(shape) > 0:
            self._output_shape = (None,) + tuple(shape[1:])
        return outputs

    # -- losses: regularization penalties and add_loss --------------------------------
    @property
    def losses(self):
        """The scalar penalties of this layer and its sub-layers: those of the last call
        (activity regularizers, ``add_loss``), then one per regularized trainable weight
        (``regularizer(weight)``, computed now).  ``fit`` adds their sum to the loss."""
        layers = [self] + self._descendants()
        found = [loss for layer in layers for loss in layer._losses]
        for layer in layers:
            found.extend(regularizer(weight) for weight, regularizer in
                         layer._weight_regularizers if weight.trainable)
        return found

    def add_loss(self, loss):
        """Add a scalar loss during ``call`` (``self.add_loss(0.1 * tf.reduce_sum(x))``):
        it is in ``layer.losses`` until the next call, and ``fit`` minimizes it too."""
        for value in flatten(loss):
            value = convert_to_tensor(value)
            self._losses.append(reduce_sum(value) if value.ndim else value)  # (summed)

    def _add_activity_penalty(self, outputs):
        """The activity regularizer's penalty on each output, divided by the batch size
        (so that its strength does not depend on the batch size)."""
        for output in flatten(outputs):
            if isinstance(output, Tensor):
                penalty = self.activity_regularizer(output)
                if output.ndim > 0:
                    penalty = penalty / max(output.shape[0], 1)
                self._losses.append(penalty)

    def _clear_losses(self):
        for layer in [self] + self._descendants():
            layer._losses.clear()

    def _descendants(self):
        """Every layer inside this one, depth first, each once."""
        found, seen = [], {id(self)}

        def visit(layer):
            for sub in layer._sublayers():
                if id(sub) not in seen:
                    seen.add(id(sub))
                    found.append(sub)
                    visit(sub)
        visit(self)
        return found

    def _build_from(self, inputs):
        shape = getattr(inputs, "shape", None)
        self._build_with(TensorShape(shape) if shape is not None else None)
        self.built = True
        self._build_input_shape = _shape_for_config(inputs)

    def _build_with(self, input_shape):
        """``self.build(input_shape)``; or ``self.build()`` for a ``build`` defined
        without a parameter, as Keras 3 allows, saying what it missed if it needed it."""
        if inspect.signature(self.build).parameters:
            return self.build(input_shape)
        try:
            self.build()
        except NameError as error:
            if "shape" not in (error.name or ""):
                raise
            raise NameError(f"{error}: {type(self).__name__}.build was defined without a "
                            f"parameter. Define it as def build(self, input_shape): it "
                            f"receives the shape of the layer's input, here {input_shape} "
                            f"(the size of the last axis is input_shape[-1])") from error

    def _convert_input(self, x):
        """NumPy arrays and lists become tensors of the layer's dtype; float tensors of
        another precision are cast, as Keras does (float64 data, float32 weights)."""
        if isinstance(x, Tensor):
            dtype = x._data.dtype  # (compared as a dtype: NumPy's dtype.name is slow)
            if dtype.kind == "f" and dtype != self.dtype:
                return cast(x, self.dtype)
            return x
        if isinstance(x, (list, tuple)) and any(isinstance(item, (Tensor, np.ndarray))
                                                for item in x):
            return type(x)(self._convert_input(item) for item in x)  # several inputs
        if isinstance(x, np.ndarray) or isinstance(x, (list, float, int)):
            array = np.asarray(x)  # (nested lists of numbers: one array)
            if array.dtype.kind in "fiub" and array.dtype != np.dtype(self.dtype):
                array = array.astype(self.dtype)
            return convert_to_tensor(array)
        if isinstance(x, dict):
            return {key: self._convert_input(value) for key, value in x.items()}
        return x  # tuples of numbers, other objects...: the layer's call decides

    def _scope_path(self):
        """This layer's place, ``"sequential/dense"``: fixed the first time it is asked
        for (the first call, build or weight), inside the scopes open then."""
        if self._scope is None:
            self._scope = path_of(self.name)
        return self._scope

    def _check_initialized(self):
        if "_layer_initialized" not in self.__dict__:
            raise RuntimeError(_FORGOT_SUPER.format(cls=type(self).__name__))

    def compute_output_shape(self, input_shape):
        raise NotImplementedError(f"{type(self).__name__} does not define "
                                  f"compute_output_shape; call the layer on data instead")

    # -- in a functional model: where the layer was called ---------------------------
    @property
    def input(self):
        """The KerasTensor(s) this layer was first called on (functional API; a layer
        called several times has one node per call, ``layer._inbound_nodes[i]``)."""
        return self._first_node("input").args[0]

    @property
    def output(self):
        """The KerasTensor(s) this layer returned the first time it was called on
        KerasTensors (as in Keras 3; in a built Sequential model, its output there)."""
        return self._first_node("output").outputs

    def _first_node(self, what):
        if not self._inbound_nodes:
            raise AttributeError(f"Layer '{self.name}' has never been called on a "
                                 f"KerasTensor (keras.Input or a layer's output), so it has "
                                 f"no {what} yet")
        return self._inbound_nodes[0]

    @property
    def output_shape(self):
        if self._output_shape is None:
            raise AttributeError(f"layer '{self.name}' has not been called yet, so it has "
                                 f"no output shape")
        return self._output_shape

    # -- configuration: how saving describes the layer (saving/serialization.py) ----------
    def get_config(self):
        """The arguments that rebuild this layer: ``type(layer).from_config(config)``.

        A layer of yours that does not override it is described by the arguments it was
        made with, when they are plain values (numbers, strings, lists...); otherwise
        write ``get_config`` yourself, returning ``{**super().get_config(), ...}``.
        """
        config = {"name": self.name, "trainable": self.trainable, "dtype": self.dtype}
        if self.activity_regularizer is not None:
            config["activity_regularizer"] = regularizers.serialize(self.activity_regularizer)
        if type(self).get_config in GENERIC_GET_CONFIGS and \
                self.__dict__.get("_init_arguments") is not None:
            base = config
            if not _accepts(type(self).__init__, "name"):  # __init__(self, units): no
                config = {}                                  # room for name & co.
            arguments = {key: value for key, value in self._init_arguments.items()
                         if key not in config}
            if not _plain(arguments):
                kind = "Layer" if type(self).get_config is Layer.get_config else "Model"
                message = (f"{kind} {type(self).__name__} was made with arguments "
                           f"{arguments} that cannot be written to a file; write a "
                           f"get_config() method in {type(self).__name__} returning the "
                           f"arguments of its __init__ as plain values")
                if kind == "Layer":
                    raise NotImplementedError(message)
                # A model of layers or models (the book's VAE(encoder, decoder)): its
                # weights can still be saved, so warn, and describe it without them.
                warnings.warn(message + " (its file will not open again without one)",
                              stacklevel=3)
                return base
            config.update(arguments)
        return config

    @classmethod
    def from_config(cls, config):
        """The layer that ``get_config`` describes: ``cls(**config)``."""
        return cls(**config)

    def _build_config(self):
        """``{"input_shape": ...}``: the shape this layer was built for, batch axis None."""
        shape = getattr(self, "_build_input_shape", None)
        return None if shape is None else {"input_shape": shape}

    def build_from_config(self, config):
        """Create the weights for the saved ``build_config`` (before loading them)."""
        shape = config.get("input_shape")
        if shape is not None and not self.built:
            self._build_with(_as_shape(shape))
            self._build_input_shape = shape
            self.built = True

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"


def _built_in_scope(build):
    """``build`` run inside the layer's scope, as Keras 3 runs it: so a ``build()``
    called by hand puts the weights (and the sub-layers built there) in their place."""
    if getattr(build, "_in_scope", False):
        return build

    @functools.wraps(build)
    def build_in_scope(self, *args, **kwargs):
        with name_scope(self._scope_path()):
            return build(self, *args, **kwargs)
    build_in_scope._in_scope = True
    return build_in_scope


def promote_to_float(tensors):
    """Integer and bool tensors cast to the float dtype among ``tensors``, as Keras 3's
    operations promote them: ``int32 @ float32`` is float32 in ``keras.ops`` (TensorFlow's
    own ``tf.matmul`` refuses it), so ``Dense`` takes uint8 pixels.  (The merge layers
    follow all of Keras's rules, int32 with bool too: ``merging._one_dtype``.)  Returns a list; tensors without a float among them stay as they are.
    (Float tensors of another precision were already cast by ``Layer.__call__``; the
    full rules are in ``keras/ops/promotion.py``.  The dtype is read as NumPy's
    ``dtype.kind``, "f" for floats, because Dense calls this on every step.)"""
    floats = [x for x in tensors if x._data.dtype.kind == "f"]
    if not floats or len(floats) == len(tensors):
        return list(tensors)
    return [x if x._data.dtype.kind == "f" else cast(x, floats[0].dtype) for x in tensors]


def missing_batch_axis(shape):
    """The hint for one sample given where a batch of samples was expected."""
    return (f". This looks like one sample without its batch axis: layers and models "
            f"take batches, so make it a batch of one, x[None] or tf.expand_dims(x, 0), of "
            f"shape {TensorShape((1,) + tuple(shape))} (a tf.data.Dataset yields batches "
            f"only once batched: dataset.batch(32))")


def rank_hint(shape, expected):
    """What data of another rank than a model's input usually means, as a hint to end
    its error with ("" when there is none): one sample without its batch axis, one
    number per sample without its own axis, or a dataset batched twice (one axis too
    many).  ``expected`` is the input's shape, None for the batch."""
    if len(shape) == len(expected) - 1 and all(e is None or e == s
                                               for e, s in zip(expected[1:], shape)):
        return missing_batch_axis(shape)
    if len(shape) == len(expected) - 1 and expected[-1] == 1:
        return (f". One number per sample needs the shape (n, 1): x.reshape(-1, 1) or "
                f"x[:, None] (Keras 3 adds that axis itself)")
    if len(shape) == len(expected) + 1:
        return (". One axis too many: a tf.data.Dataset batched twice (.batch() called "
                "again on batches) gives this")
    return ""


class InputSpec:
    """What a built layer expects: a minimum rank and fixed sizes of some axes.

    ``Dense`` records the size of the last axis when it builds, so that a later input
    of the wrong size gets a clear error instead of a matmul failure deep inside.

    Example::

        >>> spec = layers.InputSpec(min_ndim=2, axes={-1: 3})
        >>> print(spec.min_ndim, spec.axes)
        2 {-1: 3}
    """

    def __init__(self, min_ndim=None, axes=None):
        self.min_ndim = min_ndim
        self.axes = dict(axes or {})

    def check(self, layer, x):
        shape = tuple(x.shape)
        if self.min_ndim is not None and len(shape) < self.min_ndim:
            one_sample = len(shape) == self.min_ndim - 1 and len(shape) > 0 and \
                self.axes.get(-1) == shape[-1]  # the shape of a sample, not of a batch
            raise ValueError(f"Input of layer '{layer.name}' is incompatible with the layer: "
                             f"expected min_ndim={self.min_ndim}, found ndim={len(shape)}. "
                             f"Full shape received: {TensorShape(shape)}"
                             f"{missing_batch_axis(shape) if one_sample else ''}")
        for axis, size in self.axes.items():
            if -len(shape) <= axis < len(shape) and shape[axis] != size:
                raise ValueError(
                    f"Input of layer '{layer.name}' is incompatible with the layer: "
                    f"expected axis {axis} of input shape to have value {size}, but "
                    f"received input with shape {TensorShape(shape)}. The layer was built "
                    f"(its weights created) for inputs whose axis {axis} has size {size}.")


# The attributes the framework keeps on layers and models for its own bookkeeping
# (Layer, Model, its training part, Sequential, InputLayer).  They hold sub-layers
# already tracked (``_layers``, the graph's), the loss tracker, the input layer of a
# Sequential...: every *other* attribute is tracked, whatever its name.  A framework
# class that keeps layers, Variables or metrics in a new private attribute adds its
# name here (tests/keras/test_tracking.py checks that none is missing).
FRAMEWORK_ATTRIBUTES = frozenset({
    # Layer
    "_layer_initialized", "_own_variables", "_layers", "_containers", "_metrics",
    "_trainable", "_output_shape", "_declared_input_shape", "_call_takes_training",
    "_training_position",
    "_inbound_nodes", "_init_arguments", "_build_input_shape", "_made_frozen",
    "_losses", "_weight_regularizers",
    # Model and its training part (models/model.py, models/trainer.py)
    "_graph", "_build_output", "_build_shape", "_building", "_loss_tracker",
    "_compile_loss", "_compile_metrics", "_compile_arguments",
    # Sequential
    "_input_layer",
})


def _is_metric(value):
    """Whether ``value`` is a keras metric (imported here: the metrics module itself
    imports from the layers package)."""
    from ..metric_base import Metric
    return isinstance(value, Metric)


_CALLS = threading.local()  # .depth: how many layer calls are under way in this thread;
#                              .training: the training flag of the innermost one


def _items(containers):
    """Every item of the lists and dicts (and of lists and dicts inside them)."""
    for container in containers:
        for item in container.values() if isinstance(container, dict) else container:
            if isinstance(item, (list, tuple, dict)):
                yield from _items([item])
            else:
                yield item


def _shape_for_config(inputs):
    """The input's shape as a JSON list, batch axis None (lists of them for lists)."""
    if isinstance(inputs, (list, tuple)):
        shapes = [_shape_for_config(x) for x in inputs]
        return None if any(s is None for s in shapes) else shapes
    shape = getattr(inputs, "shape", None)
    if shape is None:
        return None
    return [None] + [int(s) for s in tuple(shape)[1:]] if len(shape) else []


def _as_shape(saved):
    """A saved shape back: a TensorShape, or a list of them for a list of inputs."""
    if saved and isinstance(saved[0], list):
        return [TensorShape(tuple(s)) for s in saved]
    return TensorShape(tuple(saved))


def _bound_arguments(cls, args, kwargs):
    """``{argument name: value}`` of ``cls(*args, **kwargs)``, or None."""
    try:
        bound = inspect.signature(cls.__init__).bind(None, *args, **kwargs)
    except TypeError:
        return None  # __init__ will raise the error itself
    arguments = dict(bound.arguments)
    arguments.pop(next(iter(arguments)))  # self
    for name, parameter in inspect.signature(cls.__init__).parameters.items():
        if parameter.kind == parameter.VAR_KEYWORD and name in arguments:
            arguments.update(arguments.pop(name))
        elif parameter.kind == parameter.VAR_POSITIONAL and name in arguments:
            arguments.pop(name)
    return arguments


# The get_config methods that describe any subclass, Layer's and Model's (model.py adds
# its own): a class of yours that keeps one of them is saved with the arguments it was
# made with. Any other class (Dense, or yours with a get_config) describes itself.
GENERIC_GET_CONFIGS = {Layer.get_config}


def _plain(value):
    """Can ``value`` be written as JSON (numbers, strings, None, lists, dicts)?"""
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def _position_of(fn, argument):
    """Where ``argument`` stands among ``fn``'s positional parameters after the first
    (the inputs): 1 for ``call(self, inputs, training)``; None if it is not one."""
    try:
        params = [p for p in inspect.signature(fn).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        return None
    names = [p.name for p in params]
    return names.index(argument) if argument in names[1:] else None


def _accepts(fn, argument):
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return argument in params or any(p.kind == p.VAR_KEYWORD for p in params.values())


_FORGOT_SUPER = (
    "It looks like you are subclassing `Layer` (or `Model`) in {cls} and forgot to call "
    "`super().__init__()`. Call `super().__init__()` (with any keyword arguments such as "
    "name=...) as the first line of {cls}.__init__, before setting any attributes.")
