"""Qt Linguist translations of the window.

    python scripts/translations.py update    # collect the strings of src/reportdesk/ui into reportdesk_en.ts
    python scripts/translations.py release   # compile every resources/translations/*.ts into .qm

Vietnamese is the source language; ``reportdesk_en.ts`` holds the English (edit it with
``pyside6-linguist``); ``qtbase_vi.ts`` gives Qt's own buttons and dialogs in Vietnamese.
``make translations`` (a step of ``make run`` and ``make test``) runs ``release``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations"
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    p = BIN / f"pyside6-{name}"
    return str(p) if p.exists() else f"pyside6-{name}"


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "src" / "reportdesk" / "ui").rglob("*.py"))


def update() -> None:
    subprocess.run([tool("lupdate"), *sources(), "-ts", str(TS_DIR / "reportdesk_en.ts"), "-source-language", "vi_VN",
                    "-target-language", "en_US", "-no-obsolete", "-locations", "none"], cwd=ROOT, check=True)


def release(out_dir: Path | None = None) -> list[Path]:
    out = []
    for ts in sorted(TS_DIR.glob("*.ts")):
        qm = (out_dir or TS_DIR) / (ts.stem + ".qm")
        subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], cwd=ROOT, check=True)
        out.append(qm)
    return out


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "release"
    {"update": update, "release": release}[cmd]()
