"""Every field type has its widget and stores what a person enters; prefilled rows and read-only columns
are locked; a section's visible_if; a received report is read-only. A small form written for the test
(installed in the data dir's forms/), a real store."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import Qt

from reportdesk.app import AppContext
from reportdesk.ui.editor import ReportEditor
from reportdesk.ui.editor.fields import (
    AttachmentField, ChoiceField, DateField, DocumentField, MultiChoiceField, NumberField, TextField,
)
from reportdesk.ui.editor.pasteplan import plan_paste

FORM = """
id: thu-nghiem-gui
version: 1
title: Biểu mẫu thử giao diện (đủ các kiểu trường)
unit_kinds: [province]
periods: [year]
sections:
  - id: chung
    title: I. Thông tin chung
    fields:
      - {id: ten, type: text, label: Tên nhiệm vụ, required: true, max_length: 100}
      - {id: mo_ta, type: textarea, label: Mô tả}
      - {id: so_luong, type: integer, label: Số lượng, unit: cái, min: 0, estimate: true}
      - {id: kinh_phi, type: decimal, label: Kinh phí, unit: triệu đồng}
      - {id: ty_le, type: percent, label: Tỷ lệ hoàn thành}
      - {id: ngay, type: date, label: Ngày hoàn thành}
      - {id: co_ke_hoach, type: boolean, label: Đã có kế hoạch}
      - id: muc_do
        type: choice
        label: Mức độ
        choices: [{value: cao, label: Cao}, {value: thap, label: Thấp}]
      - id: hinh_thuc
        type: multichoice
        label: Hình thức
        choices: [{value: hoi_nghi, label: Hội nghị}, {value: bao_chi, label: Báo chí}, {value: mang, label: Mạng xã hội}]
      - {id: van_ban, type: document, label: Văn bản ban hành, multiple: true}
      - {id: tep, type: attachment, label: Tệp đính kèm}
  - id: chi_tiet
    title: II. Chi tiết (khi đã có kế hoạch)
    visible_if: "co_ke_hoach"
    fields:
      - id: nhiem_vu
        type: table
        label: Nhiệm vụ
        columns:
          - {id: noi_dung, type: text, label: Nội dung, readonly: true, required: true}
          - {id: ket_qua, type: text, label: Kết quả}
          - {id: so_tien, type: decimal, label: Số tiền, unit: triệu đồng, estimate: true}
        totals: [so_tien]
        prefill:
          "SCT-01":
            - {_key: nv1, noi_dung: Nhiệm vụ Kế hoạch giao số 1}
            - {_key: nv2, noi_dung: Nhiệm vụ Kế hoạch giao số 2}
"""


@pytest.fixture
def ctx(unit_dir):
    (unit_dir / "forms").mkdir(exist_ok=True)
    (unit_dir / "forms" / "thu-nghiem-gui.v1.yaml").write_text(FORM, encoding="utf-8")
    c = AppContext(unit_dir, interactive=False)
    assert not c.forms.problems, c.forms.problems
    yield c
    c.close()


@pytest.fixture
def ed(qtbot, ctx):
    rid = ctx.reports.create("SCT-01", ctx.form("thu-nghiem-gui"), "2026").id
    e = ReportEditor(ctx, rid)
    qtbot.addWidget(e)
    e.resize(1366, 768)
    e.show()
    return e


def stored(ed):
    return ed.ctx.reports.get(ed.report_id).answers


def test_a_widget_per_field_type(ed):
    kinds = {fid: type(ed.field_widget(fid)) for fid in
             ("ten", "mo_ta", "so_luong", "kinh_phi", "ty_le", "ngay", "co_ke_hoach", "muc_do", "hinh_thuc", "van_ban", "tep")}
    assert kinds == {"ten": TextField, "mo_ta": TextField, "so_luong": NumberField, "kinh_phi": NumberField,
                     "ty_le": NumberField, "ngay": DateField, "co_ke_hoach": ChoiceField, "muc_do": ChoiceField,
                     "hinh_thuc": MultiChoiceField, "van_ban": DocumentField, "tep": AttachmentField}
    assert ed.field_widget("so_luong").estimate is not None and ed.field_widget("kinh_phi").estimate is None
    assert ed.field_widget("ten").label.text() == "Tên nh&iệm vụ *"  # Alt+I (T is «Thêm dòng»)
    assert ed.field_widget("ten").label.buddy() is ed.field_widget("ten").edit


def test_each_type_stores_what_is_entered(ed, tmp_path):
    w = ed.field_widget("kinh_phi")
    w.edit.setText("1.234,5")
    w.edit.editingFinished.emit()
    w = ed.field_widget("ty_le")
    w.edit.setText("85,5")
    w.edit.editingFinished.emit()
    w = ed.field_widget("so_luong")
    w.edit.setText("1.200")
    w.edit.editingFinished.emit()
    w.estimate.setChecked(True)
    w = ed.field_widget("ngay")
    w.edit.line.setText("5/2/2026")
    w.edit.committed.emit()
    box = ed.field_widget("co_ke_hoach").box
    box.setCurrentIndex(box.findData(True))
    box = ed.field_widget("muc_do").box
    box.setCurrentIndex(box.findText("Thấp"))
    mc = ed.field_widget("hinh_thuc")
    mc.checks[2][1].setChecked(True)
    mc.checks[0][1].setChecked(True)
    doc = ed.field_widget("van_ban")
    doc.editors[0].so.setText("12/KH-SCT")
    doc.editors[0].ngay.line.setText("20/11/2025")
    doc.editors[0].trich_yeu.setText("Kế hoạch triển khai")
    doc.editors[0].committed.emit()
    f = tmp_path / "báo cáo kèm theo.pdf"
    f.write_bytes(b"%PDF-1.4 noi dung thu")
    ed.field_widget("tep").choose(str(f))
    ed.flush()
    a = stored(ed)
    assert a["kinh_phi"] == 1234.5 and a["ty_le"] == 85.5
    assert a["so_luong"] == {"value": 1200, "estimate": True}
    assert a["ngay"] == "2026-02-05"
    assert a["co_ke_hoach"] is True and a["muc_do"] == "thap"
    assert a["hinh_thuc"] == ["hoi_nghi", "mang"]  # in the form's order
    assert a["van_ban"] == [{"so_ky_hieu": "12/KH-SCT", "ngay": "2025-11-20", "trich_yeu": "Kế hoạch triển khai"}]
    assert a["tep"] == {"name": "báo cáo kèm theo.pdf", "size": f.stat().st_size,
                        "sha256": hashlib.sha256(f.read_bytes()).hexdigest()}
    assert ed.attachment_files() == {"báo cáo kèm theo.pdf": f.read_bytes()}
    assert "báo cáo kèm theo.pdf" in ed.field_widget("tep").shown.text()


def test_a_value_that_cannot_be_read_is_not_saved_and_says_why(ed):
    w = ed.field_widget("ngay")
    w.edit.line.setText("31/02/2026")
    w.edit.committed.emit()
    assert "ngay" not in stored(ed)
    assert w.message.isVisible() and "không phải là ngày" in w.message.text()


def test_a_sections_visible_if_and_the_planned_rows_locked(ed, qtbot):
    assert ed.sections_model.visible == [True, False]
    ed.show_section(1)
    assert ed.page(1).not_applicable.isVisible()
    box = ed.field_widget("co_ke_hoach").box
    box.setCurrentIndex(box.findData(True))
    assert ed.sections_model.visible == [True, True]
    assert not ed.page(1).not_applicable.isVisible()
    te = ed.field_widget("nhiem_vu")
    m = te.model
    assert m.rowCount() == 2
    assert not (m.flags(m.index(0, 0)) & Qt.ItemFlag.ItemIsEditable)  # the plan's column
    assert m.flags(m.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert "Kế hoạch giao" in m.data(m.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    te.view.selectRow(0)
    te.delete_rows()
    assert "Không được xóa" in te.message.text() and m.rowCount() == 2
    plan = plan_paste(ed.form, te.table, m.rows(), "Sửa nội dung\tXong\t12,5", 0, 0)
    assert list(plan.refused) == [(0, 0)] and "do Kế hoạch giao" in plan.refused[(0, 0)]
    plan = plan_paste(ed.form, te.table, m.rows(), "Xong\t12,5 (ước)\nĐang làm\t3", 0, 1)
    assert plan.ok
    te.apply_plan(plan)
    rows = stored(ed)["nhiem_vu"]
    assert [r["_key"] for r in rows] == ["nv1", "nv2"]
    assert rows[0]["so_tien"] == {"value": 12.5, "estimate": True} and rows[1]["ket_qua"] == "Đang làm"
    assert "15,5 triệu đồng" in te.totals.text()


def test_a_received_report_is_shown_read_only(qtbot, ctx):
    r = ctx.reports.create("SCT-01", ctx.form("thu-nghiem-gui"), "2026", origin="imported", status="received",
                           revision=1, answers={"ten": "Bản đã nhận"})
    e = ReportEditor(ctx, r.id)
    qtbot.addWidget(e)
    assert not e.session.editable
    assert not e.field_widget("ten").isEnabled()
    assert "chỉ xem" in e.subtitle.text()
    e.undo()
    assert stored(e) == {"ten": "Bản đã nhận"}


def test_a_document_cell_of_the_task_table_is_edited_in_a_dialog(qtbot, ctx, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from reportdesk.ui.editor import fields as fields_mod

    rid = ctx.reports.create("CUC-CN", ctx.form("bc-cucvu"), "2026").id
    e = ReportEditor(ctx, rid)
    qtbot.addWidget(e)
    e.resize(1366, 768)
    e.show()
    te = e.field_widget("nhiem_vu")
    cols = [c.id for c in te.model.columns]
    assert not (te.model.flags(te.model.index(0, cols.index("noi_dung"))) & Qt.ItemFlag.ItemIsEditable)

    def fake_exec(dlg):
        ed = dlg.widget.editors[0]
        ed.so.setText("45/QĐ-CN")
        ed.ngay.line.setText("03/03/2026")
        ed.trich_yeu.setText("Quyết định ban hành hướng dẫn")
        dlg._ok()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(fields_mod.ValueDialog, "exec", fake_exec)
    te._activated(te.model.index(0, cols.index("van_ban")))
    e.flush()
    row = ctx.reports.get(rid).answers["nhiem_vu"][0]
    assert row["van_ban"] == [{"so_ky_hieu": "45/QĐ-CN", "ngay": "2026-03-03", "trich_yeu": "Quyết định ban hành hướng dẫn"}]
    assert "số 45/QĐ-CN ngày 03/03/2026" in te.model.index(0, cols.index("van_ban")).data()


def test_a_huge_number_typed_in_a_field_is_refused_beside_it_and_not_stored(ed):
    from reportdesk.exports.vnformat import format_number
    w = ed.field_widget("kinh_phi")
    w.edit.setText("1" + "0" * 400)
    w.edit.editingFinished.emit()
    assert w.message.isVisible() and "số quá lớn" in w.message.text()
    assert "kinh_phi" not in stored(ed)
    w.edit.setText("nan")
    w.edit.editingFinished.emit()
    assert "kinh_phi" not in stored(ed)
    # a figure already that large (e.g. from an older file) is still shown, as plain digits if need be
    assert format_number(10**400).startswith("10.000.000") and format_number(float("inf")) == ""
    w.edit.setText("1.000.000.000.000.000")  # exactly 10^15: the bound itself is accepted
    w.edit.editingFinished.emit()
    assert stored(ed)["kinh_phi"] == 10**15


def test_a_file_too_large_for_a_package_is_refused_beside_the_field_and_nothing_is_kept(ed, tmp_path):
    from reportdesk.package.format import DEFAULT_LIMITS
    from reportdesk.ui.editor.session import ATTACHMENTS_DIR, ATTACHMENT_MAX_BYTES
    assert ATTACHMENT_MAX_BYTES < DEFAULT_LIMITS.max_package_bytes
    big = tmp_path / "video hội nghị.mp4"
    with big.open("wb") as fh:  # sparse: the size is what matters
        fh.truncate(ATTACHMENT_MAX_BYTES + 1)
    w = ed.field_widget("tep")
    w.choose(str(big))
    ed.flush()
    assert "quá lớn để đính kèm" in w.message.text() and w.message.isVisible()
    assert w.pick.isEnabled() and "tep" not in stored(ed)
    kept = ed.ctx.data_dir / ATTACHMENTS_DIR
    assert not kept.exists() or not [p for p in kept.rglob("*") if p.is_file()]
    w.choose(str(tmp_path / "không có.pdf"))  # a file that is not there
    assert "Không đọc được tệp" in w.message.text() and "tep" not in stored(ed)
    ok = tmp_path / "nhỏ.pdf"
    ok.write_bytes(b"x" * (3 * 1024 * 1024 + 17))  # several chunks
    w.choose(str(ok))
    ed.flush()
    assert stored(ed)["tep"] == {"name": "nhỏ.pdf", "size": ok.stat().st_size,
                                 "sha256": hashlib.sha256(ok.read_bytes()).hexdigest()}
    assert ed.attachment_files() == {"nhỏ.pdf": ok.read_bytes()}
