#!/usr/bin/env bash
# Playwright cannot download browsers on this project's machines; it drives Debian's chromium.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "[kiji] Installing Debian's chromium for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "[kiji] The browser tests need Chromium: install Debian's chromium (apt-get install chromium)" >&2
  echo "       or set CHROMIUM_PATH to a Chromium or Chrome executable." >&2
  exit 1
fi
