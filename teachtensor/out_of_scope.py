"""What teachtensor leaves out of TensorFlow, and the errors that say so.

teachtensor's tensors hold real numbers (float32, float64, integers and bools), in
regular n-dimensional arrays.  Some parts of TensorFlow go beyond that and are out of
scope: string, complex, ragged and sparse tensors, the SavedModel format and the image
operations.  Using one raises ``NotImplementedError`` naming the feature and what to
do instead, rather than a bare ``AttributeError`` that would look like a typo (it is
an AttributeError too, so ``hasattr(tf, "SparseTensor")`` is False, as for a missing
name):

    tf.constant("abc")          # NotImplementedError: string tensors ...
    tf.complex64                # NotImplementedError: complex numbers ...
    tf.image.resize(x, (8, 8))  # NotImplementedError: tf.image ...

``tf.image``, ``tf.ragged`` and friends are ``OutOfScopeModule`` stubs: the name
exists, so ``tf.image`` can be passed around, and any attribute of it raises.
This module imports nothing from teachtensor, so every other module may use it.
"""
import types

STRINGS = ("string tensors (tf.constant('abc'), tf.string, tf.strings) are out of scope: "
           "teachtensor's tensors hold numbers. Keep text in Python strings or NumPy "
           "arrays and turn it into numbers before making a tensor, e.g. with a "
           "dictionary from words to integer indices.")
COMPLEX = ("complex numbers (tf.complex64, tf.complex128, tf.complex, tf.constant(1j)) "
           "are out of scope: teachtensor computes with real float32 / float64 numbers. "
           "Keep the real and the imaginary parts as two float tensors.")
RAGGED = ("ragged tensors (tf.ragged, tf.RaggedTensor: rows of different lengths) are out "
          "of scope. Pad the rows to one length with NumPy (keeping a mask of the real "
          "entries if you need one) and make a regular tensor.")
SPARSE = ("sparse tensors (tf.sparse, tf.SparseTensor) are out of scope. Use a dense "
          "tensor: a NumPy array of zeros with the values set at their indices, then "
          "tf.constant(array).")
SAVED_MODEL = ("tf.saved_model (TensorFlow's graph format for serving) is out of scope. "
               "Save a Keras model with model.save('name.keras') and load it with "
               "keras.models.load_model('name.keras'), or keep only its weights with "
               "model.save_weights('name.weights.h5').")
IMAGE = ("tf.image (resizing, cropping, flipping, colour changes, ...) is out of scope. "
         "Prepare images with NumPy (or Pillow) before making tensors: e.g. "
         "images[:, ::-1] flips rows, images[:, 2:-2, 2:-2] crops.")


class OutOfScopeError(NotImplementedError, AttributeError):
    """Raised for an out-of-scope name (``tf.SparseTensor``, ``tf.image.resize``).  It is
    a NotImplementedError, with the message that says why and what to do instead, and
    an AttributeError too, so that ``hasattr(tf, "SparseTensor")`` and
    ``getattr(tf, "SparseTensor", None)`` answer False and None, as code written to
    check for a feature expects."""


class OutOfScopeModule(types.ModuleType):
    """A stand-in for a TensorFlow module teachtensor does not have: any attribute of it
    (``tf.image.resize``) raises NotImplementedError (``OutOfScopeError``) with the
    module's message."""

    def __init__(self, name, message, shown_as):
        super().__init__(name, f"Out of scope in teachtensor: {message}")
        self._message = message
        self._shown_as = shown_as  # "tf.image": how the user wrote it

    def __getattr__(self, attribute):
        if attribute.startswith("__"):  # what Python, pickle, help() look for
            raise AttributeError(attribute)
        raise OutOfScopeError(f"{self._shown_as}.{attribute}: {self._message}")

    def __repr__(self):
        return f"<module {self.__name__!r} (out of scope in teachtensor)>"


# Names of the ``tf`` namespace that raise on use, and the stub modules.
NAMES = {"string": STRINGS, "complex64": COMPLEX, "complex128": COMPLEX, "complex": COMPLEX,
         "RaggedTensor": RAGGED, "SparseTensor": SPARSE}
MODULES = {"strings": STRINGS, "ragged": RAGGED, "sparse": SPARSE,
           "saved_model": SAVED_MODEL, "image": IMAGE}


def lookup(name):
    """The stub module for ``tf.<name>``, or raise NotImplementedError for an
    out-of-scope name; None for a name that is merely unknown."""
    if name in MODULES:
        return OutOfScopeModule(f"teachtensor.{name}", MODULES[name], f"tf.{name}")
    if name in NAMES:
        raise OutOfScopeError(f"tf.{name}: {NAMES[name]}")
    return None


def refuse(kind):
    """Raise NotImplementedError if values of NumPy dtype kind ``kind`` are out of scope:
    strings and bytes ("U", "S"), complex numbers ("c").  Other kinds pass."""
    if kind in "US":
        raise NotImplementedError(STRINGS)
    if kind == "c":
        raise NotImplementedError(COMPLEX)
