"""tf.einsum: sums of products written in Einstein's index notation.

An equation names each axis of each input with a letter, and the output's axes::

    "ij,jk->ik"     C[i, k] = sum_j A[i, j] B[j, k]          the matrix product
    "bij,bjk->bik"  the same for each b                       batched
    "ii->i", "ii"   A[i, i]: the diagonal; its sum, the trace
    "ij->j"         sum_i A[i, j]                             a sum over rows
    "i,j->ij"       A[i] B[j]                                 the outer product

Letters in the output are kept; every other letter is summed over.  ``...`` stands for
any number of leading axes, which broadcast like NumPy's.  Without ``->`` the output is
``...`` and then, in alphabetical order (capitals first), the letters that appear once.

How it is computed, with operations that are differentiable (so gradients of any
order come for free):

1. for each input: take diagonals for letters repeated in it (``ii``), then sum out
   the letters used by no other input and not by the output;
2. combine the inputs two at a time.  Two tensors are one batched ``matmul``: the
   letters of both that are kept are the batch axes, those of both that are not kept
   are summed by the product, and the letters of one only are its rows or columns::

       A: (batch, left, summed)  ->  reshape (B, L, S)
       B: (batch, summed, right) ->  reshape (B, S, R)      A @ B: (B, L, R)

3. transpose the result into the output's order.
"""
import string
from math import prod

import numpy as np

from ..errors import InvalidArgumentError
from ..tensor import convert_to_tensor
from .core import broadcast_to, reduce_sum, reshape, unchanged
from .indexing import getitem
from .linalg import matmul
from .shape_ops import transpose

_LETTERS = set(string.ascii_letters)


# ---- reading the equation -------------------------------------------------------------

def _split(equation, count):
    """The subscripts of the inputs and of the output (None when there is no '->')."""
    if not isinstance(equation, str):
        raise TypeError(f"tf.einsum: the equation must be a string such as 'ij,jk->ik', "
                        f"got {type(equation).__name__}")
    text = equation.replace(" ", "")
    if text.count("->") > 1:
        raise InvalidArgumentError(f"tf.einsum: {equation!r} has more than one '->'")
    inputs, _, output = text.partition("->")
    inputs = inputs.split(",")
    if len(inputs) != count:
        raise InvalidArgumentError(f"tf.einsum: the equation {equation!r} has {len(inputs)} "
                                   f"input(s), but {count} tensor(s) were given")
    for part in inputs + [output]:
        if part.count("...") > 1 or set(part.replace("...", "")) - _LETTERS:
            raise InvalidArgumentError(f"tf.einsum: cannot read {part!r} in {equation!r}: "
                                       f"subscripts are letters, with at most one '...' per tensor")
    return inputs, (output if "->" in text else None)


def _labels(equation, subscripts, shapes):
    """Each input's axis labels, with the axes of '...' labelled 0, 1, ... counted so
    that they line up from the right across inputs (they broadcast like NumPy's);
    also the number of broadcast axes."""
    labels, spans = [], []
    for i, (part, shape) in enumerate(zip(subscripts, shapes)):
        letters = part.replace("...", "")
        span = len(shape) - len(letters)
        if span < 0 or (span > 0 and "..." not in part):
            raise InvalidArgumentError(f"tf.einsum: input {i} of {equation!r} has subscripts "
                                       f"{part!r} ({len(letters)} axes), but its shape is "
                                       f"{tuple(shape)}")
        spans.append(span)
    broadcast = max(spans, default=0)
    for part, span in zip(subscripts, spans):
        head, _, tail = part.partition("...")
        labels.append(list(head) + list(range(broadcast - span, broadcast)) + list(tail))
    return labels, broadcast


def _output_labels(equation, output, labels, broadcast):
    """The output's labels: as written, or (without '->') the broadcast axes and then
    the letters that appear once, in alphabetical order."""
    letters = [label for axes in labels for label in axes if isinstance(label, str)]
    if output is None:
        once = sorted(x for x in set(letters) if letters.count(x) == 1)
        return list(range(broadcast)) + once
    head, _, tail = output.partition("...")
    result = list(head) + (list(range(broadcast)) if "..." in output else []) + list(tail)
    for x in head + tail:
        if x not in letters:
            raise InvalidArgumentError(f"tf.einsum: the output of {equation!r} has the label "
                                       f"{x!r}, which no input has")
        if (head + tail).count(x) > 1:
            raise InvalidArgumentError(f"tf.einsum: the output of {equation!r} names {x!r} twice")
    return result


def _sizes(equation, tensors, labels):
    """The length of each label's axes; letters must agree exactly, the broadcast
    axes of '...' may be 1 where others are longer."""
    sizes = {}
    for i, (t, axes) in enumerate(zip(tensors, labels)):
        for label, n in zip(axes, t.shape):
            known = sizes.get(label, n)
            if known != n and (isinstance(label, str) or 1 not in (known, n)):
                name = repr(label) if isinstance(label, str) else "'...'"
                raise InvalidArgumentError(f"tf.einsum: in {equation!r}, {name} stands for axes of "
                                           f"lengths {known} and {n} (input {i} has shape "
                                           f"{t.shape})")
            sizes[label] = n if known == 1 else known
    return sizes


# ---- computing -----------------------------------------------------------------------

def _diagonal(x, labels):
    """x with the axes of each repeated label replaced by their diagonal."""
    while len(set(labels)) < len(labels):
        label = next(a for a in labels if labels.count(a) > 1)
        first, second = [i for i, a in enumerate(labels) if a == label][:2]
        others = [i for i in range(len(labels)) if i not in (first, second)]
        n = x.shape[first]
        x = transpose(x, others + [first, second])
        x = reshape(x, tuple(x.shape[:-2]) + (n * n,))
        x = getitem(x, (slice(None),) * (x.ndim - 1) + (np.arange(n) * (n + 1),))
        labels = [labels[i] for i in others] + [label]
    return x, labels


def _sum_out(x, labels, keep):
    """x summed over the axes whose labels are not in ``keep``."""
    axes = [i for i, a in enumerate(labels) if a not in keep]
    if not axes:
        return x, labels
    return reduce_sum(x, axes), [a for a in labels if a in keep]


def _contract(a, a_labels, b, b_labels, keep, sizes):
    """The product of two tensors, summed over the labels they share and ``keep``
    does not hold: one batched matmul (step 2 of the module docstring)."""
    batch = [x for x in a_labels if x in b_labels and x in keep]
    summed = [x for x in a_labels if x in b_labels and x not in keep]
    left = [x for x in a_labels if x not in b_labels]
    right = [x for x in b_labels if x not in a_labels]

    def arranged(t, labels, order, shape):
        t = transpose(t, [labels.index(x) for x in order])
        return reshape(t, shape)

    count = [prod(sizes[x] for x in group) for group in (batch, left, summed, right)]
    a3 = arranged(a, a_labels, batch + left + summed, (count[0], count[1], count[2]))
    b3 = arranged(b, b_labels, batch + summed + right, (count[0], count[2], count[3]))
    product = matmul(a3, b3)
    out_labels = batch + left + right
    return reshape(product, tuple(sizes[x] for x in out_labels)), out_labels


def einsum(equation, *inputs, **kwargs):
    """Sums of products of ``inputs`` as the ``equation`` says (see the module docstring):
    ``tf.einsum("ij,jk->ik", a, b)`` is ``a @ b``.  ``optimize`` is accepted and ignored
    (the inputs are combined from left to right).

    Example::

        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> print(tf.einsum("ij,jk->ik", x, x))      # x @ x
        teachtensor.Tensor(
        [[ 7. 10.]
         [15. 22.]], shape=(2, 2), dtype=float32)
        >>> print(tf.einsum("ii", x))              # the trace
        teachtensor.Tensor(5.0, shape=(), dtype=float32)
        >>> print(tf.einsum("ij->j", x))           # the column sums
        teachtensor.Tensor([4. 6.], shape=(2,), dtype=float32)
    """
    unknown = set(kwargs) - {"name", "optimize"}
    if unknown:
        raise TypeError(f"tf.einsum got unexpected keyword argument(s) "
                        f"{', '.join(sorted(unknown))}; it takes name and optimize")
    if not inputs:
        raise InvalidArgumentError("tf.einsum needs at least one tensor")
    tensors = [convert_to_tensor(t) for t in inputs]
    for i, t in enumerate(tensors[1:], 1):
        if t.dtype != tensors[0].dtype:
            raise TypeError(f"tf.einsum: all inputs must have one dtype, but input 0 is "
                            f"{tensors[0].dtype} and input {i} is {t.dtype}; convert one "
                            f"with tf.cast")
    subscripts, output = _split(equation, len(tensors))
    labels, broadcast = _labels(equation, subscripts, [t.shape for t in tensors])
    out_labels = _output_labels(equation, output, labels, broadcast)
    sizes = _sizes(equation, tensors, labels)

    # step 1: each input alone (broadcast axes of length 1 stretched first)
    operands = []
    for i, (t, axes) in enumerate(zip(tensors, labels)):
        full = tuple(sizes[a] for a in axes)
        if tuple(t.shape) != full:
            t = broadcast_to(t, full)
        t, axes = _diagonal(t, axes)
        needed = set(out_labels).union(*(labels[j] for j in range(len(labels)) if j != i))
        operands.append(_sum_out(t, axes, needed))

    # step 2: two at a time, keeping what the output or a later input needs
    result, result_labels = operands[0]
    for i in range(1, len(operands)):
        keep = set(out_labels).union(*(labels[j] for j in range(i + 1, len(labels))))
        result, result_labels = _contract(result, result_labels, *operands[i], keep, sizes)

    # step 3: the output's order
    if result_labels == out_labels:
        return unchanged(result) if result is tensors[0] else result
    return transpose(result, [result_labels.index(x) for x in out_labels])
