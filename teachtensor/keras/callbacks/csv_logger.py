"""Keeping the logs in a file: ``CSVLogger``; and ``TensorBoard``, which it replaces here.

The file ``CSVLogger`` writes is a plain table, one row per epoch, that any
spreadsheet, ``numpy.genfromtxt`` or ``pandas.read_csv`` opens.
"""
import csv
import os

from .base import Callback


class CSVLogger(Callback):
    """Writes each epoch's logs as a row of a CSV file.

    The first row names the columns: ``epoch`` (counted from 0), then the names of
    the first epoch's logs in alphabetical order.  When those have no ``val_`` names,
    a ``val_`` column is added for each (filled with ``NA``), as Keras does.  Numbers
    are written in full (``0.6681213974952698``); rows end in ``\\r\\n``, as Python's
    ``csv`` module writes them.

    The file is emptied when training begins, unless ``append=True``: then rows are
    added after those there (with no new header row, if the file had one).  Each row
    is written and the file closed again at once, so the file is complete and closed
    whenever training stops, even by an error or Ctrl-C.

    Example::

        >>> keras.utils.set_random_seed(0)           # the same initial weights on every run
        >>> inputs = np.random.default_rng(0).normal(size=(64, 2)).astype("float32")
        >>> targets = (inputs[:, :1] + inputs[:, 1:] > 0).astype("float32")
        >>> model = keras.Sequential([layers.Dense(1)])
        >>> model.compile(optimizer="sgd", loss="mse")
        >>> import os, tempfile
        >>> path = os.path.join(tempfile.mkdtemp(), "log.csv")
        >>> history = model.fit(inputs, targets, epochs=2, verbose=0,
        ...                     callbacks=[keras.callbacks.CSVLogger(path)])
        >>> print(open(path).read())      # "...": the last digits vary by CPU
        epoch,loss,val_loss
        0,1.2287...,NA
        1,1.1335...,NA
    """

    adds_logs = ()

    def __init__(self, filename, separator=",", append=False):
        super().__init__()
        if not (isinstance(separator, str) and len(separator) == 1):
            raise ValueError(f"CSVLogger: separator must be a single character, such as "
                             f"',' or ';' or '\\t'; got {separator!r}")
        self.filename = os.fspath(filename)
        self.sep = separator
        self.append = append
        self.keys = None  # the columns after "epoch", chosen at the first epoch's end
        self._needs_header = True

    def on_train_begin(self, logs=None):
        self.keys = None
        self._needs_header = not (self.append and _has_first_line(self.filename))
        # Create the file now (or empty it): a folder that does not exist fails here,
        # before the first epoch.
        with open(self.filename, "a" if self.append else "w", newline=""):
            pass

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self.keys is None:
            self.keys = sorted(logs)
            if self.keys and not any(key.startswith("val_") for key in self.keys):
                self.keys += [f"val_{key}" for key in self.keys]
        with open(self.filename, "a", newline="") as f:
            writer = csv.writer(f, delimiter=self.sep)
            if self._needs_header:
                writer.writerow(["epoch"] + self.keys)
                self._needs_header = False
            writer.writerow([epoch] + [logs.get(key, "NA") for key in self.keys])


def _has_first_line(filename):
    if not os.path.exists(filename):
        return False
    with open(filename, newline="") as f:
        return bool(f.readline())


class TensorBoard(Callback):
    """Not available: teachtensor writes no TensorBoard logs (creating one says so).

    To keep each epoch's numbers, use ``keras.callbacks.CSVLogger("log.csv")``; to see
    the curves, ``teachtensor.plot.plot_history(history)`` with the ``History`` that
    ``fit`` returns.

    Example::

        >>> keras.callbacks.TensorBoard(log_dir="logs")
        Traceback (most recent call last):
          ...
        NotImplementedError: teachtensor does not write TensorBoard logs. To keep each epoch's
        numbers in a file, pass callbacks=[keras.callbacks.CSVLogger('log.csv')] to fit; to
        draw the training curves, call teachtensor.plot.plot_history(history) with the
        History that fit returns (history = model.fit(...)).
    """

    adds_logs = ()

    def __init__(self, *args, **kwargs):
        raise NotImplementedError(
            "teachtensor does not write TensorBoard logs. To keep each epoch's numbers in "
            "a file, pass callbacks=[keras.callbacks.CSVLogger('log.csv')] to fit; to draw "
            "the training curves, call teachtensor.plot.plot_history(history) with the "
            "History that fit returns (history = model.fit(...)).")
