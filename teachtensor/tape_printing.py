"""What a tape recorded, in words: ``print(tape)``, ``repr(tape)`` and the lines of
``tape.gradient(..., explain=True)``.

``print(tape)`` lists the recorded operations in order, with the shapes going in and
out::

    GradientTape (one-shot): 3 operations recorded
      watched: W (2, 1) = [[1.0], [1.0]]
        0  t0 (4, 1) = matmul(constant (4, 2), W (2, 1))
      ...

Tensors get short names (``tensor_names``): a Variable its name (a layer's weight its path,
``dense/kernel``), the results of operations and the watched tensors ``t0``, ``t1``,
... in recording order; a constant shows its value when it is small.  An operation on
shapes ``(N,)`` and ``(N, 1)`` gets a note: they broadcast to ``(N, N)``, the classic
mistake of a loss written by hand.  Nothing here changes the tape.
"""
from .variable import variable_label


def tensor_names(tape):
    """Short names for the tensors on this tape, as ``print(tape)`` shows them.

    Variables go by their names (``W``; a layer's weight by its path, ``dense/kernel``,
    as two layers' weights are all ``kernel`` and ``bias``); the results of recorded
    operations and the tensors given to ``tape.watch`` are ``t0``, ``t1``, ... in
    recording order.  Constants get no name here: ``_label`` shows their values.

    Two Variables with the same name get distinct names here: ``Variable``,
    ``Variable_1``, ... in the order the tape first saw them.  That matters because
    TensorFlow names *every* unnamed ``tf.Variable`` ``'Variable:0'`` (and so does
    ``v.name`` here, to print as TensorFlow does); a printout with two ``Variable``
    would not say which one an operation read.
    """
    names, taken = {}, set()
    for t in tape._watched.values():
        if t._is_variable:
            name = base = variable_name(t)
            n = 0
            while name in taken:
                n += 1
                name = f"{base}_{n}"
            names[id(t)] = name
            taken.add(name)
    produced = {id(node.output) for node in tape._nodes}
    count = 0
    for node in tape._nodes:
        for t in tuple(node.inputs) + (node.output,):
            if id(t) not in names and (id(t) in produced or id(t) in tape._watched):
                names[id(t)] = f"t{count}"
                count += 1
    return names


def variable_name(variable):
    """``W`` for ``tf.Variable(..., name="W")`` (its name without TensorFlow's ``:0``);
    ``dense/kernel`` for a layer's weight (its path)."""
    return getattr(variable, "path", None) or variable.name.split(":")[0]


def watched_leaves(tape):
    """What the student watched (the Variables read, the tensors given to
    ``watch``), not the results of operations the tape watches as it goes."""
    produced = {id(node.output) for node in tape._nodes}
    return [t for t in tape._watched.values() if id(t) not in produced]


def summary(tape):
    """The recorded operations in order, with the shapes going in and out.

    Variables go by their names, constants by their values (when they have at most
    four elements), watched tensors and the results of operations by ``t0``,
    ``t1``, ... (see ``tensor_names``).
    """
    names = tensor_names(tape)
    lines = [f"GradientTape ({'persistent' if tape._persistent else 'one-shot'}): "
             f"{len(tape._nodes)} operations recorded"]
    leaves = watched_leaves(tape)
    if leaves:
        lines.append("  watched: " + ", ".join(_watched_text(names, t) for t in leaves))
    for i, node in enumerate(tape._nodes):
        args = ", ".join(_operand(names, x) for x in node.inputs)
        lines.append(f"  {i:3d}  {_label(names, node.output)}{_shape_text(node.output)}"
                     f" = {node.name}({args}){_broadcast_note(node)}")
    renamed = [f"{names[id(t)]} is also {variable_label(t)!r}" for t in leaves
               if t._is_variable and names[id(t)] != variable_name(t)]
    if renamed:  # unnamed tf.Variables are all 'Variable:0', as in TensorFlow
        lines.append(f"  (numbered here to tell apart variables that share a name: "
                     f"{'; '.join(renamed)})")
    return "\n".join(lines)


def short_description(tape):
    """``repr(tape)``: how many operations it recorded, what it watches."""
    leaves = watched_leaves(tape)
    variables = sum(1 for t in leaves if t._is_variable)
    tensors = len(leaves) - variables
    return (f"<GradientTape: {len(tape._nodes)} operations, watching "
            f"{_count(variables, 'variable')} and {_count(tensors, 'tensor')}>")


def _count(n, word):
    return f"{n} {word}" + ("" if n == 1 else "s")


class Explainer:
    """``gradient(..., explain=True)``: a line for each step of the chain rule."""

    def __init__(self, tape, say):
        self.say = say
        self.names = tensor_names(tape)
        self.noted = set()  # the operations whose broadcasting was pointed out

    def start(self, target, seed):
        name = _label(self.names, target)
        self.say(f"backward pass: start with d{name}/d{name} = {_brief(seed)}")

    def step(self, node, x, gx, grads):
        added = "  (added to earlier paths)" if grads[id(x)] is not gx else ""
        note = "" if id(node) in self.noted else _broadcast_note(node)
        self.noted.add(id(node))
        self.say(f"  {node.name}: {_label(self.names, node.output)} -> "
                 f"{_label(self.names, x)}   gradient {_brief(gx)}{added}{note}")


def _label(names, t):
    """A tensor's name on the tape; a constant (which has none) shows its value."""
    name = names.get(id(t))
    return name if name is not None else _value_text(t)


def _operand(names, t):
    """An operation's input as ``print(tape)`` shows it: a name and its shape, or a
    constant's value (whose brackets show its shape)."""
    if id(t) in names:
        return f"{names[id(t)]}{_shape_text(t)}"
    return _value_text(t)


def _watched_text(names, t):
    """``W (2, 1) = [[1.0], [1.0]]``: a name, its shape and, when small, its value
    (a Variable's value as it is now)."""
    value = _value_text(t)
    value = "" if value.startswith("constant") else f" = {value}"
    return f"{names[id(t)]}{_shape_text(t)}{value}"


def _value_text(t, most=4):
    """A constant's values when it has at most ``most`` elements (``2.0``,
    ``[1.0, 2.0]``), else ``constant (3, 4)``."""
    values = getattr(t, "numpy", None)
    if values is None:  # a scalar Value of scalar.py
        return f"{float(t):.4g}"
    values = values()
    if values.size > most:
        return f"constant {tuple(values.shape)}"
    if values.dtype.kind == "f":
        values = values.astype("float64").round(4)
    return str(values.tolist())


def _shape_of(x):
    return getattr(x, "shape", "()")


def _broadcast_note(node):
    """A note for an operation on shapes ``(N,)`` and ``(N, 1)``, which broadcast to
    ``(N, N)``: the classic mistake of a loss written by hand (docs/troubleshooting.md)."""
    shapes = [tuple(_shape_of(x)) for x in node.inputs]
    if len(shapes) != 2:
        return ""
    vector, column = sorted(shapes, key=len)
    if len(vector) != 1 or vector[0] < 2 or column != (vector[0], 1):
        return ""
    n = vector[0]
    return (f"   <- note: {vector} and {column} broadcast to {(n, n)}; is that what you "
            f"meant? (docs/troubleshooting.md)")


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
