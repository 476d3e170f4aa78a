"""``make bench``: every benchmark, one after the other (figures, not pass/fail)."""
import os
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

for name in ("tiny_step", "linear_classifier", "kernels", "keras_epoch"):
    path = os.path.join(HERE, name + ".py")
    if os.path.exists(path):
        print(f"== {name}")
        runpy.run_path(path, run_name="__main__")
