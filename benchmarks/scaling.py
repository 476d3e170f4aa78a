"""Throughput as sizes grow (``python benchmarks/compare.py --scaling``).

* Memory-bound operations in GB/s (bytes read + written per second): ``a + b`` of one
  shape, ``a + bias`` broadcast along rows, and a sum along the last axis, from 1e3 to
  1e7 float32 elements, teachtensor against NumPy.
* Matrix products in GFLOP/s (2 n^3 floating-point operations per second), n = 128 to
  2048, teachtensor against NumPy (whose BLAS teachtensor calls: the two should agree).
* The MLP epoch at batch sizes 32, 128 and 512, teachtensor against PyTorch: smaller
  batches mean more steps, so more of the time is per-step overhead.

Each framework measures in its own process, taking turns; figures are medians.
"""
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SIZES = [10 ** 3, 10 ** 4, 10 ** 5, 10 ** 6, 10 ** 7]
MATMUL_SIZES = [128, 256, 512, 1024, 2048]
COLUMNS = 1000  # rows of 1000 for the broadcast and the row sums (1e3 .. 1e7 elements)


def _best_seconds(fn, budget=0.2):
    """The fastest of as many calls as fit in ``budget`` seconds (at least 3)."""
    fn()
    times, spent = [], 0.0
    while len(times) < 3 or spent < budget:
        start = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        spent += elapsed
    return min(times)


def _operations(framework):
    if framework == "numpy":
        return (lambda a, b: a + b, lambda a, bias: a + bias,
                lambda a: a.sum(axis=-1), lambda a, b: a @ b, lambda x: x)
    import teachtensor as tf
    return (lambda a, b: a + b, lambda a, bias: a + bias,
            lambda a: tf.reduce_sum(a, axis=-1), lambda a, b: tf.matmul(a, b),
            tf.constant)


def child(framework):
    """Measure every size for one framework; print the figures as JSON."""
    add, add_bias, row_sum, matmul, convert = _operations(framework)
    rng = np.random.default_rng(0)
    figures = {"add": [], "bias": [], "sum": [], "matmul": []}
    for n in SIZES:
        a = convert(rng.random((n // COLUMNS if n >= COLUMNS else 1, min(n, COLUMNS)),
                               dtype=np.float32))
        b = convert(rng.random(tuple(a.shape), dtype=np.float32))
        bias = convert(rng.random((tuple(a.shape)[1],), dtype=np.float32))
        nbytes = 4 * n
        figures["add"].append(3 * nbytes / _best_seconds(lambda: add(a, b)) / 1e9)
        figures["bias"].append(2 * nbytes / _best_seconds(lambda: add_bias(a, bias)) / 1e9)
        figures["sum"].append(nbytes / _best_seconds(lambda: row_sum(a)) / 1e9)
    for n in MATMUL_SIZES:
        a = convert(rng.random((n, n), dtype=np.float32))
        b = convert(rng.random((n, n), dtype=np.float32))
        figures["matmul"].append(2 * n ** 3 / _best_seconds(lambda: matmul(a, b)) / 1e9)
    print(json.dumps(figures))


def _run(framework):
    result = subprocess.run([sys.executable, __file__, framework], capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def tables(repeats=3):
    runs = {"teachtensor": [], "numpy": []}
    for _ in range(repeats):
        for name in runs:
            runs[name].append(_run(name))

    def median(name, key, i):
        return statistics.median(r[key][i] for r in runs[name])

    lines = ["| GB/s (float32) | " + " | ".join(f"{n:.0e}" for n in SIZES) + " |",
             "|---|" + "---|" * len(SIZES)]
    for key, label in [("add", "a + b"), ("bias", "a + bias (rows)"), ("sum", "sum of rows")]:
        for name in runs:
            lines.append(f"| {label}, {name} | " + " | ".join(
                f"{median(name, key, i):.2f}" for i in range(len(SIZES))) + " |")
    lines += ["", "| GFLOP/s, n x n matmul | " + " | ".join(str(n) for n in MATMUL_SIZES)
              + " |", "|---|" + "---|" * len(MATMUL_SIZES)]
    for name in runs:
        lines.append(f"| {name} | " + " | ".join(
            f"{median(name, 'matmul', i):.1f}" for i in range(len(MATMUL_SIZES))) + " |")
    lines += ["", _batch_table(repeats)]
    return "\n".join(lines) + "\n"


def _batch_table(repeats):
    """The MLP epoch at three batch sizes, teachtensor and PyTorch taking turns (in
    ``compare.py``'s rounds), so that a slow phase of the machine slows both alike."""
    import compare
    names, batches = ("teachtensor", "pytorch"), (32, 128, 512)
    results = compare.in_rounds([((name, batch), "mlp_epoch",
                                  {"samples": 20000, "batch_size": batch}, name, sys.executable)
                                 for batch in batches for name in names], max(1, repeats // 2))
    lines = ["| MLP epoch, 20,000 samples | batch 32 | batch 128 | batch 512 |",
             "|---|---|---|---|"]
    for name in names:
        cells = [f"{statistics.median(r['seconds'] for r in results[name, batch]):.2f} s"
                 if results[name, batch] else "—" for batch in batches]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    child(sys.argv[1])
