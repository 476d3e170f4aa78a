"""The chapter's linear classifier from scratch: 40 steps on 2,000 points.

Three figures:
* the 40 training steps alone, in a warm process;
* ``import teachtensor`` + the 40 steps as a whole new process, with the Numba cache
  warm (target <= 1.5 s) and cold, i.e. compiling every kernel (target <= 10 s);
* PyTorch's 40 steps for comparison, when it is installed.
"""
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WHOLE = ("import teachtensor.demo as d; x, y = d.make_blobs(); "
         "d.train_linear_classifier(x, y, log=None)")


def steps_alone(repeats=5):
    from teachtensor.demo import make_blobs, train_linear_classifier
    inputs, targets = make_blobs()
    train_linear_classifier(inputs, targets, log=None)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        train_linear_classifier(inputs, targets, log=None)
        best = min(best, time.perf_counter() - start)
    return best


def torch_steps(repeats=5):
    import numpy as np
    import torch
    from teachtensor.demo import make_blobs
    inputs, targets = (torch.from_numpy(a) for a in make_blobs())

    def train():
        W = torch.rand((2, 1), requires_grad=True)
        b = torch.zeros((1,), requires_grad=True)
        for _ in range(40):
            loss = torch.mean(torch.square(targets - (inputs @ W + b)))
            gW, gb = torch.autograd.grad(loss, [W, b])
            with torch.no_grad():
                W -= 0.1 * gW
                b -= 0.1 * gb
        return float(loss.detach())
    train()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        train()
        best = min(best, time.perf_counter() - start)
    np.random.seed(0)
    return best


def whole_process(cache_dir=None):
    env = dict(os.environ)
    if cache_dir:
        env["NUMBA_CACHE_DIR"] = cache_dir
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", WHOLE], check=True, env=env,
                   cwd=os.path.dirname(HERE))
    return time.perf_counter() - start


def main():
    results = {"steps_alone_s": steps_alone()}
    whole_process()  # make sure the default cache is warm
    results["process_warm_s"] = min(whole_process() for _ in range(3))
    with tempfile.TemporaryDirectory() as empty:
        results["process_cold_s"] = whole_process(cache_dir=empty)
    try:
        results["pytorch_steps_s"] = torch_steps()
    except ImportError:
        pass
    for name, value in results.items():
        print(f"linear classifier  {name:18s} {value:8.3f} s")
    return results


if __name__ == "__main__":
    main()
