"""Tapes are per thread, as in TensorFlow: two threads training at once never see each
other's operations.  The threads switch as often as Python allows
(``sys.setswitchinterval(1e-6)``) so that any shared state would be caught out."""
import sys
import threading

import numpy as np
import pytest

import teachtensor as tf
from teachtensor import keras


@pytest.fixture
def switch_often():
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(old)


def run_in_threads(*targets):
    errors = []

    def guarded(target):
        try:
            target()
        except BaseException as error:  # reported in the main thread
            errors.append(error)

    threads = [threading.Thread(target=guarded, args=(t,)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


def test_two_threads_each_with_its_own_tape_get_exact_gradients(switch_often):
    def worker(scale):
        def run():
            x = tf.Variable(float(scale))
            for i in range(2000):
                with tf.GradientTape() as tape:
                    y = x * x * scale
                g = tape.gradient(y, x)
                assert g is not None and float(g) == 2 * scale * scale, (i, g)
        return run

    run_in_threads(worker(1.0), worker(3.0))


def test_a_tape_open_in_one_thread_records_nothing_of_another(switch_often):
    started, done = threading.Event(), threading.Event()
    other = tf.Variable(2.0)

    def elsewhere():
        started.wait()
        for _ in range(200):
            other * other  # trainable: any tape of *this* thread would watch it
        done.set()

    with tf.GradientTape(persistent=True) as tape:
        thread = threading.Thread(target=elsewhere)
        thread.start()
        started.set()
        done.wait()
        thread.join()
    assert tape.watched_variables() == () and "0 operations" in tape.summary()
    assert tape.gradient(other * 1.0, other) is None


def test_nested_tapes_in_two_threads(switch_often):
    def worker(t0):
        def run():
            t = tf.Variable(t0)
            for _ in range(300):
                with tf.GradientTape() as outer:
                    with tf.GradientTape() as inner:
                        position = 4.9 * t ** 2
                    speed = inner.gradient(position, t)
                acceleration = outer.gradient(speed, t)
                assert abs(float(acceleration) - 9.8) < 1e-5
        return run

    run_in_threads(worker(1.0), worker(5.0))


def test_fit_two_models_in_two_threads(switch_often):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(256, 4)).astype(np.float32)
    y = (x[:, :1] > 0).astype(np.float32)
    histories = {}

    def trainer(name):
        def run():
            model = keras.Sequential([keras.layers.Dense(8, activation="relu"),
                                      keras.layers.Dense(1, activation="sigmoid")])
            model.compile(optimizer="rmsprop", loss="binary_crossentropy",
                          metrics=["accuracy"])
            histories[name] = model.fit(x, y, epochs=3, batch_size=16, verbose=0).history
        return run

    run_in_threads(trainer("a"), trainer("b"))
    for history in histories.values():
        assert history["loss"][-1] < history["loss"][0]


def test_a_tape_that_holds_arrays_is_never_forgotten_by_another_thread(switch_often):
    # While one thread's tape still needs the arrays its operations read, the list of
    # such tapes (shared by all threads) must say so, however often another thread
    # prunes that list: else an optimizer would write into an array the tape needs.
    from teachtensor.recording import arrays_held
    stop = threading.Event()

    def pruner():
        v = tf.Variable(1.0)
        while not stop.is_set():
            with tf.GradientTape() as tape:
                v * v
            del tape  # a dead tape: the next prune drops it
            arrays_held()

    def holder():
        try:
            v = tf.Variable(2.0)
            for i in range(3000):
                with tf.GradientTape() as tape:
                    y = v * v
                assert arrays_held(), i  # this tape is alive and has not been used
                tape.gradient(y, v)
        finally:
            stop.set()

    run_in_threads(pruner, holder)
