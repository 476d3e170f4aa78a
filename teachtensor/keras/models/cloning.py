"""``keras.models.clone_model``: the same architecture again, with new weights.

A model is described by its config (``get_config``: the layers and how they connect, as
a ``.keras`` file holds it); building a model from that config again gives a twin whose
layers are new objects, with weights drawn afresh by their initializers.  Nothing is
shared with the original: training the clone leaves the original as it was.
"""
from ..saving.serialization import deserialize_keras_object, serialize_keras_object
from .sequential import Sequential


def clone_model(model, input_tensors=None, clone_function=None, call_function=None,
                recursive=False, **kwargs):
    """A new model with the architecture of ``model`` and freshly initialized weights
    (not compiled: call ``compile`` on it).  Copy the weights over with
    ``clone.set_weights(model.get_weights())`` if you want them too.

    Example::

        >>> model = keras.Sequential([keras.Input((2,)), layers.Dense(3, name="hidden")])
        >>> twin = keras.models.clone_model(model)
        >>> print(twin is model, [layer.name for layer in twin.layers], twin.built)
        False ['hidden'] True
    """
    if input_tensors is not None or clone_function is not None or call_function is not None:
        raise NotImplementedError("clone_model: input_tensors, clone_function and "
                                  "call_function are not supported; clone the model, then "
                                  "change the clone")
    if kwargs:
        raise TypeError(f"clone_model got unexpected arguments {sorted(kwargs)}")
    # Classes of your own (the model's, its layers', at any depth) are found by name
    # when the config is read back, as load_model's custom_objects would.
    custom_objects = {type(layer).__name__: type(layer) for layer in _every_layer(model)}
    config = serialize_keras_object(model)
    if isinstance(model, Sequential):
        # As Keras 3 does, a Sequential's layers come back unbuilt and the new model
        # builds them from its Input, in its own name scope: the clone's weights are
        # named as the original's ('sequential/dense/kernel'), where a from_config
        # that built each layer first would give 'dense/kernel'.
        for entry in config["config"]["layers"]:
            entry.pop("build_config", None)
    return deserialize_keras_object(config, custom_objects)


def _every_layer(layer):
    yield layer
    for sub in layer._sublayers():
        yield from _every_layer(sub)
