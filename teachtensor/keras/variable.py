"""``keras.Variable``: Keras 3's variable, made from an initializer and a shape.

The book's third edition creates weights this way::

    W = keras.Variable(shape=(784, 512), initializer="uniform")
    b = keras.Variable(shape=(512,), initializer="zeros")
    v = keras.Variable(np.zeros((3, 1)))        # or from values, like tf.Variable

The first argument, ``initializer``, is either the values (a number, a list, a NumPy
array, a tensor) or something that makes them: an initializer's name ("zeros",
"uniform", "glorot_uniform", ...), an initializer object, or a function
``f(shape, dtype)``.  Those need ``shape``.

It *is* a ``tf.Variable`` here (TensorFlow's Keras wraps one), so tapes watch it,
optimizers update it and every operation takes it.  It differs in name and print:
``v.name`` is ``"variable"``, ``"variable_1"``, ... (no ``:0``), and ``print(v)``
shows ``<Variable path=variable, shape=(3, 1), dtype=float32, value=...>``.  ``v.path``
adds the layers it was made in (``"sequential/dense/kernel"``; see ``name_scope.py``):
a layer's weights are keras.Variables too.
Its ``dtype`` is a tf.DType (``print(v.dtype)`` shows ``<dtype: 'float32'>``), where
Keras 3 has the string ``'float32'``; both compare equal to ``"float32"``.
"""
from .. import dtypes
from ..tensor import TensorShape, convert_to_tensor
from ..variable import Variable as _TFVariable
from . import initializers
from .config import floatx
from .layers.naming import unique_name
from .name_scope import path_of


class Variable(_TFVariable):
    """``keras.Variable(initializer, shape=None, dtype=None, trainable=True, name=None)``.

    Example::

        >>> W = keras.Variable(shape=(3, 2), initializer="uniform")     # from an initializer
        >>> b = keras.Variable(np.zeros(2, "float32"), name="b")        # or from values
        >>> print(W.shape, b)
        (3, 2) <Variable path=b, shape=(2,), dtype=float32, value=[0. 0.]>
    """

    __slots__ = ("_path",)
    _in_name_scopes = False  # Keras's own scopes make its path; tf.name_scope does not

    def __init__(self, initializer, shape=None, dtype=None, trainable=True, autocast=True,
                 aggregation="none", synchronization="auto", name=None):
        if name is not None and (not isinstance(name, str) or "/" in name):
            raise ValueError(f"a Variable's name must be a string without '/', got "
                             f"name={name!r}")
        if _makes_values(initializer):
            if shape is None:
                raise ValueError(f"keras.Variable: the initializer {initializer!r} makes "
                                 f"values of a shape you choose; give it, e.g. "
                                 f"keras.Variable(initializer={initializer!r}, shape=(3, 1))")
            shape = tuple(int(s) for s in shape)
            dtype = dtypes.as_dtype(dtype or floatx())
            value = convert_to_tensor(initializers.get(initializer)(shape, dtype=dtype),
                                      dtype=dtype)
        else:
            value = convert_to_tensor(initializer, dtype=dtype)
        if shape is not None and tuple(value.shape) != tuple(shape):
            raise ValueError(f"keras.Variable: the values have shape {value.shape}, but "
                             f"shape={TensorShape(shape)} was asked for")
        super().__init__(value, trainable=trainable, name=name or unique_name("variable"))
        self._path = path_of(self._name)  # the layers being called or built, then the name

    @property
    def name(self):
        """The variable's name: the one given, or ``variable``, ``variable_1``, ..."""
        return self._name

    @property
    def path(self):
        """Where the variable lives: ``"sequential/dense/kernel"`` for a layer's
        weight; a variable made on its own has its name as path."""
        return self._path

    def __repr__(self):
        return (f"<Variable path={self.path}, shape={self.shape}, dtype={self.dtype.name}, "
                f"value={self.numpy()}>")

    __str__ = __repr__


def _makes_values(initializer):
    """True for an initializer name, object or function; False for values."""
    if isinstance(initializer, (str, initializers.Initializer)):
        return True
    return callable(initializer) and not hasattr(initializer, "shape")
