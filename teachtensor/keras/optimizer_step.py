"""How an optimizer step is made all or nothing (see ``optimizer_base.py``).

Three context managers wrap ``Optimizer.apply``:

* ``Step``: during the step, every write goes through ``Optimizer.assign`` & co.,
  which note the array each variable had (a *journal*).  On any exception the journal
  is played backwards: every variable gets its old array back, and slots made during
  the step are forgotten.  (Assigning swaps arrays instead of writing into them, so
  the old arrays are intact.)  When the step succeeds, the replaced arrays become the
  variables' spares (double buffering).
* ``ctrl_c_waits``: a Ctrl-C (SIGINT) that arrives during the step waits until the
  step is complete, then interrupts as usual;
* ``not_recorded``: the open tapes do not record the update.
"""
import _signal
import signal
import threading

from ..recording import open_tapes

_SIGINT = int(signal.SIGINT)


class Step:
    """The inside of ``apply``, all or nothing.

    On any exception every variable written during the step gets its old array back,
    and slots created in it are forgotten.  A Ctrl-C (SIGINT) that arrives during the
    step waits until the step is complete, then interrupts as usual: a step is never
    left half done.
    """

    def __init__(self, optimizer):
        self.optimizer = optimizer
        self.ctrl_c = ctrl_c_waits()

    def __enter__(self):
        self.ctrl_c.__enter__()
        self.optimizer._journal = []

    def __exit__(self, kind, error, traceback):
        journal, self.optimizer._journal = self.optimizer._journal, None
        try:
            if kind is None:
                self.optimizer._keep_spares(journal)
            else:
                for variable, data, shared in reversed(journal):
                    if variable is None:
                        del self.optimizer._slots[data]
                    else:
                        variable._replace_data(data, shared)
        finally:
            self.ctrl_c.__exit__()
        return False


class ctrl_c_waits:
    """Context manager: a Ctrl-C (SIGINT) that arrives inside is raised when it ends.

    (It calls ``_signal``, the C core of the ``signal`` module, directly: ``signal``
    wraps every call in Enum conversions that cost 6 microseconds a step.)
    """

    def __enter__(self):
        self.received = []
        # Only the main thread receives signals (and only it may set their handlers);
        # a handler not set from Python (getsignal gives None) is left alone.
        self.active = (threading.current_thread() is threading.main_thread()
                       and _signal.getsignal(_SIGINT) is not None)
        if self.active:
            self.previous = _signal.signal(_SIGINT, self._wait)

    def _wait(self, *received):
        self.received.append(received)

    def __exit__(self, *exc):
        if self.active:
            _signal.signal(_SIGINT, self.previous)
            if self.received:
                if callable(self.previous):
                    self.previous(*self.received[0])  # Python's handler: KeyboardInterrupt
                elif self.previous == _signal.SIG_DFL:
                    signal.raise_signal(_SIGINT)      # the default: end the program
        return False


class not_recorded:
    """Context manager: the open tapes of this thread do not record the update (an
    optimizer step is not part of anything to differentiate)."""

    def __enter__(self):
        self.paused = [t for t in open_tapes() if t._recording]
        for t in self.paused:
            t._recording = False

    def __exit__(self, *exc):
        for t in self.paused:
            t._recording = True
        return False
