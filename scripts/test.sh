#!/usr/bin/env bash
# Set up and run the whole test suite on a fresh machine (Debian + Python >= 3.11).
# Installs Debian's chromium for the browser tests when it is missing, the package
# with its test extras, then runs pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing and this is not root: the browser tests will be skipped" >&2
  fi
fi
python -m pip install -q --disable-pip-version-check -e ".[test]"
python -m pytest -q "$@"
