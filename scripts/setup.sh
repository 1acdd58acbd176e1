#!/usr/bin/env bash
# Linux/macOS setup, one command:  bash scripts/setup.sh [options of scripts/setup_env.py, see --help]
# A thin wrapper: brings python3 on a bare Debian/Ubuntu (as root), then runs the cross-platform setup.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v python3 >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3 python3-venv
  else
    echo "python3 not found: install Python 3.11 (apt-get install python3 python3-venv / brew install python@3.11)" >&2
    exit 1
  fi
fi
exec python3 scripts/setup_env.py "$@"
