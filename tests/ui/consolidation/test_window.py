"""The consolidation window on the demo world: a consolidation day from the window alone.

Receive the demo's packages, see the board agree with `status --json`, approve the waiting signer and see
its package merge, compare two revisions, publish the workbook and the Word report, write the reminder
letter, edit the calendar and the registry. qtmodeltester on every model."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest

from rdtest import run_cli
from reportdesk.app import AppContext
from reportdesk.consolidate.status import STATES

# the fixtures live here, not in a conftest.py: a second module named "conftest" would shadow the one
# other test modules import helpers from when the suite runs in one process

DEMO_UNITS = 8


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    from reportdesk.services.demo import build_demo

    root = tmp_path_factory.mktemp("demo") / "Thế giới trình diễn"
    res = build_demo(root, units=DEMO_UNITS)
    return res


@pytest.fixture
def demo(tmp_path, demo_template):
    """A copy of the demo world (everything imported, one signer still waiting for approval)."""
    root = tmp_path / "trình diễn"
    shutil.copytree(demo_template.root, root)
    return {"root": root, "atmt": root / "atmt", "outbox": root / "outbox", "period": demo_template.period,
            "passphrase": (root / "passphrase.txt").read_text(encoding="utf-8").strip()}


@pytest.fixture
def demo_ctx(demo):
    ctx = AppContext(demo["atmt"], interactive=False)
    yield ctx
    ctx.close()


@pytest.fixture
def fresh_atmt(demo, tmp_path):
    """A new consolidation store with the demo's ATMT key and certificate; no package imported yet."""
    from reportdesk.package.identity import cert_path, key_path
    from reportdesk.services.setup import init_store

    d = tmp_path / "Kho mới"
    d.mkdir()
    for p in (key_path(demo["atmt"]), cert_path(demo["atmt"])):
        target = (key_path(d) if p == key_path(demo["atmt"]) else cert_path(d))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(p, target)
    ctx = AppContext(d, interactive=False)
    init_store(ctx, "atmt", "CUC-ATMT")
    yield ctx
    ctx.close()


@pytest.fixture
def make_window(qtbot):
    from reportdesk.ui.consolidation import ConsolidationWindow

    made = []

    def make(ctx, passphrase=None, today: dt.date | None = None):
        w = ConsolidationWindow(ctx, passphrase=passphrase, open_files=False, today=today)
        qtbot.addWidget(w)
        w.confirmations: list[str] = []

        def confirm(title, text, w=w):
            w.confirmations.append(text)
            return True

        w.confirm = confirm
        made.append(w)
        return w

    return make



def _status_json(data_dir, period):
    proc = run_cli("status", "--period", period, "--json", data_dir=data_dir, check=True)
    return json.loads(proc.stdout)


def _counts(entries):
    c = {s: 0 for s in STATES}
    for e in entries:
        c[e["state"]] += 1
    return c


def test_importing_through_the_window_fills_the_board_as_status_json_says(make_window, fresh_atmt, demo):
    w = make_window(fresh_atmt, passphrase=demo["passphrase"])
    assert w.period == demo["period"]
    before = w.board.visible_counts()
    assert before["on_time"] + before["late"] == 0

    w.receive.import_paths([str(demo["outbox"])])

    s = w.receive.last_summary
    assert s is not None and len(s.outcomes) == len(list(demo["outbox"].glob("*.rdpkg")))
    assert s.counts["accepted"] == 0 and s.counts["quarantined"] == len(s.outcomes)  # no signer approved yet
    assert w.receive.model.rowCount() == len(s.outcomes)
    expected = _counts(_status_json(fresh_atmt.data_dir, demo["period"]))
    assert w.board.visible_counts() == expected
    assert f"Chờ xử lý: {expected['quarantined']}" in w.board.counts.text()

    # the results table filters without tones and copies what is selected
    w.receive.filter.setText("cach ly")
    assert w.receive.proxy.rowCount() == len(s.outcomes)
    w.receive.filter.setText("tu choi")
    assert w.receive.proxy.rowCount() == 0
    w.receive.filter.setText("")
    w.receive.view.selectAll()
    copied = w.receive.copy()
    assert copied.count("\n") == len(s.outcomes) and "cách ly" in copied

    # re-importing the same folder is harmless, and the window says so
    w.receive.import_paths([str(demo["outbox"])])
    again = w.receive.last_summary
    assert again.counts["duplicate"] == len(again.outcomes)
    assert "vô hại" in w.receive.summary.text()
    assert w.board.visible_counts() == expected


def test_board_counts_kinds_deadlines_and_filters(make_window, demo_ctx, demo):
    w = make_window(demo_ctx)
    entries = _status_json(demo["atmt"], demo["period"])
    assert w.board.visible_counts() == _counts(entries)
    b = w.board_data
    assert set(b.counts_by_kind) <= {"department", "province", "corporation"}
    assert sum(sum(v.values()) for v in b.counts_by_kind.values()) == len(entries)
    period = demo_ctx.period(demo["period"])
    assert "Sở Công Thương " + period.deadlines["province"].strftime("%d/%m/%Y") in w.board.deadlines.text()
    late_flag = sum(1 for e in entries if e["signed_on_time_received_late"])
    assert b.late_receipts == late_flag

    # filter by state: only units with a missing report
    w.board.state.setCurrentIndex(w.board.state.findData("missing"))
    missing_units = {e["unit_code"] for e in entries if e["state"] == "missing"}
    shown = {w.board.proxy.index(r, 0).data() for r in range(w.board.proxy.rowCount())}
    assert shown == missing_units
    # filter by kind
    w.board.state.setCurrentIndex(0)
    w.board.kind.setCurrentIndex(w.board.kind.findData("corporation"))
    shown = {w.board.proxy.index(r, 0).data() for r in range(w.board.proxy.rowCount())}
    assert shown and all(demo_ctx.units.get(c).kind == "corporation" for c in shown)

    # a click on a received cell opens the submission
    w.board.kind.setCurrentIndex(0)
    e = next(e for e in entries if e["state"] in ("on_time", "late"))
    row = next(r for r in range(w.board.proxy.rowCount()) if w.board.proxy.index(r, 0).data() == e["unit_code"])
    col = 3 + [f for f, _ in b.forms].index(e["form_id"])
    w.board._clicked(w.board.proxy.index(row, col))
    assert w.current_page() == "submission"
    assert w.submission.sub.unit_code == e["unit_code"]


def test_approving_the_waiting_signer_merges_its_package(make_window, demo_ctx, demo):
    w = make_window(demo_ctx)
    before = _status_json(demo["atmt"], demo["period"])
    waiting = [e for e in before if e["state"] == "quarantined"]
    assert len(waiting) == 1
    unit = waiting[0]["unit_code"]
    w.show_page("signers")
    pending = [fp for fp, s in w.signers.model.info.items() if s.state == "pending"]
    assert len(pending) == 1 and w.signers.model.info[pending[0]].unit_code == unit

    n = w.signers.model.info[pending[0]].quarantined
    assert n >= 1
    w.signers.select(pending[0])
    w.signers.approve_btn.click()

    text = w.confirmations[-1]
    assert unit in text and f"hợp nhất {n} gói" in text and waiting[0]["form_id"] in text
    assert text.count("lần gửi") == n
    after = {(e["unit_code"], e["form_id"]): e for e in _status_json(demo["atmt"], demo["period"])}
    assert after[(unit, waiting[0]["form_id"])]["state"] in ("on_time", "late")
    cell = w.board_data.cells[(unit, waiting[0]["form_id"])]
    assert cell.state in ("on_time", "late")
    assert w.signers.model.info[pending[0]].state == "approved"
    assert f"hợp nhất {n} gói" in w.statusBar().currentMessage()


def test_diff_of_two_revisions_shows_the_changed_rows(make_window, demo_ctx, demo):
    w = make_window(demo_ctx)
    b = w.board_data
    e = next(e for (u, f), e in b.cells.items() if f == "bc-cucvu" and e.superseded)
    w.open_submission(e.unit_code, e.form_id)
    sub = w.submission
    assert sub.revisions.rowCount() == len(e.superseded) + 1
    assert sub.current_rev.state == "current"
    changes = sub.changes  # compared with the previous revision by default
    rows = [c for c in changes if c.kind == "row_changed" and c.field_id == "nhiem_vu"]
    assert rows, "the demo's corrected revision changes figures of the task table"
    # the rows are matched by their key: the changed columns are real differences of that task
    old = {r.get("_key"): r for r in w.ctx.reports.get(sub.sub.previous(sub.current_rev).report_id).answers["nhiem_vu"]}
    new = {r.get("_key"): r for r in w.ctx.reports.get(sub.current_rev.report_id).answers["nhiem_vu"]}
    for c in rows:
        assert c.columns and all(old[c.key].get(col) != new[c.key].get(col) for col in c.columns)
    assert sub.diff_model.rowCount() == len(changes)
    shown = {sub.diff_model.index(r, 1).data() for r in range(sub.diff_model.rowCount())}
    assert "sửa dòng" in shown

    # "changed since the last revision": only the changed rows of the task table remain
    sub.only_changed.setChecked(True)
    view = sub.table_views["nhiem_vu"]
    assert view.model().rowCount() == len(rows) + (1 if view.model()._totals is not None else 0)
    sub.compare.setCurrentIndex(0)  # no comparison: nothing is marked
    assert sub.changes == []


def test_publish_carries_the_narrative_into_the_word_report(make_window, demo_ctx, demo, tmp_path):
    w = make_window(demo_ctx)
    w.show_page("publish")
    w.publish.assessment.setPlainText("Đánh giá của Cục trong cửa sổ: các đơn vị gửi báo cáo đầy đủ hơn năm trước.")
    w.publish.proposals.setPlainText("Đề xuất trong cửa sổ: tăng cường kiểm tra hệ thống xử lý nước thải.")
    w.publish.folder.edit.setText(str(tmp_path / "Kết quả tổng hợp"))
    w.publish.publish_btn.click()
    xlsx, docx_path = w.publish.targets()
    assert w.publish.written == [xlsx, docx_path]
    wb = openpyxl.load_workbook(xlsx, read_only=True)
    assert len(wb.sheetnames) >= 2
    text = "\n".join(p.text for p in docx.Document(docx_path).paragraphs)
    assert "Đánh giá của Cục trong cửa sổ" in text and "Đề xuất trong cửa sổ" in text
    w.publish.open_btn.click()
    assert w.opened[-1] == tmp_path / "Kết quả tổng hợp"
    # the narrative is kept: a new window shows it again
    w2 = make_window(demo_ctx)
    assert "Đánh giá của Cục trong cửa sổ" in w2.publish.assessment.toPlainText()


def test_the_reminder_letter_lists_exactly_the_missing_units(make_window, demo_ctx, demo, tmp_path):
    w = make_window(demo_ctx)
    period = demo_ctx.period(demo["period"])
    today = max(period.deadlines.values()) + dt.timedelta(days=5)
    w.reminder.date.setDate(today)
    w.show_page("reminder")
    missing = {(e["unit_code"], e["form_id"]) for e in _status_json(demo["atmt"], demo["period"])
               if e["state"] == "missing" and e["unit_code"] != "CUC-ATMT"}  # no letter to itself
    assert missing
    assert {(r.unit_code, r.form_id) for r in w.reminder.model.rows} == missing
    w.reminder.folder.edit.setText(str(tmp_path))
    w.reminder.write_btn.click()
    d = docx.Document(w.reminder.written)
    table = next(t for t in d.tables if t.rows[0].cells[0].text.strip() == "STT")
    names = [r.cells[1].text.strip() for r in table.rows[1:]]
    assert sorted(names) == sorted(demo_ctx.units.get(u).name for u, _ in missing)
    days = {r.cells[1].text.strip(): r.cells[4].text.strip() for r in table.rows[1:]}
    for u, _f in missing:
        unit = demo_ctx.units.get(u)
        assert days[unit.name] == str((today - period.deadlines[unit.kind]).days)
    body = "\n".join(p.text for p in d.paragraphs)
    assert "đôn đốc" in body


def test_calendar_and_registry_edits_are_data_and_the_board_follows(make_window, demo_ctx, demo):
    w = make_window(demo_ctx)
    w.show_page("calendar")
    period = demo_ctx.period(demo["period"])
    new = period.deadlines["province"] + dt.timedelta(days=40)  # every province report is now on time
    w.calendar.dl_dates["province"].setDate(new)
    w.calendar.dl_save.click()
    assert (demo["atmt"] / "calendar.yaml").is_file()
    assert w.board_data.deadlines["province"] == new
    assert all(e.state != "late" for (u, f), e in w.board_data.cells.items() if f == "bc-sct")
    assert _status_json(demo["atmt"], demo["period"])  # the CLI reads the same data

    # a unit: validated, then on the board at once (missing)
    w.calendar.u_code.setText("tct-moi")
    w.calendar.u_name.setText("Tổng công ty Sản xuất Mới")
    w.calendar.u_kind.setCurrentIndex(w.calendar.u_kind.findData("corporation"))
    w.calendar.u_abbr.setText("TCTM")
    w.calendar.u_add.click()
    assert "TCT-MOI" in (demo["atmt"] / "units.yaml").read_text(encoding="utf-8")
    assert w.board_data.cells[("TCT-MOI", "bc-tct")].state == "missing"
    # a duplicate code is refused with one Vietnamese line, the file unchanged
    before = (demo["atmt"] / "units.yaml").read_bytes()
    errors = []
    from reportdesk.ui.operations import bus

    bus.error_shown.connect(errors.append)
    w.calendar.u_code.setText("TCT-MOI")
    w.calendar.u_name.setText("Trùng")
    w.calendar.u_abbr.setText("TR")
    w.calendar.u_add.click()
    assert errors and "TCT-MOI" in errors[-1]
    assert (demo["atmt"] / "units.yaml").read_bytes() == before
    w.calendar.u_code.setText("TCT-KHAC")
    w.calendar.u_abbr.setText("")
    w.calendar.u_add.click()
    assert errors[-1].startswith("Chữ viết tắt")
    assert (demo["atmt"] / "units.yaml").read_bytes() == before

    # an ad hoc period appears in the period list and becomes the board's period
    w.calendar.ah_slug.setText("ra-soat-ccn")
    w.calendar.ah_label.setText("Rà soát cụm công nghiệp")
    w.calendar.ah_kinds["province"].setChecked(True)
    w.calendar.ah_add.click()
    code = f"{w.calendar.ah_deadline.date().year()}-AH-ra-soat-ccn"
    assert w.period_combo.findData(code) >= 0
    assert w.period == code


def test_overview_figures(make_window, demo_ctx, demo):
    w = make_window(demo_ctx)
    w.show_page("overview")
    ov = w.overview.data
    assert ov is not None and ov.period == demo["period"]
    total = sum(sum(v.values()) for v in ov.progress.values())
    assert total == len(_status_json(demo["atmt"], demo["period"]))
    assert ov.coverage and all(0 <= (c.coverage or 0) <= 1 for c in ov.coverage)
    assert w.overview.progress_view.chart().series()[0].count() == 4  # on time, late, missing, quarantined
    assert w.overview.coverage_view.chart().series()[0].count() == 2


def test_every_model_passes_qtmodeltester(qtmodeltester, make_window, demo_ctx, demo, fresh_atmt):
    w = make_window(demo_ctx)
    qtmodeltester.check(w.board.model, force_py=True)
    w.show_page("signers")
    qtmodeltester.check(w.signers.model, force_py=True)
    w.show_page("reminder")
    qtmodeltester.check(w.reminder.model, force_py=True)
    e = next(e for (u, f), e in w.board_data.cells.items() if f == "bc-cucvu" and e.superseded)
    w.open_submission(e.unit_code, e.form_id)
    qtmodeltester.check(w.submission.revisions, force_py=True)
    qtmodeltester.check(w.submission.diff_model, force_py=True)
    for view in w.submission.table_views.values():
        qtmodeltester.check(view.model(), force_py=True)
    w2 = make_window(fresh_atmt, passphrase=demo["passphrase"])
    w2.receive.import_paths([str(demo["outbox"])])
    qtmodeltester.check(w2.receive.model, force_py=True)


def test_atmt_mode_opens_the_consolidation_window(qapp, demo_ctx):
    from reportdesk.ui.app import open_main_window
    from reportdesk.ui.consolidation import ConsolidationWindow

    w = open_main_window(demo_ctx, open_files=False)
    try:
        assert isinstance(w, ConsolidationWindow)
    finally:
        w.close()
        w.deleteLater()


def test_the_window_changes_language_at_once_and_keeps_its_place(qtbot, make_window, demo_ctx):
    from PySide6.QtCore import Qt

    from reportdesk.ui import i18n

    w = make_window(demo_ctx)
    e = next(e for e in w.board_data.cells.values() if e.superseded)
    w.open_submission(e.unit_code, e.form_id)
    period = w.period
    try:
        i18n.install("en")
        qtbot.waitUntil(lambda: w.nav.item(1).text() == "2. Reporting status", timeout=3000)
        assert w.board.model.headerData(1, Qt.Orientation.Horizontal) == "Unit"
        assert w.current_page() == "submission" and w.submission.sub.unit_code == e.unit_code
        assert w.period == period and w.board_data.status.period.code == period
        assert w.menuBar().actions()[0].text() == "&Tools"
    finally:
        i18n.install("vi")
    qtbot.waitUntil(lambda: w.nav.item(1).text() == "2. Tình hình gửi báo cáo", timeout=3000)


def test_the_units_explanations_show_next_to_their_fields(make_window, demo_ctx):
    from reportdesk.store.models import Explanation, utcnow

    w = make_window(demo_ctx)
    e = next(e for e in w.board_data.cells.values() if e.form_id == "bc-sct" and e.state in ("on_time", "late"))
    with demo_ctx.store().session() as s:
        s.add(Explanation(report_id=e.report_id, key="luu-luong-vuot-cong-suat@ccn/so_ccn_hoat_dong",
                          text="Số cụm hoạt động tăng do hai cụm mới đi vào vận hành tháng 10.", updated_at=utcnow()))
    w.open_submission(e.unit_code, e.form_id)
    from PySide6.QtWidgets import QGroupBox, QLabel

    body = w.submission.scroll.widget()
    boxes = [b.title() for b in body.findChildren(QGroupBox)]
    assert "Giải trình của đơn vị về các cảnh báo" in boxes
    notes = [lab.text() for lab in body.findChildren(QLabel) if lab.text().startswith("↳")]
    assert notes == ["↳ Giải trình: Số cụm hoạt động tăng do hai cụm mới đi vào vận hành tháng 10."]


def test_stopping_an_import_keeps_what_was_merged_and_says_so(make_window, fresh_atmt, demo):
    w = make_window(fresh_atmt, passphrase=demo["passphrase"])
    files = sorted(demo["outbox"].glob("*.rdpkg"))
    assert len(files) > 3
    original = w.receive._progress

    def stop_after_two(done, total, label):
        original(done, total, label)
        if done >= 2:
            w.receive.cancel()

    w.receive._progress = stop_after_two
    w.receive.import_paths([str(demo["outbox"])])
    s = w.receive.last_summary
    assert s.cancelled and 2 <= len(s.outcomes) < len(files)
    assert "Đã dừng theo yêu cầu" in w.receive.summary.text()
    entries = _status_json(fresh_atmt.data_dir, demo["period"])
    assert _counts(entries)["quarantined"] == len({(o.unit_code, o.form_id) for o in s.outcomes})


def test_revoking_asks_first_and_says_what_happens(make_window, demo_ctx):
    w = make_window(demo_ctx)
    w.show_page("signers")
    fp = next(fp for fp, s in w.signers.model.info.items() if s.state == "approved")
    w.signers.select(fp)
    w.confirm = lambda title, text: (w.confirmations.append(text), False)[1]  # the person says no
    w.signers.revoke_btn.click()
    assert "sẽ bị từ chối" in w.confirmations[-1]
    assert w.signers.model.info[fp].state == "approved"
    w.confirm = lambda title, text: True
    w.signers.revoke_btn.click()
    assert w.signers.model.info[fp].state == "revoked"


def test_a_wrong_passphrase_is_said_at_once_and_nothing_is_imported(make_window, fresh_atmt, demo):
    from reportdesk.ui.operations import bus

    errors = []
    bus.error_shown.connect(errors.append)
    w = make_window(fresh_atmt, passphrase="không phải mật khẩu này")
    w.receive.import_paths([str(demo["outbox"])])
    assert errors and "mật khẩu" in errors[-1].lower()
    assert w.receive.last_summary is None and w.passphrase is None
    assert _counts(_status_json(fresh_atmt.data_dir, demo["period"]))["quarantined"] == 0


def test_a_submission_is_returned_for_correction_from_its_page(make_window, demo_ctx, demo, tmp_path):
    """The way back from the consolidation window: the shown revision returned with a reason (issue 11)."""
    from reportdesk.services import wayback

    w = make_window(demo_ctx)
    e = next(e for (u, f), e in w.board_data.cells.items() if f == "bc-cucvu" and e.superseded)
    w.open_submission(e.unit_code, e.form_id)
    sub = w.submission
    assert sub.review_button.isEnabled()
    dlg = sub.open_review()
    assert dlg is not None and dlg.report_id == sub.current_rev.report_id
    dlg.folder.edit.setText(str(tmp_path / "Trả lại đơn vị"))
    dlg.return_radio.setChecked(True)
    dlg.passphrase.setText(demo["passphrase"])
    dlg.reason.setText("Số liệu nhiệm vụ chưa khớp với báo cáo quý")
    dlg.write_button.click()
    assert dlg.result_ is not None, dlg.result_label.text()
    assert dlg.result_.path.parent == tmp_path / "Trả lại đơn vị" and dlg.result_.path.suffix == ".rdrev"
    decisions = wayback.review_decisions(demo_ctx, sub.current_rev.report_id)
    assert [d.decision for d in decisions] == ["returned"]
    # the other two ways back are in the window's menu
    assert w.open_receipts().objectName() == "receiptsDialog"
    assert w.open_update().objectName() == "updateDialog"


def test_the_overview_charts_write_their_numbers_the_vietnamese_way(make_window, demo_ctx, demo):
    """Bar labels and axes read 57,1 (not 57.1): Qt Charts draws its numbers (not as scene items that
    could be read back) with the chart's locale when told to localize them."""
    w = make_window(demo_ctx)
    w.show_page("overview")
    expected = [round(100 * (r.coverage or 0), 1) for r in w.overview.data.coverage]
    assert any(not float(x).is_integer() for x in expected), "the demo has a coverage with a decimal"
    for view in (w.overview.progress_view, w.overview.coverage_view):
        chart = view.chart()
        assert chart.localizeNumbers()
        assert chart.locale().toString(57.1, "f", 1) == "57,1"
        assert chart.locale().toString(1234.0, "f", 0) == "1.234"


def test_a_submission_and_its_differences_are_read_off_the_window_thread(make_window, demo_ctx, demo, qtbot,
                                                                         monkeypatch, sync_ops):
    """Opening a submission reads two revisions from the store and compares them: in the background, the
    page shows the result; an answer that comes after a newer request is not shown over it."""
    from PySide6.QtCore import QThread

    from reportdesk.services import consolidation as svc

    w = make_window(demo_ctx)
    e = next(e for (u, f), e in w.board_data.cells.items() if f == "bc-cucvu" and e.superseded)
    threads = []
    real = svc.revision_answers

    def recording(ctx, report_id):
        threads.append(QThread.currentThread())
        return real(ctx, report_id)

    monkeypatch.setattr(svc, "revision_answers", recording)
    sync_ops.set_synchronous(False)
    try:
        w.open_submission(e.unit_code, e.form_id)
        sub = w.submission
        qtbot.waitUntil(lambda: sub.sub is not None and sub.sub.unit_code == e.unit_code and bool(sub.changes), timeout=30_000)
        assert threads and all(t is not QThread.currentThread() for t in threads)
        assert sub.current_rev.state == "current"
        # the page is laid out a section at a time, the task table among them
        qtbot.waitUntil(lambda: "nhiem_vu" in sub.table_views, timeout=30_000)
        assert sub.table_views["nhiem_vu"].model().rowCount() >= len(w.ctx.reports.get(sub.current_rev.report_id).answers["nhiem_vu"])
        n_first = len(sub.changes)
        sub.show_revision(0)  # the oldest revision, then at once back to the newest
        sub.show_revision(len(sub.sub.revisions) - 1)
        sync_ops.wait_all(30_000)
        qtbot.waitUntil(lambda: sub.current_rev.state == "current", timeout=30_000)
        assert len(sub.changes) == n_first
    finally:
        sync_ops.wait_all(30_000)
        sync_ops.set_synchronous(True)


def _settle(sync_ops, qtbot):
    sync_ops.wait_all(30_000)
    qtbot.wait(50)
    sync_ops.wait_all(30_000)


def test_what_the_submission_page_acts_on_is_what_it_shows_while_reads_run(make_window, demo_ctx, demo, qtbot,
                                                                          sync_ops):
    """Reads run in the background: while a revision is being read, the review button and the comparison
    wait (they would act on the revision being replaced); a comparison touched meanwhile does not undo
    the click; a submission opened while the page is busy is the one shown in the end."""
    w = make_window(demo_ctx)
    cells = [e for (u, f), e in w.board_data.cells.items() if f == "bc-cucvu" and e.superseded]
    e = cells[0]
    other = next(x for (u, f), x in w.board_data.cells.items() if x.unit_code != e.unit_code and x.state in ("on_time", "late"))
    sync_ops.set_synchronous(False)
    try:
        w.open_submission(e.unit_code, e.form_id)
        sub = w.submission
        assert not sub.review_button.isEnabled() and not sub.compare.isEnabled()  # reading
        qtbot.waitUntil(lambda: sub.sub is not None and bool(sub.changes), timeout=30_000)
        _settle(sync_ops, qtbot)
        assert sub.review_button.isEnabled()
        sub.show_revision(0)  # the oldest: highlighted at once, read in the background
        assert not sub.review_button.isEnabled()
        sub.compare.setCurrentIndex(1)  # touched meanwhile (programmatically: the box is disabled)
        _settle(sync_ops, qtbot)
        assert [i.row() for i in sub.rev_view.selectionModel().selectedRows()] == [0]
        assert sub.current_rev is sub.sub.revisions[0] and sub.review_button.isEnabled()
        assert sub.content.report_id == sub.sub.revisions[0].report_id
        w.open_submission(other.unit_code, other.form_id)  # another unit, and the old box touched again
        sub.compare.setCurrentIndex(0)
        _settle(sync_ops, qtbot)
        assert sub.sub.unit_code == other.unit_code and other.unit_name in sub.title.text()
    finally:
        sync_ops.wait_all(30_000)
        sync_ops.set_synchronous(True)


def test_a_revision_is_opened_from_the_keyboard(make_window, demo_ctx, demo, qtbot):
    """Up/Down in the list of revisions, then Enter, shows that revision (no mouse needed)."""
    from PySide6.QtCore import Qt

    w = make_window(demo_ctx)
    w.show()
    e = next(e for (u, f), e in w.board_data.cells.items() if f == "bc-cucvu" and e.superseded)
    w.open_submission(e.unit_code, e.form_id)
    sub = w.submission
    newest = sub.current_rev
    sub.rev_view.setFocus()
    sub.rev_view.setCurrentIndex(sub.revisions.index(len(sub.sub.revisions) - 1, 0))
    qtbot.keyClick(sub.rev_view, Qt.Key.Key_Up)
    qtbot.keyClick(sub.rev_view, Qt.Key.Key_Return)
    assert sub.current_rev is sub.sub.revisions[-2] and sub.current_rev is not newest
    assert sub.content.report_id == sub.current_rev.report_id


def test_a_click_on_the_old_revision_list_while_another_submission_opens_is_not_taken(make_window, demo_ctx, demo,
                                                                                      qtbot, sync_ops):
    """While another unit's submission is being read, the list still shows the previous one's revisions:
    it waits, and the unit chosen is the one shown; a revision already shown is not read again."""
    w = make_window(demo_ctx)
    e = next(e for (u, f), e in w.board_data.cells.items() if f == "bc-cucvu" and e.superseded)
    other = next(x for (u, f), x in w.board_data.cells.items() if x.unit_code != e.unit_code and x.state in ("on_time", "late"))
    sync_ops.set_synchronous(False)
    try:
        w.open_submission(e.unit_code, e.form_id)
        sub = w.submission
        qtbot.waitUntil(lambda: sub.sub is not None and sub.sub.unit_code == e.unit_code and not sub.loading, timeout=30_000)
        _settle(sync_ops, qtbot)
        w.open_submission(other.unit_code, other.form_id)
        assert not sub.rev_view.isEnabled()
        sub.show_revision(0)  # a click on the old list
        _settle(sync_ops, qtbot)
        assert sub.sub.unit_code == other.unit_code and other.unit_name in sub.title.text()
        assert sub.rev_view.isEnabled()
        asked = dict(sub._asked)
        sub.show_revision(sub._shown_index)  # the revision shown, clicked again (a double click)
        assert sub._asked == asked
    finally:
        sync_ops.wait_all(30_000)
        sync_ops.set_synchronous(True)
