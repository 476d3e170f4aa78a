"""Sample weights in fit, evaluate and the one-batch calls: ``sample_weight``,
``class_weight``, validation triples, datasets of (x, y, sample_weight), and
``compile(weighted_metrics=...)``.

The numbers come from Keras 3.15 on TensorFlow 2.21 (kept as constants here): the same
model, starting weights and batches, trained there and here.  As in Keras, the loss
weighs each sample by its weight (divided by the batch size, not by the sum of the
weights), ``metrics`` ignore the weights and ``weighted_metrics`` use them.
"""
import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras

# the data (NumPy's default_rng(0), as the Keras script drew it), in float32
X = np.array([[0.12573022, -0.13210486, 0.64042264],
              [0.104900114, -0.5356694, 0.36159506],
              [1.304, 0.94708097, -0.70373523],
              [-1.2654215, -0.62327445, 0.04132598],
              [-2.3250308, -0.21879166, -1.245911],
              [-0.7322674, -0.544259, -0.31630015],
              [0.41163054, 1.0425134, -0.12853466],
              [1.3664634, -0.6651947, 0.35151008],
              [0.90347016, 0.0940123, -0.7434993],
              [-0.9217254, -0.45772582, 0.22019513]], np.float32)
Y = np.array([1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0], np.float32)
SW = np.array([1.1859066, 0.71155185, 1.2291701, 0.74203134, 0.8440761, 1.7915213, 0.5315994, 1.2840556, 0.25962916, 1.6820239], np.float32)
XS = np.array([[0.35738042, -1.2083186, -0.004454133],
              [0.65647495, -1.2883614, 0.39512205],
              [0.4298637, 0.6960427, -1.1841179],
              [-0.6617026, -0.43643525, -1.169802],
              [1.7393678, -0.49591073, 0.32896963],
              [-0.25857255, 1.5834728, 1.320361]], np.float32)
W0, B0 = np.array([[0.3], [-0.2], [0.5]], np.float32), np.array([0.1], np.float32)


def model(metrics=("accuracy", "mae"), **compile_arguments):
    """Dense(1, sigmoid) from fixed weights, SGD(0.5), binary cross-entropy."""
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, activation="sigmoid")])
    m.layers[0].set_weights([W0, B0])
    m.compile(optimizer=keras.optimizers.SGD(0.5), loss="binary_crossentropy",
              metrics=list(metrics), **compile_arguments)
    return m


def close(actual, expected, rtol=2e-6):
    np.testing.assert_allclose(np.asarray(actual, np.float64),
                               np.asarray(expected, np.float64), rtol=rtol, atol=1e-7)


def same_history(history, expected):
    assert sorted(history) == sorted(expected)
    for name, values in expected.items():
        close(history[name], values)


# ---- Keras's numbers ---------------------------------------------------------------------

def test_fit_with_sample_weight_matches_keras():
    m = model()
    history = m.fit(X, Y, sample_weight=SW, batch_size=4, epochs=2, shuffle=False, verbose=0)
    same_history(history.history, {
        "loss": [0.7286033630371094, 0.7203096151351929],
        "accuracy": [0.5, 0.5],  # metrics count every sample once
        "mae": [0.5107843279838562, 0.5112566947937012]})
    kernel, bias = m.get_weights()
    close(kernel.ravel(), [0.3797230124473572, -0.211844801902771, 0.412361204624176])
    close(bias, [-0.2795041799545288])
    result = m.evaluate(X, Y, sample_weight=SW, batch_size=4, verbose=0, return_dict=True)
    close([result["loss"], result["accuracy"], result["mae"]],
          [0.7007107734680176, 0.6000000238418579, 0.49975380301475525])


def test_fit_with_class_weight_matches_keras():
    m = model()
    history = m.fit(X, Y, class_weight={0: 0.5, 1: 3.0}, batch_size=4, epochs=2,
                    shuffle=False, verbose=0)
    same_history(history.history, {
        "loss": [1.1832168102264404, 0.7831892371177673],
        "accuracy": [0.5, 0.5], "mae": [0.5238924026489258, 0.4919349253177643]})
    kernel, bias = m.get_weights()
    close(kernel.ravel(), [0.13955017924308777, -0.5119153261184692, -0.09380318224430084])
    close(bias, [1.2335011959075928])


def test_class_weight_of_sparse_labels_matches_keras():
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(3, activation="softmax")])
    m.layers[0].set_weights([np.arange(9, dtype=np.float32).reshape(3, 3) / 10,
                             np.zeros(3, np.float32)])
    m.compile(optimizer=keras.optimizers.SGD(0.1), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
    history = m.fit(XS, np.array([0, 1, 2, 1, 0, 2]), class_weight={0: 1.0, 2: 5.0},
                    batch_size=6, epochs=1, shuffle=False, verbose=0)
    same_history(history.history, {"loss": [2.383779764175415],
                                   "accuracy": [0.3333333432674408]})


@pytest.mark.parametrize("how", ["validation_data", "validation_split"])
def test_validation_weights_match_keras(how):
    m = model()
    if how == "validation_data":
        history = m.fit(X[:7], Y[:7], sample_weight=SW[:7],
                        validation_data=(X[7:], Y[7:], SW[7:]), batch_size=4, epochs=1,
                        shuffle=False, verbose=0)
    else:  # the last 30%, weights included
        history = m.fit(X, Y, sample_weight=SW, validation_split=0.3, batch_size=4,
                        epochs=1, shuffle=False, verbose=0)
    same_history(history.history, {
        "loss": [0.7382837533950806], "accuracy": [0.5714285969734192],
        "mae": [0.5208566784858704], "val_loss": [0.764035701751709],
        "val_accuracy": [0.3333333432674408], "val_mae": [0.5235596299171448]})


def test_train_and_test_on_batch_with_weights_match_keras():
    m = model()
    logs = m.train_on_batch(X, Y, sample_weight=SW, return_dict=True)
    close([logs["loss"], logs["accuracy"], logs["mae"]],
          [0.7125812768936157, 0.5, 0.5032657384872437])
    logs = m.test_on_batch(X, Y, sample_weight=SW, return_dict=True)
    close([logs["loss"], logs["accuracy"], logs["mae"]],
          [0.7040051221847534, 0.5, 0.5007197260856628])
    logs = model().train_on_batch(X, Y, class_weight={1: 2.0}, return_dict=True)
    close(logs["loss"], 1.1092474460601807)


# compile(metrics=..., weighted_metrics=...): (fit's logs, evaluate's with the weights,
# evaluate's without them), printed by Keras
WEIGHTED = [
    (dict(metrics=["accuracy"], weighted_metrics=["accuracy"]),
     {"loss": 0.7286033630371094, "accuracy": 0.5, "weighted_accuracy": 0.5868747234344482},
     {"loss": 0.7029619216918945, "accuracy": 0.6000000238418579,
      "weighted_accuracy": 0.7507896423339844},
     {"loss": 0.7457138895988464, "accuracy": 0.6000000238418579,
      "weighted_accuracy": 0.6000000238418579}),
    (dict(metrics=[], weighted_metrics=["accuracy", "mae"]),
     {"loss": 0.7286033630371094, "accuracy": 0.5868747234344482, "mae": 0.4973824918270111},
     {"loss": 0.7029619216918945, "accuracy": 0.7507896423339844, "mae": 0.4740021228790283},
     {"loss": 0.7457138895988464, "accuracy": 0.6000000238418579, "mae": 0.5019367337226868}),
    (dict(metrics=["mae"], weighted_metrics=["mae", "auc"]),
     {"loss": 0.7286033630371094, "mae": 0.5107843279838562, "weighted_mae": 0.4973824918270111,
      "auc": 0.5876927375793457},
     {"loss": 0.7029619216918945, "mae": 0.5019367337226868, "weighted_mae": 0.4740021228790283,
      "auc": 0.6190619468688965},
     {"loss": 0.7457138895988464, "mae": 0.5019367337226868, "weighted_mae": 0.5019367337226868,
      "auc": 0.5400000214576721}),
]


@pytest.mark.parametrize("arguments, fitted, weighted, unweighted", WEIGHTED)
def test_weighted_metrics_match_keras(arguments, fitted, weighted, unweighted):
    m = model(**arguments)
    history = m.fit(X, Y, sample_weight=SW, batch_size=4, epochs=1, shuffle=False, verbose=0)
    same_history(history.history, {name: [value] for name, value in fitted.items()})
    for sample_weight, expected in ((SW, weighted), (None, unweighted)):
        result = m.evaluate(X, Y, sample_weight=sample_weight, batch_size=4, verbose=0,
                            return_dict=True)
        same_history({k: [v] for k, v in result.items()}, {k: [v] for k, v in expected.items()})


def test_class_weight_counts_in_weighted_metrics():
    history = model(metrics=[], weighted_metrics=["accuracy"]).fit(
        X, Y, class_weight={0: 0.5, 1: 3.0}, batch_size=4, epochs=1, shuffle=False, verbose=0)
    same_history(history.history, {"loss": [1.1832168102264404],
                                   "accuracy": [0.5714285969734192]})


# ---- the same through datasets and our own training steps --------------------------------

def test_a_dataset_of_triples_and_class_weight_with_a_dataset_train_as_arrays_do():
    arrays = model().fit(X, Y, sample_weight=SW, batch_size=4, epochs=2, shuffle=False,
                         verbose=0).history
    triples = tf.data.Dataset.from_tensor_slices((X, Y, SW)).batch(4)
    same_history(model().fit(triples, epochs=2, verbose=0).history, arrays)
    by_class = model().fit(X, Y, class_weight={0: 0.5, 1: 3.0}, batch_size=4, epochs=2,
                           shuffle=False, verbose=0).history
    pairs = tf.data.Dataset.from_tensor_slices((X, Y)).batch(4)
    same_history(model().fit(pairs, class_weight={0: 0.5, 1: 3.0}, epochs=2,
                             verbose=0).history, by_class)


def test_shuffled_batches_keep_each_weight_with_its_sample():
    """Zero weight on the second half: training must match training on the first half
    alone (shuffled, batches of the whole data, so every batch holds both halves)."""
    half = np.r_[np.ones(5, np.float32), np.zeros(5, np.float32)]
    tf.random.set_seed(0)
    weighted = model()
    weighted.fit(X, Y, sample_weight=half, batch_size=10, epochs=3, verbose=0)
    alone = model()
    for _ in range(3):  # the loss of 5 samples out of a batch of 10 is half as large
        alone.train_on_batch(X[:5], Y[:5], sample_weight=np.full(5, 0.5, np.float32))
    for a, b in zip(weighted.get_weights(), alone.get_weights()):
        close(a, b, rtol=1e-5)


def test_unpack_and_pack_x_y_sample_weight():
    unpack, pack = keras.utils.unpack_x_y_sample_weight, keras.utils.pack_x_y_sample_weight
    assert unpack((1, 2, 3)) == (1, 2, 3)
    assert unpack((1, 2)) == (1, 2, None) and unpack([1]) == (1, None, None)
    assert unpack(7) == (7, None, None)
    with pytest.raises(ValueError, match="tuple of 4"):
        unpack((1, 2, 3, 4))
    assert pack(1) == 1 and pack((1, 2)) == ((1, 2),) and pack(1, 2) == (1, 2)
    assert pack(1, 2, 3) == (1, 2, 3)


def test_a_train_step_of_your_own_receives_the_weights():
    seen = []

    class Weighted(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = keras.layers.Dense(1)

        def call(self, x):
            return self.dense(x)

        def train_step(self, data):
            x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)
            seen.append(None if sample_weight is None else sample_weight.numpy())
            return super().train_step(data)

    m = Weighted()
    m.compile(optimizer="sgd", loss="mse")
    m.fit(X, Y, sample_weight=SW, batch_size=5, shuffle=False, verbose=0)
    m.fit(X, Y, batch_size=5, shuffle=False, verbose=0)
    assert np.array_equal(np.concatenate(seen[:2]), SW) and seen[2:] == [None, None]


def test_several_outputs_take_one_weight_array_each_or_one_for_all():
    inputs = keras.Input((3,))
    first = keras.layers.Dense(1, name="first")(inputs)
    second = keras.layers.Dense(1, name="second")(inputs)
    m = keras.Model(inputs, [first, second])
    m.compile(optimizer="sgd", loss="mse")
    targets = [Y, 2 * Y]
    plain = m.evaluate(X, targets, verbose=0, return_dict=True)
    zero_second = m.evaluate(X, targets, sample_weight={"second": np.zeros(10)}, verbose=0,
                             return_dict=True)
    close(zero_second["loss"], plain["first_loss"])
    close(zero_second["second_loss"], 0.0)
    doubled = m.evaluate(X, targets, sample_weight=2 * np.ones(10), verbose=0,
                         return_dict=True)
    close(doubled["loss"], 2 * plain["loss"])
    with pytest.raises(ValueError, match="single output"):
        m.fit(X, targets, class_weight={0: 1.0}, verbose=0)


# ---- mistakes, refused before anything changes -----------------------------------------

@pytest.mark.parametrize("arguments, error, message", [
    (dict(sample_weight=SW[:5]), ValueError, "5 weights but x has 10 samples"),
    (dict(sample_weight=SW, class_weight={0: 1.0}), ValueError, "not both"),
    (dict(class_weight={"cat": 2.0}), TypeError, "class indices"),
    (dict(class_weight=[1.0, 2.0]), TypeError, "must be a dict"),
    (dict(sample_weight=2.0), ValueError, "one weight per sample"),
    (dict(validation_data=(X, Y, SW, SW)), ValueError, "triple"),
])
def test_bad_weights_are_refused_before_training(arguments, error, message,
                                                 leaves_weights_alone):
    m = model()
    with leaves_weights_alone(m), pytest.raises(error, match=message):
        m.fit(X, Y, verbose=0, **arguments)


def test_sample_weight_with_a_dataset_is_refused():
    pairs = tf.data.Dataset.from_tensor_slices((X, Y)).batch(4)
    with pytest.raises(ValueError, match=r"yield \(inputs, targets, sample_weight\)"):
        model().fit(pairs, sample_weight=SW, verbose=0)


def test_weighted_metrics_are_saved_with_the_model(tmp_path):
    m = model(metrics=["mae"], weighted_metrics=["mae"])
    m.fit(X, Y, sample_weight=SW, verbose=0)
    m.save(tmp_path / "weighted.keras")
    loaded = keras.models.load_model(tmp_path / "weighted.keras")
    result = loaded.evaluate(X, Y, sample_weight=SW, verbose=0, return_dict=True)
    assert sorted(result) == ["loss", "mae", "weighted_mae"]
    expected = m.evaluate(X, Y, sample_weight=SW, verbose=0, return_dict=True)
    close([result[k] for k in sorted(result)], [expected[k] for k in sorted(result)])


# ---- names and forms that Keras accepts (a review against Keras 3.15) ----------------------

def _two_outputs(**compile_arguments):
    inputs = keras.Input((3,))
    hidden = keras.layers.Dense(4)(inputs)
    m = keras.Model(inputs, [keras.layers.Dense(1, name="reg")(hidden),
                             keras.layers.Dense(1, activation="sigmoid", name="cls")(hidden)])
    m.compile("sgd", ["mse", "binary_crossentropy"], **compile_arguments)
    return m


def test_weighted_metrics_of_several_outputs_are_named_as_keras_names_them():
    m = _two_outputs(metrics=[["mae"], ["accuracy"]], weighted_metrics=[["mae"], ["accuracy"]])
    history = m.fit(X, [Y[:, None], Y[:, None]], sample_weight=[SW, SW], verbose=0).history
    assert sorted(history) == ["cls_accuracy", "cls_loss", "cls_weighted_accuracy", "loss",
                               "reg_loss", "reg_mae", "reg_weighted_mae"]


@pytest.mark.parametrize("weights", [[SW, None], {"reg": SW, "cls": None}])
def test_none_leaves_one_output_unweighted(weights):
    m = _two_outputs()
    targets = [Y[:, None], Y[:, None]]
    plain = m.evaluate(X, targets, verbose=0, return_dict=True)
    weighted = m.evaluate(X, targets, sample_weight=weights, verbose=0, return_dict=True)
    close(weighted["cls_loss"], plain["cls_loss"])  # per-output trackers: unweighted means
    m.fit(X, targets, sample_weight=weights, verbose=0)  # and training takes it too


def test_a_metric_in_both_lists_and_names_taken_twice_are_kept_apart():
    shared = keras.metrics.BinaryAccuracy()
    history = model(metrics=[shared], weighted_metrics=[shared]).fit(
        X, Y, sample_weight=SW, verbose=0).history
    assert sorted(history) == ["binary_accuracy", "loss", "weighted_binary_accuracy"]
    history = model(metrics=["mae", keras.metrics.MeanAbsoluteError(name="weighted_mae")],
                    weighted_metrics=["mae"]).fit(X, Y, sample_weight=SW, verbose=0).history
    assert sorted(history) == ["loss", "mae", "weighted_mae", "weighted_mae_1"]


def test_validation_weights_that_do_not_fit_the_targets_are_refused_before_training(
        leaves_weights_alone):
    m = model()
    with leaves_weights_alone(m), pytest.raises(
            ValueError, match=r"shape \(10, 3\), which does not fit targets"):
        m.fit(X, Y[:, None], validation_data=(X, Y[:, None], np.ones((10, 3))), verbose=0)


def test_per_step_weights_of_a_sequence_fit():
    m = keras.Sequential([keras.Input((4, 3)), keras.layers.Dense(1)])
    m.compile("sgd", "mse")
    x, y = np.ones((5, 4, 3), np.float32), np.zeros((5, 4, 1), np.float32)
    m.evaluate(x, y, sample_weight=np.ones((5, 4)), verbose=0)
    m.evaluate(x, y, sample_weight=np.ones((5, 4, 1)), verbose=0)


def test_class_weight_takes_whole_float_keys_and_refuses_fractions():
    by_int = model().fit(X, Y, class_weight={0: 1.0, 1: 4.0}, verbose=0, shuffle=False)
    by_float = model().fit(X, Y, class_weight={0.0: 1.0, np.float32(1): 4.0}, verbose=0,
                           shuffle=False)
    same_history(by_float.history, by_int.history)
    with pytest.raises(TypeError, match="class indices"):
        model().fit(X, Y, class_weight={0.5: 2.0}, verbose=0)


def test_mean_with_sample_weight_divides_by_the_sum_of_the_weights():
    mae = keras.losses.MeanAbsoluteError(reduction="mean_with_sample_weight")
    y = np.array([[1.0], [2.0], [3.0]])
    close(mae(y, np.zeros((3, 1)), sample_weight=np.array([1.0, 0.0, 3.0])), 2.5)  # (1 + 9) / 4
    close(mae(y[:2], np.zeros((2, 1)), sample_weight=np.zeros(2)), 0.0)
    close(keras.losses.MeanAbsoluteError(reduction="mean")(y[:2], np.zeros((2, 1))), 1.5)


def test_an_output_without_a_loss_logs_no_loss_of_its_own():
    """Keras logs each output's loss when there are two or more losses; with loss=[None,
    "mse"] only "loss" (the second output's own loss logged under the first's name was
    a mislabelling)."""
    m = _two_outputs()
    m.compile("sgd", [None, "mse"])
    with pytest.warns(UserWarning, match="Gradients do not exist"):  # (reg's, as in Keras)
        history = m.fit(X, [Y[:, None], Y[:, None]], verbose=0).history
    assert sorted(history) == ["loss"]


def test_precision_and_recall_accept_kerass_unset_top_k_and_class_id():
    """Keras writes top_k and class_id into a saved Precision's config; unset, they load."""
    config = keras.metrics.Precision(thresholds=0.3).get_config()
    assert config["top_k"] is None and config["class_id"] is None
    assert keras.metrics.Precision.from_config(config).thresholds.tolist() == [0.3]
    with pytest.raises(NotImplementedError, match="top_k"):
        keras.metrics.Recall(top_k=2)


def test_a_metric_of_several_thresholds_is_logged_as_an_array(capsys):
    m = model(metrics=[keras.metrics.Recall(thresholds=[0.3, 0.6])])
    history = m.fit(X, Y, validation_data=(X, Y), epochs=2, verbose=1).history
    assert history["recall"][0].shape == (2,) and history["val_recall"][1].shape == (2,)
    assert "recall: [" in capsys.readouterr().out
    assert m.evaluate(X, Y, verbose=0, return_dict=True)["recall"].shape == (2,)


@pytest.mark.parametrize("validation_weights, message", [
    ({"reg": SW, "clss": SW}, r"names \['clss'\]"),
    ([SW, SW, SW], "list of 3 arrays for 2 outputs")])
def test_validation_weights_that_do_not_match_the_outputs_are_refused_before_training(
        validation_weights, message):
    m = _two_outputs()
    targets = [Y[:, None], Y[:, None]] if isinstance(validation_weights, list) else \
        {"reg": Y[:, None], "cls": Y[:, None]}
    with pytest.raises(ValueError, match=message):
        m.fit(X, [Y[:, None], Y[:, None]], validation_data=(X, targets, validation_weights),
              verbose=0)
    assert int(m.optimizer.iterations.numpy()) == 0


def test_a_list_of_weights_for_a_model_of_one_output_is_refused():
    with pytest.raises(ValueError, match="has one output"):
        model().evaluate(X, Y, sample_weight=[SW, SW], verbose=0)


def test_a_list_of_losses_goes_to_dict_outputs_in_sorted_order_as_in_keras():
    inputs = keras.Input((3,))
    hidden = keras.layers.Dense(4)(inputs)
    m = keras.Model(inputs, {"reg": keras.layers.Dense(1, name="reg")(hidden),
                             "cls": keras.layers.Dense(1, activation="sigmoid",
                                                       name="cls")(hidden)})
    targets = {"reg": np.full((10, 1), 5.0, np.float32), "cls": Y[:, None]}
    m.compile("sgd", ["mse", "binary_crossentropy"])  # "cls" sorts first: mse is cls's
    by_list = m.evaluate(X, targets, verbose=0, return_dict=True)
    m.compile("sgd", {"cls": "mse", "reg": "binary_crossentropy"})
    assert by_list == m.evaluate(X, targets, verbose=0, return_dict=True)
