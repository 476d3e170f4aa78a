"""Did a change cost speed?  The same benchmarks on two source trees, side by side.

    git worktree add /tmp/before <old commit>
    python benchmarks/before_after.py /tmp/before [--repeats 7] [--samples 20000]

Runs the tiny tape step and the MLP epoch of ``keras_epoch.py`` for the tree at the
given path ("before") and for this tree ("after"), each in a fresh process, the two
alternating so that a busy machine slows both alike, and prints the medians and their
ratio.  Both trees use the Python that runs this script (its NumPy and Numba).
"""
import argparse
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
THIS_TREE = os.path.dirname(HERE)

TINY_STEP = """
import sys, time
sys.path.insert(0, {tree!r})
import teachtensor as tf
x = tf.Variable(tf.ones((2, 2)))
def step():
    with tf.GradientTape() as tape:
        y = tf.reduce_mean(tf.square(x * 2 + 1))
    return tape.gradient(y, x)
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
    args = parser.parse_args()
    trees = {"before": os.path.abspath(args.before), "after": THIS_TREE}
    workloads = {"tiny tape step (us)": (TINY_STEP, {}),
                 f"MLP epoch, {args.samples} samples (s)": (MLP_EPOCH,
                                                             {"samples": args.samples})}
    print(f"before: {trees['before']}\nafter:  {trees['after']}\n")
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
