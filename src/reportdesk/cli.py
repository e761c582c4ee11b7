"""The command line (contract: ../shared/DESIGN.md, "Command line").

Each area of commands lives in ``reportdesk.commands.<area>`` and exposes ``register(subparsers)``;
a handler is ``handler(args, ctx: AppContext) -> int``. Global options (``--data-dir``,
``--passphrase-file``) are accepted anywhere on the line.

Exit codes: 0 success, 1 a user-facing error (one line on stderr, no traceback), 2 usage error.

Start-up stays fast: building the parser imports only the command modules (argparse and the standard
library); each handler imports the services, store, package or documents it needs when it runs, and
``--version`` is answered before the parser is even built.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from typing import TYPE_CHECKING, Sequence

from reportdesk import __version__
from reportdesk.errors import UserError

if TYPE_CHECKING:
    from reportdesk.app import AppContext

log = logging.getLogger("reportdesk.cli")

COMMAND_MODULES = [
    "forms",
    "setup",
    "report",
    "identity",
    "consolidation",
    "maintenance",
    "wayback",
]

GLOBAL_OPTIONS = {"--data-dir": "data_dir", "--passphrase-file": "passphrase_file"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: exit 2, one line in Vietnamese
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi cú pháp lệnh: {message}\n")


def extract_globals(argv: list[str]) -> tuple[dict[str, str], list[str]]:
    """Pull the global options out of anywhere in argv (before or after the command)."""
    found: dict[str, str] = {}
    rest: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            rest.extend(argv[i:])
            break
        name, eq, val = a.partition("=")
        if name in GLOBAL_OPTIONS:
            if not eq:
                if i + 1 >= len(argv):
                    raise SystemExit(_usage_exit(f"tùy chọn {name} cần một giá trị"))
                val = argv[i + 1]
                i += 1
            found[GLOBAL_OPTIONS[name]] = val
        else:
            rest.append(a)
        i += 1
    return found, rest


def _usage_exit(msg: str) -> int:
    print(f"reportdesk: lỗi cú pháp lệnh: {msg}", file=sys.stderr)
    return 2


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="reportdesk", description="reportdesk — báo cáo thực hiện Chỉ thị 20/CT-TTg (Bộ Công Thương).",
                epilog="Tùy chọn chung (đặt ở bất kỳ vị trí nào): --data-dir THƯ_MỤC, --passphrase-file TỆP.")
    p.add_argument("--version", action="version", version=f"reportdesk {__version__}")
    p.add_argument("--data-dir", help="thư mục dữ liệu (mặc định: $REPORTDESK_DATA_DIR hoặc thư mục người dùng)")
    p.add_argument("--passphrase-file", help="tệp chứa mật khẩu khóa bí mật (mặc định: $REPORTDESK_PASSPHRASE hoặc hỏi)")
    sub = p.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    g = sub.add_parser("gui", help="mở ứng dụng máy tính")
    g.set_defaults(func=run_gui)
    for name in COMMAND_MODULES:
        try:
            mod = importlib.import_module(f"reportdesk.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"reportdesk.commands.{name}":
                continue  # an area not built yet
            raise
        mod.register(sub)
    return p


def run_gui(args: argparse.Namespace, ctx: AppContext) -> int:
    # The desktop app lives in reportdesk.ui (Qt only there); loaded by name so the command line never imports Qt.
    try:
        ui = importlib.import_module("reportdesk.ui.app")
    except ModuleNotFoundError:
        return overview(ctx)
    return int(ui.run(ctx) or 0)


def overview(ctx: AppContext) -> int:
    """What `reportdesk` with no arguments prints until the desktop screens exist."""
    print(f"reportdesk {__version__} — báo cáo thực hiện Chỉ thị 20/CT-TTg")
    print(f"Thư mục dữ liệu: {ctx.data_dir}")
    if ctx.store_exists:
        mode = ctx.mode
        label = {"unit": "đơn vị báo cáo", "atmt": "tổng hợp (Cục ATMT)"}.get(mode or "", mode or "?")
        print(f"Kho dữ liệu: đã thiết lập, chế độ {label}" + (f", đơn vị {ctx.unit_code}" if ctx.unit_code else ""))
        reports = ctx.reports.list()
        print(f"Số báo cáo trong kho: {len(reports)}")
    else:
        print("Kho dữ liệu: chưa thiết lập (reportdesk setup unit --unit MÃ, hoặc reportdesk setup atmt)")
    print()
    build_parser().print_help()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_stdio()
    try:
        globals_, rest = extract_globals(argv)
    except SystemExit as exc:
        return int(exc.code or 2)
    if rest[:1] == ["--version"]:  # what argparse's version action prints, without building anything
        sys.stdout.write(f"reportdesk {__version__}\n")
        return 0
    from reportdesk.app import AppContext
    from reportdesk.logs import setup_logging

    parser = build_parser()
    try:
        args = parser.parse_args(rest)
    except SystemExit as exc:
        return int(exc.code or 0)
    ctx = AppContext(globals_.get("data_dir"), globals_.get("passphrase_file"))
    func = getattr(args, "func", None)
    setup_logging(ctx.data_dir)
    log.info("reportdesk %s", " ".join(a for a in rest[:3]))
    try:
        if func is None:
            if args.command is None:
                return run_gui(args, ctx)
            parser.parse_args([args.command, "--help"])
            return 2
        return int(func(args, ctx) or 0)
    except UserError as exc:
        log.info("lỗi: %s", exc.cli_message)
        print(exc.cli_message, file=sys.stderr)
        for d in exc.details:
            print(f"  {d}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Đã hủy.", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    finally:
        ctx.close()


def _utf8_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            pass
