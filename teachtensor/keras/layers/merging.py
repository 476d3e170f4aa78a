"""Merge layers: several tensors in, one out — how branches of a functional model meet.

    features = layers.Concatenate()([title, text_body, tags])   # side by side
    residual = layers.Add()([x, shortcut])                        # elementwise sum

``Concatenate(axis=-1)`` joins along an axis (every other axis must match).  The
elementwise merges (``Add``, ``Subtract``, ``Multiply``, ``Average``, ``Maximum``,
``Minimum``) combine tensors of one shape (or shapes that broadcast), element by
element.  None has weights.  Each has a function form, ``layers.add([a, b])``, which
makes the layer and calls it at once.
"""
from ...ops import arithmetic
from ...ops.shape_ops import concat
from ...tensor import TensorShape
from ..ops.promotion import same_dtype
from .layer import Layer


class Merge(Layer):
    """The elementwise merges: ``merge(inputs)`` folds ``combine`` over the list."""

    min_inputs, max_inputs = 1, None

    def build(self, input_shape):
        self.built = True

    def call(self, inputs):
        if not isinstance(inputs, (list, tuple)):
            raise ValueError(f"A merge layer should be called on a list of inputs. Received: "
                             f"inputs={inputs!r} (not a list); e.g. "
                             f"layers.{type(self).__name__}()([a, b])")
        count = len(inputs)
        if count < self.min_inputs or (self.max_inputs is not None and count > self.max_inputs):
            wanted = (f"exactly {self.min_inputs}" if self.min_inputs == self.max_inputs
                      else f"at least {self.min_inputs}")
            raise ValueError(f"A `{type(self).__name__}` layer should be called on {wanted} "
                             f"inputs. Received: {count} inputs.")
        _check_broadcastable(self, [tuple(x.shape) for x in inputs])
        return self.merge(_one_dtype(inputs))

    def merge(self, inputs):
        result = inputs[0]
        for x in inputs[1:]:
            result = self.combine(result, x)
        return result


class Add(Merge):
    """``Add()([a, b, ...])``: a + b + ...

    Example::

        >>> a, b = keras.Input(shape=(4,)), keras.Input(shape=(4,))
        >>> merged = layers.Add()([a, b])
        >>> model = keras.Model([a, b], merged)
        >>> print(merged.shape)
        (None, 4)
        >>> print(model([np.ones((1, 4)), np.full((1, 4), 3.0)]))
        teachtensor.Tensor([[4. 4. 4. 4.]], shape=(1, 4), dtype=float32)
    """
    combine = staticmethod(arithmetic.add)


class Subtract(Merge):
    """``Subtract()([a, b])``: a - b (exactly two inputs).

    Example::

        >>> a, b = keras.Input(shape=(4,)), keras.Input(shape=(4,))
        >>> merged = layers.Subtract()([a, b])
        >>> model = keras.Model([a, b], merged)
        >>> print(merged.shape)
        (None, 4)
        >>> print(model([np.ones((1, 4)), np.full((1, 4), 3.0)]))
        teachtensor.Tensor([[-2. -2. -2. -2.]], shape=(1, 4), dtype=float32)
    """
    min_inputs = max_inputs = 2
    combine = staticmethod(arithmetic.subtract)


class Multiply(Merge):
    """``Multiply()([a, b, ...])``: a * b * ...

    Example::

        >>> a, b = keras.Input(shape=(4,)), keras.Input(shape=(4,))
        >>> merged = layers.Multiply()([a, b])
        >>> model = keras.Model([a, b], merged)
        >>> print(merged.shape)
        (None, 4)
        >>> print(model([np.ones((1, 4)), np.full((1, 4), 3.0)]))
        teachtensor.Tensor([[3. 3. 3. 3.]], shape=(1, 4), dtype=float32)
    """
    combine = staticmethod(arithmetic.multiply)


class Maximum(Merge):
    """``Maximum()([a, b, ...])``: the elementwise largest.

    Example::

        >>> a, b = keras.Input(shape=(4,)), keras.Input(shape=(4,))
        >>> merged = layers.Maximum()([a, b])
        >>> model = keras.Model([a, b], merged)
        >>> print(merged.shape)
        (None, 4)
        >>> print(model([np.ones((1, 4)), np.full((1, 4), 3.0)]))
        teachtensor.Tensor([[3. 3. 3. 3.]], shape=(1, 4), dtype=float32)
    """
    combine = staticmethod(arithmetic.maximum)


class Minimum(Merge):
    """``Minimum()([a, b, ...])``: the elementwise smallest.

    Example::

        >>> a, b = keras.Input(shape=(4,)), keras.Input(shape=(4,))
        >>> merged = layers.Minimum()([a, b])
        >>> model = keras.Model([a, b], merged)
        >>> print(merged.shape)
        (None, 4)
        >>> print(model([np.ones((1, 4)), np.full((1, 4), 3.0)]))
        teachtensor.Tensor([[1. 1. 1. 1.]], shape=(1, 4), dtype=float32)
    """
    combine = staticmethod(arithmetic.minimum)


class Average(Merge):
    """``Average()([a, b, ...])``: (a + b + ...) / n.

    Example::

        >>> a, b = keras.Input(shape=(4,)), keras.Input(shape=(4,))
        >>> merged = layers.Average()([a, b])
        >>> model = keras.Model([a, b], merged)
        >>> print(merged.shape)
        (None, 4)
        >>> print(model([np.ones((1, 4)), np.full((1, 4), 3.0)]))
        teachtensor.Tensor([[2. 2. 2. 2.]], shape=(1, 4), dtype=float32)
    """
    combine = staticmethod(arithmetic.add)

    def merge(self, inputs):
        return Merge.merge(self, inputs) / float(len(inputs))


class Concatenate(Layer):
    """``Concatenate(axis=-1)([a, b, ...])``: the tensors side by side along ``axis``.

    Example::

        >>> a, b = keras.Input(shape=(4,)), keras.Input(shape=(4,))
        >>> merged = layers.Concatenate()([a, b])
        >>> model = keras.Model([a, b], merged)
        >>> print(merged.shape)
        (None, 8)
        >>> print(model([np.ones((1, 4)), np.full((1, 4), 3.0)]))
        teachtensor.Tensor([[1. 1. 1. 1. 3. 3. 3. 3.]], shape=(1, 8), dtype=float32)
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def build(self, input_shape):
        self.built = True

    def call(self, inputs):
        if not isinstance(inputs, (list, tuple)) or len(inputs) < 1:
            raise ValueError(f"A `Concatenate` layer should be called on a list of at least "
                             f"1 input. Received: inputs={inputs!r}")
        shapes = [tuple(x.shape) for x in inputs]
        rank = len(shapes[0])
        axis = self.axis % rank if rank else 0
        if any(len(s) != rank or any(a != b for i, (a, b) in enumerate(zip(s, shapes[0]))
                                     if i != axis) for s in shapes):
            raise ValueError(f"A `Concatenate` layer requires inputs with matching shapes "
                             f"except for the concatenation axis (axis={self.axis}). "
                             f"Received: input_shape={[TensorShape(s) for s in shapes]}")
        return concat(_one_dtype(inputs), axis=self.axis)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}


def _one_dtype(inputs):
    """The inputs in the dtype they combine into, by ``keras.ops``' rules (``promotion.py``):
    int32 and float32 meet in float32, int32 and bool in int32, uint8 and int8 in int16,
    as Keras 3's merge layers do (TensorFlow's own ``tf.add`` would refuse them)."""
    first = inputs[0]._data.dtype
    if all(x._data.dtype == first for x in inputs):
        return list(inputs)
    return same_dtype(*inputs)


def _check_broadcastable(layer, shapes):
    """The shapes of an elementwise merge must match, or broadcast (sizes 1 stretch)."""
    rank = max(len(s) for s in shapes)
    padded = [(1,) * (rank - len(s)) + s for s in shapes]
    for axis in range(rank):
        sizes = {s[axis] for s in padded} - {1}
        if len(sizes) > 1:
            raise ValueError(f"Inputs of layer '{layer.name}' have incompatible shapes: "
                             f"{[TensorShape(s) for s in shapes]} (axis {axis} has sizes "
                             f"{sorted(sizes)}); an elementwise merge needs one shape")


# ---- the function forms: make the layer and call it --------------------------------------

def add(inputs, **kwargs):
    """``layers.add([a, b])`` = ``layers.Add()([a, b])``.

    Example::

        >>> a, b = tf.constant([[1.0, 2.0]]), tf.constant([[3.0, 5.0]])
        >>> print(layers.add([a, b]))
        teachtensor.Tensor([[4. 7.]], shape=(1, 2), dtype=float32)
    """
    return Add(**kwargs)(inputs)


def subtract(inputs, **kwargs):
    """``layers.subtract([a, b])`` = ``layers.Subtract()([a, b])``.

    Example::

        >>> a, b = tf.constant([[1.0, 2.0]]), tf.constant([[3.0, 5.0]])
        >>> print(layers.subtract([a, b]))
        teachtensor.Tensor([[-2. -3.]], shape=(1, 2), dtype=float32)
    """
    return Subtract(**kwargs)(inputs)


def multiply(inputs, **kwargs):
    """``layers.multiply([a, b])`` = ``layers.Multiply()([a, b])``.

    Example::

        >>> a, b = tf.constant([[1.0, 2.0]]), tf.constant([[3.0, 5.0]])
        >>> print(layers.multiply([a, b]))
        teachtensor.Tensor([[ 3. 10.]], shape=(1, 2), dtype=float32)
    """
    return Multiply(**kwargs)(inputs)


def average(inputs, **kwargs):
    """``layers.average([a, b])`` = ``layers.Average()([a, b])``.

    Example::

        >>> a, b = tf.constant([[1.0, 2.0]]), tf.constant([[3.0, 5.0]])
        >>> print(layers.average([a, b]))
        teachtensor.Tensor([[2.  3.5]], shape=(1, 2), dtype=float32)
    """
    return Average(**kwargs)(inputs)


def maximum(inputs, **kwargs):
    """``layers.maximum([a, b])`` = ``layers.Maximum()([a, b])``.

    Example::

        >>> a, b = tf.constant([[1.0, 2.0]]), tf.constant([[3.0, 5.0]])
        >>> print(layers.maximum([a, b]))
        teachtensor.Tensor([[3. 5.]], shape=(1, 2), dtype=float32)
    """
    return Maximum(**kwargs)(inputs)


def minimum(inputs, **kwargs):
    """``layers.minimum([a, b])`` = ``layers.Minimum()([a, b])``.

    Example::

        >>> a, b = tf.constant([[1.0, 2.0]]), tf.constant([[3.0, 5.0]])
        >>> print(layers.minimum([a, b]))
        teachtensor.Tensor([[1. 2.]], shape=(1, 2), dtype=float32)
    """
    return Minimum(**kwargs)(inputs)


def concatenate(inputs, axis=-1, **kwargs):
    """``layers.concatenate([a, b])`` = ``layers.Concatenate(axis)([a, b])``.

    Example::

        >>> a, b = tf.constant([[1.0, 2.0]]), tf.constant([[3.0, 5.0]])
        >>> print(layers.concatenate([a, b]))
        teachtensor.Tensor([[1. 2. 3. 5.]], shape=(1, 4), dtype=float32)
    """
    return Concatenate(axis=axis, **kwargs)(inputs)
