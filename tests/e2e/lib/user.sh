# Prepare the test user's home inside the root: product install, wallpapers, settings. Sourced by run.sh.
# shellcheck shell=bash

# A fresh home each run: the root is reused between runs, the user's state must not be.
reset_home() {
    local home="$E2E_ROOT$E2E_HOME"
    safe_remove_tree "$home"
    mkdir -p "$home"
    cp -a "$E2E_ROOT/etc/skel/." "$home/"
    mkdir -p "$home/.local/bin" "$home/.local/share/gnome-shell/extensions" "$home/Pictures/Wallpapers" "$home/.config"
    # Suppresses the unsafe-mode/lock warning notification at first start.
    touch "$home/.local/share/gnome-shell/lock-warning-shown"
    chown -R $E2E_UID:$E2E_UID "$home"
}

# Run as the user: the settings go through the session bus to dconf-service, as in a real session.
user_gsettings() { in_root_as_user gsettings "$@"; }

# Settings every run needs, whichever extension is under test.
base_settings() {
    local uuid=$1
    # No UUID: nothing enabled yet (the user install enables the extension itself).
    user_gsettings set org.gnome.shell enabled-extensions "$([[ -n $uuid ]] && echo "['$uuid']" || echo '[]')"
    user_gsettings set org.gnome.shell disable-user-extensions false
    # The welcome tour dialog would cover the wallpaper on the first start.
    user_gsettings set org.gnome.shell welcome-dialog-last-shown-version '999'
    user_gsettings set org.gnome.desktop.interface enable-animations false
    # A virtual pointer's motion passes the top-left hot corner, which would open the overview under the tests.
    user_gsettings set org.gnome.desktop.interface enable-hot-corners false
    # Two fixed workspaces, so that GNOME's own workspace keys have somewhere to go (the shortcuts scenario).
    user_gsettings set org.gnome.mutter dynamic-workspaces false
    user_gsettings set org.gnome.desktop.wm.preferences num-workspaces 2
}

# The Debian package, as a user installs it: apt resolves its dependencies from what the image has (the package
# list in common.sh holds them, so nothing is downloaded) and GLib's trigger compiles its schema.
install_package() {
    local deb=$1 name out
    name=$(basename "$deb")
    cp "$deb" "$E2E_ROOT/tmp/$name"
    out=$(in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "/tmp/$name" 2>&1) \
        || { printf '%s\n' "$out" >&2; die "apt-get install $name failed in the $E2E_SUITE root"; }
    printf '%s\n' "$out" >"$ARTIFACTS_DIR/apt-install.log"
}

# The extension as a user gets it: from the packed zip, with the shell's own tool.
install_extension_zip() {
    local zip=$1 name
    name=$(basename "$zip")
    cp "$zip" "$E2E_ROOT/tmp/$name"
    chmod 644 "$E2E_ROOT/tmp/$name"
    in_root_as_user gnome-extensions install --force "/tmp/$name" \
        || die "gnome-extensions install $name failed"
}
