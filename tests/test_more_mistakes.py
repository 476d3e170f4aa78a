"""More mistakes a student makes with the core API, tf.data and saving: each gets a
result TensorFlow would give, or an error that names what to write instead."""
import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import layers


def test_numpy_gives_an_array_the_student_may_write_into():
    """The book's Grad-CAM writes into the arrays it takes from tensors (TensorFlow's
    numpy() returns a copy); the tensor itself does not change."""
    t = tf.random.normal((1, 4, 4, 3))
    heatmap = t.numpy()[0]
    heatmap[:, :, 0] *= 2.0
    np.testing.assert_allclose(heatmap[:, :, 0], 2 * t.numpy()[0][:, :, 0])
    values = np.array(tf.constant([1.0, 2.0]))
    values[0] = 5.0
    assert values.flags.writeable and np.asarray(tf.constant([1.0])).flags.writeable
    assert not np.asarray(tf.constant([1.0]), copy=False).flags.writeable  # asked: no copy
    model = keras.Sequential([keras.Input((3,)), layers.Dense(1)])
    predictions = model.predict(np.ones((10, 3), "float32"), verbose=0)  # one batch
    predictions[predictions > 0] = 1.0


def test_a_subclassed_model_without_get_config_is_saved_with_its_arguments(tmp_path):
    class TwoLayers(keras.Model):
        def __init__(self, units, **kwargs):
            super().__init__(**kwargs)
            self.hidden, self.out = layers.Dense(units), layers.Dense(1)

        def call(self, x):
            return self.out(self.hidden(x))

    model = TwoLayers(7)
    model.compile("adam", "mse")
    x = np.ones((2, 3), "float32")
    model(x)
    model.save(tmp_path / "two.keras")
    again = keras.models.load_model(tmp_path / "two.keras",
                                    custom_objects={"TwoLayers": TwoLayers})
    assert again.hidden.units == 7
    np.testing.assert_allclose(again.predict(x, verbose=0), model.predict(x, verbose=0))


@pytest.mark.parametrize("call, message", [
    (lambda ds: ds.batch("2"), "batch_size must be a whole number, got str '2'"),
    (lambda ds: ds.batch(2.9), "batch_size must be a whole number, got float 2.9"),
    (lambda ds: ds.shuffle(2.5), "buffer_size must be a whole number"),
    (lambda ds: ds.take(2.0), "Dataset.take: count must be a whole number"),
    (lambda ds: ds.repeat(2.5), "Dataset.repeat: count must be a whole number"),
    (lambda ds: ds.prefetch("auto"), "Dataset.prefetch: buffer_size must be"),
])
def test_dataset_counts_must_be_whole_numbers(call, message):
    with pytest.raises(TypeError, match=message):
        call(tf.data.Dataset.from_tensor_slices(np.arange(5)))


def test_dataset_skip_minus_one_skips_everything_and_prefetch_checks_its_buffer():
    ds = tf.data.Dataset.from_tensor_slices(np.arange(5))
    assert list(ds.skip(-1)) == [] and ds.skip(-1).cardinality() == 0  # TensorFlow's rule
    assert len(list(ds.take(-1))) == 5 and len(list(ds.batch(np.int64(2)))) == 3
    assert len(list(ds.prefetch(tf.data.AUTOTUNE))) == 5
    with pytest.raises(ValueError, match="buffer_size of 0 or more, or tf.data.AUTOTUNE"):
        ds.prefetch(-5)


def test_dataset_filter_needs_a_bool_and_map_the_right_number_of_arguments():
    numbers = tf.data.Dataset.from_tensor_slices(np.arange(5))
    with pytest.raises(TypeError, match=r"the predicate must return one bool .*got an int64 "
                                        r"tensor of shape \(\)"):
        list(numbers.filter(lambda v: v % 2))
    assert [int(v) for v in numbers.filter(lambda v: v % 2 == 1)] == [1, 3]
    pairs = tf.data.Dataset.from_tensor_slices((np.ones((5, 2), "float32"), np.arange(5)))
    with pytest.raises(TypeError, match=r"each element is a tuple of 2, which map unpacks "
                                        r"into 2 arguments.*lambda x, y: \.\.\."):
        list(pairs.map(lambda a: a * 2))
    assert len(list(pairs.map(lambda a, b: (a * 2, b)))) == 5


def test_float_means_float32_as_in_tensorflow():
    assert tf.as_dtype("float") == tf.float32 and tf.as_dtype(float) == tf.float32
    assert tf.as_dtype(np.dtype("float64")) == tf.float64  # NumPy's own stays float64
    assert tf.zeros((2,), dtype=float).dtype == tf.float32
    assert tf.cast(tf.constant([1]), "float").dtype == tf.float32


def test_concat_of_one_tensor_is_that_tensor():
    x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert tf.concat(x, axis=0).shape == (2, 3) and tf.concat(x, axis=1).shape == (2, 3)


def test_where_names_its_mistakes():
    x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"tf.where: the shapes of the condition \(2, 3\), x \(2,\) and y "
                             r"\(\) do not broadcast"):
        tf.where(x > 2, tf.ones(2), 0.0)
    with pytest.raises(ValueError, match="tf.where takes both x and y.*or neither"):
        tf.where(x > 2, x)


@pytest.mark.parametrize("call, error, message", [
    (lambda x: tf.reshape(x, (2.0, 3)), TypeError, r"the shape \(2.0, 3\) has the size 2.0"),
    (lambda x: tf.ones(3.0), TypeError, "a shape is a tuple of whole numbers"),
    (lambda x: tf.zeros("3"), TypeError, "a shape is a tuple of whole numbers"),
    (lambda x: tf.eye(2.5), TypeError, "tf.eye: num_rows must be a whole number"),
    (lambda x: tf.linspace(0.0, 1.0, -1), ValueError, "tf.linspace: num must be 0 or more"),
    (lambda x: tf.linspace(0.0, 1.0, 5.0), TypeError, "tf.linspace: num must be a whole"),
    (lambda x: tf.one_hot([0], 3.0), TypeError, "tf.one_hot: depth"),
    (lambda x: tf.argmax(tf.constant([])), tf.errors.InvalidArgumentError, "is empty"),
    (lambda x: tf.reduce_sum(x, keepdims="no"), TypeError,
     "keepdims must be True or False, got 'no'"),
    (lambda x: tf.reduce_max(x, keepdims="yes"), TypeError, "keepdims must be True or False"),
    (lambda x: tf.reduce_all(x > 2, keepdims="no"), TypeError, "keepdims must be True"),
    (lambda x: tf.reduce_logsumexp(x, keepdims="no"), TypeError, "keepdims must be True"),
    (lambda x: tf.reduce_mean(tf.cast(x, tf.int32), keepdims="no"), TypeError,
     "keepdims must be True"),
    (lambda x: tf.reduce_mean(x > 2), TypeError, "tf.reduce_mean does not take bool"),
])
def test_arguments_of_the_wrong_kind_are_named(call, error, message):
    with pytest.raises(error, match=message):
        call(tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))


def test_arguments_that_still_work():
    x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert tf.reshape(x, [3, tf.constant(2)]).shape == (3, 2)
    assert tf.reshape(x, (np.int64(6),)).shape == (6,)
    assert tf.reduce_sum(x, keepdims=1).shape == (1, 1)
    assert tf.reduce_max(x, axis=0, keepdims=None).shape == (3,)  # None: False, as in TF
    assert tf.linspace(0.0, 1.0, tf.constant(3)).shape == (3,)
    assert tf.eye(2, 3).shape == (2, 3)


@pytest.mark.parametrize("call, message", [
    (lambda d: d.load_data(10000), r"the first argument is the file name \(path\), got int "
                                   r"10000; did you mean imdb.load_data\(num_words=10000\)"),
    (lambda d: d.load_data(num_words="10000"), "num_words must be a whole number, 1 or more"),
    (lambda d: d.load_data(num_words=-5), "num_words must be 1 or more, got -5"),
    (lambda d: d.load_data(num_words=5, skip_top=10), "no word would be left"),
    (lambda d: d.load_data(maxlen=0), "maxlen must be 1 or more"),
])
def test_imdb_checks_its_arguments_before_downloading(call, message, monkeypatch):
    from teachtensor.keras.datasets import imdb

    def no_download(*args, **kwargs):
        raise AssertionError("downloaded before checking the arguments")
    monkeypatch.setattr(imdb, "get_file", no_download)
    with pytest.raises((TypeError, ValueError), match=message):
        call(imdb)


def test_reuters_checks_test_split_before_downloading(monkeypatch):
    from teachtensor.keras.datasets import reuters
    monkeypatch.setattr(reuters, "get_file", lambda *a, **k: pytest.fail("downloaded"))
    with pytest.raises(ValueError, match="test_split is the share of newswires"):
        reuters.load_data(test_split=1.5)


def test_arguments_teachtensor_would_ignore_are_refused(tmp_path):
    with pytest.raises(NotImplementedError, match="optimizers do not apply constraints"):
        tf.Variable(1.0, constraint=lambda v: tf.clip_by_value(v, 0.0, 1.0))
    assert float(tf.Variable(1.0, constraint=None)) == 1.0
    model = keras.Sequential([keras.Input((2,)), layers.Dense(1)])
    with pytest.raises(ValueError, match="Keras 3 has no save_format"):
        model.save(tmp_path / "m.keras", save_format="h5")
    model.save_weights(tmp_path / "m.weights.npz")
    with pytest.raises(NotImplementedError, match="all the weights of a file or none"):
        model.load_weights(tmp_path / "m.weights.npz", skip_mismatch=True)
    assert list(tmp_path.iterdir()) == [tmp_path / "m.weights.npz"]


def test_a_model_made_of_models_is_still_saved_with_a_warning(tmp_path):
    """The book's VAE(encoder, decoder) and GAN(discriminator, generator) take models as
    arguments, which no file can hold: the save goes on (a checkpoint of its weights
    must not crash training), and says the file needs a get_config to open again."""
    class Wrapper(keras.Model):
        def __init__(self, inner, **kwargs):
            super().__init__(**kwargs)
            self.inner = inner

        def call(self, x):
            return self.inner(x)

    model = Wrapper(keras.Sequential([keras.Input((2,)), layers.Dense(1)]))
    model.compile("sgd", "mse")
    model(np.ones((1, 2), "float32"))
    with pytest.warns(UserWarning, match="Model Wrapper was made with arguments .*will not "
                                         "open again without one"):
        model.save(tmp_path / "wrapper.keras")
    assert (tmp_path / "wrapper.keras").exists()
