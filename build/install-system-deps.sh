#!/usr/bin/env bash
# Debian/Ubuntu packages Chameleon needs. Without arguments: what running it needs (gsettings, the GNOME
# schemas). With --test: also what the test suites need (gjs for the extension's logic, mmdebstrap and D-Bus for
# the real-GNOME-Shell suite). Runs apt-get through sudo when not root.
set -euo pipefail

packages=(libglib2.0-bin gsettings-desktop-schemas)
if [[ "${1:-}" == "--test" ]]; then
    packages+=(gjs dbus mmdebstrap zip unzip)
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
