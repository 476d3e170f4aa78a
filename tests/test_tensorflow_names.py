"""TensorFlow names around the core: tf.function, tf.TensorSpec, tf.Module,
tf.convert_to_tensor of a Variable, and the parts of TensorFlow that are out of scope.

The expected values were checked with TensorFlow 2.21."""
import numpy as np
import pytest

import teachtensor as tf


# ---- tf.function ----------------------------------------------------------------------

def test_tf_function_as_a_decorator_with_and_without_arguments_and_as_a_call():
    @tf.function
    def dense(inputs, W, b):
        return tf.nn.relu(tf.matmul(inputs, W) + b)

    @tf.function(jit_compile=True)
    def compiled(inputs, W, b):
        return tf.nn.relu(tf.matmul(inputs, W) + b)

    plain = tf.function(lambda x: x + 1, reduce_retracing=True, autograph=False)
    x, W, b = tf.ones((2, 3)), tf.ones((3, 4)), tf.zeros((4,))
    np.testing.assert_array_equal(dense(x, W, b).numpy(), np.full((2, 4), 3.0))
    np.testing.assert_array_equal(compiled(x, W, b).numpy(), np.full((2, 4), 3.0))
    assert float(plain(tf.constant(1.0))) == 2.0
    assert dense.__name__ == "dense" and dense.python_function(x, W, b).shape == (2, 4)


def test_tf_function_runs_eagerly_so_python_side_effects_happen_on_every_call(capsys):
    """TensorFlow prints once, while tracing; teachtensor runs the Python every call."""
    @tf.function
    def f(x):
        print("running")
        return x * 2

    f(tf.constant(1.0))
    f(tf.constant(2.0))
    assert capsys.readouterr().out == "running\nrunning\n"


def test_tf_function_returns_tensors_as_a_graph_would():
    """TF 2.21: numbers and NumPy arrays returned become tensors (inside lists and dicts
    too), a Variable returned comes out as a Tensor, None stays None."""
    v = tf.Variable(2.0)
    out = tf.function(lambda: (1, [2.5, np.ones(2)], {"a": True}, None, v))()
    assert out[0].dtype == tf.int32 and out[1][0].dtype == tf.float32
    assert out[1][1].dtype == tf.float64 and out[2]["a"].dtype == tf.bool
    assert out[3] is None and type(out[4]) is tf.Tensor
    assert str(tf.function(lambda x: x + 1)(1)) == "teachtensor.Tensor(2, shape=(), dtype=int32)"


def test_tf_function_on_a_method():
    class Model:
        factor = 3.0

        @tf.function
        def scale(self, x):
            return x * self.factor

    assert float(Model().scale(tf.constant(2.0))) == 6.0


def test_tf_function_on_a_method_with_an_input_signature():
    class Model:
        @tf.function(input_signature=[tf.TensorSpec((None,), tf.float32)])
        def double(self, x):
            return x * 2

    np.testing.assert_array_equal(Model().double([1, 2]).numpy(), [2.0, 4.0])
    with pytest.raises(TypeError, match="does not fit"):
        Model().double(tf.ones((1, 1)))


def test_tf_function_checks_its_input_signature():
    @tf.function(input_signature=[tf.TensorSpec(shape=(None,), dtype=tf.float32)])
    def add_one(x):
        return x + 1

    np.testing.assert_array_equal(add_one(tf.ones(2)).numpy(), [2.0, 2.0])
    np.testing.assert_array_equal(add_one([1, 2]).numpy(), [2.0, 3.0])  # converted
    np.testing.assert_array_equal(add_one(x=np.ones(2)).numpy(), [2.0, 2.0])
    with pytest.raises(TypeError, match=r"shape \(2, 2\).*does not fit TensorSpec"):
        add_one(tf.ones((2, 2)))
    with pytest.raises(TypeError, match="dtype float64.*does not fit"):
        add_one(tf.ones(2, dtype=tf.float64))
    with pytest.raises(TypeError, match="too many positional arguments"):
        add_one(tf.ones(2), tf.ones(2))
    with pytest.raises(TypeError, match="missing a required argument"):
        add_one()


def test_tf_function_refuses_what_tensorflow_refuses():
    with pytest.raises(TypeError, match="not a callable"):
        tf.function(3)
    with pytest.raises(TypeError, match="jit_compyle"):
        tf.function(jit_compyle=True)  # a typo is not silently accepted
    with pytest.raises(TypeError, match="list or tuple of tf.TensorSpec"):
        tf.function(lambda x: x, input_signature=tf.TensorSpec(()))
    with pytest.raises(TypeError, match="TensorSpec objects"):
        tf.function(lambda x: x, input_signature=[3])


def test_tf_function_keeps_gradients():
    @tf.function
    def loss_fn(w):
        return tf.reduce_sum(tf.square(w))

    w = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        loss = loss_fn(w)
    np.testing.assert_array_equal(tape.gradient(loss, w).numpy(), [2.0, 4.0])


# ---- tf.TensorSpec ----------------------------------------------------------------------

def test_tensor_spec_prints_and_compares_as_in_tensorflow():
    spec = tf.TensorSpec(shape=(None, 3), dtype=tf.float32, name="x")
    assert repr(spec) == str(spec) == "TensorSpec(shape=(None, 3), dtype=tf.float32, name='x')"
    assert str(tf.TensorSpec([2], "int32")) == "TensorSpec(shape=(2,), dtype=tf.int32, name=None)"
    assert str(tf.TensorSpec(None)) == "TensorSpec(shape=<unknown>, dtype=tf.float32, name=None)"
    assert spec.shape == (None, 3) and spec.dtype == tf.float32 and spec.name == "x"
    assert spec == tf.TensorSpec((None, 3), tf.float32, "x")
    assert spec != tf.TensorSpec((None, 3))
    assert tf.TensorSpec.from_tensor(tf.ones((2,))) == tf.TensorSpec((2,))
    with pytest.raises(TypeError):
        tf.TensorSpec((2,), "float23")


def test_tensor_spec_is_compatible_with():
    spec = tf.TensorSpec(shape=(None, 3))
    assert spec.is_compatible_with(tf.ones((2, 3)))
    assert not spec.is_compatible_with(tf.ones((2, 4)))
    assert not spec.is_compatible_with(tf.ones((2, 3), dtype=tf.float64))
    assert spec.is_compatible_with(tf.TensorSpec((5, 3)))
    assert spec.is_compatible_with(tf.TensorSpec((None, None)))
    assert not spec.is_compatible_with(tf.TensorSpec((3,)))
    assert tf.TensorSpec(None).is_compatible_with(tf.ones((2, 3)))
    # As in TensorFlow: only tensors and specs fit, not arrays, numbers or Variables.
    assert not spec.is_compatible_with(np.ones((2, 3), "float32"))
    assert not tf.TensorSpec(()).is_compatible_with(3.0)
    assert not tf.TensorSpec((2,)).is_compatible_with(tf.Variable([1.0, 2.0]))


# ---- tf.Module ------------------------------------------------------------------------------

class Dense(tf.Module):
    def __init__(self, n_in, n_out, name=None):
        super().__init__(name=name)
        self.w = tf.Variable(tf.ones((n_in, n_out)), name="w")
        self.b = tf.Variable(tf.zeros((n_out,)), name="b", trainable=False)

    def __call__(self, x):
        return tf.matmul(x, self.w) + self.b


class MLP(tf.Module):
    def __init__(self, name=None):
        super().__init__(name=name)
        self.layers = [Dense(2, 3), Dense(3, 1)]
        self.extra = {"z": tf.Variable(1.0, name="z"), "a": tf.Variable(2.0, name="a")}
        self.alpha = tf.Variable(0.5, name="alpha")
        self.const = tf.constant(3.0)
        self.zmod = Dense(1, 1, name="zz")

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x * self.alpha


def test_module_finds_variables_in_tensorflows_order():
    """TF 2.21: own attributes sorted by name (dicts by key, lists in order), then
    each submodule in turn; constants are not variables."""
    m = MLP()
    assert [v.name for v in m.variables] == [
        "alpha:0", "a:0", "z:0", "b:0", "w:0", "b:0", "w:0", "b:0", "w:0"]
    assert [v.name for v in m.trainable_variables] == ["alpha:0", "a:0", "z:0", "w:0", "w:0",
                                                       "w:0"]
    assert [v.name for v in m.non_trainable_variables] == ["b:0", "b:0", "b:0"]
    assert [s.name for s in m.submodules] == ["dense", "dense", "zz"]
    assert isinstance(m.variables, tuple) and isinstance(m.submodules, tuple)


def test_module_names():
    assert MLP().name == "mlp" and MLP(name="my_mlp").name == "my_mlp"
    assert tf.Module().name == "module"
    assert type("MyMLP", (tf.Module,), {})().name == "my_mlp"
    assert type("HTTPServer2", (tf.Module,), {})().name == "http_server2"
    for bad in ("bad name", "1abc"):
        with pytest.raises(ValueError, match="not a valid module name"):
            tf.Module(name=bad)


def test_module_trains_with_a_tape():
    m = MLP()
    x = tf.ones((4, 2))
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(m(x) - 1.0))
    grads = tape.gradient(loss, m.trainable_variables)
    assert [tuple(g.shape) if g is not None else None for g in grads] == [
        (), None, None, (2, 3), (3, 1), None]  # a, z and zz's w are not used


def test_module_walks_nested_containers_private_attributes_and_sees_each_object_once():
    class Parts(tf.Module):
        def __init__(self):
            super().__init__()
            shared = tf.Variable(0.0, name="shared")
            self.first, self.second = shared, shared
            self.nested = (tf.Variable(1.0, name="t0"), [tf.Variable(2.0, name="t1")])
            self.keys = {2: tf.Variable(1.0, name="two"), 1: tf.Variable(1.0, name="one")}
            self._private = tf.Variable(3.0, name="private")
            self.child = tf.Module()
            self.child.parent = self  # a cycle is walked once
            self.child.v = tf.Variable(4.0, name="child_v")

    parts = Parts()
    assert [v.name for v in parts.variables] == [
        "private:0", "shared:0", "one:0", "two:0", "t0:0", "t1:0", "child_v:0"]
    assert len(parts.submodules) == 1
    parts.extra = [tf.Variable(5.0, name="later")]  # attributes set later count too
    assert "later:0" in [v.name for v in parts.variables]


def test_module_without_super_init_says_what_to_do():
    class NoSuper(tf.Module):
        def __init__(self):
            self.v = tf.Variable(1.0)

    m = NoSuper()
    assert len(m.variables) == 1
    with pytest.raises(AttributeError, match=r"super\(\).__init__\(\)"):
        m.name


def test_module_with_name_scope_passes_the_method_through():
    class Scaled(tf.Module):
        @tf.Module.with_name_scope
        def __call__(self, x):
            return x * 2

    assert float(Scaled()(tf.constant(1.5))) == 3.0


# ---- tf.convert_to_tensor of a Variable ------------------------------------------------

def test_convert_to_tensor_of_a_variable_is_a_tensor_of_its_value():
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        t = tf.convert_to_tensor(v)
        y = tf.reduce_sum(t * 3)
    assert type(t) is tf.Tensor
    np.testing.assert_array_equal(tape.gradient(y, v).numpy(), [3.0, 3.0])  # still flows
    v.assign([5.0, 5.0])
    np.testing.assert_array_equal(t.numpy(), [1.0, 2.0])  # a value, not the variable
    assert type(tf.constant(v)) is tf.Tensor
    with pytest.raises(TypeError, match="float32 variable.*tf.cast"):
        tf.convert_to_tensor(v, dtype=tf.float64)
    c = tf.constant([1.0])
    assert tf.convert_to_tensor(c) is c  # a tensor passes through


# ---- out of scope: NotImplementedError, not AttributeError ------------------------------

@pytest.mark.parametrize("use, match", [
    (lambda: tf.constant("abc"), "string tensors"),
    (lambda: tf.constant(["a", "b"]), "string tensors"),
    (lambda: tf.string, "string tensors"),
    (lambda: tf.strings.lower, "string tensors"),
    (lambda: tf.constant(1j), "complex numbers"),
    (lambda: tf.constant(np.ones(2, np.complex64)), "complex numbers"),
    (lambda: tf.complex64, "complex numbers"),
    (lambda: tf.complex128, "complex numbers"),
    (lambda: tf.cast(tf.ones(2), "complex64"), "complex numbers"),
    (lambda: tf.ragged.constant([[1], [1, 2]]), "ragged tensors"),
    (lambda: tf.RaggedTensor, "ragged tensors"),
    (lambda: tf.sparse.SparseTensor, "sparse tensors"),
    (lambda: tf.SparseTensor, "sparse tensors"),
    (lambda: tf.saved_model.save, "model.save"),
    (lambda: tf.image.resize, "tf.image"),
], ids=["constant str", "list of str", "tf.string", "tf.strings", "constant 1j",
        "complex array", "complex64", "complex128", "cast complex", "ragged", "RaggedTensor",
        "sparse", "SparseTensor", "saved_model", "image"])
def test_out_of_scope_parts_of_tensorflow_say_so(use, match):
    with pytest.raises(NotImplementedError, match=match) as error:
        use()
    assert "out of scope" in str(error.value)


def test_out_of_scope_modules_exist_but_their_attributes_raise():
    from teachtensor import image
    assert image is not None and "out of scope" in repr(tf.image)
    with pytest.raises(NotImplementedError, match=r"^tf.image.flip_left_right: .* NumPy"):
        tf.image.flip_left_right
    assert not hasattr(tf.image, "__wrapped__")  # Python's own probes still work
    with pytest.raises(AttributeError, match="no attribute 'reduse_sum'"):
        tf.reduse_sum  # a typo stays a plain AttributeError


def test_code_that_checks_for_a_feature_finds_it_missing():
    # hasattr and getattr with a default answer as for a name that is not there, while
    # using the name still raises the error that explains why
    assert not hasattr(tf, "SparseTensor") and not hasattr(tf, "complex64")
    assert getattr(tf.image, "resize", None) is None
    assert getattr(tf, "RaggedTensor", "absent") == "absent"
