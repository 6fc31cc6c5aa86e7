// The one door through which the preferences (prefs.ts, prefs/) reach GTK, libadwaita and the Shell's
// preferences API. The build checks that nothing here reaches St, Clutter, Meta, Shell or the Shell's UI
// modules, which do not exist in the preferences process.
export { default as Adw } from 'gi://Adw';
export { default as Gdk } from 'gi://Gdk';
export { default as GObject } from 'gi://GObject';
export { default as Gtk } from 'gi://Gtk';
export { ExtensionPreferences } from 'resource:///org/gnome/Shell/Extensions/js/extensions/prefs.js';

/**
 * libsecret, when its typelib is installed: a dynamic import, so that the preferences still open without it
 * (and then offer to keep API keys in the settings instead).
 */
export async function loadSecret(): Promise<unknown> {
    try {
        return (await import('gi://Secret')).default as unknown;
    } catch {
        return null;
    }
}
