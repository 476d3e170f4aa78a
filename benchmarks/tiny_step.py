"""Per-operation overhead: a tiny tape step on a 2x2 variable.

    with tf.GradientTape() as tape:
        y = tf.reduce_mean(tf.square(x * 2 + 1))
    g = tape.gradient(y, x)

Target: <= 50 microseconds per step.  Prints teachtensor's time and, when installed,
PyTorch's and TensorFlow's for the same step.
"""
import time


def per_step_us(step, repeats=40, number=500):
    step()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            step()
        best = min(best, (time.perf_counter() - start) / number)
    return best * 1e6


def teachtensor_step():
    import teachtensor as tf
    x = tf.Variable(tf.ones((2, 2)))

    def step():
        with tf.GradientTape() as tape:
            y = tf.reduce_mean(tf.square(x * 2 + 1))
        return tape.gradient(y, x)
    return step


def torch_step():
    import torch
    x = torch.ones((2, 2), requires_grad=True)

    def step():
        y = torch.mean(torch.square(x * 2 + 1))
        return torch.autograd.grad(y, x)
    return step


def tensorflow_step():
    import tensorflow as real_tf
    x = real_tf.Variable(real_tf.ones((2, 2)))

    def step():
        with real_tf.GradientTape() as tape:
            y = real_tf.reduce_mean(real_tf.square(x * 2 + 1))
        return tape.gradient(y, x)
    return step


def main():
    results = {"teachtensor": per_step_us(teachtensor_step())}
    for name, make in (("pytorch", torch_step), ("tensorflow", tensorflow_step)):
        try:
            results[name] = per_step_us(make(), number=500)
        except ImportError:
            pass
    for name, us in results.items():
        print(f"tiny tape step  {name:12s} {us:8.1f} us/step")
    return results


if __name__ == "__main__":
    main()
