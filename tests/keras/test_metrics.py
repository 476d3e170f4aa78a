"""Metrics: two update_state batches against NumPy, Keras reference numbers, reset_state,
names, get and resolve_accuracy."""
import numpy as np
import pytest

import teachtensor as tf
from teachtensor.keras import metrics

# Two batches of binary labels and probabilities, with per-sample weights.
YB1 = np.array([[1], [0], [1], [1], [0], [0]], np.float32)
PB1 = np.array([[0.8], [0.5], [0.3], [0.9], [0.7], [0.1]], np.float32)
YB2 = np.array([[0], [1], [1], [0]], np.float32)
PB2 = np.array([[0.2], [0.6], [0.55], [0.45]], np.float32)
SW1 = np.array([1., 2., 0.5, 1., 1., 3.], np.float32)
SW2 = np.array([0.5, 1., 1., 2.], np.float32)
# Two batches of 3-class labels (one-hot and integer) and probabilities.
YC1 = np.eye(3, dtype=np.float32)[[0, 2, 1, 1]]
PC1 = np.array([[.6, .3, .1], [.2, .2, .6], [.5, .4, .1], [.1, .8, .1]], np.float32)
YC2 = np.eye(3, dtype=np.float32)[[2, 0]]
PC2 = np.array([[.3, .3, .4], [.2, .5, .3]], np.float32)
YS1, YS2 = np.array([0, 2, 1, 1]), np.array([[2], [0]])
# Two regression batches.
YR1, PR1 = np.array([[1., 2.], [3., 4.]], np.float32), np.array([[1.5, 2.], [2., 5.]], np.float32)
YR2, PR2 = np.array([[0., 1.]], np.float32), np.array([[1., 1.]], np.float32)


def two_batches(metric, batch1, batch2, weights=(None, None)):
    metric.update_state(*batch1, sample_weight=weights[0])
    metric.update_state(*batch2, sample_weight=weights[1])
    return metric.result()


# ---- against NumPy ----------------------------------------------------------------------

def test_binary_accuracy_uses_strict_greater_than():
    m = metrics.BinaryAccuracy()
    result = two_batches(m, (YB1, PB1), (YB2, PB2))
    hits = np.concatenate([(PB1 > 0.5) == YB1, (PB2 > 0.5) == YB2])
    assert result.shape == () and result.dtype == tf.float32
    assert float(result) == pytest.approx(hits.mean())
    m = metrics.BinaryAccuracy()
    assert float(m([[1.0], [0.0]], [[0.5], [0.5]])) == 0.5  # 0.5 is not > 0.5
    m = metrics.BinaryAccuracy(threshold=0.4)
    hits = np.concatenate([(PB1 > 0.4) == YB1, (PB2 > 0.4) == YB2])
    assert float(two_batches(m, (YB1, PB1), (YB2, PB2))) == pytest.approx(hits.mean())


def test_binary_accuracy_with_sample_weights():
    result = two_batches(metrics.BinaryAccuracy(), (YB1, PB1), (YB2, PB2), (SW1, SW2))
    hits = np.concatenate([(PB1 > 0.5) == YB1, (PB2 > 0.5) == YB2])[:, 0]
    weights = np.concatenate([SW1, SW2])
    assert float(result) == pytest.approx(np.sum(hits * weights) / np.sum(weights))


def test_categorical_and_sparse_categorical_accuracy():
    hits = np.concatenate([YC1.argmax(-1) == PC1.argmax(-1), YC2.argmax(-1) == PC2.argmax(-1)])
    assert float(two_batches(metrics.CategoricalAccuracy(), (YC1, PC1), (YC2, PC2))) == \
        pytest.approx(hits.mean())
    assert float(two_batches(metrics.SparseCategoricalAccuracy(), (YS1, PC1), (YS2, PC2))) == \
        pytest.approx(hits.mean())
    w1, w2 = np.array([1., 0., 2., 1.]), np.array([3., 1.])
    weights = np.concatenate([w1, w2])
    assert float(two_batches(metrics.CategoricalAccuracy(), (YC1, PC1), (YC2, PC2),
                             (w1, w2))) == pytest.approx(np.sum(hits * weights) / weights.sum())


def test_accuracy_compares_values_exactly():
    m = metrics.Accuracy()
    m.update_state([1, 2, 3, 4], [1, 2, 0, 4])
    m.update_state([1], [0])
    assert float(m.result()) == pytest.approx(3 / 5)


def test_mean_metric_weighted_and_unweighted():
    m = metrics.Mean()
    assert float(m.result()) == 0.0  # nothing seen yet
    assert float(two_batches(m, ([1., 2., 3.],), ([10.],))) == 4.0
    m = metrics.Mean()
    result = two_batches(m, ([1., 2., 3.],), ([10.],), ([1., 0.5, 2.], [3.]))
    assert float(result) == pytest.approx((1 + 1 + 6 + 30) / 6.5)
    # values with more axes than weights are averaged per sample first
    m = metrics.Mean()
    result = two_batches(m, (np.array([[1., 2.], [3., 5.]]),), (np.array([[4., 4.]]),),
                         ([1., 2.], [0.5]))
    assert float(result) == pytest.approx((1.5 * 1 + 4 * 2 + 4 * 0.5) / 3.5)


def test_mean_squared_and_absolute_error_metrics():
    errors = np.concatenate([PR1 - YR1, PR2 - YR2])
    assert float(two_batches(metrics.MeanSquaredError(), (YR1, PR1), (YR2, PR2))) == \
        pytest.approx(np.mean(np.mean(errors ** 2, -1)))
    assert float(two_batches(metrics.MeanAbsoluteError(), (YR1, PR1), (YR2, PR2))) == \
        pytest.approx(np.mean(np.mean(np.abs(errors), -1)))


def test_root_mean_squared_error_is_the_root_of_the_running_mean():
    # Keras's own examples: sqrt(mean of 1, 0, 0, 0); a weight per sample (row)
    m = metrics.RootMeanSquaredError()
    m.update_state([[0., 1.], [0., 0.]], [[1., 1.], [0., 0.]])
    assert float(m.result()) == 0.5
    m.reset_state()
    m.update_state([[0., 1.], [0., 0.]], [[1., 1.], [0., 0.]], sample_weight=[1, 0])
    assert float(m.result()) == pytest.approx(np.sqrt(0.5))
    # over two batches, the root of the whole mean, not the mean of the batches' roots
    errors = np.concatenate([PR1 - YR1, PR2 - YR2])
    result = float(two_batches(metrics.RootMeanSquaredError(), (YR1, PR1), (YR2, PR2)))
    assert result == pytest.approx(np.sqrt(np.mean(np.mean(errors ** 2, -1))))
    assert result != pytest.approx(np.mean([np.sqrt(np.mean((PR1 - YR1) ** 2)),
                                            np.sqrt(np.mean((PR2 - YR2) ** 2))]))


def _numpy_counts(y, p, threshold, w=None):
    y, p = y.reshape(-1) != 0, p.reshape(-1) > threshold
    w = np.ones(y.shape) if w is None else w.reshape(-1)
    return (np.sum(w * (p & y)), np.sum(w * (p & ~y)), np.sum(w * (~p & ~y)),
            np.sum(w * (~p & y)))


def test_precision_and_recall():
    y, p = np.concatenate([YB1, YB2]), np.concatenate([PB1, PB2])
    w = np.concatenate([SW1, SW2])
    for weights in (None, w):
        tp, fp, _, fn = _numpy_counts(y, p, 0.5, weights)
        ws = (None, None) if weights is None else (SW1, SW2)
        assert float(two_batches(metrics.Precision(), (YB1, PB1), (YB2, PB2), ws)) == \
            pytest.approx(tp / (tp + fp))
        assert float(two_batches(metrics.Recall(), (YB1, PB1), (YB2, PB2), ws)) == \
            pytest.approx(tp / (tp + fn))


def test_precision_with_several_thresholds_and_empty_denominators():
    result = two_batches(metrics.Precision(thresholds=[0.3, 0.5, 0.7]), (YB1, PB1), (YB2, PB2))
    assert result.shape == (3,)
    y, p = np.concatenate([YB1, YB2]), np.concatenate([PB1, PB2])
    expected = []
    for t in (0.3, 0.5, 0.7):
        tp, fp, _, _ = _numpy_counts(y, p, t)
        expected.append(tp / (tp + fp))
    np.testing.assert_allclose(result, expected, rtol=1e-6)
    assert float(metrics.Precision()([[1.0]], [[0.2]])) == 0.0  # nothing predicted positive
    assert float(metrics.Recall()([[0.0]], [[0.9]])) == 0.0     # no positives at all


def numpy_roc_auc(y, p, num_thresholds=200):
    """The ROC AUC of the spec, written as a plain loop over thresholds."""
    eps = 1e-7
    thresholds = [-eps] + [(i + 1) / (num_thresholds - 1)
                           for i in range(num_thresholds - 2)] + [1 + eps]
    tpr, fpr = [], []
    for t in np.float32(thresholds):
        tp, fp, tn, fn = _numpy_counts(y, p, t)
        tpr.append(tp / (tp + fn) if tp + fn else 0.0)
        fpr.append(fp / (fp + tn) if fp + tn else 0.0)
    return sum((fpr[i] - fpr[i + 1]) * (tpr[i] + tpr[i + 1]) / 2
               for i in range(num_thresholds - 1))


def test_auc_is_the_trapezoid_area_under_the_roc_curve(rng):
    p1, p2 = rng.uniform(size=(40, 1)).astype(np.float32), rng.uniform(size=(25, 1)).astype(np.float32)
    y1, y2 = (rng.uniform(size=(40, 1)) < p1).astype(np.float32), rng.integers(0, 2, (25, 1))
    for n in (200, 7):
        result = two_batches(metrics.AUC(num_thresholds=n), (y1, p1), (y2, p2))
        expected = numpy_roc_auc(np.concatenate([y1, y2]), np.concatenate([p1, p2]), n)
        assert float(result) == pytest.approx(expected, rel=1e-5)


def test_auc_of_perfect_and_reversed_rankings():
    y = np.array([0, 0, 1, 1], np.float32)
    assert float(metrics.AUC()(y, [0.1, 0.2, 0.8, 0.9])) == pytest.approx(1.0)
    assert float(metrics.AUC()(y, [0.9, 0.8, 0.2, 0.1])) == pytest.approx(0.0)


# ---- reference numbers from Keras ---------------------------------------------------------
# Produced with Keras 3.15.1 (TensorFlow 2.21.0 backend): two update_state calls with
# the batches above (AUC_* are drawn below from a seeded generator), then result().
_gen = np.random.default_rng(0)
P_AUC1 = _gen.uniform(size=(50, 1)).astype(np.float32)
Y_AUC1 = (_gen.uniform(size=(50, 1)) < P_AUC1).astype(np.float32)
P_AUC2 = _gen.uniform(size=(30, 1)).astype(np.float32)
Y_AUC2 = (_gen.uniform(size=(30, 1)) < 0.5).astype(np.float32)
W_AUC = (_gen.uniform(size=50).astype(np.float32), _gen.uniform(size=30).astype(np.float32))
AUC_BATCHES = ((Y_AUC1, P_AUC1), (Y_AUC2, P_AUC2))

KERAS_RESULTS = [
    (lambda: two_batches(metrics.BinaryAccuracy(), (YB1, PB1), (YB2, PB2)), 0.800000011920929),
    (lambda: two_batches(metrics.BinaryAccuracy(), (YB1, PB1), (YB2, PB2), (SW1, SW2)),
     0.8846153616905212),
    (lambda: two_batches(metrics.BinaryAccuracy(), (YB1[:, 0], PB1), (YB2[:, 0], PB2[:, 0])),
     0.800000011920929),
    (lambda: two_batches(metrics.CategoricalAccuracy(), (YC1, PC1), (YC2, PC2), (SW1[:4], SW2[:2])),
     0.75),
    (lambda: two_batches(metrics.SparseCategoricalAccuracy(), (YS1, PC1), (YS2, PC2)),
     0.6666666865348816),
    (lambda: two_batches(metrics.Mean(), ([1., 2., 3.],), ([10.],), ([1., 0.5, 2.], [3.])),
     5.846153736114502),
    (lambda: two_batches(metrics.MeanSquaredError(), (YR1, PR1), (YR2, PR2), ([1., 3.], [2.])),
     0.6875),
    (lambda: two_batches(metrics.RootMeanSquaredError(), (YR1, PR1), (YR2, PR2)),
     0.7359800934791565),
    (lambda: two_batches(metrics.RootMeanSquaredError(), (YR1, PR1), (YR2, PR2),
                         ([1., 3.], [2.])), 0.829156219959259),
    (lambda: two_batches(metrics.Precision(), (YB1, PB1), (YB2, PB2), (SW1, SW2)),
     0.800000011920929),
    (lambda: two_batches(metrics.Recall(), (YB1, PB1), (YB2, PB2), (SW1, SW2)),
     0.8888888955116272),
    (lambda: two_batches(metrics.AUC(), *AUC_BATCHES), 0.6763378381729126),
    (lambda: two_batches(metrics.AUC(), *AUC_BATCHES, W_AUC), 0.6908450126647949),
    (lambda: two_batches(metrics.AUC(num_thresholds=10), *AUC_BATCHES), 0.6718246340751648),
    (lambda: two_batches(metrics.AUC(curve="PR"), *AUC_BATCHES), 0.5763146877288818),
    (lambda: two_batches(metrics.AUC(num_thresholds=20, summation_method="minoring"),
                         *AUC_BATCHES), 0.6550612449645996),
    (lambda: two_batches(metrics.AUC(num_thresholds=20, curve="PR", summation_method="majoring"),
                         *AUC_BATCHES), 0.5799500942230225),
    (lambda: two_batches(metrics.AUC(from_logits=True), (YB1, PB1 * 4 - 2), (YB2, PB2 * 4 - 2)),
     0.800000011920929),
]


@pytest.mark.parametrize("compute, expected", KERAS_RESULTS)
def test_matches_keras_reference_numbers(compute, expected):
    np.testing.assert_allclose(compute().numpy(), expected, rtol=3e-7)


# ---- state ---------------------------------------------------------------------------

@pytest.mark.parametrize("make", [metrics.BinaryAccuracy, metrics.Mean, metrics.AUC,
                                  metrics.Precision, metrics.Recall, metrics.MeanSquaredError,
                                  metrics.RootMeanSquaredError])
def test_reset_state_starts_again(make):
    m = make()
    if isinstance(m, metrics.Mean) and type(m) is metrics.Mean:
        m.update_state([5.0, 7.0])
        assert float(m.result()) == 6.0
        m.reset_state()
        m.update_state([1.0])
        assert float(m.result()) == 1.0
        return
    first = float(m(YB1, PB1))
    m.update_state(YB2, PB2)
    m.reset_state()
    assert all(np.all(v.numpy() == 0) for v in m.variables)
    assert float(m(YB1, PB1)) == pytest.approx(first)


def test_state_lives_in_non_trainable_variables():
    m = metrics.AUC(num_thresholds=50)
    assert len(m.variables) == 4
    assert all(isinstance(v, tf.Variable) and not v.trainable for v in m.variables)
    assert m.variables[0].shape == (50,)


def test_calling_a_metric_updates_it_and_returns_the_running_result():
    m = metrics.BinaryAccuracy()
    assert float(m([[1.0]], [[0.9]])) == 1.0
    assert float(m([[1.0]], [[0.1]])) == 0.5


def test_mean_metric_wrapper_turns_any_function_into_a_metric():
    def total_error(y_true, y_pred):
        return tf.reduce_sum(tf.abs(tf.constant(y_true) - tf.constant(y_pred)), axis=-1)

    m = metrics.MeanMetricWrapper(total_error)
    assert m.name == "total_error"
    assert float(two_batches(m, (YR1, PR1), (YR2, PR2))) == pytest.approx((0.5 + 2 + 1) / 3)


def test_default_names():
    names = [metrics.BinaryAccuracy().name, metrics.CategoricalAccuracy().name,
             metrics.SparseCategoricalAccuracy().name, metrics.AUC().name,
             metrics.Precision().name, metrics.Recall().name, metrics.Mean().name,
             metrics.MeanSquaredError().name, metrics.MeanAbsoluteError().name,
             metrics.Accuracy().name, metrics.RootMeanSquaredError().name]
    assert names == ["binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
                     "auc", "precision", "recall", "mean", "mean_squared_error",
                     "mean_absolute_error", "accuracy", "root_mean_squared_error"]


# ---- by name, and "accuracy" ------------------------------------------------------------

@pytest.mark.parametrize("name, cls", [
    ("binary_accuracy", metrics.BinaryAccuracy), ("categorical_accuracy", metrics.CategoricalAccuracy),
    ("sparse_categorical_accuracy", metrics.SparseCategoricalAccuracy), ("auc", metrics.AUC),
    ("AUC", metrics.AUC), ("precision", metrics.Precision), ("recall", metrics.Recall),
    ("mean", metrics.Mean), ("mse", metrics.MeanSquaredError),
    ("mean_absolute_error", metrics.MeanAbsoluteError),
    ("root_mean_squared_error", metrics.RootMeanSquaredError),
    ("RootMeanSquaredError", metrics.RootMeanSquaredError)])
def test_get_by_name(name, cls):
    m = metrics.get(name)
    assert type(m) is cls


def test_get_names_the_metric_after_the_string_given():
    assert metrics.get("mse").name == "mse"
    assert metrics.get("binary_accuracy").name == "binary_accuracy"
    bce = metrics.get("binary_crossentropy")
    assert bce.name == "binary_crossentropy"
    assert float(bce([[1.0]], [[0.5]])) == pytest.approx(np.log(2), rel=1e-6)


def test_get_instances_classes_and_callables():
    m = metrics.AUC()
    assert metrics.get(m) is m
    assert isinstance(metrics.get(metrics.Recall), metrics.Recall)
    wrapped = metrics.get(metrics.binary_accuracy)
    assert isinstance(wrapped, metrics.MeanMetricWrapper) and wrapped.name == "binary_accuracy"


def test_get_explains_accuracy_and_unknown_names():
    with pytest.raises(ValueError, match="resolve_accuracy"):
        metrics.get("accuracy")
    with pytest.raises(ValueError, match="auc.*binary_accuracy"):
        metrics.get("acuracy")


@pytest.mark.parametrize("y_true, y_pred, cls", [
    ((32, 1), (32, 1), metrics.BinaryAccuracy),
    ((32,), (32, 1), metrics.BinaryAccuracy),
    ((32,), (32,), metrics.BinaryAccuracy),
    ((32,), (32, 10), metrics.SparseCategoricalAccuracy),
    ((32, 1), (32, 10), metrics.SparseCategoricalAccuracy),
    ((32, 10), (32, 10), metrics.CategoricalAccuracy),
    ((None, 10), (None, 10), metrics.CategoricalAccuracy),
])
def test_resolve_accuracy_follows_the_shapes(y_true, y_pred, cls):
    assert metrics.resolve_accuracy(y_true, y_pred) is cls


# ---- errors -------------------------------------------------------------------------

def test_wrong_kind_of_labels_for_accuracy():
    with pytest.raises(ValueError, match="sparse_categorical_accuracy"):
        metrics.CategoricalAccuracy()(YS1, PC1)
    with pytest.raises(ValueError, match="categorical_accuracy"):
        metrics.SparseCategoricalAccuracy()(YC1, PC1)


def test_bad_arguments():
    with pytest.raises(ValueError, match=r"Threshold values must be in \[0, 1\]"):
        metrics.Precision(thresholds=1.5)
    with pytest.raises(ValueError, match="ROC"):
        metrics.AUC(curve="XY")
    with pytest.raises(ValueError, match="summation"):
        metrics.AUC(summation_method="simpson")
    with pytest.raises(ValueError, match="num_thresholds"):
        metrics.AUC(num_thresholds=1)
    with pytest.raises(ValueError, match=r"\(4, 1\).*\(6, 1\)"):
        metrics.Precision()(np.zeros((4, 1)), np.zeros((6, 1)))
