#!/usr/bin/env bash
# Installs Chameleon for the current user, from a built checkout (`npm run install-user` builds first):
#   backend    $XDG_DATA_HOME/chameleon/backend/   (dist/backend + production node_modules)
#   launcher   ~/.local/bin/chameleon              (runs the backend with the node found now)
#   extension  $XDG_DATA_HOME/gnome-shell/extensions/chameleon@chameleon.dev/  (with compiled schemas)
# then adds the extension to GNOME's enabled extensions (and enables it at once where the running Shell can load
# it), saying which of the two happened. Safe to run again: it replaces what it installed.
#
# Options:
#   --no-npm     link the checkout's node_modules instead of copying its production part (tests, development)
#   --no-enable  leave GNOME's enabled extensions alone (for tests: the running session is not touched)
set -euo pipefail

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }

use_npm=1
enable=1
for arg in "$@"; do
    case "$arg" in
        --no-npm) use_npm=0 ;;
        --no-enable) enable=0 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install-user.sh: unknown option: $arg" >&2; usage >&2; exit 2 ;;
    esac
done

checkout="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
uuid="chameleon@chameleon.dev"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
bin_dir="$HOME/.local/bin"
backend_dir="$data_home/chameleon/backend"
extension_dir="$data_home/gnome-shell/extensions/$uuid"

for built in "$checkout/dist/backend/cli.js" "$checkout/dist/extension/metadata.json"; do
    if [[ ! -f "$built" ]]; then
        echo "install-user.sh: $built is missing; run \`npm run build\` first (or \`npm run install-user\`)." >&2
        exit 1
    fi
done
node_bin="$(command -v node || true)"
if [[ -z "$node_bin" ]]; then
    echo "install-user.sh: node is not on PATH; install Node.js 20 or later first." >&2
    exit 1
fi
# The launcher names node by its full path: the graphical session's PATH often lacks what a shell's has (nvm, fnm).

echo "Installing the backend into $backend_dir"
mkdir -p "$backend_dir"
rm -rf "$backend_dir/dist"
mkdir -p "$backend_dir/dist"
cp -R "$checkout/dist/backend" "$backend_dir/dist/backend"
cp "$checkout/package.json" "$checkout/package-lock.json" "$backend_dir/"
if [[ "$use_npm" == 1 ]]; then
    rm -rf "$backend_dir/node_modules"
    # The checkout's node_modules already holds better-sqlite3 and sharp built for this Node: copy them and drop
    # the development packages, rather than build the native modules a second time (and download their sources).
    cp -a "$checkout/node_modules" "$backend_dir/node_modules"
    (cd "$backend_dir" && npm prune --omit=dev --no-audit --no-fund --loglevel=error)
else
    rm -rf "$backend_dir/node_modules"
    ln -s "$checkout/node_modules" "$backend_dir/node_modules"
fi

echo "Installing the launcher $bin_dir/chameleon (node: $node_bin)"
mkdir -p "$bin_dir"
launcher_tmp="$(mktemp "$bin_dir/.chameleon.XXXXXX")"
{
    echo '#!/bin/sh'
    echo "# Installed by Chameleon's build/install-user.sh; runs the backend and the chameleon CLI."
    printf 'exec %q %q "$@"\n' "$node_bin" "$backend_dir/dist/backend/cli.js"
} > "$launcher_tmp"
chmod 755 "$launcher_tmp"
mv -f "$launcher_tmp" "$bin_dir/chameleon"

echo "Installing the extension into $extension_dir"
rm -rf "$extension_dir"
mkdir -p "$extension_dir"
cp -R "$checkout/dist/extension/." "$extension_dir/"
glib-compile-schemas --strict "$extension_dir/schemas"

# Enabled on the next login for sure: the extension's UUID in org.gnome.shell enabled-extensions (read back
# from a new process, so a session without a settings backend is not taken for success). Then enabled at once
# where the running GNOME Shell already knows the extension (it does not look for new ones on Wayland).
enabled_at_login=0
enabled_now=0
if [[ "$enable" == 1 ]] && command -v gsettings >/dev/null 2>&1 && gsettings writable org.gnome.shell enabled-extensions >/dev/null 2>&1; then
    current="$(gsettings get org.gnome.shell enabled-extensions)"
    # GVariant text of a string list ("@as []" or "['a', 'b']") to the same list with the UUID added.
    updated="$(node -e '
        const [current, uuid] = process.argv.slice(1);
        const list = JSON.parse(current.replace(/^@as /, "").replace(/\x27/g, "\""));
        if (!list.includes(uuid)) list.push(uuid);
        console.log(JSON.stringify(list).replace(/"/g, "\x27"));
    ' "$current" "$uuid")"
    gsettings set org.gnome.shell enabled-extensions "$updated" 2>/dev/null || true
    case "$(gsettings get org.gnome.shell enabled-extensions 2>/dev/null)" in
        *"'$uuid'"*) enabled_at_login=1 ;;
    esac
    if [[ "$(gsettings get org.gnome.shell disable-user-extensions 2>/dev/null)" == true ]]; then
        echo "Note: extensions you install are turned off in GNOME (Extensions app, or org.gnome.shell disable-user-extensions)."
    fi
fi
if [[ "$enable" == 1 ]] && command -v gnome-extensions >/dev/null 2>&1 \
    && gnome-extensions info "$uuid" >/dev/null 2>&1 && gnome-extensions enable "$uuid" >/dev/null 2>&1; then
    enabled_now=1
fi
if [[ "$enabled_now" == 1 ]]; then
    echo "Enabled $uuid in the running GNOME Shell."
elif [[ "$enabled_at_login" == 1 ]]; then
    echo "Added $uuid to your enabled extensions: GNOME Shell loads it when you next log in (a running session does not see a newly installed extension until then)."
elif [[ "$enable" == 1 ]]; then
    echo "Could not enable $uuid here (no GNOME Shell settings in this session); after logging in to GNOME run: gnome-extensions enable $uuid"
else
    echo "Not enabled (--no-enable); enable it with: gnome-extensions enable $uuid"
fi
case ":$PATH:" in
    *":$bin_dir:"*) ;;
    *) echo "Note: $bin_dir is not on your PATH; the extension finds the backend there anyway." ;;
esac
