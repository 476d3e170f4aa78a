"""Flattening nested lists, tuples and dicts, and rebuilding them.

``tape.gradient(loss, {"w": w, "b": [b1, b2]})`` returns gradients in the same
structure as its sources; these two functions are how.
"""


_CONTAINERS = (list, tuple, dict)


def _flat_list(structure):
    """True for a plain list of leaves, the common case (``tape.gradient(loss, [w, b])``),
    which both functions below handle without recursing."""
    if type(structure) is not list:
        return False
    for item in structure:
        if isinstance(item, _CONTAINERS):
            return False
    return True


def flatten(structure):
    """The leaves of nested lists/tuples/dicts, in order (dicts by sorted key)."""
    if _flat_list(structure):
        return list(structure)
    if isinstance(structure, dict):
        return [leaf for key in sorted(structure) for leaf in flatten(structure[key])]
    if isinstance(structure, (list, tuple)):
        return [leaf for item in structure for leaf in flatten(item)]
    return [structure]


def pack_as(structure, leaves):
    """Rebuild ``structure`` with its leaves replaced by ``leaves`` (in flatten's order)."""
    if _flat_list(structure):
        leaves = list(leaves)
        if len(leaves) == len(structure):
            return leaves
    leaves = iter(leaves)

    def build(s):
        if isinstance(s, dict):
            built = {key: build(s[key]) for key in sorted(s)}
            return type(s)((key, built[key]) for key in s)
        if isinstance(s, (list, tuple)):
            items = [build(item) for item in s]
            if isinstance(s, tuple) and hasattr(s, "_fields"):  # namedtuple
                return type(s)(*items)
            return type(s)(items)
        return next(leaves)

    return build(structure)
