"""kill -9 in the middle of autosaving (a real process editing a report cell by cell through
ReportRepo.set_cell / set_field, killed right after its Nth confirmed save), then a restart: PRAGMA
integrity_check is ok, the last edit confirmed as saved is there, and the answers agree with the history
(no edit half-written: never an answer without its history entry, nor the reverse)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from rdtest import HANG_GUARD, REPO

from reportdesk.domain.forms import FormRegistry
from reportdesk.store.db import Store
from reportdesk.store.reports import ReportRepo

FORMS = FormRegistry.load(REPO / "forms")

EDITOR = textwrap.dedent("""
    import sys
    from pathlib import Path
    from reportdesk.domain.forms import FormRegistry
    from reportdesk.store.db import Store
    from reportdesk.store.reports import ReportRepo
    forms = FormRegistry.load(Path(sys.argv[2]))
    store = Store.open(Path(sys.argv[1]), create=False)
    repo = ReportRepo(store, lambda fid, v: forms.get(fid, v))
    rid, start = int(sys.argv[3]), int(sys.argv[4])
    i = start
    while True:  # the autosave of a person typing: one cell, one field, one cell...
        i += 1
        if i % 3:
            repo.set_cell(rid, "ccn", i % 4, "ghi_chu", f"ghi chú lần {i}")
        else:
            repo.set_field(rid, "ccn_so_cuoc_kiem_tra", i)
        print(i, flush=True)  # confirmed: set_* returned, the transaction is committed
""")


def _make_store(data: Path) -> int:
    store = Store.open(data)
    repo = ReportRepo(store, lambda fid, v: FORMS.get(fid, v))
    answers = json.loads((REPO / "forms" / "samples" / "bc-sct.json").read_text(encoding="utf-8"))["answers"]
    r = repo.create("SCT-01", FORMS.get("bc-sct"), "2026")
    repo.replace_answers(r.id, answers)
    store.dispose()
    return r.id


def _edit_until_killed(data: Path, rid: int, start: int, saves: int) -> int:
    """Starts the editor; kills it with SIGKILL right after its `saves`-th confirmed save. Returns the
    number of the last save it confirmed."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", EDITOR, str(data), str(REPO / "forms"), str(rid), str(start)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    last = start
    try:
        for _ in range(saves):
            line = proc.stdout.readline()
            if not line:
                raise AssertionError(f"the editor stopped by itself: {proc.stderr.read()}")
            last = int(line)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=HANG_GUARD)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    return last


def _expected_after(i: int, rows: int) -> tuple[dict[int, str], int | None]:
    cells: dict[int, str] = {}
    field = None
    for k in range(1, i + 1):
        if k % 3:
            cells[k % 4] = f"ghi chú lần {k}"
        else:
            field = k
    return cells, field


def test_kill_9_during_autosave_keeps_every_confirmed_edit(tmp_path):
    rng = random.Random(20261130)
    data = tmp_path / "dữ liệu"
    rid = _make_store(data)
    confirmed = 0
    for _ in range(4):
        confirmed = _edit_until_killed(data, rid, confirmed, rng.randint(5, 60))

        store = Store.open(data, create=False)  # the restart
        try:
            assert store.integrity_check() == "ok"
            repo = ReportRepo(store, lambda fid, v: FORMS.get(fid, v))
            answers = repo.get(rid).answers
            history = [h for h in repo.history(rid) if h.op in ("cell", "set")]
            # the edits that reached the store: every confirmed one, perhaps one more (killed after commit,
            # before it could say so) — never half of one
            saved = len(history)
            assert saved in (confirmed, confirmed + 1)
            cells, field = _expected_after(saved, 4)
            for row, text in cells.items():
                assert answers["ccn"][row].get("ghi_chu") == text
            if field is not None:
                assert answers["ccn_so_cuoc_kiem_tra"] == field
            last = history[-1]
            assert json.loads(last.new_json) in (f"ghi chú lần {saved}", saved)
            assert f"lần {confirmed}" in json.dumps(answers, ensure_ascii=False) or answers["ccn_so_cuoc_kiem_tra"] == confirmed
        finally:
            store.dispose()
        confirmed = saved
