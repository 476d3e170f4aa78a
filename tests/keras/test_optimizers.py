"""Optimizers: each update rule against a NumPy transcription of Keras 3's equations,
plus reference numbers produced by Keras itself, and the bookkeeping around them."""
import numpy as np
import pytest

import teachtensor as tf
from teachtensor.backend import numba_optimizers
from teachtensor import keras
from teachtensor.keras import optimizers
from teachtensor.keras.optimizers import SGD, Adagrad, Adam, RMSprop

# ---- NumPy references: Keras 3's update_step, one line per equation -----------------


def numpy_sgd(w, grads, learning_rate, momentum=0.0, nesterov=False):
    m = np.zeros_like(w)
    for g in grads:
        if momentum == 0:
            w = w - learning_rate * g
            continue
        m = momentum * m - learning_rate * g
        w = w + (momentum * m - learning_rate * g if nesterov else m)
    return w


def numpy_rmsprop(w, grads, learning_rate, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False):
    v, a, m = np.zeros_like(w), np.zeros_like(w), np.zeros_like(w)
    for g in grads:
        v = rho * v + (1 - rho) * g ** 2
        if centered:
            a = rho * a + (1 - rho) * g
            increment = learning_rate * g / np.sqrt(v - a ** 2 + epsilon)
        else:
            increment = learning_rate * g / np.sqrt(v + epsilon)
        if momentum > 0:
            m = momentum * m + increment
            w = w - m
        else:
            w = w - increment
    return w


def numpy_adam(w, grads, learning_rate, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False):
    m, v, vhat = np.zeros_like(w), np.zeros_like(w), np.zeros_like(w)
    for step, g in enumerate(grads):
        t = step + 1
        m = m + (g - m) * (1 - beta_1)
        v = v + (g ** 2 - v) * (1 - beta_2)
        alpha = learning_rate * np.sqrt(1 - beta_2 ** t) / (1 - beta_1 ** t)
        if amsgrad:
            vhat = np.maximum(vhat, v)
            w = w - alpha * m / (np.sqrt(vhat) + epsilon)
        else:
            w = w - alpha * m / (np.sqrt(v) + epsilon)
    return w


def numpy_adagrad(w, grads, learning_rate, initial_accumulator_value=0.1, epsilon=1e-7):
    acc = np.full_like(w, initial_accumulator_value)
    for g in grads:
        acc = acc + g ** 2
        w = w - learning_rate * g / np.sqrt(acc + epsilon)
    return w


def run(optimizer, w0, grads):
    """Apply ``grads`` one step at a time to a Variable starting at ``w0``."""
    v = tf.Variable(w0)
    for g in grads:
        optimizer.apply_gradients([(tf.constant(g), v)])
    return v


# Learning rates exactly representable in float32: the optimizer keeps its learning
# rate in a float32 Variable (as Keras does), so float64 results can be compared tightly.
CASES = [
    (SGD, numpy_sgd, dict(learning_rate=0.125)),
    (SGD, numpy_sgd, dict(learning_rate=0.125, momentum=0.9)),
    (SGD, numpy_sgd, dict(learning_rate=0.125, momentum=0.5, nesterov=True)),
    (RMSprop, numpy_rmsprop, dict(learning_rate=0.03125)),
    (RMSprop, numpy_rmsprop, dict(learning_rate=0.03125, rho=0.8, momentum=0.5)),
    (RMSprop, numpy_rmsprop, dict(learning_rate=0.03125, centered=True)),
    (RMSprop, numpy_rmsprop, dict(learning_rate=0.03125, centered=True, momentum=0.7)),
    (Adam, numpy_adam, dict(learning_rate=0.03125)),
    (Adam, numpy_adam, dict(learning_rate=0.03125, beta_1=0.5, beta_2=0.75, epsilon=1e-3)),
    (Adam, numpy_adam, dict(learning_rate=0.03125, amsgrad=True)),
    (Adagrad, numpy_adagrad, dict(learning_rate=0.25)),
    (Adagrad, numpy_adagrad, dict(learning_rate=0.25, initial_accumulator_value=0.5)),
]


def _grads(rng, shape, steps=5):
    # shrinking gradients after large ones exercise amsgrad's max(vhat, v)
    return [rng.normal(size=shape) * scale for scale in (1.0, 3.0, 0.5, 0.1, 2.0)[:steps]]


@pytest.mark.parametrize("cls, reference, kwargs", CASES,
                         ids=[f"{c.__name__}-{'-'.join(map(str, k.items()))}" for c, _, k in CASES])
def test_update_rule_matches_numpy_float64(cls, reference, kwargs, rng):
    w0 = rng.normal(size=(3, 4))
    grads = _grads(rng, w0.shape)
    v = run(cls(**kwargs), w0, grads)
    assert v.dtype == tf.float64
    np.testing.assert_allclose(v.numpy(), reference(w0, grads, **kwargs), rtol=1e-12, atol=1e-14)


def readable(optimizer):
    """The same optimizer without the fused kernel: its update_step, as operations."""
    optimizer.fused_rule = None
    return optimizer


@pytest.mark.parametrize("cls, reference, kwargs", CASES,
                         ids=[f"{c.__name__}-{'-'.join(map(str, k.items()))}" for c, _, k in CASES])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_fused_kernel_equals_the_readable_update_step(cls, reference, kwargs, dtype, rng):
    """backend.fused_update computes what update_step's operations compute."""
    w0 = rng.normal(size=(3, 4)).astype(dtype)
    grads = [g.astype(dtype) for g in _grads(rng, w0.shape)]
    fused = run(cls(**kwargs), w0, grads)
    by_operations = run(readable(cls(**kwargs)), w0, grads)
    tight = dict(rtol=1e-6, atol=1e-7) if dtype == np.float32 else dict(rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(fused.numpy(), by_operations.numpy(), **tight)
    np.testing.assert_allclose(by_operations.numpy(), reference(
        w0.astype(np.float64), [g.astype(np.float64) for g in grads], **kwargs),
        **(dict(rtol=2e-5, atol=1e-6) if dtype == np.float32 else dict(rtol=1e-12, atol=1e-14)))


@pytest.mark.parametrize("cls, reference, kwargs", CASES[::3])
def test_update_rule_matches_numpy_float32(cls, reference, kwargs, rng):
    w0 = rng.normal(size=(7,)).astype(np.float32)
    grads = [g.astype(np.float32) for g in _grads(rng, w0.shape)]
    v = run(cls(**kwargs), w0, grads)
    assert v.dtype == tf.float32
    expected = reference(w0.astype(np.float64), [g.astype(np.float64) for g in grads], **kwargs)
    np.testing.assert_allclose(v.numpy(), expected, rtol=2e-5, atol=1e-6)


# ---- subnormal slots: flushed to zero, as TensorFlow's CPU does --------------------------

DECAYING = [(SGD, dict(learning_rate=0.5, momentum=0.9)),
            (RMSprop, dict(learning_rate=0.01)),
            (RMSprop, dict(learning_rate=0.01, momentum=0.9, centered=True)),
            (Adam, dict(learning_rate=0.01, beta_2=0.9))]


def _decay_from_just_above_subnormal(optimizer, dtype, steps=400):
    """A Variable whose gradient is 0 from the start, with the optimizer's slots set to
    ten times the smallest normal number; then ``steps`` more steps of zero gradients.
    Returns (the weight, the slots' values)."""
    tiny = np.finfo(dtype).tiny
    w = tf.Variable(np.ones(3, dtype))
    zero = tf.constant(np.zeros(3, dtype))
    optimizer.apply_gradients([(zero, w)])  # creates the slots
    for slot in optimizer.variables[2:]:
        start = [10 * tiny, 10 * tiny, 0] if "velocity" in slot.name else [10 * tiny, -10 * tiny, 0]
        slot.assign(np.array(start, dtype))
    for _ in range(steps):
        optimizer.apply_gradients([(zero, w)])
    return w.numpy(), [s.numpy() for s in optimizer.variables[2:]]


@pytest.mark.parametrize("cls, kwargs", DECAYING, ids=lambda x: getattr(x, "__name__", str(x)))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_decaying_slots_reach_zero_instead_of_sticking_as_subnormals(cls, kwargs, dtype,
                                                                     monkeypatch):
    """Slots that decay by a factor each step (the gradient has become 0) reach the
    subnormal numbers, slow on CPUs, and stall a few steps above the smallest one (0.9
    times four of its steps rounds back to four).  The fused kernels flush them to exactly 0, as TensorFlow's CPU kernels
    do in hardware; the weights agree with the readable update_step's to the last bit."""
    if type(tf.backend.get_backend()).__name__ != "NumbaBackend":
        pytest.skip("the flushing is the Numba CPU kernels' (a GPU is not slowed down by "
                    "subnormals); other backends run Keras's equations as they are")
    # the kernels from the first step, even for this small variable (numba_cpu.py)
    monkeypatch.setattr(tf.backend.get_backend(), "fuse_after_steps", 0)
    tiny = np.finfo(dtype).tiny
    fused_w, fused_slots = _decay_from_just_above_subnormal(cls(**kwargs), dtype)
    readable_w, readable_slots = _decay_from_just_above_subnormal(readable(cls(**kwargs)), dtype)
    np.testing.assert_array_equal(fused_w, readable_w)
    assert len(fused_slots) == len(readable_slots) >= 1
    for flushed, stuck in zip(fused_slots, readable_slots):
        assert np.all(flushed == 0), flushed
        # Keras's equations as operations, which do not flush: stuck above zero
        assert np.all((np.abs(stuck[:2]) > 0) & (np.abs(stuck[:2]) < tiny)), stuck


# ---- reference numbers from Keras itself ------------------------------------------------
# Produced with Keras 3.15.1 (TensorFlow 2.21.0 backend): a float32 keras.Variable
# starting at W0, four apply_gradients steps with GRADS.  Keras computes in float32, as
# these kernels do, so the results agree to the last bit or nearly.
W0 = np.array([0.5, -1.0, 2.0, 0.1], np.float32)
GRADS = [np.array([0.3, -0.2, 1.5, 0.0], np.float32),
         np.array([-0.1, 0.4, 2.0, 0.05], np.float32),
         np.array([0.2, 0.2, -1.0, -0.3], np.float32),
         np.array([0.01, -0.02, 0.1, 0.0], np.float32)]
KERAS_RESULTS = [
    (SGD(0.1), [0.45899999141693115, -1.0379999876022339, 1.7400000095367432, 0.125]),
    (SGD(0.1, momentum=0.9),
     [0.38492998480796814, -1.0756200551986694, 1.12214994430542, 0.14344999194145203]),
    (SGD(0.1, momentum=0.9, nesterov=True),
     [0.3554370105266571, -1.1060580015182495, 0.9499349594116211, 0.16410499811172485]),
    (RMSprop(0.01),
     [0.4597914218902588, -1.009113073348999, 1.9537749290466309, 0.09961812943220139]),
    (RMSprop(0.01, momentum=0.5, centered=True),
     [0.4264620840549469, -1.0078377723693848, 1.9054946899414062, 0.09027547389268875]),
    (Adam(0.01),
     [0.4748735725879669, -1.0028660297393799, 1.9711121320724487, 0.10230252891778946]),
    (Adam(0.01, amsgrad=True),
     [0.4748742878437042, -1.0028660297393799, 1.9711121320724487, 0.10230033099651337]),
    (Adagrad(0.1),
     [0.41067034006118774, -1.0504491329193115, 1.8559826612472534, 0.15275895595550537]),
    (SGD(0.1, clipnorm=1.0),
     [0.46595945954322815, -1.0231081247329712, 1.8873083591461182, 0.1252872347831726]),
    (SGD(0.1, clipvalue=0.25),
     [0.46399998664855957, -1.0230000019073486, 1.965000033378601, 0.11999999731779099]),
    (SGD(0.1, global_clipnorm=1.0),
     [0.46595945954322815, -1.0231081247329712, 1.8873083591461182, 0.1252872347831726]),
]


@pytest.mark.parametrize("optimizer, expected", KERAS_RESULTS,
                         ids=[repr(o.get_config()) for o, _ in KERAS_RESULTS])
def test_matches_keras_reference_numbers(optimizer, expected):
    v = run(optimizer, W0, GRADS)
    np.testing.assert_allclose(v.numpy(), np.float32(expected), rtol=1e-6, atol=1e-7)
    clone = readable(type(optimizer).from_config(optimizer.get_config()))
    np.testing.assert_allclose(run(clone, W0, GRADS).numpy(), np.float32(expected),
                               rtol=1e-6, atol=1e-7)


# ---- clipping -------------------------------------------------------------------------

def test_clipnorm_rescales_each_gradient_to_the_norm():
    v1, v2 = tf.Variable([0.0, 0.0]), tf.Variable([0.0])
    SGD(1.0, clipnorm=1.0).apply_gradients([(tf.constant([3.0, 4.0]), v1),
                                            (tf.constant([0.5]), v2)])
    np.testing.assert_allclose(v1.numpy(), [-0.6, -0.8], rtol=1e-6)  # norm 5 -> 1
    np.testing.assert_allclose(v2.numpy(), [-0.5])                   # norm 0.5 stays


def test_global_clipnorm_rescales_all_gradients_together():
    v1, v2 = tf.Variable([0.0, 0.0]), tf.Variable([0.0])
    SGD(1.0, global_clipnorm=6.5).apply_gradients([(tf.constant([3.0, 4.0]), v1),
                                                   (tf.constant([12.0]), v2)])
    # global norm sqrt(9 + 16 + 144) = 13 -> scale 0.5
    np.testing.assert_allclose(v1.numpy(), [-1.5, -2.0], rtol=1e-6)
    np.testing.assert_allclose(v2.numpy(), [-6.0], rtol=1e-6)


def test_clipvalue_clips_each_element():
    v = tf.Variable([0.0, 0.0, 0.0])
    SGD(1.0, clipvalue=0.5).apply_gradients([(tf.constant([-2.0, 0.25, 9.0]), v)])
    np.testing.assert_allclose(v.numpy(), [0.5, -0.25, -0.5])


def test_only_one_kind_of_clipping():
    with pytest.raises(ValueError, match="Only one of `clipnorm`, `clipvalue`"):
        SGD(clipnorm=1.0, clipvalue=1.0)


# ---- state: iterations, slots, learning rate ------------------------------------------

def test_iterations_is_a_non_trainable_int64_step_counter():
    opt = Adam()
    assert opt.iterations.dtype == tf.int64 and not opt.iterations.trainable
    v = tf.Variable([1.0, 2.0])
    for _ in range(3):
        result = opt.apply_gradients(zip([tf.constant([0.1, 0.1])], [v]))
    assert int(opt.iterations) == 3 and result is opt.iterations


def test_slots_are_created_lazily_per_variable():
    opt = Adam(amsgrad=True)
    assert len(opt.variables) == 2  # iterations, learning_rate
    a, b = tf.Variable(np.ones((2, 3), np.float32), name="a"), tf.Variable([1.0], name="b")
    with pytest.warns(UserWarning, match=r"Gradients do not exist for variables \['b:0'\]"):
        opt.apply_gradients([(tf.ones((2, 3)), a), (None, b)])  # b: no gradient yet
    assert len(opt.variables) == 2 + 3
    opt.apply_gradients([(tf.ones((2, 3)), a), (tf.ones((1,)), b)])
    assert len(opt.variables) == 2 + 6
    slots = opt.variables[2:]
    assert all(not s.trainable for s in slots)
    assert [s.shape for s in slots[:3]] == [(2, 3)] * 3
    assert slots[0].name == "a_0_momentum"  # Keras 3: "a:0" with ":" made "_"
    assert [len(SGD().slot_names()), len(SGD(momentum=0.5).slot_names())] == [0, 1]
    assert RMSprop(momentum=0.1, centered=True).slot_names() == \
        ["velocity", "momentum", "average_gradient"]


def test_build_creates_slots_up_front():
    opt = Adagrad(initial_accumulator_value=0.3)
    v = tf.Variable(np.zeros(4, np.float32))
    opt.build([v])
    np.testing.assert_allclose(opt.variables[-1].numpy(), np.full(4, 0.3, np.float32))


def test_none_gradients_are_skipped():
    a, b = tf.Variable([1.0]), tf.Variable([1.0])
    SGD(0.5).apply_gradients([(None, a), (tf.constant([1.0]), b)])
    assert a.numpy()[0] == 1.0 and b.numpy()[0] == 0.5


def test_learning_rate_can_be_set_or_assigned():
    opt = SGD(learning_rate=0.5)
    assert isinstance(opt.learning_rate, tf.Variable) and float(opt.learning_rate) == 0.5
    opt.learning_rate = 0.25
    assert float(opt.learning_rate) == 0.25
    opt.learning_rate.assign(0.125)
    v = tf.Variable([1.0])
    opt.apply_gradients([(tf.constant([1.0]), v)])
    assert v.numpy()[0] == 0.875
    assert opt.learning_rate.dtype == tf.float32 and not opt.learning_rate.trainable


def test_learning_rate_schedule_is_called_with_the_step():
    opt = SGD(learning_rate=lambda step: 1.0 / (step + 1))
    v = tf.Variable([0.0])
    for _ in range(3):
        opt.apply_gradients([(tf.constant([1.0]), v)])
    np.testing.assert_allclose(v.numpy(), [-(1 + 1 / 2 + 1 / 3)], rtol=1e-6)
    with pytest.raises(TypeError, match="schedule"):
        opt.learning_rate = 0.1


def test_apply_is_apply_gradients_with_two_lists(rng):
    w0, g = rng.normal(size=5), rng.normal(size=5)
    a, b = tf.Variable(w0), tf.Variable(w0)
    Adam(0.1).apply([tf.constant(g)], [a])
    Adam(0.1).apply_gradients(zip([g], [b]))  # a NumPy gradient works too
    np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_variables_get_new_arrays_and_old_values_stay(rng):
    """Variables never write in place: a tensor read before the step keeps its value."""
    v = tf.Variable(rng.normal(size=(3,)).astype(np.float32))
    before = v.value()
    kept = before.numpy().copy()
    opt = RMSprop(0.1, momentum=0.5)
    opt.apply_gradients([(tf.ones(3), v)])
    slot_before = opt.variables[2].value()
    slot_kept = slot_before.numpy().copy()
    opt.apply_gradients([(tf.ones(3), v)])
    np.testing.assert_array_equal(before.numpy(), kept)
    np.testing.assert_array_equal(slot_before.numpy(), slot_kept)
    assert not np.array_equal(v.numpy(), kept)


def test_kernels_compile_few_signatures():
    for cls in (SGD, RMSprop, Adam, Adagrad):
        for dtype in (np.float32, np.float64):
            run(cls(momentum=0.5) if cls in (SGD, RMSprop) else cls(),
                np.ones(3, dtype), [np.ones(3, dtype)])
    for kernel in (numba_optimizers.sgd_kernel, numba_optimizers.rmsprop_kernel,
                   numba_optimizers.adam_kernel, numba_optimizers.adagrad_kernel):
        assert len(kernel.signatures) <= 2, kernel.signatures


def test_training_a_linear_model_reduces_the_loss(rng):
    x = rng.normal(size=(64, 2)).astype(np.float32)
    y = x @ np.array([[2.0], [-1.0]], np.float32) + 0.5
    w, b = tf.Variable(np.zeros((2, 1), np.float32)), tf.Variable(np.zeros(1, np.float32))

    def loss():
        return tf.reduce_mean(tf.square(tf.matmul(tf.constant(x), w) + b - y))

    first = float(loss())
    opt = optimizers.get("adam")
    opt.learning_rate = 0.1
    for _ in range(50):
        with tf.GradientTape() as tape:
            value = loss()
        opt.apply_gradients(zip(tape.gradient(value, [w, b]), [w, b]))
    assert float(loss()) < 0.05 * first


# ---- errors -------------------------------------------------------------------------

def test_gradient_of_wrong_shape_is_refused_before_any_change():
    a, b = tf.Variable([1.0, 2.0], name="a"), tf.Variable([[1.0, 2.0]], name="b")
    opt = SGD(0.1, momentum=0.9)
    with pytest.raises(ValueError, match=r"\(3,\).*'b:0' of shape \(1, 2\)"):
        opt.apply_gradients([(tf.constant([1.0, 1.0]), a), (tf.constant([1.0, 1.0, 1.0]), b)])
    assert a.numpy().tolist() == [1.0, 2.0] and int(opt.iterations) == 0


def test_no_gradients_at_all_is_an_error():
    with pytest.raises(ValueError, match="No gradients provided for any variable"):
        SGD().apply_gradients([(None, tf.Variable(1.0))])


def test_only_variables_can_be_updated():
    with pytest.raises(TypeError, match="Variable"):
        SGD().apply_gradients([(tf.constant(1.0), tf.constant(1.0))])
    with pytest.raises(TypeError, match="int32"):
        SGD().apply_gradients([(tf.constant(1), tf.Variable(1))])
    with pytest.raises(ValueError, match="2 gradients for 1 variables"):
        SGD().apply([1.0, 2.0], [tf.Variable(1.0)])


def test_sgd_momentum_must_be_between_0_and_1():
    with pytest.raises(ValueError, match="momentum"):
        SGD(momentum=1.5)


# ---- by name, and config ----------------------------------------------------------------

@pytest.mark.parametrize("name, cls", [("sgd", SGD), ("RMSprop", RMSprop), ("ADAM", Adam),
                                       ("adagrad", Adagrad)])
def test_get_by_name_ignores_case(name, cls):
    assert type(optimizers.get(name)) is cls


def test_get_passes_instances_through_and_explains_unknown_names():
    opt = Adam()
    assert optimizers.get(opt) is opt
    with pytest.raises(ValueError, match=r"adam.*adagrad.*rmsprop.*sgd|'adagrad', 'adam'"):
        optimizers.get("adamw_typo")


def test_default_hyperparameters_and_config_round_trip():
    assert float(RMSprop().learning_rate) == pytest.approx(0.001)
    assert float(SGD().learning_rate) == pytest.approx(0.01)
    opt = Adam(learning_rate=0.5, beta_1=0.8, amsgrad=True, clipnorm=2.0)
    config = opt.get_config()
    assert config["beta_1"] == 0.8 and config["amsgrad"] and config["clipnorm"] == 2.0
    clone = Adam.from_config(config)
    assert clone.get_config() == config and clone.name == "adam"


# ---- a step is all or nothing ------------------------------------------------------------

def _state(optimizer, variables):
    """Every number an optimizer step may change, as NumPy copies."""
    return ([v.numpy() for v in variables] + [s.numpy() for s in optimizer.variables],
            len(optimizer.variables))


def _assert_same_state(before, after):
    assert before[1] == after[1], "slots were created or forgotten"
    for old, new in zip(before[0], after[0]):
        np.testing.assert_array_equal(old, new)


class FailsOnSecondVariable(RMSprop):
    """An RMSprop whose update of the variable named 'second' fails half way through
    (after its slots were written), when ``error`` is set."""

    error = None

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fused_rule = None  # run update_step, written with self.assign

    def update_step(self, gradient, variable, learning_rate):
        super().update_step(gradient, variable, learning_rate)
        if self.error is not None and variable.name.startswith("second"):
            raise self.error


@pytest.mark.parametrize("error", [RuntimeError("boom"), KeyboardInterrupt()])
def test_a_step_that_fails_half_way_changes_nothing(error):
    first = tf.Variable([1.0, 2.0], name="first")
    second = tf.Variable([3.0], name="second")
    opt = FailsOnSecondVariable(learning_rate=0.1, momentum=0.5, centered=True)
    with pytest.warns(UserWarning, match="Gradients do not exist"):  # a step that works:
        opt.apply_gradients([(tf.ones(2), first), (None, second)])  # `first` has slots
    before = _state(opt, [first, second])
    opt.error = error
    with pytest.raises(type(error)):
        opt.apply_gradients([(tf.ones(2), first), (tf.ones(1), second)])
    _assert_same_state(before, _state(opt, [first, second]))  # second's slots forgotten
    assert int(opt.iterations) == 1
    opt.error = None
    opt.apply_gradients([(tf.ones(2), first), (tf.ones(1), second)])  # and it goes on
    assert int(opt.iterations) == 2 and len(opt.variables) == 2 + 6


def test_a_gradient_of_the_wrong_dtype_is_refused_before_any_change():
    a, b = tf.Variable([1.0], name="a"), tf.Variable([1.0], name="b")
    opt = Adam(0.1)
    with pytest.raises(TypeError, match=r"float64 gradient.*'b:0'"):
        opt.apply_gradients([(tf.ones(1), a), (tf.ones(1, dtype=tf.float64), b)])
    assert a.numpy()[0] == 1.0 and int(opt.iterations) == 0 and len(opt.variables) == 2


@pytest.mark.parametrize("how", ["SIGINT", "exception"])
def test_ctrl_c_never_leaves_a_step_half_done(how):
    """Interrupt many steps at random moments: every weight always moved by exactly
    `iterations` steps (SGD with learning rate 1 and gradients of 1).

    "SIGINT" sends a real Ctrl-C from another thread (the step finishes, then the
    KeyboardInterrupt arrives); "exception" raises KeyboardInterrupt at once from a
    timer signal, anywhere inside the step (which is then undone).
    """
    import random
    import signal
    import threading
    import time
    if not hasattr(signal, "setitimer"):
        pytest.skip("needs signal.setitimer")
    if how == "SIGINT" and signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        pytest.skip("Ctrl-C is ignored in this process (a shell's background job)")
    variables = [tf.Variable(np.zeros(n, np.float32)) for n in (3, 1000, 7, 20000)]
    grads = [tf.ones(v.shape) for v in variables]
    opt = SGD(1.0)
    opt.apply_gradients(zip(grads, variables))  # compiled before the interrupts start
    rng = random.Random(0)
    armed = []

    def raise_once(*_):
        if armed:          # one KeyboardInterrupt per round
            armed.clear()
            raise KeyboardInterrupt

    def send_sigint(delay):
        time.sleep(delay)
        os.kill(os.getpid(), signal.SIGINT)

    import os
    interrupted = 0
    previous = signal.signal(signal.SIGALRM, raise_once)
    try:
        for _ in range(40):
            delay = rng.uniform(1e-5, 2e-3)
            sender = threading.Thread(target=send_sigint, args=(delay,))
            try:
                if how == "SIGINT":
                    sender.start()
                else:
                    armed.append(True)
                    signal.setitimer(signal.ITIMER_REAL, delay)
                for _ in range(3000):  # (an interrupt that lands in a finalizer is lost)
                    opt.apply_gradients(zip(grads, variables))
                if how == "SIGINT":
                    sender.join()  # the Ctrl-C may still be on its way
            except KeyboardInterrupt:
                interrupted += 1
            if sender.is_alive():
                sender.join()
            steps = int(opt.iterations)
            for v in variables:
                np.testing.assert_array_equal(v.numpy(), -float(steps))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert interrupted >= 30


def test_a_subclass_with_its_own_update_step_runs_it():
    """A fused kernel runs only for the update_step it fuses."""
    class SignSGD(SGD):
        def update_step(self, gradient, variable, learning_rate):
            self.assign_sub(variable, tf.sign(gradient) * learning_rate)

    w = tf.Variable([0.0, 0.0])
    SignSGD(0.125).apply_gradients([(tf.constant([5.0, -3.0]), w)])
    np.testing.assert_array_equal(w.numpy(), [-0.125, 0.125])

    class Rescaled(RMSprop):  # a subclass keeping update_step keeps the kernel
        pass

    a, b = tf.Variable([1.0, 2.0]), tf.Variable([1.0, 2.0])
    Rescaled(0.1).apply_gradients([(tf.ones(2), a)])
    RMSprop(0.1).apply_gradients([(tf.ones(2), b)])
    np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_ctrl_c_under_the_default_handler_still_ends_the_program():
    """With SIGINT set to SIG_DFL, a Ctrl-C during a step ends the process (after the
    step), as it would without teachtensor."""
    import subprocess
    import sys
    code = "\n".join([
        "import os, signal, threading, time",
        "import teachtensor as tf",
        "from teachtensor import keras",
        "signal.signal(signal.SIGINT, signal.SIG_DFL)",
        "v = tf.Variable(tf.zeros(100000)); g = tf.ones(100000); opt = keras.optimizers.Adam()",
        "opt.apply_gradients([(g, v)])",
        "threading.Timer(0.2, lambda: os.kill(os.getpid(), signal.SIGINT)).start()",
        "for _ in range(200000): opt.apply_gradients([(g, v)])",
        "print('not interrupted')",
    ])
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == -2 and "not interrupted" not in result.stdout, result


# ---- learning-rate schedules (keras.optimizers.schedules) ----------------------------------

@pytest.mark.parametrize("schedule, steps, keras_rates", [
    # what Keras 3.15 computed (float32) for the same schedules and steps
    (lambda s: s.ExponentialDecay(0.1, 10, 0.5), (0, 5, 10, 15),
     [0.10000000149, 0.07071068138, 0.05000000075, 0.03535534069]),
    (lambda s: s.ExponentialDecay(0.1, 10, 0.5, staircase=True), (15,), [0.05000000075]),
    (lambda s: s.PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1]), (15,), [0.5]),
    (lambda s: s.CosineDecay(0.1, 100), (50,), [0.04999999702]),
    (lambda s: s.CosineDecay(0.0, 100, warmup_target=0.1, warmup_steps=10), (5,),
     [0.05000000075]),
    (lambda s: s.PolynomialDecay(0.1, 100, 0.01, power=2.0), (50,), [0.03249999881]),
    (lambda s: s.InverseTimeDecay(0.1, 10, 0.5), (15,), [0.05714285746]),
])
def test_schedules_give_keras_rates(schedule, steps, keras_rates):
    made = schedule(keras.optimizers.schedules)
    assert [made(step) for step in steps] == pytest.approx(keras_rates, rel=1e-6)
    again = type(made).from_config(made.get_config())
    assert [again(step) for step in steps] == [made(step) for step in steps]


def test_an_optimizer_with_a_schedule_uses_each_steps_rate():
    schedule = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=1, decay_rate=0.5)
    v = tf.Variable([1.0])
    optimizer = keras.optimizers.SGD(learning_rate=schedule)
    for step in range(3):
        assert float(optimizer.learning_rate) == pytest.approx(0.1 * 0.5 ** step)
        optimizer.apply_gradients([(tf.constant([1.0]), v)])
    assert float(v.numpy()[0]) == pytest.approx(1.0 - 0.1 - 0.05 - 0.025)
    with pytest.raises(TypeError, match="schedule"):
        optimizer.learning_rate = 0.01
    with pytest.raises(ValueError, match="decay_steps must be a positive"):
        keras.optimizers.schedules.ExponentialDecay(0.1, 0, 0.5)
    with pytest.raises(ValueError, match="one value more than boundaries"):
        keras.optimizers.schedules.PiecewiseConstantDecay([10], [1.0])


def test_a_schedule_is_saved_with_the_model_as_keras_writes_it(tmp_path):
    import json
    import zipfile
    schedule = keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.5)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(schedule), loss="mse")
    model.fit(np.ones((8, 2), "float32"), np.ones((8, 1), "float32"), batch_size=2,
              verbose=0)
    model.save(tmp_path / "m.keras")
    config = json.loads(zipfile.ZipFile(tmp_path / "m.keras").read("config.json"))
    assert config["compile_config"]["optimizer"]["config"]["learning_rate"] == {
        "module": "keras.optimizers.schedules", "class_name": "ExponentialDecay",
        "config": {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5,
                   "staircase": False, "name": "ExponentialDecay"},
        "registered_name": None}  # as Keras 3.15 wrote it
    loaded = keras.models.load_model(tmp_path / "m.keras")
    assert isinstance(loaded.optimizer._schedule, keras.optimizers.schedules.ExponentialDecay)
    assert float(loaded.optimizer.learning_rate) == pytest.approx(0.1 * 0.5 ** 0.4)


def test_schedules_take_tensor_and_array_steps_and_give_a_tensor_rate():
    """As in Keras: optimizer.iterations (a tensor) or an array of steps (to plot the
    schedule) as the step, and learning_rate a float32 tensor with .numpy()."""
    schedules = keras.optimizers.schedules
    optimizer = keras.optimizers.SGD(0.1)
    assert schedules.CosineDecay(0.1, 100)(optimizer.iterations) == pytest.approx(0.1)
    warm = schedules.CosineDecay(0.0, 100, warmup_target=0.2, warmup_steps=20)
    assert warm(tf.constant(10)) == pytest.approx(0.1)
    np.testing.assert_allclose(schedules.ExponentialDecay(0.1, 10, 0.5)(np.arange(0, 30, 10)),
                               [0.1, 0.05, 0.025])
    np.testing.assert_allclose(
        schedules.PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1])(tf.range(8, 23, 3)),
        [1.0, 0.5, 0.5, 0.5, 0.5])
    scheduled = keras.optimizers.SGD(learning_rate=schedules.ExponentialDecay(0.1, 10, 0.5))
    assert scheduled.learning_rate.numpy() == np.float32(0.1)
    import json
    written = json.loads(json.dumps(scheduled.get_config()))
    assert written["learning_rate"]["class_name"] == "ExponentialDecay"
    again = keras.optimizers.SGD.from_config(written)
    assert float(again.learning_rate) == pytest.approx(0.1)


# ---- decoupled weight decay: Optimizer(weight_decay=...), AdamW (Keras 3.15's numbers) ----

_DECAY_X = np.linspace(-1, 1, 24, dtype="float32").reshape(8, 3)
_DECAY_Y = np.linspace(0, 1, 8, dtype="float32").reshape(8, 1)
WEIGHT_DECAY_CASES = [
    (lambda: keras.optimizers.SGD(0.1, weight_decay=0.05), [0.51955, 0.256815, 0.149127],
     [0.275986, 0.272912, 0.269839, 0.061691, 0.051546, 0.395736]),
    (lambda: keras.optimizers.SGD(0.1, momentum=0.9, weight_decay=0.05),
     [0.51955, 0.10211, 0.06758], [0.251006, 0.238783, 0.22656, -0.043532, 0.421452, 0.855846]),
    (lambda: keras.optimizers.Adam(0.01, weight_decay=0.1), [0.519481, 0.479239, 0.441663],
     [0.273248, 0.252951, 0.252262, 0.049699, -0.152525, 0.047346]),
    (lambda: keras.optimizers.AdamW(0.01), [0.519811, 0.480123, 0.442927],
     [0.27493, 0.254542, 0.253856, 0.050154, -0.153541, 0.047453]),
    (lambda: keras.optimizers.AdamW(0.01, weight_decay=0.2, amsgrad=True),
     [0.519137, 0.478323, 0.440361], [0.271511, 0.251304, 0.250611, 0.049227, -0.151472, 0.047236]),
    (lambda: keras.optimizers.RMSprop(0.01, weight_decay=0.1), [0.467407, 0.384345, 0.338634],
     [0.228911, 0.196538, 0.195355, -0.005031, -0.096179, 0.107832]),
    (lambda: keras.optimizers.Adagrad(0.1, weight_decay=0.1), [0.475901, 0.281582, 0.207125],
     [0.238101, 0.229576, 0.221524, -0.000503, 0.018747, 0.243444]),
]


@pytest.mark.parametrize("case", range(len(WEIGHT_DECAY_CASES)))
def test_weight_decay_as_keras_applies_it(case):
    make, losses, weights = WEIGHT_DECAY_CASES[case]
    constant = keras.initializers.Constant
    model = keras.Sequential([
        keras.Input((3,)),
        keras.layers.Dense(2, activation="tanh", kernel_initializer=constant(0.3),
                           bias_initializer=constant(0.1)),
        keras.layers.Dense(1, kernel_initializer=constant(-0.2))])
    model.compile(optimizer=make(), loss="mse")
    history = model.fit(_DECAY_X, _DECAY_Y, batch_size=4, epochs=3, verbose=0, shuffle=False)
    np.testing.assert_allclose(history.history["loss"], losses, atol=2e-6)
    flat = np.concatenate([w.ravel() for w in model.get_weights()])
    # (the two units of the first layer start alike, so they stay alike: every other one)
    np.testing.assert_allclose(flat[[0, 2, 4, 6, 8, 10]], weights, atol=2e-6)


def test_variables_can_be_left_out_of_the_decay():
    opt = keras.optimizers.AdamW(0.1, weight_decay=0.5)
    kernel, bias = tf.Variable([1.0, -2.0], name="kernel"), tf.Variable([1.0, 1.0], name="bias")
    other = tf.Variable([1.0], name="other")
    opt.exclude_from_weight_decay(var_list=[other], var_names=["bias"])
    opt.apply_gradients([(tf.constant([0.5, 0.5]), kernel), (tf.constant([0.5, 0.5]), bias),
                         (tf.constant([0.5]), other)])
    np.testing.assert_allclose(kernel.numpy(), [0.850001, -1.999999], atol=2e-6)  # Keras 3.15
    np.testing.assert_allclose(bias.numpy(), [0.900001, 0.900001], atol=2e-6)
    np.testing.assert_allclose(other.numpy(), [0.900001], atol=2e-6)


def test_weight_decay_is_in_the_config_and_checked():
    assert keras.optimizers.AdamW().get_config()["weight_decay"] == 0.004
    assert keras.optimizers.SGD().get_config()["weight_decay"] is None
    config = keras.saving.serialize_keras_object(keras.optimizers.Adam(weight_decay=0.01))
    assert keras.saving.deserialize_keras_object(config).weight_decay == 0.01
    assert isinstance(keras.optimizers.get("adamw"), keras.optimizers.AdamW)
    with pytest.raises(ValueError, match="weight_decay must be >= 0"):
        keras.optimizers.SGD(weight_decay=-0.1)
    with pytest.raises(ValueError, match="AdamW: weight_decay must be a number"):
        keras.optimizers.AdamW(weight_decay=None)
    with pytest.raises(ValueError, match="teachtensor has no use_ema"):
        keras.optimizers.Adam(use_ema=True)
    keras.optimizers.Adam(use_ema=False, ema_momentum=0.99)  # Keras's defaults, accepted


def test_a_failed_step_undoes_the_decay_too(monkeypatch):
    opt = keras.optimizers.SGD(0.1, weight_decay=0.5)
    weight = tf.Variable([1.0, 2.0])

    def fails(*args):
        raise RuntimeError("the update failed")
    monkeypatch.setattr(opt, "_update", fails)  # after the decay has been written
    with pytest.raises(RuntimeError, match="the update failed"):
        opt.apply_gradients([(tf.constant([1.0, 1.0]), weight)])
    np.testing.assert_array_equal(weight.numpy(), [1.0, 2.0])
    assert int(opt.iterations.numpy()) == 0


def test_an_optimizer_refuses_variables_it_was_not_built_for():
    """As Keras 3: the variables of its first step (or of build) are its variables. A
    student who passes one optimizer to a second model would otherwise go on counting
    its steps (and Adam's bias correction) from the first model's."""
    opt = Adam(0.01)
    a, b = tf.Variable([1.0], name="a"), tf.Variable([2.0], name="b")
    opt.apply_gradients([(tf.ones((1,)), a)])
    with pytest.raises(ValueError, match=r"Unknown variable: 'b:0'. This Adam was built for "
                                         r"other variables.*step count \(1\).*"
                                         r"keras.optimizers.Adam\(...\)"):
        opt.apply_gradients([(tf.ones((1,)), b)])
    assert int(opt.iterations) == 1 and b.numpy().tolist() == [2.0]
    built = SGD(0.1)
    built.build([a, b])
    built.apply_gradients([(tf.ones((1,)), b)])  # built for both: either may come
    built.apply_gradients([(tf.ones((1,)), a)])


def test_one_optimizer_for_two_models_is_refused_at_the_second_fit():
    x = np.ones((8, 2), np.float32)
    y = np.ones((8, 1), np.float32)
    opt = keras.optimizers.Adam(1e-2)
    first, second = (keras.Sequential([keras.layers.Dense(1)]) for _ in range(2))
    first.compile(optimizer=opt, loss="mse")
    first.fit(x, y, epochs=1, verbose=0)
    second.compile(optimizer=opt, loss="mse")
    second.build((None, 2))
    before = second.get_weights()
    with pytest.raises(ValueError, match="Make a new optimizer for each model"):
        second.fit(x, y, epochs=1, verbose=0)
    for got, want in zip(second.get_weights(), before):
        np.testing.assert_array_equal(got, want)
