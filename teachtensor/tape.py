"""GradientTape: record operations going forward, walk them backwards for gradients.

How it works, in three steps:

1. **Recording.**  While a tape is open (``with tf.GradientTape() as tape:``) it is
   on the stack of open tapes of its thread.  Every operation ends by calling
   ``record(...)`` (``recording.py``) with its inputs, its output and, for each input,
   a function that turns the gradient of the output into the gradient of that input.
   A tape keeps that *node* only when one of the inputs is *watched*: a trainable
   Variable read inside the tape, a tensor given to ``tape.watch``, or the output of
   an operation the tape already kept.

2. **Backward pass.**  ``tape.gradient(target, sources)`` starts with d target/d target
   = 1 and visits the kept nodes newest first.  At each node it calls the input's
   gradient functions (the chain rule), adding up contributions when a tensor feeds
   several operations (``accumulate``).  A gradient function uses the values the
   operation saw: a Variable assigned since then (``v.assign``, an optimizer step) is
   set back, for the moment its node's gradient functions run, to the array it held
   when the operation read it (``Node.reads``; assigning swaps in a new array and
   leaves the old one intact, see ``variable.py``).  TensorFlow gets the same from
   its operations reading a variable into a tensor of their own.

3. **Nesting.**  The gradient functions are written with teachtensor operations, so
   when ``inner.gradient`` runs inside an outer tape, the outer tape records the
   backward pass like any other computation, and ``outer.gradient`` differentiates
   it: a second derivative.  Nest deeper for third and higher ones.
"""
import warnings

import numpy as np

from . import nest, tape_printing
from .ops.core import broadcast_to, reshape
from .ops.shape_ops import stack
from .recording import hold_arrays, open_tapes
from .tensor import Tensor, _short, convert_to_tensor
from .variable import variable_label


class UnconnectedGradients:
    """``tf.UnconnectedGradients.ZERO``: the names ``gradient()`` also takes as strings.

    Example::

        >>> v, u = tf.Variable(3.0), tf.Variable(1.0)
        >>> with tf.GradientTape() as tape:
        ...     y = v * v
        >>> print(tape.gradient(y, u, unconnected_gradients=tf.UnconnectedGradients.ZERO))
        teachtensor.Tensor(0.0, shape=(), dtype=float32)
    """
    NONE = "none"
    ZERO = "zero"


def accumulate(grads, x, g):
    """Add ``g`` to the gradient collected so far for ``x`` (a tensor that feeds several
    operations receives the sum of what each sends back).  ``grads`` maps id(x) to it."""
    key = id(x)
    grads[key] = grads[key] + g if key in grads else g


def _as_read(reads):
    """Set each variable a node read back to the array it held then; returns the
    (variable, array now) pairs to restore afterwards, empty when none was assigned
    since (the usual case)."""
    assigned = []
    for variable, then in reads:
        if variable._data is not then:
            assigned.append((variable, variable._data))
            variable._data = then
    return assigned


def _warn_not_float(role, what, t, stacklevel=4):
    """An integer or bool target or source has no gradient (``gradient()`` gives None for
    it, or zeros), so say so, with TensorFlow's words (it logs them): a student who writes
    ``tf.Variable(3)`` has an int32 variable."""
    name = f" ('{variable_label(t)}')" if t._is_variable else ""
    warnings.warn(f"The dtype of the {role} tensor must be floating (e.g. tf.float32) when "
                  f"calling GradientTape.{what}, got tf.{t.dtype.name}{name}: only floats "
                  f"have gradients. Make it a float: tf.Variable(3.0) rather than "
                  f"tf.Variable(3), or tf.cast(x, tf.float32)", stacklevel=stacklevel)


class GradientTape:
    """Records operations so that their gradients can be computed.

    ``persistent=False`` allows a single ``gradient()`` call; ``persistent=True`` allows
    many.  With ``watch_accessed_variables=True`` every trainable Variable that an
    operation reads is watched automatically.

    Example::

        >>> v = tf.Variable(3.0)
        >>> with tf.GradientTape() as tape:
        ...     y = v * v
        >>> print(tape.gradient(y, v))      # dy/dv = 2 * v
        teachtensor.Tensor(6.0, shape=(), dtype=float32)
    """

    def __init__(self, persistent=False, watch_accessed_variables=True):
        self._persistent = persistent
        self._watch_accessed = watch_accessed_variables
        self._recording = False
        self._nodes = []
        self._watched = {}  # id(tensor) -> tensor; holding the tensor keeps its id unique
        self._used = False
        self._holding = False  # whether it may still need arrays read from variables

    # -- opening and closing -------------------------------------------------------
    def __enter__(self):
        tapes = open_tapes()
        if self in tapes:
            raise RuntimeError("this GradientTape is already open; open a new one instead")
        tapes.append(self)
        self._recording = True
        return self

    def __exit__(self, *exc):
        self._recording = False
        open_tapes().remove(self)
        return False

    def stop_recording(self):
        """Context manager: operations inside it are not recorded on this tape."""
        return _Paused(self)

    def reset(self):
        """Forget everything recorded and watched so far."""
        self._nodes = []
        self._watched = {}
        self._used = False
        self._holding = False

    # -- watching ------------------------------------------------------------------
    def watch(self, tensor):
        """Watch a tensor, a Variable, or a list/tuple/dict of them.

        An integer or boolean tensor can be watched, but it never gets a gradient
        (``gradient()`` returns None for it), so a warning says so, as TensorFlow's does.
        """
        for t in nest.flatten(tensor):
            if not hasattr(t, "_differentiable"):
                raise TypeError(f"tape.watch() takes tensors or Variables (or lists of them), "
                                f"got {type(t).__name__} {t!r}; convert it first with "
                                f"tf.constant(...)")
            if not t._differentiable:  # TensorFlow warns too, with these words
                warnings.warn(f"The dtype of the watched tensor must be floating (e.g. "
                              f"tf.float32), got tf.{t.dtype.name}: its gradient will be "
                              f"None. Make it a float: tf.constant(3.0) rather than "
                              f"tf.constant(3), or tf.cast(x, tf.float32)", stacklevel=2)
            self._watched[id(t)] = t

    def watched_variables(self):
        """The Variables this tape watches, in the order it first saw them."""
        return tuple(t for t in self._watched.values() if t._is_variable)

    def _keep_if_watched(self, node):
        """Keep ``node`` if one of its inputs is watched; its output is then watched too."""
        watched = self._watched
        keep = False
        reads = None
        for x in node.inputs:
            if id(x) in watched:
                keep = True
            elif x._watch_on_read and self._watch_accessed:  # a trainable Variable
                watched[id(x)] = x
                keep = True
            if x._is_variable:  # the array it holds now: its value for this operation
                reads = ((x, x._data),) if reads is None else reads + ((x, x._data),)
        if keep:
            self._nodes.append(node)
            watched[id(node.output)] = node.output
            node.reads = reads
            if reads is not None and not self._holding:
                self._holding = True
                hold_arrays(self)

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
        targets = [target] if isinstance(target, Tensor) else nest.flatten(target)
        if not isinstance(target, Tensor) and (
                not targets or any(not hasattr(t, "_ones_like") for t in targets)):
            raise TypeError(f"gradient() differentiates a tensor (or a list of tensors), got "
                            f"{type(target).__name__} {target!r}; did the function that "
                            f"computes the loss forget to `return` it?")
        flat_sources = self._start("gradient", sources, unconnected_gradients, warn=False)
        if output_gradients is None:  # d target/d target = 1 for every element
            # One target, the usual case, without a list comprehension: up to Python
            # 3.11 a comprehension is a function call of its own.
            seeds = ([targets[0]._ones_like()] if len(targets) == 1 else
                     [t._ones_like() for t in targets])
        else:
            seeds = nest.flatten(output_gradients)
            if len(seeds) != len(targets):
                raise ValueError(f"output_gradients has {len(seeds)} entries but there are "
                                 f"{len(targets)} targets; give one per target")
            seeds = [_seed(t, s) for t, s in zip(targets, seeds)]
        trace = (tape_printing.Explainer(self, print if explain is True else explain)
                 if explain else None)
        grads = self._backprop(targets, seeds, trace)
        self._finish()
        if isinstance(sources, Tensor):  # one source: no list to build and unpack
            return _gradient_of(sources, grads, unconnected_gradients, targets)
        results = []  # (a loop, not a comprehension: a warning then points at the caller)
        for s in flat_sources:
            results.append(_gradient_of(s, grads, unconnected_gradients, targets))
        return nest.pack_as(sources, results)

    def _backprop(self, targets, seeds, trace=None):
        """The chain rule over the recorded nodes, newest first.  Returns {id: gradient}."""
        grads = {}
        for target, seed in zip(targets, seeds):
            accumulate(grads, target, seed)
        if trace:
            trace.start(targets[0], grads[id(targets[0])])
        watched = self._watched
        # A copy of the node list: the gradient functions are operations too, and when
        # this tape is still open (a persistent tape used inside its own `with`) they
        # are recorded on it; those new nodes must not be visited in this pass.
        for node in reversed(list(self._nodes)):
            g = grads.get(id(node.output))
            if g is None:
                continue  # nothing the target depends on was computed from this node
            assigned = node.reads is not None and _as_read(node.reads)
            try:
                for x, grad_fn in zip(node.inputs, node.grad_fns):
                    if grad_fn is not None:
                        key = id(x)
                        if key in watched:
                            gx = grad_fn(g)  # d target/dx, from d target/d output
                            if gx is not None:  # accumulate(grads, x, gx) written out:
                                # one call less for every gradient the pass hands back
                                grads[key] = grads[key] + gx if key in grads else gx
                                if trace:
                                    trace.step(node, x, gx, grads)
            finally:
                if assigned:  # (rare: a variable assigned since the operation read it)
                    for variable, now in assigned:
                        variable._data = now
        return grads

    def jacobian(self, target, sources, unconnected_gradients="none",
                 parallel_iterations=None, experimental_use_pfor=True):
        """d target[i] / d source[j] for every pair: shape target.shape + source.shape.

        One backward pass per element of the target, each seeded with a one in that
        place; the rows are stacked (with operations, so an outer tape can
        differentiate the Jacobian again).
        """
        flat_sources = self._start("jacobian", sources, unconnected_gradients)
        target = convert_to_tensor(target)
        backend, size = target._backend, target._data.size
        rows = [[] for _ in flat_sources]
        connected = [False] * len(flat_sources)
        for i in range(size):
            seed = backend.full((size,), 0, target._data.dtype)
            backend.assign(seed, i, backend.full((), 1, target._data.dtype))
            grads = self._backprop([target], [Tensor(backend.reshape(seed, target._data.shape),
                                                     backend)])
            for j, s in enumerate(flat_sources):
                g = grads.get(id(s))
                connected[j] = connected[j] or g is not None
                rows[j].append(g if g is not None else s._zeros_like())
        self._finish()
        results = []
        for j, s in enumerate(flat_sources):
            shape = tuple(target.shape) + tuple(s.shape)
            if not connected[j] and unconnected_gradients == "none":
                results.append(None)
            elif size == 0 or not connected[j]:
                results.append(Tensor(s._backend.full(shape, 0, s._data.dtype), s._backend))
            else:
                results.append(reshape(stack(rows[j]), shape))
        return nest.pack_as(sources, results)

    def batch_jacobian(self, target, source, unconnected_gradients="none",
                       parallel_iterations=None, experimental_use_pfor=True):
        """The Jacobian of each example of a batch: d target[b, i...] / d source[b, j...],
        of shape (batch,) + target.shape[1:] + source.shape[1:].

        It assumes, as TensorFlow does, that example b of the target depends only on
        example b of the source (a layer applied row by row).  Then the gradient of
        sum_b target[b, i] is, in row b, the row i of example b's Jacobian, so one
        backward pass per element of *one* example is enough (``jacobian`` would make
        one per element of the whole batch).  If the examples do interact, the result
        mixes them, as TensorFlow's does.  A source the target does not depend on
        gives zeros (TensorFlow 2.21 too, even with ``unconnected_gradients="none"``).
        """
        self._start("batch_jacobian", source, unconnected_gradients)
        if not hasattr(source, "_differentiable"):
            raise TypeError(f"batch_jacobian() takes one source tensor, got "
                            f"{type(source).__name__}")
        target = convert_to_tensor(target)
        for what, t in (("target", target), ("source", source)):
            if t.ndim < 2:
                raise ValueError(f"batch_jacobian: the {what} must have rank >= 2 (a batch "
                                 f"axis first, then each example's axes), got shape {t.shape}")
        if target.shape[0] != source.shape[0]:
            raise ValueError(f"batch_jacobian: the first (batch) axes of the target "
                             f"{target.shape} and of the source {source.shape} must match")
        backend, dtype = target._backend, target._data.dtype
        batch, per_example = target.shape[0], target._data.size // max(target.shape[0], 1)
        columns = []
        for i in range(per_example):  # seed: 1 at element i of every example, 0 elsewhere
            seed = backend.full((batch, per_example), 0, dtype)
            backend.assign(seed, (slice(None), i), backend.full((), 1, dtype))
            grads = self._backprop([target], [Tensor(backend.reshape(seed, target._data.shape),
                                                     backend)])
            g = grads.get(id(source))
            columns.append(g if g is not None else source._zeros_like())
        self._finish()
        shape = tuple(target.shape) + tuple(source.shape[1:])
        if not columns or batch == 0:
            return Tensor(source._backend.full(shape, 0, source._data.dtype), source._backend)
        return reshape(stack(columns, axis=1), shape)

    def _start(self, what, sources, unconnected_gradients, warn=True):
        """The checks gradient(), jacobian() and batch_jacobian() share; returns the flat
        list of sources. ``warn``: say so of an integer source now (gradient() says it
        only when no gradient came, which costs nothing when one does)."""
        if unconnected_gradients not in ("none", "zero"):
            raise ValueError(f"unconnected_gradients must be 'none' or 'zero', "
                             f"not {unconnected_gradients!r}")
        if self._used and not self._persistent:
            raise RuntimeError(
                f"A non-persistent GradientTape can only be used to compute one set of "
                f"gradients (or jacobians). To call {what}() several times, create the "
                f"tape with tf.GradientTape(persistent=True).")
        if isinstance(sources, Tensor):
            if warn and not sources._differentiable:
                _warn_not_float("source", what, sources)
            return [sources]
        flat = nest.flatten(sources)
        for s in flat:
            if not hasattr(s, "_differentiable"):
                hint = ("; for the weights of a model (or layer), pass them: "
                        "tape.gradient(loss, model.trainable_weights)"
                        if hasattr(s, "trainable_weights") else "")
                raise TypeError(f"{what}() sources must be tensors or Variables, got "
                                f"{type(s).__name__} {s!r}{hint}")
            if warn and not s._differentiable:
                _warn_not_float("source", what, s)
        return flat

    def _finish(self):
        if not self._persistent:
            self._used = True  # what it recorded stays, for print(tape) and plots
            self._holding = False  # ... but no gradient will need its variables' arrays

    # -- looking at what was recorded (the printouts: tape_printing.py) ---------------
    def _names(self):
        """Short names for the tensors on this tape: ``{id(tensor): name}``."""
        return tape_printing.tensor_names(self)

    def summary(self):
        """The recorded operations in order, with the shapes going in and out."""
        return tape_printing.summary(self)

    __str__ = summary

    def __repr__(self):
        return tape_printing.short_description(self)


def _gradient_of(source, grads, unconnected_gradients, targets):
    """The gradient collected for ``source``: None (or zeros) if none reached it, and
    None for a source that cannot have one (an integer tensor). When none came, an
    integer target or source is the likely reason, and a warning says so, with
    TensorFlow's words."""
    g = grads.get(id(source))
    if g is not None and source._differentiable:
        return g  # the usual case
    for t in targets:
        if not t._differentiable:
            _warn_not_float("target", "gradient", t, stacklevel=4)
    if not source._differentiable:
        _warn_not_float("source", "gradient", source, stacklevel=4)
        g = None
    if g is None and unconnected_gradients == "zero":
        g = source._zeros_like()
    return g


def _seed(target, seed):
    """Where the backward pass starts when ``output_gradients`` says where."""
    if seed is None:
        return target._ones_like()
    if not isinstance(target, Tensor):
        return seed
    seed = convert_to_tensor(seed, dtype=target.dtype, like=target)
    if seed._backend is not target._backend and seed._backend.device != target._backend.device:
        raise ValueError(f"output_gradients is on {seed.device}, but its target is on "
                         f"{target.device}; they must live on one device. Make the "
                         f"gradient where the target is: with tf.device('"
                         f"{_short(target.device)}'): g = tf.identity(g)")
    if seed.shape != target.shape:
        try:  # a scalar 2.0 for a (2,) target: 2.0 for each element (TensorFlow
            if np.broadcast_shapes(tuple(seed.shape), tuple(target.shape)) == \
                    tuple(target.shape):  # passes it on and lets the ops broadcast)
                return broadcast_to(seed, target.shape)
        except ValueError:
            pass
        raise ValueError(f"output_gradients has shape {seed.shape}, but its target has "
                         f"shape {target.shape}; they must match (or broadcast to it)")
    return seed


class _Paused:
    def __init__(self, tape):
        self.tape = tape

    def __enter__(self):
        self.was = self.tape._recording
        self.tape._recording = False

    def __exit__(self, *exc):
        self.tape._recording = self.was
        return False
