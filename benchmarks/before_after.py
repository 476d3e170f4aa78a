"""Did a change cost speed?  The same benchmarks on two source trees, side by side.

    git worktree add /tmp/before <old commit>
    python benchmarks/before_after.py /tmp/before [--repeats 7] [--samples 20000]
    python benchmarks/before_after.py /tmp/before --instructions

Runs the tiny tape step and the MLP epoch of ``keras_epoch.py`` for the tree at the
given path ("before") and for this tree ("after"), each in a fresh process, the two
alternating so that a busy machine slows both alike, and prints the medians and their
ratio.  Both trees use the Python that runs this script (its NumPy and Numba).

``--instructions`` counts instead of timing: the CPU instructions one tiny step (and
one 40-step run of the chapter's linear classifier) executes, under valgrind
(``--repeats`` and ``--samples`` do not apply).  A count hardly changes with the
machine's load, so it shows a 2% change that timing on a shared 2-core machine cannot
(see ``instructions``).
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
THIS_TREE = os.path.dirname(HERE)

TINY_STEP_DEFINED = """
import sys, time
sys.path.insert(0, {tree!r})
import teachtensor as tf
x = tf.Variable(tf.ones((2, 2)))
def step():
    with tf.GradientTape() as tape:
        y = tf.reduce_mean(tf.square(x * 2 + 1))
    return tape.gradient(y, x)
"""

TINY_STEP = TINY_STEP_DEFINED + """
for _ in range(2000):
    step()
best = float("inf")
for _ in range(20):
    start = time.perf_counter()
    for _ in range(500):
        step()
    best = min(best, (time.perf_counter() - start) / 500)
print(best * 1e6)
"""

MLP_EPOCH = """
import sys, time
sys.path.insert(0, {tree!r})
sys.path.insert(0, {benchmarks!r})
import keras_epoch
x, y = keras_epoch.make_data({samples})
train = keras_epoch.teachtensor_trainer(x, y)
start = time.perf_counter()
train()
print(time.perf_counter() - start)
"""


COUNTED_TINY_STEP = TINY_STEP_DEFINED + """
for _ in range(200):
    step()
for _ in range({steps}):
    step()
"""

COUNTED_LINEAR_CLASSIFIER = """
import sys
sys.path.insert(0, {tree!r})
sys.path.insert(0, {benchmarks!r})
import workloads
run = workloads.linear_classifier_teachtensor()  # the timed workload, warmed up once
for _ in range({steps}):
    run()
"""


def instructions(code, tree, steps):
    """The CPU instructions one step of ``code`` executes (for the linear classifier a
    step is a whole 40-step run), counted by valgrind.

    valgrind runs the program on a simulated CPU and counts every instruction it
    executes; callgrind prints the total ("Collected : N").  The program is run twice,
    with ``steps`` steps and with none: the difference, divided by ``steps``, leaves
    out the start-up (import, warm-up).  One plain run first writes the bytecode and
    Numba caches, so that both counted runs find them written and start up alike
    (otherwise whichever came first would compile).  OpenBLAS is held to one thread,
    because its idle threads spin and every instruction they spin would be counted.  A count
    is not a time (a cache miss costs more than an addition), but for the same
    program on the same Python it moves with the time, and it does not change when
    the machine is busy.
    """
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", PYTHONHASHSEED="0")
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def run(n, counted):
        source = code.format(tree=tree, benchmarks=HERE, steps=n)
        command = [sys.executable, "-c", source]
        if counted:
            command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + command
        result = subprocess.run(command, capture_output=True, text=True, cwd="/", env=env)
        if result.returncode != 0:
            raise RuntimeError(f"the {'counted ' if counted else ''}program failed in {tree} "
                               f"(exit {result.returncode}):\n{result.stderr[-2000:]}")
        return result.stderr

    def count(n):
        found = re.search(r"Collected : (\d+)", run(n, counted=True))
        if not found:
            raise RuntimeError(f"valgrind printed no instruction count for {tree}")
        return int(found.group(1))

    run(0, counted=False)  # writes the caches (see above)

    with ThreadPoolExecutor(max_workers=2) as pool:
        empty, full = pool.map(count, (0, steps))
    return (full - empty) / steps


def count_instructions(trees):
    """``--instructions``: the counts for both trees, and their ratio."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
    workloads = {"tiny tape step": (COUNTED_TINY_STEP, 1000),
                 "linear classifier, 40 steps": (COUNTED_LINEAR_CLASSIFIER, 10)}
    print(f"{'instructions per run of':34s} {'before':>11s} {'after':>11s} {'after/before':>13s}")
    for name, (code, steps) in workloads.items():
        before, after = (instructions(code, trees[k], steps) for k in ("before", "after"))
        print(f"{name:34s} {before:11,.0f} {after:11,.0f} {after / before:12.3f}x")


def measure(code, tree, **values):
    source = code.format(tree=tree, benchmarks=HERE, **values)
    result = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True,
                            cwd="/")
    if result.returncode != 0:
        raise RuntimeError(f"benchmark failed in {tree}:\n{result.stderr}")
    return float(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", help="the source tree to compare with (a git worktree)")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--samples", type=int, default=20000)
    parser.add_argument("--instructions", action="store_true",
                        help="count CPU instructions under valgrind instead of timing")
    args = parser.parse_args()
    trees = {"before": os.path.abspath(args.before), "after": THIS_TREE}
    print(f"before: {trees['before']}\nafter:  {trees['after']}\n")
    if args.instructions:
        return count_instructions(trees)
    workloads = {"tiny tape step (us)": (TINY_STEP, {}),
                 f"MLP epoch, {args.samples} samples (s)": (MLP_EPOCH,
                                                             {"samples": args.samples})}
    print(f"{'workload':34s} {'before':>9s} {'after':>9s} {'after/before':>13s}")
    for name, (code, values) in workloads.items():
        times = {"before": [], "after": []}
        for _ in range(args.repeats):
            for label, tree in trees.items():
                times[label].append(measure(code, tree, **values))
        before, after = (statistics.median(times[k]) for k in ("before", "after"))
        print(f"{name:34s} {before:9.3f} {after:9.3f} {after / before:12.3f}x")


if __name__ == "__main__":
    main()
