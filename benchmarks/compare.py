"""``make bench``: teachtensor against its peers, in one run, as one table.

    python benchmarks/compare.py [--repeats 5] [--quick] [--scaling] [--markdown FILE]
        [--peer-python keras=/path/to/python] [--only tiny_step --only hvp ...]

Every measurement runs in a fresh process (PyTorch's OpenMP threads and NumPy's BLAS
threads spin while they wait, so sharing a process slows both), and the frameworks
take turns — teachtensor, PyTorch, Keras, NumPy, teachtensor, ... — so that a machine
that gets busy slows them alike.  The run goes in ``--repeats`` rounds, each timing
every workload once, so that each figure's samples are spread over the whole run.
Each figure is the median of its ``--repeats`` samples; the ratio is teachtensor's
median over the peer's (below 1: teachtensor is faster).

A peer is measured when it is installed: PyTorch and TensorFlow/Keras come with the
``bench`` extra (``pip install -e ".[bench]"``), or name another Python that has one
(``--peer-python keras=/tmp/tfenv/bin/python``; it needs only NumPy besides the peer).

The workloads are in ``workloads.py``; ``--scaling`` adds throughput tables (``scaling.py``).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FRAMEWORKS = ["teachtensor", "pytorch", "keras", "numpy"]

# (row label, workload function prefix, options, unit, scale of the printed figure)
WORKLOADS = [
    ("MLP epoch, 20,000 samples", "mlp_epoch", {"samples": 20000}, "s", 1),
    ("MLP epoch, 60,000 samples", "mlp_epoch", {"samples": 60000}, "s", 1),
    ("tiny tape step", "tiny_step", {}, "us", 1e6 / 500),
    ("linear classifier, 40 steps", "linear_classifier", {}, "ms", 1e3),
    ("Hessian-vector product, batch 128", "hvp", {}, "ms", 1e3),
]
QUICK = {"MLP epoch, 60,000 samples"}  # left out by --quick


# ---- in the child process ----------------------------------------------------------------

IN_PROCESS_BUDGET = 1.0  # seconds of runs per process (at least one run, at most 7)


def child(prefix, options):
    """Prepare one workload, time it, print {"seconds", "peak_mb"} as JSON.

    A run that takes milliseconds is timed several times in the process (until about
    ``IN_PROCESS_BUDGET`` seconds have passed, at most 7 runs) and the median is kept:
    on a shared machine one short run can be twice as slow as the next.  An epoch of
    seconds is timed once.

    Between the warm-up and the timing, Python's garbage collector runs once, in every
    framework's process alike: the warm-up (Numba compiling, TensorFlow tracing) leaves
    enough new objects that the next full collection, 35-50 ms here, would otherwise
    land in the first timed run, a tenth of an MLP epoch."""
    import gc
    import resource

    import workloads
    make = getattr(workloads, f"{prefix}_{options.pop('framework')}", None)
    if make is None:
        print(json.dumps(None))
        return
    run = make(**options)
    gc.collect()
    times = []
    while not times or (sum(times) < IN_PROCESS_BUDGET and len(times) < 7):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    seconds = statistics.median(times)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # Linux: kilobytes
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024}))


def measure(prefix, options, framework, python, env=None):
    """Run one measurement in a new process; its dict, or None if the framework is absent."""
    command = [python, __file__, "--child", prefix, json.dumps(dict(options, framework=framework))]
    result = subprocess.run(command, capture_output=True, text=True, env=env or os.environ,
                            cwd=ROOT)
    if result.returncode != 0:
        if "ModuleNotFoundError" not in result.stderr:
            sys.stderr.write(f"{framework} {prefix} failed:\n{result.stderr[-2000:]}\n")
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def in_rounds(jobs, repeats, env=None):
    """Run each job ``repeats`` times, in rounds: each round runs every job once, in the
    order given (so list the frameworks of a workload side by side: they take turns).
    A figure's samples are then spread over the whole run, and a slow phase of a shared
    machine (minutes, on the development VM) touches one sample of several figures,
    not all the samples of one.

    ``jobs`` holds ``(key, prefix, options, framework, python)``; returns {key: the
    list of results}, or None for a key whose framework is absent (asked once)."""
    results = {key: [] for key, *_ in jobs}
    for round_number in range(repeats):
        for key, prefix, options, framework, python in jobs:
            if results[key] is None:
                continue
            result = measure(prefix, dict(options), framework, python, env)
            if result is None:
                results[key] = None  # not installed, or no such workload
            else:
                results[key].append(result)
        print(f"  round {round_number + 1} of {repeats} measured", file=sys.stderr)
    return results


# ---- start-up: a new process importing teachtensor and fitting a small model -------------

START = ("import numpy as np; from teachtensor import keras; "
         "m = keras.Sequential([keras.layers.Dense(16, activation='relu'), "
         "keras.layers.Dense(3, activation='softmax')]); "
         "m.compile(optimizer='rmsprop', loss='sparse_categorical_crossentropy', "
         "metrics=['accuracy']); "
         "m.fit(np.random.rand(256, 8).astype('float32'), np.random.randint(0, 3, 256), "
         "epochs=1, verbose=0)")


def start_time(cold):
    """Seconds for a new process to import teachtensor and fit a small model.

    Python's bytecode cache is left on, as a user's Python has it (and as ``pip
    install`` writes it): a development shell that sets PYTHONDONTWRITEBYTECODE would
    otherwise compile teachtensor's 117 modules from source at every start, about 0.2 s
    here, which no student's second start does."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as empty:
        if cold:
            env["NUMBA_CACHE_DIR"] = empty  # nothing compiled yet: as a new Colab session
        begin = time.perf_counter()
        subprocess.run([sys.executable, "-c", START], check=True, env=env, cwd=ROOT)
        return time.perf_counter() - begin


# ---- the driver ---------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="leave out the 60,000 epoch")
    parser.add_argument("--scaling", action="store_true", help="add the throughput tables")
    parser.add_argument("--markdown", help="also write the tables to this file")
    parser.add_argument("--peer-python", action="append", default=[],
                        metavar="FRAMEWORK=PYTHON")
    parser.add_argument("--only", action="append", metavar="WORKLOAD",
                        help="time only this workload (tiny_step, hvp, ...) and no start-up")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], json.loads(args.child[1]))
        return
    pythons = {name: sys.executable for name in FRAMEWORKS}
    for item in args.peer_python:
        name, _, python = item.partition("=")
        pythons[name] = python
    env = dict(os.environ)

    chosen = [w for w in WORKLOADS
              if not ((args.quick and w[0] in QUICK) or (args.only and w[1] not in args.only))]
    results = in_rounds([((label, name), prefix, options, name, pythons[name])
                         for label, prefix, options, unit, scale in chosen
                         for name in FRAMEWORKS], args.repeats, env)
    rows = [(label, unit, scale, {name: results[label, name] for name in FRAMEWORKS})
            for label, prefix, options, unit, scale in chosen]
    if not args.only:
        start_time(False)  # untimed: writes the bytecode cache that every start then reads
    starts = {"cold": [], "warm": []} if args.only else {
        "cold": [start_time(True) for _ in range(max(2, args.repeats // 2))],
        "warm": [start_time(False) for _ in range(args.repeats)]}
    text = table(rows, starts)
    if args.scaling:
        import scaling
        text += "\n" + scaling.tables(repeats=args.repeats)
    text = header() + text
    print(text)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)


def header():
    import platform
    cpus = os.cpu_count()
    return (f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()} with {cpus} CPU "
            f"cores, Python {platform.python_version()}; medians of alternating runs, each "
            f"in its own process.\n\n")


def table(rows, starts):
    lines = ["| workload | teachtensor | PyTorch | Keras 3 / TF | NumPy by hand | "
             "vs PyTorch | vs Keras | peak memory vs PyTorch |",
             "|---|---|---|---|---|---|---|---|"]
    for label, unit, scale, runs in rows:
        medians = {name: (statistics.median(r["seconds"] for r in runs[name])
                          if runs[name] else None) for name in FRAMEWORKS}
        memory = {name: (statistics.median(r["peak_mb"] for r in runs[name])
                         if runs[name] else None) for name in FRAMEWORKS}

        def cell(name):
            value = medians[name]
            return "—" if value is None else f"{value * scale:.3g} {unit}"

        def ratio(name):
            ours, theirs = medians["teachtensor"], medians[name]
            return "—" if ours is None or theirs is None else f"{ours / theirs:.2f}x"

        mem = ("—" if memory["teachtensor"] is None or memory["pytorch"] is None else
               f"{memory['teachtensor']:.0f} / {memory['pytorch']:.0f} MB")
        lines.append(f"| {label} | {cell('teachtensor')} | {cell('pytorch')} | "
                     f"{cell('keras')} | {cell('numpy')} | {ratio('pytorch')} | "
                     f"{ratio('keras')} | {mem} |")
    if starts["cold"]:
        lines.append(f"| start: import + first fit of a small model, empty Numba cache | "
                     f"{statistics.median(starts['cold']):.2f} s | | | | | | |")
        lines.append(f"| start: the same, warm Numba cache | "
                     f"{statistics.median(starts['warm']):.2f} s | | | | | | |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
