#!/usr/bin/env bash
# Debian/Ubuntu packages Chameleon needs. Without arguments: what running it needs (gsettings, the GNOME
# schemas, libjxl's djxl for the palettes of JPEG XL pictures such as GNOME's own wallpapers). With --test: also
# what the test suites and the Debian package build need (gettext's xgettext and msgfmt for the
# translations; gjs for the extension's logic; mmdebstrap, D-Bus and the archive keyring for the real-GNOME-Shell
# roots; a C++ toolchain and Python for building better-sqlite3 against each Node's headers; tesseract to read
# text off the preferences window's screenshots, which run in a process of their own). Runs apt-get through sudo
# when not root.
set -euo pipefail

packages=(libglib2.0-bin gsettings-desktop-schemas libjxl-tools)
if [[ "${1:-}" == "--test" ]]; then
    packages+=(gettext gjs dbus mmdebstrap debian-archive-keyring zip unzip xz-utils g++ make python3 tesseract-ocr)
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if (( ${#missing[@]} == 0 )); then
    exit 0
fi

sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
