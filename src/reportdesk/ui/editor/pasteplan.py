"""What a pasted block would do to a table, worked out before anything changes (no widgets here).

A block copied from Excel or LibreOffice is tab-separated text (a cell with a line break or a tab is
quoted). :func:`plan_paste` reads it cell by cell into the table's columns from a starting cell, adds
rows when the block goes past the last one, and lists every cell that would be refused and why: a
value that does not fit its column, a read-only cell of a row the plan prefilled, a column past the
table's last, more rows than the table allows. Nothing is written: the caller shows the plan, and only
a plan without a refused cell is applied — at once, as one change (``ReportRepo.set_rows``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from reportdesk.domain.forms import NUMERIC, Field, Form
from reportdesk.domain.validate import MAX_ROWS
from reportdesk.ui import vnlocale
from reportdesk.ui.editor.values import Refused, caption, read_cell

MAX_PASTE_CELLS = 200_000


@dataclass
class PastePlan:
    table: Field
    start_row: int
    start_col: int
    cells: list[list[str]]  # the block as pasted (header row removed)
    rows: list[dict[str, Any]]  # the whole table after the paste
    refused: dict[tuple[int, int], str] = field(default_factory=dict)  # (block row, block col) -> reason
    header_skipped: bool = False
    added_rows: int = 0
    changed_cells: int = 0
    problem: str | None = None  # a refusal of the whole block

    @property
    def ok(self) -> bool:
        return not self.refused and self.problem is None

    @cached_property
    def n_rows(self) -> int:  # the views ask for it at every cell: computed once
        return len(self.cells)

    @cached_property
    def n_cols(self) -> int:
        return max((len(r) for r in self.cells), default=0)

    def summary(self) -> str:
        fmt = vnlocale.format_integer
        head = f"Khối dán: {fmt(self.n_rows)} dòng × {fmt(self.n_cols)} cột"
        if self.header_skipped:
            head += " (bỏ qua dòng tiêu đề)"
        if self.problem:
            return f"{head}. {self.problem}"
        if self.refused:
            return (f"{head}. {fmt(len(self.refused))} ô không nhận được (tô đỏ); bảng chưa thay đổi. "
                    "Sửa các ô này trong Excel rồi dán lại.")
        return (f"{head}: sửa {fmt(self.changed_cells)} ô, thêm {fmt(self.added_rows)} dòng. "
                "Nhấn «Dán vào bảng» để lưu (hoàn tác được bằng Ctrl+Z).")


def split_block(text: str) -> list[list[str]]:
    """Tab-separated text -> rows of cells (Excel's quoting understood, the last empty line dropped)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    if '"' not in text:
        rows = [line.split("\t") for line in text.split("\n")]
    else:
        rows = [list(r) for r in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"', strict=False)]
    return [r for r in rows if any(c.strip() for c in r)] if len(rows) > 1 else rows


def _looks_like_header(row: list[str], columns: list[Field], start_col: int) -> bool:
    """A first line that names the columns it lands in (a heading copied with the data): at least one
    cell is its column's label (or starts like it) and no number sits in a number column."""
    hits = 0
    for j, x in enumerate(row):
        c = start_col + j
        fx = vnlocale.fold(x.strip().rstrip("*").strip())
        if c >= len(columns) or not fx:
            continue
        col = columns[c]
        names = {vnlocale.fold(col.label), vnlocale.fold(caption(col).rstrip(" *")), col.id}
        if any(fx == n or n.startswith(fx) or fx.startswith(n) for n in names if n):
            hits += 1
        if col.type in NUMERIC:
            try:
                if read_cell(col, x) is not None:
                    return False
            except Refused:
                pass
    return hits >= 1


def plan_paste(form: Form, table: Field, rows: list[dict[str, Any]], text: str, start_row: int,
               start_col: int) -> PastePlan:
    """The table after pasting ``text`` at (``start_row``, ``start_col``), and every refused cell."""
    columns = list(table.columns)
    cells = split_block(text)
    plan = PastePlan(table, start_row, start_col, cells, list(rows))
    if not cells:
        plan.problem = "Bộ nhớ tạm không có dữ liệu dạng bảng để dán."
        return plan
    if sum(len(r) for r in cells) > MAX_PASTE_CELLS:
        plan.problem = "Khối dán quá lớn."
        return plan
    if _looks_like_header(cells[0], columns, start_col):
        cells = cells[1:]
        plan.cells = cells
        plan.header_skipped = True
    limit = table.max_rows or MAX_ROWS
    new_rows = list(rows)
    for i, line in enumerate(cells):
        r = start_row + i
        if r >= limit:
            for j in range(len(line)):
                plan.refused[(i, j)] = f"Bảng có tối đa {vnlocale.format_integer(limit)} dòng."
            continue
        if r < len(new_rows):
            row = dict(new_rows[r])
        else:
            row = {}
            plan.added_rows += 1
        planned = "_key" in row
        for j, text_cell in enumerate(line):
            c = start_col + j
            if c >= len(columns):
                if text_cell.strip():
                    plan.refused[(i, j)] = f"Thừa cột: bảng chỉ có {len(columns)} cột."
                continue
            col = columns[c]
            try:
                value = read_cell(col, text_cell)
            except Refused as exc:
                plan.refused[(i, j)] = str(exc)
                continue
            old = row.get(col.id)
            if planned and col.readonly:
                if value != old:
                    plan.refused[(i, j)] = f"«{col.label}» do Kế hoạch giao, không sửa được."
                continue
            if value != old:
                plan.changed_cells += 1
                if value is None:
                    row.pop(col.id, None)
                else:
                    row[col.id] = value
        if r < len(new_rows):
            new_rows[r] = row
        else:
            while len(new_rows) < r:
                new_rows.append({})
            new_rows.append(row)
    # read_cell gives each value its stored shape and length: the store's own check (ReportRepo.set_rows)
    # is not repeated here; should it still refuse, nothing is written and the editor says why
    plan.rows = new_rows
    return plan

