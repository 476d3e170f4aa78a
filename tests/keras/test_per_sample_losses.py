"""Losses that keep one value per sample, and the weights they are given.

* ``reduction="none"``: Keras 3 keeps the compiled loss a vector, so ``tape.gradient``
  takes the gradient of its *sum* (the model trains as with ``reduction="sum"``) while
  ``fit`` logs its mean; added to a regularizer's penalty it is refused.
* ``SparseCategoricalCrossentropy(ignore_class=...)``: the ignored entries count 0 and
  the mean is over the others.
* ``initializers.Constant`` of an array (how the models below get their weights), kept
  in a config as Keras's ``"__numpy__"``.

The numbers come from Keras 3.15 on TensorFlow 2.21 (kept as constants here): the same
model, starting weights and batches, trained there and here.
"""
import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras

X = np.arange(30, dtype="float32").reshape(10, 3) / 30
Y = np.arange(20, dtype="float32").reshape(10, 2) / 20
KERNEL = np.array([[0.1, -0.2], [0.3, 0.05], [-0.1, 0.2]], "float32")

# Keras 3.15: SGD(0.1), batches of 4, 4 and 2, two epochs, no shuffling.
MSE = {"loss": [0.16735994815826416, 0.044441595673561096],
       "kernel": [0.1980348378419876, -0.06033933907747269, 0.4025809168815613,
                  0.19633492827415466, 0.007127011194825172, 0.3530091643333435],
       "evaluate": 0.018694374710321426, "train_on_batch": 0.01214654091745615}
NONE = {"loss": [0.0868484377861023, 0.021645795553922653],
        "kernel": [0.23721908032894135, -0.008749842643737793, 0.44314858317375183,
                   0.2501629889011383, 0.0490780845284462, 0.4090758264064789],
        "evaluate": 0.015390540473163128, "train_on_batch": 0.033401090651750565}
NONE_WEIGHTED = {"loss": [0.11334563791751862, 0.02193743921816349],
                 "kernel": [0.24900630116462708, 0.006675567477941513, 0.45585933327674866,
                            0.26676249504089355, 0.06271237879991531, 0.4268494248390198],
                 "evaluate": 0.025204792618751526, "train_on_batch": 0.04898107424378395}


def model(loss, two_outputs=False, regularized=False):
    kernel = keras.initializers.Constant(KERNEL)
    if two_outputs:
        inputs = keras.Input((3,))
        m = keras.Model(inputs, [keras.layers.Dense(2, kernel_initializer=kernel, name=name)(inputs)
                                 for name in ("a", "b")])
    else:
        penalty = keras.regularizers.l2(0.1) if regularized else None
        m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(
            2, kernel_initializer=kernel, kernel_regularizer=penalty)])
    m.compile(optimizer=keras.optimizers.SGD(0.1), loss=loss)
    return m


def run(m, y=Y, **fit_arguments):
    history = m.fit(X, y, batch_size=4, epochs=2, verbose=0, shuffle=False, **fit_arguments)
    return history.history, m.layers[-1].get_weights()[0].ravel()


def check(m, expected, y=Y, **fit_arguments):
    history, kernel = run(m, y, **fit_arguments)
    np.testing.assert_allclose(history["loss"], expected["loss"], rtol=1e-5)
    np.testing.assert_allclose(kernel, expected["kernel"], rtol=1e-5, atol=1e-7)
    evaluated = m.evaluate(X, y, batch_size=4, verbose=0, return_dict=True)
    np.testing.assert_allclose(evaluated["loss"], expected["evaluate"], rtol=1e-5)
    first = [part[:4] for part in y] if isinstance(y, list) else y[:4]
    logs = m.train_on_batch(X[:4], first, return_dict=True)
    np.testing.assert_allclose(logs["loss"], expected["train_on_batch"], rtol=1e-5)


def test_the_default_reduction_matches_keras():
    check(model("mse"), MSE)


@pytest.mark.parametrize("reduction", ["none", None])
def test_reduction_none_trains_on_the_sum_and_logs_the_mean(reduction):
    check(model(keras.losses.MeanSquaredError(reduction=reduction)), NONE)


def test_reduction_none_trains_as_reduction_sum():
    _, none = run(model(keras.losses.MeanSquaredError(reduction="none")))
    _, total = run(model(keras.losses.MeanSquaredError(reduction="sum")))
    np.testing.assert_allclose(none, total, rtol=1e-6)


def test_reduction_none_with_sample_weights():
    weights = np.linspace(0.5, 2, 10).astype("float32")
    check(model(keras.losses.MeanSquaredError(reduction="none")), NONE_WEIGHTED,
          sample_weight=weights)


def test_each_output_of_a_per_sample_loss_logs_every_sample_once():
    # Keras: each output's loss counts every sample (a batch's mean would count once a
    # batch); the total "loss" is the batch-size-weighted mean of the summed vector.
    history, kernel = run(model(keras.losses.MeanSquaredError(reduction="none"),
                                two_outputs=True), y=[Y, Y])
    np.testing.assert_allclose(history["a_loss"], NONE["loss"], rtol=1e-5)
    np.testing.assert_allclose(history["b_loss"], NONE["loss"], rtol=1e-5)
    np.testing.assert_allclose(history["loss"], [0.1736968755722046, 0.043291591107845306],
                               rtol=1e-5)
    np.testing.assert_allclose(kernel, NONE["kernel"], rtol=1e-5, atol=1e-7)


def test_a_per_sample_loss_beside_a_penalty_is_refused_before_any_change(
        leaves_weights_alone):
    m = model(keras.losses.MeanSquaredError(reduction="none"), regularized=True)
    with leaves_weights_alone(m), pytest.raises(ValueError,
                                                match="reduction='none'.*penalties"):
        m.fit(X, Y, batch_size=4, epochs=1, verbose=0)


def test_compute_loss_gives_the_vector_in_a_hand_written_step():
    m = model(keras.losses.MeanSquaredError(reduction="none"))
    y_pred = m(X[:4])
    loss = m.compute_loss(X[:4], Y[:4], y_pred)
    assert loss.shape == (4,)
    expected = np.mean((y_pred.numpy() - Y[:4]) ** 2, axis=-1)
    np.testing.assert_allclose(loss.numpy(), expected, rtol=1e-6)


# ---- SparseCategoricalCrossentropy(ignore_class=...) -----------------------------------

P = np.array([[0.3, 0.7, 0.0], [0.9, 0.05, 0.05], [0.2, 0.2, 0.6], [0.1, 0.1, 0.8]], "float32")
LABELS = np.array([1, -1, 2, 0])
SW = np.array([1.0, 2.0, 0.5, 3.0], "float32")
PER_SAMPLE = [0.35667505860328674, 0.0, 0.5108255743980408, 2.3025851249694824]


@pytest.mark.parametrize("reduction, plain, weighted", [
    ("sum_over_batch_size", 1.0566952228546143, 2.5066144466400146),
    ("mean", 1.0566952228546143, 2.5066144466400146),
    ("sum", 3.170085906982422, 7.519843101501465),
    ("none", PER_SAMPLE, [0.35667505860328674, 0.0, 0.2554127871990204, 6.907755374908447]),
    ("mean_with_sample_weight", 1.0566953420639038, 1.6710762977600098)])
def test_ignore_class_as_keras_reduces_it(reduction, plain, weighted):
    loss = keras.losses.SparseCategoricalCrossentropy(ignore_class=-1, reduction=reduction)
    np.testing.assert_allclose(loss(LABELS, P).numpy(), plain, rtol=1e-6)
    np.testing.assert_allclose(loss(LABELS, P, sample_weight=SW).numpy(), weighted, rtol=1e-6)


def test_ignore_class_in_the_function_and_with_labels_of_shape_n_1():
    losses = keras.losses.sparse_categorical_crossentropy(LABELS[:, None], P, ignore_class=-1)
    np.testing.assert_allclose(losses.numpy(), PER_SAMPLE, rtol=1e-6)


def test_every_entry_ignored_gives_zero():
    loss = keras.losses.SparseCategoricalCrossentropy(ignore_class=-1)
    assert float(loss(np.array([-1, -1]), P[:2])) == 0.0


def test_ignored_entries_get_no_gradient():
    logits = tf.Variable(np.log(P + 0.1))
    with tf.GradientTape() as tape:
        loss = keras.losses.SparseCategoricalCrossentropy(ignore_class=-1)(
            LABELS, tf.nn.softmax(logits))
    gradient = tape.gradient(loss, logits).numpy()
    np.testing.assert_allclose(gradient, [[0.102564, -0.128205, 0.025641], [0.0, 0.0, 0.0],
                                          [0.076923, 0.076923, -0.153846],
                                          [-0.282051, 0.051282, 0.230769]], atol=1e-6)


def test_ignore_class_from_logits():
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=2)
    np.testing.assert_allclose(float(loss(np.array([1, 2, 2, 0]), np.log(P + 0.1))),
                               1.1786550283432007, rtol=1e-6)


def test_fit_with_ignore_class_matches_keras():
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(
        3, activation="softmax", kernel_initializer=keras.initializers.Constant(np.eye(3)))])
    m.compile(optimizer=keras.optimizers.SGD(0.5),
              loss=keras.losses.SparseCategoricalCrossentropy(ignore_class=-1))
    history = m.fit(P, LABELS, batch_size=4, epochs=2, verbose=0, shuffle=False)
    np.testing.assert_allclose(history.history["loss"], [1.004483699798584, 0.9763810038566589],
                               rtol=1e-6)
    np.testing.assert_allclose(m.get_weights()[0].ravel(), [
        0.9741610884666443, 0.0260967668145895, -0.0002578615676611662, -0.06686960905790329,
        1.096979022026062, -0.03010944277048111, 0.13807612657546997, -0.12200406193733215,
        0.9839279055595398], rtol=1e-5, atol=1e-7)


def test_ignore_class_is_in_the_config_and_checked():
    loss = keras.losses.SparseCategoricalCrossentropy(ignore_class=255)
    assert keras.saving.serialize_keras_object(loss)["config"] == {
        "name": "sparse_categorical_crossentropy", "reduction": "sum_over_batch_size",
        "from_logits": False, "ignore_class": 255}
    again = keras.saving.deserialize_keras_object(keras.saving.serialize_keras_object(loss))
    assert again.get_config() == loss.get_config()
    with pytest.raises(ValueError, match="ignore_class must be an integer"):
        keras.losses.SparseCategoricalCrossentropy(ignore_class=0.5)


def test_labels_out_of_range_other_than_the_ignored_one_are_still_refused():
    loss = keras.losses.SparseCategoricalCrossentropy(ignore_class=-1)
    with pytest.raises(ValueError, match="label value of 3"):
        loss(np.array([1, -1, 3, 0]), P)


# ---- Constant initializers of arrays ------------------------------------------------------

def test_constant_of_an_array_broadcasts_to_the_weight():
    np.testing.assert_array_equal(keras.initializers.Constant([1.0, 2.0])((3, 2)).numpy(),
                                  [[1, 2], [1, 2], [1, 2]])
    filled = keras.initializers.Constant(KERNEL)((3, 2), dtype="float64")
    assert filled.dtype == tf.float64
    np.testing.assert_array_equal(filled.numpy(), KERNEL.astype("float64"))


def test_constant_of_the_wrong_shape_names_both_shapes():
    with pytest.raises(ValueError, match=r"shape \(3,\) cannot fill a weight of shape \(2, 2\)"):
        keras.initializers.Constant([1.0, 2.0, 3.0])((2, 2))


def test_an_array_in_a_config_is_written_as_keras_writes_it():
    config = keras.saving.serialize_keras_object(keras.initializers.Constant(KERNEL))
    assert config["config"]["value"] == {
        "class_name": "__numpy__",
        "config": {"value": KERNEL.tolist(), "dtype": "float32"}}
    again = keras.saving.deserialize_keras_object(config)
    assert isinstance(again.value, np.ndarray) and again.value.dtype == np.float32
    np.testing.assert_array_equal(again.value, KERNEL)
    scalar = keras.saving.serialize_keras_object(keras.initializers.Constant(np.float32(0.5)))
    assert scalar["config"]["value"] == 0.5


def test_a_model_with_array_constants_saves_and_loads(tmp_path):
    m = model("mse")
    path = str(tmp_path / "constants.keras")
    m.save(path)
    again = keras.models.load_model(path)
    np.testing.assert_array_equal(again.layers[0].kernel_initializer.value, KERNEL)
    np.testing.assert_array_equal(again.get_weights()[0], KERNEL)


# ---- losses watched as metrics ------------------------------------------------------------

def _probabilistic_cases():
    rng = np.random.default_rng(1)
    p = rng.dirichlet([1, 1, 1], 6).astype("float32")
    labels = np.array([0, 2, 1, 1, -1, 0])
    one_hot = np.eye(3, dtype="float32")[np.maximum(labels, 0)]
    b = rng.random((6, 1)).astype("float32")
    yb = (rng.random((6, 1)) > 0.5).astype("float32")
    metrics = keras.metrics
    # (metric, y_true, y_pred, Keras 3.15's result over an unweighted and a weighted batch)
    return [(metrics.BinaryCrossentropy(label_smoothing=0.1), yb, b, 0.4399912357330322),
            (metrics.CategoricalCrossentropy(), one_hot, p, 0.910182774066925),
            (metrics.SparseCategoricalCrossentropy(ignore_class=-1), labels, p,
             1.1768572330474854),
            (metrics.KLDivergence(), one_hot, p, 0.910179853439331),
            (metrics.MeanSquaredLogarithmicError(), one_hot, p, 0.08791433274745941)]


@pytest.mark.parametrize("case", range(5))
def test_losses_as_metrics_match_keras(case):
    metric, y_true, y_pred, expected = _probabilistic_cases()[case]
    metric.update_state(y_true[:3], y_pred[:3])
    metric.update_state(y_true[3:], y_pred[3:], sample_weight=np.array([1, 3, 1], "float32"))
    np.testing.assert_allclose(float(metric.result()), expected, rtol=1e-6)


def test_an_ignored_entry_counts_as_keras_counts_it():
    for weights, expected in [(None, 0.7925214767456055), (np.ones(4), 1.0566953420639038),
                              (SW, 1.6710762977600098)]:
        metric = keras.metrics.SparseCategoricalCrossentropy(ignore_class=-1)
        metric.update_state(LABELS[:, None], P, sample_weight=weights)
        np.testing.assert_allclose(float(metric.result()), expected, rtol=1e-6)


def test_a_keras_metric_config_is_read_as_the_metric_not_the_loss_of_that_name():
    # As Keras 3.15 writes them in a compile config.
    for config, cls in [
        ({"module": "keras.metrics", "class_name": "BinaryCrossentropy", "registered_name": None,
          "config": {"name": "binary_crossentropy", "dtype": "float32", "from_logits": False,
                     "label_smoothing": 0}}, keras.metrics.BinaryCrossentropy),
        ({"module": "keras.metrics", "class_name": "SparseCategoricalCrossentropy",
          "registered_name": None,
          "config": {"name": "sparse_categorical_crossentropy", "dtype": "float32",
                     "from_logits": False, "ignore_class": None, "axis": -1}},
         keras.metrics.SparseCategoricalCrossentropy),
        ({"module": "keras.src.losses.losses", "class_name": "BinaryCrossentropy",
          "registered_name": None, "config": {"name": "binary_crossentropy",
                                              "reduction": "sum_over_batch_size"}},
         keras.losses.BinaryCrossentropy)]:
        again = keras.saving.deserialize_keras_object(config)
        assert type(again) is cls
        if cls is not keras.losses.BinaryCrossentropy:
            assert again.get_config() == config["config"]


def test_an_auc_config_from_keras_loads_unless_it_asks_for_several_labels():
    config = {"module": "keras.metrics", "class_name": "AUC", "registered_name": None,
              "config": {"name": "auc", "dtype": "float32", "num_thresholds": 200,
                         "curve": "ROC", "summation_method": "interpolation",
                         "multi_label": False, "num_labels": None, "label_weights": None,
                         "from_logits": False}}
    assert isinstance(keras.saving.deserialize_keras_object(config), keras.metrics.AUC)
    config["config"]["multi_label"] = True
    with pytest.raises(ValueError, match="multi_label=True is not supported"):
        keras.saving.deserialize_keras_object(config)
