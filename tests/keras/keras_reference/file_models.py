"""The models whose ``.keras`` files are compared with real Keras, written once for both.

Each function takes the ``keras`` module — real Keras in ``generate_keras_files.py``,
teachtensor's in ``tests/keras/test_keras_files.py`` — and builds the same model, so
the same code shows that one file format serves both.  Sizes are small, to keep the
files in the repository a few kilobytes each.
"""
VOCABULARY, TAGS, DEPARTMENTS = 12, 5, 4


def sequential(keras):
    """A built Sequential with Dropout and a softmax head, compiled with RMSprop."""
    layers = keras.layers
    model = keras.Sequential([keras.Input(shape=(6,)), layers.Dense(8, activation="relu"),
                              layers.Dropout(0.5), layers.Dense(3, activation="softmax")])
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.01),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def ticket(keras):
    """The chapter's customer-ticket model: three inputs, two outputs, Adam."""
    layers = keras.layers
    title = keras.Input(shape=(VOCABULARY,), name="title")
    text_body = keras.Input(shape=(VOCABULARY,), name="text_body")
    tags = keras.Input(shape=(TAGS,), name="tags")
    features = layers.Concatenate()([title, text_body, tags])
    features = layers.Dense(8, activation="relu")(features)
    priority = layers.Dense(1, activation="sigmoid", name="priority")(features)
    department = layers.Dense(DEPARTMENTS, activation="softmax", name="department")(features)
    model = keras.Model(inputs=[title, text_body, tags], outputs=[priority, department])
    model.compile(optimizer="adam", loss=["mean_squared_error", "categorical_crossentropy"],
                  metrics=[["mean_absolute_error"], ["accuracy"]])
    return model


def branches(keras):
    """Two branches of different depth meeting again, and arithmetic on tensors: the
    order of ``model.layers`` (and so the weights' paths) is Keras's depth order."""
    layers = keras.layers
    inputs = keras.Input(shape=(4,), name="x")
    short = layers.Dense(3, name="short")(inputs)
    long = layers.Dense(3, activation="tanh", name="long_1")(inputs)
    long = layers.Dense(3, name="long_2")(long)
    merged = layers.Add()([short, long]) * 2.0 - short
    outputs = layers.Dense(2, name="head")(layers.Concatenate()([merged, inputs]))
    return keras.Model(inputs, outputs, name="branches")


def custom_classes(keras):
    """A subclassed model with a layer of its own, a list of layers and a private
    attribute, as chapter 7 writes them (the classes are needed again to load it)."""
    layers = keras.layers

    class Scale(layers.Layer):
        def __init__(self, factor=2.0, **kwargs):
            super().__init__(**kwargs)
            self.factor = factor

        def build(self, input_shape):
            self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="w")

        def call(self, inputs):
            return inputs * self.w * self.factor

        def get_config(self):
            return {**super().get_config(), "factor": self.factor}

    class Classifier(keras.Model):
        def __init__(self, num_classes=3, **kwargs):
            super().__init__(**kwargs)
            self.scale = Scale(0.5)
            self.blocks = [layers.Dense(5, activation="relu"), layers.Dense(5, activation="relu")]
            self.zz_head = layers.Dense(num_classes, activation="softmax")
            self._extra = layers.Dense(num_classes)
            self.num_classes = num_classes

        def call(self, inputs):
            x = self.scale(inputs)
            for block in self.blocks:
                x = block(x)
            return self.zz_head(x) + 0.0 * self._extra(x)

        def get_config(self):
            return {**super().get_config(), "num_classes": self.num_classes}

    model = Classifier(num_classes=3)
    model.build((None, 6))
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),
                  loss="sparse_categorical_crossentropy")
    return model, {"Classifier": Classifier, "Scale": Scale}


def regularized_batchnorm(keras):
    """Regularizers (kernel, activity, bias) and a BatchNormalization: its four weights,
    two of them non-trainable, in Keras's order."""
    layers, regularizers = keras.layers, keras.regularizers
    model = keras.Sequential([
        keras.Input(shape=(6,)),
        layers.Dense(8, activation="relu", kernel_regularizer=regularizers.L2(0.01),
                     activity_regularizer=regularizers.L1(0.001)),
        layers.BatchNormalization(momentum=0.9),
        layers.Dense(3, activation="softmax",
                     bias_regularizer=regularizers.L1L2(l1=0.01, l2=0.01))])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


def embedding_lambda(keras):
    """Word indices -> Embedding -> a Lambda of a named function -> Dense."""
    layers = keras.layers

    def first_plus_last(x):
        return x[:, 0, :] + x[:, -1, :]

    model = keras.Sequential([
        keras.Input(shape=(6,), dtype="int32"), layers.Embedding(VOCABULARY, 4),
        layers.Lambda(first_plus_last, output_shape=(4,)),
        layers.Dense(3, activation="softmax")])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy")
    return model, {"first_plus_last": first_plus_last}


def nested(keras):
    """A functional model calling a functional model and a Sequential as its layers
    (Keras's file records ``mask=None`` for such calls)."""
    layers = keras.layers
    inner_inputs = keras.Input(shape=(6,), name="inner_x")
    inner = keras.Model(inner_inputs, layers.Dense(5, activation="relu",
                                                   name="inner_dense")(inner_inputs),
                        name="inner")
    block = keras.Sequential([layers.Dense(4, activation="tanh", name="block_dense")],
                             name="block")
    inputs = keras.Input(shape=(6,), name="x")
    outputs = layers.Dense(3, activation="softmax", name="head")(block(inner(inputs)))
    model = keras.Model(inputs, outputs, name="nested")
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


def scheduled(keras):
    """SGD whose learning rate follows an ExponentialDecay schedule (the file keeps the
    schedule in the optimizer's config)."""
    layers = keras.layers
    model = keras.Sequential([keras.Input(shape=(6,)), layers.Dense(3, activation="softmax")])
    schedule = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=2, decay_rate=0.5)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=schedule, momentum=0.5),
                  loss="sparse_categorical_crossentropy")
    return model


def dict_outputs(keras):
    """A functional model whose outputs are a dict: Keras orders its layers (and so its
    weights file) by the dict's sorted keys, "cls" before "reg", whatever order the
    dict was written in.  Two heads of one shape: a mix-up would go unnoticed but for
    the predictions."""
    layers = keras.layers
    inputs = keras.Input(shape=(6,), name="x")
    hidden = layers.Dense(4, activation="tanh", name="hidden")(inputs)
    outputs = {"reg": layers.Dense(1, name="reg")(hidden),
               "cls": layers.Dense(1, activation="sigmoid", name="cls")(hidden)}
    model = keras.Model(inputs, outputs, name="dict_outputs")
    model.compile(optimizer="adam", loss={"reg": "mse", "cls": "binary_crossentropy"})
    return model


def constants(keras):
    """Initializers that hold arrays (a kernel given whole, a bias row that broadcasts)
    and a loss with reduction "none": the file keeps each array as Keras's "__numpy__"
    config, and the loss's reduction in the compile config."""
    import numpy as np
    layers = keras.layers
    kernel = np.linspace(-0.5, 0.5, 18, dtype="float32").reshape(6, 3)
    model = keras.Sequential([
        keras.Input(shape=(6,)),
        layers.Dense(3, activation="softmax", name="scores",
                     kernel_initializer=keras.initializers.Constant(kernel),
                     bias_initializer=keras.initializers.Constant([0.1, 0.0, -0.1]))])
    model.compile(optimizer="sgd", loss=keras.losses.SparseCategoricalCrossentropy(
        reduction="none"))
    return model


MODELS = {"sequential": sequential, "ticket": ticket, "branches": branches,
          "custom_classes": custom_classes, "regularized_batchnorm": regularized_batchnorm,
          "embedding_lambda": embedding_lambda, "nested": nested, "scheduled": scheduled,
          "dict_outputs": dict_outputs, "constants": constants}


def make(name, keras):
    """(model, custom_objects) for the model called ``name``."""
    built = MODELS[name](keras)
    return built if isinstance(built, tuple) else (built, {})


def inputs_for(name, rng):
    """Inputs (and targets, for the compiled models) of a fixed shape for ``name``."""
    if name == "ticket":
        x = [rng.random((6, VOCABULARY)), rng.random((6, VOCABULARY)), rng.random((6, TAGS))]
        y = [rng.random((6, 1)), _one_hot(rng.integers(0, DEPARTMENTS, 6), DEPARTMENTS)]
        return [a.astype("float32") for a in x], [a.astype("float32") for a in y]
    if name == "branches":
        return rng.random((6, 4)).astype("float32"), None
    if name == "embedding_lambda":
        return rng.integers(0, VOCABULARY, (6, 6)).astype("int32"), rng.integers(0, 3, 6)
    if name == "dict_outputs":
        x = rng.random((6, 6)).astype("float32")
        return x, {"reg": rng.random((6, 1)).astype("float32"),
                   "cls": (rng.random((6, 1)) > 0.5).astype("float32")}
    return rng.random((6, 6)).astype("float32"), rng.integers(0, 3, 6)


def _one_hot(labels, n):
    import numpy as np
    return np.eye(n, dtype="float32")[labels]
