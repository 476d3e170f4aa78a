"""Decoupled weight decay: ``Optimizer(weight_decay=...)`` and ``AdamW``.

Before each step's update, every trainable variable shrinks towards zero by a fixed
fraction of itself (Loshchilov and Hutter, "Decoupled weight decay regularization"):

    w = w - w * weight_decay * learning_rate          (then the optimizer's own rule)

Unlike an L2 penalty added to the loss, the decay does not pass through the gradient,
so Adam's division by the running RMS does not weaken it for weights with large
gradients.  This is Keras 3's ``_apply_weight_decay``, with the same exclusions:
``optimizer.exclude_from_weight_decay(var_list=[...], var_names=["bias"])`` leaves out
those variables (by object, or by a name that contains one of the strings).
"""
from ..ops.core import cast


def checked_weight_decay(value):
    """``weight_decay`` as a float (or None), refused when negative or not a number."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError(f"weight_decay must be a number (or None), got {value!r}")
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"weight_decay must be a number (or None), got "
                        f"{type(value).__name__} {value!r}") from None
    if value < 0:
        raise ValueError(f"weight_decay must be >= 0, got {value}")
    return value


def decays(optimizer, variable):
    """True when ``variable`` takes the optimizer's weight decay."""
    if optimizer.weight_decay is None:
        return False
    if any(variable is excluded for excluded in optimizer._decay_excluded_variables):
        return False
    name = getattr(variable, "name", "") or ""
    return not any(part in name for part in optimizer._decay_excluded_names)


def apply_weight_decay(optimizer, variables, learning_rate):
    """``w = w - w * weight_decay * learning_rate`` for each decaying variable, written
    with the optimizer's ``assign`` (so a failed step undoes it too)."""
    for variable in variables:
        if decays(optimizer, variable):
            rate = cast(learning_rate, variable.dtype) * optimizer.weight_decay
            optimizer.assign(variable, variable - variable * rate)
