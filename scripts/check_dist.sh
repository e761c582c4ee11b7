#!/usr/bin/env bash
# Runs the built one-folder program (default dist/reportdesk): fails if any step fails or prints a traceback.
set -euo pipefail
DIST="${1:-dist/reportdesk}"
EXT=""; [ -e "$DIST/reportdesk.exe" ] && EXT=".exe"
CLI="$DIST/reportdesk$EXT"; GUI="$DIST/reportdesk-gui$EXT"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
fail() { echo "dist check FAILED: $*" >&2; exit 1; }
no_traceback() { if grep -q "Traceback" "$1"; then cat "$1" >&2; fail "$2 printed a traceback"; fi; }

echo "== $CLI --version"
"$CLI" --version >"$TMP/version.out" 2>&1 || { cat "$TMP/version.out"; fail "--version"; }
cat "$TMP/version.out"; grep -q "^reportdesk " "$TMP/version.out" || fail "--version printed no version"

echo "== $CLI demo (headless)"
REPORTDESK_DATA_DIR="$TMP/data" "$CLI" demo "$TMP/demo" >"$TMP/demo.out" 2>&1 || { cat "$TMP/demo.out"; fail "demo"; }
no_traceback "$TMP/demo.out" demo
tail -n 3 "$TMP/demo.out"
ls "$TMP/demo" >/dev/null || fail "demo made no folder"

echo "== $CLI status in the demo's ATMT store"
atmt="$(find "$TMP/demo" -maxdepth 3 -name store.sqlite -path '*atmt*' | head -n1 || true)"
if [ -n "$atmt" ]; then
  "$CLI" --data-dir "$(dirname "$atmt")" report list >"$TMP/list.out" 2>&1 || "$CLI" --data-dir "$(dirname "$atmt")" status >"$TMP/list.out" 2>&1 || { cat "$TMP/list.out"; fail "read command on the demo store"; }
  no_traceback "$TMP/list.out" "read command"
fi

for what in wizard window; do
  echo "== $GUI offscreen ($what shown, then closed)"
  dd="$TMP/gui-$what"
  [ "$what" = window ] && dd="$(dirname "$(find "$TMP/demo" -maxdepth 3 -name store.sqlite | head -n1)")"
  QT_QPA_PLATFORM=offscreen REPORTDESK_GUI_SMOKE=1 timeout 120 "$GUI" --data-dir "$dd" >"$TMP/gui.out" 2>&1 \
    || { cat "$TMP/gui.out"; fail "the $what did not open and close cleanly"; }
  no_traceback "$TMP/gui.out" "the $what"
  if [ "$what" = window ]; then
    grep -q "cửa sổ chính đã mở" "$dd/logs/reportdesk.log" || fail "the main window did not open (no line in $dd/logs)"
  fi
done
echo "dist check ok: $(du -sh "$DIST" | cut -f1) in $DIST"
