"""``fit`` with a hand-written ``train_step`` / ``test_step``: the book's chapter 7 forms
(Keras 2's ``self.compiled_loss`` / ``self.compiled_metrics``, a ``metrics`` property)
and the Keras 3 form (``self.compute_loss``, updating ``self.metrics``).  Behaviours
checked against Keras 3.15 are marked; where Keras 3.15 logs the mean prediction as
``loss`` for the book's listing, teachtensor logs the loss, as Keras 2 did."""
import warnings

import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers

RNG = np.random.default_rng(7)
IMAGES = RNG.random((96, 28 * 28)).astype(np.float32)
LABELS = (IMAGES[:, :10] @ RNG.random((10,))).argsort().argsort() * 10 // 96  # 0..9
X = RNG.random((40, 6)).astype(np.float32)
Y = RNG.integers(0, 3, (40,))


class CustomModel(keras.Model):
    """The book's second listing, word for word: Keras 2's compiled loss and metrics."""

    def train_step(self, data):
        inputs, targets = data
        with tf.GradientTape() as tape:
            predictions = self(inputs, training=True)
            loss = self.compiled_loss(targets, predictions)
        gradients = tape.gradient(loss, self.trainable_weights)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_weights))
        self.compiled_metrics.update_state(targets, predictions)
        return {m.name: m.result() for m in self.metrics}


def test_the_books_listing_with_compiled_loss_and_metrics():
    inputs = keras.Input(shape=(28 * 28,))
    features = layers.Dense(512, activation="relu")(inputs)
    features = layers.Dropout(0.5)(features)
    outputs = layers.Dense(10, activation="softmax")(features)
    model = CustomModel(inputs, outputs)

    model.compile(optimizer=keras.optimizers.RMSprop(),
                  loss=keras.losses.SparseCategoricalCrossentropy(),
                  metrics=[keras.metrics.SparseCategoricalAccuracy()])
    with pytest.warns(UserWarning) as caught:  # (deprecated in Keras 3, which warns too)
        history = model.fit(IMAGES, LABELS, epochs=3, verbose=0)
    messages = {str(w.message) for w in caught}
    assert any("compiled_loss" in m and "self.compute_loss(" in m for m in messages)
    assert any("compiled_metrics" in m and "self.metrics" in m for m in messages)
    # Keras 3.15 logs these keys; its "loss" is the mean prediction (0.1 for 10 classes)
    assert sorted(history.history) == ["loss", "sparse_categorical_accuracy"]
    losses = history.history["loss"]
    assert len(losses) == 3 and losses[0] > 0.5 and losses[-1] < losses[0]  # the loss


def two_models(step_class, metrics, outputs=1):
    """A model with a custom step and a plain one with the same weights."""
    def make(cls):
        inputs = keras.Input(shape=(6,), name="x")
        hidden = layers.Dense(8, activation="relu", name="hidden")(inputs)
        if outputs == 1:
            out = layers.Dense(3, activation="softmax", name="out")(hidden)
        else:
            out = [layers.Dense(1, name="priority")(hidden),
                   layers.Dense(3, activation="softmax", name="department")(hidden)]
        return cls(inputs, out)
    custom, plain = make(step_class), make(keras.Model)
    plain.set_weights(custom.get_weights())
    loss = "sparse_categorical_crossentropy" if outputs == 1 else \
        ["mean_squared_error", "sparse_categorical_crossentropy"]
    for model in (custom, plain):
        model.compile(optimizer="rmsprop", loss=loss, metrics=metrics)
    return custom, plain


def assert_same_training(custom, plain, x, y, batch_size=16, **fit_kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # (the Keras 2 names warn)
        got = custom.fit(x, y, epochs=2, batch_size=batch_size, shuffle=False, verbose=0,
                         **fit_kwargs).history
    expected = plain.fit(x, y, epochs=2, batch_size=batch_size, shuffle=False, verbose=0,
                         **fit_kwargs).history
    assert list(got) == list(expected)
    for key in expected:
        np.testing.assert_allclose(got[key], expected[key], rtol=1e-6, err_msg=key)
    for a, b in zip(custom.get_weights(), plain.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_the_keras2_step_logs_what_the_built_in_step_logs():
    custom, plain = two_models(CustomModel, ["accuracy", "sparse_categorical_crossentropy"])
    # "accuracy" is in self.metrics from the start, under that name
    assert custom.metrics_names == ["loss", "accuracy", "sparse_categorical_crossentropy"]
    assert_same_training(custom, plain, X, Y)  # 40 samples: a partial last batch


def test_the_keras2_step_with_several_outputs():
    custom, plain = two_models(CustomModel, [["mae"], ["accuracy"]], outputs=2)
    y = [X[:, :1], Y]
    assert_same_training(custom, plain, X, y)
    assert custom.metrics_names == ["loss", "priority_loss", "department_loss",
                                    "priority_mae", "department_accuracy"]


def test_regularization_losses_are_added_to_the_compiled_loss():
    class Regularized(keras.Model):
        def train_step(self, data):
            inputs, targets = data
            with tf.GradientTape() as tape:
                predictions = self(inputs, training=True)
                loss = self.compiled_loss(targets, predictions,
                                          regularization_losses=self.losses)
            gradients = tape.gradient(loss, self.trainable_weights)
            self.optimizer.apply_gradients(zip(gradients, self.trainable_weights))
            self.compiled_metrics.update_state(targets, predictions)
            return {m.name: m.result() for m in self.metrics}

    custom, plain = two_models(Regularized, None)
    assert custom.losses == []  # no regularizers in teachtensor (yet)
    assert_same_training(custom, plain, X, Y)
    y_pred = custom(X)
    base = float(custom.compute_loss(y=Y, y_pred=y_pred))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        total = custom.compiled_loss(Y, y_pred, regularization_losses=[tf.constant(0.5),
                                                                      tf.constant(0.25)])
        assert float(total) == pytest.approx(base + 0.75)
        with pytest.raises(ValueError, match="scalars.*item 0 has shape \\(2,\\)"):
            custom.compiled_loss(Y, y_pred, regularization_losses=[tf.constant([1.0, 2.0])])


class GuideModel(keras.Model):
    """The Keras 3 form: compute_loss, then every metric of self.metrics updated."""

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        gradients = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_variables))
        return self.update_every_metric(loss, y, y_pred)

    def test_step(self, data):
        x, y = data
        y_pred = self(x, training=False)
        return self.update_every_metric(self.compute_loss(y=y, y_pred=y_pred), y, y_pred)

    def update_every_metric(self, loss, y, y_pred):
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


def test_the_keras3_form_with_compute_loss_and_a_custom_test_step():
    custom, plain = two_models(GuideModel, ["accuracy"])
    # Keras 3.15: history, validation and evaluate as with the built-in steps (with
    # batches of one size: metric.update_state(loss) counts each batch once, while the
    # built-in steps weight each batch's loss by its size)
    assert_same_training(custom, plain, X, Y, batch_size=20,
                         validation_data=(X[:20], Y[:20]))
    assert custom.evaluate(X, Y, batch_size=20, verbose=0) == pytest.approx(
        plain.evaluate(X, Y, batch_size=20, verbose=0), rel=1e-6)


def test_user_metrics_listed_by_a_metrics_property_are_reset_each_epoch():
    class Tracked(keras.Model):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.loss_tracker = keras.metrics.Mean(name="loss")
            self.mae_metric = keras.metrics.MeanAbsoluteError(name="mae")

        def train_step(self, data):
            x, y = data
            with tf.GradientTape() as tape:
                y_pred = self(x, training=True)
                loss = keras.losses.mean_squared_error(y, y_pred)
            gradients = tape.gradient(loss, self.trainable_variables)
            self.optimizer.apply_gradients(zip(gradients, self.trainable_variables))
            self.loss_tracker.update_state(loss)
            self.mae_metric.update_state(y, y_pred)
            return {"loss": self.loss_tracker.result(), "mae": self.mae_metric.result()}

        @property
        def metrics(self):
            return [self.loss_tracker, self.mae_metric]

    inputs = keras.Input(shape=(6,))
    model = Tracked(inputs, layers.Dense(1)(inputs))
    model.compile(optimizer="adam")
    y = X[:, :1] * 2.0
    expected = []

    class BeforeEachEpoch(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            expected.append(float(np.mean(np.abs(model.predict(X, verbose=0) - y))))

    history = model.fit(X, y, epochs=3, batch_size=40, verbose=0, callbacks=[BeforeEachEpoch()])
    assert sorted(history.history) == ["loss", "mae"]
    # one step per epoch: the epoch's mae is that step's alone (the metrics were reset)
    np.testing.assert_allclose(history.history["mae"], expected, rtol=1e-5)


def test_metrics_assigned_as_attributes_are_in_self_metrics_without_an_override():
    class Attributes(keras.Model):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.loss_tracker = keras.metrics.Mean(name="my_loss")
            self._acc = keras.metrics.SparseCategoricalAccuracy(name="acc")

        def train_step(self, data):
            x, y = data
            with tf.GradientTape() as tape:
                y_pred = self(x, training=True)
                loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
            gradients = tape.gradient(loss, self.trainable_weights)
            self.optimizer.apply_gradients(zip(gradients, self.trainable_weights))
            self.loss_tracker.update_state(loss)
            self._acc.update_state(y, y_pred)
            return {m.name: m.result() for m in self.metrics}

    inputs = keras.Input(shape=(6,))
    model = Attributes(inputs, layers.Dense(3, activation="softmax")(inputs))
    assert [m.name for m in model.metrics] == ["my_loss", "acc"]  # (Keras 3.15 too)
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy")
    assert model.metrics_names == ["loss", "my_loss", "acc"]
    history = model.fit(X, Y, epochs=2, batch_size=40, verbose=0)
    assert history.history["loss"] == [0.0, 0.0]  # the built-in tracker: not updated here
    assert history.history["my_loss"][1] < history.history["my_loss"][0]
    assert 0 < history.history["acc"][0] <= 1


def test_a_step_returning_its_own_dict_is_logged_as_returned():
    class OwnLogs(keras.Model):
        def train_step(self, data):
            x, y = data
            with tf.GradientTape() as tape:
                loss = self.compute_loss(x=x, y=y, y_pred=self(x, training=True))
            gradients = tape.gradient(loss, self.trainable_weights)
            self.optimizer.apply_gradients(zip(gradients, self.trainable_weights))
            return {"my": loss}

    custom, _ = two_models(OwnLogs, None)
    history = custom.fit(X, Y, epochs=1, batch_size=40, verbose=0)
    assert list(history.history) == ["my"]  # Keras 3.15: {'my': [...]}
    assert float(custom.metrics[0].result()) == 0.0  # compute_loss counts nothing


def test_evaluate_lists_a_custom_test_steps_logs_in_metrics_order():
    class Reordered(keras.Model):
        def test_step(self, data):
            logs = super().test_step(data)
            return {"accuracy": logs["accuracy"], "loss": logs["loss"]}

    custom, plain = two_models(Reordered, ["accuracy"])
    assert custom.evaluate(X, Y, verbose=0) == pytest.approx(plain.evaluate(X, Y, verbose=0))


def test_the_keras2_names_before_compile_say_what_to_do():
    model = CustomModel(*_graph())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        with pytest.raises(RuntimeError, match="compile"):
            model.compiled_loss(Y, model(X))
        with pytest.raises(RuntimeError, match="compile"):
            model.compiled_metrics.update_state(Y, model(X))
    with pytest.raises(RuntimeError, match="compile"):
        model.compute_loss(y=Y, y_pred=model(X))
    assert model.metrics == []  # Keras 3.15: nothing before compile


def _graph():
    inputs = keras.Input(shape=(6,))
    return inputs, layers.Dense(3, activation="softmax")(inputs)
