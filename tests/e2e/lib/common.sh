# Shared settings and helpers for the end-to-end harness. Sourced, never run.
# shellcheck shell=bash

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROJECT_DIR=$(cd "$E2E_DIR/../.." && pwd)
ARTIFACTS_DIR="$E2E_DIR/artifacts"

# One root filesystem image per Debian suite, outside the clone so that CI's fresh clones reuse it. A run never
# writes to the image: it works in E2E_ROOT, the image under an overlay whose upper layer is a tmpfs, so every
# run starts from the image as built and leaves nothing behind.
E2E_SUITE=${CHAMELEON_E2E_SUITE:-trixie}
# How the product is installed: "deb" (the package only: system-wide extension and backend), "zip" (the package
# for the backend, and the extensions.gnome.org zip installed by the user, which takes precedence) or "user"
# (build/install-user.sh from the checkout, run in the user's running session, then a new login).
E2E_INSTALL=${CHAMELEON_E2E_INSTALL:-deb}
E2E_CACHE=${CHAMELEON_E2E_CACHE:-/var/cache/chameleon-e2e}
E2E_IMAGE=$E2E_CACHE/$E2E_SUITE/root
E2E_LAYER=$E2E_CACHE/$E2E_SUITE/layer
E2E_ROOT=$E2E_CACHE/$E2E_SUITE/live
E2E_MIRROR=${CHAMELEON_E2E_MIRROR:-http://deb.debian.org/debian}
E2E_MARKER="$E2E_IMAGE/.chameleon-e2e-complete"
ARTIFACTS_DIR="$E2E_DIR/artifacts/$E2E_SUITE-$E2E_INSTALL"

E2E_UID=1000
E2E_USER=chameleon
E2E_HOME=/home/$E2E_USER
E2E_RUNTIME=/run/user/$E2E_UID
E2E_BUS="unix:path=$E2E_RUNTIME/bus"
E2E_UUID=chameleon@chameleon.dev
# Where the user-install target sees the checkout inside the root.
E2E_CHECKOUT=/opt/chameleon

# Packages of the root. Changing this list (or ROOT_RECIPE_VERSION) rebuilds the root.
E2E_PACKAGES=(
    gnome-shell dbus libglib2.0-bin gsettings-desktop-schemas dconf-gsettings-backend dconf-cli
    adwaita-icon-theme fonts-cantarell libgl1-mesa-dri libegl-mesa0 xwayland procps nodejs
    # preferences window (org.gnome.Shell.Extensions runs GTK 4 + libadwaita through gjs)
    gir1.2-gtk-4.0 gir1.2-adw-1
    unzip
)
# Bump when the way the root is prepared (below the package list) changes.
ROOT_RECIPE_VERSION=1

log() { printf '[e2e %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Seconds since the epoch with millisecond precision, for timings.
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Run a command inside the root as the test user with the session environment.
AS_USER=(
    chroot --userspec=$E2E_UID:$E2E_UID "$E2E_ROOT" /usr/bin/env -i
    HOME="$E2E_HOME" USER="$E2E_USER" LOGNAME="$E2E_USER"
    PATH="$E2E_HOME/.local/bin:/usr/local/bin:/usr/bin:/bin"
    XDG_RUNTIME_DIR="$E2E_RUNTIME" DBUS_SESSION_BUS_ADDRESS="$E2E_BUS"
    XDG_SESSION_TYPE=wayland XDG_CURRENT_DESKTOP=GNOME WAYLAND_DISPLAY=wayland-0
    LANG=C.UTF-8
    # console.debug() of the shell's JS and of the extension: the log is only read when a scenario fails.
    G_MESSAGES_DEBUG=Gjs-Console
    # No accessibility bus in the root: keeps GTK (the preferences process) from warning about it.
    GTK_A11Y=none NO_AT_BRIDGE=1
)
in_root_as_user() { "${AS_USER[@]}" "$@"; }

in_root() { chroot "$E2E_ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

# Every mount point at or below the root, deepest first (for unmounting).
mounts_under_root() {
    local root
    root=$(realpath -m "$E2E_ROOT")
    awk -v r="$root" '{ gsub(/\\040/, " ", $5); if ($5 == r || index($5, r "/") == 1) print $5 }' /proc/self/mountinfo \
        | sort -r
}
