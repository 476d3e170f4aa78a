"""Recording operations: what every operation does last, so that tapes can see it.

An operation computes its result with its backend, then calls ``record``.  ``record``
wraps the result in a Tensor and, when GradientTapes are open, offers each of them a
*node*: the operation's name, its inputs, its output, and one gradient function per
input.  A tape keeps the node if one of the inputs is watched (see ``tape.py``, which
also walks the kept nodes backwards to compute gradients).

The open tapes form a stack *per thread*, as in TensorFlow: a tape opened in one
thread never records the operations of another.

A node also remembers the array each Variable among its inputs held when the operation
ran (``reads``): ``v.assign(...)`` before ``tape.gradient`` must not change the
gradient, which TensorFlow computes from the value the operation read (see
``tape.py``).  While some tape may still need those arrays, nothing may write into
them: ``arrays_held()`` says so to the two places that write into a variable's array
in place (a partial assignment, the optimizers' spare buffers).
"""
import threading
import weakref

from .tensor import Tensor

_new_tensor = Tensor.__new__


class Node:
    """One recorded operation: ``output = name(*inputs)``, with one gradient function
    per input (None for an input that gets no gradient)."""

    __slots__ = ("name", "inputs", "output", "grad_fns", "reads")

    def __init__(self, name, inputs, output, grad_fns):
        self.name = name
        self.inputs = inputs
        self.output = output
        self.grad_fns = grad_fns
        self.reads = None  # ((variable, its array then), ...), set by the tape that keeps it

    def __repr__(self):
        shapes = ", ".join(str(getattr(x, "shape", "()")) for x in self.inputs)
        return f"{self.name}({shapes}) -> {getattr(self.output, 'shape', '()')}"


class _OpenTapes(threading.local):
    """The open tapes of one thread, outermost first."""

    def __init__(self):
        self.stack = []


_open = _OpenTapes()
_new_node = Node.__new__


def open_tapes():
    """The tapes open in this thread, outermost first."""
    return _open.stack


def record(name, inputs, out_data, *grad_fns):
    """Wrap an operation's result in a Tensor and offer it to every open tape.

    ``grad_fns[i]`` maps the gradient of the output (a Tensor) to the gradient of
    ``inputs[i]``; None marks an input that gets no gradient.  The output lives on the
    backend of the first input, where the operation computed it.
    """
    output = _new_tensor(Tensor)  # wrap(out_data, backend) written out: this line runs
    output._data = out_data       # for every operation, and the call would cost 5% of
    output._backend = inputs[0]._backend  # a tiny training step
    tapes = _open.stack
    if tapes:  # with no tape open there is nothing more to do: the common, fast case
        # Node(name, inputs, output, grad_fns) written out, as the Tensor above: one
        # call of __init__ less for every operation a tape records
        node = _new_node(Node)
        node.name, node.inputs, node.output, node.grad_fns = name, inputs, output, grad_fns
        for tape in tapes:
            if tape._recording:
                tape._keep_if_watched(node)  # kept if the tape watches an input
    return output


def offer(node):
    """Offer a node made elsewhere (scalar.py, variable.py) to the open tapes, as
    ``record`` does."""
    for tape in _open.stack:
        if tape._recording:
            tape._keep_if_watched(node)


# Weak references to the tapes whose kept nodes remember variables' arrays; a tape
# that can compute no more gradients (used, or reset) says so with its ``_holding``
# flag, one that nobody holds any more is a dead reference.  (A list of weak
# references, pruned when asked, costs a tape less than a weakref.WeakSet would.)
# Unlike the stacks of open tapes, this list is shared by all threads (so are the
# variables), so a lock guards it: without it, a thread could prune the list while
# another appends to it and lose that tape, or see a tape die between two looks.
_tapes_holding = []
_tapes_holding_lock = threading.Lock()


def hold_arrays(tape):
    """``tape`` keeps a node that read a variable: its arrays must stay as they are."""
    with _tapes_holding_lock:
        if len(_tapes_holding) > 100:  # a loop without optimizer asks arrays_held() never
            _prune_tapes_holding()
        _tapes_holding.append(weakref.ref(tape))


def arrays_held():
    """True while some tape may still need the arrays its nodes read from variables."""
    with _tapes_holding_lock:
        _prune_tapes_holding()
        return bool(_tapes_holding)


def _prune_tapes_holding():
    """Drop the tapes that hold nothing any more (called with the lock held)."""
    still_holding = []
    for ref in _tapes_holding:
        tape = ref()  # look once: the tape may die between two looks
        if tape is not None and tape._holding:
            still_holding.append(ref)
    _tapes_holding[:] = still_holding


def is_recording():
    """True while some tape is open and recording (in this thread)."""
    return any(tape._recording for tape in _open.stack)
