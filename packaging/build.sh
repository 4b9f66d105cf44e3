#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle of Trial Tracker and smoke-test it.
#
#   bash packaging/build.sh
#
# Result: build/dist/trialtracker/{trialtracker,trialtracker-gui,_internal/}.
# The build venv is build/.venv-build (reused on the next run; build/ is git-ignored).
# Environment: PYTHON (interpreter for the build venv, default python3),
#              TT_BUILD_DIR (default <repo>/build), TT_SKIP_INSTALL=1 (reuse the venv as it is).
# Exits non-zero on any failure. Works on Linux and macOS (paths of the executables differ on
# Windows: there use the same spec from PowerShell, see packaging/windows-macos.md).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${TT_BUILD_DIR:-$ROOT/build}
VENV=$BUILD/.venv-build
PY=${PYTHON:-python3}
DIST=$BUILD/dist
APP=$DIST/trialtracker
CLI=$APP/trialtracker
GUI=$APP/trialtracker-gui

step() { printf '\n==> %s\n' "$*"; }
fail() { printf 'build.sh: FAILED: %s\n' "$*" >&2; exit 1; }

t_start=$(date +%s)

step "build venv: $VENV"
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
VPY=$VENV/bin/python
if [ "${TT_SKIP_INSTALL:-0}" != 1 ]; then
  "$VPY" -m pip install --quiet --disable-pip-version-check . pyinstaller
  # A local path of an unchanged version may be skipped by pip: always take the checkout as it is now.
  "$VPY" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall .
fi
"$VPY" -m PyInstaller --version >/dev/null || fail "PyInstaller is not installed in $VENV"

VERSION=$("$VPY" -c 'import re, pathlib; t = pathlib.Path("src/trialtracker/__init__.py").read_text(); print(re.search(r"^__version__\s*=\s*[\"\x27]([^\"\x27]+)", t, re.M).group(1))')
echo "trialtracker $VERSION, $("$VPY" -m PyInstaller --version | sed 's/^/PyInstaller /'), $("$VPY" -c 'import PySide6; print("PySide6", PySide6.__version__)')"

step "pyinstaller"
t_build=$(date +%s)
"$VPY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$BUILD/work" packaging/pyinstaller/trialtracker.spec
t_built=$(date +%s)
[ -x "$CLI" ] || fail "$CLI was not built"
[ -x "$GUI" ] || fail "$GUI was not built"

# --- smoke tests: run from an empty folder, with no PYTHONPATH, so only the bundle is used --------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/trialtracker-smoke.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export QT_QPA_PLATFORM=offscreen
unset PYTHONPATH PYTHONHOME TRIALTRACKER_DATA_DIR || true
results=()

step "smoke: --version"
got=$(cd "$tmp" && "$CLI" --version)
[ "$got" = "trialtracker $VERSION" ] || fail "--version printed '$got', expected 'trialtracker $VERSION'"
results+=("--version: ok ($got)")

step "smoke: list --json on a new database (Alembic migrations + embedded catalog)"
(cd "$tmp" && "$CLI" --data-dir "$tmp/data" list --json) >"$tmp/list.json" || fail "list --json exited non-zero"
n_trials=$("$VPY" - "$tmp/list.json" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
assert isinstance(rows, list) and all("nct_id" in r for r in rows), "not a list of trials"
print(len(rows))
EOF
) || fail "list --json did not print a JSON list of trials"
[ "$n_trials" -gt 50 ] || fail "list --json returned $n_trials trials, expected more than 50"
head_rev=$("$VPY" - "$tmp/data/trialtracker.sqlite3" src/trialtracker/store/migrations/versions <<'EOF'
import pathlib, re, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
(current,) = db.execute("SELECT version_num FROM alembic_version").fetchone()
revs = {re.search(r'^revision\s*=\s*["\']([^"\']+)', p.read_text(), re.M).group(1): p.name
        for p in pathlib.Path(sys.argv[2]).glob("*.py") if p.name != "__init__.py"}
downs = {re.search(r'^down_revision\s*=\s*["\']?([^"\'\n]+)', p.read_text(), re.M).group(1)
         for p in pathlib.Path(sys.argv[2]).glob("*.py") if p.name != "__init__.py"}
heads = set(revs) - downs
assert heads == {current}, f"database at {current}, migration heads {heads}"
print(current)
EOF
) || fail "the new database is not at the migration head"
results+=("list --json: ok ($n_trials trials; new database migrated to head $head_rev)")

step "smoke: topics --json (shipped topic resources)"
(cd "$tmp" && "$CLI" --data-dir "$tmp/data" topics --json) >"$tmp/topics.json" || fail "topics --json exited non-zero"
n_topics=$("$VPY" -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$tmp/topics.json") \
  || fail "topics --json did not print JSON"
[ "$n_topics" -gt 5 ] || fail "topics --json returned $n_topics topics"
results+=("topics --json: ok ($n_topics topics)")

step "smoke: team init on a closed port (the PostgreSQL driver loads and fails in one line)"
set +e
(cd "$tmp" && "$CLI" team init "postgresql://nobody@127.0.0.1:9/none") >"$tmp/team.out" 2>"$tmp/team.err"
code=$?
set -e
[ "$code" = 1 ] || fail "team init on a closed port exited $code, expected 1: $(cat "$tmp/team.err")"
grep -q "could not be used" "$tmp/team.err" || fail "team init on a closed port said: $(cat "$tmp/team.err")"
results+=("team init, no server: ok (psycopg bundled; one-line error, exit 1)")

step "smoke: trialtracker-gui --help (second executable)"
(cd "$tmp" && "$GUI" --help) >"$tmp/gui-help.txt" || fail "trialtracker-gui --help exited non-zero"
grep -q -- "--screenshot" "$tmp/gui-help.txt" || fail "trialtracker-gui --help does not describe 'gui'"
results+=("trialtracker-gui --help: ok")

step "smoke: install-desktop into a scratch XDG_DATA_HOME"
(cd "$tmp" && XDG_DATA_HOME="$tmp/xdg" "$CLI" install-desktop) >/dev/null || fail "install-desktop exited non-zero"
desktop=$tmp/xdg/applications/io.github.trialtracker.TrialTracker.desktop
[ -f "$desktop" ] || fail "install-desktop wrote no $desktop"
grep -qx "Exec=$GUI" "$desktop" || fail "desktop file Exec= does not point at $GUI: $(grep '^Exec=' "$desktop")"
[ -f "$tmp/xdg/icons/hicolor/256x256/apps/io.github.trialtracker.TrialTracker.png" ] || fail "icons not installed"
(cd "$tmp" && XDG_DATA_HOME="$tmp/xdg" "$CLI" install-desktop --uninstall) >/dev/null || fail "install-desktop --uninstall failed"
[ ! -e "$desktop" ] || fail "install-desktop --uninstall left $desktop"
results+=("install-desktop / --uninstall: ok (Exec=$GUI)")

step "smoke: gui --screenshot"
# Decided from the source (not by importing), so a UI that is present but broken fails here.
if grep -qs '^def run_gui' src/trialtracker/ui/app.py; then
  (cd "$tmp" && "$CLI" --data-dir "$tmp/data" gui --screenshot "$tmp/shot.png") || fail "gui --screenshot exited non-zero"
  [ -f "$tmp/shot.png" ] || fail "gui --screenshot wrote no PNG"
  size=$(wc -c <"$tmp/shot.png")
  [ "$size" -gt 10240 ] || fail "screenshot is only $size bytes (expected > 10 kB)"
  [ "$(head -c 8 "$tmp/shot.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "screenshot is not a PNG"
  results+=("gui --screenshot: ok ($size bytes)")
else
  results+=("gui --screenshot: skipped: gui not available (no run_gui in src/trialtracker/ui/app.py yet)")
fi

if [ "$(uname -s)" = Linux ] && command -v ldd >/dev/null 2>&1; then
  step "smoke: every bundled library finds the Qt/Python libraries it links (the spec drops some)"
  missing=$(find "$APP/_internal" -name '*.so*' -type f -print0 \
    | xargs -0 -n 50 ldd 2>/dev/null | grep -E '(libQt6|libpyside|libshiboken|libpython).* => not found' | sort -u || true)
  [ -z "$missing" ] || fail "bundled libraries miss: $missing"
  results+=("bundled Qt libraries: ok (no missing libQt6*/pyside/shiboken/python links)")
fi

# The bundle must stay unchanged by running it (read-only installs, signed macOS bundles).
if find "$APP" -name __pycache__ -print -quit | grep -q .; then
  fail "running the bundle wrote __pycache__ into $APP"
fi

t_end=$(date +%s)
step "summary"
for r in "${results[@]}"; do echo "  $r"; done
echo "  pyinstaller time: $((t_built - t_build)) s; total (venv + build + smoke tests): $((t_end - t_start)) s"
echo "  bundle: $APP: $(du -sh "$APP" | cut -f1), $(find "$APP" -type f | wc -l | tr -d ' ') files"
