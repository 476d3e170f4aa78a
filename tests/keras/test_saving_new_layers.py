"""Saving regularizers, BatchNormalization, Embedding and Lambda in Keras 3's format:
round trips here, files written by real Keras read here (``keras_files/``, made by
``keras_reference/generate_keras_files.py``), and Lambda's Python lambdas refused
unless ``safe_mode=False``, as in Keras."""
import json
import os
import subprocess
import sys
import warnings
import zipfile

import h5py
import numpy as np
import pytest

from teachtensor import keras
from teachtensor.keras import layers, regularizers

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, "keras_reference", "keras_files")
sys.path.insert(0, os.path.join(HERE, "keras_reference"))
import file_models  # noqa: E402

with open(os.path.join(FILES, "expected.json")) as _f:
    EXPECTED = json.load(_f)["models"]
NEW_MODELS = ["regularized_batchnorm", "embedding_lambda"]
RNG = np.random.default_rng(0)


def layout(path):
    found = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda name, item: found.__setitem__(name, list(item.shape))
                     if isinstance(item, h5py.Dataset) else None)
    return found


def halve(x):
    return x * 0.5


def trained_model():
    model = keras.Sequential([
        keras.Input(shape=(4,)),
        layers.Dense(6, activation="relu", kernel_regularizer=regularizers.L2(0.01),
                     bias_regularizer="l1", activity_regularizer=regularizers.L1(0.001)),
        layers.BatchNormalization(momentum=0.8, center=False),
        layers.Lambda(halve),
        layers.Dense(3, activation="softmax", kernel_regularizer="l1_l2")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(RNG.random((20, 4)), RNG.integers(0, 3, 20), batch_size=8, verbose=0)
    return model


def test_a_model_with_regularizers_and_batchnorm_comes_back_the_same(tmp_path):
    model = trained_model()
    x = RNG.random((5, 4)).astype("float32")
    model.save(tmp_path / "m.keras")
    again = keras.models.load_model(tmp_path / "m.keras", custom_objects={"halve": halve})
    np.testing.assert_array_equal(again.predict(x, verbose=0), model.predict(x, verbose=0))
    for a, b in zip(again.get_weights(), model.get_weights()):  # moving statistics too
        np.testing.assert_array_equal(a, b)
    assert [layer.get_config() for layer in again.layers] == \
        [layer.get_config() for layer in model.layers]
    model(x), again(x)
    np.testing.assert_allclose([float(v) for v in again.losses],
                               [float(v) for v in model.losses], rtol=1e-6)
    # and training goes on with the penalties
    history = again.fit(RNG.random((20, 4)), RNG.integers(0, 3, 20), verbose=0)
    assert np.isfinite(history.history["loss"][0])


def test_batchnorm_weights_are_stored_in_keras_order(tmp_path):
    model = trained_model()
    model.save_weights(tmp_path / "m.weights.h5")
    bn = model.layers[1]
    with h5py.File(tmp_path / "m.weights.h5", "r") as f:
        stored = [f[f"layers/batch_normalization/vars/{i}"][()] for i in range(3)]
    for value, weight in zip(stored, [bn.gamma, bn.moving_mean, bn.moving_variance]):
        np.testing.assert_array_equal(value, weight.numpy())


def test_a_python_lambda_is_saved_but_loads_only_with_safe_mode_off(tmp_path):
    model = keras.Sequential([keras.Input(shape=(3,)),
                              layers.Lambda(lambda x: x * 2.0 + 1.0, name="affine")])
    model.save(tmp_path / "m.keras")
    with zipfile.ZipFile(tmp_path / "m.keras") as archive:
        config = json.loads(archive.read("config.json"))
    function = config["config"]["layers"][1]["config"]["function"]
    assert function["class_name"] == "__lambda__"
    assert sorted(function["config"]) == ["closure", "code", "defaults"]  # Keras's form
    with pytest.raises(ValueError, match=r"the function of Lambda 'affine'.*refused by "
                                         r"default.*safe_mode=False"):
        keras.models.load_model(tmp_path / "m.keras")
    again = keras.models.load_model(tmp_path / "m.keras", safe_mode=False)
    np.testing.assert_allclose(again.predict(np.ones((1, 3)), verbose=0), [[3.0] * 3])
    with pytest.raises(ValueError, match="safe_mode=False"):
        layers.Lambda.from_config(model.layers[0].get_config())


def test_a_lambda_with_closure_and_defaults_comes_back(tmp_path):
    scale = 3.0
    model = keras.Sequential([keras.Input(shape=(2,)),
                              layers.Lambda(lambda x, shift=1.0: x * scale + shift)])
    model.save(tmp_path / "m.keras")
    again = keras.models.load_model(tmp_path / "m.keras", safe_mode=False)
    np.testing.assert_allclose(again.predict(np.ones((1, 2)), verbose=0), [[4.0, 4.0]])


def test_a_named_function_is_saved_by_name_and_needs_custom_objects(tmp_path):
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Lambda(halve)])
    model.save(tmp_path / "m.keras")
    with pytest.raises(TypeError, match=r"'halve'.*custom_objects"):
        keras.models.load_model(tmp_path / "m.keras")
    again = keras.models.load_model(tmp_path / "m.keras", custom_objects={"halve": halve})
    assert again.layers[0].function is halve


def test_a_lambda_regularizer_warns_when_saved_and_is_refused_when_loaded(tmp_path):
    model = keras.Sequential([keras.Input(shape=(3,)),
                              layers.Dense(2, kernel_regularizer=lambda w: 0.0 * w[0, 0])])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.save(tmp_path / "m.keras")
    assert any("lambda" in str(w.message) for w in caught)
    with pytest.raises(ValueError, match="the kernel_regularizer of Dense"):
        keras.models.load_model(tmp_path / "m.keras")


# ---- files written by real Keras 3 ----------------------------------------------------------

@pytest.mark.parametrize("name", NEW_MODELS)
def test_a_keras_file_with_these_layers_loads_here(name, tmp_path):
    expected = EXPECTED[name]
    _, custom_objects = file_models.make(name, keras)
    model = keras.models.load_model(os.path.join(FILES, f"{name}.keras"),
                                    custom_objects=custom_objects)
    x = np.asarray(expected["inputs"])
    np.testing.assert_allclose(model.predict(x, verbose=0), expected["predictions"],
                               rtol=1e-5, atol=1e-6)
    assert int(model.optimizer.iterations.numpy()) == expected["iterations"]
    model.save_weights(tmp_path / "again.weights.h5")  # the same layout as Keras's file
    assert layout(tmp_path / "again.weights.h5") == expected["layout"]
    fresh, _ = file_models.make(name, keras)
    fresh.load_weights(os.path.join(FILES, f"{name}.weights.h5"))
    np.testing.assert_allclose(fresh.predict(x, verbose=0), expected["predictions"],
                               rtol=1e-5, atol=1e-6)


def keras_python():
    """A Python with real Keras, as for test_keras_files.py: $TEACHTENSOR_KERAS_PYTHON."""
    path = os.environ.get("TEACHTENSOR_KERAS_PYTHON")
    return path if path and os.path.exists(path) else None


@pytest.mark.skipif(keras_python() is None,
                    reason="real Keras is not installed here (set TEACHTENSOR_KERAS_PYTHON "
                           "to a Python with tensorflow-cpu to run this round trip)")
def test_real_keras_reads_the_files_written_here(tmp_path):
    inputs = {}
    for name in NEW_MODELS:
        model, _ = file_models.make(name, keras)
        x, y = file_models.inputs_for(name, np.random.default_rng(3))
        model.fit(x, y, batch_size=3, epochs=1, verbose=0, shuffle=False)
        model.save(tmp_path / f"{name}.keras")
        model.save_weights(tmp_path / f"{name}.weights.h5")
        inputs[name] = x.tolist()
        inputs[name + "_predictions"] = model.predict(x, verbose=0).tolist()
    (tmp_path / "inputs.json").write_text(json.dumps({n: inputs[n] for n in NEW_MODELS}))
    script = os.path.join(HERE, "keras_reference", "generate_keras_files.py")
    result = subprocess.run([keras_python(), script, "--check-teachtensor", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    results = json.loads(result.stdout.split("RESULTS", 1)[1])
    for name in NEW_MODELS:
        for key in ("predictions", "from_weights"):
            np.testing.assert_allclose(results[name][key], inputs[name + "_predictions"],
                                       rtol=1e-5, atol=1e-6)
        assert results[name]["iterations"] == 2
