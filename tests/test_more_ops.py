"""Activations (elu selu gelu leaky_relu erf), norms and clipping, pad, einsum, solve /
inv / det, and GradientTape.batch_jacobian.

Each operation is checked three ways: its values against numbers TensorFlow 2.21
printed (kept here as constants, so TensorFlow is not needed to run the tests), its
values against NumPy on shapes drawn by hypothesis, and its first and second
derivatives against finite differences (``check_gradients(..., order=2)``).  Then the
errors for bad arguments, and the names under which TensorFlow and Keras offer them.

The file runs on every backend: ``make test`` runs it again on the strict backend and
on the CUDA backend under Numba's simulator (sizes are tiny for that reason).
"""
import numpy as np
import pytest
from hypothesis import assume, given, strategies as st
from hypothesis.extra import numpy as hnp

import teachtensor as tf
from teachtensor import keras
from teachtensor.testing import check_gradients

tiny = hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=3)
tiny_nonscalar = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=3)


def arrays(shape, lo=-2.0, hi=2.0):
    return hnp.arrays(np.float64, shape, elements=st.floats(lo, hi))


def away_from_zero(shape, lo=0.2, hi=2.0):
    """Values with lo <= |x| <= hi, both signs: away from the kinks at 0."""
    signs = hnp.arrays(np.float64, shape, elements=st.sampled_from([-1.0, 1.0]))
    return st.tuples(arrays(shape, lo, hi), signs).map(lambda t: t[0] * t[1])


def close(t, expected, rtol=1e-5, atol=1e-6):
    np.testing.assert_allclose(np.asarray(t), np.asarray(expected, dtype=np.float64),
                               rtol=rtol, atol=atol)


# ---- activations: TensorFlow's numbers ----------------------------------------------

X = [-3.0, -1.0, -0.5, 0.0, 0.5, 2.0]
# tf.nn.<name>(tf.constant(X)) and keras.activations.<name>, printed by TensorFlow 2.21
TF_ACTIVATIONS = {
    "elu": [-0.9502129554748535, -0.6321205496788025, -0.39346933364868164, 0.0, 0.5, 2.0],
    "selu": [-1.6705687046051025, -1.1113307476043701, -0.6917581558227539, 0.0,
             0.5253505110740662, 2.1014020442962646],
    "gelu": [-0.004049695562571287, -0.15865525603294373, -0.1542687714099884, 0.0,
             0.3457312285900116, 1.9544997215270996],
    "leaky_relu": [-0.6000000238418579, -0.20000000298023224, -0.10000000149011612, 0.0,
                   0.5, 2.0],
}
TF_GELU_APPROXIMATE = [-0.0036374330520629883, -0.15880799293518066, -0.1542859971523285,
                       0.0, 0.3457140028476715, 1.9545977115631104]
TF_ERF = [-0.9999780058860779, -0.8427008390426636, -0.5204998850822449, 0.0,
          0.5204998850822449, 0.9953223466873169]

# first and second derivatives at Z (the kink at 0, and far out where exp under/overflows)
Z = [0.0, -1.0, 1.0, 50.0, -50.0]
TF_DERIVATIVES = {
    "elu": ([1.0, 0.3678794503211975, 1.0, 1.0, 0.0], [0.0, 0.3678794503211975, 0.0, 0.0, 0.0]),
    "selu": ([1.0507010221481323, 0.6467685699462891, 1.0507010221481323, 1.0507010221481323,
              0.0], [0.0, 0.6467685699462891, 0.0, 0.0, 0.0]),
    "gelu": ([0.5, -0.08331549167633057, 1.0833154916763306, 1.0, 0.0],
             [0.7978845834732056, 0.2419707477092743, 0.2419707477092743, 0.0, 0.0]),
    "leaky_relu": ([0.2, 0.2, 1.0, 1.0, 0.2], [0.0, 0.0, 0.0, 0.0, 0.0]),
}


@pytest.mark.parametrize("name", sorted(TF_ACTIVATIONS))
def test_activations_match_tensorflow(name):
    x = tf.constant(X)
    close(getattr(tf.nn, name)(x), TF_ACTIVATIONS[name])
    close(keras.activations.get(name)(x), TF_ACTIVATIONS[name])
    assert getattr(tf.nn, name)(x).dtype == tf.float32


def test_activation_options_match_tensorflow():
    x = tf.constant(X)
    close(tf.nn.gelu(x, approximate=True), TF_GELU_APPROXIMATE)
    close(keras.activations.gelu(x, approximate=True), TF_GELU_APPROXIMATE)
    close(tf.nn.leaky_relu(x, alpha=0.1), [-0.3, -0.1, -0.05, 0.0, 0.5, 2.0])
    close(keras.activations.leaky_relu(x, negative_slope=0.5), [-1.5, -0.5, -0.25, 0, 0.5, 2])
    close(keras.activations.elu(x, alpha=2.0), [-1.900425910949707, -1.264241099357605,
                                                -0.7869386672973633, 0.0, 0.5, 2.0])
    close(tf.math.erf(x), TF_ERF)
    # integers: leaky_relu converts to float32 (as TensorFlow); the others refuse them
    close(tf.nn.leaky_relu(tf.constant([-2, 3])), [-0.4, 3.0])
    assert tf.nn.leaky_relu(tf.constant([-2, 3])).dtype == tf.float32


@pytest.mark.parametrize("name", sorted(TF_DERIVATIVES))
def test_activation_derivatives_at_the_kinks_match_tensorflow(name):
    z = tf.constant(Z)
    with tf.GradientTape() as outer:
        outer.watch(z)
        with tf.GradientTape() as inner:
            inner.watch(z)
            y = getattr(tf.nn, name)(z)
        first = inner.gradient(y, z)
    # (leaky_relu's gradient does not depend on x at all: None, where TensorFlow says 0)
    second = outer.gradient(first, z, unconnected_gradients="zero")
    close(first, TF_DERIVATIVES[name][0])
    close(second, TF_DERIVATIVES[name][1])


ACTIVATION_GRADIENTS = [
    ("elu", tf.nn.elu, away_from_zero),
    ("elu alpha", lambda x: keras.activations.elu(x, alpha=0.7), away_from_zero),
    ("selu", tf.nn.selu, away_from_zero),
    ("gelu", tf.nn.gelu, arrays),
    ("gelu approximate", lambda x: tf.nn.gelu(x, approximate=True), arrays),
    ("leaky_relu", lambda x: tf.nn.leaky_relu(x) * x, away_from_zero),
    ("erf", tf.math.erf, arrays),
]


@pytest.mark.parametrize("name, f, inputs", ACTIVATION_GRADIENTS,
                         ids=[a[0] for a in ACTIVATION_GRADIENTS])
@given(data=st.data())
def test_activation_gradients(name, f, inputs, data):
    check_gradients(f, data.draw(inputs(data.draw(tiny))), order=2)


@given(x=hnp.arrays(np.float64, tiny, elements=st.floats(-60, 60)))
def test_activations_against_numpy(x):
    t = tf.constant(x)
    negative = np.minimum(x, 0)
    close(tf.nn.elu(t), np.where(x < 0, np.expm1(negative), x), atol=1e-12)
    close(tf.nn.leaky_relu(t, alpha=0.3), np.where(x > 0, x, 0.3 * x))
    erf = np.vectorize(__import__("math").erf)(x / np.sqrt(2))
    close(tf.nn.gelu(t), 0.5 * x * (1 + erf), atol=1e-12)
    assert not np.isnan(np.asarray(tf.nn.selu(t))).any()


# ---- norms and clipping ----------------------------------------------------------------

M = [[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]]
TF_NORMS = [  # (keyword arguments of tf.norm, what TensorFlow 2.21 gives for M)
    ({}, 9.539392471313477),
    (dict(ord=1), 21.0),
    (dict(ord=1, axis=1), [6.0, 15.0]),
    (dict(ord=np.inf, axis=1), [3.0, 6.0]),
    (dict(ord=3, axis=1), [3.301927328109741, 7.398636817932129]),
    (dict(ord=0.5, axis=0), [9.0, 13.324554443359375, 17.485280990600586]),
    (dict(ord="fro", axis=[-2, -1], keepdims=True), [[9.539392471313477]]),
    (dict(ord=1, axis=[0, 1]), 9.0),          # the largest column sum
    (dict(ord=np.inf, axis=[0, 1]), 15.0),    # the largest row sum
    (dict(ord=np.inf, axis=[1, 0]), 9.0),     # rows and columns swapped
    (dict(keepdims=True), [[9.539392471313477]]),
]


@pytest.mark.parametrize("kwargs, expected", TF_NORMS, ids=[str(k) for k, _ in TF_NORMS])
def test_norm_matches_tensorflow(kwargs, expected):
    result = tf.norm(tf.constant(M), **kwargs)
    assert result.shape == np.shape(expected)
    close(result, expected)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # (divisions by 0, on purpose)
def test_norm_gradient_at_zero_is_nan_for_the_euclidean_norm_as_in_tensorflow():
    for ord, expected in [("euclidean", np.nan), (1, 0.0), (np.inf, 0.0), (3, np.nan)]:
        z = tf.zeros((3,))
        with tf.GradientTape() as tape:
            tape.watch(z)
            y = tf.norm(z, ord=ord)
        np.testing.assert_array_equal(tape.gradient(y, z).numpy(), [expected] * 3)


@st.composite
def vector_norm_cases(draw):
    shape = draw(tiny_nonscalar)
    axis = draw(st.one_of(st.none(), st.integers(-len(shape), len(shape) - 1)))
    ord = draw(st.sampled_from(["euclidean", 1, 2, 3, 0.5, np.inf]))
    return draw(away_from_zero(shape)), ord, axis, draw(st.booleans())


@given(case=vector_norm_cases())
def test_vector_norms_against_numpy(case):
    x, ord, axis, keepdims = case
    flat = x.reshape(-1) if axis is None else x
    expected = np.linalg.norm(flat, ord=None if ord == "euclidean" else ord,
                              axis=None if axis is None else axis)
    if keepdims:
        expected = np.reshape(expected, [1 if axis is None or i == axis % x.ndim else n
                                         for i, n in enumerate(x.shape)])
    close(tf.norm(tf.constant(x), ord=ord, axis=axis, keepdims=keepdims), expected)


def _no_ties(values):
    """Whether the largest of ``values`` beats the others by 0.05: a max with a tie has
    no derivative, so finite differences would disagree with any choice."""
    flat = np.sort(np.ravel(values))
    return flat.size < 2 or flat[-1] - flat[-2] > 0.05


@given(case=vector_norm_cases())
def test_vector_norm_gradients(case):
    x, ord, axis, keepdims = case
    if ord == np.inf:
        picked = np.abs(x).reshape(-1) if axis is None else np.moveaxis(np.abs(x), axis, -1)
        assume(all(_no_ties(row) for row in picked.reshape(-1, picked.shape[-1])))
    check_gradients(lambda t: tf.norm(t, ord=ord, axis=axis, keepdims=keepdims), x, order=2)


@given(data=st.data())
def test_matrix_norms_against_numpy_and_their_gradients(data):
    x = data.draw(away_from_zero(data.draw(hnp.array_shapes(min_dims=2, max_dims=3,
                                                              max_side=3))))
    rows, columns = data.draw(st.permutations(range(x.ndim)))[:2]
    ord = data.draw(st.sampled_from(["fro", "euclidean", 1, np.inf]))
    expected = np.linalg.norm(x, ord="fro" if ord == "euclidean" else ord,
                              axis=(rows, columns))
    result = tf.norm(tf.constant(x), ord=ord, axis=[rows, columns])
    close(result, expected)
    if ord in (1, np.inf):  # the max over sums needs a clear winner
        summed = columns if ord == np.inf else rows
        sums = np.moveaxis(np.abs(x).sum(axis=summed, keepdims=True), (rows, columns), (-2, -1))
        assume(all(_no_ties(m) for m in sums.reshape(-1, sums.shape[-2] * sums.shape[-1])))
    check_gradients(lambda t: tf.norm(t, ord=ord, axis=(rows, columns)), x, order=2)


def test_clip_by_norm_matches_tensorflow():
    m = tf.constant(M)
    close(tf.clip_by_norm(m, 5.0), [[0.5241423845291138, -1.0482847690582275, 1.5724271535873413],
                                    [-2.096569538116455, 2.6207120418548584, -3.1448543071746826]])
    close(tf.clip_by_norm(m, 5.0, axes=[1]),     # only the second row is longer than 5
          [[1.0, -2.0, 3.0], [-2.2792115211486816, 2.8490145206451416, -3.4188172817230225]])
    close(tf.clip_by_norm(m, tf.constant([5.0, 1.0, 2.0])),
          [[0.5241423845291138, -0.2096569538116455, 0.6289708614349365],
           [-2.096569538116455, 0.5241423845291138, -1.257941722869873]])
    close(tf.clip_by_norm(m, 100.0), M)                       # small enough: unchanged
    close(tf.clip_by_norm(m, -1.0), np.zeros((2, 3)))         # a negative bound counts as 0
    zeros = tf.zeros(3)
    with tf.GradientTape() as tape:
        tape.watch(zeros)
        y = tf.clip_by_norm(zeros, 1.0)
    close(y, [0, 0, 0])
    close(tape.gradient(y, zeros), [1, 1, 1])                 # not NaN (TensorFlow: 1 too)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # (divisions by 0, on purpose)
def test_clip_by_global_norm_matches_tensorflow():
    a, b = tf.constant([3.0, 4.0]), tf.constant([[12.0]])
    clipped, norm = tf.clip_by_global_norm([a, None, b], 6.5)   # G = sqrt(9 + 16 + 144) = 13
    close(clipped[0], [1.5, 2.0])
    assert clipped[1] is None
    close(clipped[2], [[6.0]])
    close(norm, 13.0)
    unchanged, _ = tf.clip_by_global_norm((a, b), 100.0)
    close(unchanged[0], [3.0, 4.0])
    given_norm = tf.clip_by_global_norm([a, b], 1.0, use_norm=tf.constant(2.0))
    close(given_norm[0][0], [1.5, 2.0])
    close(given_norm[1], 2.0)
    overflowed, norm = tf.clip_by_global_norm([tf.constant([np.inf, 1.0])], 1.0)
    assert np.isnan(overflowed[0].numpy()).all() and float(norm) == np.inf
    empty, norm = tf.clip_by_global_norm([], 1.0)
    assert empty == [] and float(norm) == 0.0
    close(tf.linalg.global_norm([a, None, b]), 13.0)
    as_numpy, norm = tf.clip_by_global_norm([np.array([3.0, 4.0])], 1.0)
    assert as_numpy[0].dtype == tf.float64 and norm.dtype == tf.float64


@given(data=st.data())
def test_clip_by_norm_gradients(data):
    x = data.draw(arrays(data.draw(tiny_nonscalar)))
    axes = data.draw(st.one_of(st.none(), st.integers(-x.ndim, x.ndim - 1)))
    clip = data.draw(st.sampled_from([0.5, 1.0, 3.0]))
    lengths = np.sqrt(np.sum(x * x, axis=axes, keepdims=True))
    assume(np.all(np.abs(lengths - clip) > 0.05) and np.all(lengths > 0.05))
    expected = x * clip / np.maximum(lengths, clip)
    close(tf.clip_by_norm(tf.constant(x), clip, axes=axes), expected)
    check_gradients(lambda t: tf.clip_by_norm(t, clip, axes=axes), x, order=2)


@given(data=st.data())
def test_clip_by_global_norm_gradients(data):
    xs = [data.draw(arrays(data.draw(tiny))) for _ in range(data.draw(st.integers(1, 3)))]
    total = np.sqrt(sum(np.sum(x * x) for x in xs))
    assume(abs(total - 1.5) > 0.05 and total > 0.05)

    def clipped(*ts):
        values, norm = tf.clip_by_global_norm(list(ts), 1.5)
        return tf.concat([tf.reshape(v, (-1,)) for v in values] + [tf.reshape(norm, (1,))], 0)

    expected = np.concatenate([x.ravel() * 1.5 / max(total, 1.5) for x in xs] + [[total]])
    close(clipped(*[tf.constant(x) for x in xs]), expected)
    check_gradients(clipped, *xs, order=2)


# ---- pad ----------------------------------------------------------------------------------

def test_pad_matches_tensorflow():
    k = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    close(tf.pad(k, [[1, 0], [0, 2]], constant_values=7),
          [[7, 7, 7, 7, 7], [1, 2, 3, 7, 7], [4, 5, 6, 7, 7]])
    close(tf.pad(k, [[1, 1], [2, 2]], "REFLECT"),
          [[6, 5, 4, 5, 6, 5, 4], [3, 2, 1, 2, 3, 2, 1], [6, 5, 4, 5, 6, 5, 4],
           [3, 2, 1, 2, 3, 2, 1]])
    close(tf.pad(k, [[2, 2], [3, 0]], "symmetric"),   # any case
          [[6, 5, 4, 4, 5, 6], [3, 2, 1, 1, 2, 3], [3, 2, 1, 1, 2, 3], [6, 5, 4, 4, 5, 6],
           [6, 5, 4, 4, 5, 6], [3, 2, 1, 1, 2, 3]])
    close(tf.pad(k, tf.constant([[0, 0], [1, 1]]), "REFLECT", constant_values=9),  # ignored
          [[2, 1, 2, 3, 2], [5, 4, 5, 6, 5]])
    np.testing.assert_array_equal(tf.pad(tf.constant([True]), [[1, 0]]).numpy(), [False, True])
    np.testing.assert_array_equal(tf.pad(tf.constant([1, 2]), [[1, 0]], constant_values=5).numpy(),
                                  [5, 1, 2])
    close(tf.pad(tf.constant(3.0), np.zeros((0, 2), np.int32)), 3.0)
    z = tf.constant([1.0, 2.0, 3.0])
    for mode, expected in [("CONSTANT", [1, 1, 1]), ("REFLECT", [2, 3, 2]),
                           ("SYMMETRIC", [2, 3, 2])]:
        with tf.GradientTape() as tape:
            tape.watch(z)
            y = tf.pad(z, [[2, 2]], mode=mode)
        close(tape.gradient(y, z), expected)   # each copy of an element adds its gradient


@st.composite
def pad_cases(draw):
    shape = draw(tiny_nonscalar)  # (NumPy cannot pad a scalar; test_pad_matches_tensorflow does)
    mode = draw(st.sampled_from(["CONSTANT", "REFLECT", "SYMMETRIC"]))
    limit = {"CONSTANT": 2, "REFLECT": None, "SYMMETRIC": None}[mode]
    paddings = []
    for n in shape:
        top = limit if limit is not None else (n - 1 if mode == "REFLECT" else n)
        paddings.append([draw(st.integers(0, min(top, 2))) for _ in range(2)])
    return draw(arrays(shape)), paddings, mode


@given(case=pad_cases(), value=st.sampled_from([0.0, -1.5]))
def test_pad_against_numpy_and_its_gradients(case, value):
    x, paddings, mode = case
    paddings = np.array(paddings, dtype=np.int32).reshape(-1, 2)
    expected = np.pad(x, paddings, mode=mode.lower(),
                      **({"constant_values": value} if mode == "CONSTANT" else {}))
    close(tf.pad(tf.constant(x), paddings, mode, constant_values=value), expected)
    check_gradients(lambda t: tf.pad(t * t, paddings, mode), x, order=2)


# ---- einsum -------------------------------------------------------------------------------

A = [[-0.8, -1.32, -0.25], [0.42, 1.14, 0.11]]
B = [[-0.55, -0.78], [0.75, 1.63], [0.27, -1.23]]
S = [[-0.96, 1.6, 0.2], [-1.73, -0.08, -1.16], [-0.63, -0.49, -0.71]]
TF_EINSUM = [  # (equation, inputs, what TensorFlow 2.21 gives)
    ("ij,jk->ik", (A, B), [[-0.6175000071525574, -1.2201000452041626],
                           [0.6536999940872192, 1.3952999114990234]]),
    ("ji", (A,), np.transpose(A)),          # without '->': the letters in alphabetical order
    ("ii->i", (S,), [-0.96, -0.08, -0.71]),  # the diagonal
    ("ii", (S,), -1.75),                     # the trace
    ("ij,jk,kl->il", (A, B, A), [[-0.018441984429955482, -0.5758140087127686, 0.020163998007774353],
                                 [0.06306593865156174, 0.7277578115463257, -0.009942009113729]]),
    ("bij,bjk->bik", (np.stack([S, np.multiply(2, S)]), np.stack([S, S])),
     np.stack([np.matmul(S, S), 2 * np.matmul(S, S)])),
    ("...ij,...jk->...ik", (np.stack([S, np.multiply(2, S)]), S),
     np.stack([np.matmul(S, S), 2 * np.matmul(S, S)])),
    ("i j , j k -> i k", (A, B), np.matmul(A, B)),
    (",->", (2.0, 3.0), 6.0),
]


@pytest.mark.parametrize("equation, inputs, expected", TF_EINSUM, ids=[e[0] for e in TF_EINSUM])
def test_einsum_matches_tensorflow(equation, inputs, expected):
    tensors = [tf.constant(np.asarray(x, dtype=np.float32)) for x in inputs]
    close(tf.einsum(equation, *tensors), expected)
    assert tf.einsum("ij->", tf.constant([[1, 2], [3, 4]])).dtype == tf.int32


@st.composite
def einsum_cases(draw):
    """A random equation with 1 to 3 inputs, letters repeated within and across inputs,
    an explicit or implicit output, sometimes '...'; and inputs of matching shapes."""
    letters = "abcd"
    sizes = {c: draw(st.integers(1, 3)) for c in letters}
    count = draw(st.integers(1, 3))
    subscripts = [draw(st.lists(st.sampled_from(letters), max_size=3)) for _ in range(count)]
    ellipsis = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    broadcast = draw(hnp.mutually_broadcastable_shapes(num_shapes=count, max_dims=2, max_side=2))
    used = sorted({c for s in subscripts for c in s})
    if draw(st.booleans()):
        out = "".join(draw(st.permutations(used))[:draw(st.integers(0, len(used)))])
        out = ("..." if any(ellipsis) else "") + out
    else:
        out = None
    parts, shapes = [], []
    for s, has, extra in zip(subscripts, ellipsis, broadcast.input_shapes):
        parts.append(("..." if has else "") + "".join(s))
        shapes.append((tuple(extra) if has else ()) + tuple(sizes[c] for c in s))
    equation = ",".join(parts) + ("" if out is None else "->" + out)
    return equation, [draw(arrays(shape)) for shape in shapes]


@given(case=einsum_cases())
def test_einsum_against_numpy_and_its_gradients(case):
    equation, xs = case
    close(tf.einsum(equation, *[tf.constant(x) for x in xs]), np.einsum(equation, *xs),
          atol=1e-12)
    check_gradients(lambda *ts: tf.einsum(equation, *[t * t for t in ts]), *xs, order=2)


# ---- solve, inv, det ------------------------------------------------------------------------

MATRIX = [[4.0, 1.0, 2.0], [1.0, 3.0, 0.0], [2.0, 0.0, 5.0]]
RHS = [[1.0, 0.0], [2.0, 1.0], [3.0, -1.0]]


def test_solve_inv_det_match_tensorflow():
    m, r = tf.constant(MATRIX), tf.constant(RHS)
    close(tf.linalg.solve(m, r), [[-0.302325576543808, 0.023255810141563416],
                                  [0.7674418687820435, 0.3255814015865326],
                                  [0.7209302186965942, -0.20930232107639313]])
    shifted = m + tf.constant([[0.0, 1.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    close(tf.linalg.solve(shifted, r, adjoint=True),
          [[-0.34210526943206787, 0.026315800845623016], [0.8947368860244751, 0.31578946113586426],
           [0.7368420958518982, -0.21052633225917816]])
    close(tf.linalg.inv(m), [[0.3488372266292572, -0.11627908051013947, -0.13953489065170288],
                             [-0.11627907305955887, 0.3720930516719818, 0.046511631458997726],
                             [-0.13953489065170288, 0.046511631458997726, 0.25581395626068115]])
    close(tf.linalg.det(m), 43.000003814697266)
    close(tf.linalg.det(tf.stack([m, 2 * m])), [43.000003814697266, 344.0001220703125])
    with tf.GradientTape() as tape:
        tape.watch(m)
        d = tf.linalg.det(m)
    close(tape.gradient(d, m), [[15.0, -5.0, -6.0], [-5.0, 16.0, 2.0], [-6.0, 2.0, 11.0]])
    close(tf.linalg.det(tf.constant([[0.0, 1.0], [1.0, 0.0]])), -1.0)   # a row swap
    close(tf.linalg.det(tf.zeros((3, 0, 0))), [1.0, 1.0, 1.0])          # the empty product
    assert tf.linalg.inv(tf.zeros((0, 0))).shape == (0, 0)
    assert tf.linalg.solve(tf.zeros((0, 0)), tf.zeros((0, 1))).shape == (0, 1)


def test_singular_matrices_raise_as_in_tensorflow_but_their_det_is_zero():
    singular = tf.constant([[1.0, 2.0], [2.0, 4.0]])
    close(tf.linalg.det(singular), 0.0)
    with pytest.raises(ValueError, match="tf.linalg.solve: the matrix is not invertible"):
        tf.linalg.solve(singular, tf.ones((2, 1)))
    with pytest.raises(ValueError, match="tf.linalg.inv: the matrix is not invertible"):
        tf.linalg.inv(tf.stack([tf.eye(2), singular]))   # one singular matrix in a batch
    with tf.GradientTape() as tape:
        tape.watch(singular)
        d = tf.linalg.det(singular)
    with pytest.raises(ValueError, match="the gradient of tf.linalg.det"):
        tape.gradient(d, singular)                        # it needs the inverse


@st.composite
def systems(draw):
    """Invertible square matrices and right-hand sides with the same leading axes.

    Entries are in [-1, 1] plus n + 1 on the diagonal, so each diagonal entry (at least
    n) outweighs the rest of its row (at most n - 1): strictly diagonally dominant,
    hence invertible.  (3 on the diagonal was not enough for n = 3: hypothesis found
    [[2, -1, -1], [-1, 2, -1], [-1, -1, 2]], whose rows sum to 0.)"""
    batch = draw(hnp.array_shapes(min_dims=0, max_dims=1, min_side=1, max_side=2))
    n, k = draw(st.integers(1, 3)), draw(st.integers(1, 2))
    a = draw(arrays(batch + (n, n), -1, 1)) + (n + 1) * np.eye(n)
    return a, draw(arrays(batch + (n, k)))


@given(case=systems(), adjoint=st.booleans())
def test_solve_inv_det_against_numpy(case, adjoint):
    a, b = case
    a_used = np.swapaxes(a, -1, -2) if adjoint else a
    close(tf.linalg.solve(tf.constant(a), tf.constant(b), adjoint=adjoint),
          np.linalg.solve(a_used, b), atol=1e-12)
    close(tf.linalg.inv(tf.constant(a), adjoint=adjoint), np.linalg.inv(a_used), atol=1e-12)
    close(tf.linalg.det(tf.constant(a)), np.linalg.det(a), atol=1e-12)
    close(tf.linalg.det(tf.constant(a, dtype=tf.float32)), np.linalg.det(a), rtol=1e-5)


@given(case=systems(), adjoint=st.booleans())
def test_solve_inv_det_gradients(case, adjoint):
    a, b = case
    check_gradients(lambda m, r: tf.linalg.solve(m, r, adjoint=adjoint), a, b, order=2)
    check_gradients(lambda m: tf.linalg.inv(m, adjoint=adjoint), a, order=2)
    check_gradients(tf.linalg.det, a, order=2)


# ---- batch_jacobian -------------------------------------------------------------------------

def test_batch_jacobian_matches_tensorflow():
    x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    w = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.matmul(x, w)
        cube = tf.reshape(y, (3, 3, 1))
        unrelated = tf.ones((3, 2))
    j = tape.batch_jacobian(y, x)
    assert j.shape == (3, 3, 2)
    close(j, np.broadcast_to(np.transpose(w.numpy()), (3, 3, 2)))
    assert tape.batch_jacobian(cube, x, experimental_use_pfor=False).shape == (3, 3, 1, 2)
    # TensorFlow 2.21 gives zeros for a target that does not depend on the source
    close(tape.batch_jacobian(unrelated, x, parallel_iterations=4), np.zeros((3, 2, 2)))
    v = tf.Variable([[1.0, 2.0]])
    with tf.GradientTape() as tape:
        y = v * 3.0
    close(tape.batch_jacobian(y, v), [[[3.0, 0.0], [0.0, 3.0]]])


@given(data=st.data())
def test_batch_jacobian_is_the_diagonal_of_the_jacobian(data):
    batch, n, m = (data.draw(st.integers(1, 3)) for _ in range(3))
    x = tf.constant(data.draw(arrays((batch, n))))
    w = tf.constant(data.draw(arrays((n, m))))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.tanh(tf.matmul(x, w)) * tf.reduce_sum(x * x, axis=1, keepdims=True)
    full = tape.jacobian(y, x).numpy()                     # (batch, m, batch, n)
    diagonal = np.stack([full[b, :, b, :] for b in range(batch)])
    close(tape.batch_jacobian(y, x), diagonal, atol=1e-12)


def test_batch_jacobian_is_differentiable_twice():
    rng = np.random.default_rng(0)
    w = rng.normal(size=(2, 2))

    def per_example_jacobian(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.sin(tf.matmul(x, w)) * x
        return tape.batch_jacobian(y, x)

    check_gradients(per_example_jacobian, rng.normal(size=(2, 2)), order=2)


# ---- bad arguments --------------------------------------------------------------------------

ERRORS = [
    (lambda: tf.nn.elu(tf.constant([1, 2])), TypeError, "floating-point"),
    (lambda: tf.nn.gelu(tf.constant([1, 2])), TypeError, "floating-point"),
    (lambda: tf.norm(tf.constant([3, 4])), TypeError, "floating-point"),
    (lambda: tf.norm(tf.ones(2), ord="fro"), ValueError, "'fro' is a matrix norm"),
    (lambda: tf.norm(tf.ones(2), ord=-1), ValueError, "a number > 0"),
    (lambda: tf.norm(tf.ones(2), ord=0), ValueError, "a number > 0"),
    (lambda: tf.norm(tf.ones((2, 2)), ord=3, axis=[0, 1]), ValueError, "matrix norm"),
    (lambda: tf.norm(tf.ones((2, 2)), ord=2, axis=[0, 1]), NotImplementedError, "singular"),
    (lambda: tf.norm(tf.ones((2, 2)), axis=[1, 1]), ValueError, "two different"),
    (lambda: tf.norm(tf.ones((2, 2, 2)), axis=[0, 1, 2]), ValueError, "pair"),
    (lambda: tf.norm(tf.ones((2, 2)), axis=2), ValueError, "out of range"),
    (lambda: tf.clip_by_norm(tf.constant([3, 4]), 1.0), TypeError, "floating-point"),
    (lambda: tf.clip_by_norm(tf.ones((2, 2)), 1.0, axes=[2]), ValueError, "out of range"),
    (lambda: tf.clip_by_global_norm(tf.ones(2), 1.0), TypeError, "list"),
    (lambda: tf.clip_by_global_norm({"a": tf.ones(2)}, 1.0), TypeError, "got dict"),
    (lambda: tf.clip_by_global_norm([tf.constant([3, 4])], 1.0), TypeError, "floating-point"),
    (lambda: tf.pad(tf.ones((2, 3)), [[1, 1]]), ValueError, r"shape \[2, 2\]"),
    (lambda: tf.pad(tf.ones((2, 3)), [[-1, 0], [0, 0]]), ValueError, ">= 0"),
    (lambda: tf.pad(tf.ones((2, 3)), [[1.0, 0.0], [0.0, 1.0]]), TypeError, "integers"),
    (lambda: tf.pad(tf.ones((2, 3)), [[1, 1], [1, 1]], mode="EDGE"), ValueError, "'EDGE'"),
    (lambda: tf.pad(tf.ones((2, 3)), [[2, 0], [0, 0]], "REFLECT"), ValueError, "less than"),
    (lambda: tf.pad(tf.ones((2, 3)), [[3, 0], [0, 0]], "SYMMETRIC"), ValueError, "at most"),
    (lambda: tf.pad(tf.constant([1, 2]), [[1, 1]], constant_values=2.5), TypeError, "fractions"),
    (lambda: tf.einsum("ij,jk->ik", tf.ones((2, 3))), ValueError, "2 input"),
    (lambda: tf.einsum("ij,jk->ix", tf.ones((2, 3)), tf.ones((3, 2))), ValueError, "'x'"),
    (lambda: tf.einsum("ij->ii", tf.ones((2, 2))), ValueError, "twice"),
    (lambda: tf.einsum("ij,ij->i", tf.ones((2, 3)), tf.ones((3, 4))), ValueError, "lengths"),
    (lambda: tf.einsum("ijk", tf.ones((2, 3))), ValueError, "3 axes"),
    (lambda: tf.einsum("i1", tf.ones((2, 3))), ValueError, "letters"),
    (lambda: tf.einsum("ij", tf.ones((2, 3)), foo=1), TypeError, "foo"),
    (lambda: tf.einsum("i,i", tf.ones(2), tf.ones(2, tf.float64)), TypeError, "one dtype"),
    (lambda: tf.linalg.solve(tf.ones((2, 3)), tf.ones((2, 1))), ValueError, "square"),
    (lambda: tf.linalg.solve(tf.eye(2), tf.ones((3, 1))), ValueError, "right-hand side"),
    (lambda: tf.linalg.solve(tf.eye(2), tf.ones(2)), ValueError, "expand_dims"),
    (lambda: tf.linalg.solve(tf.eye(2), tf.ones((3, 2, 1))), ValueError, "leading axes"),
    (lambda: tf.linalg.solve(tf.constant([[1, 0], [0, 1]]), tf.constant([[1], [2]])), TypeError,
     "floating-point"),
    (lambda: tf.linalg.inv(tf.ones(3)), ValueError, "rank >= 2"),
    (lambda: tf.linalg.det(tf.ones((2, 3))), ValueError, "square"),
]


@pytest.mark.parametrize("call, error, message", ERRORS, ids=range(len(ERRORS)))
def test_bad_arguments_say_what_is_wrong(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_batch_jacobian_refuses_what_it_cannot_do():
    x = tf.ones((3, 2))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        rows = tf.reduce_sum(x, axis=1)
        doubled = tf.concat([x, x], 0)
    with pytest.raises(ValueError, match="rank >= 2"):
        tape.batch_jacobian(rows, x)
    with pytest.raises(ValueError, match="batch"):
        tape.batch_jacobian(doubled, x)
    with pytest.raises(TypeError, match="one source"):
        tape.batch_jacobian(doubled, [x])
    one_shot = tf.GradientTape()
    with one_shot:
        one_shot.watch(x)
        y = x * x
    one_shot.batch_jacobian(y, x)
    with pytest.raises(RuntimeError, match="persistent=True"):
        one_shot.batch_jacobian(y, x)


# ---- where TensorFlow and Keras have them ---------------------------------------------------

def test_public_names():
    assert tf.linalg.norm is tf.norm and tf.linalg.einsum is tf.einsum
    assert tf.linalg.matmul is tf.matmul and tf.linalg.tensordot is tf.tensordot
    assert {"solve", "inv", "det", "global_norm", "l2_normalize"} <= set(dir(tf.linalg))
    assert tf.math.erf is not None and tf.nn.softplus is tf.math.softplus
    assert all(hasattr(tf, n) for n in ["clip_by_norm", "clip_by_global_norm", "pad"])


@pytest.mark.parametrize("name", ["elu", "selu", "gelu", "leaky_relu"])
def test_keras_activations_by_name(name):
    layer = keras.layers.Dense(2, activation=name, kernel_initializer="ones")
    x = tf.constant([[-1.0, -0.5], [0.5, 1.0]])
    close(layer(x), np.broadcast_to(TF_BY_INPUT[name], (2, 2)))
    assert layer.get_config()["activation"] == name
    assert keras.activations.serialize(keras.activations.get(name)) == name


# the activations of the row sums -1.5 and 1.5 of the test above, from TensorFlow 2.21
TF_BY_INPUT = {
    "elu": [[-0.7768698334693909], [1.5]],
    "selu": [[-1.3658143281936646], [1.5760514736175537]],
    "gelu": [[-0.10021083056926727], [1.3997892141342163]],
    "leaky_relu": [[-0.30000001192092896], [1.5]],
}


def test_unknown_activation_lists_the_new_names():
    with pytest.raises(ValueError, match="gelu.*leaky_relu.*selu"):
        keras.activations.get("swishy")


def test_einsum_without_an_arrow_sorts_capitals_first():
    assert tf.einsum("bA", tf.ones((2, 3))).shape == (3, 2)   # as NumPy and TensorFlow


# ---- split, reverse, boolean_mask; tan, is_nan, count_nonzero; relu6, l2_loss, sparse
# ---- softmax cross-entropy; diag, diag_part, trace (TensorFlow 2.21 printed the constants)

def test_split_reverse_and_boolean_mask_values():
    x = tf.reshape(tf.range(12), (2, 6))
    pieces = tf.split(x, 3, axis=1)
    assert [p.shape for p in pieces] == [(2, 2)] * 3
    np.testing.assert_array_equal(pieces[2].numpy(), [[4, 5], [10, 11]])
    assert [p.shape for p in tf.split(x, [1, -1, 2], axis=-1)] == [(2, 1), (2, 3), (2, 2)]
    assert [p.shape for p in tf.split(x, tf.constant(2), axis=1)] == [(2, 3), (2, 3)]
    np.testing.assert_array_equal(tf.reverse(x, [0, 1]).numpy(), x.numpy()[::-1, ::-1])
    mask = tf.constant([[True, False, False, True, False, False]] * 2)
    np.testing.assert_array_equal(tf.boolean_mask(x, mask).numpy(), [0, 3, 6, 9])
    np.testing.assert_array_equal(
        tf.boolean_mask(x, tf.constant([False, True] * 3), axis=1).numpy(),
        [[1, 3, 5], [7, 9, 11]])
    for bad in (lambda: tf.split(x, 4, axis=1), lambda: tf.split(x, [2, 2], axis=1),
                lambda: tf.reverse(x, [1, -1]),
                lambda: tf.boolean_mask(x, tf.constant([True, False]), axis=1)):
        with pytest.raises(tf.errors.InvalidArgumentError):
            bad()
    with pytest.raises(TypeError, match="bool mask"):
        tf.boolean_mask(x, tf.constant([1, 0]))


@given(data=st.data())
def test_split_reverse_and_boolean_mask_gradients(data):
    x = data.draw(arrays((2, 4)))
    keep = data.draw(hnp.arrays(np.bool_, (2, 4)))
    check_gradients(lambda t: tf.split(t, [1, 3], axis=1)[1] * tf.reverse(t, [1])[:, :3],
                    x, order=2)
    check_gradients(lambda t: tf.boolean_mask(t * t, tf.constant(keep)), x, order=2)


def test_floats_questions_tan_and_count_nonzero():
    values = tf.constant([1.0, float("nan"), float("inf"), -float("inf")])
    np.testing.assert_array_equal(tf.math.is_nan(values).numpy(), [False, True, False, False])
    np.testing.assert_array_equal(tf.math.is_inf(values).numpy(), [False, False, True, True])
    np.testing.assert_array_equal(tf.math.is_finite(values).numpy(), [True, False, False, False])
    with pytest.raises(TypeError, match="floats"):
        tf.math.is_nan(tf.constant([1, 2]))
    close(tf.math.tan(tf.constant([0.0, 0.5])), [0.0, 0.5463025])
    counted = tf.math.count_nonzero(tf.constant([[0.0, 1.5], [2.0, 3.0]]), axis=1)
    assert counted.dtype == tf.int64 and counted.numpy().tolist() == [1, 2]
    assert int(tf.math.count_nonzero(tf.constant([True, False, True]))) == 2


@given(data=st.data())
def test_tan_relu6_l2_loss_and_sparse_cross_entropy_gradients(data):
    shape = data.draw(tiny)
    check_gradients(tf.math.tan, data.draw(arrays(shape, -1.2, 1.2)), order=2)
    spread = data.draw(away_from_zero(shape, 0.2, 2.5)) * 3  # |x| in [0.6, 7.5]: no kinks
    assume(np.all(np.abs(np.abs(spread) - 6) > 0.1))
    check_gradients(tf.nn.relu6, spread, order=2)
    check_gradients(tf.nn.l2_loss, data.draw(arrays(shape)), order=2)
    logits = data.draw(arrays((3, 4)))
    labels = tf.constant(data.draw(hnp.arrays(np.int32, (3,), elements=st.integers(0, 3))))
    check_gradients(lambda z: tf.nn.sparse_softmax_cross_entropy_with_logits(labels, z),
                    logits, order=2)


def test_relu6_l2_loss_and_sparse_cross_entropy_values():
    x = tf.Variable([-1.0, 0.0, 3.0, 6.0, 8.0])
    with tf.GradientTape() as tape:
        y = tf.nn.relu6(x)
    close(y, [0.0, 0.0, 3.0, 6.0, 6.0])
    close(tape.gradient(y, x), [0.0, 0.0, 1.0, 0.0, 0.0])  # TensorFlow's, at the kinks too
    close(tf.nn.l2_loss(tf.constant([1.0, 2.0, 3.0])), 7.0)
    close(tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=tf.constant([1, 0]), logits=tf.constant([[1.0, 3.0], [2.0, 1.0]])),
        [0.12692805, 0.31326166])
    with pytest.raises(tf.errors.InvalidArgumentError, match="from 0 to 1"):
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[2], logits=[[1.0, 2.0]])
    np.testing.assert_array_equal(tf.nn.relu6(tf.constant([-1, 3, 8])).numpy(), [0, 3, 6])
    with pytest.raises(TypeError, match="floating-point"):
        tf.nn.l2_loss(tf.constant([1, 2]))  # TensorFlow refuses integers too
    with pytest.raises(TypeError, match="class indices"):
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[1.0], logits=[[1.0, 2.0]])


@given(data=st.data())
def test_diag_diag_part_and_trace(data):
    v = data.draw(arrays((2, 3)))
    m = data.draw(arrays((2, 3, 4)))
    close(tf.linalg.diag(tf.constant(v)), np.stack([np.diag(row) for row in v]))
    close(tf.linalg.diag_part(tf.constant(m)), np.diagonal(m, axis1=-2, axis2=-1))
    close(tf.linalg.trace(tf.constant(m)), np.trace(m, axis1=-2, axis2=-1))
    check_gradients(lambda t: tf.linalg.diag(t) * 2.0, v, order=2)
    check_gradients(lambda t: tf.linalg.trace(t * t), m, order=2)


def test_the_diagonal_functions_leave_inf_and_nan_off_the_diagonal_alone():
    """They choose and slice rather than multiply by I (inf * 0 would be NaN); the
    values are TensorFlow 2.21's."""
    inf, nan = float("inf"), float("nan")
    close(tf.linalg.diag_part(tf.constant([[1.0, inf], [0.0, 2.0]])), [1.0, 2.0])
    close(tf.linalg.trace(tf.constant([[1.0, nan], [0.0, 2.0]])), 3.0)
    close(tf.linalg.diag(tf.constant([inf, 1.0])), [[inf, 0.0], [0.0, 1.0]])
    close(tf.linalg.diag(tf.constant([nan, 1.0])), [[nan, 0.0], [0.0, 1.0]])


def test_executing_eagerly():
    assert tf.executing_eagerly() is True


def test_sort_and_argsort_as_tensorflow_orders_ties():
    x = tf.constant([[3.0, 1.0, 2.0, 1.0], [0.0, 5.0, 5.0, -1.0]])
    # TensorFlow 2.21 printed these (ties: the earlier element first, both directions)
    np.testing.assert_array_equal(tf.argsort(x).numpy(), [[1, 3, 2, 0], [3, 0, 1, 2]])
    np.testing.assert_array_equal(tf.argsort(x, direction="DESCENDING").numpy(),
                                  [[0, 2, 1, 3], [1, 2, 0, 3]])
    close(tf.sort(x), [[1.0, 1.0, 2.0, 3.0], [-1.0, 0.0, 5.0, 5.0]])
    close(tf.sort(x, axis=0, direction="DESCENDING"), [[3.0, 5.0, 5.0, 1.0],
                                                       [0.0, 1.0, 2.0, -1.0]])
    assert tf.argsort(x).dtype == tf.int32
    np.testing.assert_array_equal(tf.sort(tf.constant([3, -1, 2], tf.int8)).numpy(),
                                  [-1, 2, 3])
    with pytest.raises(tf.errors.InvalidArgumentError, match="direction"):
        tf.sort(x, direction="UP")


@given(data=st.data())
def test_sort_values_and_gradients(data):
    shape = data.draw(tiny_nonscalar)
    x = data.draw(arrays(shape))
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    close(tf.sort(tf.constant(x), axis=axis), np.sort(x, axis=axis))
    close(tf.sort(tf.constant(x), axis=axis, direction="DESCENDING"),
          -np.sort(-x, axis=axis))
    weights = np.arange(1.0, x.size + 1).reshape(shape)  # each sorted place its own weight
    gaps = np.diff(np.sort(x.ravel()))
    assume(gaps.size == 0 or gaps.min() > 1e-3)  # (near ties: the order, and f, jump)
    check_gradients(lambda t: tf.sort(t, axis=axis) * weights, x, order=2)


def test_cumsum_top_k_and_unique_as_tensorflow_prints_them():
    x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    close(tf.math.cumsum(x, axis=1), [[1.0, 3.0, 6.0], [4.0, 9.0, 15.0]])
    close(tf.math.cumsum(x, axis=1, exclusive=True), [[0.0, 1.0, 3.0], [0.0, 4.0, 9.0]])
    close(tf.math.cumsum(x, axis=1, reverse=True), [[6.0, 5.0, 3.0], [15.0, 11.0, 6.0]])
    close(tf.math.cumsum(x, 0, exclusive=True, reverse=True), [[4.0, 5.0, 6.0], [0.0] * 3])
    assert tf.cumsum(tf.constant([1, 2, 3])).numpy().tolist() == [1, 3, 6]
    values, indices = tf.math.top_k(tf.constant([[1.0, 3.0, 3.0, 2.0]]), k=2)
    close(values, [[3.0, 3.0]])
    assert indices.numpy().tolist() == [[1, 2]] and indices.dtype == tf.int32
    with pytest.raises(tf.errors.InvalidArgumentError, match="k=5"):
        tf.math.top_k(tf.constant([1.0, 2.0]), k=5)
    y, idx = tf.unique(tf.constant([1, 1, 2, 4, 4, 4, 7, 8, 8]))
    assert y.numpy().tolist() == [1, 2, 4, 7, 8] and idx.numpy().tolist() == [0, 0, 1, 2, 2,
                                                                             2, 3, 4, 4]
    y, idx = tf.unique(tf.constant([3.0, 1.0, 3.0, 2.0]))  # in order of first appearance
    assert y.numpy().tolist() == [3.0, 1.0, 2.0] and idx.numpy().tolist() == [0, 1, 0, 2]


@given(data=st.data())
def test_cumsum_and_top_k_values_and_gradients(data):
    shape = data.draw(tiny_nonscalar)
    x = data.draw(arrays(shape))
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    exclusive, backwards = data.draw(st.booleans()), data.draw(st.booleans())
    expected = np.flip(x, axis) if backwards else x
    expected = np.cumsum(expected, axis=axis)
    if exclusive:
        expected = expected - (np.flip(x, axis) if backwards else x)
    expected = np.flip(expected, axis) if backwards else expected
    close(tf.math.cumsum(tf.constant(x), axis, exclusive=exclusive, reverse=backwards),
          expected)
    check_gradients(lambda t: tf.math.cumsum(t * t, axis, exclusive, backwards), x, order=2)
    gaps = np.diff(np.sort(x, axis=-1), axis=-1)
    assume(gaps.size == 0 or gaps.min() > 1e-3)
    k = data.draw(st.integers(0, shape[-1]))
    close(tf.math.top_k(tf.constant(x), k).values, -np.sort(-x, axis=-1)[..., :k])
    check_gradients(lambda t: tf.math.top_k(t, k).values * 3.0, x, order=2)


def test_gather_nd_and_tensor_scatter_nd_update_as_tensorflow_gives_them():
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    close(tf.gather_nd(x, [[0, 1], [1, 0]]), [2.0, 3.0])
    close(tf.gather_nd(x, [[1]]), [[3.0, 4.0]])
    close(tf.gather_nd(x, [[[0, 0]], [[1, 1]]]), [[1.0], [4.0]])
    close(tf.tensor_scatter_nd_update(tf.zeros((4,)), [[1], [3]], [9.0, 10.0]),
          [0.0, 9.0, 0.0, 10.0])
    close(tf.tensor_scatter_nd_update(x, [[0]], [[7.0, 8.0]]), [[7.0, 8.0], [3.0, 4.0]])
    with pytest.raises(tf.errors.InvalidArgumentError, match="out of \\[0, 2\\) for axis 0"):
        tf.gather_nd(x, [[2, 0]])
    with pytest.raises(tf.errors.InvalidArgumentError, match="m <= 2"):
        tf.gather_nd(x, [[0, 0, 0]])


@given(data=st.data())
def test_gather_nd_and_tensor_scatter_nd_update_gradients(data):
    x = data.draw(arrays((3, 2)))
    updates = data.draw(arrays((2,)))
    where = [[0, 1], [2, 0]]
    check_gradients(lambda t: tf.gather_nd(t * t, where), x, order=2)
    check_gradients(lambda t, u: tf.tensor_scatter_nd_update(t * t, where, u * u),
                    x, updates, order=2)


def test_review_mends_of_the_indexing_and_sorting_additions():
    """TensorFlow 2.21 gave these: the last of a repeated index's updates wins; empty
    index tuples gather params whole; each NaN is a value of its own in unique."""
    close(tf.tensor_scatter_nd_update(tf.zeros((4,)), [[1], [1]], [9.0, 10.0]),
          [0.0, 10.0, 0.0, 0.0])
    close(tf.tensor_scatter_nd_update(tf.zeros((3,)), [[0], [0], [0], [2], [2]],
                                      [1.0, 2.0, 3.0, 4.0, 5.0]), [3.0, 0.0, 5.0])
    for updates, target in (([5.0], tf.zeros((2, 3))), ([7, 8], tf.constant([1, 2, 3]))):
        with pytest.raises(tf.errors.InvalidArgumentError, match="updates must have shape"):
            tf.tensor_scatter_nd_update(target, [[1]] if target.ndim == 2 else [[0]], updates)
    with pytest.raises(tf.errors.InvalidArgumentError, match="out of \\[0, 3\\)"):
        tf.tensor_scatter_nd_update(tf.zeros((3,)), [[5]], [1.0])
    whole = tf.gather_nd(tf.constant([[1.0, 2.0], [3.0, 4.0]]), tf.zeros((2, 0), tf.int32))
    close(whole, [[[1.0, 2.0], [3.0, 4.0]]] * 2)
    y, idx = tf.unique(tf.constant([float("nan"), 1.0, float("nan")]))
    assert y.shape == (3,) and idx.numpy().tolist() == [0, 1, 2]
    assert tf.nn.top_k(tf.constant([1.0, 3.0, 2.0]), 2).indices.numpy().tolist() == [1, 2]
    np.testing.assert_array_equal(tf.eye(2, dtype=tf.bool).numpy(), [[True, False],
                                                                     [False, True]])
    assert tf.TensorShape([2]).concatenate(3) == (2, 3)
