#!/usr/bin/env bash
# The end-to-end matrix (`npm run test:e2e`): the Debian package in the real GNOME Shell of each Debian suite we
# support, then the extensions.gnome.org zip in GNOME 48, then the user install from a checkout in GNOME 48.
# Builds the zip and the package once, runs every target
# (a failing one does not stop the others), and ends with a table of what ran where.
#
#   bash tests/e2e/matrix.sh                    every target
#   bash tests/e2e/matrix.sh sid:deb trixie:zip  only these (SUITE:deb, SUITE:zip or SUITE:user)
#
# CHAMELEON_E2E_SKIP_BUILD=1 uses dist/ as it is. Roots are cached under CHAMELEON_E2E_CACHE between runs.
set -Euo pipefail

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=$(cd "$E2E_DIR/../.." && pwd)
TARGETS=("$@")
[[ ${#TARGETS[@]} -gt 0 ]] || TARGETS=(trixie:deb forky:deb sid:deb trixie:zip trixie:user)

log() { printf '[e2e-matrix %s] %s\n' "$(date +%T)" "$*" >&2; }
started=$(date +%s)

if [[ ${CHAMELEON_E2E_SKIP_BUILD:-} != 1 ]]; then
    t=$(date +%s)
    mkdir -p "$E2E_DIR/artifacts"
    log "building the zip and the Debian package"
    (cd "$PROJECT_DIR" && npm run --silent pack && node build/package-deb.mjs) >"$E2E_DIR/artifacts/build.log" 2>&1 \
        || { tail -n 40 "$E2E_DIR/artifacts/build.log" >&2; log "build failed (log: $E2E_DIR/artifacts/build.log)"; exit 1; }
    log "build took $(( $(date +%s) - t )) s"
fi

rows=()
failed=0
for target in "${TARGETS[@]}"; do
    suite=${target%%:*} install=${target#*:}
    [[ $target == *:* && ($install == deb || $install == zip || $install == user) ]] \
        || { log "unknown target '$target' (SUITE:deb, SUITE:zip or SUITE:user)"; exit 2; }
    t=$(date +%s)
    log "target $target"
    rc=0
    CHAMELEON_E2E_SUITE=$suite CHAMELEON_E2E_INSTALL=$install bash "$E2E_DIR/run.sh" || rc=$?
    versions=$(cat "$E2E_DIR/artifacts/$suite-$install/versions.txt" 2>/dev/null || echo "versions unknown")
    result=passed
    (( rc == 0 )) || { result="FAILED (exit $rc)"; failed=1; }
    rows+=("$(printf '%-12s %-40s %-18s %5d s' "$target" "$versions" "$result" $(( $(date +%s) - t )))")
done

log "matrix finished in $(( $(date +%s) - started )) s"
printf '\n%-12s %-40s %-18s %7s\n' target versions result time
printf '%s\n' "${rows[@]}"
exit $failed
