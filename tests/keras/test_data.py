"""tf.data.Dataset: slicing, batching, shuffling, mapping; iteration yields tensors."""
import numpy as np
import pytest

import teachtensor as tf
from teachtensor.data import Dataset


def test_reachable_as_tf_data():
    assert tf.data.Dataset is Dataset


def test_from_tensor_slices_yields_tensor_rows():
    x = np.arange(6, dtype=np.float32).reshape(3, 2)
    y = np.array([0, 1, 2])
    elements = list(Dataset.from_tensor_slices((x, y)))
    assert len(elements) == 3
    first_x, first_y = elements[0]
    assert isinstance(first_x, tf.Tensor) and first_x.shape == (2,)
    assert first_x.dtype == tf.float32 and first_y.dtype == tf.int64
    np.testing.assert_array_equal(elements[2][0].numpy(), [4.0, 5.0])


def test_python_lists_follow_tensorflow_dtypes_and_dicts_work():
    (a,) = list(Dataset.from_tensor_slices([1.5]))
    assert a.dtype == tf.float32
    rows = list(Dataset.from_tensor_slices({"a": np.arange(2), "b": np.ones(2)}))
    assert set(rows[0]) == {"a", "b"}


def test_batch_keeps_the_remainder_unless_asked():
    ds = Dataset.from_tensor_slices(np.arange(10))
    assert [b.numpy().tolist() for b in ds.batch(4)] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert [len(b) for b in ds.batch(4, drop_remainder=True)] == [4, 4]
    assert len(ds.batch(4)) == 3 and len(ds.batch(4, drop_remainder=True)) == 2


def test_shuffle_is_a_permutation_reshuffled_each_iteration():
    ds = Dataset.from_tensor_slices(np.arange(100)).shuffle(100)
    first = [int(v) for v in ds]
    second = [int(v) for v in ds]
    assert sorted(first) == list(range(100)) and first != list(range(100))
    assert first != second
    fixed = Dataset.from_tensor_slices(np.arange(100)).shuffle(
        100, seed=1, reshuffle_each_iteration=False)
    assert [int(v) for v in fixed] == [int(v) for v in fixed]


def test_shuffle_follows_the_global_seed():
    tf.random.set_seed(3)
    a = [int(v) for v in Dataset.from_tensor_slices(np.arange(50)).shuffle(50)]
    tf.random.set_seed(3)
    b = [int(v) for v in Dataset.from_tensor_slices(np.arange(50)).shuffle(50)]
    assert a == b


def test_small_shuffle_buffer_only_mixes_neighbours():
    order = [int(v) for v in Dataset.from_tensor_slices(np.arange(200)).shuffle(5)]
    assert sorted(order) == list(range(200))
    assert order[0] < 5  # the first output is drawn from the first five elements
    assert all(v <= i + 4 for i, v in enumerate(order))


def test_shuffle_then_batch_matches_element_by_element():
    x = np.arange(20).reshape(10, 2)
    tf.random.set_seed(7)
    batched = [b.numpy() for b in Dataset.from_tensor_slices(x).shuffle(4).batch(3)]
    tf.random.set_seed(7)
    rows = [r.numpy() for r in Dataset.from_tensor_slices(x).shuffle(4)]
    np.testing.assert_array_equal(np.concatenate(batched), np.stack(rows))


def test_map_take_skip_repeat():
    ds = Dataset.from_tensor_slices((np.arange(5.0), np.arange(5)))
    doubled = ds.map(lambda x, y: (x * 2, y))
    assert [float(x) for x, _ in doubled] == [0.0, 2.0, 4.0, 6.0, 8.0]
    assert [int(y) for _, y in ds.take(2)] == [0, 1]
    assert [int(y) for _, y in ds.skip(3)] == [3, 4]
    assert len(ds.repeat(2)) == 10
    batched = ds.batch(2).map(lambda x, y: (x + 1, y))
    assert [x.shape for x, _ in batched] == [(2,), (2,), (1,)]
    evens = Dataset.from_tensor_slices(np.arange(6)).filter(lambda v: v % 2 == 0)
    assert [int(v) for v in evens] == [0, 2, 4]


def test_dataset_copies_the_source_arrays():
    x = np.zeros(3)
    ds = Dataset.from_tensor_slices(x)
    x[:] = 5
    assert [float(v) for v in ds] == [0.0, 0.0, 0.0]


def test_mismatched_lengths_are_an_error():
    with pytest.raises(ValueError, match=r"\[3, 4\]"):
        Dataset.from_tensor_slices((np.zeros(3), np.zeros(4)))


def test_as_numpy_iterator():
    values = list(Dataset.from_tensor_slices(np.arange(6).reshape(3, 2)).as_numpy_iterator())
    assert all(isinstance(v, np.ndarray) and v.shape == (2,) for v in values)


# ---- more of tf.data: each checked against TensorFlow 2.21 (the same prints) -------------

def test_autotune_is_accepted_wherever_tensorflow_takes_it():
    assert tf.data.AUTOTUNE == tf.data.experimental.AUTOTUNE == -1
    ds = tf.data.Dataset.range(5).map(lambda v: v * 2, num_parallel_calls=tf.data.AUTOTUNE)
    assert [int(v) for v in ds.prefetch(tf.data.AUTOTUNE)] == [0, 2, 4, 6, 8]


def test_as_numpy_iterator_gives_numpy_scalars_for_scalars():
    values = list(tf.data.Dataset.range(3).as_numpy_iterator())
    assert values == [0, 1, 2] and all(type(v) is np.int64 for v in values)
    rows, labels = next(tf.data.Dataset.from_tensor_slices(
        (np.ones((2, 2)), np.arange(2))).as_numpy_iterator())
    assert type(rows) is np.ndarray and type(labels) is np.int64


def test_zip_pairs_elements_as_long_as_the_shortest_lasts():
    pairs = tf.data.Dataset.zip(tf.data.Dataset.range(2), tf.data.Dataset.range(3))
    assert [tuple(map(int, p)) for p in pairs] == [(0, 0), (1, 1)]
    assert pairs.cardinality() == 2
    named = tf.data.Dataset.zip({"a": tf.data.Dataset.range(3),
                                 "b": tf.data.Dataset.range(10).repeat()})
    assert [{k: int(v) for k, v in e.items()} for e in named] == [
        {"a": 0, "b": 0}, {"a": 1, "b": 1}, {"a": 2, "b": 2}]
    assert named.cardinality() == 3
    with pytest.raises(TypeError, match="takes datasets"):
        tf.data.Dataset.zip((tf.data.Dataset.range(2), [1, 2]))


def test_concatenate_enumerate_and_unbatch():
    both = tf.data.Dataset.range(2).concatenate(tf.data.Dataset.range(5, 7))
    assert [int(v) for v in both] == [0, 1, 5, 6] and both.cardinality() == 4
    counted = tf.data.Dataset.from_tensor_slices(np.array([7.0, 8.0])).enumerate(start=3)
    assert [(int(i), float(v)) for i, v in counted] == [(3, 7.0), (4, 8.0)]
    rows = tf.data.Dataset.from_tensor_slices(
        (np.ones((4, 2), "float32"), np.arange(4))).batch(3).unbatch()
    assert [(tuple(x.shape), tuple(y.shape)) for x, y in rows] == [((2,), ())] * 4
    assert rows.cardinality() == tf.data.UNKNOWN
