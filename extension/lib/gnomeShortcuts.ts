// The key combinations GNOME itself binds, so that ours never take one of them: the window manager's, the
// Shell's, mutter's and the settings daemon's media keys.
import { Gio } from './gi.js';

export const GNOME_KEYBINDING_SCHEMAS = [
    'org.gnome.desktop.wm.keybindings',
    'org.gnome.shell.keybindings',
    'org.gnome.mutter.keybindings',
    'org.gnome.mutter.wayland.keybindings',
    'org.gnome.settings-daemon.plugins.media-keys',
] as const;

const MODIFIER_ALIASES: Record<string, string> = {
    ctrl: 'control',
    primary: 'control',
    mod1: 'alt',
    mod4: 'super',
    meta: 'super',
};

/**
 * One spelling per combination: "<Super><Alt>Left", "<Alt><Super>left" and "<Mod4><Mod1>Left" are the same keys.
 * Modifiers are sorted and lower-cased, and so is the key (GTK and mutter write letters in either case).
 */
export function normalizeAccelerator(accelerator: string): string {
    const modifiers = new Set<string>();
    let rest = accelerator.trim();
    for (let match = /^<([^>]+)>/.exec(rest); match; match = /^<([^>]+)>/.exec(rest)) {
        const name = match[1]!.toLowerCase();
        modifiers.add(MODIFIER_ALIASES[name] ?? name);
        rest = rest.slice(match[0].length);
    }
    return [...[...modifiers].sort(), rest.toLowerCase()].join('+');
}

/** A GNOME binding: "schema key" (e.g. "org.gnome.desktop.wm.keybindings switch-to-workspace-left") and its summary. */
export interface GnomeBinding {
    id: string;
    summary: string;
}

/** GNOME's bindings by normalized combination. */
export type GnomeBindings = Map<string, GnomeBinding[]>;

/**
 * GNOME's bindings from the installed schemas: their defaults (`which: 'default'`, what GNOME ships) or what the
 * user has now (`which: 'current'`). Schemas this GNOME does not have are skipped.
 */
export function gnomeBindings(
    which: 'default' | 'current',
    source = Gio.SettingsSchemaSource.get_default(),
): GnomeBindings {
    const bindings: GnomeBindings = new Map();
    for (const id of GNOME_KEYBINDING_SCHEMAS) {
        const schema = source?.lookup(id, true);
        if (!schema) continue;
        const settings = which === 'current' ? new Gio.Settings({ settings_schema: schema }) : null;
        for (const key of schema.list_keys()) {
            const schemaKey = schema.get_key(key);
            const type = schemaKey.get_value_type().dup_string();
            if (type !== 'as' && type !== 's') continue;
            const value = settings ? settings.get_value(key) : schemaKey.get_default_value();
            const binding = { id: `${id} ${key}`, summary: schemaKey.get_summary() ?? key };
            const accelerators = type === 'as' ? (value.deepUnpack() as string[]) : [value.deepUnpack() as string];
            for (const accelerator of accelerators) {
                if (!accelerator) continue;
                const normal = normalizeAccelerator(accelerator);
                bindings.set(normal, [...(bindings.get(normal) ?? []), binding]);
            }
        }
    }
    return bindings;
}

/** What in GNOME already uses `accelerator`, or an empty list. */
export function gnomeUses(bindings: GnomeBindings, accelerator: string): GnomeBinding[] {
    return bindings.get(normalizeAccelerator(accelerator)) ?? [];
}
