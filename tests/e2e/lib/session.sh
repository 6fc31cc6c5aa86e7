# Start and stop the buses and GNOME Shell inside the root. Sourced by run.sh.
# shellcheck shell=bash

SHELL_PID=
SHELL_LOG="$ARTIFACTS_DIR/gnome-shell.log"

# PIDs of every process whose root directory is the e2e root.
processes_in_root() {
    local root p
    root=$(realpath -m "$E2E_ROOT")
    for p in /proc/[0-9]*; do
        [[ $(readlink "$p/root" 2>/dev/null) == "$root" ]] && echo "${p#/proc/}"
    done
    return 0
}

start_buses() {
    in_root dbus-daemon --system --fork --nopidfile 9>&-
    # Not forked: its stdout/stderr are inherited by the services it activates (the preferences process,
    # dconf-service...), so their logs land in the artifacts.
    (exec "${AS_USER[@]}" dbus-daemon --session --address="$E2E_BUS" --nofork --nopidfile --nosyslog \
        >"$ARTIFACTS_DIR/session-bus.log" 2>&1 </dev/null 9>&-) &
    local i
    for i in $(seq 50); do
        [[ -S $E2E_ROOT$E2E_RUNTIME/bus ]] && return 0
        sleep 0.1
    done
    die "session bus did not appear at $E2E_ROOT$E2E_RUNTIME/bus"
}

# Evaluate JS in the shell from the host; prints the JSON result, fails when Eval reports failure.
shell_eval() {
    gjs -m "$E2E_DIR/helpers/dbus-call.js" "unix:path=$E2E_ROOT$E2E_RUNTIME/bus" \
        org.gnome.Shell /org/gnome/Shell org.gnome.Shell Eval '(s)' "[$(printf '%s' "$1" | node -e 'process.stdout.write(JSON.stringify(require("fs").readFileSync(0,"utf8")))')]"
}

# One --virtual-monitor flag per size in CHAMELEON_E2E_MONITORS (comma-separated WIDTHxHEIGHT, default one
# 1280x800 monitor); mutter lays them out side by side, the first one primary.
MONITOR_FLAGS=()
set_monitor_flags() {
    local size sizes
    MONITOR_FLAGS=()
    IFS=, read -ra sizes <<<"${CHAMELEON_E2E_MONITORS:-1280x800}"
    for size in "${sizes[@]}"; do
        [[ $size =~ ^[0-9]+x[0-9]+$ ]] || die "CHAMELEON_E2E_MONITORS: '$size' is not WIDTHxHEIGHT"
        MONITOR_FLAGS+=(--virtual-monitor "$size")
    done
}

start_shell() {
    local t0 i out
    t0=$(now)
    set_monitor_flags
    # Appended: a restarted shell (the second pass) keeps the first one's log before its own.
    printf '\n===== gnome-shell %s =====\n' "${MONITOR_FLAGS[*]}" >>"$SHELL_LOG"
    # exec: $! must be the shell itself, so that stop_shell's SIGTERM reaches it.
    (exec "${AS_USER[@]}" gnome-shell --wayland --headless "${MONITOR_FLAGS[@]}" --unsafe-mode \
        >>"$SHELL_LOG" 2>&1 </dev/null 9>&-) &
    SHELL_PID=$!
    for i in $(seq 600); do
        if ! kill -0 "$SHELL_PID" 2>/dev/null; then
            tail -n 60 "$SHELL_LOG" >&2
            die "gnome-shell exited during start (log: $SHELL_LOG)"
        fi
        out=$(shell_eval 'Main.layoutManager._startingUp' 2>/dev/null) || true
        if [[ $out == '[true,"false"]' ]]; then
            shell_eval 'Main.overview.hide(); true' >/dev/null
            log "gnome-shell ready in $(elapsed "$t0") s (pid $SHELL_PID)"
            return 0
        fi
        sleep 0.1
    done
    tail -n 60 "$SHELL_LOG" >&2
    die "gnome-shell not ready after 60 s (log: $SHELL_LOG)"
}

stop_shell() {
    [[ -n $SHELL_PID ]] || return 0
    kill -TERM "$SHELL_PID" 2>/dev/null || true
    local i
    for i in $(seq 50); do
        kill -0 "$SHELL_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$SHELL_PID" 2>/dev/null || true
    wait "$SHELL_PID" 2>/dev/null || true
    SHELL_PID=
}

# TERM, then KILL, everything still running inside the root (buses, dconf, Xwayland, the backend...).
kill_root_processes() {
    local pids i
    pids=$(processes_in_root)
    [[ -n $pids ]] || return 0
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null || true
    for i in $(seq 30); do
        pids=$(processes_in_root)
        [[ -n $pids ]] || return 0
        sleep 0.1
    done
    log "killing leftover processes in root: $pids"
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    sleep 0.2
}
