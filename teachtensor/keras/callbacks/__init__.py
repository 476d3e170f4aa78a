"""Callbacks: objects that ``fit`` calls at fixed moments, to watch or steer training.

``fit`` calls ``on_train_begin``, then for each epoch ``on_epoch_begin``, for each batch
``on_train_batch_begin`` / ``on_train_batch_end``, and ``on_epoch_end`` with that
epoch's ``logs`` (``{"loss": ..., "accuracy": ..., "val_loss": ...}``), and finally
``on_train_end``.  A callback can stop training by setting ``self.model.stop_training =
True``.  Every fit has a ``History`` (what fit returns) and, when verbose, a
``ProgbarLogger`` (the progress bar); yours come before them.

Reading order, one module per family:

* ``base.py``: ``Callback``, ``CallbackList``, ``History``, ``ProgbarLogger``,
  ``TerminateOnNaN``, ``LambdaCallback``;
* ``monitor.py``: watching one value for improvement; ``EarlyStopping``;
* ``checkpoint.py``: ``ModelCheckpoint``;
* ``learning_rate.py``: ``LearningRateScheduler``, ``ReduceLROnPlateau``;
* ``csv_logger.py``: ``CSVLogger`` (and ``TensorBoard``, which teachtensor lacks).
"""
from ..progbar import Progbar  # noqa: F401  (keras.callbacks.Progbar, as before)
from .base import (Callback, CallbackList, History, LambdaCallback,  # noqa: F401
                   ProgbarLogger, TerminateOnNaN, _overrides)
from .checkpoint import ModelCheckpoint  # noqa: F401
from .csv_logger import CSVLogger, TensorBoard  # noqa: F401
from .learning_rate import LearningRateScheduler, ReduceLROnPlateau  # noqa: F401
from .monitor import EarlyStopping, _Monitor  # noqa: F401
