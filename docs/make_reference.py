"""Write docs/reference.md: every public name of teachtensor, found by introspection.

Run it after adding or changing a public function, class or docstring::

    .venv/bin/python docs/make_reference.py

For each namespace below it lists the public names (not starting with ``_``, not
modules, defined in teachtensor, and not a helper imported from the core such as
``convert_to_tensor`` inside ``tf.random``), and for each name writes its signature, the
first line of its docstring and a runnable example.  Examples come from the table
``EXAMPLES`` below (``{p}`` stands for the namespace, e.g. ``tf.math``), or else from an
``Example::`` block in the docstring.  ``tests/test_docs.py`` runs every example, and
checks that this file lists every public name, so a new public name without an example
makes the tests fail: add one to ``EXAMPLES`` (or an ``Example::`` block to the docstring)
and run this script again.
"""
import importlib
import inspect
import os
import re
import sys
import textwrap
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # the teachtensor next to this folder

# (module, how the reference writes it, what it is)
NAMESPACES = [
    ("teachtensor", "tf", "Tensors, variables, operations and the GradientTape."),
    ("teachtensor.math", "tf.math", "Mathematical operations under their TensorFlow names."),
    ("teachtensor.nn", "tf.nn", "Activations and losses on logits."),
    ("teachtensor.linalg", "tf.linalg", "Linear algebra: solve, inv, det, norms, einsum."),
    ("teachtensor.random", "tf.random", "Random tensors and the global seed."),
    ("teachtensor.config", "tf.config", "Which devices there are (CPU:0, and GPU:0 with a GPU)."),
    ("teachtensor.data", "tf.data", "Datasets: input pipelines for `fit`."),
    ("teachtensor.keras", "keras",
     "The Keras API: models, layers, `keras.Input` and `keras.Variable`."),
    ("teachtensor.keras.ops", "keras.ops",
     "Keras 3's NumPy-like operations (mixed dtypes converted by Keras's rules)."),
    ("teachtensor.keras.random", "keras.random", "Random tensors with Keras 3's `seed=` rules."),
    ("teachtensor.keras.config", "keras.config", "Keras's global settings: backend, floatx."),
    ("teachtensor.keras.layers", "keras.layers", "Layers: weights plus a computation."),
    ("teachtensor.keras.models", "keras.models", "Models: `Sequential` and `Model`."),
    ("teachtensor.keras.optimizers", "keras.optimizers", "How the weights are updated."),
    ("teachtensor.keras.losses", "keras.losses", "What training minimizes."),
    ("teachtensor.keras.metrics", "keras.metrics", "What training reports."),
    ("teachtensor.keras.callbacks", "keras.callbacks", "Hooks called by `fit`."),
    ("teachtensor.keras.activations", "keras.activations", "Activation functions by name."),
    ("teachtensor.keras.initializers", "keras.initializers", "How weights start out."),
    ("teachtensor.keras.regularizers", "keras.regularizers",
     "Penalties on weights and outputs, added to the training loss."),
    ("teachtensor.keras.saving", "keras.saving",
     "Models and weights to files and back, in Keras's own formats."),
    ("teachtensor.keras.utils", "keras.utils", "Small utilities."),
    ("teachtensor.keras.datasets.mnist", "keras.datasets.mnist",
     "Handwritten digits, downloaded once into `~/.keras/datasets`."),
    ("teachtensor.keras.datasets.fashion_mnist", "keras.datasets.fashion_mnist",
     "Photos of clothes, in MNIST's shapes."),
    ("teachtensor.keras.datasets.cifar10", "keras.datasets.cifar10",
     "Small colour photos in 10 classes."),
    ("teachtensor.keras.datasets.imdb", "keras.datasets.imdb",
     "Movie reviews as lists of word indices, liked or not."),
    ("teachtensor.keras.datasets.reuters", "keras.datasets.reuters",
     "Newswires as lists of word indices, in 46 topics."),
    ("teachtensor.keras.datasets.boston_housing", "keras.datasets.boston_housing",
     "House prices from 13 numbers per district."),
    ("teachtensor.plot", "tf.plot", "The chapter's figures (matplotlib)."),
    ("teachtensor.testing", "tf.testing", "Checking gradients against finite differences."),
    ("teachtensor.scalar", "tf.scalar", "Backpropagation on single numbers."),
]

SETUP = """\
import numpy as np
import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers, models

x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
y_true = tf.constant([[0.0], [1.0], [1.0]])
y_pred = tf.constant([[0.1], [0.8], [0.4]])
"""

# Core modules whose names, imported into another namespace, are helpers there.
_CORE = ("teachtensor.tensor", "teachtensor.tape", "teachtensor.variable", "teachtensor.ops")
_FACADES = ("teachtensor", "teachtensor.math", "teachtensor.nn", "teachtensor.linalg")

_UNARY = dict.fromkeys(
    "abs cos exp sigmoid sign sin sqrt square tanh floor reciprocal relu rsqrt softplus "
    "negative".split(), "print({p}.{n}(tf.constant([0.5, 1.0, 2.0])))")
_UNARY["round"] = "print({p}.round(tf.constant([0.5, 1.5, 2.5, -2.7])))  # ties to even"
_UNARY["ceil"] = "print({p}.ceil(tf.constant([0.5, 1.0, -1.5])))"
_UNARY["log"] = "print({p}.log(tf.constant([1.0, 2.718282])))"
_UNARY["log1p"] = "print({p}.log1p(tf.constant([0.0, 1.0])))"
_UNARY["erf"] = "print({p}.erf(tf.constant([-1.0, 0.0, 0.5, 2.0])))"
_ACTIVATION = "print({p}.{n}(tf.constant([-2.0, -0.5, 0.0, 1.0])))"
_UNARY.update(dict.fromkeys("elu selu gelu leaky_relu".split(), _ACTIVATION))
_UNARY["gelu"] = _ACTIVATION + "\nprint({p}.gelu(tf.constant([-2.0, 1.0]), approximate=True))"
_UNARY["leaky_relu"] = _ACTIVATION.replace("])))", "]), alpha=0.1))")
_BINARY = dict.fromkeys(
    "add subtract multiply divide truediv maximum minimum pow floordiv floormod mod equal "
    "not_equal less less_equal greater greater_equal squared_difference divide_no_nan".split(),
    "print({p}.{n}(tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 0.5])))")
_LOGICAL = dict.fromkeys(
    "logical_and logical_or logical_xor".split(),
    "print({p}.{n}(tf.constant([True, True, False]), tf.constant([True, False, False])))")
_REDUCE = dict.fromkeys(
    "reduce_sum reduce_mean reduce_max reduce_min reduce_prod reduce_std reduce_variance "
    "reduce_logsumexp".split(),
    "print({p}.{n}(x), {p}.{n}(x, axis=0), {p}.{n}(x, axis=1, keepdims=True).shape)")

OPS = {
    **_UNARY, **_BINARY, **_LOGICAL, **_REDUCE,
    "logical_not": "print({p}.logical_not(tf.constant([True, False])))",
    "reduce_all": "print({p}.reduce_all(tf.constant([True, False])))",
    "reduce_any": "print({p}.reduce_any(tf.constant([True, False])))",
    "argmax": "print({p}.argmax(tf.constant([[1.0, 5.0], [3.0, 2.0]]), axis=1))",
    "argmin": "print({p}.argmin(tf.constant([[1.0, 5.0], [3.0, 2.0]]), axis=1))",
    "add_n": "print({p}.add_n([tf.ones(2), tf.ones(2), tf.ones(2)]))",
    "l2_normalize": "print({p}.l2_normalize(tf.constant([3.0, 4.0])))",
    "softmax": "print({p}.softmax(tf.constant([[1.0, 2.0, 3.0]])))",
    "log_softmax": "print({p}.log_softmax(tf.constant([[1.0, 2.0, 3.0]])))",
    "sigmoid_cross_entropy_with_logits":
        "print({p}.sigmoid_cross_entropy_with_logits(labels=tf.constant([0.0, 1.0]),\n"
        "                                            logits=tf.constant([-2.0, 3.0])))",
    "softmax_cross_entropy_with_logits":
        "print({p}.softmax_cross_entropy_with_logits(labels=tf.constant([[0.0, 1.0]]),\n"
        "                                            logits=tf.constant([[1.0, 3.0]])))",
    "norm": """\
print({p}.norm(x), {p}.norm(x, ord=1, axis=1), {p}.norm(x, ord=np.inf, axis=[0, 1]))""",
    "einsum": """\
print({p}.einsum("ij,jk->ik", x, x))      # x @ x
print({p}.einsum("ii", x), {p}.einsum("ij->j", x))  # the trace; the column sums""",
    "matmul": "print({p}.matmul(x, x), {p}.matmul(x, x, transpose_b=True))",
    "tensordot": "print({p}.tensordot(x, x, axes=1))",
}

LINALG = {
    "solve": """\
a = tf.constant([[2.0, 1.0], [1.0, 3.0]])
print(tf.linalg.solve(a, tf.constant([[1.0], [2.0]])))   # x with a @ x = b: [[0.2], [0.6]]""",
    "inv": "print(tf.linalg.inv(tf.constant([[2.0, 1.0], [1.0, 3.0]])))",
    "det": """\
a = tf.Variable([[2.0, 1.0], [1.0, 3.0]])
with tf.GradientTape() as tape:
    d = tf.linalg.det(a)
print(d, tape.gradient(d, a))     # 5.0, and d * inverse(a) transposed""",
    "global_norm": "print(tf.linalg.global_norm([tf.constant([3.0, 4.0]), tf.constant([12.0])]))",
}

TF = {
    "DType": "print(tf.float32, tf.float32.is_floating, tf.int32.is_integer)",
    "GradientTape": """\
v = tf.Variable(3.0)
with tf.GradientTape() as tape:
    y = v * v
print(tape.gradient(y, v))      # 6.0""",
    "Tensor": """\
t = tf.constant([[1.0, 2.0]])
print(isinstance(t, tf.Tensor), t.shape, t.dtype, t.numpy())""",
    "TensorShape": "print(x.shape, x.shape.as_list(), x.shape == (2, 2))",
    "is_tensor": "print(tf.is_tensor(x), tf.is_tensor(tf.Variable(1.0)), tf.is_tensor([1.0]))",
    "UnconnectedGradients": """\
v, u = tf.Variable(3.0), tf.Variable(1.0)
with tf.GradientTape() as tape:
    y = v * v
print(tape.gradient(y, u, unconnected_gradients=tf.UnconnectedGradients.ZERO))  # 0.0""",
    "Variable": """\
v = tf.Variable(tf.zeros((2, 1)), name="v")
v.assign_add(tf.ones((2, 1)))
v[0, 0].assign(5.0)
print(v)""",
    "as_dtype": 'print(tf.as_dtype("float32") == tf.float32, tf.as_dtype(np.int64))',
    "broadcast_to": "print(tf.broadcast_to(tf.constant([1.0, 2.0]), (3, 2)))",
    "cast": "print(tf.cast(tf.constant([1.7, -0.3]), tf.int32))",
    "clip_by_value": "print(tf.clip_by_value(tf.constant([-2.0, 0.5, 3.0]), 0.0, 1.0))",
    "clip_by_norm": "print(tf.clip_by_norm(tf.constant([3.0, 4.0]), 1.0))   # [0.6 0.8]",
    "clip_by_global_norm": """\
grads = [tf.constant([3.0, 4.0]), None, tf.constant([12.0])]
clipped, norm = tf.clip_by_global_norm(grads, 6.5)       # norm = sqrt(9 + 16 + 144) = 13
print(clipped, norm)""",
    "pad": """\
row = tf.constant([[1.0, 2.0, 3.0]])
for mode in ["CONSTANT", "REFLECT", "SYMMETRIC"]:
    print(mode, tf.pad(row, [[0, 0], [2, 2]], mode=mode).numpy())""",
    "concat": "print(tf.concat([x, x], axis=0).shape, tf.concat([x, x], axis=1).shape)",
    "constant": "print(tf.constant([[1, 2], [3, 4]]), tf.constant(3.0))",
    "convert_to_tensor": "print(tf.convert_to_tensor(np.arange(3.0)))",
    "custom_gradient": """\
@tf.custom_gradient
def clip_gradient(x):
    def grad(upstream):
        return tf.clip_by_value(upstream, -1.0, 1.0)
    return tf.identity(x), grad

v = tf.Variable(2.0)
with tf.GradientTape() as tape:
    y = clip_gradient(v) * 10.0
print(tape.gradient(y, v))      # 1.0, not 10.0""",
    "expand_dims": "print(tf.expand_dims(tf.constant([1.0, 2.0]), axis=-1).shape)",
    "eye": "print(tf.eye(3))",
    "fill": "print(tf.fill((2, 3), 7.0))",
    "gather": "print(tf.gather(tf.constant([10.0, 20.0, 30.0]), [2, 0]))",
    "identity": """\
print(tf.identity(x))                # the same values (a copy on another device)
with tf.device("CPU:0"):
    on_cpu = tf.identity(x)          # how a tensor moves: identity under tf.device
print(on_cpu.device)""",
    "device": """\
with tf.device("CPU:0"):             # or "GPU:0" (with no GPU: the CPU, and a warning)
    t = tf.ones((2, 2))
print(t.device)                      # /job:localhost/replica:0/task:0/device:CPU:0""",
    "linspace": "print(tf.linspace(0.0, 1.0, 5))",
    "matmul": "print(tf.matmul(x, x), tf.matmul(x, x, transpose_b=True))",
    "one_hot": "print(tf.one_hot([0, 2, 1], depth=3))",
    "ones": "print(tf.ones(shape=(2, 1)))",
    "ones_like": "print(tf.ones_like(x))",
    "range": "print(tf.range(5), tf.range(1.0, 2.0, 0.25))",
    "rank": "print(tf.rank(x))",
    "reshape": "print(tf.reshape(tf.range(6), (3, -1)))",
    "shape": "print(tf.shape(x))",
    "size": "print(tf.size(x))",
    "squeeze": "print(tf.squeeze(tf.ones((1, 3, 1))).shape)",
    "stack": "print(tf.stack([tf.ones(2), tf.zeros(2)], axis=0))",
    "stop_gradient": """\
v = tf.Variable(2.0)
with tf.GradientTape() as tape:
    y = v * tf.stop_gradient(v)     # the second factor is treated as a constant
print(tape.gradient(y, v))          # 2.0, not 4.0""",
    "tensordot": "print(tf.tensordot(x, x, axes=1))",
    "Module": """\
class Linear(tf.Module):
    def __init__(self, n_in, n_out, name=None):
        super().__init__(name=name)
        self.w = tf.Variable(tf.ones((n_in, n_out)), name="w")
        self.b = tf.Variable(tf.zeros((n_out,)), name="b")

    def __call__(self, x):
        return tf.matmul(x, self.w) + self.b

model = Linear(2, 1)
print(model.name, [v.name for v in model.trainable_variables])   # sorted by attribute
print(model(tf.ones((3, 2))).shape)""",
    "TensorSpec": """\
spec = tf.TensorSpec(shape=(None, 2), dtype=tf.float32)
print(spec, spec.is_compatible_with(x), spec.is_compatible_with(tf.ones((2, 3))))""",
    "tile": "print(tf.tile(tf.constant([[1, 2]]), [2, 3]))",
    "transpose": "print(tf.transpose(x), tf.transpose(tf.ones((2, 3, 4)), perm=[2, 0, 1]).shape)",
    "unstack": "print(tf.unstack(x))",
    "where": "print(tf.where(x > 2.0, x, tf.zeros_like(x)))",
    "zeros": "print(tf.zeros(shape=(2, 1)))",
    "zeros_like": "print(tf.zeros_like(x))",
}

RANDOM = {
    "normal": "tf.random.set_seed(0)\nprint(tf.random.normal(shape=(3, 1), mean=0.0, stddev=1.0))",
    "uniform": "print(tf.random.uniform(shape=(3, 1), minval=0.0, maxval=1.0))",
    "truncated_normal": "print(tf.random.truncated_normal((4,), stddev=0.1))",
    "set_seed": """\
tf.random.set_seed(42)
a = tf.random.uniform((2,))
tf.random.set_seed(42)
print(np.array_equal(a, tf.random.uniform((2,))))      # True""",
    "shuffle": "print(tf.random.shuffle(tf.range(6)))",
}

DATA = {
    "Dataset": """\
features = np.arange(10, dtype="float32").reshape(5, 2)
labels = np.arange(5, dtype="float32")
dataset = tf.data.Dataset.from_tensor_slices((features, labels)).shuffle(5, seed=0).batch(2)
for batch_x, batch_y in dataset:
    print(batch_x.shape, batch_y.numpy())""",
}

_MODEL_DATA = """\
inputs = np.random.default_rng(0).normal(size=(64, 2)).astype("float32")
targets = (inputs[:, :1] + inputs[:, 1:] > 0).astype("float32")
"""

KERAS = {
    "Input": """\
inputs = keras.Input(shape=(3,), name="my_input")
print(inputs, inputs.dtype)                           # the dtype is a string, 'float32'
outputs = layers.Dense(2)(inputs)                     # the functional API
model = keras.Model(inputs=inputs, outputs=outputs)
print([tuple(w.shape) for w in model.weights])""",
    "KerasTensor": """\
features = layers.Dense(64, activation="relu")(keras.Input(shape=(3,)))
print(features, features.shape)""",
    "Model": """\
class TinyModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = layers.Dense(1, activation="sigmoid")

    def call(self, inputs):
        return self.dense(inputs)

model = TinyModel()
print(model(tf.ones((4, 2))).shape)""",
    "Layer": """\
class SimpleDense(keras.Layer):
    def __init__(self, units, activation=None):
        super().__init__()
        self.units = units
        self.activation = activation

    def build(self, input_shape):
        batch_dim, input_dim = input_shape
        self.W = self.add_weight(shape=(input_dim, self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        y = keras.ops.matmul(inputs, self.W) + self.b
        return self.activation(y) if self.activation is not None else y

my_dense = SimpleDense(units=32, activation=keras.ops.relu)
print(my_dense(keras.ops.ones(shape=(2, 784))).shape)""",
    "Variable": """\
W = keras.Variable(shape=(3, 2), initializer="uniform")     # from an initializer
b = keras.Variable(np.zeros(2, "float32"), name="b")        # or from values
print(W.shape, b)""",
    "Sequential": _MODEL_DATA + """\
model = keras.Sequential([layers.Dense(8, activation="relu"), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
history = model.fit(inputs, targets, epochs=2, batch_size=16, verbose=0)
print(sorted(history.history), model.predict(inputs[:3], verbose=0).shape)""",
}

_MERGE = """\
a, b = keras.Input(shape=(4,)), keras.Input(shape=(4,))
merged = layers.{n}()([a, b])
model = keras.Model([a, b], merged)
print(merged.shape, model([np.ones((1, 4)), np.full((1, 4), 3.0)]))"""
_MERGE_FUNCTION = """\
a, b = tf.constant([[1.0, 2.0]]), tf.constant([[3.0, 5.0]])
print(layers.{n}([a, b]))"""

LAYERS = {
    **{name: _MERGE.replace("{n}", name) for name in
       ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate")},
    **{name: _MERGE_FUNCTION.replace("{n}", name) for name in
       ("add", "subtract", "multiply", "average", "maximum", "minimum", "concatenate")},
    "Activation": "print(layers.Activation(\"relu\")(tf.constant([-1.0, 2.0])))",
    "Dense": """\
layer = layers.Dense(4, activation="relu")
print(layer(tf.ones((2, 3))).shape, [w.name for w in layer.weights])""",
    "Dropout": """\
layer = layers.Dropout(0.5, seed=0)
print(layer(tf.ones((1, 6)), training=True))   # about half zeroed, the rest doubled
print(layer(tf.ones((1, 6))))                  # unchanged outside training""",
    "Flatten": "print(layers.Flatten()(tf.ones((2, 3, 4))).shape)",
    "BatchNormalization": """\
bn = layers.BatchNormalization()
batch = tf.constant([[1.0, 10.0], [3.0, 30.0]])
print(bn(batch, training=True))          # the batch's statistics: about -1 and 1
print(bn.moving_mean.numpy())            # moved 1% of the way to the batch mean
print(bn(batch))                         # inference: the moving statistics
print([w.name for w in bn.non_trainable_weights])""",
    "Embedding": """\
embedding = layers.Embedding(input_dim=10, output_dim=3)
vectors = embedding(np.array([[4, 1, 4]]))        # one row of the table per index
print(vectors.shape, bool(tf.reduce_all(vectors[0, 0] == vectors[0, 2])))""",
    "Lambda": """\
model = keras.Sequential([keras.Input(shape=(3,)), layers.Lambda(lambda x: x ** 2)])
print(model(tf.constant([[1.0, 2.0, 3.0]])))""",
    "Input": "print(layers.Input(shape=(3,)))",
    "InputLayer": """\
model = keras.Sequential([layers.InputLayer(shape=(3,)), layers.Dense(2)])
print(len(model.weights))""",
    "InputSpec": "spec = layers.InputSpec(min_ndim=2, axes={-1: 3})\nprint(spec.min_ndim, spec.axes)",
    "Layer": """\
class SimpleDense(layers.Layer):
    def __init__(self, units, activation=None):
        super().__init__()
        self.units = units
        self.activation = activation

    def build(self, input_shape):
        self.W = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        y = tf.matmul(inputs, self.W) + self.b
        return self.activation(y) if self.activation is not None else y

my_dense = SimpleDense(units=32, activation=tf.nn.relu)
print(my_dense(tf.ones(shape=(2, 784))).shape)""",
}

_SAVE = """\
import os, tempfile
folder = tempfile.mkdtemp()
model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(2)])
model.compile(optimizer="adam", loss="mse")
"""

SAVING = {
    "save_model": _SAVE + """\
keras.saving.save_model(model, os.path.join(folder, "model.keras"))   # = model.save(...)
print(sorted(os.listdir(folder)))""",
    "load_model": _SAVE + """\
model.save(os.path.join(folder, "model.keras"))
again = keras.saving.load_model(os.path.join(folder, "model.keras"))
print(type(again).__name__, again.optimizer)""",
    "save_weights": _SAVE + """\
keras.saving.save_weights(model, os.path.join(folder, "model.weights.h5"))
print(os.listdir(folder))""",
    "load_weights": _SAVE + """\
model.save_weights(os.path.join(folder, "model.weights.h5"))
keras.saving.load_weights(model, os.path.join(folder, "model.weights.h5"))  # checked first""",
    "register_keras_serializable": """\
@keras.saving.register_keras_serializable(package="Homework")
class Doubler(layers.Layer):
    def call(self, inputs):
        return inputs * 2.0
print(keras.saving.serialize_keras_object(Doubler(name="doubler"))["registered_name"])""",
    "serialize_keras_object": """\
print(keras.saving.serialize_keras_object(layers.Dense(4, activation="relu")))""",
    "deserialize_keras_object": """\
config = keras.saving.serialize_keras_object(layers.Dense(4, activation="relu"))
print(keras.saving.deserialize_keras_object(config))""",
}

MODELS = {
    "load_model": SAVING["load_model"].replace("keras.saving.load_model", "models.load_model"),
    "save_model": SAVING["save_model"].replace("keras.saving.save_model", "models.save_model"),
    "Functional": """\
inputs = keras.Input(shape=(3,))
model = keras.Model(inputs, layers.Dense(1)(layers.Dense(4)(inputs)))
print(type(model).__name__, [layer.name for layer in model.layers])""",
    "Model": KERAS["Model"].replace("keras.Model", "models.Model"),
    "Sequential": """\
model = models.Sequential([layers.Dense(32, activation="relu"), layers.Dense(32)])
model.build((None, 3))
model.summary()""",
}

_STEP = """\
w = tf.Variable([1.0, -2.0])
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(tf.square(w))
opt.apply_gradients([(tape.gradient(loss, w), w)])
print(type(opt).__name__, w.numpy(), int(opt.iterations))"""

OPTIMIZERS = {
    "SGD": "opt = keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)\n" + _STEP,
    "RMSprop": "opt = keras.optimizers.RMSprop(learning_rate=0.1)\n" + _STEP,
    "Adam": "opt = keras.optimizers.Adam(learning_rate=0.1)\n" + _STEP,
    "Adagrad": "opt = keras.optimizers.Adagrad(learning_rate=0.1)\n" + _STEP,
    "Optimizer": "opt = keras.optimizers.SGD(learning_rate=0.1)\n"
                 "print(isinstance(opt, keras.optimizers.Optimizer), float(opt.learning_rate))",
    "get": 'print(keras.optimizers.get("adam"), keras.optimizers.get("RMSprop").learning_rate)',
    "serialize": 'print(keras.optimizers.serialize(keras.optimizers.SGD(0.1)))',
}

_CLASS_LOSS = "print(keras.losses.{n}()(y_true, y_pred))"
_FN_LOSS = "print(keras.losses.{n}(y_true, y_pred))   # one value per sample"
LOSSES = {
    **{n: _CLASS_LOSS for n in "BinaryCrossentropy MeanSquaredError MeanAbsoluteError "
       "MeanSquaredLogarithmicError Huber KLDivergence CosineSimilarity".split()},
    **{n: _FN_LOSS for n in "binary_crossentropy mean_squared_error mse mean_absolute_error "
       "mae mean_squared_logarithmic_error msle huber kl_divergence kld "
       "kullback_leibler_divergence cosine_similarity".split()},
    **{n: "print(keras.losses.{n}(y_true, y_pred))   # the function of that name"
       for n in "MSE MAE MSLE KLD".split()},
    "CategoricalCrossentropy": "print(keras.losses.CategoricalCrossentropy()"
                               "([[0.0, 1.0]], [[0.3, 0.7]]))",
    "categorical_crossentropy": "print(keras.losses.categorical_crossentropy("
                                "[[0.0, 1.0]], [[0.3, 0.7]]))",
    "SparseCategoricalCrossentropy": "print(keras.losses.SparseCategoricalCrossentropy()"
                                     "([1, 0], [[0.3, 0.7], [0.9, 0.1]]))",
    "sparse_categorical_crossentropy": "print(keras.losses.sparse_categorical_crossentropy("
                                       "[1, 0], [[0.3, 0.7], [0.9, 0.1]]))",
    "Loss": """\
class MyLoss(keras.losses.Loss):
    def call(self, y_true, y_pred):
        return tf.reduce_mean(tf.abs(y_true - y_pred), axis=-1)

print(MyLoss()(y_true, y_pred))""",
    "LossFunctionWrapper": """\
def per_sample(y_true, y_pred):
    return tf.reduce_mean(tf.square(y_true - y_pred), axis=-1)

print(keras.losses.LossFunctionWrapper(per_sample, name="my_mse")(y_true, y_pred))""",
    "get": 'print(keras.losses.get("mse"))',
    "reduce_weighted": "print(keras.losses.reduce_weighted(tf.constant([1.0, 2.0, 3.0])))",
    "same_rank": "a, b = keras.losses.same_rank(tf.ones((3,)), tf.ones((3, 1)))\nprint(a.shape, b.shape)",
    "to_float": "print(keras.losses.to_float(tf.constant([1, 2])))",
}

_BIN_METRIC = "m = keras.metrics.{n}()\nm.update_state(y_true, y_pred)\nprint(m.name, float(m.result()))"
METRICS = {
    **{n: _BIN_METRIC for n in "BinaryAccuracy Precision Recall AUC MeanSquaredError "
       "MeanAbsoluteError Accuracy".split()},
    "CategoricalAccuracy": "m = keras.metrics.CategoricalAccuracy()\n"
                           "m.update_state([[0.0, 1.0], [1.0, 0.0]], [[0.2, 0.8], [0.3, 0.7]])\n"
                           "print(float(m.result()))   # 0.5",
    "SparseCategoricalAccuracy": "m = keras.metrics.SparseCategoricalAccuracy()\n"
                                 "m.update_state([1, 0], [[0.2, 0.8], [0.3, 0.7]])\n"
                                 "print(float(m.result()))   # 0.5",
    "Mean": "m = keras.metrics.Mean()\nm.update_state([1.0, 2.0])\nm.update_state(6.0)\n"
            "print(float(m.result()))   # 3.0",
    "Metric": """\
class CountPositives(keras.metrics.Metric):
    def __init__(self, name="count_positives", **kwargs):
        super().__init__(name=name, **kwargs)
        self.count = self.add_variable(name="count", shape=())

    def update_state(self, y_true, y_pred, sample_weight=None):
        self.count.assign_add(tf.reduce_sum(tf.cast(tf.convert_to_tensor(y_pred) > 0.5, "float32")))

    def result(self):
        return self.count

m = CountPositives()
m.update_state(y_true, y_pred)
print(float(m.result()))""",
    "MeanMetricWrapper": """\
def absolute_error(y_true, y_pred):
    return tf.reduce_mean(tf.abs(y_true - y_pred), axis=-1)

m = keras.metrics.MeanMetricWrapper(absolute_error, name="my_mae")
m.update_state(y_true, y_pred)
print(m.name, float(m.result()))""",
    "accuracy": "print(keras.metrics.accuracy(tf.constant([1.0, 2.0]), tf.constant([1.0, 3.0])))",
    "binary_accuracy": "print(keras.metrics.binary_accuracy(y_true, y_pred))",
    "categorical_accuracy": "print(keras.metrics.categorical_accuracy([[0.0, 1.0]], [[0.2, 0.8]]))",
    "sparse_categorical_accuracy": "print(keras.metrics.sparse_categorical_accuracy("
                                   "[1], [[0.2, 0.8]]))",
    "confusion_counts": "tp, fp, tn, fn = keras.metrics.confusion_counts(\n"
                        "    np.array([0.0, 1.0, 1.0]), np.array([0.1, 0.8, 0.4]), [0.5])\n"
                        "print(tp, fp, tn, fn)",
    "resolve_accuracy": "print(keras.metrics.resolve_accuracy((32, 1), (32, 1)).__name__)",
    "get": 'print(keras.metrics.get("binary_accuracy"))',
}

_FIT = _MODEL_DATA + """\
model = keras.Sequential([layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
"""
CALLBACKS = {
    "Callback": _FIT + """\
class PrintEpoch(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        print(f"epoch {epoch}: loss {logs['loss']:.3f}")

model.fit(inputs, targets, epochs=2, verbose=0, callbacks=[PrintEpoch()])""",
    "CallbackList": """\
calls = keras.callbacks.CallbackList([keras.callbacks.LambdaCallback(
    on_epoch_end=lambda epoch, logs: print("epoch", epoch, logs))])
calls.on_epoch_end(0, {"loss": 0.5})""",
    "CSVLogger": _FIT + """\
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "log.csv")
model.fit(inputs, targets, epochs=2, verbose=0, callbacks=[keras.callbacks.CSVLogger(path)])
print(open(path).read())""",
    "EarlyStopping": _FIT + """\
stop = keras.callbacks.EarlyStopping(monitor="loss", patience=2, restore_best_weights=True)
history = model.fit(inputs, targets, epochs=50, verbose=0, callbacks=[stop])
print(len(history.epoch), "epochs")""",
    "History": _FIT + """\
history = model.fit(inputs, targets, epochs=2, verbose=0)
print(isinstance(history, keras.callbacks.History), history.epoch, list(history.history))""",
    "LambdaCallback": _FIT + """\
log = keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: print("epoch", epoch))
model.fit(inputs, targets, epochs=2, verbose=0, callbacks=[log])""",
    "LearningRateScheduler": _FIT + """\
halve = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.5)
history = model.fit(inputs, targets, epochs=3, verbose=0, callbacks=[halve])
print(history.history["learning_rate"])""",
    "ModelCheckpoint": _FIT + """\
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "model.weights.npz")
model.fit(inputs, targets, epochs=2, verbose=0,
          callbacks=[keras.callbacks.ModelCheckpoint(path, monitor="loss")])
print(os.path.exists(path))""",
    "Progbar": """\
bar = keras.callbacks.Progbar(3)
for step in range(3):
    bar.update(step + 1, [("loss", 1.0 / (step + 1))])""",
    "ProgbarLogger": _FIT + """\
model.fit(inputs, targets, epochs=1, verbose=0, callbacks=[keras.callbacks.ProgbarLogger(verbose=2)])""",
    "ReduceLROnPlateau": _FIT + """\
reduce = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1, min_delta=1.0)
history = model.fit(inputs, targets, epochs=4, verbose=0, callbacks=[reduce])
print(history.history["learning_rate"])""",
    "TensorBoard": """\
try:
    keras.callbacks.TensorBoard(log_dir="logs")
except NotImplementedError as error:
    print(error)""",
    "TerminateOnNaN": _FIT + """\
model.fit(inputs, targets, epochs=1, verbose=0, callbacks=[keras.callbacks.TerminateOnNaN()])""",
}

ACTIVATIONS = {
    **{n: "print(keras.activations.{n}(tf.constant([[-1.0, 0.0, 2.0]])))"
       for n in "elu exponential gelu leaky_relu linear relu selu sigmoid softmax softplus "
       "tanh".split()},
    "get": 'print(keras.activations.get("relu")(tf.constant([-1.0, 1.0])))',
    "serialize": "print(keras.activations.serialize(keras.activations.relu))",
}

_INIT_CLASS = "print(keras.initializers.{n}()((2, 2)))"
INITIALIZERS = {
    **{n: _INIT_CLASS for n in "GlorotNormal GlorotUniform HeNormal HeUniform LecunNormal Ones "
       "RandomNormal RandomUniform TruncatedNormal VarianceScaling Zeros".split()},
    **{n: "print(keras.initializers.{n}()((2, 2)))   # another name for the class"
       for n in "glorot_normal glorot_uniform he_normal he_uniform lecun_normal ones "
       "random_normal random_uniform truncated_normal zeros".split()},
    "Constant": "print(keras.initializers.Constant(0.5)((2, 2)))",
    "serialize": "print(keras.initializers.serialize(keras.initializers.RandomNormal(stddev=0.1)))",
    "constant": "print(keras.initializers.constant(0.5)((2, 2)))",
    "fill": "print(keras.initializers.fill(0.5)((2, 2)))",
    "Initializer": """\
class Twos(keras.initializers.Initializer):
    def __call__(self, shape, dtype=None):
        return tf.fill(shape, 2.0)

print(layers.Dense(2, kernel_initializer=Twos())(tf.ones((1, 2))))""",
    "compute_fans": "print(keras.initializers.compute_fans((784, 32)))",
    "get": 'print(keras.initializers.get("glorot_uniform"))',
}

_PENALTY = "print({p}.{n}(0.1)(tf.constant([[1.0, -2.0]])))   # 0.1 * sum({what})"
REGULARIZERS = {
    "L1": _PENALTY.replace("{what}", "|w|"),
    "l1": _PENALTY.replace("{what}", "|w|") + "   (the same class as L1)",
    "L2": _PENALTY.replace("{what}", "w ** 2"),
    "l2": """\
model = keras.Sequential([keras.Input(shape=(3,)),
                          layers.Dense(4, kernel_regularizer=keras.regularizers.l2(0.002))])
print(model.losses)   # 0.002 * sum(kernel ** 2): added to the loss by fit""",
    "L1L2": "print({p}.L1L2(l1=0.1, l2=0.1)(tf.constant([[1.0, -2.0]])))   # 0.3 + 0.5",
    "l1_l2": "print({p}.l1_l2(l1=0.001, l2=0.001).get_config())",
    "Regularizer": """\
class Orthogonality(keras.regularizers.Regularizer):
    def __init__(self, factor=0.01):
        self.factor = factor

    def __call__(self, w):
        gram = tf.matmul(w, w, transpose_a=True)
        return self.factor * tf.reduce_sum(tf.square(gram - tf.eye(gram.shape[0])))

    def get_config(self):
        return {"factor": self.factor}

layer = layers.Dense(2, kernel_regularizer=Orthogonality())
layer(tf.ones((1, 3)))
print(layer.losses)""",
    "get": 'print(keras.regularizers.get("l2"), keras.regularizers.get("l1_l2"))',
    "serialize": "print(keras.regularizers.serialize(keras.regularizers.L2(0.002)))",
    "deserialize": """\
config = keras.regularizers.serialize(keras.regularizers.L1(0.5))
print(keras.regularizers.deserialize(config))""",
}

UTILS = {
    "Progbar": CALLBACKS["Progbar"].replace("keras.callbacks.", "keras.utils."),
    "clear_session": "keras.utils.clear_session()\nprint(layers.Dense(1).name)   # dense",
    "set_random_seed": "keras.utils.set_random_seed(0)\nprint(tf.random.uniform((2,)))",
    "to_categorical": "print(keras.utils.to_categorical([0, 2, 1], num_classes=3))",
}

# The datasets' examples run offline: they show the call and where the file comes from
# (a real load_data downloads it the first time; see docs/install.md).
_LOAD = """\
from teachtensor.keras.datasets import {dataset}
# {call}
# -> {result}
print({dataset}.{origin})   # downloaded once, then read from ~/.keras/datasets\
"""


def _load_example(dataset, call, result, origin="ORIGIN"):
    return {"load_data": _LOAD.format(dataset=dataset, call=call, result=result,
                                      origin=origin)}


DATASETS = {
    "keras.datasets.mnist": _load_example(
        "mnist", "(train_images, train_labels), (test_images, test_labels) = mnist.load_data()",
        "uint8 arrays (60000, 28, 28), (60000,), (10000, 28, 28), (10000,)"),
    "keras.datasets.fashion_mnist": _load_example(
        "fashion_mnist", "(x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()",
        "uint8 arrays (60000, 28, 28), (60000,), (10000, 28, 28), (10000,)",
        origin="FOLDER + fashion_mnist.FILES[0]"),
    "keras.datasets.cifar10": _load_example(
        "cifar10", "(x_train, y_train), (x_test, y_test) = cifar10.load_data()",
        "uint8 arrays (50000, 32, 32, 3), (50000, 1), (10000, 32, 32, 3), (10000, 1)"),
    "keras.datasets.imdb": {
        **_load_example(
            "imdb", "(train_data, train_labels), (test_data, test_labels) = "
            "imdb.load_data(num_words=10000)",
            "25000 lists of word indices below 10000 each, labels 0 or 1"),
        "get_word_index": """\
from teachtensor.keras.datasets import imdb
# word_index = imdb.get_word_index()                # {"the": 1, "and": 2, ...}
# reverse_word_index = {rank: word for word, rank in word_index.items()}
# " ".join(reverse_word_index.get(i - 3, "?") for i in train_data[0])
print(imdb.WORD_INDEX_ORIGIN)""",
    },
    "keras.datasets.reuters": {
        **_load_example(
            "reuters", "(train_data, train_labels), (test_data, test_labels) = "
            "reuters.load_data(num_words=10000)",
            "8982 and 2246 lists of word indices, topics 0 to 45"),
        "get_word_index": """\
from teachtensor.keras.datasets import reuters
# word_index = reuters.get_word_index()             # {"the": 1, "of": 2, ...}
print(reuters.WORD_INDEX_ORIGIN)""",
        "get_label_names": """\
from teachtensor.keras.datasets import reuters
print(reuters.get_label_names()[:5])   # the topics 0-4 (no download needed)""",
    },
    "keras.datasets.boston_housing": _load_example(
        "boston_housing", "(train_data, train_targets), (test_data, test_targets) = "
        "boston_housing.load_data()",
        "float64 arrays (404, 13), (404,), (102, 13), (102,)"),
}

PLOT = {
    "plot_history": """\
from teachtensor.plot import plot_history
history = {"loss": [0.9, 0.5, 0.3], "val_loss": [1.0, 0.6, 0.5],
           "accuracy": [0.6, 0.8, 0.9], "val_accuracy": [0.5, 0.7, 0.8]}
fig = plot_history(history)""",
    "show_predictions": """\
from teachtensor.demo import make_blobs
from teachtensor.plot import show_predictions
points, labels = make_blobs(100)
ax = show_predictions(points, points[:, :1] > 1.5)""",
}

TESTING = {
    "check_gradients": "from teachtensor.testing import check_gradients\n"
                       "print(check_gradients(lambda t: tf.tanh(t) * t, np.random.randn(3, 2), order=2))",
    "GradientMismatch": """\
from teachtensor.testing import GradientMismatch, check_gradients

@tf.custom_gradient
def wrong_square(t):
    return t * t, lambda upstream: upstream * t      # should be 2 * t

try:
    check_gradients(wrong_square, np.array([1.0, 2.0]))
except GradientMismatch as error:
    print("GradientMismatch:", str(error)[:60], "...")""",
}

SCALAR = {
    "Value": """\
from teachtensor.scalar import Value
a, b = Value(2.0), Value(-3.0)
y = a * b + a.tanh()
y.backward()
print(y, a.grad, b.grad)""",
}

CONFIG = {
    "list_physical_devices": 'print(tf.config.list_physical_devices("GPU"), '
                             'tf.config.list_physical_devices("CPU"))',
    "list_logical_devices": "print([d.name for d in tf.config.list_logical_devices()])",
    "get_visible_devices": "print(tf.config.get_visible_devices())",
    "PhysicalDevice": 'print(tf.config.list_physical_devices("CPU")[0].device_type)',
    "LogicalDevice": 'print(tf.config.list_logical_devices("CPU")[0].name)',
}

_K_UNARY = dict.fromkeys(
    "abs absolute exp floor negative relu round sigmoid sign sin cos square tanh".split(),
    "print({p}.{n}(np.array([-1.5, 0.0, 2.0], \"float32\")))")
_K_BINARY = dict.fromkeys(
    "add subtract multiply divide power maximum minimum equal not_equal less less_equal "
    "greater greater_equal".split(),
    "print({p}.{n}(np.array([1, 2, 3]), 2.5))   # ints meet a float: float32")
_K_REDUCE = dict.fromkeys(
    "sum mean max min prod std var".split(),
    "print({p}.{n}(x), {p}.{n}(x, axis=0), {p}.{n}(x, axis=1, keepdims=True).shape)")
KERAS_OPS = {
    **_K_UNARY, **_K_BINARY, **_K_REDUCE,
    "sqrt": "print({p}.sqrt(np.array([1, 4, 9])))   # integers become float32",
    "log": "print({p}.log(np.array([1.0, 2.718282], \"float32\")))",
    **dict.fromkeys("logical_and logical_or".split(),
                    "print({p}.{n}(np.array([True, True, False]),\n"
                    "      np.array([True, False, False])))"),
    "logical_not": "print({p}.logical_not(np.array([True, False])))",
    **dict.fromkeys("argmax argmin".split(), "print({p}.{n}(x, axis=1), {p}.{n}(x))"),
    "matmul": "print({p}.matmul(x, x), {p}.matmul(x, np.ones(2, \"float32\")).shape)",
    "dot": "print({p}.dot(np.array([1.0, 2.0]), np.array([3.0, 4.0])), {p}.dot(x, 2.0))",
    "tensordot": "print({p}.tensordot(x, x, axes=1))",
    "reshape": "print({p}.reshape(np.arange(6), (3, -1)))",
    "transpose": "print({p}.transpose(x), {p}.transpose(np.ones((2, 3, 4)), axes=(2, 0, 1)).shape)",
    "expand_dims": "print({p}.expand_dims(np.array([1.0, 2.0]), axis=-1).shape)",
    "squeeze": "print({p}.squeeze(np.ones((1, 3, 1))).shape)",
    "concatenate": "print({p}.concatenate([x, x], axis=1).shape, {p}.concatenate([x, x]).shape)",
    "stack": "print({p}.stack([np.ones(2), np.zeros(2)], axis=1))",
    "tile": "print({p}.tile(np.array([1, 2]), 2))",
    "ones": "print({p}.ones(shape=(2, 3)))",
    "zeros": "print({p}.zeros((2, 1)))",
    "full": "print({p}.full((2,), 7))",
    "ones_like": "print({p}.ones_like(x))",
    "zeros_like": "print({p}.zeros_like(x, dtype=\"int32\"))",
    "arange": "print({p}.arange(5), {p}.arange(0.0, 1.0, 0.25))",
    "one_hot": "print({p}.one_hot(np.array([0, 2, 1]), 3))",
    "where": "print({p}.where(x > 2.0, x, 0), {p}.where(np.array([True, False, True])))",
    "clip": "print({p}.clip(np.array([-2.0, 0.5, 3.0]), 0.0, 1.0))",
    "cast": "print({p}.cast(np.array([1.7, -0.3]), \"int32\"))",
    "convert_to_tensor": "print({p}.convert_to_tensor([1.0, 2.0]),\n"
                         "      {p}.convert_to_tensor(np.arange(3)))",
    "shape": "print({p}.shape(x))",
    "stop_gradient": """\
v = tf.Variable(2.0)
with tf.GradientTape() as tape:
    y = v * {p}.stop_gradient(v)
print(tape.gradient(y, v))          # 2.0, not 4.0""",
    "cond": "print({p}.cond(True, lambda: {p}.ones(2), lambda: {p}.zeros(2)))",
    "softmax": "print({p}.softmax(np.array([[1.0, 2.0, 3.0]], \"float32\")))",
    "log_softmax": "print({p}.log_softmax(np.array([[1.0, 2.0, 3.0]], \"float32\")))",
    "sparse_categorical_crossentropy": """\
labels = np.array([1, 0])
probabilities = np.array([[0.3, 0.7], [0.9, 0.1]], "float32")
print({p}.mean({p}.sparse_categorical_crossentropy(labels, probabilities)))""",
    "categorical_crossentropy": "print({p}.categorical_crossentropy(np.array([[0.0, 1.0]]),\n"
                                "                                    np.array([[0.3, 0.7]])))",
    "binary_crossentropy": "print({p}.binary_crossentropy(y_true, y_pred))   # elementwise",
}

KERAS_RANDOM = {
    "normal": "print(keras.random.normal((2, 3), seed=1337))   # the same for every call",
    "uniform": "print(keras.random.uniform((3,), minval=0.0, maxval=1.0, seed=0))",
    "randint": "print(keras.random.randint((5,), 0, 10, seed=0))",
    "truncated_normal": "print(keras.random.truncated_normal((4,), stddev=0.1, seed=0))",
    "shuffle": "print(keras.random.shuffle(np.arange(6), seed=0))",
    "SeedGenerator": """\
seed_generator = keras.random.SeedGenerator(1337)
a = keras.random.normal((2,), seed=seed_generator)   # new numbers on each draw...
b = keras.random.normal((2,), seed=seed_generator)
print(a, b)                                          # ...the same sequence each run""",
}

KERAS_CONFIG = {
    "backend": "print(keras.config.backend())",
    "floatx": "print(keras.config.floatx())",
    "set_floatx": """\
keras.config.set_floatx("float64")
print(keras.ops.ones(2).dtype, keras.layers.Dense(2)(np.ones((1, 2))).dtype)
keras.config.set_floatx("float32")""",
    "epsilon": "print(keras.config.epsilon())",
}

EXAMPLES = {
    "tf": {**OPS, **TF}, "tf.config": CONFIG, "tf.math": OPS, "tf.nn": OPS, "tf.random": RANDOM, "tf.data": DATA,
    "tf.linalg": {**OPS, **LINALG},
    "keras": KERAS, "keras.ops": KERAS_OPS, "keras.random": KERAS_RANDOM,
    "keras.config": KERAS_CONFIG, "keras.layers": LAYERS, "keras.models": MODELS,
    "keras.optimizers": OPTIMIZERS, "keras.losses": LOSSES, "keras.metrics": METRICS,
    "keras.callbacks": CALLBACKS, "keras.activations": ACTIVATIONS,
    "keras.initializers": INITIALIZERS, "keras.regularizers": REGULARIZERS,
    "keras.saving": SAVING, "keras.utils": UTILS, "tf.plot": PLOT,
    "tf.testing": TESTING, "tf.scalar": SCALAR, **DATASETS,
}


def public_names(module):
    """The names a reader of ``module`` may use (see the module docstring)."""
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in dir(module) if not n.startswith("_")]
    result = []
    for name in names:
        obj = getattr(module, name)
        if isinstance(obj, types.ModuleType):
            continue
        home = getattr(obj, "__module__", None) or type(obj).__module__
        if not str(home).startswith("teachtensor"):
            continue  # numpy, functools, ...
        if module.__name__ not in _FACADES and str(home).startswith(_CORE):
            continue  # e.g. convert_to_tensor imported into tf.random
        result.append(name)
    return sorted(result, key=lambda n: (n[0].islower(), n.lower()))


def signature(obj):
    target = obj
    try:
        return str(inspect.signature(target))
    except (TypeError, ValueError):
        return "" if not callable(obj) else "(...)"


def summary(obj):
    doc = inspect.getdoc(obj) or ""
    if not callable(obj) and type(obj).__module__.startswith("teachtensor.dtypes"):
        return "A dtype (element type) constant."
    first = doc.strip().split("\n\n")[0]
    return " ".join(first.split())


def docstring_example(obj):
    """The code of an ``Example::`` block in the docstring, if there is one."""
    doc = inspect.getdoc(obj) or ""
    found = re.search(r"^Examples?\b.*::[ \t]*$", doc, re.M)  # "Example::", "Example (...)::"
    if found is None:
        return None
    block = doc[found.end():]
    lines = []
    for line in block.split("\n")[1:]:
        if line.strip() and not line.startswith("    "):
            break
        lines.append(line)
    return textwrap.dedent("\n".join(lines)).strip() or None


def example(prefix, name, obj):
    table = EXAMPLES.get(prefix, {})
    if name in table:
        return table[name].replace("{p}", prefix).replace("{n}", name)
    if not callable(obj) and type(obj).__module__.startswith("teachtensor.dtypes"):
        return f"print({prefix}.{name}, {prefix}.{name}.as_numpy_dtype)"
    return docstring_example(obj)


def render():
    out = ["# API reference", "",
           "Every public name of teachtensor, with its signature, what it does, and an "
           "example you can run. Generated by `docs/make_reference.py` from the package "
           "itself (do not edit by hand; run `python docs/make_reference.py`). The full "
           "story of each name is in its docstring: `help(tf.matmul)`, or open the file.", "",
           "All examples assume this setup (they run in order, as `tests/test_docs.py` does):",
           "", "```python", SETUP.rstrip(), "```", "", "## Contents", ""]
    for module_name, prefix, what in NAMESPACES:
        out.append(f"- [`{prefix}`](#{_anchor(prefix)}) — {what}")
    out.append("")
    missing = []
    for module_name, prefix, what in NAMESPACES:
        module = importlib.import_module(module_name)
        out += [f"## {prefix}", "", f"{what} Module `{module_name}`.", ""]
        for name in public_names(module):
            obj = getattr(module, name)
            kind = "class" if inspect.isclass(obj) else ("function" if callable(obj) else "constant")
            out.append(f"### `{prefix}.{name}`")
            out.append("")
            sig = signature(obj) if callable(obj) else ""
            out.append(f"*{kind}* `{prefix}.{name}{sig}`")
            out.append("")
            text = summary(obj)
            if text:
                out += [text, ""]
            code = example(prefix, name, obj)
            if code is None:
                missing.append(f"{prefix}.{name}")
                continue
            out += ["```python", code, "```", ""]
    return "\n".join(out).rstrip() + "\n", missing


def _anchor(prefix):
    return prefix.replace(".", "")


def main():
    text, missing = render()
    path = os.path.join(HERE, "reference.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {path}")
    if missing:
        print("no example for:", ", ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
