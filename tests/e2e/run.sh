#!/usr/bin/env bash
# End-to-end suite: Chameleon inside a real, headless GNOME Shell (Debian trixie root filesystem).
#
#   bash tests/e2e/run.sh            build + pack the project, run the scenarios
#   bash tests/e2e/run.sh --smoke    harness self-test with a throwaway extension (no product needed)
#
# Environment: CHAMELEON_E2E_ROOT (default /var/cache/chameleon-e2e/root), CHAMELEON_E2E_SKIP_BUILD=1
# (use the existing dist/), CHAMELEON_E2E_KEEP=1 (leave the shell running after the tests until Ctrl-C),
# CHAMELEON_E2E_MONITORS (the first pass's monitors, default 1280x800), CHAMELEON_E2E_SECOND_MONITORS (the
# monitors pass's, default 1280x800,800x1280; empty skips that pass).
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

mkdir -p "$ARTIFACTS_DIR" "$(dirname "$E2E_ROOT")"
exec 9>"$(dirname "$E2E_ROOT")/.lock"
flock -n 9 || die "another e2e run is using $E2E_ROOT"
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

if [[ $MODE == full && ${CHAMELEON_E2E_SKIP_BUILD:-} != 1 ]]; then
    t=$(now)
    log "building and packing the project"
    (cd "$PROJECT_DIR" && npm run --silent pack) >"$ARTIFACTS_DIR/pack.log" 2>&1 \
        || { tail -n 40 "$ARTIFACTS_DIR/pack.log" >&2; die "npm run pack failed (log: $ARTIFACTS_DIR/pack.log)"; }
    log "pack done in $(elapsed "$t") s"
fi

t=$(now)
ensure_root
log "root ready in $(elapsed "$t") s"
t=$(now)
reset_home
mount_root
start_buses
log "home, mounts and buses in $(elapsed "$t") s"

if [[ $MODE == smoke ]]; then
    install_smoke_extension
    base_settings "$SMOKE_UUID"
    start_shell
    run_smoke_checks
    check_native_modules_in_root
    node "$E2E_DIR/helpers/make-wallpapers.mjs" "$E2E_ROOT$E2E_HOME/Pictures/Wallpapers"
    keep_if_asked
    exit 0
fi

ZIP=${CHAMELEON_E2E_ZIP:-"$PROJECT_DIR/dist/$E2E_UUID.shell-extension.zip"}
[[ -f $ZIP ]] || die "missing $ZIP (npm run pack)"
[[ -f $PROJECT_DIR/dist/backend/cli.js ]] || die "missing dist/backend/cli.js (npm run build)"
install_extension_zip "$ZIP"
install_launcher
node "$E2E_DIR/helpers/make-wallpapers.mjs" "$E2E_ROOT$E2E_HOME/Pictures/Wallpapers"
chown -R $E2E_UID:$E2E_UID "$E2E_ROOT$E2E_HOME/Pictures"
base_settings "$E2E_UUID"
schemadir="$E2E_HOME/.local/share/gnome-shell/extensions/$E2E_UUID/schemas"
user_gsettings --schemadir "$schemadir" set org.gnome.shell.extensions.chameleon folders "['$E2E_HOME/Pictures/Wallpapers/all']"
user_gsettings --schemadir "$schemadir" set org.gnome.shell.extensions.chameleon change-interval 0
start_shell

export CHAMELEON_E2E_ROOT="$E2E_ROOT" CHAMELEON_E2E_SHELL_LOG="$SHELL_LOG" CHAMELEON_E2E_ARTIFACTS="$ARTIFACTS_DIR"
cd "$PROJECT_DIR"
t=$(now)
rc=0
npx vitest run --config tests/e2e/vitest.config.ts tests/e2e/scenarios tests/e2e/prefs tests/e2e/online 9>&- || rc=$?
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
