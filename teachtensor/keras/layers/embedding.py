"""Embedding: a table of vectors, one row per integer (a word index, a category...).

``Embedding(input_dim, output_dim)`` holds a trainable matrix ``embeddings`` of shape
(input_dim, output_dim).  Its input is integers in [0, input_dim); each is replaced by
its row::

    output[..., :] = embeddings[inputs[...], :]        shape: inputs.shape + (output_dim,)

That is ``tf.gather(embeddings, inputs)``, the same as multiplying one-hot vectors by
the matrix, without building them.  The gradient scatters back: each row of the table
receives the sum of the gradients of the places that read it (a row read twice gets
both), and rows not read get 0 (``ops/indexing.py``: gather's transpose, scatter-add).

Float inputs are cast to int32 first (truncated), as in Keras.
"""
import warnings

from ... import dtypes
from ...ops.core import cast
from ...ops.indexing import gather
from .. import initializers, regularizers
from .layer import Layer


class Embedding(Layer):
    """Turns integers into vectors: row ``i`` of a trainable table for each index ``i``.

    ``Embedding(input_dim, output_dim, embeddings_initializer="uniform",
    embeddings_regularizer=None, mask_zero=False)``; "uniform" draws on ±0.05.

    Example::

        >>> embedding = layers.Embedding(input_dim=10, output_dim=3)
        >>> vectors = embedding(np.array([[4, 1, 4]]))        # one row of the table per index
        >>> print(vectors.shape, bool(tf.reduce_all(vectors[0, 0] == vectors[0, 2])))
        (1, 3, 3) True
    """

    def __init__(self, input_dim, output_dim, embeddings_initializer="uniform",
                 embeddings_regularizer=None, mask_zero=False, **kwargs):
        for name, value in (("input_dim", input_dim), ("output_dim", output_dim)):
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"`{name}` must be a positive integer. Received: "
                                 f"{name}={value!r} (of type {type(value).__name__})")
        if mask_zero:
            raise NotImplementedError(
                "Embedding(mask_zero=True) needs masking (later layers skipping the "
                "padding), which teachtensor does not have. Leave mask_zero=False: index 0 "
                "is then embedded like any other index.")
        if kwargs.pop("input_length", None) is not None:  # (Keras 2 code)
            warnings.warn("Argument `input_length` is deprecated (as in Keras 3). Just "
                          "remove it.", stacklevel=2)
        super().__init__(**kwargs)
        self.input_dim, self.output_dim = input_dim, output_dim
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.mask_zero = False

    def build(self, input_shape=None):
        self.embeddings = self.add_weight(shape=(self.input_dim, self.output_dim),
                                          initializer=self.embeddings_initializer,
                                          regularizer=self.embeddings_regularizer,
                                          name="embeddings")
        self.built = True

    def call(self, inputs):
        if inputs.dtype not in (dtypes.int32, dtypes.int64):
            inputs = cast(inputs, dtypes.int32)
        return gather(self.embeddings, inputs)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape) + (self.output_dim,)

    def get_config(self):
        return {**super().get_config(), "input_dim": self.input_dim,
                "output_dim": self.output_dim,
                "embeddings_initializer": initializers.serialize(self.embeddings_initializer),
                "embeddings_regularizer": regularizers.serialize(self.embeddings_regularizer),
                "activity_regularizer": regularizers.serialize(self.activity_regularizer),
                "mask_zero": self.mask_zero}
