"""The logs of ``fit``: the running results of the metrics, each computed only when
it is read, and the warning when the loss stops being a finite number.

A step's logs (``{"loss": ..., "accuracy": ...}``) are what callbacks and ``History``
read; most steps' logs are read by nobody, so ``RunningResults`` keeps the metrics and
divides their totals by their counts only on reading.
"""
import math
import warnings
from collections.abc import MutableMapping

from ..log_numbers import as_numbers


class RunningResults(MutableMapping):
    """``{metric name: metric.result()}``, each result computed when it is read.

    Speed trick, *lazy logs*: a metric's ``result()`` is a few operations (a division
    that guards against zero), and ``fit`` makes these logs at every step, but usually
    only the last step of an epoch is read (by ``History``), and a batch's logs only by
    a callback that looks at them.  So the division is done on reading, and a step whose
    logs nobody reads costs none.

    The logs belong to their step: a result not read before the metrics change again
    (the next step, ``reset_metrics``) cannot be computed any more, and reading it then
    raises instead of giving a later step's number.  ``dict(logs)`` keeps them all.
    Values you set (``logs["lr"] = ...``) are kept as they are.
    """

    def __init__(self, metrics):
        self._metrics = {metric.name: metric for metric in metrics}
        self._results = {}
        self._state = {name: _state_of(metric) for name, metric in self._metrics.items()}

    def __getitem__(self, name):
        if name not in self._results:
            metric = self._metrics[name]
            if _state_of(metric) != self._state[name]:
                raise RuntimeError(
                    f"these logs are from an earlier step: metric '{name}' has changed "
                    f"since, so its result then is gone. Read the logs before the next "
                    f"step, or keep them as numbers with dict(logs)")
            self._results[name] = metric.result()
        return self._results[name]

    def __setitem__(self, name, value):
        self._metrics.setdefault(name, None)
        self._results[name] = value

    def __delitem__(self, name):
        del self._metrics[name]
        self._results.pop(name, None)

    def __iter__(self):
        return iter(self._metrics)

    def __len__(self):
        return len(self._metrics)

    def __repr__(self):
        return repr(dict(self))


def _state_of(metric):
    """Which arrays a metric's state variables hold now (every update swaps them in)."""
    return tuple(id(v._data) for v in getattr(metric, "_variables", ()))


def warn_loss_not_finite(epoch, losses):
    """Say where the loss became NaN or inf, and what usually causes it.  The running
    loss totals of the epoch's batches are read now, in one copy, rather than after
    every batch (which would make every step wait for the device)."""
    numbers = as_numbers({i: loss for i, loss in enumerate(losses) if loss is not None})
    batch, value = next(((i, v) for i, v in numbers.items() if not math.isfinite(v)),
                        (len(losses) - 1, float("nan")))
    warnings.warn(
        f"The loss became {value} in epoch {epoch + 1}, batch {batch + 1}. Training rarely "
        f"recovers from that: the gradients, then the weights, become NaN too. The usual "
        f"causes: a learning rate too high (try one 10 times smaller), inputs that are not "
        f"scaled (divide them by their largest value, or standardize them), or a log or "
        f"a division of 0 in a loss you wrote. To stop training as soon as it happens, "
        f"pass callbacks=[keras.callbacks.TerminateOnNaN()].", RuntimeWarning, stacklevel=3)
