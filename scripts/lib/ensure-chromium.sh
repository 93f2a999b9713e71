#!/usr/bin/env bash
# The console's browser tests drive Debian's headless Chromium through ChromeDriver; installed
# here where missing so that a fresh machine needs nothing by hand.
set -euo pipefail
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "Chromium and ChromeDriver are missing and this is not Debian: browser tests will be skipped." >&2
  exit 0
fi
sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
echo "Installing chromium and chromium-driver for the browser tests..." >&2
$sudo apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >&2
