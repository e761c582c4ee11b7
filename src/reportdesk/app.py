"""The application context shared by the command line and the desktop app.

It knows the data dir and lazily opens what is in it: form definitions, the units registry, the
calendar, the store. No Qt here: the GUI holds an AppContext just as the CLI does.

Importing this module is cheap (standard library only): every layer below is imported when first used,
so a command that needs no store never loads SQLAlchemy, and one that needs no form never loads YAML.
"""

from __future__ import annotations

import os
import sys
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from reportdesk import paths
from reportdesk.errors import UserError

if TYPE_CHECKING:
    from reportdesk.domain.forms import Form, FormRegistry

PASSPHRASE_ENV = "REPORTDESK_PASSPHRASE"
MIN_PASSPHRASE = 8


class AppContext:
    def __init__(self, data_dir: Path | str | None = None, passphrase_file: Path | str | None = None,
                 *, interactive: bool | None = None):
        self.data_dir = Path(data_dir) if data_dir else paths.default_data_dir()
        self.passphrase_file = Path(passphrase_file) if passphrase_file else None
        self.interactive = sys.stdin.isatty() if interactive is None else interactive
        self._store = None

    # --- definitions ------------------------------------------------------------------------
    @cached_property
    def forms(self) -> FormRegistry:
        from reportdesk.domain.forms import FormRegistry

        return FormRegistry.lazy(*paths.forms_dirs(self.data_dir))

    def form(self, form_id: str, version: int | None = None) -> Form:
        f = self.forms.get(form_id, version)
        if f is None:
            known = ", ".join(sorted({x.id for x in self.forms.all()})) or "(chưa có)"
            v = f" phiên bản {version}" if version else ""
            raise UserError(f"Không có biểu mẫu '{form_id}'{v}. Các biểu mẫu hiện có: {known}.")
        return f

    @cached_property
    def units(self):
        from reportdesk.domain.units import UnitsFileError, load_units

        try:
            return load_units(paths.resources_dir() / "units.yaml", self.data_dir / "units.yaml")
        except UnitsFileError as exc:
            raise UserError(f"Danh mục đơn vị bị lỗi: {exc}") from None

    def unit(self, code: str):
        u = self.units.get(code)
        if u is None:
            raise UserError(f"Không có đơn vị mã '{code}' trong danh mục đơn vị.")
        return u

    @cached_property
    def calendar(self):
        from reportdesk.domain.calendar import CalendarFileError, load_calendar

        try:
            return load_calendar(paths.resources_dir() / "calendar.yaml", self.data_dir / "calendar.yaml")
        except CalendarFileError as exc:
            raise UserError(f"Lịch báo cáo bị lỗi: {exc}") from None

    def period(self, code: str):
        from reportdesk.domain.calendar import parse_period_code

        try:
            parse_period_code(code)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        p = self.calendar.get(code)
        if p is None:
            raise UserError(f"Kỳ báo cáo '{code}' không có trong lịch báo cáo.")
        return p

    # --- the store --------------------------------------------------------------------------
    @property
    def store_url(self) -> str | None:
        """The shared PostgreSQL store named in the data dir's settings (None: the data dir's SQLite file)."""
        from reportdesk.store.location import store_url

        return store_url(self.data_dir)

    @property
    def store_exists(self) -> bool:
        from reportdesk.store.db import STORE_FILE

        return (self.data_dir / STORE_FILE).exists() or self.store_url is not None

    def store(self, *, create: bool = False):
        if self._store is None:
            url = self.store_url
            if url is None:
                from reportdesk.store.db import Store

                self._store = Store.open(self.data_dir, create=create)
            else:
                self._store = self.open_url(url)
        return self._store

    def open_url(self, url: str):
        """Opens (and migrates) a PostgreSQL store; the password from ~/.pgpass or PGPASSWORD, else asked."""
        from reportdesk.store.db import Store, StoreConnectError

        try:
            return Store.open(url=url)
        except StoreConnectError as err:
            if not (err.needs_password and self.interactive):
                raise
        import getpass

        return Store.open(url=url, password=getpass.getpass("Mật khẩu kết nối cơ sở dữ liệu PostgreSQL: "))

    @property
    def reports(self):
        from reportdesk.store.reports import ReportRepo

        return ReportRepo(self.store(), lambda fid, v: self.forms.get(fid, v))

    @property
    def mode(self) -> str | None:
        return self.store().get_meta("mode") if self.store_exists else None

    @property
    def unit_code(self) -> str | None:
        return self.store().get_meta("unit_code") if self.store_exists else None

    def require_mode(self, *modes: str) -> None:
        m = self.mode
        if m is None:
            raise UserError(f"Chưa thiết lập kho dữ liệu tại {self.data_dir}. Hãy chạy «reportdesk setup unit --unit MÃ» hoặc «reportdesk setup atmt».")
        if m not in modes:
            names = {"unit": "đơn vị báo cáo", "atmt": "tổng hợp (Cục ATMT)"}
            raise UserError(f"Lệnh này dành cho chế độ {' / '.join(names[x] for x in modes)}; kho dữ liệu này ở chế độ {names.get(m, m)}.")

    # --- secrets ----------------------------------------------------------------------------
    def passphrase(self, *, confirm: bool = False, prompt: str = "Mật khẩu bảo vệ khóa bí mật: ") -> str:
        """From --passphrase-file (one trailing newline dropped), else $REPORTDESK_PASSPHRASE, else a prompt."""
        if self.passphrase_file is not None:
            try:
                text = self.passphrase_file.read_text(encoding="utf-8")
            except OSError as exc:
                raise UserError(f"Không đọc được tệp mật khẩu {self.passphrase_file}: {exc.strerror}.") from None
            if text.endswith("\r\n"):
                text = text[:-2]
            elif text.endswith("\n"):
                text = text[:-1]
            value = text
        elif os.environ.get(PASSPHRASE_ENV) is not None:
            value = os.environ[PASSPHRASE_ENV]
        elif self.interactive:
            import getpass

            value = getpass.getpass(prompt)
            if confirm and getpass.getpass("Nhập lại mật khẩu: ") != value:
                raise UserError("Hai lần nhập mật khẩu không khớp.")
        else:
            raise UserError("Cần mật khẩu: dùng --passphrase-file TỆP hoặc biến môi trường REPORTDESK_PASSPHRASE.")
        if not value:
            raise UserError("Mật khẩu không được để trống.")
        if confirm and len(value) < MIN_PASSPHRASE:
            raise UserError(f"Mật khẩu cần ít nhất {MIN_PASSPHRASE} ký tự.")
        return value

    def close(self) -> None:
        if self._store is not None:
            self._store.dispose()
            self._store = None
