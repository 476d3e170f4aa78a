"""Losses: values against NumPy formulas and Keras reference numbers, gradients against
finite differences, and the errors a student meets with the wrong kind of labels."""
import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.keras import losses
from teachtensor.testing import check_gradients

EPS = 1e-7


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


@pytest.fixture
def data(rng):
    """Small float64 batches: regression targets, probabilities, labels, logits."""
    return dict(
        y=rng.normal(size=(4, 3)), p=rng.normal(size=(4, 3)),
        y01=(rng.uniform(size=(4, 3)) > 0.5).astype(np.float64),
        prob=rng.uniform(0.05, 0.95, size=(4, 3)),
        logits=rng.normal(size=(4, 3)) * 2,
        labels=np.array([0, 2, 1, 2]),
        dist=softmax(rng.normal(size=(4, 3))),
    )


# ---- the per-sample functions against NumPy --------------------------------------------

def test_regression_losses_match_numpy(data):
    y, p = data["y"], data["p"]
    np.testing.assert_allclose(losses.mean_squared_error(y, p), np.mean((p - y) ** 2, -1))
    np.testing.assert_allclose(losses.mse(y, p), np.mean((p - y) ** 2, -1))
    np.testing.assert_allclose(losses.mae(y, p), np.mean(np.abs(p - y), -1))
    yp, pp = np.abs(y), np.abs(p)
    np.testing.assert_allclose(losses.mean_squared_logarithmic_error(yp, pp),
                               np.mean((np.log1p(pp) - np.log1p(yp)) ** 2, -1))
    e = p - y
    huber = np.where(np.abs(e) <= 0.7, 0.5 * e ** 2, 0.7 * np.abs(e) - 0.5 * 0.7 ** 2)
    np.testing.assert_allclose(losses.huber(y, p, delta=0.7), huber.mean(-1))


def test_binary_crossentropy_matches_numpy(data):
    y, p = data["y01"], data["prob"]
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p), -1)
    np.testing.assert_allclose(losses.binary_crossentropy(y, p), expected)
    ys = y * 0.8 + 0.5 * 0.2
    smoothed = -np.mean(ys * np.log(p) + (1 - ys) * np.log(1 - p), -1)
    np.testing.assert_allclose(losses.binary_crossentropy(y, p, label_smoothing=0.2), smoothed)


def test_binary_crossentropy_clips_probabilities_0_and_1():
    y = np.array([[1.0, 0.0]], np.float32)
    value = losses.binary_crossentropy(y, np.array([[0.0, 1.0]], np.float32))
    assert np.isfinite(value.numpy()).all()
    low, high = np.float32(EPS), np.float32(1 - EPS)  # the clip bounds, in float32
    np.testing.assert_allclose(value.numpy(), [-(np.log(low) + np.log(1 - high)) / 2], rtol=1e-5)


def test_categorical_crossentropy_matches_numpy(data):
    y = np.eye(3)[data["labels"]]
    p = data["prob"]
    q = np.clip(p / p.sum(-1, keepdims=True), EPS, 1 - EPS)
    np.testing.assert_allclose(losses.categorical_crossentropy(y, p), -np.sum(y * np.log(q), -1))
    ys = y * 0.9 + 0.1 / 3
    np.testing.assert_allclose(losses.categorical_crossentropy(y, p, label_smoothing=0.1),
                               -np.sum(ys * np.log(q), -1))


def test_sparse_categorical_crossentropy_matches_numpy(data):
    p, labels = data["dist"], data["labels"]
    expected = -np.log(p[np.arange(4), labels])
    np.testing.assert_allclose(losses.sparse_categorical_crossentropy(labels, p), expected,
                               rtol=1e-6)
    np.testing.assert_allclose(losses.sparse_categorical_crossentropy(labels[:, None], p),
                               expected, rtol=1e-6)  # labels of shape (N, 1)
    np.testing.assert_allclose(losses.sparse_categorical_crossentropy(labels, p),
                               losses.categorical_crossentropy(np.eye(3)[labels], p), rtol=1e-6)


def test_sparse_crossentropy_on_a_sequence_of_predictions(rng):
    p = softmax(rng.normal(size=(2, 5, 4)))
    labels = rng.integers(0, 4, size=(2, 5))
    value = losses.sparse_categorical_crossentropy(labels, p)
    assert value.shape == (2, 5)
    np.testing.assert_allclose(value, -np.log(np.take_along_axis(p, labels[..., None], -1))[..., 0],
                               rtol=1e-6)


def test_kl_divergence_and_cosine_similarity_match_numpy(data):
    y, p = data["dist"], softmax(data["logits"])
    np.testing.assert_allclose(losses.kl_divergence(y, p), np.sum(y * np.log(y / p), -1))
    np.testing.assert_allclose(losses.kld(y, p), np.sum(y * np.log(y / p), -1))
    a, b = data["y"], data["p"]
    cos = np.sum(a * b, -1) / np.linalg.norm(a, axis=-1) / np.linalg.norm(b, axis=-1)
    np.testing.assert_allclose(losses.cosine_similarity(a, b), -cos)
    assert float(losses.cosine_similarity([[1.0, 2.0]], [[2.0, 4.0]])[0]) == pytest.approx(-1.0)
    cos0 = np.sum(a * b, 0) / np.linalg.norm(a, axis=0) / np.linalg.norm(b, axis=0)
    np.testing.assert_allclose(losses.cosine_similarity(a, b, axis=0), -cos0)


def test_from_logits_equals_the_probability_version(data):
    x, y01, labels = data["logits"], data["y01"], data["labels"]
    np.testing.assert_allclose(losses.binary_crossentropy(y01, x, from_logits=True),
                               losses.binary_crossentropy(y01, sigmoid(x)), rtol=1e-6)
    onehot = np.eye(3)[labels]
    np.testing.assert_allclose(losses.categorical_crossentropy(onehot, x, from_logits=True),
                               losses.categorical_crossentropy(onehot, softmax(x)), rtol=1e-6)
    np.testing.assert_allclose(losses.sparse_categorical_crossentropy(labels, x, from_logits=True),
                               losses.sparse_categorical_crossentropy(labels, softmax(x)),
                               rtol=1e-6)


def test_from_logits_is_stable_for_huge_logits():
    x = np.array([[1000.0, -1000.0]], np.float32)
    assert np.isfinite(losses.binary_crossentropy([[0.0, 1.0]], x, from_logits=True)).all()
    assert np.isfinite(losses.categorical_crossentropy([[0.0, 1.0]], x, from_logits=True)).all()


# ---- loss objects: reduction and sample weights --------------------------------------------

def test_loss_objects_return_the_mean_of_the_per_sample_values(data):
    y, p = data["y"], data["p"]
    value = losses.MeanSquaredError()(y, p)
    assert value.shape == () and value.dtype == tf.float64
    assert float(value) == pytest.approx(np.mean((p - y) ** 2))
    assert float(losses.MeanSquaredError(reduction="sum")(y, p)) == \
        pytest.approx(np.sum(np.mean((p - y) ** 2, -1)))
    assert losses.MeanSquaredError(reduction="none")(y, p).shape == (4,)


def test_sample_weight_multiplies_each_sample_then_divides_by_the_count(data):
    y, p = data["y"], data["p"]
    w = np.array([1.0, 0.0, 2.0, 0.5])
    per_sample = np.mean(np.abs(p - y), -1)
    value = losses.MeanAbsoluteError()(y, p, sample_weight=w)
    assert float(value) == pytest.approx(np.sum(per_sample * w) / 4)
    value = losses.MeanAbsoluteError()(y, p, sample_weight=w[:, None])  # (N, 1) works too
    assert float(value) == pytest.approx(np.sum(per_sample * w) / 4)


def test_labels_of_shape_n_fit_predictions_of_shape_n_1():
    y = np.array([1.0, 0.0, 1.0], np.float32)
    p = np.array([[0.9], [0.2], [0.4]], np.float32)
    expected = float(losses.BinaryCrossentropy()(y[:, None], p))
    assert float(losses.BinaryCrossentropy()(y, p)) == pytest.approx(expected)
    assert float(losses.BinaryCrossentropy()(p, y)) == pytest.approx(
        float(losses.BinaryCrossentropy()(p, y[:, None])))


def test_dtypes_float32_by_default_float64_kept():
    assert losses.mse([[1, 2]], [[1, 3]]).dtype == tf.float32
    assert losses.mse(np.ones((2, 2)), np.zeros((2, 2))).dtype == tf.float64
    assert losses.mse(tf.constant([[1, 2]]), tf.constant([[1.0, 3.0]])).dtype == tf.float32


# ---- reference numbers from Keras ------------------------------------------------------
# Produced with Keras 3.15.1 (TensorFlow 2.21.0 backend) on the float32 arrays below.
Y_BIN = np.array([[1., 0., 1.], [0., 0., 1.]], np.float32)
P_BIN = np.array([[0.9, 0.2, 0.6], [0.3, 1.0, 0.0]], np.float32)  # 1.0 and 0.0 get clipped
LOGITS = np.array([[2.0, -1.0, 0.5], [-0.3, 0.8, 1.2]], np.float32)
Y_CAT = np.array([[0., 1., 0.], [0., 0., 1.]], np.float32)
P_CAT = np.array([[0.1, 0.7, 0.2], [0.25, 0.25, 0.5]], np.float32)
P_UNNORM = np.array([[0.2, 1.4, 0.4], [0.0, 0.5, 1.0]], np.float32)  # rows do not sum to 1
LABELS = np.array([1, 2])
Y_REG = np.array([[1.5, -0.5], [2.0, 3.0], [0.1, 0.2]], np.float32)
P_REG = np.array([[1.0, 0.5], [2.5, 2.0], [-0.2, 0.3]], np.float32)
SW = np.array([0.5, 2.0], np.float32)

KERAS_RESULTS = [
    (lambda: losses.MeanSquaredError()(Y_REG, P_REG), 0.43333330750465393),
    (lambda: losses.MeanAbsoluteError()(Y_REG, P_REG), 0.5666666626930237),
    (lambda: losses.MeanSquaredLogarithmicError()(np.abs(Y_REG), P_REG), 0.02863454259932041),
    (lambda: losses.Huber()(Y_REG, P_REG), 0.21666665375232697),
    (lambda: losses.Huber(delta=0.4)(Y_REG, P_REG), 0.1550000011920929),
    (lambda: losses.BinaryCrossentropy()(Y_BIN, P_BIN), 5.5427470207214355),
    (lambda: losses.BinaryCrossentropy(label_smoothing=0.2)(Y_BIN, P_BIN), 5.089010715484619),
    (lambda: losses.BinaryCrossentropy(from_logits=True)(Y_BIN, LOGITS), 0.4838341772556305),
    (lambda: losses.BinaryCrossentropy()(Y_BIN, P_BIN, sample_weight=SW), 10.875661849975586),
    (lambda: losses.CategoricalCrossentropy()(Y_CAT, P_CAT), 0.5249110460281372),
    (lambda: losses.CategoricalCrossentropy()(Y_CAT, P_UNNORM), 0.38107001781463623),
    (lambda: losses.CategoricalCrossentropy(label_smoothing=0.1)(Y_CAT, P_CAT), 0.6013271808624268),
    (lambda: losses.CategoricalCrossentropy(from_logits=True)(Y_CAT, LOGITS), 1.9398560523986816),
    (lambda: losses.SparseCategoricalCrossentropy()(LABELS, P_CAT), 0.5249110460281372),
    (lambda: losses.SparseCategoricalCrossentropy()(LABELS, P_UNNORM), 0.4377344846725464),
    (lambda: losses.SparseCategoricalCrossentropy(from_logits=True)(LABELS, LOGITS),
     1.9398560523986816),
    (lambda: losses.SparseCategoricalCrossentropy()(LABELS, P_CAT, sample_weight=SW),
     0.7823159098625183),
    (lambda: losses.KLDivergence()(P_CAT, P_UNNORM), 1.3527367115020752),
    (lambda: losses.CosineSimilarity()(Y_REG, P_REG), -0.7187237739562988),
    (lambda: losses.CosineSimilarity(axis=0)(Y_REG, P_REG), -0.9371188879013062),
    (lambda: losses.MeanSquaredError()(np.array([1., 2., 3.], np.float32),
                                       np.array([[1.5], [2.], [2.]], np.float32)),
     0.4166666567325592),
    (lambda: losses.MeanSquaredError(reduction="sum")(Y_REG, P_REG), 1.2999999523162842),
]


@pytest.mark.parametrize("compute, expected", KERAS_RESULTS)
def test_matches_keras_reference_numbers(compute, expected):
    value = compute()
    assert value.shape == () and value.dtype == tf.float32
    np.testing.assert_allclose(value.numpy(), expected, rtol=3e-7)


def test_per_sample_functions_match_keras_reference_numbers():
    np.testing.assert_allclose(losses.binary_crossentropy(Y_BIN, P_BIN),
                               [0.27977654337882996, 10.805717468261719], rtol=3e-7)
    np.testing.assert_allclose(losses.sparse_categorical_crossentropy(LABELS, P_UNNORM),
                               [0.47000372409820557, 0.4054652750492096], rtol=3e-7)
    np.testing.assert_allclose(losses.cosine_similarity(Y_REG, P_REG),
                               [-0.7071067094802856, -0.9529258012771606, -0.49613893032073975],
                               rtol=3e-7)


# ---- gradients against finite differences (first and second order) ---------------------

GRADIENT_CASES = {
    "mse": lambda y, p: losses.mean_squared_error(y, p),
    "mae": lambda y, p: losses.mean_absolute_error(y, p),
    "mape": lambda y, p: losses.mean_absolute_percentage_error(y, p),
    "msle": lambda y, p: losses.mean_squared_logarithmic_error(y, p),
    "huber": lambda y, p: losses.huber(y, p, delta=0.3),
    "binary_crossentropy": lambda y, p: losses.binary_crossentropy(y, p, label_smoothing=0.1),
    "binary_crossentropy_logits": lambda y, p: losses.binary_crossentropy(
        y, 4 * p - 2, from_logits=True),
    "categorical_crossentropy": lambda y, p: losses.categorical_crossentropy(y, p),
    "categorical_crossentropy_logits": lambda y, p: losses.categorical_crossentropy(
        y, p, from_logits=True, label_smoothing=0.2),
    "kl_divergence": lambda y, p: losses.kl_divergence(y, p),
    "cosine_similarity": lambda y, p: losses.cosine_similarity(y, p),
    "loss_object_with_weights": lambda y, p: losses.BinaryCrossentropy()(
        y, p, sample_weight=[1.0, 2.0, 0.5]),
}


@pytest.mark.parametrize("name", GRADIENT_CASES)
def test_gradients_match_finite_differences(name, rng):
    y, p = rng.uniform(0.1, 0.9, size=(3, 4)), rng.uniform(0.1, 0.9, size=(3, 4))
    check_gradients(GRADIENT_CASES[name], y, p, order=2)


@pytest.mark.parametrize("from_logits", [False, True])
def test_sparse_crossentropy_gradients_match_finite_differences(from_logits, rng):
    labels = np.array([0, 3, 1])
    p = rng.uniform(0.1, 0.9, size=(3, 4))
    check_gradients(lambda q: losses.sparse_categorical_crossentropy(
        labels, q, from_logits=from_logits), p, order=2)


def test_tape_gradient_of_softmax_crossentropy_is_p_minus_y(rng):
    x = tf.Variable(rng.normal(size=(5, 3)))
    labels = np.array([0, 1, 2, 1, 0])
    with tf.GradientTape() as tape:
        loss = losses.SparseCategoricalCrossentropy(from_logits=True)(labels, x)
    grad = tape.gradient(loss, x)
    np.testing.assert_allclose(grad, (softmax(x.numpy()) - np.eye(3)[labels]) / 5, atol=1e-12)



# ---- after a softmax / sigmoid: the logits behind it (Keras 3; parity in
# test_logits_parity.py) ---------------------------------------------------------------------

def test_softmax_and_sigmoid_results_remember_their_logits():
    z = tf.constant([[0.0, 100.0, 0.0]])
    assert tf.nn.softmax(z)._keras_logits is z
    assert tf.sigmoid(z)._keras_logits is z
    assert tf.keras.activations.softmax(z)._keras_logits is z
    assert not hasattr(tf.nn.softmax(z) * 1.0, "_keras_logits")  # a new tensor forgets
    assert not hasattr(tf.exp(z), "_keras_logits")


@pytest.mark.parametrize("loss, labels", [
    (losses.sparse_categorical_crossentropy, [0, 2]),
    (losses.categorical_crossentropy, [[1.0, 0, 0], [0, 0, 1.0]])])
def test_confident_wrong_softmax_output_costs_its_true_loss_and_has_a_gradient(loss, labels):
    z = tf.Variable([[0.0, 100.0, 0.0], [40.0, 0.0, 0.0]])
    with tf.GradientTape() as tape:
        values = loss(labels, tf.nn.softmax(z))
    np.testing.assert_allclose(values, [100.0, 40.0], rtol=1e-6)  # clipped: 16.118 each
    p = softmax(z.numpy().astype(np.float64))
    np.testing.assert_allclose(tape.gradient(values, z), p - np.eye(3)[[0, 2]], atol=1e-6)


def test_confident_wrong_sigmoid_output_costs_its_true_loss_and_has_a_gradient():
    z = tf.Variable([[100.0], [-30.0]])
    with tf.GradientTape() as tape:
        values = losses.binary_crossentropy([[0.0], [1.0]], tf.sigmoid(z))
    np.testing.assert_allclose(values, [100.0, 30.0], rtol=1e-6)
    np.testing.assert_allclose(tape.gradient(values, z), [[1.0], [-1.0]], atol=1e-6)


@pytest.mark.parametrize("name", ["sparse", "categorical", "binary"])
def test_gradients_through_the_activation_match_finite_differences(name, rng):
    """The loss of ``activation(z)`` is differentiated along the logits path, to second
    order, and equals the clipped formula where no probability is clipped."""
    z = rng.normal(size=(3, 4)) * 3
    labels = np.array([0, 3, 1])
    fn, activation, y = {
        "sparse": (losses.sparse_categorical_crossentropy, tf.nn.softmax, labels),
        "categorical": (losses.categorical_crossentropy, tf.nn.softmax, np.eye(4)[labels]),
        "binary": (losses.binary_crossentropy, tf.sigmoid, rng.uniform(size=(3, 4)) > 0.5),
    }[name]
    check_gradients(lambda q: fn(y, activation(q)), z, order=2)
    p = np.asarray(activation(tf.constant(z)))
    np.testing.assert_allclose(fn(y, activation(tf.constant(z))), fn(y, p), rtol=1e-10)


def test_from_logits_true_on_a_softmax_output_warns_and_uses_the_logits():
    z = tf.constant([[0.0, 100.0, 0.0]])
    with pytest.warns(UserWarning, match="from_logits=True, but y_pred is the output of a "
                                         "softmax or sigmoid"):
        value = losses.SparseCategoricalCrossentropy(from_logits=True)([0], tf.nn.softmax(z))
    assert float(value) == pytest.approx(100.0)

# ---- errors that explain themselves ---------------------------------------------------------

@pytest.mark.parametrize("labels", [np.array([0, 2, 1]), np.array([[0], [2], [1]]),
                                    np.array([0.0, 2.0, 1.0])])
def test_integer_labels_for_categorical_crossentropy_suggest_the_sparse_loss(labels):
    p = softmax(np.zeros((3, 3)))
    for loss in (losses.categorical_crossentropy, losses.CategoricalCrossentropy()):
        with pytest.raises(ValueError, match="sparse_categorical_crossentropy") as err:
            loss(labels, p)
        assert str(labels.shape) in str(err.value) and "(3, 3)" in str(err.value)


def test_one_hot_labels_for_sparse_crossentropy_suggest_the_categorical_loss():
    with pytest.raises(ValueError, match="one-hot.*Use categorical_crossentropy"):
        losses.SparseCategoricalCrossentropy()(np.eye(3), softmax(np.zeros((3, 3))))


def test_sparse_labels_out_of_range_or_fractional():
    p = softmax(np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"label value of 3 .*\[0, 3\)"):
        losses.sparse_categorical_crossentropy([0, 3], p)
    with pytest.raises(ValueError, match="fractional"):
        losses.sparse_categorical_crossentropy([0.5, 1.0], p)
    with pytest.raises(ValueError, match=r"\(4,\).*\(2, 3\)"):
        losses.sparse_categorical_crossentropy([0, 1, 2, 1], p)


@pytest.mark.parametrize("loss", [losses.mean_squared_error, losses.binary_crossentropy,
                                  losses.kl_divergence, losses.MeanAbsoluteError()])
def test_shape_mismatch_names_both_shapes(loss):
    with pytest.raises(ValueError, match=r"y_true has shape \(4, 2\).*y_pred has shape \(4, 3\)"):
        loss(np.zeros((4, 2)), np.full((4, 3), 0.5))
    with pytest.raises(ValueError, match=r"\(8, 1\).*\(4, 1\)"):
        loss(np.zeros((8, 1)), np.full((4, 1), 0.5))


# ---- by name ---------------------------------------------------------------------------

@pytest.mark.parametrize("name, cls", [
    ("mean_squared_error", losses.MeanSquaredError), ("mse", losses.MeanSquaredError),
    ("MSE", losses.MeanSquaredError), ("mae", losses.MeanAbsoluteError),
    ("mean_absolute_error", losses.MeanAbsoluteError),
    ("binary_crossentropy", losses.BinaryCrossentropy),
    ("categorical_crossentropy", losses.CategoricalCrossentropy),
    ("sparse_categorical_crossentropy", losses.SparseCategoricalCrossentropy),
    ("kl_divergence", losses.KLDivergence), ("kld", losses.KLDivergence),
    ("cosine_similarity", losses.CosineSimilarity), ("huber", losses.Huber),
    ("BinaryCrossentropy", losses.BinaryCrossentropy)])
def test_get_by_name(name, cls):
    # Keras 3: a class name gives an instance, a loss's name its per-sample function
    found = losses.get(name)
    if name == cls.__name__:
        assert type(found) is cls
    else:
        assert found is cls().fn
    assert type(losses.loss_object(name)) is cls  # what compile(loss=name) uses


def test_get_mse_gives_the_per_sample_function_as_keras_does():
    w = tf.Variable(1.0)
    x, y = tf.constant([[1.0], [2.0], [3.0], [4.0]]), tf.zeros((4, 1))
    with tf.GradientTape() as tape:
        loss = keras.losses.get("mse")(y, w * x)
    assert loss.shape == (4,)
    assert float(tape.gradient(loss, w)) == 60.0  # Keras 3.15: the gradient of the sum
    assert keras.losses.get("mse") is keras.losses.mean_squared_error


def test_get_instances_classes_callables_and_configs():
    loss = losses.BinaryCrossentropy(from_logits=True)
    assert losses.get(loss) is loss
    assert isinstance(losses.get(losses.Huber), losses.Huber)
    assert losses.get(None) is None
    config = keras.saving.serialize_keras_object(losses.Huber(delta=2.0))
    assert losses.get(config).get_config() == losses.Huber(delta=2.0).get_config()

    def per_sample(y_true, y_pred):
        return tf.reduce_sum(tf.abs(y_true - y_pred), axis=-1)

    assert losses.get(per_sample) is per_sample
    wrapped = losses.loss_object(per_sample)
    assert wrapped.name == "per_sample"
    assert float(wrapped([[1.0, 2.0], [0.0, 0.0]], [[0.0, 0.0], [1.0, 1.0]])) == 2.5
    scalar = losses.loss_object(lambda y_true, y_pred: tf.reduce_mean(tf.square(y_true - y_pred)))
    assert float(scalar([[1.0], [3.0]], [[0.0], [0.0]])) == 5.0


def test_get_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValueError, match="binary_crossentropy.*mse"):
        losses.get("binary_cross_entropy")
    with pytest.raises(ValueError):
        losses.get(42)


def test_config_and_names():
    loss = losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1)
    config = loss.get_config()
    assert config["from_logits"] and config["label_smoothing"] == 0.1
    assert loss.name == "categorical_crossentropy"
    clone = losses.CategoricalCrossentropy.from_config(
        {k: v for k, v in config.items()})
    assert clone.get_config() == config
    with pytest.raises(ValueError, match="reduction"):
        losses.MeanSquaredError(reduction="average")


def test_mean_absolute_percentage_error_as_keras_computes_it():
    """Keras 3.15 gave 53.75, and [45, 62.5] per sample, for these values (a target of
    0 divides by EPSILON instead)."""
    y_true = np.array([[2.0, 0.5], [4.0, -1.0]], "float32")
    y_pred = np.array([[1.0, 0.7], [5.0, 0.0]], "float32")
    np.testing.assert_allclose(
        keras.losses.mean_absolute_percentage_error(y_true, y_pred).numpy(), [45.0, 62.5])
    assert float(keras.losses.loss_object("mape")(y_true, y_pred)) == pytest.approx(53.75)
    assert float(keras.losses.MeanAbsolutePercentageError()(y_true, y_pred)) == \
        pytest.approx(53.75)
    metric = keras.metrics.get("mape")
    metric.update_state(y_true, y_pred)
    assert float(metric.result()) == pytest.approx(53.75)
    zero = keras.losses.mean_absolute_percentage_error(np.zeros((1, 1), "float32"),
                                                      np.full((1, 1), 1e-7, "float32"))
    assert float(zero[0]) == pytest.approx(100.0)


def test_the_short_names_keras_accepts():
    assert isinstance(keras.losses.loss_object("bce"), keras.losses.BinaryCrossentropy)
    assert isinstance(keras.losses.loss_object("mape"), keras.losses.MeanAbsolutePercentageError)
    assert keras.losses.get("bce") is keras.losses.binary_crossentropy
