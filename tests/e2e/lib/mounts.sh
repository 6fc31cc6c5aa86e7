# Mount and unmount the kernel and runtime filesystems the shell needs inside the root. Sourced by run.sh.
# shellcheck shell=bash

E2E_DEV_NODES=(null zero full random urandom tty)

# The run's root: the image read-only under an overlay whose writable layer lives in a tmpfs. Installing the
# package, the user's home and everything the session writes land in that layer and vanish with it.
mount_overlay() {
    mkdir -p "$E2E_LAYER" "$E2E_ROOT"
    mount -t tmpfs -o mode=755,size=4g e2e-layer "$E2E_LAYER"
    mkdir -p "$E2E_LAYER/upper" "$E2E_LAYER/work"
    mount -t overlay e2e-root -o "lowerdir=$E2E_IMAGE,upperdir=$E2E_LAYER/upper,workdir=$E2E_LAYER/work" "$E2E_ROOT"
}

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
    # /home on a file system of its own, as on many installs: on the overlay, a file's st_dev (its upper
    # layer's) differs from its folder's, and the trash would take the home's files for another disk's.
    mount -t tmpfs -o mode=755,nosuid,nodev,size=2g e2e-home "$r/home"
    # Xwayland aborts unless these exist, root-owned and sticky.
    mkdir -m 1777 "$r/tmp/.X11-unix" "$r/tmp/.ICE-unix"
}

# The checkout, read-only, where a user would have cloned it (the user-install target runs its install script).
mount_checkout() {
    mkdir -p "$E2E_ROOT$E2E_CHECKOUT"
    mount --bind "$PROJECT_DIR" "$E2E_ROOT$E2E_CHECKOUT"
    mount -o remount,bind,ro "$E2E_ROOT$E2E_CHECKOUT"
}

# Everything under the run's root (the overlay itself last), then the tmpfs that held its writable layer.
umount_root() {
    local m
    while read -r m; do
        [[ -n $m ]] || continue
        umount -l "$m" 2>/dev/null || log "warning: could not unmount $m"
    done < <(mounts_under_root)
    if mountpoint -q "$E2E_LAYER"; then umount -l "$E2E_LAYER" || log "warning: could not unmount $E2E_LAYER"; fi
    if [[ -n $(mounts_under_root) ]] || mountpoint -q "$E2E_LAYER"; then
        log "warning: still mounted under $E2E_ROOT or $E2E_LAYER:"
        mounts_under_root >&2
        return 1
    fi
}
