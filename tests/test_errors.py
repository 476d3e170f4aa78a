"""Bad input gets a clear error that names what was wrong, and nothing changes."""
import numpy as np
import pytest

import teachtensor as tf


def test_shapes_that_do_not_broadcast():
    a, b = tf.ones((2, 3)), tf.ones((4, 3))
    for op in (tf.add, tf.multiply, tf.maximum, tf.less, lambda x, y: x - y):
        with pytest.raises(ValueError) as err:
            op(a, b)
        assert "(2, 3)" in str(err.value) and "(4, 3)" in str(err.value)


@pytest.mark.parametrize("mistake", [
    lambda: tf.ones((2, 3)) + tf.ones((4, 3)),
    lambda: tf.matmul(tf.ones((2, 3)), tf.ones((2, 3))),
    lambda: tf.reshape(tf.range(6), (4, -1)),
    lambda: tf.concat([tf.ones((2, 3)), tf.ones((2, 2))], axis=0),
    lambda: tf.reduce_sum(tf.ones((2, 3)), axis=2),
    lambda: tf.squeeze(tf.ones((2, 3)), axis=0),
])
def test_an_operation_given_what_it_cannot_compute_raises_invalid_argument(mistake):
    """TensorFlow's class for it, tf.errors.InvalidArgumentError; it is a ValueError
    too, so ``except ValueError`` catches it as well."""
    with pytest.raises(tf.errors.InvalidArgumentError) as err:
        mistake()
    assert isinstance(err.value, ValueError) and isinstance(err.value, tf.errors.OpError)
    assert type(err.value).__name__ == "InvalidArgumentError" and err.value.message


def test_the_tf_errors_classes_are_also_the_python_errors_of_their_kind():
    assert issubclass(tf.errors.OutOfRangeError, IndexError)
    assert issubclass(tf.errors.NotFoundError, FileNotFoundError)
    assert issubclass(tf.errors.UnimplementedError, NotImplementedError)
    assert issubclass(tf.errors.ResourceExhaustedError, MemoryError)
    for name in tf.errors.__all__:
        assert issubclass(getattr(tf.errors, name), tf.errors.OpError)
    made_as_tensorflow_does = tf.errors.InvalidArgumentError(None, None, "bad shape")
    assert str(made_as_tensorflow_does) == made_as_tensorflow_does.message == "bad shape"
    assert str(tf.errors.InvalidArgumentError("bad axis")) == "bad axis"


def test_broadcast_error_records_nothing_on_the_tape():
    v = tf.Variable(tf.ones((2, 3)))
    with tf.GradientTape() as tape:
        with pytest.raises(ValueError):
            v + tf.ones((3, 2))
    assert len(tape._nodes) == 0


def test_matmul_inner_dimension_mismatch():
    with pytest.raises(ValueError) as err:
        tf.matmul(tf.ones((2, 3)), tf.ones((2, 3)))
    assert "(2, 3)" in str(err.value) and str(err.value).count("(2, 3)") == 2
    with pytest.raises(ValueError) as err:
        tf.ones((4, 5)) @ tf.ones((3, 2))
    assert "(4, 5)" in str(err.value) and "(3, 2)" in str(err.value)
    with pytest.raises(ValueError, match="rank >= 2"):
        tf.matmul(tf.ones((3,)), tf.ones((3, 1)))
    with pytest.raises(ValueError, match="batch"):
        tf.matmul(tf.ones((2, 1, 3)), tf.ones((3, 3, 1)))


def test_two_float_dtypes_combined():
    with pytest.raises(TypeError) as err:
        tf.constant([1.0]) - tf.constant([1.0], dtype=tf.float64)
    assert "float32" in str(err.value) and "float64" in str(err.value)
    assert "cast" in str(err.value)
    with pytest.raises(TypeError) as err:
        tf.matmul(tf.ones((1, 1)), tf.ones((1, 1), dtype=tf.float64))
    assert "float32" in str(err.value) and "float64" in str(err.value)


@pytest.mark.parametrize("mistake, op, advice", [
    # the float side wins: casting 2.5 to int32 would truncate it, whichever side it is on
    (lambda: tf.constant(1) + tf.constant(2.5), "add",
     "Cast the first operand, the int32 one: tf.cast(x, tf.float32)"),
    (lambda: tf.constant(2.5) * tf.constant(1), "multiply",
     "Cast the second operand, the int32 one: tf.cast(x, tf.float32)"),
    (lambda: tf.matmul(tf.constant([[1, 2]]), tf.Variable(tf.ones((2, 2)))), "matmul",
     "Cast the first operand, the int32 one: tf.cast(x, tf.float32)"),
    # between floats, float32 (Keras's weights), not the float64 of a NumPy array
    (lambda: tf.constant([1.0], dtype=tf.float64) - tf.constant([1.0]), "subtract",
     "Cast the first operand, the float64 one: tf.cast(x, tf.float32)"),
    # between integers, the dtype that holds both; a bool becomes the number's dtype
    (lambda: tf.constant([1]) == tf.constant([1], dtype=tf.int64), "equal",
     "Cast the first operand, the int32 one: tf.cast(x, tf.int64)"),
    (lambda: tf.constant([1], dtype=tf.uint8) < tf.constant([1], dtype=tf.int8), "less",
     "Cast both operands: tf.cast(x, tf.int16)"),
    (lambda: tf.constant([True]) + tf.constant([1.0]), "add",
     "Cast the first operand, the bool one: tf.cast(x, tf.float32)"),
], ids=["int+float", "float*int", "matmul", "float64-float32", "int32==int64",
        "uint8<int8", "bool+float"])
def test_a_dtype_mismatch_names_the_operation_and_the_cast_that_loses_nothing(
        mistake, op, advice):
    with pytest.raises(tf.errors.InvalidArgumentError) as err:
        mistake()
    message = str(err.value)
    assert message.startswith(f"{op}: cannot combine "), message
    assert message.endswith(advice + "."), message
    assert isinstance(err.value, TypeError)  # Python's name for it, too


def test_a_fraction_for_an_integer_tensor_gets_the_advice_of_its_context():
    with pytest.raises(TypeError) as err:  # an operation: compute in floats
        tf.constant([1, 2]) + 2.5
    assert str(err.value).startswith("cannot combine an int32 tensor with float 2.5 "
                                     "without losing its fractions")
    assert "tf.cast(x, tf.float32)" in str(err.value)
    with pytest.raises(TypeError) as err:  # a NumPy array on the left: the same advice
        np.array([0.5, 1.0]) * tf.constant([1, 2])
    assert "cast the tensor to floats first" in str(err.value)
    with pytest.raises(TypeError) as err:  # a new tensor: a float dtype, or drop them
        tf.constant([1.5], dtype=tf.int32)
    assert "to an int32 tensor without losing the fractions" in str(err.value)
    assert "dtype=tf.float32" in str(err.value)
    assert "tf.cast(tf.constant(value), tf.int32)" in str(err.value)


def test_item_assignment_on_a_tensor():
    x = tf.ones((2, 2))
    with pytest.raises(TypeError) as err:
        x[0, 0] = 0.0
    assert "item assignment" in str(err.value) and "assign" in str(err.value)
    np.testing.assert_array_equal(x.numpy(), np.ones((2, 2)))


def test_assign_with_a_wrong_shape():
    v = tf.Variable(tf.ones((3, 1)))
    with pytest.raises(ValueError) as err:
        v.assign(tf.zeros((1, 3)))
    assert "(1, 3)" in str(err.value) and "(3, 1)" in str(err.value)
    np.testing.assert_array_equal(v.numpy(), np.ones((3, 1)))
    with pytest.raises(TypeError):
        v.assign("zeros")
    np.testing.assert_array_equal(v.numpy(), np.ones((3, 1)))


def test_second_gradient_on_a_non_persistent_tape():
    x = tf.Variable(1.0)
    with tf.GradientTape() as tape:
        y = x * x
    tape.gradient(y, x)
    with pytest.raises(RuntimeError) as err:
        tape.gradient(y, x)
    assert "persistent=True" in str(err.value) and "non-persistent" in str(err.value)
    with pytest.raises(RuntimeError, match="persistent=True"):
        tape.jacobian(y, x)


def test_watch_of_something_that_is_not_a_tensor():
    with tf.GradientTape() as tape:
        with pytest.raises(TypeError) as err:
            tape.watch(3.0)
    assert "float" in str(err.value) and "tf.constant" in str(err.value)


@pytest.mark.parametrize("make", [
    lambda: tf.constant([1, "a"]),
    lambda: tf.constant(object()),
    lambda: tf.constant([1, [2]]),
    lambda: tf.ones(2) + "a",
    lambda: tf.ones(2) * None,
    lambda: tf.matmul(tf.ones((2, 3)), "x"),
], ids=["mixed list", "object", "ragged", "add str", "mul None", "matmul str"])
def test_strings_and_objects_where_numbers_are_expected(make):
    with pytest.raises(TypeError, match="cannot (make|convert)"):
        make()


@pytest.mark.parametrize("make", [
    lambda: tf.constant("abc"),
    lambda: tf.constant(["a", "b"]),
    lambda: tf.constant(np.array([b"x"])),
    lambda: tf.Variable("x"),
    lambda: tf.square("a"),
], ids=["str", "list of str", "bytes array", "variable", "square str"])
def test_a_tensor_of_text_is_out_of_scope(make):
    """TensorFlow has string tensors; teachtensor says they are out of scope (not a
    TypeError that would look like a mistake) and what to do instead."""
    with pytest.raises(NotImplementedError, match="string tensors .* out of scope.*numbers"):
        make()


def test_reshape_to_an_incompatible_size():
    x = tf.ones((2, 3))
    with pytest.raises(ValueError) as err:
        tf.reshape(x, (4, 2))
    assert "(2, 3)" in str(err.value) and "(4, 2)" in str(err.value)
    with pytest.raises(ValueError):
        tf.reshape(x, (-1, 4))
    with pytest.raises(ValueError):
        tf.reshape(x, (-1, -1))


def test_other_shape_errors():
    x = tf.ones((2, 3))
    with pytest.raises(ValueError, match="axis 2"):
        tf.reduce_sum(x, axis=2)
    with pytest.raises(ValueError, match="perm"):
        tf.transpose(x, [0, 0])
    with pytest.raises(ValueError, match="squeeze"):
        tf.squeeze(x, 0)
    with pytest.raises(ValueError, match="concat"):
        tf.concat([x, tf.ones((2, 2))], axis=0)
    with pytest.raises(ValueError, match="stack"):
        tf.stack([x, tf.ones((3, 2))])
    with pytest.raises(ValueError, match="broadcast"):
        tf.broadcast_to(x, (3, 3))
    with pytest.raises(IndexError, match=r"\(2, 3\)"):
        x[5]


def test_dtype_errors():
    with pytest.raises(TypeError, match="floating-point"):
        tf.sqrt(tf.constant([4]))
    with pytest.raises(TypeError, match="integer indices"):
        tf.one_hot(tf.constant([0.0, 1.0]), 3)
    with pytest.raises(TypeError, match="fractions"):
        tf.ones(2, dtype=tf.int32) + 0.5
    with pytest.raises(NotImplementedError, match="string tensors"):
        tf.cast(tf.ones(2), "string")
    with pytest.raises(TypeError, match="index"):
        [1, 2][tf.constant(1.0)]


def test_reducing_a_scalar_over_an_axis_names_the_problem():
    with pytest.raises(ValueError, match="scalar .rank 0. has no axes"):
        tf.reduce_sum(tf.constant(3.0), axis=0)
    assert float(tf.reduce_sum(tf.constant(3.0))) == 3.0  # no axis: the scalar itself


@pytest.mark.parametrize("call", [
    lambda x: tf.transpose(x, [0, 3]),
    lambda x: tf.concat([x, x], axis=2),
    lambda x: tf.squeeze(tf.ones((1, 3)), axis=2),
    lambda x: tf.gather(x, [0], axis=5),
    lambda x: tf.unstack(x, axis=-3),
], ids=["transpose", "concat", "squeeze", "gather", "unstack"])
def test_out_of_range_axes_raise_instead_of_wrapping_around(call):
    with pytest.raises(ValueError, match="out of range|not a permutation"):
        call(tf.ones((2, 3)))


def test_an_axis_named_twice_is_an_error():
    x = tf.ones((2, 3))
    for axis in ([1, 1], [1, -1], (0, -2)):
        with pytest.raises(tf.errors.InvalidArgumentError, match="names an axis twice"):
            tf.reduce_sum(x, axis=axis)
    assert tf.reduce_sum(x, axis=[0, 1]).shape == ()


@pytest.mark.parametrize("make, python_error", [
    (lambda: tf.constant(1) + tf.constant(1.0), TypeError),
    (lambda: tf.constant(1.0) + tf.constant(1.0, dtype=tf.float64), TypeError),
    (lambda: tf.gather(tf.constant([1, 2, 3]), 5), IndexError),
    (lambda: tf.constant([1, 2, 3])[5], IndexError)],
    ids=["int + float", "float32 + float64", "gather", "index"])
def test_tensorflow_code_catches_what_tensorflow_raises(make, python_error):
    # TensorFlow 2.21 raises InvalidArgumentError for each; the Python error as before
    with pytest.raises(tf.errors.InvalidArgumentError):
        make()
    with pytest.raises(python_error):
        make()


def test_iterating_by_index_still_stops_at_the_end():
    rows = []
    for row in tf.constant([[1.0], [2.0]]):
        rows.append(float(row[0]))
    assert rows == [1.0, 2.0]
