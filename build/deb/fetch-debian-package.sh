#!/usr/bin/env bash
# Downloads Debian binary packages of one suite into a folder, through apt with a private state directory, so the
# host's own apt configuration is left alone and the archive's signatures are still checked.
#
#   fetch-debian-package.sh SUITE OUTDIR PACKAGE...
#
# Environment: CHAMELEON_DEBIAN_MIRROR (default http://deb.debian.org/debian), CHAMELEON_BUILD_CACHE (default
# ~/.cache/chameleon-build). Testing and unstable Release files may be past their Valid-Until on a mirror snapshot;
# only the date check is turned off, never the signature check.
set -euo pipefail
[[ $# -ge 3 ]] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
suite=$1 outdir=$2
shift 2
mirror=${CHAMELEON_DEBIAN_MIRROR:-http://deb.debian.org/debian}
state="${CHAMELEON_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/chameleon-build}/apt-$suite"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[[ -f $keyring ]] || { echo "fetch-debian-package.sh: $keyring is missing (apt-get install debian-archive-keyring)" >&2; exit 1; }

mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$outdir"
echo "deb [signed-by=$keyring] $mirror $suite main" >"$state/sources.list"
apt_opts=(
    -o "Dir::Etc::SourceList=$state/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state/cache"
    -o Acquire::Check-Valid-Until=false -o Debug::NoLocking=1 -o APT::Sandbox::User=root
)
apt-get "${apt_opts[@]}" -qq update
cd "$outdir"
apt-get "${apt_opts[@]}" -qq download "$@"
