"""Weight files: many weights load in their order, a failed save keeps the old file,
and a damaged or foreign file gets an error that names it (and changes nothing)."""
import os

import numpy as np
import pytest

from teachtensor import keras
from teachtensor.keras import saving


def deep_model(layers, use_bias):
    model = keras.Sequential([keras.Input(shape=(1,))] + [
        keras.layers.Dense(1, use_bias=use_bias) for _ in range(layers)])
    for i, w in enumerate(model.weights):
        w.assign(np.full(w.shape, float(i), np.float32))
    return model


@pytest.mark.parametrize("use_bias", [False, True])
def test_more_than_a_thousand_weights_load_in_their_order(tmp_path, use_bias):
    model = deep_model(1001, use_bias)
    path = tmp_path / "deep.weights.npz"
    model.save_weights(path)
    for w in model.weights:
        w.assign(np.zeros(w.shape, np.float32))
    model.load_weights(path)
    assert [float(np.ravel(w.numpy())[0]) for w in model.weights] == \
        [float(i) for i in range(len(model.weights))]


def test_old_files_with_three_digit_keys_still_load_in_order(tmp_path):
    """Files written before the fix used weight_000 .. weight_1000: read by number."""
    path = tmp_path / "old.weights.npz"
    np.savez(path, **{f"weight_{i:03d}": np.float32([i]) for i in range(1002)})
    assert [int(a[0]) for a in saving.npz_weights.load(path)] == list(range(1002))


def test_a_save_that_fails_half_way_keeps_the_previous_file(tmp_path, monkeypatch):
    model = deep_model(3, True)
    path = tmp_path / "model.weights.npz"
    model.save_weights(path)
    before = path.read_bytes()
    model.weights[0].assign(np.full((1, 1), 42.0, np.float32))

    def disk_full(file, **arrays):
        file.write(b"PK\x03\x04 half an archive")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np, "savez", disk_full)
    with pytest.raises(OSError, match="No space"):
        model.save_weights(path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["model.weights.npz"]  # no temporary file left behind


def test_a_save_interrupted_by_ctrl_c_keeps_the_previous_file(tmp_path, monkeypatch):
    model = deep_model(2, False)
    path = tmp_path / "model.weights.npz"
    model.save_weights(path)
    before = path.read_bytes()

    def interrupted(file, **arrays):
        raise KeyboardInterrupt

    monkeypatch.setattr(np, "savez", interrupted)
    with pytest.raises(KeyboardInterrupt):
        model.save_weights(path)
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["model.weights.npz"]


def test_save_replaces_the_old_file_when_it_succeeds(tmp_path):
    model = deep_model(2, False)
    path = tmp_path / "model.weights.npz"
    path.write_bytes(b"an older, unrelated file")
    model.save_weights(path)
    assert [float(a[0, 0]) for a in saving.npz_weights.load(path)] == [0.0, 1.0]


@pytest.mark.parametrize("content, hint", [
    (b"hello, I am a text file", "not a NumPy .npz archive"),
    (b"\x93NUMPY\x01\x00 an .npy array", "not a NumPy .npz archive"),
    (None, "damaged"),  # a truncated archive
])
def test_loading_a_damaged_or_foreign_file_names_it_and_changes_nothing(tmp_path, content,
                                                                        hint):
    model = deep_model(3, True)
    path = tmp_path / "broken.weights.npz"
    if content is None:
        model.save_weights(path)
        data = path.read_bytes()
        path.write_bytes(data[:len(data) // 2])
    else:
        path.write_bytes(content)
    before = model.get_weights()
    with pytest.raises(ValueError, match=hint) as error:
        model.load_weights(path)
    assert str(path) in str(error.value) and "allow_pickle" not in str(error.value)
    for old, new in zip(before, model.get_weights()):
        np.testing.assert_array_equal(old, new)


def test_loading_a_missing_file_names_it(tmp_path):
    model = deep_model(1, False)
    with pytest.raises(FileNotFoundError, match="nowhere.weights.npz"):
        model.load_weights(tmp_path / "nowhere.weights.npz")


def test_saving_keeps_the_files_permissions_and_follows_links(tmp_path):
    model = deep_model(2, False)
    path = tmp_path / "model.weights.npz"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    model.save_weights(path)
    assert os.stat(path).st_mode & 0o777 == 0o640
    link = tmp_path / "latest.weights.npz"
    link.symlink_to(path)
    model.save_weights(link)
    assert link.is_symlink() and len(saving.npz_weights.load(link)) == 2
    fresh = tmp_path / "fresh.weights.npz"
    umask = os.umask(0o022)
    try:
        model.save_weights(fresh)
    finally:
        os.umask(umask)
    assert os.stat(fresh).st_mode & 0o777 == 0o644


def test_to_json_and_model_from_json_as_keras():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="relu",
                                                                    name="h"),
                              keras.layers.Dense(1, name="o")])
    again = keras.models.model_from_json(model.to_json())
    assert type(again) is keras.Sequential and [layer.name for layer in again.layers] == ["h", "o"]
    assert [w.shape for w in again.get_weights()] == [(3, 4), (4,), (4, 1), (1,)]
    inputs = keras.Input((3,), name="x")
    graph = keras.Model(inputs, [keras.layers.Dense(1, name="a")(inputs),
                                 keras.layers.Dense(2, name="b")(inputs)])
    rebuilt = keras.models.model_from_json(graph.to_json(indent=2))
    assert [layer.name for layer in rebuilt.layers] == ["x", "a", "b"]
    assert [tuple(t.shape) for t in rebuilt.outputs] == [(None, 1), (None, 2)]
    with pytest.raises(ValueError, match="model_from_json needs the JSON string"):
        keras.models.model_from_json("not json")
