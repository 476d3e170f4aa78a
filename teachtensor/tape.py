"""GradientTape: record operations going forward, walk them backwards for gradients.

How it works, in three steps:

1. **Recording.**  While a tape is open (``with tf.GradientTape() as tape:``) it is
   on the stack of open tapes of its thread (``open_tapes()``).  Every operation ends by calling ``record(...)`` with its
   inputs, its output and, for each input, a function that turns the gradient of the
   output into the gradient of that input.  A tape keeps that *node* only when one of
   the inputs is *watched*: a trainable Variable read inside the tape, a tensor given
   to ``tape.watch``, or the output of an operation the tape already kept.

2. **Backward pass.**  ``tape.gradient(target, sources)`` starts with d target/d target
   = 1 and visits the kept nodes newest first.  At each node it calls the input's
   gradient functions (the chain rule), adding up contributions when a tensor feeds
   several operations.

3. **Nesting.**  The gradient functions are written with teachtensor operations, so
   when ``inner.gradient`` runs inside an outer tape, the outer tape records the
   backward pass like any other computation, and ``outer.gradient`` differentiates
   it: a second derivative.  Nest deeper for third and higher ones.
"""
import threading

from . import nest
from .tensor import Tensor, convert_to_tensor


class _OpenTapes(threading.local):
    """The open tapes, outermost first: one stack *per thread*, as in TensorFlow, so a
    tape opened in one thread never records the operations of another."""

    def __init__(self):
        self.stack = []


_open = _OpenTapes()


def open_tapes():
    """The tapes open in this thread, outermost first."""
    return _open.stack

_Tensor = Tensor            # local names for the two lookups record() makes for
_new_tensor = Tensor.__new__  # every operation (it is tensor.wrap, written out for speed)


class Node:
    """One recorded operation: ``output = name(*inputs)``, with one gradient function per input."""

    __slots__ = ("name", "inputs", "output", "grad_fns")

    def __init__(self, name, inputs, output, grad_fns):
        self.name = name
        self.inputs = inputs
        self.output = output
        self.grad_fns = grad_fns

    def __repr__(self):
        shapes = ", ".join(str(_shape_of(x)) for x in self.inputs)
        return f"{self.name}({shapes}) -> {_shape_of(self.output)}"


def _shape_of(x):
    return getattr(x, "shape", "()")


def record(name, inputs, out_data, *grad_fns):
    """Wrap an operation's result in a Tensor and record it on every open tape.

    ``grad_fns[i]`` maps the gradient of the output (a Tensor) to the gradient of
    ``inputs[i]``; None marks an input that gets no gradient.
    """
    out = _new_tensor(_Tensor)  # what wrap() does, spelled out: this runs for every op
    out._data = out_data
    out._backend = inputs[0]._backend
    tapes = _open.stack
    if tapes:
        node = Node(name, inputs, out, grad_fns)
        for tape in tapes:
            if tape._recording:
                tape._keep_if_watched(node)
    return out


def record_node(node):
    """Offer an already-built node to every open tape (scalar.py and variable.py use
    this; ``record`` does the same loop inline, as it runs for every operation)."""
    for tape in _open.stack:
        if tape._recording:
            tape._keep_if_watched(node)


def is_recording():
    """True while some tape is open and recording (in this thread)."""
    return any(tape._recording for tape in _open.stack)


class UnconnectedGradients:
    """``tf.UnconnectedGradients.ZERO``: the names ``gradient()`` also takes as strings."""
    NONE = "none"
    ZERO = "zero"


class GradientTape:
    """Records operations so that their gradients can be computed.

    ``persistent=False`` allows a single ``gradient()`` call; ``persistent=True`` allows
    many.  With ``watch_accessed_variables=True`` every trainable Variable that an
    operation reads is watched automatically.
    """

    def __init__(self, persistent=False, watch_accessed_variables=True):
        self._persistent = persistent
        self._watch_accessed = watch_accessed_variables
        self._recording = False
        self._nodes = []
        self._watched = {}  # id(tensor) -> tensor; holding the tensor keeps its id unique
        self._used = False

    # -- opening and closing -------------------------------------------------------
    def __enter__(self):
        if self in _open.stack:
            raise RuntimeError("this GradientTape is already open; open a new one instead")
        _open.stack.append(self)
        self._recording = True
        return self

    def __exit__(self, *exc):
        self._recording = False
        _open.stack.remove(self)
        return False

    def stop_recording(self):
        """Context manager: operations inside it are not recorded on this tape."""
        return _Paused(self)

    def reset(self):
        """Forget everything recorded and watched so far."""
        self._nodes = []
        self._watched = {}
        self._used = False

    # -- watching ------------------------------------------------------------------
    def watch(self, tensor):
        """Watch a tensor, a Variable, or a list/tuple/dict of them."""
        for t in nest.flatten(tensor):
            if not hasattr(t, "_differentiable"):
                raise TypeError(f"tape.watch() takes tensors or Variables (or lists of them), "
                                f"got {type(t).__name__} {t!r}; convert it first with "
                                f"tf.constant(...)")
            self._watched[id(t)] = t

    def watched_variables(self):
        """The Variables this tape watches, in the order it first saw them."""
        return tuple(t for t in self._watched.values() if t._is_variable)

    def _keep_if_watched(self, node):
        watched = self._watched
        keep = False
        for x in node.inputs:
            if id(x) in watched:
                keep = True
            elif x._watch_on_read and self._watch_accessed:
                watched[id(x)] = x
                keep = True
        if keep:
            self._nodes.append(node)
            watched[id(node.output)] = node.output

    # -- the backward pass -----------------------------------------------------------
    def gradient(self, target, sources, output_gradients=None,
                 unconnected_gradients="none", explain=False):
        """d(sum of target)/d(source) for each source, in the structure of ``sources``.

        A non-scalar target (or a list of targets) is differentiated as the sum of its
        elements; ``output_gradients`` replaces those ones by other weights.  A source
        the target does not depend on gets None, or zeros with
        ``unconnected_gradients="zero"``.  ``explain=True`` prints each chain-rule
        step as it happens (``explain`` may also be a function taking each line).
        """
        if unconnected_gradients not in ("none", "zero"):
            raise ValueError(f"unconnected_gradients must be 'none' or 'zero', "
                             f"not {unconnected_gradients!r}")
        if self._used and not self._persistent:
            raise RuntimeError(
                "A non-persistent GradientTape can only be used to compute one set of "
                "gradients (or jacobians). To call gradient() several times, create the "
                "tape with tf.GradientTape(persistent=True).")
        flat_sources = [sources] if isinstance(sources, Tensor) else nest.flatten(sources)
        for s in flat_sources:
            if not hasattr(s, "_differentiable"):
                raise TypeError(f"gradient() sources must be tensors or Variables, got "
                                f"{type(s).__name__} {s!r}")
        targets = [target] if isinstance(target, Tensor) else nest.flatten(target)
        if not isinstance(target, Tensor) and (
                not targets or any(not hasattr(t, "_ones_like") for t in targets)):
            raise TypeError(f"gradient() differentiates a tensor (or a list of tensors), got "
                            f"{type(target).__name__} {target!r}; did the function that computes "
                            f"the loss forget to `return` it?")
        seeds = (nest.flatten(output_gradients) if output_gradients is not None
                 else [None] * len(targets))
        if len(seeds) != len(targets):
            raise ValueError(f"output_gradients has {len(seeds)} entries but there are "
                             f"{len(targets)} targets; give one per target")
        say = (print if explain is True else explain) or None
        grads = self._backprop(targets, seeds, say)
        if not self._persistent:
            self._used = True  # what it recorded stays, for print(tape) and plots
        results = []
        for s in flat_sources:
            g = grads.get(id(s)) if s._differentiable else None
            if g is None and unconnected_gradients == "zero":
                g = s._zeros_like()
            results.append(g)
        return results[0] if isinstance(sources, Tensor) else nest.pack_as(sources, results)

    def _backprop(self, targets, seeds, say=None):
        """The chain rule over the recorded nodes, newest first.  Returns id -> gradient."""
        grads = {}
        for t, seed in zip(targets, seeds):
            if seed is None:
                seed = t._ones_like()
            elif isinstance(t, Tensor):
                seed = convert_to_tensor(seed, dtype=t.dtype)
                if seed.shape != t.shape:
                    raise ValueError(f"output_gradients has shape {seed.shape}, but its "
                                     f"target has shape {t.shape}; they must match")
            _accumulate(grads, t, seed)
        if say:
            names = self._names()
            say(f"backward pass: start with d{_label(names, targets[0])}/d{_label(names, targets[0])} "
                f"= {_brief(grads[id(targets[0])])}")
        watched = self._watched
        for node in reversed(list(self._nodes)):
            g = grads.get(id(node.output))
            if g is None:
                continue
            for x, grad_fn in zip(node.inputs, node.grad_fns):
                if grad_fn is not None and id(x) in watched:
                    gx = grad_fn(g)
                    if gx is not None:
                        key = id(x)
                        grads[key] = grads[key] + gx if key in grads else gx
                        if say:
                            say(f"  {node.name}: {_label(names, node.output)} -> "
                                f"{_label(names, x)}   gradient {_brief(gx)}"
                                f"{'  (added to earlier paths)' if grads[id(x)] is not gx else ''}")
        return grads

    def jacobian(self, target, sources, unconnected_gradients="none",
                 parallel_iterations=None, experimental_use_pfor=True):
        """d target[i] / d source[j] for every pair: shape target.shape + source.shape."""
        import numpy as np
        from .ops.shape_ops import stack, reshape
        if unconnected_gradients not in ("none", "zero"):
            raise ValueError(f"unconnected_gradients must be 'none' or 'zero', "
                             f"not {unconnected_gradients!r}")
        if self._used and not self._persistent:
            raise RuntimeError("A non-persistent GradientTape can only be used to compute "
                               "one set of gradients (or jacobians); use persistent=True.")
        flat_sources = nest.flatten(sources)
        target = convert_to_tensor(target)
        size = target._data.size
        rows = [[] for _ in flat_sources]
        connected = [False] * len(flat_sources)
        for i in range(size):  # one backward pass per element of the target
            seed = np.zeros(size, dtype=target._data.dtype)
            seed[i] = 1
            grads = self._backprop([target], [seed.reshape(target._data.shape)])
            for j, s in enumerate(flat_sources):
                g = grads.get(id(s))
                connected[j] = connected[j] or g is not None
                rows[j].append(g if g is not None else s._zeros_like())
        if not self._persistent:
            self._used = True  # like gradient(): what it recorded stays, for print(tape)
        results = []
        for j, s in enumerate(flat_sources):
            shape = tuple(target.shape) + tuple(s.shape)
            if not connected[j] and unconnected_gradients == "none":
                results.append(None)
            elif size == 0 or not connected[j]:
                results.append(convert_to_tensor(np.zeros(shape, dtype=s._data.dtype)))
            else:
                results.append(reshape(stack(rows[j]), shape))
        return nest.pack_as(sources, results)

    # -- looking at what was recorded --------------------------------------------------
    def _names(self):
        """Short names for the tensors on this tape: variables by name, others t0, t1, ..."""
        names = {}
        for t in self._watched.values():
            if t._is_variable:
                names[id(t)] = t.name.split(":")[0]
        count = 0
        for node in self._nodes:
            for t in tuple(node.inputs) + (node.output,):
                if id(t) not in names:
                    names[id(t)] = f"t{count}"
                    count += 1
        return names

    def summary(self):
        """The recorded operations in order, with the shapes going in and out."""
        names = self._names()
        lines = [f"GradientTape ({'persistent' if self._persistent else 'one-shot'}): "
                 f"{len(self._nodes)} operations recorded"]
        for i, node in enumerate(self._nodes):
            args = ", ".join(f"{_label(names, x)}{_shape_text(x)}" for x in node.inputs)
            lines.append(f"  {i:3d}  {_label(names, node.output)}{_shape_text(node.output)}"
                         f" = {node.name}({args})")
        return "\n".join(lines)

    __str__ = summary

    def __repr__(self):
        return f"<GradientTape: {len(self._nodes)} operations, {len(self._watched)} watched>"


def _label(names, t):
    return names.get(id(t), "const")


def _shape_text(t):
    shape = _shape_of(t)
    return f" {tuple(shape)}" if shape != () else ""


def _brief(t):
    """A tensor's value when it is small, else its shape."""
    values = getattr(t, "numpy", None)
    if values is None:
        return f"{float(t):.4g}"
    values = values()
    if values.size <= 4:
        return str(values.astype("float64").round(4).tolist())
    return f"of shape {tuple(values.shape)}"


def _accumulate(grads, x, g):
    key = id(x)
    if key in grads:
        grads[key] = grads[key] + g
    else:
        grads[key] = g


class _Paused:
    def __init__(self, tape):
        self.tape = tape

    def __enter__(self):
        self.was = self.tape._recording
        self.tape._recording = False

    def __exit__(self, *exc):
        self.tape._recording = self.was
        return False
