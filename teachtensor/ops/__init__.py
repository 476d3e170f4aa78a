"""Differentiable operations, one family per module.  Imports point downward only:
``core.py`` (with ``checks.py``) at the bottom, each module importing only those above
it in this list.

    checks.py       axis and dtype checks, written once
    core.py         what gradients are made of: reshape broadcast_to reduce_sum where
                    cast stop_gradient identity, and unbroadcast
    functions.py    square sqrt exp log tanh sin cos sigmoid relu abs ...
    arithmetic.py   + - * / ** maximum minimum, comparisons
    reductions.py   reduce_mean reduce_max reduce_min reduce_prod reduce_all/any ...
    indexing.py     x[key], gather, and pick (one entry per row) with their scatters
    shape_ops.py    transpose expand_dims squeeze concat stack unstack tile
    selection.py    clip_by_value argmax one_hot (and where, cast from core.py)
    linalg.py       matmul tensordot
    nn_ops.py       softmax log_softmax (fused kernels), losses on logits
    creation.py     constant ones zeros fill range eye
    operators.py    the Python operators (+, @, [], ...) on Tensor

Adding an operation takes three steps (see docs/adding_an_op.md):

1. compute the forward result with the backend: ``out = x._backend.unary("exp", x._data)``;
2. write, for each input, a function from the output's gradient to that input's,
   using teachtensor operations (so it is differentiable again);
3. return ``record(name, inputs, out, *grad_fns)``, which wraps the result in a
   Tensor and records it on every open GradientTape.
"""
from . import (arithmetic, checks, core, creation, functions, indexing, linalg,  # noqa: F401
               nn_ops, operators, reductions, selection, shape_ops)
