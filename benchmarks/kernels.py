"""Each Numba kernel against the NumPy reference, at a few sizes.

Prints microseconds per call and the ratio (reference time / Numba time: above 1 means
the Numba kernel is faster).  Figures, not pass/fail.  The kernels run at every size
here (``numpy_below = 0``): these figures are how the backend's ``numpy_below`` (the
size under which it runs NumPy's loops instead) was chosen.
"""
import timeit

import numpy as np

from teachtensor.backend import get_backend

CASES = {
    "add":        lambda be, a, b, row: be.binary("add", a, b),
    "add bias":   lambda be, a, b, row: be.binary("add", a, row),
    "multiply":   lambda be, a, b, row: be.binary("multiply", a, b),
    "exp":        lambda be, a, b, row: be.unary("exp", a),
    "relu":       lambda be, a, b, row: be.unary("relu", a),
    "relu grad":  lambda be, a, b, row: be.binary("relu_grad", a, b),  # b: half negative
    "greater":    lambda be, a, b, row: be.compare("greater", a, b),
    "sum all":    lambda be, a, b, row: be.reduce("sum", a, (0, 1), False),
    "sum axis 0": lambda be, a, b, row: be.reduce("sum", a, (0,), False),
    "max axis 1": lambda be, a, b, row: be.reduce("max", a, (1,), False),
    "softmax":    lambda be, a, b, row: be.softmax(a, -1),
}


def main(sizes=(16, 4096, 32768, 65536, 262144)):
    numba, numpy = get_backend("numba"), get_backend("numpy")
    numba.numpy_below = 0  # time the kernels themselves, whatever the size
    rng = np.random.default_rng(0)
    print(f"{'kernel':12s} {'elements':>9s} {'numba us':>10s} {'numpy us':>10s} {'ratio':>6s}")
    for n in sizes:
        cols = min(n, 64)
        a = rng.random((n // cols, cols), dtype=np.float32)
        b = rng.random(a.shape, dtype=np.float32) - np.float32(0.5)
        row = b[0].copy()
        for name, case in CASES.items():
            number = max(20, 400_000 // n)
            case(numba, a, b, row)
            t_numba = min(timeit.repeat(lambda: case(numba, a, b, row), number=number, repeat=5))
            t_numpy = min(timeit.repeat(lambda: case(numpy, a, b, row), number=number, repeat=5))
            print(f"{name:12s} {n:9d} {t_numba / number * 1e6:10.1f} {t_numpy / number * 1e6:10.1f}"
                  f" {t_numpy / t_numba:6.2f}")


if __name__ == "__main__":
    main()
