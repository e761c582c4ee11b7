"""Where a data dir's store lives: the SQLite file of the data dir, or a PostgreSQL database named in
the data dir's settings (``settings.json``, key ``store_url``).

The URL kept in the settings never holds a password: libpq takes it from the user's ``~/.pgpass``
(``%APPDATA%\\postgresql\\pgpass.conf`` on Windows) or ``PGPASSWORD``; the app otherwise asks for it.
"""

from __future__ import annotations

import json
from pathlib import Path

from reportdesk.atomic import write_bytes
from reportdesk.errors import UserError

SETTINGS_FILE = "settings.json"
STORE_URL_KEY = "store_url"


def read_settings(data_dir: Path) -> dict:
    p = Path(data_dir) / SETTINGS_FILE
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise UserError(f"Tệp thiết lập {p} bị lỗi, không đọc được: {exc}.") from None
    if not isinstance(data, dict):
        raise UserError(f"Tệp thiết lập {p} bị lỗi (không phải một bảng khóa/giá trị).")
    return data


def write_settings(data_dir: Path, **changes) -> None:
    data = read_settings(data_dir)
    for k, v in changes.items():
        if v is None:
            data.pop(k, None)
        else:
            data[k] = v
    write_bytes(Path(data_dir) / SETTINGS_FILE,
                (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def normalize_url(url: str) -> str:
    """A PostgreSQL URL as given by a person (postgresql://user@host:port/db) -> the driver's URL
    (postgresql+psycopg://...). Refuses other engines and any password written in it."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        u = make_url(url.strip())
    except ArgumentError:
        raise UserError(f"Địa chỉ kho dữ liệu không hợp lệ: {url!r}; dạng đúng: postgresql://NGƯỜI_DÙNG@MÁY_CHỦ:5432/TÊN_CSDL.") from None
    if u.get_backend_name() != "postgresql":
        raise UserError("Kho dữ liệu dùng chung phải là PostgreSQL (địa chỉ bắt đầu bằng postgresql://).")
    if u.password is not None:
        raise UserError("Không ghi mật khẩu trong địa chỉ kho dữ liệu; hãy ghi mật khẩu vào tệp ~/.pgpass (hoặc nhập khi được hỏi).")
    if not u.host or not u.database:
        raise UserError("Địa chỉ kho dữ liệu cần có máy chủ và tên cơ sở dữ liệu: postgresql://NGƯỜI_DÙNG@MÁY_CHỦ:5432/TÊN_CSDL.")
    return u.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def display_url(url: str) -> str:
    """The URL as a person writes it (no driver name, never a password)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return u.set(drivername=u.get_backend_name()).render_as_string(hide_password=True)


def store_url(data_dir: Path) -> str | None:
    """The PostgreSQL store named in the settings, or None (the data dir's own SQLite file)."""
    raw = read_settings(data_dir).get(STORE_URL_KEY)
    if not raw:
        return None
    if not isinstance(raw, str):
        raise UserError(f"Tệp thiết lập {Path(data_dir) / SETTINGS_FILE}: store_url phải là một địa chỉ postgresql://.")
    return normalize_url(raw)
