"""Keras's own file formats: ``.keras`` models and ``.weights.h5`` weights, both ways.

* Files that real Keras 3 wrote (``keras_reference/keras_files``, made by
  ``generate_keras_files.py``) open here and predict what Keras predicted.
* Files teachtensor writes have exactly the layout Keras wrote for the same model
  (every dataset's path and shape), and, when TensorFlow/Keras is installed (in this
  Python, or in the one named by ``TEACHTENSOR_KERAS_PYTHON``), real Keras opens them
  and predicts what teachtensor predicts.
* The models are defined once, in ``keras_reference/file_models.py``, for both.
"""
import json
import os
import re
import subprocess
import sys

import h5py
import numpy as np
import pytest

from teachtensor import keras

from .edited_files import with_edited_config

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "keras_reference")
FILES = os.path.join(REFERENCE, "keras_files")
sys.path.insert(0, REFERENCE)
import file_models  # noqa: E402

with open(os.path.join(FILES, "expected.json")) as _f:
    EXPECTED = json.load(_f)["models"]
NAMES = sorted(EXPECTED)


def _inputs(name):
    x = EXPECTED[name]["inputs"]
    return [np.asarray(a, "float32") for a in x] if name == "ticket" else np.asarray(x, "float32")


def _as_list(predictions):
    if isinstance(predictions, dict):  # dict outputs: by sorted name, as saved
        return [predictions[key] for key in sorted(predictions)]
    return predictions if isinstance(predictions, list) else [predictions]


def _outputs(name, saved):
    """The saved predictions (JSON lists) as a list of arrays, one per model output."""
    if isinstance(saved, dict):
        return [np.asarray(saved[key]) for key in sorted(saved)]
    return [np.asarray(a) for a in saved] if name == "ticket" else [np.asarray(saved)]


def _layout(path):
    found = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda name, item: found.__setitem__(name, list(item.shape))
                     if isinstance(item, h5py.Dataset) else None)
    return found


# ---- Keras's files, opened here -----------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_a_model_saved_by_keras_predicts_the_same_here(name):
    _, custom_objects = file_models.make(name, keras)
    model = keras.models.load_model(os.path.join(FILES, f"{name}.keras"),
                                    custom_objects=custom_objects)
    ours = _as_list(model.predict(_inputs(name), verbose=0))
    theirs = _outputs(name, EXPECTED[name]["predictions"])
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    if name == "custom_classes":  # layers made in __init__ are named by counters: dense_7
        assert [re.sub(r"_\d+$", "", layer.name) for layer in model.layers] == \
            [re.sub(r"_\d+$", "", n) for n in EXPECTED[name]["layers"]]
    else:
        assert [layer.name for layer in model.layers] == EXPECTED[name]["layers"]
    if EXPECTED[name]["iterations"] is not None:  # the optimizer's state came along
        assert int(model.optimizer.iterations.numpy()) == EXPECTED[name]["iterations"]


@pytest.mark.parametrize("name", NAMES)
def test_weights_saved_by_keras_load_into_the_same_model_built_here(name):
    model, _ = file_models.make(name, keras)
    if not model.built:
        model(_inputs(name))
    model.load_weights(os.path.join(FILES, f"{name}.weights.h5"))
    ours = _as_list(model.predict(_inputs(name), verbose=0))
    theirs = _outputs(name, EXPECTED[name]["predictions"])
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


# ---- teachtensor's files: Keras's layout ------------------------------------------------------

def _trained(name):
    """The model made here, trained one epoch as the generator trained Keras's."""
    model, custom_objects = file_models.make(name, keras)
    x, y = file_models.inputs_for(name, np.random.default_rng(3))
    if y is not None:
        model.fit(x, y, batch_size=3, epochs=1, verbose=0, shuffle=False)
    elif not model.built:
        model(x)
    return model, custom_objects, x


@pytest.mark.parametrize("name", NAMES)
def test_weights_written_here_have_the_layout_keras_writes(name, tmp_path):
    model, _, _ = _trained(name)
    model.save_weights(tmp_path / "w.weights.h5")
    assert _layout(tmp_path / "w.weights.h5") == EXPECTED[name]["layout"]
    model.save(tmp_path / "m.keras")  # the .keras file holds the same weights file
    import zipfile
    with zipfile.ZipFile(tmp_path / "m.keras") as archive:
        assert archive.namelist() == ["metadata.json", "config.json", "model.weights.h5"]
        (tmp_path / "inner.h5").write_bytes(archive.read("model.weights.h5"))
    assert _layout(tmp_path / "inner.h5") == EXPECTED[name]["layout"]


@pytest.mark.parametrize("name", NAMES)
def test_a_saved_model_comes_back_the_same(name, tmp_path):
    model, custom_objects, x = _trained(name)
    model.save(tmp_path / "m.keras")
    again = keras.models.load_model(tmp_path / "m.keras", custom_objects=custom_objects)
    assert type(again) is type(model)
    for a, b in zip(_as_list(model.predict(x, verbose=0)), _as_list(again.predict(x, verbose=0))):
        np.testing.assert_array_equal(a, b)
    assert [w.name.split("/")[-1] for w in again.weights] == \
        [w.name.split("/")[-1] for w in model.weights]
    if model.optimizer is not None:
        assert type(again.optimizer) is type(model.optimizer)
        for a, b in zip(again.optimizer.variables, model.optimizer.variables):
            np.testing.assert_array_equal(a.numpy(), b.numpy())


# ---- real Keras opens teachtensor's files (when it is installed) ------------------------------

def _keras_python():
    """A Python that has Keras, or None: this one, or $TEACHTENSOR_KERAS_PYTHON."""
    named = os.environ.get("TEACHTENSOR_KERAS_PYTHON")
    if named:
        return named
    try:
        import keras as real_keras  # noqa: F401
        import tensorflow  # noqa: F401
    except ImportError:
        return None
    return sys.executable


@pytest.mark.skipif(_keras_python() is None,
                    reason="real Keras is not installed here (set TEACHTENSOR_KERAS_PYTHON "
                           "to a Python with tensorflow-cpu to run this round trip)")
def test_real_keras_opens_files_written_here(tmp_path):
    inputs, ours = {}, {}
    for name in NAMES:
        model, _, x = _trained(name)
        model.save(tmp_path / f"{name}.keras")
        model.save_weights(tmp_path / f"{name}.weights.h5")
        inputs[name] = [a.tolist() for a in x] if isinstance(x, list) else x.tolist()
        ours[name] = (_as_list(model.predict(x, verbose=0)),
                      int(model.optimizer.iterations.numpy()) if model.optimizer else None)
    (tmp_path / "inputs.json").write_text(json.dumps(inputs))
    run = subprocess.run([_keras_python(), os.path.join(REFERENCE, "generate_keras_files.py"),
                          "--check-teachtensor", str(tmp_path)], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    line = [ln for ln in run.stdout.splitlines() if ln.startswith("RESULTS")][-1]
    theirs = json.loads(line[len("RESULTS"):])
    for name in NAMES:
        predictions, iterations = ours[name]
        for key in ("predictions", "from_weights"):
            got = _outputs(name, theirs[name][key])
            assert len(got) == len(predictions)
            for a, b in zip(predictions, got):
                np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6, err_msg=f"{name} {key}")
        assert theirs[name]["iterations"] == iterations


def test_a_file_listing_layers_in_another_order_is_loaded_with_a_warning(tmp_path):
    """teachtensor before 2026-12-02 listed a dict-output model's layers in the dict's
    order ("reg" before "cls"); Keras sorts them.  Such a file loads with a warning that
    same-shaped layers may have swapped weights, rather than silently."""
    def old_order(config):
        layers = config["config"]["layers"]
        layers[2], layers[3] = layers[3], layers[2]  # reg before cls, as the old order was

    old = with_edited_config(os.path.join(FILES, "dict_outputs.keras"), tmp_path / "old.keras",
                             old_order)
    with pytest.warns(UserWarning, match="may have swapped weights"):
        keras.models.load_model(old)
