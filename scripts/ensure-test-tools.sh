#!/usr/bin/env bash
# The browser tests drive Debian's chromium (Playwright cannot download browsers on this project's
# machines), and the many-instances test puts Debian's nginx in front of two instances.
set -euo pipefail
missing=()
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then missing+=(chromium); fi
if [ ! -x /usr/sbin/nginx ] && ! command -v nginx >/dev/null 2>&1; then missing+=(nginx-light); fi
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "[kiji] Installing Debian's ${missing[*]} for the tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  # Debian starts nginx's own service on install; the tests run their own nginx on their own port.
  if [[ " ${missing[*]} " == *" nginx-light "* ]]; then nginx -s quit 2>/dev/null || true; fi
else
  echo "[kiji] The tests need: ${missing[*]} (apt-get install ${missing[*]})," >&2
  echo "       or CHROMIUM_PATH set to a Chromium or Chrome executable." >&2
  exit 1
fi
