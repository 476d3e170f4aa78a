"""Differentiable operations, one family per module.

    arithmetic.py   + - * / ** maximum minimum, comparisons, and unbroadcast
    functions.py    square sqrt exp log tanh sin cos sigmoid relu abs
    reductions.py   reduce_sum reduce_mean reduce_max reduce_min reduce_prod
    shape_ops.py    reshape transpose expand_dims squeeze concat stack, indexing
    linalg.py       matmul tensordot
    nn_ops.py       softmax log_softmax (fused kernels)
    selection.py    where cast clip_by_value argmax one_hot stop_gradient
    creation.py     constant ones zeros fill range eye
    operators.py    the Python operators (+, @, [], ...) on Tensor

Adding an operation takes three steps (see docs/adding_an_op.md):

1. compute the forward result with the backend: ``out = x._backend.unary("exp", x._data)``;
2. write, for each input, a function from the output's gradient to that input's,
   using teachtensor operations (so it is differentiable again);
3. return ``record(name, inputs, out, *grad_fns)``, which wraps the result in a
   Tensor and records it on every open GradientTape.
"""
from . import (arithmetic, creation, functions, linalg, nn_ops, operators,  # noqa: F401
               reductions, selection, shape_ops)
