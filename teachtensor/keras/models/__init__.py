"""``keras.models``: Model and Sequential, and how they train.

    model.py          Model: a trainable layer; weights, saving, summary()
    sequential.py     Sequential: a stack of layers
    functional.py     keras.Model(inputs, outputs): a graph of layers
    trainer.py        compile / fit / evaluate / predict / train_step
    compile_utils.py  the compiled loss and metrics ("accuracy" resolved from shapes)
    data_adapter.py   arrays or a Dataset -> batches, checked before training
    summary.py        the summary() table
    functional_config.py  a functional model as JSON (for saving)
    cloning.py        clone_model: the same architecture, new weights

``load_model`` and ``save_model`` are ``keras.saving``'s (the .keras file).
"""
from .functional import Functional  # noqa: F401
from .model import Model, model_from_json  # noqa: F401
from .sequential import Sequential  # noqa: F401
from ..saving import load_model, save_model  # noqa: F401,E402
from .cloning import clone_model  # noqa: F401,E402
