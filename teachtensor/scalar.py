"""The scalar graph: automatic differentiation on single Python floats.

Read this file first.  It is the whole idea of backpropagation with nothing else in
the way: a ``Value`` holds one number, remembers the values it was computed from, and
knows, for each of them, the local derivative.  ``y.backward()`` then applies the
chain rule from y back to every input, newest operation first::

    from teachtensor.scalar import Value
    a, b = Value(2.0), Value(-3.0)
    y = a * b + a.tanh()
    y.backward()
    a.grad, b.grad           # dy/da = b + 1 - tanh(a)^2,  dy/db = a

Everything up to the last section stands alone (it is micrograd, in the same few
lines).  The last section, marked, connects Values to ``tf.GradientTape``: watch them
and they are recorded like tensors; and because every local derivative below is
written with Value operations, tapes can be nested for second derivatives, exactly
as with tensors.
"""
import math

__all__ = ["Value"]


class Value:
    """One number in a computation graph.

    Example::

        >>> from teachtensor.scalar import Value
        >>> a, b = Value(2.0), Value(-3.0)
        >>> y = a * b + a.tanh()
        >>> y.backward()
        >>> print(y)
        Value(data=-5.03597, grad=1)
        >>> print(round(a.grad, 4), b.grad)     # dy/da = b + 1 - tanh(a) ** 2, dy/db = a
        -2.9293 2.0
    """

    def __init__(self, data, _parents=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._parents = _parents    # the Values this one was computed from
        self._local_grads = ()      # for each parent: g -> contribution to parent's grad
        self._op = _op

    # -- building the graph ----------------------------------------------------------
    def _result(self, data, parents, op, *local_grads):
        """A new Value made from ``parents`` by ``op``; ``local_grads[i]`` maps the
        output's gradient to parent i's share (the chain rule, one step)."""
        out = Value(data, parents, op)
        out._local_grads = local_grads
        _show_to_tapes(out)  # (the last section; without it this file is micrograd)
        return out

    def __add__(self, other):
        other = _as_value(other)
        return self._result(self.data + other.data, (self, other), "+",
                            lambda g: g, lambda g: g)

    def __mul__(self, other):
        other = _as_value(other)
        return self._result(self.data * other.data, (self, other), "*",
                            lambda g: g * other, lambda g: g * self)

    def __pow__(self, exponent):
        assert isinstance(exponent, (int, float)), "only constant exponents: x ** 2, x ** -1"
        return self._result(self.data ** exponent, (self,), f"**{exponent}",
                            lambda g: g * exponent * self ** (exponent - 1))

    def exp(self):
        out = self._result(math.exp(self.data), (self,), "exp", lambda g: g * out)
        return out

    def log(self):
        return self._result(math.log(self.data), (self,), "log", lambda g: g / self)

    def tanh(self):
        out = self._result(math.tanh(self.data), (self,), "tanh",
                           lambda g: g * (1 - out * out))
        return out

    def sigmoid(self):
        out = self._result(1 / (1 + math.exp(-self.data)), (self,), "sigmoid",
                           lambda g: g * out * (1 - out))
        return out

    def sin(self):
        return self._result(math.sin(self.data), (self,), "sin", lambda g: g * self.cos())

    def cos(self):
        return self._result(math.cos(self.data), (self,), "cos", lambda g: -g * self.sin())

    def relu(self):
        return self._result(max(self.data, 0.0), (self,), "relu",
                            lambda g: g * (1.0 if self.data > 0 else 0.0))

    # Everything else is made of the operations above.
    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-_as_value(other))

    def __truediv__(self, other):
        return self * _as_value(other) ** -1

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return _as_value(other) - self

    def __rtruediv__(self, other):
        return _as_value(other) / self

    # -- backpropagation -----------------------------------------------------------
    def backward(self):
        """Fill ``.grad`` of every Value this one depends on with d(self)/d(value)."""
        order, seen = [], set()

        def visit(v):  # topological order: every value after the values it uses
            if id(v) not in seen:
                seen.add(id(v))
                for p in v._parents:
                    visit(p)
                order.append(v)

        visit(self)
        for v in order:
            v.grad = 0.0
        self.grad = 1.0
        for v in reversed(order):
            for parent, local in zip(v._parents, v._local_grads):
                parent.grad += _as_float(local(v.grad))

    def __float__(self):
        return self.data

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"


def _as_value(x):
    return x if isinstance(x, Value) else Value(x)


def _as_float(x):
    return x.data if isinstance(x, Value) else float(x)


# ==== The last section: Values under tf.GradientTape ==================================
#
# A tape records *nodes* (recording.py): an operation's name, its inputs, its output and
# one gradient function per input.  A Value already holds exactly that (_op, _parents,
# itself, _local_grads), so showing each new Value to the open tapes is all it takes.
# A tape also asks a few questions of what it differentiates; Values answer them here.

from .recording import Node, offer, open_tapes  # noqa: E402  (this section only)


def _show_to_tapes(value):
    """Offer a new Value's operation to the open GradientTapes (if any)."""
    if open_tapes():
        offer(Node(value._op, value._parents, value, value._local_grads))


Value.shape = ()                 # a Value is a single number
Value._differentiable = True     # it can have a gradient
Value._watch_on_read = False     # it is watched only when tape.watch(value) says so
Value._is_variable = False
Value._backend = None
Value._ones_like = lambda self: Value(1.0)   # the seed of a backward pass
Value._zeros_like = lambda self: Value(0.0)  # for unconnected_gradients="zero"
