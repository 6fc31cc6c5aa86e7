# Infrastructure smoke test: a throwaway extension that adds a panel button, no product needed.
# shellcheck shell=bash

SMOKE_UUID=e2e-smoke@chameleon.dev

install_smoke_extension() {
    local dir="$E2E_ROOT$E2E_HOME/.local/share/gnome-shell/extensions/$SMOKE_UUID"
    mkdir -p "$dir"
    cat >"$dir/metadata.json" <<JSON
{ "uuid": "$SMOKE_UUID", "name": "E2E smoke", "description": "Harness self-test", "shell-version": ["48", "49", "50", "51"] }
JSON
    cat >"$dir/extension.js" <<'JS'
import St from 'gi://St';
import * as Main from 'resource:///org/gnome/shell/ui/main.js';
import * as PanelMenu from 'resource:///org/gnome/shell/ui/panelMenu.js';
import {Extension} from 'resource:///org/gnome/shell/extensions/extension.js';

export default class SmokeExtension extends Extension {
    enable() {
        this._button = new PanelMenu.Button(0.0, 'e2e-smoke');
        this._button.add_child(new St.Label({text: 'E2E'}));
        Main.panel.addToStatusArea('e2e-smoke', this._button);
    }

    disable() {
        this._button?.destroy();
        this._button = null;
    }
}
JS
    cat >"$dir/prefs.js" <<'JS'
import Adw from 'gi://Adw';
import {ExtensionPreferences} from 'resource:///org/gnome/Shell/Extensions/js/extensions/prefs.js';

export default class SmokePreferences extends ExtensionPreferences {
    fillPreferencesWindow(window) {
        const page = new Adw.PreferencesPage({title: 'E2E smoke'});
        page.add(new Adw.PreferencesGroup({title: 'Harness self-test'}));
        window.add(page);
    }
}
JS
    chown -R $E2E_UID:$E2E_UID "$dir"
}

run_smoke_checks() {
    local out
    out=$(shell_eval "Main.panel.statusArea['e2e-smoke'] ? 'present' : 'absent'")
    log "smoke: panel button: $out"
    [[ $out == '[true,"\"present\""]' ]] || die "smoke: panel button missing: $out"
    out=$(gjs -m "$E2E_DIR/helpers/dbus-call.js" "unix:path=$E2E_ROOT$E2E_RUNTIME/bus" org.gnome.Shell /org/gnome/Shell \
        org.gnome.Shell.Extensions GetExtensionInfo '(s)' "[\"$SMOKE_UUID\"]")
    log "smoke: extension state: $(node -e 'const [i]=JSON.parse(process.argv[1]); console.log(i.state, i.error ?? "")' "$out")"
    out=$(gjs -m "$E2E_DIR/helpers/dbus-call.js" "unix:path=$E2E_ROOT$E2E_RUNTIME/bus" org.gnome.Shell /org/gnome/Shell/Screenshot \
        org.gnome.Shell.Screenshot Screenshot '(bbs)' '[false, false, "/tmp/e2e-smoke.png"]')
    cp "$E2E_ROOT/tmp/e2e-smoke.png" "$ARTIFACTS_DIR/smoke.png"
    log "smoke: screenshot $out -> $ARTIFACTS_DIR/smoke.png"
}
