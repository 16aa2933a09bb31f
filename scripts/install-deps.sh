#!/usr/bin/env bash
# Installs everything the build and the tests need, from the package registries only.
# Idempotent: each step is skipped when its result is already present, so test.sh can
# call this on every run. Pins and package lists follow shared/reference/linux-desktop-recipe.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

# Tauri v2 build prerequisites (webkit2gtk-4.1 etc.); libdbus-1-dev for the keychain (Secret Service)
BUILD_PKGS=(build-essential pkg-config file libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev
  libjavascriptcoregtk-4.1-dev librsvg2-dev libssl-dev libayatana-appindicator3-dev libxdo-dev
  libdbus-1-dev)
# Real-window tests (Xvfb, WebKitWebDriver, session bus), keychain tests, screenshots.
RUN_PKGS=(xvfb xauth dbus dbus-x11 at-spi2-core imagemagick webkit2gtk-driver gnome-keyring
  libsecret-tools keyutils fonts-dejavu-core python3-venv)
# Browser UI tests (playwright-core drives the system Chromium; nothing is downloaded).
BROWSER_PKGS=(chromium)

missing=()
for p in "${BUILD_PKGS[@]}" "${RUN_PKGS[@]}" "${BROWSER_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: apt installing ${#missing[@]} missing package(s): ${missing[*]}"
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "install-deps: apt packages present"
fi

# The registry's newest tauri-driver is a 3.0 alpha: pin ^2 to match tauri 2.
if [[ ! -x tools/bin/tauri-driver ]]; then
  echo "install-deps: cargo install tauri-driver"
  cargo install tauri-driver --locked --version '^2' --root tools
else
  echo "install-deps: tauri-driver present"
fi

# npm ci wipes and reinstalls node_modules (~10 s): do it only when the lock file changed
# since the last install, which the stamp inside node_modules records.
lock_sum=$(sha256sum ui/package-lock.json | cut -d' ' -f1)
stamp=ui/node_modules/.pipewright-lock-sha256
if [[ -f $stamp && $(cat "$stamp") == "$lock_sum" ]]; then
  echo "install-deps: ui/node_modules matches package-lock.json"
else
  echo "install-deps: npm ci (ui/)"
  (cd ui && npm ci --no-audit --no-fund)
  echo "$lock_sum" >"$stamp"
fi
