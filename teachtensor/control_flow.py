"""Control flow as functions: ``tf.cond``, ``tf.while_loop``, ``tf.map_fn`` (and
``tf.vectorized_map``).

Why TensorFlow has them
-----------------------
Inside ``tf.function`` TensorFlow builds a graph, and a graph cannot hold a Python
``if`` or ``while``: the tensors have no values yet while it is built, so Python cannot
decide which branch to take or when to stop.  These three functions put the decision
into the graph instead (AutoGraph writes them for you from ``if`` and ``while`` on
tensors): ``cond`` holds both branches and picks one when it runs, ``while_loop`` holds
the body and the test, ``map_fn`` a loop over the first axis.

What they are here
------------------
teachtensor always runs eagerly, as TensorFlow does outside ``tf.function``, so each is
the Python statement it stands for: ``cond`` calls one branch, ``while_loop`` loops,
``map_fn`` loops over the rows and stacks the results.  The tape records the operations
that run, so a gradient flows through the branch taken and through every iteration
(three multiplications by v in a loop give d(v^3)/dv = 3v^2), exactly as in TensorFlow.
What they add to the plain statements is TensorFlow's checks: the loop variables keep
their structure, ``map_fn``'s results keep one dtype and one shape.
"""
import numpy as np

from . import dtypes
from .conversion import convert_to_tensor
from .errors import InvalidArgumentError
from .function import TensorSpec
from .nest import flatten, pack_as
from .ops.shape_ops import stack, unstack
from .tensor import Tensor

__all__ = ["cond", "while_loop", "map_fn", "vectorized_map"]


def _truth(value, what):
    """A condition's one true or false (a Python value, or a tensor of one element)."""
    value = convert_to_tensor(value)
    if value._data.size != 1:
        raise ValueError(f"{what} must be one true or false, got a tensor of shape "
                         f"{value.shape}; reduce it to one first: tf.reduce_all(...) "
                         f"(all of them) or tf.reduce_any(...) (at least one)")
    return bool(value)  # (through the backend: a GPU tensor's value is copied over)


def _check_callable(fn, name, example):
    if fn is None:
        raise TypeError(f"cond(): '{name}' argument required, e.g. {example}")
    if not callable(fn):
        raise TypeError(f"'{name}' must be callable: pass a function, e.g. {example}, not "
                        f"the value {fn!r} (TensorFlow calls it only if that branch is taken)")


def cond(pred, true_fn=None, false_fn=None, name=None):
    """``true_fn()`` if ``pred`` is true, else ``false_fn()``: an ``if`` as a function.

    ``pred`` is a Python bool or number, or a tensor of one element.  Only the branch
    taken runs, and its result is returned as it is (a tensor, a number, a list...).

    Example::

        >>> x = tf.constant(3.0)
        >>> print(tf.cond(x > 2.0, lambda: x * 10.0, lambda: x))
        teachtensor.Tensor(30.0, shape=(), dtype=float32)
    """
    _check_callable(true_fn, "true_fn", "lambda: x * 2.0")
    _check_callable(false_fn, "false_fn", "lambda: x")
    return true_fn() if _truth(pred, "tf.cond's pred") else false_fn()


def _same_structure(before, after):
    """True when two nests have the same shape of containers (a list and a tuple count
    as the same: a body may return ``(i + 1,)`` for loop_vars ``[i]``)."""
    if isinstance(before, dict) or isinstance(after, dict):
        return (isinstance(before, dict) and isinstance(after, dict) and
                sorted(before) == sorted(after) and
                all(_same_structure(before[k], after[k]) for k in before))
    if isinstance(before, (list, tuple)) or isinstance(after, (list, tuple)):
        return (isinstance(before, (list, tuple)) and isinstance(after, (list, tuple)) and
                len(before) == len(after) and
                all(_same_structure(b, a) for b, a in zip(before, after)))
    return True


def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10,
               back_prop=True, swap_memory=False, maximum_iterations=None, name=None):
    """Repeat ``loop_vars = body(*loop_vars)`` while ``cond(*loop_vars)`` is true.

    ``loop_vars`` is a list or tuple of the loop's variables (tensors, numbers, or
    nests of them); ``body`` returns new values for all of them, in the same structure
    (the shapes and dtypes may change, as in TensorFlow run eagerly).  At most
    ``maximum_iterations`` passes, if given.  Returns the last values, as tensors.
    The other arguments tune TensorFlow's graph and change nothing here.

    Example::

        >>> i, total = tf.while_loop(lambda i, total: i < 4,
        ...                          lambda i, total: (i + 1, total + i),
        ...                          (0, 0))
        >>> print(int(i), int(total))        # 0 + 1 + 2 + 3
        4 6
    """
    if not callable(cond) or not callable(body):
        raise TypeError("while_loop(cond, body, loop_vars): cond and body must be functions "
                        "of the loop variables, e.g. lambda i: i < 10 and lambda i: (i + 1,)")
    if not isinstance(loop_vars, (list, tuple)) or not loop_vars:
        raise ValueError(f"'loop_vars' must be a non-empty list or tuple of the loop's "
                         f"variables, e.g. [i] or (i, total); got {loop_vars!r}")
    if maximum_iterations is not None:
        limit = convert_to_tensor(maximum_iterations)
        if limit.ndim != 0 or limit._data.dtype.kind not in "iu":
            raise ValueError(f"'maximum_iterations' must be one integer, got "
                             f"{maximum_iterations!r}")
        maximum_iterations = int(limit)  # (through the backend, as _truth)
    passes = 0
    while (maximum_iterations is None or passes < maximum_iterations) and \
            _truth(cond(*loop_vars), "while_loop's cond"):
        new_vars = body(*loop_vars)
        if not isinstance(new_vars, (list, tuple)):
            raise TypeError(f"while_loop's body must return its {len(loop_vars)} loop "
                            f"variable(s) as a list or tuple, got {type(new_vars).__name__}; "
                            f"for one variable write `return (i + 1,)` (note the comma)")
        if not _same_structure(loop_vars, new_vars):
            raise ValueError(f"while_loop's body must return the loop variables in their "
                             f"structure {_describe(loop_vars)}, got {_describe(new_vars)}")
        loop_vars, passes = new_vars, passes + 1
    return pack_as(loop_vars, [convert_to_tensor(x) for x in flatten(loop_vars)])


def _describe(nest):
    if isinstance(nest, dict):
        return "{" + ", ".join(f"{k!r}: {_describe(v)}" for k, v in nest.items()) + "}"
    if isinstance(nest, (list, tuple)):
        inner = ", ".join(_describe(v) for v in nest)
        return f"[{inner}]" if isinstance(nest, list) else f"({inner}{',' * (len(nest) == 1)})"
    return "x"


def _output_specs(signature):
    """Each output's (dtype, shape or None) from fn_output_signature's leaves."""
    specs = []
    for leaf in flatten(signature):
        if isinstance(leaf, TensorSpec):
            specs.append((leaf.dtype, leaf.shape))
        else:
            specs.append((dtypes.as_dtype(leaf), None))
    return specs


def _columns_of(elems, what):
    """The tensors of ``elems`` (a tensor or a nest of them) and their one number of rows,
    the first axis that map_fn and vectorized_map go over."""
    columns = [convert_to_tensor(e) for e in flatten(elems)]
    for column in columns:
        if column.ndim == 0:
            raise ValueError(f"Elements in elems must be 1+ dimensional Tensors, not scalars: "
                             f"{what} goes over the first axis. (A Python list is read as "
                             f"several tensors, one per item, as in TensorFlow; to map over "
                             f"its items, pass tf.constant([...]).)")
    rows = {column.shape[0] for column in columns}
    if len(rows) != 1:
        raise ValueError(f"the tensors of elems must have the same first length (the rows "
                         f"{what} goes over); got {[column.shape[0] for column in columns]}")
    return columns, rows.pop()


def map_fn(fn, elems, dtype=None, parallel_iterations=None, back_prop=True,
           swap_memory=False, infer_shape=True, name=None, fn_output_signature=None):
    """``fn`` applied to each row of ``elems`` (its first axis), the results stacked:

        map_fn(fn, x)[i] = fn(x[i])

    ``elems`` may be a tuple (or other nest) of tensors with the same number of rows;
    ``fn`` then gets a tuple of rows.  By default the results have the structure and
    dtypes of ``elems``; when ``fn`` returns something else, say what with
    ``fn_output_signature`` (a dtype, a ``tf.TensorSpec``, or a nest of them), as in
    TensorFlow.  Every row's result must have the same shape.

    Example::

        >>> print(tf.map_fn(lambda row: row * 2, tf.constant([[1, 2], [3, 4]])))
        teachtensor.Tensor(
        [[2 4]
         [6 8]], shape=(2, 2), dtype=int32)
        >>> print(tf.map_fn(tf.reduce_sum, tf.ones((3, 4)), fn_output_signature=tf.float32))
        teachtensor.Tensor([4. 4. 4.], shape=(3,), dtype=float32)
    """
    columns, row_count = _columns_of(elems, "map_fn")
    if fn_output_signature is None:
        fn_output_signature = dtype  # (TensorFlow's older name for it)
    if fn_output_signature is None:  # the structure and dtypes of elems
        out_structure, specs = elems, [(column.dtype, None) for column in columns]
    else:
        out_structure, specs = fn_output_signature, _output_specs(fn_output_signature)
    if row_count == 0:  # fn is never called: TensorFlow gives (0,), or (0,) + the spec's
        return pack_as(out_structure, [  # (on the device of elems)
            convert_to_tensor(np.zeros((0,) + tuple(0 if n is None else n for n in shape or ()),
                                       d.as_numpy_dtype), like=columns[0])
            for d, shape in specs])
    dtype_from = ("map_fn: fn_output_signature" if fn_output_signature is not None else
                  "map_fn: elems' dtype; pass fn_output_signature=tf.{got} if fn changes it")
    per_column = [unstack(column) for column in columns]
    results = [[] for _ in specs]
    for i in range(row_count):
        out = fn(pack_as(elems, [rows_of[i] for rows_of in per_column]))
        if not _same_structure(out_structure, out):
            source = "elems" if fn_output_signature is None else "fn_output_signature"
            raise ValueError(f"map_fn: fn returned {_describe(out)} for row {i}, but the "
                             f"output must have the structure {_describe(out_structure)} "
                             f"(that of {source}); pass fn_output_signature=... to say "
                             f"what fn returns")
        for k, (value, (d, shape)) in enumerate(zip(flatten(out), specs)):
            value = _checked_result(value, d, i, results[k], dtype_from)
            if shape is not None and not _fits(value.shape, shape):
                raise ValueError(f"map_fn: fn returned shape {value.shape} for row {i}, but "
                                 f"fn_output_signature says {shape}")
            results[k].append(value)
    return pack_as(out_structure, [stack(values) for values in results])


def vectorized_map(fn, elems, fallback_to_while_loop=True, warn=True):
    """``map_fn`` whose results may have any structure and dtypes: those of ``fn``'s.

    TensorFlow runs ``fn`` once on the whole batch, rewritten to work on all rows at
    once; here it runs row by row, which gives the same numbers.  With no rows, ``fn``
    is called once on a row of zeros, to learn the shape and dtype of its result (as
    TensorFlow, which runs it on the empty batch).

    Example::

        >>> print(tf.vectorized_map(lambda row: tf.cast(row, tf.float32) / 2,
        ...                         tf.constant([[1, 2], [3, 4]])))
        teachtensor.Tensor(
        [[0.5 1. ]
         [1.5 2. ]], shape=(2, 2), dtype=float32)
    """
    columns, row_count = _columns_of(elems, "vectorized_map")
    if row_count == 0:
        zero_row = [convert_to_tensor(np.zeros(c.shape[1:], c.dtype.as_numpy_dtype), like=c)
                    for c in columns]
        example = fn(pack_as(elems, zero_row))
        return pack_as(example, [convert_to_tensor(
            np.zeros((0,) + tuple(r.shape), r.dtype.as_numpy_dtype), like=columns[0])
            for r in (convert_to_tensor(x) for x in flatten(example))])
    per_column = [unstack(column) for column in columns]
    outputs = [fn(pack_as(elems, [rows[i] for rows in per_column])) for i in range(row_count)]
    firsts = [convert_to_tensor(x) for x in flatten(outputs[0])]  # they fix the dtypes
    results = [[] for _ in firsts]
    for i, out in enumerate(outputs):
        if not _same_structure(outputs[0], out):
            raise ValueError(f"vectorized_map: fn returned {_describe(out)} for row {i} but "
                             f"{_describe(outputs[0])} for row 0")
        for k, (value, first) in enumerate(zip(flatten(out), firsts)):
            results[k].append(_checked_result(value, first.dtype, i, results[k],
                                              "vectorized_map: that of row 0"))
    return pack_as(outputs[0], [stack(values) for values in results])


def _fits(shape, spec_shape):
    """A shape fits a TensorSpec's: the same rank, equal wherever the spec has a length."""
    return len(shape) == len(spec_shape) and all(
        want is None or want == n for n, want in zip(shape, spec_shape))


def _checked_result(value, dtype, i, earlier, dtype_from):
    """One row's result as a tensor of the output's dtype and of the first row's shape.
    ``dtype_from`` says, in an error, where that dtype came from ({got}: the dtype fn
    returned)."""
    if isinstance(value, Tensor):
        value = convert_to_tensor(value)  # (a Variable gives its value)
        if value.dtype != dtype:
            raise InvalidArgumentError(f"fn returned {value.dtype.name} for row {i}, but the "
                                       f"output's dtype is {dtype.name} "
                                       f"({dtype_from.format(got=value.dtype.name)})")
    else:
        value = convert_to_tensor(value, dtype=dtype)
    if earlier and value.shape != earlier[0].shape:
        raise ValueError(f"fn returned shape {value.shape} for row {i} but "
                         f"{earlier[0].shape} for row 0; every row's result must have one "
                         f"shape, to be stacked")
    return value
