# Sourced by scripts/test: makes sure a headless Chromium and its ChromeDriver are there for the
# console's browser tests (Debian's chromium-headless-shell and chromium-driver, installed where missing).
# BEHALF_CHROMIUM and BEHALF_CHROMEDRIVER, when set, name other binaries and are trusted as is.

ensure_chromium() {
  local chromium="${BEHALF_CHROMIUM:-/usr/lib/chromium/chromium-headless-shell}" driver="${BEHALF_CHROMEDRIVER:-/usr/bin/chromedriver}"
  if [[ -x "$chromium" && -x "$driver" ]]; then
    return 0
  fi
  if ! command -v apt-get >/dev/null; then
    echo "The console's browser tests need Chromium and ChromeDriver: set BEHALF_CHROMIUM and BEHALF_CHROMEDRIVER." >&2
    return 1
  fi
  echo "Installing chromium-headless-shell and chromium-driver for the console's browser tests..." >&2
  local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq >&2 || true
  if DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium-headless-shell chromium-driver >&2; then
    return 0
  fi
  # The full browser does the same work at twice the CPU (Browser.java says why the shell is preferred).
  if [[ -z "${BEHALF_CHROMIUM:-}" && -x /usr/bin/chromium && -x "$driver" ]]; then
    echo "chromium-headless-shell could not be installed; the browser tests use /usr/bin/chromium, which is slower." >&2
    export BEHALF_CHROMIUM=/usr/bin/chromium
    return 0
  fi
  return 1
}
