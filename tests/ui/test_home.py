"""Home: what the unit owes by period, deadlines and days left, states worked out lazily, one-click
creation; the model passes Qt's model tester."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from reportdesk.services import unit_home as uh
from reportdesk.ui.home import COL_LEFT, COL_STATE, HomeModel, HomePage, RED

TODAY = dt.date(2026, 11, 20)  # after the province deadline of 2026 (14/11/2026)


def test_owed_reports_follow_the_unit_kind_and_the_calendar(unit_ctx):
    owed = uh.owed_reports(unit_ctx)
    assert owed, "a province owes reports"
    assert {o.form_id for o in owed} == {"bc-sct"}
    periods = {o.period for o in owed}
    assert "2026" in periods and "2026-H1" not in periods  # six-month reports are for departments only
    o = next(o for o in owed if o.period == "2026")
    assert o.deadline == dt.date(2026, 11, 14)
    assert o.report_id is None
    assert o.days_left(dt.date(2026, 11, 10)) == 4
    assert o.days_left(TODAY) == -6


def test_state_draft_with_errors_then_exported(unit_ctx):
    form = unit_ctx.form("bc-sct")
    r = unit_ctx.reports.create("SCT-01", form, "2026")
    st = uh.report_state(unit_ctx, r.id)
    assert st.state == uh.STATE_ERRORS and st.errors > 0
    assert st.last_saved is not None and st.revision == 0
    unit_ctx.reports.set_status(r.id, "exported", revision=1)
    st = uh.report_state(unit_ctx, r.id)
    assert st.state == uh.STATE_EXPORTED and st.revision == 1 and st.exported_at is not None
    assert [e.revision for e in st.exports] == [1]
    owed = {o.period: o for o in uh.owed_reports(unit_ctx)}
    assert owed["2026"].report_id == r.id


def test_home_model_passes_the_model_tester(qtmodeltester, unit_ctx):
    unit_ctx.reports.create("SCT-01", unit_ctx.form("bc-sct"), "2026")
    model = HomeModel(unit_ctx, today=TODAY)
    model.refresh()
    qtmodeltester.check(model, force_py=True)


def test_states_are_loaded_in_one_batch_and_overdue_is_red(qtbot, unit_ctx):
    unit_ctx.reports.create("SCT-01", unit_ctx.form("bc-sct"), "2026")
    unit_ctx.reports.create("SCT-01", unit_ctx.form("bc-sct"), "2025")
    model = HomeModel(unit_ctx, today=TODAY)
    model.refresh()
    assert model.loads == 2 and model.batches == 1, "one background batch per refresh"
    row = model.row_of("bc-sct", "2026")
    left = model.index(row, COL_LEFT)
    assert model.data(left) == "quá hạn 6 ngày"
    assert model.data(left, Qt.ItemDataRole.ForegroundRole).color() == RED
    assert model.data(model.index(row, COL_STATE)).startswith("Còn ")
    for _ in range(3):  # painting asks again and again: nothing more is worked out
        for r in range(model.rowCount()):
            model.data(model.index(r, COL_STATE))
    assert model.loads == 2 and model.batches == 1


def test_states_are_worked_out_off_the_ui_thread(qtbot, unit_ctx, sync_ops):
    """The state column shows "…" while a background QueryOp validates the reports; data() never reads
    the store (before: a 500-row report cost ~200 ms of frozen window per line, on every refresh)."""
    import threading

    r = unit_ctx.reports.create("SCT-01", unit_ctx.form("bc-sct"), "2026")
    page = HomePage(unit_ctx, today=TODAY)
    qtbot.addWidget(page)
    threads: list[str] = []
    real = uh.report_state

    def spy(ctx, rid):
        threads.append(threading.current_thread().name)
        return real(ctx, rid)

    sync_ops.set_synchronous(False)
    uh.report_state = spy
    try:
        page.refresh(select=r.id)
        row = page.model.row_of_report(r.id)
        assert page.model.data(page.model.index(row, COL_STATE)) == "…"
        qtbot.waitUntil(lambda: page.model.data(page.model.index(row, COL_STATE)).startswith("Còn "), timeout=20000)
        assert sync_ops.wait_all()
    finally:
        uh.report_state = real
    assert threads and threading.main_thread().name not in threads
    assert page.history.text().startswith(f"Báo cáo số {r.id} · ")  # the line below the list follows


def test_create_in_one_click_from_the_selected_period(qtbot, unit_ctx):
    page = HomePage(unit_ctx, today=TODAY)
    qtbot.addWidget(page)
    page.refresh()
    assert page.select("bc-sct", "2027")
    with qtbot.waitSignal(page.create_requested) as sig:
        page.btn_create.click()
    assert sig.args == ["bc-sct", "2027"]


def test_in_english_the_forms_english_title_is_shown(qtbot, unit_ctx):
    from reportdesk.ui import i18n

    model = HomeModel(unit_ctx, today=TODAY)
    model.refresh()
    vi = model.data(model.index(0, 0))
    try:
        i18n.install("en")
        en = model.data(model.index(0, 0))
    finally:
        i18n.install("vi")
    assert vi.startswith("Báo cáo") and en != vi and en == unit_ctx.form("bc-sct").title_en
