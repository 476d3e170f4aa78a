"""The order of ``evaluate``'s list of results (and ``train_on_batch``'s), and the
names of weighted metrics, as Keras 3.15 gives them.

``loss, mae, accuracy = model.evaluate(x, y)`` unpacks a list, so its order is part of
the answer.  Keras lists the logs found under its metrics' own names (the loss, each
compiled metric by its bare name, each output's loss, the model's own metrics), then
the rest sorted by name.  Each expected order below was printed by Keras 3.15 for the
same model: every value matched to its key in the dict of ``return_dict=True``.
"""
import numpy as np
import pytest

from teachtensor import keras

X = np.linspace(0, 1, 24, dtype="float32").reshape(8, 3)
Y_REG = np.linspace(0, 1, 8, dtype="float32").reshape(8, 1)
Y_CLS = (np.arange(8) % 2).astype("float32").reshape(8, 1)
SW = np.linspace(0.5, 2, 8).astype("float32")


def keys_in_order(model, y, **arguments):
    """The log names in the order of evaluate's list (each value found in the dict)."""
    logs = model.evaluate(X, y, verbose=0, return_dict=True, **arguments)
    values = model.evaluate(X, y, verbose=0, **arguments)
    by_value = {}
    for key, value in logs.items():
        by_value.setdefault(round(float(value), 6), []).append(key)
    found = [by_value[round(float(value), 6)] for value in values]
    assert all(len(keys) == 1 for keys in found), f"two logs have one value: {found}"
    return [keys[0] for keys in found]


def two_outputs(as_dict=False, loss_order=("reg", "cls")):
    inputs = keras.Input((3,), name="x")
    reg = keras.layers.Dense(1, name="reg", kernel_initializer=keras.initializers.Constant(0.1))
    cls = keras.layers.Dense(1, activation="sigmoid", name="cls",
                             kernel_initializer=keras.initializers.Constant(0.2))
    outputs = {"reg": reg(inputs), "cls": cls(inputs)} if as_dict else [reg(inputs), cls(inputs)]
    model = keras.Model(inputs, outputs)
    losses = {"reg": "mse", "cls": "binary_crossentropy"}
    return model, ({name: losses[name] for name in loss_order} if as_dict
                   else ["mse", "binary_crossentropy"])


def test_several_outputs_list_their_metrics_by_sorted_name():
    model, loss = two_outputs()
    model.compile(optimizer="sgd", loss=loss, metrics=[["mae"], ["accuracy"]])
    assert keys_in_order(model, [Y_REG, Y_CLS]) == [
        "loss", "reg_loss", "cls_loss", "cls_accuracy", "reg_mae"]
    logs = model.train_on_batch(X, [Y_REG, Y_CLS], return_dict=True)
    values = model.test_on_batch(X, [Y_REG, Y_CLS])
    assert len(values) == len(logs) == 5


def test_weighted_metrics_of_several_outputs_keep_the_plain_name_where_it_is_free():
    model, loss = two_outputs()
    model.compile(optimizer="sgd", loss=loss, metrics=[["mae"], ["accuracy"]],
                  weighted_metrics=[["mse"], ["accuracy"]])
    history = model.fit(X, [Y_REG, Y_CLS], sample_weight=SW, epochs=1, verbose=0)
    assert sorted(history.history) == ["cls_accuracy", "cls_loss", "cls_weighted_accuracy",
                                       "loss", "reg_loss", "reg_mae", "reg_mse"]
    assert keys_in_order(model, [Y_REG, Y_CLS], sample_weight=SW) == [
        "loss", "reg_loss", "cls_loss", "cls_accuracy", "cls_weighted_accuracy", "reg_mae",
        "reg_mse"]


def test_one_output_keeps_the_compile_order_and_lists_a_shared_name_twice():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(
        1, activation="sigmoid", kernel_initializer=keras.initializers.Constant(0.1))])
    model.compile(optimizer="sgd", loss="binary_crossentropy", metrics=["mse", "accuracy"],
                  weighted_metrics=["mae", "accuracy"])
    logs = model.evaluate(X, Y_CLS, sample_weight=SW, verbose=0, return_dict=True)
    values = model.evaluate(X, Y_CLS, sample_weight=SW, verbose=0)
    # Keras 3.15: "accuracy" is the name of both accuracy metrics, so its value comes
    # twice, before the leftover "weighted_accuracy": six values for five logs.
    names = ["loss", "mse", "accuracy", "mae", "accuracy", "weighted_accuracy"]
    np.testing.assert_allclose(values, [logs[name] for name in names], rtol=1e-6)


def test_one_output_in_compile_order():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(
        1, activation="sigmoid", kernel_initializer=keras.initializers.Constant(0.1))])
    model.compile(optimizer="sgd", loss="binary_crossentropy",
                  metrics=["mae", "accuracy", keras.metrics.AUC(name="zz"),
                           keras.metrics.Precision(name="aa")])
    logs = model.evaluate(X, Y_CLS, verbose=0, return_dict=True)
    values = model.evaluate(X, Y_CLS, verbose=0)
    np.testing.assert_allclose(values, [logs[name] for name in ["loss", "mae", "accuracy",
                                                                "zz", "aa"]], rtol=1e-6)
    np.testing.assert_allclose(values, [0.687173, 0.495145, 0.5, 0.625, 0.5], atol=1e-6)


@pytest.mark.parametrize("loss_order", [("reg", "cls"), ("cls", "reg")])
def test_each_outputs_loss_comes_in_the_order_of_the_loss_dict(loss_order):
    model, loss = two_outputs(as_dict=True, loss_order=loss_order)
    model.compile(optimizer="sgd", loss=loss, metrics={"reg": ["mae"], "cls": ["accuracy"]})
    assert keys_in_order(model, {"reg": Y_REG, "cls": Y_CLS}) == \
        ["loss"] + [f"{name}_loss" for name in loss_order] + ["cls_accuracy", "reg_mae"]


def test_a_custom_step_lists_its_metrics_then_the_other_logs_by_name():
    class Custom(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = keras.layers.Dense(1, activation="sigmoid",
                                            kernel_initializer=keras.initializers.Constant(0.1))
            self.tracker = keras.metrics.Mean(name="bbb")

        def call(self, x):
            return self.dense(x)

        def test_step(self, data):
            x, _ = data
            self.tracker.update_state(keras.ops.mean(self(x)))
            return {"zeta": 1.0, "bbb": self.tracker.result(), "alpha": 2.0}

    model = Custom()
    model.compile(optimizer="sgd", loss="mse")
    np.testing.assert_allclose(model.evaluate(X, Y_CLS, verbose=0), [0.537355, 2.0, 1.0],
                               atol=1e-6)
