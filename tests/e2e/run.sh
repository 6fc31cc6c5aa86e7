#!/usr/bin/env bash
# One target of the end-to-end suite: Chameleon installed from its Debian package into a Debian root filesystem,
# inside that suite's real, headless GNOME Shell. tests/e2e/matrix.sh (npm run test:e2e) runs every target.
#
#   bash tests/e2e/run.sh            the scenarios, against dist/ as it is (npm run pack, npm run package:deb first)
#   bash tests/e2e/run.sh --smoke    harness self-test with a throwaway extension (no product needed)
#
# Environment: CHAMELEON_E2E_SUITE (trixie, forky or sid; default trixie), CHAMELEON_E2E_INSTALL (deb: the package
# alone; zip: the package for the backend plus the extensions.gnome.org zip installed by the user; user:
# build/install-user.sh from the checkout in a running session, then a new login),
# CHAMELEON_E2E_CACHE (default /var/cache/chameleon-e2e), CHAMELEON_E2E_KEEP=1 (leave the shell running after the
# tests until Ctrl-C), CHAMELEON_E2E_MONITORS (the first pass's monitors, default 1280x800),
# CHAMELEON_E2E_SECOND_MONITORS (the monitors pass's, default 1280x800,800x1280; empty skips that pass).
# Needs root and, on the host: mmdebstrap, gjs, node.
set -Eeuo pipefail

source "$(dirname "$0")/lib/common.sh"
source "$E2E_DIR/lib/root.sh"
source "$E2E_DIR/lib/mounts.sh"
source "$E2E_DIR/lib/session.sh"
source "$E2E_DIR/lib/user.sh"
source "$E2E_DIR/lib/smoke.sh"

MODE=full
[[ ${1:-} == --smoke ]] && MODE=smoke
RUN_START=$(now)

[[ $(id -u) == 0 ]] || die "must run as root (chroot, mounts)"
for tool in mmdebstrap gjs node chroot flock; do
    command -v "$tool" >/dev/null || die "missing host tool: $tool (apt-get install -y mmdebstrap gjs)"
done

mkdir -p "$ARTIFACTS_DIR" "$E2E_CACHE"
exec 9>"$E2E_CACHE/.lock"
# Runs from other checkouts share the cached roots: wait for one in progress rather than fail.
if ! flock -n 9; then
    log "another e2e run is using $E2E_CACHE; waiting for it to finish"
    flock 9
fi
rm -rf "${ARTIFACTS_DIR:?}"/*

keep_if_asked() {
    [[ ${CHAMELEON_E2E_KEEP:-} == 1 ]] || return 0
    log "shell left running (CHAMELEON_E2E_KEEP=1); Ctrl-C or SIGTERM to tear down"
    sleep infinity 9>&- &
    KEEP_PID=$!
    wait $KEEP_PID
}

TEARDOWN_DONE=
teardown() {
    local rc=$?
    [[ -n $TEARDOWN_DONE ]] && return
    TEARDOWN_DONE=1
    trap - EXIT INT TERM
    set +e
    [[ -n ${KEEP_PID:-} ]] && kill "$KEEP_PID" 2>/dev/null
    stop_shell
    kill_root_processes
    umount_root || rc=1
    [[ -z $(processes_in_root) ]] || { log "warning: processes left in root: $(processes_in_root | tr '\n' ' ')"; rc=1; }
    log "total e2e duration: $(elapsed "$RUN_START") s (exit $rc)"
    exit "$rc"
}
trap teardown EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A crashed earlier run (SIGKILL, power loss) may have left processes and mounts behind.
kill_root_processes
umount_root || die "stale mounts under $E2E_ROOT could not be removed"

t=$(now)
ensure_root
log "root ready in $(elapsed "$t") s"
t=$(now)
mount_overlay
mount_root
reset_home
start_buses
log "home, mounts and buses in $(elapsed "$t") s"

if [[ $MODE == smoke ]]; then
    install_smoke_extension
    base_settings "$SMOKE_UUID"
    start_shell
    run_smoke_checks
    node "$E2E_DIR/helpers/make-wallpapers.mjs" "$E2E_ROOT$E2E_HOME/Pictures/Wallpapers"
    keep_if_asked
    exit 0
fi

export CHAMELEON_E2E_ROOT="$E2E_ROOT" CHAMELEON_E2E_SHELL_LOG="$SHELL_LOG" CHAMELEON_E2E_ARTIFACTS="$ARTIFACTS_DIR" \
    CHAMELEON_E2E_INSTALL="$E2E_INSTALL"

if [[ $E2E_INSTALL == user ]]; then
    # The quick start's install, from a checkout, into a session that is already running; then a new login.
    # (--no-npm: the root has no npm; the checkout's node_modules are built for Node 20, as trixie's node is.)
    [[ -f $PROJECT_DIR/dist/backend/cli.js ]] || die "missing dist/backend/cli.js (npm run build)"
    mount_checkout
    node "$E2E_DIR/helpers/make-wallpapers.mjs" "$E2E_ROOT$E2E_HOME/Pictures/Wallpapers"
    chown -R $E2E_UID:$E2E_UID "$E2E_ROOT$E2E_HOME/Pictures"
    base_settings ''
    VERSIONS="GNOME Shell $(in_root gnome-shell --version | awk '{print $3}'), Node $(in_root node --version | tr -d v)"
    printf '%s\n' "$VERSIONS" >"$ARTIFACTS_DIR/versions.txt"
    export CHAMELEON_E2E_VERSIONS="$VERSIONS" CHAMELEON_E2E_CHECKOUT="$E2E_CHECKOUT"
    start_shell
    cd "$PROJECT_DIR"
    rc=0
    CHAMELEON_E2E_PHASE=install npx vitest run --config tests/e2e/vitest.config.ts tests/e2e/installUser 9>&- || rc=$?
    stop_shell
    start_shell
    CHAMELEON_E2E_PHASE=login npx vitest run --config tests/e2e/vitest.config.ts tests/e2e/installUser 9>&- || rc=$?
    keep_if_asked
    exit $rc
fi

DEB=$(ls "$PROJECT_DIR"/dist/chameleon_*.deb 2>/dev/null | head -n 1)
ZIP="$PROJECT_DIR/dist/$E2E_UUID.shell-extension.zip"
[[ -f $DEB ]] || die "missing dist/chameleon_*.deb (npm run package:deb)"
t=$(now)
install_package "$DEB"
if [[ $E2E_INSTALL == zip ]]; then
    [[ -f $ZIP ]] || die "missing $ZIP (npm run pack)"
    install_extension_zip "$ZIP"
fi
log "installed the package$([[ $E2E_INSTALL == zip ]] && echo ' and the zip') in $(elapsed "$t") s"
VERSIONS="GNOME Shell $(in_root gnome-shell --version | awk '{print $3}'), Node $(in_root node --version | tr -d v)"
log "target $E2E_SUITE/$E2E_INSTALL: $VERSIONS"
printf '%s\n' "$VERSIONS" >"$ARTIFACTS_DIR/versions.txt"
node "$E2E_DIR/helpers/make-wallpapers.mjs" "$E2E_ROOT$E2E_HOME/Pictures/Wallpapers"
chown -R $E2E_UID:$E2E_UID "$E2E_ROOT$E2E_HOME/Pictures"
base_settings "$E2E_UUID"
user_gsettings set org.gnome.shell.extensions.chameleon folders "['$E2E_HOME/Pictures/Wallpapers/all']"
user_gsettings set org.gnome.shell.extensions.chameleon change-interval 0
start_shell

export CHAMELEON_E2E_VERSIONS="$VERSIONS"
cd "$PROJECT_DIR"
t=$(now)
rc=0
npx vitest run --config tests/e2e/vitest.config.ts tests/e2e/scenarios tests/e2e/prefs tests/e2e/online tests/e2e/overlay 9>&- || rc=$?
log "scenarios took $(elapsed "$t") s"

# Second pass: the same session restarted with a landscape and a portrait monitor of different sizes.
SECOND_MONITORS=${CHAMELEON_E2E_SECOND_MONITORS-1280x800,800x1280}
if [[ -n $SECOND_MONITORS ]]; then
    t=$(now)
    stop_shell
    CHAMELEON_E2E_MONITORS=$SECOND_MONITORS start_shell
    CHAMELEON_E2E_MONITORS=$SECOND_MONITORS npx vitest run --config tests/e2e/vitest.config.ts tests/e2e/monitors 9>&- || rc=$?
    log "monitors pass took $(elapsed "$t") s"
fi
keep_if_asked
exit $rc
