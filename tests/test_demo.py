"""``make demo``: the chapter end to end writes its figures and reports its numbers."""
import matplotlib

matplotlib.use("Agg")

from teachtensor import demo  # noqa: E402


def test_demo_trains_both_ways_and_writes_the_figures(tmp_path, capsys):
    demo.main(str(tmp_path))
    out = capsys.readouterr().out
    pngs = sorted(p.name for p in tmp_path.glob("*.png"))
    assert len(pngs) == 7 and pngs[0] == "1_data.png" and pngs[-1] == "7_keras_history.png"
    assert all((tmp_path / name).stat().st_size > 5000 for name in pngs)  # real pictures
    assert "Loss at step 39" in out and "Epoch 5/5" in out
    summary = out.split("== Summary")[1]
    scratch_loss = float(summary.split("final loss")[1].split(",")[0])
    scratch_accuracy = float(summary.split("accuracy")[1].split()[0])
    assert scratch_loss < 0.05 and scratch_accuracy > 0.98
    assert "validation accuracy" in summary and str(tmp_path) in summary
