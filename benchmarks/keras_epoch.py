"""How long does one epoch of the book's MNIST model take?

    Dense(512, relu) -> Dense(10, softmax), RMSprop, sparse categorical cross-entropy,
    accuracy, batch 128, 60,000 random samples of 784 features (random data: the speed
    does not depend on the values).

Times ``model.fit(..., epochs=1)`` in teachtensor and, when PyTorch is installed
(``pip install torch``, an optional extra), the same model trained by a plain PyTorch
loop.  Each is timed after a warm-up epoch (Numba compilation, BLAS threads), in its
own process, alternately, ``--repeats`` times; the best time of each is printed.
``--epochs N`` trains N epochs in each process and prints each one's best time: the
later epochs show what subnormal numbers do to a long run (see ``performance.md``).

    python benchmarks/keras_epoch.py [--samples 60000] [--repeats 3] [--threads 1]
    python benchmarks/keras_epoch.py --samples 20000 --epochs 8 --repeats 1
    python benchmarks/keras_epoch.py --profile      # where teachtensor's epoch goes
"""
import argparse
import os
import subprocess
import sys
import time

import numpy as np


def make_data(samples, seed=0, features=784):
    rng = np.random.default_rng(seed)
    x = rng.random((samples, features), dtype=np.float32)
    y = rng.integers(0, 10, size=samples).astype(np.int64)
    return x, y


def teachtensor_trainer(x, y, units=512):
    """A function that trains the Keras model for one epoch (after one warm-up); its
    weights live on the current device (``with tf.device(...)``)."""
    import teachtensor as tf
    from teachtensor import keras
    from teachtensor.keras import layers
    tf.random.set_seed(0)
    model = keras.Sequential([layers.Dense(units, activation="relu"),
                              layers.Dense(10, activation="softmax")])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x[:2048], y[:2048], epochs=1, batch_size=128, verbose=0)  # warm-up
    return lambda: model.fit(x, y, epochs=1, batch_size=128, verbose=0)


def torch_trainer(x, y):
    """The same model and optimizer in a plain PyTorch loop, or None without PyTorch."""
    try:
        import torch
    except ImportError:
        return None
    if os.environ.get("OMP_NUM_THREADS"):
        torch.set_num_threads(int(os.environ["OMP_NUM_THREADS"]))
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(),
                                torch.nn.Linear(512, 10))
    # Keras's RMSprop: rho 0.9, epsilon 1e-7, learning rate 1e-3.
    optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()  # softmax + cross-entropy, from the logits
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)

    def epoch(n=len(x)):
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
            total_loss += loss.item() * len(rows)  # the same bookkeeping as fit's logs
            correct += (logits.argmax(1) == yb).sum().item()
        return total_loss / n, correct / n

    epoch(2048)  # warm-up
    return epoch


def epoch_times(fn, epochs):
    """The time of each of ``epochs`` calls of ``fn``, in seconds."""
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def best_time(fn, repeats):
    """The shortest of ``repeats`` calls of ``fn``, in seconds."""
    return min(epoch_times(fn, repeats))


def profile(fn):
    import cProfile
    import pstats
    profiler = cProfile.Profile()
    profiler.enable()
    fn()
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def run_alone(which, samples, threads=None, epochs=1):
    """Time ``epochs`` epochs of ``which`` in a fresh Python process: a list of
    seconds, or None if it cannot run.

    Separate processes, because PyTorch's OpenMP threads and NumPy's OpenBLAS threads
    wait for work by spinning: in one process each slows the other down.
    """
    command = [sys.executable, __file__, "--only", which, "--samples", str(samples),
               "--epochs", str(epochs)]
    env = dict(os.environ)
    if threads:  # NumPy's BLAS reads these at import; PyTorch is told in torch_trainer
        env.update(OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads),
                   MKL_NUM_THREADS=str(threads))
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        return None
    value = result.stdout.strip().splitlines()[-1]
    return None if value == "None" else [float(t) for t in value.split()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=60000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="cProfile one epoch")
    parser.add_argument("--threads", type=int, help="BLAS / PyTorch threads (default: all)")
    parser.add_argument("--epochs", type=int, default=1, help="epochs per process, each timed")
    parser.add_argument("--only", choices=["teachtensor", "torch"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only or args.profile:
        x, y = make_data(args.samples)
        trainer = (torch_trainer if args.only == "torch" else teachtensor_trainer)(x, y)
        if args.profile:
            profile(trainer)
        print(None if trainer is None else " ".join(map(str, epoch_times(trainer, args.epochs))))
        return
    # Alternate the two, so that a busy machine slows both alike; keep each one's best.
    ours, theirs = [], []
    for _ in range(args.repeats):
        ours.append(run_alone("teachtensor", args.samples, args.threads, args.epochs))
        theirs.append(run_alone("torch", args.samples, args.threads, args.epochs))
    threads = f", {args.threads} thread(s)" if args.threads else ""
    have_torch = None not in theirs
    if not have_torch:
        print("PyTorch: not installed (pip install torch) - skipped")
    for epoch in range(args.epochs):
        mine = min(times[epoch] for times in ours)
        label = f"epoch {epoch + 1}: " if args.epochs > 1 else ""
        line = (f"{label}teachtensor {mine:.2f} s per epoch ({args.samples} samples, batch 128"
                f"{threads})")
        if have_torch:
            peer = min(times[epoch] for times in theirs)
            line += f", PyTorch {peer:.2f} s (plain loop, same model), ratio {mine / peer:.2f}x"
        print(line)


if __name__ == "__main__":
    main()
