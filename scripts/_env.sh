# Shared by scripts/demo and scripts/test: make .venv (Python 3.11) and install the project into it.
# Re-installs only when pyproject.toml changed since the last install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv with $PY"
  "$PY" -m venv .venv
fi
STAMP=".venv/.zhaoshang-installed-$(sha256sum pyproject.toml | cut -c1-16)-$1"
if [ ! -f "$STAMP" ]; then
  echo "==> installing zhaoshang and its pinned dependencies into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip 2>&1 | grep -v -i warning || true
  if [ "$1" = test ]; then SPEC='.[test]'; else SPEC='.'; fi
  .venv/bin/python -m pip install -q --disable-pip-version-check -e "$SPEC" 2>&1 | grep -v -i warning || true
  .venv/bin/python -c "import zhaoshang" 
  rm -f .venv/.zhaoshang-installed-*-"$1"
  touch "$STAMP"
fi
