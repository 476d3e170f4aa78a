"""The scalar graph (``teachtensor.scalar.Value``) against the tensor path."""
import math

import pytest
from hypothesis import given, strategies as st

import teachtensor as tf
from teachtensor.scalar import Value

TENSOR_FN = {"exp": tf.exp, "log": tf.math.log, "tanh": tf.tanh, "sigmoid": tf.nn.sigmoid,
             "sin": tf.sin, "cos": tf.cos, "relu": tf.nn.relu}


def fn(name, x):
    """x.name() for a Value, tf.name(x) for a tensor: one expression, two paths."""
    return getattr(x, name)() if isinstance(x, Value) else TENSOR_FN[name](x)


EXPRESSIONS = {
    "product plus tanh": lambda a, b: a * b + fn("tanh", a),
    "quotient": lambda a, b: (a - b) / (a * a + 1),
    "exp and log": lambda a, b: fn("log", fn("exp", a * b) + 1) * b,
    "powers": lambda a, b: a ** 3 - 2 / b + fn("sigmoid", a * b),
    "trigonometry": lambda a, b: fn("sin", a) * fn("cos", b) - fn("relu", a - b),
    "reflected operators": lambda a, b: 3 - a + 2 * b - 1 / b + (-a) * 0.5,
    "reuse": lambda a, b: (a * b) * (a * b) + a,
}

away_from_zero = st.one_of(st.floats(-2, -0.3), st.floats(0.3, 2))


def _tensor_grads(expr, a, b):
    ta, tb = tf.constant(a, dtype=tf.float64), tf.constant(b, dtype=tf.float64)
    with tf.GradientTape() as tape:
        tape.watch([ta, tb])
        y = expr(ta, tb)
    ga, gb = tape.gradient(y, [ta, tb])
    return float(y), float(ga), float(gb)


@pytest.mark.parametrize("name", sorted(EXPRESSIONS))
@given(a=away_from_zero, b=away_from_zero)
def test_backward_matches_the_tensor_path(name, a, b):
    expr = EXPRESSIONS[name]
    if name == "trigonometry":
        b = a + math.copysign(max(abs(b), 0.3), b)  # a - b away from relu's kink
    va, vb = Value(a), Value(b)
    y = expr(va, vb)
    y.backward()
    value, ga, gb = _tensor_grads(expr, a, b)
    assert y.data == pytest.approx(value, rel=1e-9, abs=1e-12)
    assert va.grad == pytest.approx(ga, rel=1e-9, abs=1e-12)
    assert vb.grad == pytest.approx(gb, rel=1e-9, abs=1e-12)


def test_docstring_example():
    a, b = Value(2.0), Value(-3.0)
    y = a * b + a.tanh()
    y.backward()
    assert a.grad == pytest.approx(-3 + 1 - math.tanh(2.0) ** 2)
    assert b.grad == pytest.approx(2.0)


def test_backward_twice_does_not_accumulate():
    a = Value(3.0)
    y = a * a
    y.backward()
    y.backward()
    assert a.grad == 6.0


def test_values_under_a_gradient_tape():
    x = Value(3.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x + x.exp()
    g = tape.gradient(y, x)
    assert float(g) == pytest.approx(6 + math.exp(3.0))
    unconnected = Value(1.0)
    with tf.GradientTape() as tape:
        tape.watch([x, unconnected])
        y = x * 2
    gx, gu = tape.gradient(y, [x, unconnected])
    assert float(gx) == 2.0 and gu is None


def test_values_are_not_recorded_unless_watched():
    x = Value(3.0)
    with tf.GradientTape() as tape:
        y = x * x
    assert tape.gradient(y, x) is None


@given(x=st.floats(-3, 3))
def test_nested_tapes_give_second_and_third_derivatives(x):
    v = Value(x)
    with tf.GradientTape() as t3:
        t3.watch(v)
        with tf.GradientTape() as t2:
            t2.watch(v)
            with tf.GradientTape() as t1:
                t1.watch(v)
                y = v ** 3 + v.sin()
            dy = t1.gradient(y, v)
        d2y = t2.gradient(dy, v)
    d3y = t3.gradient(d2y, v)
    assert float(dy) == pytest.approx(3 * x * x + math.cos(x), abs=1e-12)
    assert float(d2y) == pytest.approx(6 * x - math.sin(x), abs=1e-12)
    assert float(d3y) == pytest.approx(6 - math.cos(x), abs=1e-12)


def test_falling_apple_on_values():
    t = Value(2.0)
    with tf.GradientTape() as outer:
        outer.watch(t)
        with tf.GradientTape() as inner:
            inner.watch(t)
            position = 4.9 * t ** 2
        speed = inner.gradient(position, t)
    acceleration = outer.gradient(speed, t)
    assert float(speed) == pytest.approx(19.6)
    assert float(acceleration) == pytest.approx(9.8)


def test_relu_and_repr():
    a = Value(-1.0)
    y = a.relu() + a * 2
    y.backward()
    assert a.grad == 2.0 and y.data == -2.0
    assert repr(Value(1.5)) == "Value(data=1.5, grad=0)"
    assert float(Value(2.5)) == 2.5


def test_only_constant_exponents():
    with pytest.raises(AssertionError, match="constant exponents"):
        Value(2.0) ** Value(3.0)
