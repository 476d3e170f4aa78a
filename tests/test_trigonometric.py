"""expm1, the inverse trigonometric functions (asin, acos, atan, atan2) and the
hyperbolic ones (sinh, cosh, asinh, acosh, atanh).

Values and first gradients against numbers TensorFlow 2.21 printed (constants here),
values against NumPy on shapes drawn by hypothesis inside each function's domain, and
first and second derivatives against finite differences.  (The kernels themselves are
compared with NumPy's in ``test_backend_conformance.py``, domain edges included.)
The file runs on every backend: ``make test`` runs it again on the strict backend and
on the CUDA backend under Numba's simulator.
"""
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import teachtensor as tf
from teachtensor.testing import check_gradients

tiny = hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=3)

# name: (x, [value, [gradient]]) printed by TensorFlow 2.21 for float32 x
TF = {
    "asin": ([-0.9, -0.5, 0.0, 0.3, 0.99], [[-1.1197694540023804, -0.5235987901687622, 0.0, 0.30469265580177307, 1.4292569160461426], [[2.294157028198242, 1.154700517654419, 1.0, 1.048284888267517, 7.088818073272705]]]),  # noqa: E501
    "acos": ([-0.9, -0.5, 0.0, 0.3, 0.99], [[2.690565824508667, 2.094395160675049, 1.5707963705062866, 1.2661036252975464, 0.14153940975666046], [[-2.294157028198242, -1.154700517654419, -1.0, -1.048284888267517, -7.088818073272705]]]),  # noqa: E501
    "atan": ([-2.0, -0.5, 0.0, 0.3, 1.5], [[-1.1071487665176392, -0.46364760398864746, 0.0, 0.29145681858062744, 0.9827937483787537], [[0.20000000298023224, 0.800000011920929, 1.0, 0.9174311757087708, 0.3076923191547394]]]),  # noqa: E501
    "atanh": ([-0.9, -0.5, 0.0, 0.3, 0.99], [[-1.4722193479537964, -0.5493061542510986, 0.0, 0.30951961874961853, 2.646652936935425], [[5.263156414031982, 1.3333333730697632, 1.0, 1.0989011526107788, 50.251346588134766]]]),  # noqa: E501
    "sinh": ([-2.0, -0.5, 0.0, 0.3, 1.5], [[-3.6268603801727295, -0.5210952758789062, 0.0, 0.30452030897140503, 2.129279375076294], [[3.7621958255767822, 1.1276259422302246, 1.0, 1.04533851146698, 2.352409601211548]]]),  # noqa: E501
    "cosh": ([-2.0, -0.5, 0.0, 0.3, 1.5], [[3.7621958255767822, 1.1276259422302246, 1.0, 1.04533851146698, 2.352409601211548], [[-3.6268603801727295, -0.5210952758789062, 0.0, 0.30452030897140503, 2.129279375076294]]]),  # noqa: E501
    "asinh": ([-2.0, -0.5, 0.0, 0.3, 1.5], [[-1.4436354637145996, -0.4812118411064148, 0.0, 0.29567307233810425, 1.19476318359375], [[0.44721364974975586, 0.8944271802902222, 1.0, 0.9578262567520142, 0.5547001957893372]]]),  # noqa: E501
    "acosh": ([1.0001, 1.5, 2.0, 5.0], [[0.014143191277980804, 0.9624236822128296, 1.316957950592041, 2.292431592941284], [[70.70304107666016, 0.8944270610809326, 0.5773502588272095, 0.20412415266036987]]]),  # noqa: E501
    "expm1": ([-2.0, -0.5, 0.0, 0.3, 1.5], [[-0.8646647334098816, -0.39346933364868164, 0.0, 0.349858820438385, 3.481688976287842], [[0.1353352814912796, 0.6065306663513184, 1.0, 1.3498588800430298, 4.481688976287842]]]),  # noqa: E501
}
TF_ATAN2 = ([1.0, 1.0, -1.0, -1.0, 0.0, 2.0], [1.0, -1.0, -1.0, 1.0, -1.0, 0.5],
            [0.7853981852531433, 2.356194496154785, -2.356194496154785, -0.7853981852531433,
             3.1415927410125732, 1.3258177042007446],
            [[0.5, -0.5, -0.5, 0.5, -1.0, 0.11764705926179886],
             [-0.5, -0.5, 0.5, 0.5, -0.0, -0.47058823704719543]])
# where each function is smooth, for hypothesis (acosh is steep near 1, atanh near +-1)
DOMAINS = {"asin": (-0.9, 0.9), "acos": (-0.9, 0.9), "atan": (-3, 3), "atanh": (-0.9, 0.9),
           "sinh": (-3, 3), "cosh": (-3, 3), "asinh": (-3, 3), "acosh": (1.2, 4),
           "expm1": (-3, 3)}
NUMPY = {"asin": np.arcsin, "acos": np.arccos, "atan": np.arctan, "atanh": np.arctanh,
         "sinh": np.sinh, "cosh": np.cosh, "asinh": np.arcsinh, "acosh": np.arccosh,
         "expm1": np.expm1}


def close(actual, expected, rtol=2e-6):
    np.testing.assert_allclose(np.asarray(actual, np.float64), np.asarray(expected, np.float64),
                               rtol=rtol, atol=1e-7)


@pytest.mark.parametrize("name", sorted(TF))
def test_values_and_gradients_match_tensorflow(name):
    x, (value, (gradient,)) = TF[name]
    v = tf.Variable(np.array(x, np.float32))
    with tf.GradientTape() as tape:
        y = getattr(tf.math, name)(v)
    close(y, value)
    close(tape.gradient(y, v), gradient, rtol=2e-5)  # (near the poles f' is steep)


def test_atan2_matches_tensorflow_in_every_quadrant():
    y0, x0, value, (dy, dx) = TF_ATAN2
    y, x = tf.Variable(np.array(y0, np.float32)), tf.Variable(np.array(x0, np.float32))
    with tf.GradientTape() as tape:
        angle = tf.atan2(y, x)
    close(angle, value)
    gy, gx = tape.gradient(angle, [y, x])
    close(gy, dy)
    close(gx, dx)


@pytest.mark.parametrize("name", sorted(DOMAINS))
@settings(deadline=None, max_examples=10)
@given(data=st.data())
def test_against_numpy_and_finite_differences(name, data):
    lo, hi = DOMAINS[name]
    x = data.draw(hnp.arrays(np.float64, data.draw(tiny), elements=st.floats(lo, hi)))
    f = getattr(tf.math, name)
    np.testing.assert_allclose(f(tf.constant(x)).numpy(), NUMPY[name](x), rtol=1e-12,
                               atol=1e-14)
    check_gradients(f, x, order=2)


@settings(deadline=None, max_examples=10)
@given(data=st.data())
def test_atan2_against_numpy_and_finite_differences(data):
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=2, max_side=3))
    away = st.floats(0.3, 3).flatmap(lambda m: st.sampled_from([m, -m]))  # off the origin
    y = data.draw(hnp.arrays(np.float64, shapes.input_shapes[0], elements=away))
    x = data.draw(hnp.arrays(np.float64, shapes.input_shapes[1], elements=away))
    np.testing.assert_allclose(tf.atan2(tf.constant(y), tf.constant(x)).numpy(),
                               np.arctan2(y, x), rtol=1e-12)
    check_gradients(tf.atan2, y, x, order=2)


def test_outside_their_domains_they_give_nan_or_inf_as_numpy():
    nan, inf = float("nan"), float("inf")
    assert np.isnan(tf.asin(tf.constant([2.0, nan])).numpy()).all()
    assert np.isnan(tf.acosh(tf.constant([0.5])).numpy()).all()
    assert tf.atanh(tf.constant([1.0, -1.0])).numpy().tolist() == [inf, -inf]
    assert np.isnan(tf.atanh(tf.constant([2.0])).numpy()).all()
    assert tf.sinh(tf.constant([100.0, -100.0])).numpy().tolist() == [inf, -inf]
    assert tf.cosh(tf.constant([-100.0])).numpy().tolist() == [inf]
    assert tf.math.expm1(tf.constant([1e-10, 100.0])).numpy().tolist() == \
        [np.float32(1e-10), inf]


def test_expm1_is_exact_where_exp_minus_one_is_not():
    tiny_x = tf.constant([1e-10], tf.float64)
    exact = math.expm1(1e-10)  # 1e-10 + 5e-21
    assert float(tf.math.expm1(tiny_x)[0]) == pytest.approx(exact, rel=1e-15, abs=0)
    assert abs(float((tf.exp(tiny_x) - 1)[0]) - exact) > 1e-9 * exact  # 8 digits lost


@pytest.mark.parametrize("name", sorted(TF))
def test_integers_are_refused(name):
    with pytest.raises(TypeError, match="floating-point"):
        getattr(tf.math, name)(tf.constant([1, 2]))


def test_atan2_refuses_integers_and_mixed_dtypes():
    with pytest.raises(TypeError, match="floating-point"):
        tf.atan2(tf.constant([1]), tf.constant([2]))
    with pytest.raises(TypeError, match="float64"):
        tf.atan2(tf.constant([1.0]), tf.constant([2.0], tf.float64))


def test_the_names_tensorflow_has():
    for name in ("asin", "acos", "atan", "atan2", "sinh", "cosh", "asinh", "acosh", "atanh"):
        assert getattr(tf, name) is getattr(tf.math, name)
    assert not hasattr(tf, "expm1") and callable(tf.math.expm1)  # (as in TensorFlow)
