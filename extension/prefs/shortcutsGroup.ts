// Keyboard shortcuts (`shortcut-*`, type as, bound by the Shell side with Main.wm.addKeybinding). Each row shows
// the combination as GTK writes it for people, and its edit button captures the next combination pressed.
import { gnomeBindings, gnomeUses, type GnomeBindings } from '../lib/gnomeShortcuts.js';
import type { KeysOf } from '../lib/settingsKeys.js';
import { follow, type Prefs } from './context.js';
import { Adw, Gdk, Gtk } from './gtk.js';
import { rowButton } from './rows.js';

export function shortcutsGroup(prefs: Prefs): Adw.PreferencesGroup {
    const { _ } = prefs;
    const group = new Adw.PreferencesGroup({
        title: _('Keyboard shortcuts'),
        description: _('They work anywhere in GNOME while Chameleon is on.'),
    });
    const shortcuts: [KeysOf<string[]>, string][] = [
        ['shortcut-next', _('Next wallpaper')],
        ['shortcut-previous', _('Previous wallpaper')],
        ['shortcut-favourite', _('Mark the wallpaper as a favourite')],
        ['shortcut-trash', _('Move the wallpaper to the trash')],
        ['shortcut-pause', _('Pause or resume changing')],
    ];
    // What GNOME binds now (the user may have changed its shortcuts too), read once per window.
    const gnome = gnomeBindings('current');
    for (const [key, title] of shortcuts) group.add(shortcutRow(prefs, gnome, key, title));
    return group;
}

/** How GTK shows an accelerator to people (e.g. "Super+Alt+→"), or null when it is not one. */
function acceleratorLabel(accelerator: string): string | null {
    const [ok, key, mods] = Gtk.accelerator_parse(accelerator);
    return ok && key !== 0 ? Gtk.accelerator_get_label(key, mods) : null;
}

/** "Also used by GNOME: Switch to workspace on the right" for the first GNOME binding of `accelerators`, or "". */
function conflictText(gnome: GnomeBindings, accelerators: string[], _: (text: string) => string): string {
    const taken = accelerators.flatMap((accelerator) => gnomeUses(gnome, accelerator));
    return taken.length > 0
        ? _('Also used by GNOME: %s').replace('%s', taken.map((binding) => binding.summary).join(', '))
        : '';
}

function shortcutRow(prefs: Prefs, gnome: GnomeBindings, key: KeysOf<string[]>, title: string): Adw.ActionRow {
    const { settings, _ } = prefs;
    const row = new Adw.ActionRow({ title });
    const label = new Gtk.Label({ valign: Gtk.Align.CENTER, css_classes: ['dim-label'] });
    const edit = rowButton('document-edit-symbolic', _('Change this shortcut'), () =>
        captureShortcut(prefs, gnome, row, key, title),
    );
    row.add_suffix(label);
    row.add_suffix(edit);
    row.activatable_widget = edit;
    follow(prefs, [key], () => {
        const labels = settings
            .get_strv(key)
            .map(acceleratorLabel)
            .filter((l): l is string => l !== null);
        label.label = labels.length > 0 ? labels.join(', ') : _('Disabled');
        // A combination GNOME also binds does only one of the two things: say which, where the user sees it.
        row.subtitle = conflictText(gnome, settings.get_strv(key), _);
    });
    return row;
}

// Keys that only modify others: pressed alone they start a combination, they do not end one.
const MODIFIER_KEYS = [
    Gdk.KEY_Shift_L,
    Gdk.KEY_Shift_R,
    Gdk.KEY_Control_L,
    Gdk.KEY_Control_R,
    Gdk.KEY_Alt_L,
    Gdk.KEY_Alt_R,
    Gdk.KEY_Super_L,
    Gdk.KEY_Super_R,
    Gdk.KEY_Meta_L,
    Gdk.KEY_Meta_R,
    Gdk.KEY_ISO_Level3_Shift,
];

/**
 * A small modal window that stores the next key combination pressed; Backspace clears, Escape cancels. A
 * combination GNOME already uses is named, and stored only when pressed a second time.
 */
function captureShortcut(
    { settings, _ }: Prefs,
    gnome: GnomeBindings,
    row: Gtk.Widget,
    key: string,
    title: string,
): void {
    const status = new Adw.StatusPage({
        icon_name: 'preferences-desktop-keyboard-shortcuts-symbolic',
        title,
        description: _(
            'Press the new combination, with at least one of Ctrl, Alt or Super. Backspace turns the ' +
                'shortcut off; Escape keeps it as it is.',
        ),
    });
    const view = new Adw.ToolbarView({ content: status });
    view.add_top_bar(new Adw.HeaderBar({ show_title: false }));
    const window = new Adw.Window({
        modal: true,
        transient_for: (row.get_root() as Gtk.Window | null) ?? undefined,
        default_width: 420,
        resizable: false,
        content: view,
    });

    let confirming: string | null = null;
    const keys = new Gtk.EventControllerKey();
    keys.connect('key-pressed', (_controller, keyval: number, keycode: number, state: Gdk.ModifierType) => {
        const mods = state & Gtk.accelerator_get_default_mod_mask() & ~Gdk.ModifierType.LOCK_MASK;
        if (mods === 0 && keyval === Gdk.KEY_Escape) {
            window.close();
        } else if (mods === 0 && keyval === Gdk.KEY_BackSpace) {
            settings.set_strv(key, []);
            window.close();
        } else if (MODIFIER_KEYS.includes(keyval)) {
            // Wait for the rest of the combination.
        } else if ((mods & ~Gdk.ModifierType.SHIFT_MASK) === 0 || !Gtk.accelerator_valid(keyval, mods)) {
            // A plain or shifted key would stop typing that key everywhere.
            status.description = _(
                'That cannot be a shortcut: hold Ctrl, Alt or Super too. Escape keeps the shortcut as it is.',
            );
        } else {
            const accelerator = Gtk.accelerator_name_with_keycode(null, keyval, keycode, mods);
            const conflict = conflictText(gnome, [accelerator], _);
            if (conflict && confirming !== accelerator) {
                confirming = accelerator;
                status.description =
                    `${conflict}. ` +
                    `${_('Press it again to use it for Chameleon anyway, or press another combination.')}`;
                return Gdk.EVENT_STOP;
            }
            settings.set_strv(key, [accelerator]);
            window.close();
        }
        return Gdk.EVENT_STOP;
    });
    window.add_controller(keys);
    window.present();
}
