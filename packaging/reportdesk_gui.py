"""Entry of the windowed program (reportdesk-gui): the desktop app; global options (--data-dir) allowed.

A windowed Windows program has no console: stdout/stderr are None, so they go to the null device and
everything worth keeping goes to the log file."""
import os
import sys

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")

from reportdesk.cli import main  # noqa: E402

raise SystemExit(main(["gui", *sys.argv[1:]]))
