#!/usr/bin/env bash
# The browser tests drive Debian's chromium (Playwright cannot download browsers on this project's
# machines), the many-instances test puts Debian's nginx in front of two instances, and the
# Redis-backed tests run Debian's redis-server (each run starts its own on a free port and stops it:
# scripts/test-support/test-redis.ts), unless KIJI_TEST_REDIS_URL names a Redis to use instead.
set -euo pipefail
missing=()
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then missing+=(chromium); fi
if [ ! -x /usr/sbin/nginx ] && ! command -v nginx >/dev/null 2>&1; then missing+=(nginx-light); fi
if [ -z "${KIJI_TEST_REDIS_URL:-}" ] && ! command -v redis-server >/dev/null 2>&1; then missing+=(redis-server); fi
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "[kiji] Installing Debian's ${missing[*]} for the tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  # Debian starts nginx's and Redis's own services on install; the tests run their own, on their own ports.
  if [[ " ${missing[*]} " == *" nginx-light "* ]]; then nginx -s quit 2>/dev/null || true; fi
  if [[ " ${missing[*]} " == *" redis-server "* ]]; then
    (service redis-server stop || redis-cli shutdown nosave) >/dev/null 2>&1 || true
  fi
else
  echo "[kiji] The tests need: ${missing[*]} (apt-get install ${missing[*]})," >&2
  echo "       or CHROMIUM_PATH set to a Chromium or Chrome executable, KIJI_TEST_REDIS_URL to a Redis." >&2
  exit 1
fi
