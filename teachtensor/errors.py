"""``tf.errors``: TensorFlow's error classes, so that code written for TensorFlow can
catch what it expects (``except tf.errors.InvalidArgumentError:``).

TensorFlow raises ``InvalidArgumentError`` when an operation is given arguments it
cannot compute with: shapes that do not broadcast, matrices whose inner lengths differ,
a reshape to a different number of elements.  teachtensor's operations raise it in the
same places.  Each class here is also a subclass of the Python error teachtensor would
raise otherwise (``InvalidArgumentError`` is a ``ValueError``), so ``except ValueError``
catches it too, as it did before.

Example::

    >>> try:
    ...     tf.constant([1.0, 2.0, 3.0]) + tf.constant([1.0, 2.0])
    ... except tf.errors.InvalidArgumentError as error:
    ...     print(type(error).__name__, isinstance(error, ValueError))
    InvalidArgumentError True
"""


class OpError(Exception):
    """The base class of TensorFlow's errors: an operation failed.  Made with a message,
    ``InvalidArgumentError("...")``, or as TensorFlow makes them,
    ``InvalidArgumentError(node_def, op, message)``."""

    def __init__(self, *args):
        if len(args) == 3:  # TensorFlow's (node_def, op, message)
            self.node_def, self.op = args[0], args[1]
            args = (args[2],)
        super().__init__(*args)

    @property
    def message(self):
        return str(self)


class InvalidArgumentError(OpError, ValueError):
    """An operation got arguments it cannot compute with (shapes, lengths, axes)."""


class DTypeMismatchError(InvalidArgumentError, TypeError):
    """Two tensors of different dtypes in one operation (``int32 + float32``): what
    TensorFlow raises as InvalidArgumentError, and a TypeError too (Python's name for
    it, and what teachtensor raised before)."""


class IndexOutOfRangeError(InvalidArgumentError, IndexError):
    """An index past the end of an axis (``x[5]`` of 3 rows, ``tf.gather``): what
    TensorFlow raises as InvalidArgumentError, and an IndexError too (as Python's own
    sequences raise, so a loop that indexes until IndexError still ends)."""


class OutOfRangeError(OpError, IndexError):
    """Reading past the end (in TensorFlow: of an iterator or a queue)."""


class NotFoundError(OpError, FileNotFoundError):
    """A file or another named thing does not exist."""


class AlreadyExistsError(OpError, FileExistsError):
    """What was to be made exists already."""


class PermissionDeniedError(OpError, PermissionError):
    """Not allowed (a file that cannot be written, ...)."""


class UnimplementedError(OpError, NotImplementedError):
    """The operation is not implemented (for these arguments, or on this device)."""


class ResourceExhaustedError(OpError, MemoryError):
    """Out of memory (often: the GPU's)."""


class FailedPreconditionError(OpError, RuntimeError):
    """The system is not in a state to run the operation (an uninitialized variable)."""


class InternalError(OpError, RuntimeError):
    """A bug inside the library."""


class UnknownError(OpError):
    """An error of no other kind."""


__all__ = ["OpError", "InvalidArgumentError", "OutOfRangeError", "NotFoundError",
           "AlreadyExistsError", "PermissionDeniedError", "UnimplementedError",
           "ResourceExhaustedError", "FailedPreconditionError", "InternalError",
           "UnknownError"]
