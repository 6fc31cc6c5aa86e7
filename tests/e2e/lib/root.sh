# Build (or reuse) the Debian root filesystem the shell runs in. Sourced by run.sh.
# shellcheck shell=bash

root_fingerprint() {
    printf '%s\n' "$ROOT_RECIPE_VERSION" "$E2E_SUITE" "$E2E_MIRROR" "${E2E_PACKAGES[@]}" | sha256sum | cut -d' ' -f1
}

root_is_complete() {
    [[ -f $E2E_MARKER ]] && [[ $(cat "$E2E_MARKER") == "$(root_fingerprint)" ]]
}

# rm -rf of a directory with something mounted inside would reach into the mounted filesystem.
safe_remove_tree() {
    local dir=$1 real
    [[ -e $dir ]] || return 0
    real=$(realpath -m "$dir")
    [[ $real == / || $real == /var || $real == /var/cache ]] && die "refusing to delete $real"
    if awk -v r="$real" '{ if ($5 == r || index($5, r "/") == 1) found = 1 } END { exit !found }' /proc/self/mountinfo; then
        die "refusing to delete $real: something is still mounted under it"
    fi
    rm -rf --one-file-system "$real"
}

unmount_tree() {
    local real m
    real=$(realpath -m "$1")
    awk -v r="$real" '{ if ($5 == r || index($5, r "/") == 1) print $5 }' /proc/self/mountinfo | sort -r |
        while read -r m; do umount -l "$m" || true; done
}

run_mmdebstrap() {
    local target=$1 include
    include=$(IFS=,; echo "${E2E_PACKAGES[*]}")
    mmdebstrap --variant=apt --mode=root --format=directory \
        --include="$include" \
        --aptopt='APT::Install-Recommends "false"' \
        --aptopt='Acquire::Check-Valid-Until "false"' \
        --dpkgopt='path-exclude=/usr/share/locale/*' \
        --dpkgopt='path-exclude=/usr/share/doc/*' \
        --dpkgopt='path-exclude=/usr/share/man/*' \
        --dpkgopt='path-exclude=/usr/share/help/*' \
        --customize-hook='chroot "$1" useradd --create-home --uid '"$E2E_UID"' --user-group --shell /bin/bash '"$E2E_USER" \
        --customize-hook='chroot "$1" sh -c "dbus-uuidgen > /etc/machine-id"' \
        --customize-hook='rm -f "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/*_Packages' \
        "$E2E_SUITE" "$target" "$E2E_MIRROR" >"$ARTIFACTS_DIR/mmdebstrap.log" 2>&1
}

ensure_root() {
    if root_is_complete; then
        log "reusing root $E2E_IMAGE"
        return 0
    fi
    local t0 staging
    t0=$(now)
    staging="$E2E_IMAGE.building"
    log "building root $E2E_IMAGE ($E2E_SUITE) — marker missing or package list changed"
    # An interrupted earlier build may have left mounts (mmdebstrap mounts /dev, /proc... while it works).
    unmount_tree "$staging"
    safe_remove_tree "$staging"
    safe_remove_tree "$E2E_IMAGE"
    mkdir -p "$(dirname "$E2E_IMAGE")"
    local attempt
    for attempt in 1 2; do
        run_mmdebstrap "$staging" && break
        tail -n 40 "$ARTIFACTS_DIR/mmdebstrap.log" >&2
        unmount_tree "$staging"
        safe_remove_tree "$staging"
        # One retry: a mirror hiccup should not fail CI; a second failure is real.
        [[ $attempt == 1 ]] || die "mmdebstrap failed twice (log: $ARTIFACTS_DIR/mmdebstrap.log)"
        log "mmdebstrap failed; retrying once"
    done

    # Host-side root may talk to the user's session bus (the test runner's D-Bus calls, helpers/dbus-call.js).
    cat >"$staging/etc/dbus-1/session-local.conf" <<'CONF'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <policy context="default">
    <allow user="root"/>
  </policy>
</busconfig>
CONF
    root_fingerprint >"$staging/.chameleon-e2e-complete"
    mv "$staging" "$E2E_IMAGE"
    log "root built in $(elapsed "$t0") s ($(du -sh --one-file-system "$E2E_IMAGE" | cut -f1))"
}
