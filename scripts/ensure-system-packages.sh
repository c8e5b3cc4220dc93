#!/usr/bin/env bash
# Installs the Debian packages Posvid needs when they are missing: libzbar0 for pyzbar,
# chromium for the browser tests (driven by Playwright; no browser is ever downloaded).
# Used by `make demo` and `make test`; safe to run again (does nothing when all are there).
set -euo pipefail
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Posvid needs these system packages: ${missing[*]} (not a Debian system: install them yourself)" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
