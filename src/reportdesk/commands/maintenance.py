"""`reportdesk backup OUT` / `reportdesk restore FILE` / `reportdesk store migrate --to postgresql://…`."""

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
    st = sub.add_parser("store", help="(tổng hợp) kho dữ liệu dùng chung trên PostgreSQL")
    ss = st.add_subparsers(dest="store_command", metavar="LỆNH")
    m = ss.add_parser("migrate", help="chuyển toàn bộ kho SQLite của thư mục dữ liệu vào một cơ sở dữ liệu PostgreSQL trống")
    m.add_argument("--to", required=True, metavar="postgresql://NGƯỜI_DÙNG@MÁY_CHỦ:5432/TÊN_CSDL",
                   help="cơ sở dữ liệu đích (trống); mật khẩu lấy từ ~/.pgpass hoặc được hỏi")
    m.set_defaults(func=cmd_store_migrate)


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


def cmd_store_migrate(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services.office import migrate_to

    res = migrate_to(ctx, args.to)
    total = sum(res.rows.values())
    print(f"Đã chuyển kho dữ liệu ({total} dòng, đã đối chiếu từng dòng) sang {res.store_url}")
    print(f"Tệp SQLite cũ được giữ nguyên tại {res.kept_sqlite}")
    return 0
