"""The GPU: devices, moving tensors, and the same numbers as the CPU.

These tests need a GPU, or Numba's CUDA simulator: ``make test`` runs them in a process
of their own with ``NUMBA_ENABLE_CUDASIM=1``, made as strict as a real GPU
(``tests/cuda_strict.py``).  The same tests run unchanged on a real GPU
(``make gpu-check``).  Sizes are small: the simulator runs every GPU thread as a
Python thread.

Most tests compute something twice, on CPU:0 and on GPU:0, from the same numbers, and
check that the answers agree to float32 rounding.
"""
import gc
import os
import subprocess
import sys

import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras
from teachtensor.backend import gpu_available

pytestmark = pytest.mark.skipif(
    not gpu_available(), reason="no GPU here, and Numba's CUDA simulator is off; make test "
                                "runs these with NUMBA_ENABLE_CUDASIM=1 in a process of their own")

GPU = "/job:localhost/replica:0/task:0/device:GPU:0"
CPU = "/job:localhost/replica:0/task:0/device:CPU:0"


def on_both(compute):
    """compute() on CPU:0 and on GPU:0: the two results, as NumPy arrays."""
    results = []
    for device in ("CPU:0", "GPU:0"):
        with tf.device(device):
            result = compute()
        results.append(result)
    return results


def close(cpu, gpu, rtol=1e-5, atol=1e-6):
    """The results of on_both agree (nested lists of tensors, arrays or numbers)."""
    if isinstance(cpu, (list, tuple)):
        assert len(cpu) == len(gpu)
        for a, b in zip(cpu, gpu):
            close(a, b, rtol, atol)
        return
    if cpu is None or gpu is None:
        assert cpu is None and gpu is None
        return
    np.testing.assert_allclose(np.asarray(cpu), np.asarray(gpu), rtol=rtol, atol=atol)


# ---- devices ---------------------------------------------------------------------------

def test_the_gpu_is_listed_and_is_the_default():
    assert tf.config.list_physical_devices("GPU") == [
        tf.config.PhysicalDevice("/physical_device:GPU:0", "GPU")]
    assert [d.device_type for d in tf.config.list_logical_devices()] == ["CPU", "GPU"]
    with tf.device("GPU:0"):
        assert tf.constant(1.0).device == GPU
    with tf.device("/CPU:0"):
        assert tf.ones((2,)).device == CPU and tf.random.normal((2,)).device == CPU


def test_tensors_move_with_identity_under_device_and_gradients_follow():
    with tf.device("CPU:0"):
        x = tf.Variable([1.0, 2.0, 3.0])
    with tf.GradientTape() as tape:
        with tf.device("GPU:0"):
            on_gpu = tf.identity(x)
            y = tf.reduce_sum(on_gpu * on_gpu)
    assert on_gpu.device == GPU and y.device == GPU
    g = tape.gradient(y, x)
    assert g.device == CPU
    np.testing.assert_allclose(g.numpy(), [2.0, 4.0, 6.0])
    with tf.device("CPU:0"):
        back = tf.identity(on_gpu)
    assert back.device == CPU and back.numpy().tolist() == [1.0, 2.0, 3.0]


def test_mixing_devices_says_how_to_move_one():
    with tf.device("CPU:0"):
        a = tf.ones(3)
    with tf.device("GPU:0"):
        b = tf.ones(3)
    with pytest.raises(ValueError, match=r"CPU:0.*GPU:0.*tf.identity under tf.device"):
        a + b


def test_host_interop_copies_to_the_host():
    with tf.device("GPU:0"):
        x = tf.constant([[1.5, 2.0]])
    assert isinstance(x.numpy(), np.ndarray) and float(x[0, 0]) == 1.5
    assert "1.5" in str(x) and np.asarray(x).shape == (1, 2) and f"{x[0, 1]:.1f}" == "2.0"


def test_teachtensor_device_cpu_forces_the_cpu():
    env = dict(os.environ, TEACHTENSOR_DEVICE="cpu")
    code = ("import warnings, teachtensor as tf\n"
            "print(tf.constant(1.0).device, tf.config.list_physical_devices('GPU'))\n"
            "with warnings.catch_warnings(record=True) as caught:\n"
            "    warnings.simplefilter('always')\n"
            "    with tf.device('GPU:0'):\n"
            "        print(tf.constant(1.0).device, len(caught))\n")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [CPU, "[]", CPU, "1"], out.stdout


# ---- operations and gradients: the same numbers -----------------------------------------

def random(*shape, seed=0):
    return np.random.default_rng(seed).normal(size=shape).astype(np.float32)


X, W, B = random(5, 3), random(3, 4, seed=1), random(4, seed=2)


def test_forward_operations_agree():
    def compute():
        x, w, b = tf.constant(X), tf.constant(W), tf.constant(B)
        h = tf.nn.relu(tf.matmul(x, w) + b)
        return [h, tf.nn.softmax(h), tf.nn.log_softmax(h, axis=0), tf.reduce_mean(h, axis=0),
                tf.reduce_max(h, axis=1), tf.argmax(h, axis=1), tf.where(h > 0.5, h, -h),
                tf.matmul(w, x, transpose_a=True, transpose_b=True), tf.transpose(h),
                h[1:, ::2], tf.gather(h, [4, 0]), tf.concat([h, h], axis=1),
                tf.one_hot([2, 0], 3), tf.cast(h > 0, tf.int32), tf.reduce_sum(tf.exp(x)),
                tf.sigmoid(x), tf.tanh(x), tf.sqrt(tf.abs(x)), tf.math.log1p(tf.abs(x)),
                tf.round(x * 3), tf.floor(x), tf.maximum(x, 0.1), x ** 2, x / 3.0]
    close(*on_both(compute))


def test_gradients_and_second_derivatives_agree():
    def compute():
        x = tf.Variable(X)
        w = tf.Variable(W)
        with tf.GradientTape() as outer:
            with tf.GradientTape() as inner:
                loss = tf.reduce_mean(tf.square(tf.tanh(tf.matmul(x, w)) - 0.5))
            grads = inner.gradient(loss, [x, w])
            total = tf.reduce_sum(grads[0] * grads[0]) + tf.reduce_sum(grads[1])
        return [loss] + grads + outer.gradient(total, [x, w])
    close(*on_both(compute))


def test_indexing_gradients_agree():
    def compute():
        x = tf.Variable(X)
        with tf.GradientTape() as tape:
            y = tf.reduce_sum(x[1:, 0] * 2) + tf.reduce_sum(tf.gather(x, [0, 0, 3]))
            y = y + tf.reduce_sum(x[x > 0])
        return [y, tape.gradient(y, x)]
    close(*on_both(compute))


def test_the_falling_apple_on_the_gpu():
    with tf.device("GPU:0"):
        time = tf.Variable(2.0)
        with tf.GradientTape() as outer:
            with tf.GradientTape() as inner:
                position = 4.9 * time ** 2
            speed = inner.gradient(position, time)
        acceleration = outer.gradient(speed, time)
    assert acceleration.device == GPU and abs(float(acceleration) - 9.8) < 1e-5


# ---- Keras: the same training ------------------------------------------------------------

DATA_X = random(24, 3, seed=3)
LABELS = (DATA_X[:, 0] + DATA_X[:, 1] > 0).astype(np.int64) + (DATA_X[:, 2] > 1)


def train(optimizer, loss, metrics, targets, output_units, activation):
    tf.random.set_seed(0)
    keras.utils.clear_session()
    model = keras.Sequential([keras.Input(shape=(3,)),
                              keras.layers.Dense(4, activation="relu"),
                              keras.layers.Dense(output_units, activation=activation)])
    model.set_weights([np.linspace(-1, 1, w.numpy().size, dtype=np.float32)
                       .reshape(w.shape) for w in model.weights])
    model.compile(optimizer=optimizer, loss=loss, metrics=metrics)
    history = model.fit(DATA_X, targets, batch_size=8, epochs=2, verbose=0, shuffle=False,
                        validation_data=(DATA_X[:8], targets[:8]))
    return [history.history, model.get_weights(), model.evaluate(DATA_X, targets, verbose=0),
            model.predict(DATA_X[:5], verbose=0),
            [w.device for w in model.weights + model.optimizer.variables]]


CASES = {  # optimizer, loss, metrics (made anew for each device), targets, units, activation
    "rmsprop sparse CE": (lambda: keras.optimizers.RMSprop(0.01), "sparse_categorical_crossentropy",
                          lambda: ["accuracy"], LABELS, 3, "softmax"),
    "adam binary CE": (lambda: keras.optimizers.Adam(0.01), "binary_crossentropy",
                       lambda: ["accuracy", keras.metrics.AUC(num_thresholds=5)],
                       (LABELS > 0).astype(np.float32)[:, None], 1, "sigmoid"),
    "sgd momentum mse": (lambda: keras.optimizers.SGD(0.05, momentum=0.9), "mse",
                         lambda: ["mae"], DATA_X[:, :1] * 2.0, 1, None),
    "adagrad categorical CE": (lambda: keras.optimizers.Adagrad(0.1), "categorical_crossentropy",
                               lambda: ["categorical_accuracy"],
                               np.eye(3, dtype=np.float32)[LABELS], 3, "softmax"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_fit_evaluate_predict_agree_with_the_cpu(case):
    make_optimizer, loss, make_metrics, targets, units, activation = CASES[case]
    cpu, gpu = on_both(lambda: train(make_optimizer(), loss, make_metrics(), targets, units,
                                     activation))
    history_cpu, history_gpu = cpu[0], gpu[0]
    assert history_cpu.keys() == history_gpu.keys()
    for key in history_cpu:
        close(history_cpu[key], history_gpu[key])
    close(cpu[1:4], gpu[1:4])
    assert set(gpu[4]) == {GPU} and set(cpu[4]) == {CPU}


def test_decision_boundary_of_a_gpu_model_under_a_cpu_default():
    from teachtensor.plot import decision_boundary
    with tf.device("GPU:0"):
        model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
        model(DATA_X[:2, :2])
    with tf.device("CPU:0"):  # the grid goes where the weights are
        ax = decision_boundary(model, DATA_X[:, :2], resolution=4)
    assert ax.collections  # the regions were drawn
    with tf.device("GPU:0"):
        W = tf.Variable(tf.ones((2, 1)))
    with tf.device("CPU:0"), pytest.raises(ValueError, match="run it where the weights are"):
        decision_boundary(lambda x: tf.sigmoid(x @ W), DATA_X[:, :2], resolution=4)


def test_dropout_callbacks_datasets_and_weight_files_on_the_gpu(tmp_path):
    with tf.device("GPU:0"):
        model = keras.Sequential([keras.layers.Dense(4, activation="relu"),
                                  keras.layers.Dropout(0.5, seed=1), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        dataset = tf.data.Dataset.from_tensor_slices((DATA_X, DATA_X[:, :1])).batch(8)
        path = tmp_path / "best.weights.npz"
        history = model.fit(dataset, epochs=3, verbose=0, callbacks=[
            keras.callbacks.ModelCheckpoint(str(path), monitor="loss", save_best_only=True),
            keras.callbacks.EarlyStopping(monitor="loss", patience=1)])
        assert len(history.history["loss"]) >= 2
        saved = model.get_weights()
        model.save_weights(path)
        for w in model.weights:
            w.assign(tf.zeros(w.shape))
        model.load_weights(path)
    for old, new in zip(saved, model.get_weights()):
        np.testing.assert_array_equal(old, new)
    assert all(w.device == GPU for w in model.weights)


def device_bytes_in_use():
    """Bytes of device memory held now: on a real GPU the driver's count, under the
    simulator the sizes of the device arrays still alive (tests/cuda_strict.py)."""
    gc.collect()
    from numba import cuda
    if cuda.is_available() and not os.environ.get("NUMBA_ENABLE_CUDASIM") == "1":
        context = cuda.current_context()
        context.deallocations.clear()  # (Numba frees device memory in batches: now)
        free, total = context.get_memory_info()
        return total - free
    import cuda_strict
    return sum(array.nbytes for array in cuda_strict.LIVE)


def test_device_memory_stays_flat_over_many_training_steps():
    with tf.device("GPU:0"):
        model = keras.Sequential([keras.layers.Dense(4, activation="relu"),
                                  keras.layers.Dense(1)])
        model.compile(optimizer="rmsprop", loss="mse", metrics=["mae"])
        model.fit(DATA_X, DATA_X[:, :1], batch_size=8, epochs=2, verbose=0)  # slots, states
        before = device_bytes_in_use()
        model.fit(DATA_X, DATA_X[:, :1], batch_size=8, epochs=6, verbose=0)  # 18 steps more
        after = device_bytes_in_use()
    # a real GPU's driver counts memory in pages of 2 MiB; the simulator counts bytes
    slack = 4 << 20 if not os.environ.get("NUMBA_ENABLE_CUDASIM") == "1" else 1024
    assert after - before <= slack, (before, after)


def test_a_functional_model_of_two_inputs_and_two_outputs_agrees_with_the_cpu():
    def train():
        tf.random.set_seed(0)
        keras.utils.clear_session()
        a, b = keras.Input(shape=(3,), name="a"), keras.Input(shape=(2,), name="b")
        hidden = keras.layers.Dense(4, activation="relu")(keras.layers.Concatenate()([a, b]))
        model = keras.Model([a, b], [keras.layers.Dense(1, name="value")(hidden),
                                     keras.layers.Dense(3, activation="softmax",
                                                        name="kind")(hidden)])
        model.set_weights([np.linspace(-1, 1, w.numpy().size, dtype=np.float32)
                           .reshape(w.shape) for w in model.weights])
        model.compile(optimizer="adam", loss=["mse", "sparse_categorical_crossentropy"],
                      metrics=[[], ["accuracy"]], loss_weights=[1.0, 0.5])
        history = model.fit([DATA_X, DATA_X[:, :2]], [DATA_X[:, :1], LABELS], batch_size=8,
                            epochs=2, verbose=0, shuffle=False)
        return [history.history, model.get_weights(),
                model.predict([DATA_X[:4], DATA_X[:4, :2]], verbose=0)]

    cpu, gpu = on_both(train)
    assert sorted(cpu[0]) == ["kind_accuracy", "kind_loss", "loss", "value_loss"]
    for key in cpu[0]:
        close(cpu[0][key], gpu[0][key])
    close(cpu[1:], gpu[1:])


def test_control_flow_and_host_side_counts_keep_to_their_devices():
    with tf.device("GPU:0"):
        never, start = tf.constant(False), tf.constant(0)
        empty = tf.map_fn(lambda row: row, tf.zeros((0, 2)))
    assert tf.cond(never, lambda: 1, lambda: 2) == 2  # a GPU scalar's truth, read back
    (three,) = tf.while_loop(lambda i: i < 3, lambda i: (i + 1,), [start])
    assert int(three) == 3 and three.device == GPU
    assert empty.shape == (0,) and empty.device == GPU
    with tf.device("CPU:0"):
        labels, predictions = tf.constant([0, 1]), tf.constant([1, 1])
    counts = tf.math.confusion_matrix(labels, predictions)  # counted on the host...
    assert counts.device == CPU  # ...and given back where its labels are, not on GPU:0
    assert counts.numpy().tolist() == [[0, 1], [0, 1]]
