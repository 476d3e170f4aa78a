"""``keras.config``: Keras's global settings that teachtensor has.

    keras.config.backend()            # 'tensorflow'
    keras.config.floatx()             # 'float32': the default float dtype
    keras.config.set_floatx("float64")
    keras.config.epsilon()            # 1e-07: the fuzz factor of losses and metrics

**Which backend?**  Keras 3 runs on TensorFlow, JAX or PyTorch, chosen with the
``KERAS_BACKEND`` environment variable before ``import keras``.  teachtensor plays the
part of the TensorFlow backend: its tensors, ``GradientTape`` and Variables are the
ones a TensorFlow user writes.  So ``backend()`` returns ``"tensorflow"``, and code that
branches on it (``if keras.config.backend() == "tensorflow": ...``, as the book's
notebooks do) takes the path teachtensor can run.  Setting ``KERAS_BACKEND`` to "jax"
or "torch" changes nothing (a warning says so when ``teachtensor.keras`` is imported).
"""
import os
import warnings

_FLOATX = "float32"
_EPSILON = 1e-7  # the value losses and metrics use (keras/loss_functions.py)


def backend():
    """The name of the backend: ``"tensorflow"`` (teachtensor stands in for it).

    Example::

        >>> print(keras.config.backend())
        tensorflow
    """
    return "tensorflow"


def floatx():
    """The default float dtype, as a string: ``"float32"`` unless ``set_floatx`` changed it.

    It is the dtype of new layers' weights, of ``keras.Input``, ``keras.Variable``,
    ``keras.random`` draws and the float tensors ``keras.ops`` creates (``ones``,
    ``zeros``, ``full``, ``arange`` of floats) when no dtype is given.

    Example::

        >>> print(keras.config.floatx())
        float32
    """
    return _FLOATX


def set_floatx(value):
    """Set the default float dtype: ``"float32"`` or ``"float64"``.

    Keras also accepts "float16" and "bfloat16"; teachtensor has no half-precision
    kernels, so those raise NotImplementedError.

    Example::

        >>> keras.config.set_floatx("float64")
        >>> print(keras.ops.ones(2).dtype, keras.layers.Dense(2)(np.ones((1, 2))).dtype)
        <dtype: 'float64'> <dtype: 'float64'>
        >>> keras.config.set_floatx("float32")
    """
    global _FLOATX
    if value in ("float16", "bfloat16"):
        raise NotImplementedError(f"teachtensor has no {value} (half precision) kernels; "
                                  f"use set_floatx('float32') or set_floatx('float64')")
    if value not in ("float32", "float64"):
        raise ValueError(f"Unknown floatx value: {value!r}. Expected 'float32' or "
                         f"'float64'")
    _FLOATX = value


def epsilon():
    """The small number (1e-7) losses and metrics use to avoid log(0) and 0 / 0.

    Example::

        >>> print(keras.config.epsilon())
        1e-07
    """
    return _EPSILON


def _warn_about_other_backends():
    chosen = os.environ.get("KERAS_BACKEND")
    if chosen and chosen.lower() not in ("tensorflow", "teachtensor"):
        warnings.warn(f"KERAS_BACKEND={chosen!r} is ignored: teachtensor stands in for the "
                      f"TensorFlow backend of Keras. Code for the {chosen} backend (e.g. "
                      f"jax.grad or torch training loops) will not run; the TensorFlow "
                      f"way (tf.GradientTape) does.", stacklevel=3)


_warn_about_other_backends()
