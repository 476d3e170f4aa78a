"""Saving whole models (``.keras``) and weights (``.weights.h5``): what comes back, and
what is refused (with the model and the files left as they were)."""
import json
import os
import zipfile

import h5py
import numpy as np
import pytest

from teachtensor import keras
from teachtensor.keras import layers
from teachtensor.keras.saving import h5_weights

from .edited_files import with_edited_config, with_edited_parts

RNG = np.random.default_rng(0)
X = RNG.random((12, 4)).astype("float32")
Y = RNG.integers(0, 3, 12)


def small_model(hidden=5, name=None):
    model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(hidden, activation="relu"),
                              layers.Dense(3, activation="softmax")], name=name)
    model.compile(optimizer=keras.optimizers.Adam(0.01),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def same_weights(a, b):
    assert len(a) == len(b)
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)


# ---- every built-in layer describes itself --------------------------------------------------

@pytest.mark.parametrize("layer", [
    layers.Dense(3, activation="tanh", use_bias=False,
                 kernel_initializer=keras.initializers.RandomNormal(stddev=0.3)),
    layers.Activation("sigmoid"), layers.Flatten(), layers.Dropout(0.25, seed=4),
    layers.Concatenate(axis=1), layers.Add(), layers.Subtract(), layers.Multiply(),
    layers.Average(), layers.Maximum(), layers.Minimum(),
    layers.InputLayer(shape=(7,), name="pixels"),
], ids=lambda layer: type(layer).__name__)
def test_from_config_rebuilds_the_same_layer(layer):
    config = layer.get_config()
    json.dumps(config)  # plain JSON
    again = type(layer).from_config(config)
    assert type(again) is type(layer) and again.get_config() == config


def test_a_layer_of_yours_without_get_config_is_described_by_its_arguments(tmp_path):
    class Scale(layers.Layer):
        def __init__(self, factor, offset=0.0, **kwargs):
            super().__init__(**kwargs)
            self.factor, self.offset = factor, offset

        def call(self, inputs):
            return inputs * self.factor + self.offset

    config = Scale(3.0, offset=1.0, name="scale_me").get_config()
    assert config == {"name": "scale_me", "trainable": True, "dtype": "float32",
                      "factor": 3.0, "offset": 1.0}
    model = keras.Sequential([keras.Input(shape=(4,)), Scale(2.0), layers.Dense(2)])
    model.save(tmp_path / "m.keras")
    again = keras.models.load_model(tmp_path / "m.keras", custom_objects={"Scale": Scale})
    np.testing.assert_allclose(again.predict(X, verbose=0), model.predict(X, verbose=0))


def test_a_layer_made_with_an_unsaveable_argument_says_to_write_get_config(tmp_path):
    class Holder(layers.Layer):
        def __init__(self, table, **kwargs):
            super().__init__(**kwargs)
            self.table = table

        def call(self, inputs):
            return inputs

    model = keras.Sequential([keras.Input(shape=(4,)), Holder(np.ones(3))])
    with pytest.raises(NotImplementedError, match="get_config"):
        model.save(tmp_path / "m.keras")
    assert os.listdir(tmp_path) == []  # nothing written


# ---- what a .keras file brings back ---------------------------------------------------------

def test_training_goes_on_after_loading_as_if_never_interrupted(tmp_path):
    keras.utils.set_random_seed(5)
    model = small_model()
    model.fit(X, Y, batch_size=4, epochs=1, verbose=0, shuffle=False)
    model.save(tmp_path / "m.keras")
    again = keras.models.load_model(tmp_path / "m.keras")
    first = model.fit(X, Y, batch_size=4, epochs=2, verbose=0, shuffle=False).history
    second = again.fit(X, Y, batch_size=4, epochs=2, verbose=0, shuffle=False).history
    assert first == second  # same optimizer state (Adam's m, v, step), same compile
    same_weights(model.get_weights(), again.get_weights())


def test_compile_settings_come_back(tmp_path):
    inputs = keras.Input(shape=(4,), name="x")
    hidden = layers.Dense(5, activation="relu")(inputs)
    outputs = {"score": layers.Dense(1, name="score")(hidden),
               "kind": layers.Dense(3, activation="softmax", name="kind")(hidden)}
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.SGD(0.05, momentum=0.5),
                  loss={"score": keras.losses.Huber(delta=0.5),
                        "kind": "sparse_categorical_crossentropy"},
                  loss_weights={"score": 2.0, "kind": 1.0},
                  metrics={"kind": ["accuracy"], "score": [keras.metrics.MeanAbsoluteError(),
                                                    keras.metrics.RootMeanSquaredError()]})
    targets = {"score": RNG.random((12, 1)).astype("float32"), "kind": Y}
    model.fit(X, targets, epochs=1, verbose=0)
    model.save(tmp_path / "m.keras")
    again = keras.models.load_model(tmp_path / "m.keras")
    assert isinstance(again.optimizer, keras.optimizers.SGD)
    assert again.optimizer.momentum == 0.5
    assert float(again.optimizer.learning_rate.numpy()) == pytest.approx(0.05)
    a = model.evaluate(X, targets, verbose=0, return_dict=True)
    b = again.evaluate(X, targets, verbose=0, return_dict=True)
    assert a == b and "kind_accuracy" in a and "score_mean_absolute_error" in a
    assert "score_root_mean_squared_error" in a


def test_shared_layers_and_a_feature_extractor_save_and_load(tmp_path):
    inputs = keras.Input(shape=(4,), name="x")
    shared = layers.Dense(4, activation="relu", name="shared")
    twice = shared(shared(inputs))  # one layer, two calls
    outputs = layers.Dense(2, name="out")(layers.Concatenate()([twice, inputs]))
    model = keras.Model(inputs, outputs)
    # A second model on the same layers: its own calls only are written for each.
    extractor = keras.Model(model.inputs, shared._inbound_nodes[0].outputs)
    for m, name in [(model, "model"), (extractor, "extractor")]:
        m.save(tmp_path / f"{name}.keras")
        again = keras.models.load_model(tmp_path / f"{name}.keras")
        np.testing.assert_allclose(again.predict(X, verbose=0), m.predict(X, verbose=0),
                                   rtol=1e-6)
    config = json.loads(zipfile.ZipFile(tmp_path / "model.keras").read("config.json"))
    shared_entry = [e for e in config["config"]["layers"] if e["name"] == "shared"][0]
    assert len(shared_entry["inbound_nodes"]) == 2


def test_a_registered_class_loads_without_custom_objects(tmp_path):
    @keras.saving.register_keras_serializable(package="Homework")
    class Doubler(layers.Layer):
        def call(self, inputs):
            return inputs * 2.0

    model = keras.Sequential([keras.Input(shape=(4,)), Doubler(), layers.Dense(2)])
    model.save(tmp_path / "m.keras")
    config = json.loads(zipfile.ZipFile(tmp_path / "m.keras").read("config.json"))
    assert config["config"]["layers"][1]["registered_name"] == "Homework>Doubler"
    again = keras.models.load_model(tmp_path / "m.keras")
    assert type(again.layers[0]) is Doubler


def test_load_weights_reads_a_keras_file_too(tmp_path):
    model = small_model()
    model.save(tmp_path / "m.keras")
    other = small_model()
    other.load_weights(tmp_path / "m.keras")
    same_weights(other.get_weights(), model.get_weights())


def test_an_old_teachtensor_h5_file_still_loads(tmp_path):
    model = small_model()
    path = tmp_path / "old.h5"
    with h5py.File(path, "w") as f:  # what teachtensor 0.1 wrote
        f.attrs["format"] = "teachtensor weights 1"
        for i, w in enumerate(model.weights):
            f.create_dataset(f"weight_{i:03d}", data=np.full(w.shape, i, "float32"))
    model.load_weights(path)
    assert [float(np.ravel(w)[0]) for w in model.get_weights()] == [0.0, 1.0, 2.0, 3.0]


def test_model_checkpoint_keeps_the_best_whole_model(tmp_path):
    model = small_model()
    path = str(tmp_path / "best.keras")
    checkpoint = keras.callbacks.ModelCheckpoint(path, monitor="loss", save_best_only=True)
    model.fit(X, Y, epochs=3, verbose=0, callbacks=[checkpoint])
    best = keras.models.load_model(path)
    assert isinstance(best, keras.Sequential) and best.optimizer is not None


# ---- refused, changing nothing ------------------------------------------------------------------

def test_weights_of_another_architecture_are_refused_naming_the_layer(tmp_path):
    saved = small_model(hidden=5)
    saved.save_weights(tmp_path / "w.weights.h5")
    model = small_model(hidden=6)
    before = model.get_weights()
    with pytest.raises(ValueError, match=r"layer 'dense_\d+'.*layers/dense/vars.*\(4, 6\).*"
                                         r"\(4, 5\).*Nothing was changed"):
        model.load_weights(tmp_path / "w.weights.h5")
    same_weights(model.get_weights(), before)


def test_a_file_with_more_layers_than_the_model_is_refused(tmp_path):
    bigger = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(5), layers.Dense(3),
                               layers.Dense(3)])
    bigger.save_weights(tmp_path / "w.weights.h5")
    model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(5), layers.Dense(3)])
    before = model.get_weights()
    with pytest.raises(ValueError, match="layers/dense_2/vars.*another architecture"):
        model.load_weights(tmp_path / "w.weights.h5")
    same_weights(model.get_weights(), before)


def test_a_different_optimizer_is_reported_and_skipped(tmp_path):
    saved = small_model()
    saved.fit(X, Y, epochs=1, verbose=0)
    saved.save_weights(tmp_path / "w.weights.h5")
    model = small_model()
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    model.fit(X, Y, epochs=1, verbose=0)
    with pytest.warns(UserWarning, match="optimizer state.*not loaded"):
        model.load_weights(tmp_path / "w.weights.h5")
    same_weights(model.get_weights(), saved.get_weights())


def test_a_failed_save_keeps_the_previous_file(tmp_path, monkeypatch):
    model = small_model()
    path = tmp_path / "m.keras"
    model.save(path)
    before = path.read_bytes()

    def disk_full(self, name, data, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", disk_full)
    with pytest.raises(OSError, match="No space"):
        model.save(path)
    monkeypatch.undo()
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["m.keras"]


@pytest.mark.parametrize("call, message", [
    (lambda m, d: m.save(d / "m.h5"), "must end in `.keras`"),
    (lambda m, d: m.save_weights(d / "m.h5"), "must end in `.weights.h5`"),
    (lambda m, d: m.save_weights(d / "m.keras"), "use model.save"),
    (lambda m, d: keras.models.load_model(d / "m.weights.h5"), "load_weights"),
    (lambda m, d: keras.models.load_model(d / "saved_model"), "not one"),
])
def test_file_names_of_the_wrong_kind_are_refused(tmp_path, call, message):
    with pytest.raises(ValueError, match=message):
        call(small_model(), tmp_path)
    assert os.listdir(tmp_path) == []


def test_an_unbuilt_model_cannot_be_saved(tmp_path):
    model = keras.Sequential([layers.Dense(2)])
    with pytest.raises(ValueError, match="no weights yet"):
        model.save(tmp_path / "m.keras")


@pytest.mark.parametrize("name", ["w.weights.h5", "w.weights.npz"])
@pytest.mark.parametrize("unbuilt", [lambda: keras.Sequential([layers.Dense(3)]),
                                     lambda: keras.Sequential()])
def test_an_unbuilt_model_does_not_save_its_no_weights_over_a_good_file(tmp_path, name,
                                                                        unbuilt):
    path = tmp_path / name
    small_model().save_weights(path)
    before = path.read_bytes()
    with pytest.raises(ValueError, match="no weights yet.*left as it was"):
        unbuilt().save_weights(path)
    assert path.read_bytes() == before and os.listdir(tmp_path) == [name]


def test_a_missing_class_is_named_with_what_to_pass(tmp_path):
    class Mine(layers.Layer):
        def call(self, inputs):
            return inputs

    keras.Sequential([keras.Input(shape=(4,)), Mine()]).save(tmp_path / "m.keras")
    with pytest.raises(TypeError, match=r"'Mine'.*custom_objects=\{'Mine': Mine\}"):
        keras.models.load_model(tmp_path / "m.keras")


def test_a_keras_option_teachtensor_lacks_is_refused_not_ignored(tmp_path):
    small_model().save(tmp_path / "m.keras")

    def constrained(config):
        config["config"]["layers"][1]["config"]["kernel_constraint"] = {
            "module": "keras.constraints", "class_name": "NonNeg", "config": {}}

    edited = with_edited_config(tmp_path / "m.keras", tmp_path / "edited.keras", constrained)
    with pytest.raises(ValueError, match="kernel_constraint"):
        keras.models.load_model(edited)


def test_a_damaged_keras_file_is_named(tmp_path):
    small_model().save(tmp_path / "m.keras")
    data = (tmp_path / "m.keras").read_bytes()
    (tmp_path / "m.keras").write_bytes(data[: len(data) // 3])
    with pytest.raises(ValueError, match="m.keras.*not a complete .keras file"):
        keras.models.load_model(tmp_path / "m.keras")


def test_the_weights_file_lists_layers_by_keras_path():
    model = small_model()
    paths = [path for path, _, _ in h5_weights.groups(model)]
    assert paths == ["vars", "layers/dense/vars", "layers/dense_1/vars", "optimizer/vars"]


# ---- found in review --------------------------------------------------------------------

def test_a_shared_layer_keeps_its_calls_in_order_when_reloaded(tmp_path):
    inputs = keras.Input((3,))
    S, D, E, F = (layers.Dense(3), layers.Dense(3), layers.Dense(3), layers.Dense(2))
    model = keras.Model(inputs, [S(D(inputs)), F(E(S(inputs)))])  # S's call 1 is ready first
    model.save(tmp_path / "m.keras")
    again = keras.models.load_model(tmp_path / "m.keras")
    for a, b in zip(model.predict(X[:, :3], verbose=0), again.predict(X[:, :3], verbose=0)):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_a_model_starting_at_a_layer_output_says_what_to_do(tmp_path):
    hidden = layers.Dense(4)(keras.Input((3,)))
    with pytest.raises(ValueError, match="not a keras.Input"):
        keras.Model(hidden, layers.Dense(1)(hidden)).save(tmp_path / "m.keras")
    assert os.listdir(tmp_path) == []


def test_a_weightless_layer_missing_from_the_file_is_fine(tmp_path):
    model = keras.Sequential([keras.Input((4,)), layers.Dense(3), layers.Dropout(0.5)])
    model.save_weights(tmp_path / "w.weights.h5")
    with h5py.File(tmp_path / "w.weights.h5", "a") as f:
        del f["layers/dropout"]
    model.load_weights(tmp_path / "w.weights.h5")


def test_damaged_weights_inside_a_keras_file_are_named(tmp_path):
    small_model().save(tmp_path / "m.keras")
    bad = with_edited_parts(tmp_path / "m.keras", tmp_path / "bad.keras",
                            lambda parts: parts.update({"model.weights.h5": b"not hdf5 at all"}))
    with pytest.raises(ValueError, match="bad.keras.*damaged"):
        keras.models.load_model(bad)


def test_saving_into_a_missing_folder_names_the_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"the folder .*nowhere.* does not exist"):
        small_model().save(tmp_path / "nowhere" / "m.keras")


def test_a_keras_2_weights_file_is_named_as_such(tmp_path):
    with h5py.File(tmp_path / "old.h5", "w") as f:  # Keras 2's layout
        f.create_dataset("model_weights/dense/dense/kernel:0", data=np.ones((4, 5)))
    model = small_model()
    with pytest.raises(ValueError, match="Keras 2"):
        model.load_weights(tmp_path / "old.h5")


def test_an_optimizer_that_stepped_without_slots_is_not_loaded_into_one_with_slots(tmp_path):
    saved = small_model()
    saved.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")  # no slots
    saved.fit(X, Y, epochs=1, verbose=0)
    saved.save_weights(tmp_path / "w.weights.h5")
    model = small_model()  # Adam
    with pytest.warns(UserWarning, match="keeps no slots"):
        model.load_weights(tmp_path / "w.weights.h5")
    assert int(model.optimizer.iterations.numpy()) == 0
