"""A model of several outputs checks the structure of y before training starts: a list
of the wrong length, a dict with an unknown or a missing output name, or one array for
two outputs is refused before any callback runs, any weight moves or the optimizer
creates its state.  (Keras 3.15 refuses them too, but only in the first step, after
on_train_begin.)"""
import numpy as np
import pytest

from teachtensor import keras
from teachtensor.keras import layers

RNG = np.random.default_rng(5)
X = RNG.random((24, 4)).astype(np.float32)
PRIORITY = RNG.random((24, 1)).astype(np.float32)
DEPARTMENT = RNG.integers(0, 3, (24,))


def two_output_model():
    inputs = keras.Input(shape=(4,), name="x")
    features = layers.Dense(8, activation="relu")(inputs)
    model = keras.Model(inputs, [layers.Dense(1, name="priority")(features),
                                 layers.Dense(3, activation="softmax", name="department")(
                                     features)])
    model.compile(optimizer="adam", loss=["mean_squared_error",
                                          "sparse_categorical_crossentropy"])
    return model


class Recorder(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.calls = []

    def on_train_begin(self, logs=None):
        self.calls.append("on_train_begin")

    def on_train_batch_begin(self, batch, logs=None):
        self.calls.append("on_train_batch_begin")


WRONG = {
    "a list of one": ([PRIORITY], r"2 outputs \['priority', 'department'\], but y holds 1 "
                                  r"arrays; give one array per output"),
    "a list of three": ([PRIORITY, DEPARTMENT, DEPARTMENT], r"but y holds 3 arrays"),
    "one array": (PRIORITY, r"2 outputs \['priority', 'department'\], but y is one array "
                            r"\(of shape \(24, 1\)\); give a list of 2 arrays"),
    "an unknown name": ({"priority": PRIORITY, "dept": DEPARTMENT},
                        r"keys \['priority', 'dept'\].*named \['priority', 'department'\]; "
                        r"no targets for \['department'\]; unknown keys \['dept'\]"),
    "a missing name": ({"priority": PRIORITY}, r"no targets for \['department'\]\. Give one "
                                               r"entry per output"),
    "an extra name": ({"priority": PRIORITY, "department": DEPARTMENT, "other": PRIORITY},
                      r"unknown keys \['other'\]"),
}


@pytest.mark.parametrize("case", list(WRONG))
def test_a_wrong_y_is_refused_before_training_starts(case):
    y, message = WRONG[case]
    model = two_output_model()
    before = model.get_weights()
    recorder = Recorder()
    with pytest.raises(ValueError, match=message):
        model.fit(X, y, epochs=1, batch_size=8, verbose=0, callbacks=[recorder])
    assert recorder.calls == []
    for a, b in zip(before, model.get_weights()):
        np.testing.assert_array_equal(a, b)
    assert int(model.optimizer.iterations.numpy()) == 0
    assert len(model.optimizer.variables) == 2  # (no slots: apply_gradients never ran)


def test_a_wrong_validation_y_is_refused_before_training_starts():
    model = two_output_model()
    before = model.get_weights()
    recorder = Recorder()
    with pytest.raises(ValueError, match=r"the validation y holds 1 arrays"):
        model.fit(X, [PRIORITY, DEPARTMENT], validation_data=(X, [PRIORITY]), verbose=0,
                  callbacks=[recorder])
    assert recorder.calls == []
    for a, b in zip(before, model.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_evaluate_refuses_a_wrong_y_too():
    model = two_output_model()
    with pytest.raises(ValueError, match=r"y is one array"):
        model.evaluate(X, PRIORITY, verbose=0)


@pytest.mark.parametrize("y", [[PRIORITY, DEPARTMENT], (PRIORITY, DEPARTMENT),
                               {"department": DEPARTMENT, "priority": PRIORITY}],
                         ids=["list", "tuple", "dict"])
def test_a_right_y_trains(y):
    model = two_output_model()
    history = model.fit(X, y, epochs=1, batch_size=8, verbose=0)
    assert sorted(history.history) == ["department_loss", "loss", "priority_loss"]
