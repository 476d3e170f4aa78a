"""Differentiable operations, one family per module.  Imports point downward only:
``core.py`` (with ``checks.py``) at the bottom, each module importing only those above
it in this list.

    checks.py       axis and dtype checks, written once
    core.py         what gradients are made of: reshape broadcast_to reduce_sum where
                    cast stop_gradient identity, and unbroadcast
    functions.py    square sqrt exp log tanh sin cos sigmoid erf relu abs ...
    activations.py  elu selu gelu leaky_relu (built from functions.py's)
    arithmetic.py   + - * / ** maximum minimum, comparisons
    reductions.py   reduce_mean reduce_max reduce_min reduce_prod reduce_all/any ...
    norms.py        norm global_norm clip_by_norm clip_by_global_norm
    indexing.py     x[key], gather, and pick (one entry per row) with their scatters
    shape_ops.py    transpose expand_dims squeeze concat stack unstack tile
    padding.py      pad (CONSTANT, REFLECT, SYMMETRIC)
    selection.py    clip_by_value argmax one_hot (and where, cast from core.py)
    linalg.py       matmul tensordot
    einsum.py       einsum, as transposes, diagonals, sums and one matmul per pair
    linear_systems.py  solve inv det (Gaussian elimination in the backend)
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
from . import (activations, arithmetic, checks, core, creation, einsum, functions,  # noqa: F401
               indexing, linalg, linear_systems, nn_ops, norms, operators, padding,
               reductions, selection, shape_ops)
