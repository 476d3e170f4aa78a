"""How long does one epoch of the book's MNIST model take?

    Dense(512, relu) -> Dense(10, softmax), RMSprop, sparse categorical cross-entropy,
    accuracy, batch 128, 60,000 random samples of 784 features (random data: the speed
    does not depend on the values).

Times ``model.fit(..., epochs=1)`` in teachtensor and, when PyTorch is installed
(``pip install torch``, an optional extra), the same model trained by a plain PyTorch
loop.  Each is timed after a warm-up epoch (Numba compilation, BLAS threads).

    python benchmarks/keras_epoch.py [--samples 60000] [--repeats 3] [--profile]
"""
import argparse
import time

import numpy as np


def make_data(samples, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.random((samples, 784), dtype=np.float32)
    y = rng.integers(0, 10, size=samples).astype(np.int64)
    return x, y


def teachtensor_epoch(x, y, repeats, profile=False):
    import teachtensor as tf
    from teachtensor import keras
    from teachtensor.keras import layers
    tf.random.set_seed(0)
    model = keras.Sequential([layers.Dense(512, activation="relu"),
                              layers.Dense(10, activation="softmax")])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x[:2048], y[:2048], epochs=1, batch_size=128, verbose=0)  # warm-up
    if profile:
        import cProfile
        import pstats
        profiler = cProfile.Profile()
        profiler.enable()
        model.fit(x, y, epochs=1, batch_size=128, verbose=0)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        model.fit(x, y, epochs=1, batch_size=128, verbose=0)
        times.append(time.perf_counter() - start)
    return min(times)


def torch_epoch(x, y, repeats):
    try:
        import torch
    except ImportError:
        return None
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(),
                                torch.nn.Linear(512, 10))
    # Keras's RMSprop: rho 0.9, epsilon 1e-7, learning rate 1e-3.
    optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)

    def epoch(n):
        order = torch.randperm(n)
        correct, total_loss = 0, 0.0
        for start in range(0, n, 128):
            rows = order[start:start + 128]
            xb, yb = xt[rows], yt[rows]
            logits = model(xb)
            loss = loss_fn(logits, yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * len(rows)
            correct += (logits.argmax(1) == yb).sum().item()
        return total_loss / n, correct / n

    epoch(2048)  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        epoch(len(x))
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=60000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="cProfile one epoch")
    args = parser.parse_args()
    x, y = make_data(args.samples)
    ours = teachtensor_epoch(x, y, args.repeats, args.profile)
    print(f"teachtensor: {ours:.2f} s per epoch ({args.samples} samples, batch 128)")
    theirs = torch_epoch(x, y, args.repeats)
    if theirs is None:
        print("PyTorch:     not installed (pip install torch) - skipped")
    else:
        print(f"PyTorch:     {theirs:.2f} s per epoch (plain loop, same model)")
        print(f"ratio:       {ours / theirs:.2f}x")


if __name__ == "__main__":
    main()
