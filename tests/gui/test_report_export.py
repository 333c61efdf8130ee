"""File > Export report...: the PDF is written off the GUI thread, with progress; errors show."""

from __future__ import annotations

from pypdf import PdfReader

from planner.gui import dialogs


def _file_menu_texts(window) -> list[str]:  # noqa: ANN001
    menu = window.menuBar().actions()[0].menu()
    return [action.text() for action in menu.actions()]


def test_export_report_waits_for_a_plan_then_writes_the_pdf(main_window, qtbot, monkeypatch,
                                                             solved_plan, tmp_path) -> None:
    action = main_window.actions_by_name["export_report"]
    assert "Export &report…" in _file_menu_texts(main_window)
    assert not action.isEnabled()  # no plan yet
    main_window.document.set_plan(solved_plan)
    assert action.isEnabled()
    out = tmp_path / "board"
    asked = []
    monkeypatch.setattr(dialogs, "report_pdf_path",
                        lambda _parent, suggested: asked.append(suggested) or str(out) + ".pdf")
    messages = []
    main_window.report.message.connect(messages.append)
    with qtbot.waitSignal(main_window.report.written, timeout=120_000) as written:
        action.trigger()
        assert main_window.report.is_running and not action.isEnabled()
    assert written.args == [str(out) + ".pdf"]
    assert asked == ["Tiny fleet report.pdf"]
    pages = PdfReader(str(out) + ".pdf").pages
    assert messages[-1] == f"Wrote the plan report ({len(pages)} pages) to board.pdf"
    text = "\n".join(page.extract_text() for page in pages)
    assert "Tiny fleet" in text and "Key figures" in text
    assert action.isEnabled() and not main_window.report.is_running


def test_a_report_that_cannot_be_written_shows_one_error(main_window, qtbot, monkeypatch,
                                                          solved_plan, tmp_path) -> None:
    main_window.document.set_plan(solved_plan)
    errors = []
    monkeypatch.setattr(dialogs, "show_error",
                        lambda _parent, headline, details="": errors.append(headline))
    main_window.report.export(str(tmp_path / "missing" / "plan.pdf"))
    qtbot.waitUntil(lambda: not main_window.report.is_running, timeout=60_000)
    assert errors == [f"Cannot save plan.pdf: the folder {tmp_path / 'missing'} does not "
                      "exist."]


def test_cancel_stops_the_report_and_says_so(main_window, qtbot, monkeypatch, solved_plan,
                                             tmp_path) -> None:
    import threading

    from planner.board_report import ReportCancelled
    from planner.gui import report_export

    started = threading.Event()

    def slow_write(source, progress, should_stop, path):  # noqa: ANN001, ANN202
        started.set()
        progress(0.1, "Drawing key figures")
        while not should_stop():
            threading.Event().wait(0.01)
        raise ReportCancelled("The report was stopped; no file was written.")

    monkeypatch.setattr(report_export, "_write", slow_write)
    main_window.document.set_plan(solved_plan)
    messages = []
    main_window.report.message.connect(messages.append)
    main_window.report.export(str(tmp_path / "plan.pdf"))
    qtbot.waitUntil(started.is_set, timeout=10_000)
    main_window.report.cancel()
    qtbot.waitUntil(lambda: not main_window.report.is_running, timeout=10_000)
    assert messages[-1] == "The report was stopped; no file was written"
    assert not (tmp_path / "plan.pdf").exists()
    assert main_window.actions_by_name["export_report"].isEnabled()


def test_progress_survives_the_run_ending_inside_the_dialogs_event_loop(main_window,
                                                                        monkeypatch) -> None:
    """A modal progress dialog's setValue runs the event loop; the run's end can come there.

    Seen in CI: the end closed the dialog (self._dialog = None) in the middle of a progress
    report, and the next line raised AttributeError in the Qt event loop.
    """
    exporter = main_window.report
    exporter._show_dialog()
    dialog = exporter._dialog
    monkeypatch.setattr(exporter._threads, "is_current", lambda _sender: True)
    monkeypatch.setattr(exporter._threads, "release", lambda: None)
    monkeypatch.setattr(dialog, "setValue", lambda _value: exporter._end())
    exporter._on_progress(0.5, "Drawing the charts")
    assert exporter._dialog is None
    assert dialog.labelText() == "Drawing the charts…"
