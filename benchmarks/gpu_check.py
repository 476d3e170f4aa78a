"""``make gpu-check``: on a machine with an NVIDIA GPU, the CUDA tests and one table.

1. The CUDA tests (the files ``make test`` runs under the simulator) on the real GPU,
   in a process of their own, within a time limit.
2. A short benchmark, printed as one table:

   * bandwidth, GB/s: elementwise, broadcast and reduction kernels against a
     device-to-device copy of the same array (the most any kernel that reads and
     writes memory can reach); target: elementwise >= 70% of the copy;
   * matrix product, GFLOP/s (2 n^3 per product), n = 1024 .. 8192, against cuBLAS
     (through CuPy or PyTorch, in full fp32 precision, no TF32) or, with neither, the
     chip's fp32 peak; target >= 25% of cuBLAS;
   * the MLP epoch of ``make bench`` (``keras_epoch.py``) on GPU:0 against CPU:0;
     target: at least 5x faster on the GPU.

Everything fits in about 5 minutes.  The figures also go to ``gpu_check.json`` (in
``$OUT`` when that is set, else the current folder).

    python benchmarks/gpu_check.py [test files...]          # what make gpu-check runs
    python benchmarks/gpu_check.py --quick                  # tiny sizes (a smoke test)

``--quick`` runs the same code at tiny sizes; the tests run it under Numba's CUDA
simulator (``tests/test_gpu_check.py``), so the script is known to work before a GPU
is ever lent.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [ROOT, HERE]  # the checkout's teachtensor, installed or not

DEFAULT_TESTS = ["tests/test_backend_conformance.py", "tests/test_cuda.py",
                 "tests/test_tape.py", "tests/keras/test_device_copies.py"]
TARGETS = {"elementwise": 0.70, "matmul": 0.25, "epoch": 5.0}


# ---- 1. the tests -------------------------------------------------------------------------

def run_tests(files, limit_s):
    """pytest on the CUDA backend: (summary line, seconds, passed?)."""
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--backend", "cuda",
               *files]  # (pyproject.toml adds -q; a second -q would drop the summary line)
    start = time.perf_counter()
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                                timeout=limit_s, env=dict(os.environ, CI="true"))
    except subprocess.TimeoutExpired:
        return f"stopped after {limit_s} s", time.perf_counter() - start, False
    seconds = time.perf_counter() - start
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    summary = lines[-1] if lines else result.stderr.strip()[-300:]
    if result.returncode != 0:
        failures = [line for line in lines if line.startswith(("FAILED", "ERROR"))]
        sys.stdout.write("\n".join(failures[:20] + [result.stderr[-2000:]]) + "\n")
    return summary.strip("= "), seconds, result.returncode == 0


# ---- 2. timing on the GPU ------------------------------------------------------------------

def gpu_seconds(run, repeats):
    """The best time of ``run()`` (a kernel launch, asynchronous) over ``repeats``,
    waiting for the GPU to finish each time; one warm-up run first (compilation)."""
    from numba import cuda
    run()
    cuda.synchronize()
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        cuda.synchronize()
        best = min(best, time.perf_counter() - start)
    return best


def bandwidth_rows(n, repeats):
    """GB/s of a device copy and of the kernels, on float32 arrays of ``n`` elements."""
    import numpy as np
    from teachtensor.backend import get_backend
    be = get_backend("cuda")
    columns = 1024 if n >= 1024 * 16 else 16
    host = np.random.default_rng(0).random((n // columns, columns), dtype=np.float32)
    a, b = be.asarray(host), be.asarray(host[::-1].copy())
    row = be.asarray(host[0].copy())
    out = be.empty(a.shape, a.dtype)
    size = a.nbytes
    cases = [  # name, what runs, bytes it reads and writes
        ("copy (device to device)", lambda: out.copy_to_device(a), 2 * size),
        ("elementwise add", lambda: be.binary("add", a, b), 3 * size),
        ("elementwise exp", lambda: be.unary("exp", a), 2 * size),
        ("broadcast add (matrix + row)", lambda: be.binary("add", a, row), 2 * size),
        ("reduce sum, last axis", lambda: be.reduce("sum", a, (1,), False), size),
        ("reduce sum, first axis", lambda: be.reduce("sum", a, (0,), False), size),
        ("reduce sum, everything", lambda: be.reduce("sum", a, (0, 1), False), size),
    ]
    rows = []
    for name, run, moved in cases:
        seconds = gpu_seconds(run, repeats)
        rows.append({"name": name, "GB/s": moved / seconds / 1e9})
    copy = rows[0]["GB/s"]
    for row_ in rows:
        row_["of copy"] = row_["GB/s"] / copy
    return rows


def cublas_matmul():
    """(name, a function n -> seconds of a cuBLAS fp32 product) or None."""
    try:
        import cupy
        cupy.cuda.runtime.getDeviceCount()

        def seconds(n, repeats):
            a = cupy.random.random((n, n), dtype=cupy.float32)
            b = cupy.random.random((n, n), dtype=cupy.float32)
            return _best(lambda: cupy.matmul(a, b), cupy.cuda.Device().synchronize, repeats)
        return "cuBLAS (CuPy)", seconds
    except Exception:
        pass
    try:
        import torch
        if not torch.cuda.is_available():
            return None
        torch.backends.cuda.matmul.allow_tf32 = False  # full fp32, as teachtensor computes

        def seconds(n, repeats):
            a = torch.rand((n, n), device="cuda")
            b = torch.rand((n, n), device="cuda")
            return _best(lambda: a @ b, torch.cuda.synchronize, repeats)
        return "cuBLAS (PyTorch)", seconds
    except Exception:
        return None


def _best(run, synchronize, repeats):
    run()
    synchronize()
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        synchronize()
        best = min(best, time.perf_counter() - start)
    return best


def fp32_peak_gflops():
    """The chip's fp32 peak: multiprocessors x fp32 lanes x 2 (a multiply-add) x clock."""
    from numba import cuda
    device = cuda.get_current_device()
    if not hasattr(device, "MULTIPROCESSOR_COUNT"):  # the simulator has no chip
        return math.nan
    lanes = {7: 64, 8: 64 if device.compute_capability == (8, 0) else 128, 9: 128,
             10: 128, 12: 128}.get(device.compute_capability[0], 128)
    return device.MULTIPROCESSOR_COUNT * lanes * 2 * device.CLOCK_RATE * 1e3 / 1e9


def matmul_rows(sizes, repeats):
    import numpy as np
    from teachtensor.backend import get_backend
    be = get_backend("cuda")
    reference = cublas_matmul()
    rows = []
    for n in sizes:
        rng = np.random.default_rng(n)
        a = be.asarray(rng.random((n, n), dtype=np.float32))
        b = be.asarray(rng.random((n, n), dtype=np.float32))
        repeat = repeats if n <= 2048 else max(1, repeats // 3)
        ours = 2 * n ** 3 / gpu_seconds(lambda: be.matmul(a, b), repeat) / 1e9
        if reference is not None:
            theirs, against = 2 * n ** 3 / reference[1](n, repeat) / 1e9, reference[0]
        else:
            theirs, against = fp32_peak_gflops(), "fp32 peak"
        rows.append({"n": n, "GFLOP/s": ours, "reference GFLOP/s": theirs,
                     "against": against, "of reference": ours / theirs})
    return rows


def epoch_row(samples, features=784, units=512):
    """Seconds of one epoch of keras_epoch.py's MLP on GPU:0 and on CPU:0."""
    import keras_epoch
    import teachtensor as tf
    x, y = keras_epoch.make_data(samples, features=features)
    seconds = {}
    for device in ("GPU:0", "CPU:0"):
        with tf.device(device):
            train = keras_epoch.teachtensor_trainer(x, y, units)
            seconds[device] = keras_epoch.best_time(train, 2)
    return {"samples": samples, "GPU s": seconds["GPU:0"], "CPU s": seconds["CPU:0"],
            "speed-up": seconds["CPU:0"] / seconds["GPU:0"]}


# ---- the table ---------------------------------------------------------------------------

def verdict(value, target):
    return "n/a" if math.isnan(value) else "ok" if value >= target else "BELOW TARGET"


def table(report):
    lines = [f"GPU check: {report['device']}", ""]
    tests = report["tests"]
    lines.append(f"CUDA tests on the device: {tests['summary']} ({tests['seconds']:.0f} s)")
    lines += ["", f"{'bandwidth (float32, ' + report['elements'] + ')':34s} {'GB/s':>8s} "
                  f"{'of copy':>8s}"]
    for row in report["bandwidth"]:
        mark = ""
        if row["name"].startswith("elementwise"):
            mark = "  " + verdict(row["of copy"], TARGETS["elementwise"])
        lines.append(f"{row['name']:34s} {row['GB/s']:8.1f} {row['of copy']:8.0%}{mark}")
    lines += ["", f"{'matmul float32':16s} {'GFLOP/s':>9s} {'reference':>10s} {'of it':>6s}"]
    for row in report["matmul"]:
        lines.append(f"{'n = ' + str(row['n']):16s} {row['GFLOP/s']:9.0f} "
                     f"{row['reference GFLOP/s']:10.0f} {row['of reference']:6.0%}  "
                     f"{verdict(row['of reference'], TARGETS['matmul'])}  "
                     f"(reference: {row['against']})")
    e = report["epoch"]
    lines += ["", f"MLP epoch ({e['samples']} samples, batch 128): GPU {e['GPU s']:.3f} s, "
                  f"CPU {e['CPU s']:.3f} s, {e['speed-up']:.1f}x  "
                  f"{verdict(e['speed-up'], TARGETS['epoch'])}"]
    return "\n".join(lines)


def device_name():
    from numba import cuda
    device = cuda.get_current_device()
    name = getattr(device, "name", b"Numba's CUDA simulator")
    name = name.decode() if isinstance(name, bytes) else str(name)
    return f"{name}, compute capability {device.compute_capability}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tests", nargs="*", default=DEFAULT_TESTS)
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke test")
    parser.add_argument("--no-tests", action="store_true")
    parser.add_argument("--test-limit", type=int, default=200, help="seconds for the tests")
    args = parser.parse_args(argv)

    from teachtensor.backend import gpu_available
    if not gpu_available():
        print("No GPU found: an NVIDIA driver and numba-cuda are needed "
              "(pip install -e \".[gpu]\"; see docs/gpu.md).")
        return 2
    report = {"device": device_name()}
    if args.no_tests:
        report["tests"] = {"summary": "not run (--no-tests)", "seconds": 0.0, "ok": True}
    else:
        summary, seconds, ok = run_tests(args.tests, args.test_limit)
        report["tests"] = {"summary": summary, "seconds": seconds, "ok": ok}
    if args.quick:  # the simulator: a few hundred numbers, a model of 8 features
        n, sizes, repeats, epoch = 2 ** 8, (8, 16), 1, dict(samples=16, features=8, units=4)
    else:  # 1 GiB arrays: long enough that the Python side of a launch does not count
        n, sizes, repeats, epoch = 2 ** 28, (1024, 2048, 4096, 8192), 10, dict(samples=60000)
    report["elements"] = f"{n:,} elements"
    report["bandwidth"] = bandwidth_rows(n, repeats)
    report["matmul"] = matmul_rows(sizes, repeats)
    report["epoch"] = epoch_row(**epoch)
    text = table(report)
    print(text)
    out = os.path.join(os.environ.get("OUT", "."), "gpu_check.json")
    with open(out, "w") as f:
        json.dump(report, f, indent=1)
    return 0 if report["tests"]["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
