"""Keras's weights file, ``model.weights.h5``: write it, and load it after checking it.

HDF5 is a file of nested groups (like folders) holding datasets (arrays); ``h5py``
reads and writes it, and ``h5py.File(path).visit(print)`` lists what is inside.  The
group of each layer is found by ``weight_layout.groups`` (read its docstring first).

Loading checks everything before it changes anything: every layer's group must be in
the file with as many weights of the same shapes, and the file must hold no layer the
model lacks.  The first difference is reported, naming the layer.  Only then are the
weights assigned, all of them.  The optimizer's state is loaded when the model has an
optimizer and the file holds a matching one (a file saved before training holds only
the step counter and learning rate); a different optimizer is reported by a warning
and skipped, as Keras does.
"""
import warnings

import numpy as np

from ...variable import variable_label
from . import npz_weights
from .weight_layout import groups, optimizer_variables

OPTIMIZER_PATH = "optimizer/vars"


def h5py_module():
    try:
        import h5py
    except ImportError:  # a dependency of teachtensor; missing only in a broken install
        raise ImportError("Keras's .weights.h5 and .keras files need the h5py package: "
                          "pip install h5py") from None
    return h5py


def write(model, target):
    """Write the model's weights (and its optimizer's) to ``target``, a file name or an
    open binary file."""
    h5py = h5py_module()
    with h5py.File(target, "w") as f:
        for path, name, weights in groups(model):
            group = f.create_group(path)
            group.attrs["name"] = name
            for i, variable in enumerate(weights):
                group.create_dataset(str(i), data=variable.numpy())


def read_groups_checked(source, source_name):
    """``read_groups``, with a damaged file reported by name (and nothing changed)."""
    return read_checked(read_groups, source, source_name)


def read_checked(read, source, source_name):
    """``read(source)``, with a damaged file reported by name (and nothing changed)."""
    try:
        return read(source)
    except ImportError:
        raise
    except Exception as error:  # h5py, zlib, ... each fail their own way on a bad file
        raise ValueError(f"cannot read weights from {source_name!r}: the file is damaged or "
                         f"is not a weights file ({type(error).__name__}: {error}). Nothing "
                         f"was changed.") from None


def read_groups(source):
    """``{path of a vars group: [arrays]}`` from ``source`` (a name or a binary file);
    or, for a file of teachtensor 0.1, ``{None: [arrays in the order of weights]}``."""
    h5py = h5py_module()
    with h5py.File(source, "r") as f:
        if f.attrs.get("format") == npz_weights.LEGACY_H5_FORMAT:
            return {None: npz_weights.load_legacy_h5(f)}
        found = {}

        def collect(path, item):
            if path.split("/")[-1] == "vars" and isinstance(item, h5py.Group):
                found[path] = [np.asarray(item[str(i)]) for i in range(len(item))]
        f.visititems(collect)
        if "vars" in f:  # (visititems does not visit the root's own "vars")
            collect("vars", f["vars"])
        return found


def load_into(model, stored, source_name):
    """Assign ``stored`` (from ``read_groups``) to the model, after checking it all."""
    from .assign import assign_all
    if not stored:
        raise ValueError(f"{source_name!r} holds no weights in Keras 3's layout (groups "
                         f"'layers/<name>/vars'); a file of Keras 2 ('model_weights/...') is "
                         f"not read by teachtensor. Nothing was changed.")
    if None in stored:  # the old teachtensor layout: by order
        assign_all(model.weights, stored[None], f"model '{model.name}' (loading "
                                                f"{source_name!r})")
        return
    expected = [(path, name, weights) for path, name, weights in groups(model)
                if path != OPTIMIZER_PATH]
    for path, name, weights in expected:
        _check_group(path, name, weights, stored, source_name)
    known = {path for path, _, _ in expected} | {OPTIMIZER_PATH}
    extra = [path for path in stored if path not in known and stored[path]]
    if extra:
        raise ValueError(f"{source_name!r} holds weights at {extra[0]!r}, which model "
                         f"'{model.name}' does not have (it has "
                         f"{[p for p, _, w in expected if w]}): the file was saved from a "
                         f"model of another architecture. Nothing was changed.")
    variables = [v for _, _, weights in expected for v in weights]
    arrays = [a for path, _, _ in expected for a in stored.get(path, [])]
    optimizer = _optimizer_state(model, stored.get(OPTIMIZER_PATH), source_name)
    if optimizer is not None:
        variables += optimizer[0]
        arrays += optimizer[1]
    assign_all(variables, arrays, f"model '{model.name}' (loading {source_name!r})")


def _check_group(path, name, weights, stored, source_name):
    where = f"layer '{name}' (stored at {path!r} in {source_name!r})"
    if path not in stored:
        if not weights:
            return
        raise ValueError(f"{where}: the file has no weights for it; it was saved from a "
                         f"model of another architecture. Nothing was changed.")
    arrays = stored[path]
    if len(arrays) != len(weights):
        raise ValueError(f"{where}: the layer has {len(weights)} weights, the file "
                         f"{len(arrays)}. Nothing was changed.")
    for variable, array in zip(weights, arrays):
        if tuple(variable.shape) != array.shape:
            raise ValueError(f"{where}: weight '{variable_label(variable)}' has shape "
                             f"{tuple(variable.shape)}, the file's {array.shape}. "
                             f"Nothing was changed.")


def _optimizer_state(model, arrays, source_name):
    """(variables, arrays) of the optimizer to load, or None to leave it as it is."""
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None or not arrays:
        return None
    trainable = model.trainable_weights
    start = optimizer_variables(optimizer, trainable)[:2 if optimizer._schedule is None else 1]
    shapes = [()] * len(start)
    for group in optimizer.slot_groups():
        for variable in trainable:
            shapes += [tuple(variable.shape)] * len(group)
    found = [a.shape for a in arrays]
    if found == shapes[:len(start)]:  # saved before its first step: counter and rate
        if len(shapes) > len(start) and int(arrays[0]) > 0:  # steps taken, yet no slots:
            warnings.warn(f"the optimizer state in {source_name!r} has taken "  # another
                          f"{int(arrays[0])} steps but keeps no slots, which this "  # rule
                          f"model's {type(optimizer).__name__} needs: it was not loaded; "
                          f"the layers' weights were.", stacklevel=4)
            return None
        return start, list(arrays)
    if found != shapes:
        warnings.warn(f"the optimizer state in {source_name!r} ({len(arrays)} variables) "
                      f"does not fit this model's {type(optimizer).__name__} "
                      f"({len(shapes)} variables): it was not loaded; the layers' weights "
                      f"were.", stacklevel=4)
        return None
    optimizer.build(trainable)  # its slots, to be filled from the file
    return optimizer_variables(optimizer, trainable), list(arrays)
