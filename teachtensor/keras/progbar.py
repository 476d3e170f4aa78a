"""The progress bar that ``fit``, ``evaluate`` and ``predict`` draw::

    Epoch 1/5
    16/16 [==============================] - 0s 2ms/step - loss: 0.1234 - binary_accuracy: 0.9500

While an epoch runs, the line is redrawn in place: in a terminal by going back to the
start of the line with ``'\\r'``; in a Jupyter notebook by updating one display (an
IPython display handle), since printing would add hundreds of lines to the cell.  When
the output is neither (a log file, a test capturing it), only the finished line is
written.  Redraws are throttled to ``interval`` seconds: drawing costs far more than a
training step on a small model, and each redraw copies the logged numbers from the
device (in one copy: ``log_numbers.py``).
"""
import os
import sys
import time

from .log_numbers import as_numbers


class Progbar:
    """``Progbar(target)``; call ``update(current, values)`` as work progresses.

    ``target`` is the number of steps (None when unknown); ``values`` a list of
    ``(name, number)`` pairs shown after the bar; ``verbose=2`` writes one line at the
    end instead of a bar.

    Example::

        >>> bar = keras.callbacks.Progbar(3)
        >>> for step in range(3):
        ...     bar.update(step + 1, [("loss", 1.0 / (step + 1))])
        3/3 [==============================] - ...s/step - loss: 0.3333
    """

    def __init__(self, target, width=30, verbose=1, interval=0.1, unit_name="step"):
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        self._start = time.perf_counter()
        self._last_draw = 0.0
        self._display = _choose_display() if verbose == 1 else None

    def update(self, current, values=None, finalize=None):
        """Show progress ``current`` (steps done) with ``values``; redraws are throttled."""
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        if self.verbose == 0 or (self.verbose == 2 and not finalize):
            return
        now = time.perf_counter()
        if not finalize and (now - self._last_draw < self.interval
                             or not self._display.redraws):
            return
        self._last_draw = now
        numbers = as_numbers(dict(values or []))  # (one copy from the device)
        line = self._line(current, list(numbers.items()), now, finalize)
        if self.verbose == 2:
            _write(line + "\n")
        else:
            self._display.show(line, finalize)

    def _line(self, current, values, now, finalize):
        elapsed = now - self._start
        per_step = elapsed / current if current else 0.0
        metrics = "".join(f" - {name}: {_number(value)}" for name, value in values)
        if self.verbose == 2:
            return (f"{current}/{self.target or current} - {elapsed:.0f}s -"
                    f"{_per_unit(per_step, self.unit_name)}{metrics}")
        if finalize or self.target is None:
            timing = f" - {elapsed:.0f}s{_per_unit(per_step, self.unit_name)}"
        else:
            timing = f" - ETA: {_eta(per_step * (self.target - current))}"
        return self._bar(current) + timing + metrics

    def _bar(self, current):
        """``12/16 [======================>.......]``"""
        if self.target is None:
            return f"{current:7d}/Unknown"
        digits = len(str(self.target))
        done = int(self.width * min(current / self.target, 1.0)) if self.target else self.width
        arrow = "" if done == 0 else "=" * (done - 1) + (">" if current < self.target else "=")
        return f"{current:{digits}d}/{self.target} [{arrow}{'.' * (self.width - done)}]"


def _number(value):
    if getattr(value, "ndim", 0):  # an array of results (several thresholds): each one
        return "[" + " ".join(_number(v) for v in value.ravel()) + "]"
    value = float(value)
    return f"{value:.4f}" if 1e-3 < abs(value) < 1e6 or value == 0 else f"{value:.4e}"


def _per_unit(seconds, unit):
    if seconds >= 1 or seconds == 0:
        return f" {seconds:.0f}s/{unit}"
    if seconds >= 1e-3:
        return f" {seconds * 1e3:.0f}ms/{unit}"
    return f" {seconds * 1e6:.0f}us/{unit}"


def _eta(seconds):
    if seconds > 3600:
        return f"{seconds // 3600:.0f}:{(seconds % 3600) // 60:02.0f}:{seconds % 60:02.0f}"
    if seconds > 60:
        return f"{seconds // 60:.0f}:{seconds % 60:02.0f}"
    return f"{seconds:.0f}s"


def _write(text):
    sys.stdout.write(text)  # looked up each time, so redirected output follows
    sys.stdout.flush()


# ---- where the line goes ------------------------------------------------------------

def _choose_display():
    if _in_notebook():
        return _NotebookDisplay()
    stream = sys.stdout
    if (hasattr(stream, "isatty") and stream.isatty()) or "PYCHARM_HOSTED" in os.environ:
        return _TerminalDisplay()
    return _FinalLineDisplay()


def _in_notebook():
    """True inside a Jupyter kernel (IPython is already imported there)."""
    if "IPython" not in sys.modules:
        return False
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


class _TerminalDisplay:
    """Redraws by returning to the start of the line (``'\\r'``) and overwriting it."""

    redraws = True

    def __init__(self):
        self._width = 0

    def show(self, line, final):
        padding = " " * max(self._width - len(line), 0)  # erase a longer previous line
        self._width = len(line)
        _write("\r" + line + padding + ("\n" if final else ""))


class _NotebookDisplay:
    """Updates one output area of a notebook cell through an IPython display handle."""

    redraws = True

    def __init__(self):
        self._handle = None

    def show(self, line, final):
        from IPython.display import Pretty, display
        if self._handle is None:
            self._handle = display(Pretty(line), display_id=True)
        else:
            self._handle.update(Pretty(line))


class _FinalLineDisplay:
    """For logs and captured output: only the finished line is written."""

    redraws = False

    def show(self, line, final):
        if final:
            _write(line + "\n")
