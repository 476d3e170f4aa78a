"""What a misspelt name probably meant: ``Did you mean 'mean_squared_error'?``

A name Keras does not know (a loss, metric, optimizer, activation or initializer, or a
keyword argument) is refused with the list of the names it knows.  In a list of twenty
names the one a typo was close to is easy to miss, so the message names it first.
``difflib``, in Python's standard library, scores how alike two strings are.
"""
import difflib


def did_you_mean(name, known):
    """``"Did you mean 'x'? "`` for the name in ``known`` most like ``name`` (ignoring
    case), or ``""`` when none is close enough."""
    if not isinstance(name, str):
        return ""
    by_lower = {}
    for k in known:
        by_lower.setdefault(k.lower(), k)  # ("accuracy" before the class "Accuracy")
    close = difflib.get_close_matches(name.lower(), list(by_lower), n=1)
    return f"Did you mean {by_lower[close[0]]!r}? " if close else ""
