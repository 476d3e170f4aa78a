"""``make gpu-check`` (benchmarks/gpu_check.py) works before a GPU is ever lent.

The table and its verdicts are checked everywhere; the whole script runs at tiny sizes
(``--quick``) under Numba's CUDA simulator, in the simulator's process of ``make test``.
"""
import json
import math
import os
import sys

import pytest

from teachtensor.backend import gpu_available

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "benchmarks"))
import gpu_check  # noqa: E402

SIMULATOR = os.environ.get("NUMBA_ENABLE_CUDASIM") == "1"


def report(copy=100.0, add=80.0, ours=300.0, cublas=1000.0, speed_up=6.0):
    rows = [{"name": "copy (device to device)", "GB/s": copy},
            {"name": "elementwise add", "GB/s": add},
            {"name": "reduce sum, everything", "GB/s": 10.0}]
    for row in rows:
        row["of copy"] = row["GB/s"] / copy
    return {"device": "a GPU", "elements": "4 elements",
            "tests": {"summary": "3 passed", "seconds": 1.0, "ok": True},
            "bandwidth": rows,
            "matmul": [{"n": 1024, "GFLOP/s": ours, "reference GFLOP/s": cublas,
                        "against": "cuBLAS (CuPy)", "of reference": ours / cublas}],
            "epoch": {"samples": 10, "GPU s": 1.0, "CPU s": speed_up, "speed-up": speed_up}}


def test_the_table_marks_each_target():
    text = gpu_check.table(report())
    assert "CUDA tests on the device: 3 passed" in text
    add = next(line for line in text.splitlines() if line.startswith("elementwise add"))
    assert "80%" in add and add.endswith("ok")
    assert "30%  ok" in text and "6.0x  ok" in text
    low = gpu_check.table(report(add=50.0, ours=100.0, speed_up=2.0))
    assert low.count("BELOW TARGET") == 3
    assert "BELOW TARGET" not in next(line for line in text.splitlines()
                                      if line.startswith("reduce"))  # no target: no verdict


def test_a_missing_reference_is_not_a_verdict():
    assert gpu_check.verdict(math.nan, 0.25) == "n/a"
    assert gpu_check.verdict(0.3, 0.25) == "ok" and gpu_check.verdict(0.2, 0.25) != "ok"


@pytest.mark.skipif(gpu_available(), reason="there is a GPU (or the simulator)")
def test_without_a_gpu_it_says_what_to_install(capsys):
    assert gpu_check.main(["--quick", "--no-tests"]) == 2
    assert "numba-cuda" in capsys.readouterr().out


@pytest.mark.skipif(not SIMULATOR, reason="runs under Numba's CUDA simulator (make test)")
def test_the_whole_check_runs_at_tiny_sizes(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OUT", str(tmp_path))
    assert gpu_check.main(["--quick", "--no-tests"]) == 0
    text = capsys.readouterr().out
    saved = json.loads((tmp_path / "gpu_check.json").read_text())
    assert text.strip().endswith(gpu_check.table(saved).strip().splitlines()[-1])
    assert [row["name"] for row in saved["bandwidth"]][:2] == ["copy (device to device)",
                                                               "elementwise add"]
    assert all(row["GB/s"] > 0 for row in saved["bandwidth"])
    assert [row["n"] for row in saved["matmul"]] == [8, 16]
    assert saved["epoch"]["GPU s"] > 0 and saved["epoch"]["CPU s"] > 0


@pytest.mark.skipif(not SIMULATOR, reason="runs under Numba's CUDA simulator (make test)")
def test_the_tests_part_reports_a_summary():
    summary, seconds, ok = gpu_check.run_tests(
        ["tests/test_gpu_check.py::test_a_missing_reference_is_not_a_verdict"], 300)
    assert ok and "1 passed" in summary and seconds > 0
