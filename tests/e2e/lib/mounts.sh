# Mount and unmount the kernel and runtime filesystems the shell needs inside the root. Sourced by run.sh.
# shellcheck shell=bash

E2E_DEV_NODES=(null zero full random urandom tty)

mount_root() {
    local r=$E2E_ROOT
    mount -t proc proc "$r/proc"
    mount --rbind /sys "$r/sys"
    mount --make-rslave "$r/sys"

    # A private /dev: bind only the few nodes needed. Binding the host /dev would let an rm -rf of the
    # root delete the host's device nodes.
    mount -t tmpfs -o mode=755,nosuid,size=64k e2e-dev "$r/dev"
    local n
    for n in "${E2E_DEV_NODES[@]}"; do
        touch "$r/dev/$n"
        mount --bind "/dev/$n" "$r/dev/$n"
    done
    mkdir -p "$r/dev/pts" "$r/dev/shm"
    mount -t devpts -o newinstance,ptmxmode=0666,mode=620,gid=5 e2e-devpts "$r/dev/pts"
    ln -s pts/ptmx "$r/dev/ptmx"
    mount -t tmpfs -o mode=1777,nosuid,nodev e2e-shm "$r/dev/shm"
    ln -s /proc/self/fd "$r/dev/fd"
    ln -s /proc/self/fd/0 "$r/dev/stdin"
    ln -s /proc/self/fd/1 "$r/dev/stdout"
    ln -s /proc/self/fd/2 "$r/dev/stderr"

    mount -t tmpfs -o mode=755,nosuid,nodev e2e-run "$r/run"
    mkdir -p "$r/run/dbus" "$r$E2E_RUNTIME"
    chown $E2E_UID:$E2E_UID "$r$E2E_RUNTIME"
    chmod 700 "$r$E2E_RUNTIME"

    mount -t tmpfs -o mode=1777,nosuid,nodev e2e-tmp "$r/tmp"
    # Xwayland aborts unless these exist, root-owned and sticky.
    mkdir -m 1777 "$r/tmp/.X11-unix" "$r/tmp/.ICE-unix"

    # The built project, read-only, where the user's launcher points.
    mkdir -p "$r$E2E_OPT"
    mount --bind "$PROJECT_DIR" "$r$E2E_OPT"
    mount -o remount,bind,ro "$r$E2E_OPT"
}

umount_root() {
    local m
    while read -r m; do
        [[ -n $m ]] || continue
        umount -l "$m" 2>/dev/null || log "warning: could not unmount $m"
    done < <(mounts_under_root)
    if [[ -n $(mounts_under_root) ]]; then
        log "warning: still mounted under $E2E_ROOT:"
        mounts_under_root >&2
        return 1
    fi
}
