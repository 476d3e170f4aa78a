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


def test_every_demo_figure_has_a_title_and_the_apple_is_in_time(tmp_path, monkeypatch):
    import matplotlib.figure
    seen = {}
    save = matplotlib.figure.Figure.savefig

    def remember(fig, path, **options):
        seen[str(path).rsplit("/", 1)[-1]] = fig.axes
        return save(fig, path, **options)

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", remember)
    demo.main(str(tmp_path))
    assert len(seen) == 7
    for name, axes in seen.items():
        plots = [ax for ax in axes if not hasattr(ax, "_colorbar")]  # a colorbar needs none
        assert plots and all(ax.get_title() for ax in plots), name
    apple = seen["6_falling_apple.png"][0]
    assert apple.get_xlabel() == "time t (s)" and "falling apple" in apple.get_title()
    assert [line.get_label() for line in apple.lines] == [
        "position (m)", "speed (m/s)", "acceleration (m/s²)"]
    for ax in seen["7_keras_history.png"]:  # the legend is inside the saved figure
        legend, figure = ax.get_legend().get_window_extent(), ax.figure.bbox
        assert figure.y0 <= legend.y0 and legend.y1 <= figure.y1
