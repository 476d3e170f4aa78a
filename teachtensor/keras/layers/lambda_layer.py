"""Lambda: a function as a layer, ``layers.Lambda(lambda x: x ** 2)``.

Handy in a Sequential or functional model for a computation without weights.  The
function receives the layer's input (and ``training=`` if it takes that argument, and
the ``arguments`` dict as keyword arguments) and returns the output.

Saving is where a Lambda is awkward: a Python ``lambda`` has no name to be found again
by, so the file holds its compiled bytecode (as Keras writes it; it only loads in the
same Python version), and loading it means running code from the file:
``load_model`` refuses unless you pass ``safe_mode=False``.  A function written with
``def`` is saved by name instead, and found again through ``custom_objects``.  For
anything with weights, or meant to be shared, write a Layer subclass.
"""
import inspect

from ...ops.creation import zeros
from .. import activations
from ..saving.serialization import (is_lambda_config, lambda_from_config, lambda_to_config,
                                    serialize_keras_object)
from .layer import Layer


class Lambda(Layer):
    """``Lambda(function, output_shape=None, mask=None, arguments=None)``: the layer
    whose output is ``function(inputs, **arguments)``.

    ``output_shape`` (without the batch axis, or a function of the input shape) is only
    needed where the shape cannot be found by running the function (``summary`` of a
    model not yet called).

    Example::

        >>> model = keras.Sequential([keras.Input(shape=(3,)), layers.Lambda(lambda x: x ** 2)])
        >>> print(model(tf.constant([[1.0, 2.0, 3.0]])))
        teachtensor.Tensor([[1. 4. 9.]], shape=(1, 3), dtype=float32)
    """

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        if isinstance(function, str):  # a saved built-in function, "relu"
            function = activations.get(function)
        if not callable(function):
            raise TypeError(f"Lambda needs a function, got {type(function).__name__} "
                            f"{function!r}")
        if mask is not None:
            raise NotImplementedError("Lambda(mask=...) needs masking, which teachtensor "
                                      "does not have; leave mask out")
        self.function = function
        self.arguments = dict(arguments or {})
        self._output_shape_argument = \
            tuple(output_shape) if isinstance(output_shape, list) else output_shape
        self._function_takes_training = _takes(function, "training")
        self._function_takes_mask = _takes(function, "mask")

    def call(self, inputs, training=None):
        kwargs = dict(self.arguments)
        if self._function_takes_training:
            kwargs["training"] = training
        if self._function_takes_mask:
            kwargs["mask"] = None
        return self.function(inputs, **kwargs)

    def compute_output_shape(self, input_shape):
        declared = self._output_shape_argument
        if callable(declared):
            return declared(input_shape)
        if declared is not None:
            return (tuple(input_shape)[0],) + tuple(declared)
        sizes = tuple(1 if s is None else s for s in input_shape)  # run it on zeros
        shape = tuple(self.call(zeros(sizes, dtype=self.dtype)).shape)
        return (input_shape[0],) + shape[1:] if shape else shape

    # -- saving: the function as bytecode (a lambda) or by name (a def) -------------------
    def get_config(self):
        config = {**super().get_config(), "function": _function_config(self.function)}
        declared = self._output_shape_argument
        if declared is not None:
            config["output_shape"] = _function_config(declared) if callable(declared) \
                else list(declared)
        config["arguments"] = serialize_keras_object(self.arguments)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """Rebuild the layer; a lambda's bytecode is run only with ``safe_mode=False``."""
        from ..saving.serialization import deserialize_keras_object
        config = dict(config)
        for key in ("function", "output_shape"):
            value = config.get(key)
            if is_lambda_config(value):
                config[key] = lambda_from_config(
                    value, f"the {key} of Lambda layer {config.get('name')!r}")
            elif isinstance(value, dict):
                config[key] = deserialize_keras_object(value, custom_objects)
        return cls(**config)


def _function_config(fn):
    if getattr(fn, "__name__", None) == "<lambda>":
        return lambda_to_config(fn)
    return serialize_keras_object(fn)


def _takes(fn, argument):
    try:
        return argument in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
