"""The translations: the committed .qm files are what the .ts sources compile to, every English
message is translated, and every string of the window's own modules is in the English file."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
BIN = Path(sys.executable).parent


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for c in ET.parse(ts).getroot().findall("context"):
        for m in c.findall("message"):
            out[(c.findtext("name"), m.findtext("source"))] = m.find("translation")
    return out


def test_committed_qm_files_are_fresh(tmp_path):
    for ts in sorted(TS_DIR.glob("*.ts")):
        qm = tmp_path / (ts.stem + ".qm")
        subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        committed = TS_DIR / qm.name
        assert committed.exists(), f"{committed.name} missing: run make translations"
        assert committed.read_bytes() == qm.read_bytes(), f"{committed.name} is stale: run make translations"


def test_every_english_message_is_translated():
    unfinished = [src for (ctx, src), tr in _messages(TS_DIR / "reportdesk_en.ts").items()
                  if tr.get("type") == "unfinished" or not (tr.text or "").strip()]
    assert unfinished == []


def test_every_string_of_the_window_is_in_the_english_file(tmp_path):
    ui = ROOT / "src" / "reportdesk" / "ui"
    files = sorted(str(p) for p in ui.glob("*.py"))  # the editor package keeps its own strings up to date
    ts = tmp_path / "now.ts"
    subprocess.run([str(BIN / "pyside6-lupdate"), *files, "-ts", str(ts), "-silent"], check=True)
    have = set(_messages(TS_DIR / "reportdesk_en.ts"))
    missing = sorted(k for k in _messages(ts) if k not in have)
    assert missing == [], "run: python scripts/translations.py update, then translate"


def test_qt_own_buttons_are_vietnamese(qtbot):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialogButtonBox, QWizard

    from reportdesk.ui import i18n

    i18n.install("vi")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Đồng ý", "Hủy"}
    wiz = QWizard()
    qtbot.addWidget(wiz)
    assert wiz.buttonText(QWizard.WizardButton.NextButton).replace("&", "").startswith("Tiếp")
    assert QCoreApplication.translate("QLineEdit", "&Paste") == "&Dán"
