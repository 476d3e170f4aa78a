"""Objects as JSON and back, in Keras 3's schema: how a ``.keras`` file describes a model.

Every layer, initializer, optimizer, loss and metric can say how to rebuild itself:
``get_config()`` returns the arguments of its constructor, and the class method
``from_config(config)`` calls the constructor with them.  ``serialize_keras_object``
wraps that config with the class's address::

    {"module": "keras.layers", "class_name": "Dense", "registered_name": null,
     "config": {"name": "dense", "units": 64, "activation": "relu", ...},
     "build_config": {"input_shape": [null, 3]}}

and ``deserialize_keras_object`` turns such a dict back into an object: it finds the
class (``custom_objects`` first, then classes registered with
``@keras.saving.register_keras_serializable()``, then teachtensor's own classes, by
the Keras module they stand for), calls ``from_config``, and builds the layer for
``build_config`` so its weights exist.

Keras has options teachtensor does not (``kernel_constraint``, ``use_ema``...).  A
file from Keras lists them all, mostly at their defaults: those are accepted and
dropped; one set to anything else is refused, naming it, rather than ignored.

A Python ``lambda`` has no name to be found again by, so it is written as Keras writes
it: its compiled bytecode.  Loading it runs code taken from the file, so (as in Keras)
``load_model`` refuses unless you trust the file and pass ``safe_mode=False``.
"""
import base64
import contextlib
import inspect
import marshal
import sys
import threading
import types
import warnings

import numpy as np

_REGISTERED = {}  # "package>Name" -> class or function


def register_keras_serializable(package="Custom", name=None):
    """Decorator: make your class (or function) loadable without ``custom_objects``::

        @keras.saving.register_keras_serializable()
        class Classifier(keras.Model): ...

    It is recorded as ``"Custom>Classifier"`` (``package>name``) in saved files.

    Example::

        >>> @keras.saving.register_keras_serializable(package="Homework")
        ... class Doubler(layers.Layer):
        ...     def call(self, inputs):
        ...         return inputs * 2.0
        >>> config = keras.saving.serialize_keras_object(Doubler(name="doubler"))
        >>> print(config["registered_name"])
        Homework>Doubler
    """
    def register(obj):
        key = f"{package}>{name or obj.__name__}"
        _REGISTERED[key] = obj  # (a notebook cell run again replaces the old class)
        obj._registered_name = key
        return obj
    return register


# ---- teachtensor's classes, by the Keras module each stands for -----------------------------

def _builtin_classes():
    """{(Keras module, class name): class} for every class teachtensor offers."""
    from .. import initializers, layers, losses, metrics, optimizers, regularizers, schedules
    from ..layers.input_layer import InputLayer
    from ..layers.operation import KERAS_OPERATIONS
    from ..models import Functional, Model, Sequential
    from ..optimizer_base import Optimizer
    from ..random import SeedGenerator
    table = {("keras.random", "SeedGenerator"): SeedGenerator}  # an initializer's seed=
    for module, namespace, base in [("keras.layers", layers, layers.Layer),
                                    ("keras.initializers", initializers,
                                     initializers.Initializer),
                                    ("keras.optimizers", optimizers, Optimizer),
                                    ("keras.losses", losses, losses.Loss),
                                    ("keras.regularizers", regularizers,
                                     regularizers.Regularizer),
                                    ("keras.metrics", metrics, metrics.Metric),
                                    ("keras.optimizers.schedules", schedules,
                                     schedules.LearningRateSchedule)]:
        for value in vars(namespace).values():
            if isinstance(value, type) and issubclass(value, base) and \
                    value.__module__.startswith("teachtensor."):
                table[(module, value.__name__)] = value
    table[("keras.layers", "InputLayer")] = InputLayer
    table[("keras", "Sequential")] = Sequential
    table[("keras.src.models.functional", "Functional")] = Functional
    table[("keras", "Model")] = Model
    for keras_name, cls in KERAS_OPERATIONS.items():  # a + b in a graph, as Keras names it
        table[("keras.src.ops.numpy", keras_name)] = cls
    return table


_BUILTINS = None


def builtins():
    global _BUILTINS
    if _BUILTINS is None:
        _BUILTINS = _builtin_classes()
    return _BUILTINS


def _address(cls):
    """(module, registered_name) to write for ``cls``, as Keras writes them."""
    for (module, _), builtin in builtins().items():
        if builtin is cls:
            return module, ("Functional" if module.endswith("functional") else
                            cls.__name__ if module == "keras.src.ops.numpy" else None)
    registered = cls.__dict__.get("_registered_name")
    if registered is not None:
        return cls.__module__, registered
    return None, cls.__name__  # your own class: found again through custom_objects


# ---- to JSON ------------------------------------------------------------------------------

def serialize_keras_object(obj):
    """A JSON-ready description of ``obj`` (see the module docstring).

    Example::

        >>> layer = layers.Dense(4, activation="relu", name="hidden")
        >>> print(keras.saving.serialize_keras_object(layer))
        {'module': 'keras.layers', 'class_name': 'Dense',
         'config': {'name': 'hidden', 'trainable': True, 'dtype': 'float32', 'units': 4,
                    'activation': 'relu', 'use_bias': True,
                    'kernel_initializer': {'module': 'keras.initializers',
                                           'class_name': 'GlorotUniform',
                                           'config': {'seed': None}, 'registered_name': None},
                    'bias_initializer': {'module': 'keras.initializers', 'class_name': 'Zeros',
                                         'config': {}, 'registered_name': None},
                    'kernel_regularizer': None, 'bias_regularizer': None},
         'registered_name': None}
    """
    from ..layers.layer import Layer
    from ...tensor import Tensor
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, (np.ndarray, np.generic, Tensor)):
        return _serialize_array(obj)
    if isinstance(obj, (list, tuple)):
        return [serialize_keras_object(item) for item in obj]
    if isinstance(obj, dict):
        return {key: serialize_keras_object(value) for key, value in obj.items()}
    if inspect.isfunction(obj) or inspect.isbuiltin(obj):
        return _serialize_function(obj)
    if not hasattr(obj, "get_config"):
        raise TypeError(f"cannot save {type(obj).__name__} {obj!r}: it has no get_config(). "
                        f"Give it a get_config() returning its constructor's arguments")
    module, registered_name = _address(type(obj))
    result = {"module": module, "class_name": type(obj).__name__,
              "config": serialize_keras_object(obj.get_config()),
              "registered_name": registered_name}
    if isinstance(obj, Layer) and obj.built and obj._build_config() is not None:
        result["build_config"] = obj._build_config()
    return result


def _serialize_array(value):
    """An array in a config (``Constant([1.0, 2.0])``'s value, say), as Keras writes one:
    ``{"class_name": "__numpy__", "config": {"value": [1.0, 2.0], "dtype": "float32"}}``
    (``"__tensor__"`` for a tensor); a NumPy scalar as the plain number."""
    kind = "__numpy__" if isinstance(value, (np.ndarray, np.generic)) else "__tensor__"
    array = np.asarray(value)
    if kind == "__numpy__" and array.ndim == 0:
        return array.item()
    return {"class_name": kind, "config": {"value": array.tolist(),
                                           "dtype": array.dtype.name}}


def _deserialize_array(config):
    """The NumPy array (or tensor) that ``_serialize_array`` wrote."""
    from ...conversion import convert_to_tensor
    inner = config.get("config") or {}
    array = np.array(inner.get("value"), dtype=inner.get("dtype"))
    return array if config["class_name"] == "__numpy__" else convert_to_tensor(array)


def _serialize_function(fn):
    """Built-in activations, losses and metrics by name ("relu"); your own functions by
    name too, marked as functions, to be found again in ``custom_objects``."""
    from .. import activations, loss_functions, metrics
    if fn.__name__ == "<lambda>":
        warnings.warn("The object being saved includes a Python lambda: loading it again "
                      "needs load_model(..., safe_mode=False). A function written with def "
                      "(passed as custom_objects when loading) is safer.", stacklevel=3)
        code, defaults, closure = lambda_to_config(fn)["config"].values()
        return {"class_name": "__lambda__", "config": {"value": [code, defaults, closure]}}
    for table in (activations._ACTIVATIONS, activations.TF_FUNCTIONS, metrics.LOSS_METRICS):
        for name, known in table.items():
            if known is fn:
                return name
    if getattr(fn, "__module__", "").startswith("teachtensor.") and \
            getattr(loss_functions, fn.__name__, None) is fn:
        return fn.__name__
    registered = getattr(fn, "_registered_name", None)
    return {"module": "builtins", "class_name": "function",
            "config": registered or fn.__name__, "registered_name": "function"}


# ---- from JSON ----------------------------------------------------------------------------

def deserialize_keras_object(config, custom_objects=None):
    """The object that ``config`` (from ``serialize_keras_object``) describes.

    Example::

        >>> layer = layers.Dense(4, activation="relu", name="hidden")
        >>> config = keras.saving.serialize_keras_object(layer)
        >>> layer = keras.saving.deserialize_keras_object(config)     # a new one, not built yet
        >>> print(layer, layer.units, layer.activation.__name__)
        <Dense name=hidden, built=False> 4 relu
    """
    if not isinstance(config, dict) or "class_name" not in config:
        return config  # a plain value, or a name that the receiving get() resolves
    custom_objects = custom_objects or {}
    if config["class_name"] == "__lambda__":
        return lambda_from_config(config, "a Python lambda")
    if config["class_name"] in ("__numpy__", "__tensor__"):
        return _deserialize_array(config)
    if config["class_name"] == "function":
        return _function(config["config"], custom_objects)
    cls = find_class(config, custom_objects)
    inner = dict(config.get("config") or {})
    if "dtype" in inner:
        inner["dtype"] = dtype_name(inner["dtype"])
    from ..models.model import Model  # (a model's from_config reads its layers itself)
    if _is_builtin(cls) and not issubclass(cls, Model):
        inner = accepted_config(cls, inner)
        inner = {key: lambda_from_config(value, f"the {key} of {config['class_name']} "
                                                f"{inner.get('name')!r}")
                 if is_lambda_config(value) else value for key, value in inner.items()}
        inner = {key: deserialize_keras_object(value, custom_objects)
                 for key, value in inner.items()}
    obj = _from_config(cls, inner, custom_objects)
    build_config = config.get("build_config")
    if build_config and hasattr(obj, "build_from_config") and not obj.built:
        obj.build_from_config(build_config)
    return obj


def find_class(config, custom_objects):
    """The class a serialized dict names: your ``custom_objects``, then registered
    classes, then teachtensor's (the Keras module and class name)."""
    class_name, registered = config["class_name"], config.get("registered_name")
    for key in (registered, class_name):
        if key in custom_objects:
            return custom_objects[key]
    if registered in _REGISTERED:
        return _REGISTERED[registered]
    module = config.get("module")
    table = builtins()
    if (module, class_name) in table:
        return table[(module, class_name)]
    for (builtin_module, name), cls in table.items():  # another Keras's module path
        if name == class_name and (module is None or (
                str(module).startswith("keras") and _kind(module) == _kind(builtin_module))):
            return cls
    raise TypeError(
        f"Could not locate class {class_name!r} (module {module!r}). If it is your own "
        f"class, pass it when loading: load_model(path, custom_objects={{{class_name!r}: "
        f"{class_name}}}), or decorate it with @keras.saving.register_keras_serializable(). "
        f"If it is a Keras class, teachtensor does not have it.")


def _kind(module):
    """What a Keras module path holds: "layers" for ``keras.layers`` and
    ``keras.src.layers.core.dense``, "metrics", "losses", "ops", ...; "models" for
    ``keras`` itself (Sequential, Model).  A metric and a loss may share a class name
    (``BinaryCrossentropy``), so a class is looked up among its own kind only."""
    parts = [part for part in str(module).split(".") if part not in ("keras", "src")]
    return parts[0] if parts else "models"


def _function(name, custom_objects):
    if name in custom_objects:
        return custom_objects[name]
    if name in _REGISTERED:
        return _REGISTERED[name]
    raise TypeError(f"Could not locate function {name!r}: pass it when loading, "
                    f"load_model(path, custom_objects={{{name!r}: {name.split('>')[-1]}}})")


def _from_config(cls, config, custom_objects):
    def rebuild():
        if _has_parameter(cls.from_config, "custom_objects"):
            return cls.from_config(config, custom_objects=custom_objects)
        return cls.from_config(config)
    if _is_builtin(cls):
        return rebuild()
    try:  # your own class: say what its get_config / __init__ must do
        return rebuild()
    except TypeError as error:
        raise TypeError(
            f"cannot rebuild {cls.__name__} from its saved config {config}: {error}. "
            f"{cls.__name__}.get_config() must return the arguments of its __init__, and "
            f"__init__ should accept **kwargs and pass them to super().__init__(**kwargs) "
            f"(the name, trainable and dtype are among them).") from None


def _is_builtin(cls):
    return any(cls is builtin for builtin in builtins().values())


def _has_parameter(fn, argument):
    try:
        return argument in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def dtype_name(dtype):
    """``"float32"`` from a dtype name or Keras's ``DTypePolicy`` dict."""
    if isinstance(dtype, dict):
        name = (dtype.get("config") or {}).get("name")
        if dtype.get("class_name") != "DTypePolicy" or name in (None, "mixed_float16",
                                                                 "mixed_bfloat16"):
            raise ValueError(f"teachtensor has no mixed precision or quantization: cannot "
                             f"use the dtype policy {dtype}")
        return name
    return dtype


# ---- Python lambdas: bytecode in the file, run only when you allow it -----------------------

_SAFE_MODE = threading.local()  # .on: False inside load_model(..., safe_mode=False)


@contextlib.contextmanager
def safe_mode_scope(safe_mode=True):
    """Within it, lambdas in configs load only when ``safe_mode`` is False."""
    previous = getattr(_SAFE_MODE, "on", True)
    _SAFE_MODE.on = safe_mode is not False
    try:
        yield
    finally:
        _SAFE_MODE.on = previous


def in_safe_mode():
    return getattr(_SAFE_MODE, "on", True)


def lambda_to_config(fn):
    """``{"class_name": "__lambda__", "config": {"code", "defaults", "closure"}}``: the
    function's bytecode (``marshal``, in base64), default values and closure values, as
    Keras's Lambda layer writes them.  Bytecode is specific to the Python version."""
    code = base64.encodebytes(marshal.dumps(fn.__code__)).decode("ascii")
    closure = None if not fn.__closure__ else [cell.cell_contents for cell in fn.__closure__]
    defaults = None if fn.__defaults__ is None else list(fn.__defaults__)
    return {"class_name": "__lambda__",
            "config": {"code": code, "defaults": defaults, "closure": closure}}


def is_lambda_config(value):
    return isinstance(value, dict) and value.get("class_name") == "__lambda__"


def lambda_from_config(config, what):
    """The function ``lambda_to_config`` wrote (either of Keras's two forms), if safe mode
    is off; its global names (``tf``, ``np``...) are looked up in ``__main__``, your
    script or notebook."""
    if in_safe_mode():
        raise ValueError(
            f"Requested the deserialization of {what}, a Python lambda stored as bytecode. "
            f"Loading it runs code taken from the file, so it is refused by default. If "
            f"you trust the file, load it with keras.models.load_model(path, "
            f"safe_mode=False). (Better: write the function with def, and pass it when "
            f"loading: custom_objects={{'my_function': my_function}}.)")
    inner = config["config"]
    code, defaults, closure = inner["value"] if "value" in inner else \
        (inner["code"], inner.get("defaults"), inner.get("closure"))
    try:
        compiled = marshal.loads(base64.decodebytes(code.encode("ascii")))
    except (ValueError, EOFError, TypeError) as error:
        raise ValueError(f"cannot load {what}: its bytecode was written by another Python "
                         f"version ({error}); save the model again with this Python, or "
                         f"write the function with def") from None
    cells = None if not closure else tuple(types.CellType(value) for value in closure)
    main = vars(sys.modules["__main__"]) if "__main__" in sys.modules else {}
    return types.FunctionType(compiled, main, compiled.co_name,
                              None if defaults is None else tuple(defaults), cells)


# ---- Keras options teachtensor does not have ------------------------------------------------

# option -> the value meaning "not used"; a file may carry these at that value.
_LAYER_OPTIONS = {"activity_regularizer": None, "kernel_regularizer": None,
                  "bias_regularizer": None, "kernel_constraint": None,
                  "bias_constraint": None, "quantization_config": None, "lora_rank": None,
                  "lora_alpha": None, "noise_shape": None, "data_format": "channels_last",
                  "sparse": False, "ragged": False, "optional": False, "seed": None,
                  "embeddings_constraint": None, "beta_constraint": None,
                  "gamma_constraint": None, "synchronized": False, "renorm": False,
                  "renorm_clipping": None, "renorm_momentum": 0.99,
                  # (metrics) AUC over one label column
                  "multi_label": False, "num_labels": None, "label_weights": None}
_OPTIMIZER_OPTIONS = {"weight_decay": None, "use_ema": False, "ema_momentum": 0.99,
                      "ema_overwrite_frequency": None, "loss_scale_factor": None,
                      "gradient_accumulation_steps": None}
_INITIALIZER_OPTIONS = {"input_axes": None, "output_axes": None, "seed": None}


def accepted_config(cls, config):
    """``config`` without the Keras options ``cls`` lacks, when they are at their
    defaults; a Keras option in use raises ``ValueError`` naming it."""
    from ..optimizer_base import Optimizer
    from .. import initializers
    parameters = _parameters(cls)
    defaults = (_OPTIMIZER_OPTIONS if issubclass(cls, Optimizer) else
                _INITIALIZER_OPTIONS if issubclass(cls, initializers.Initializer) else
                _LAYER_OPTIONS)
    kept = {}
    for key, value in config.items():
        if key in parameters:
            kept[key] = value
        elif key in defaults and value == defaults[key]:
            continue  # a Keras option at its "not used" value
        elif key in defaults:
            raise ValueError(f"{cls.__name__}: the option {key}={value!r} is not supported "
                             f"by teachtensor (it only accepts {key}={defaults[key]!r})")
        else:
            raise ValueError(f"{cls.__name__}: teachtensor has no option {key!r} (value "
                             f"{value!r}); it takes {sorted(parameters)}")
    return kept


def _parameters(cls):
    """The keyword names ``cls(...)`` accepts (following ``**kwargs`` up to the base
    class that takes them)."""
    names = set()
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if klass is object:
            break  # (Layer.__init__ refuses unknown keywords; object takes none)
        if init is None:
            continue
        params = inspect.signature(init).parameters
        names.update(name for name, p in params.items()
                     if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and name != "self")
        if not any(p.kind == p.VAR_KEYWORD for p in params.values()):
            return names  # the chain of **kwargs ends here
    return names
