"""`reportdesk backup OUT` / `reportdesk restore FILE`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportdesk.app import AppContext


def register(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("backup", help="sao lưu toàn bộ dữ liệu (dùng được khi ứng dụng đang chạy)")
    b.add_argument("out", help="tệp sao lưu (.zip)")
    b.set_defaults(func=cmd_backup)
    r = sub.add_parser("restore", help="khôi phục từ tệp sao lưu (dữ liệu hiện có được giữ lại bên cạnh)")
    r.add_argument("file")
    r.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services.maintenance import backup_details

    res = backup_details(ctx, args.out)
    print(f"Đã sao lưu {res.files} tệp ({res.bytes:,} byte) vào {res.path}".replace(",", "."))
    return 0


def cmd_restore(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services.maintenance import restore

    moved = restore(ctx, args.file)
    print(f"Đã khôi phục dữ liệu vào {ctx.data_dir}")
    if moved:
        print(f"Dữ liệu trước đó được giữ tại {moved}")
    return 0
