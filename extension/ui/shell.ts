// The one door through which Shell-side modules (extension.ts, ui/) reach GNOME Shell and its libraries.
// Only this file imports `gi://` Shell libraries or `resource:///org/gnome/shell/…`; the build checks that no
// Shell-side module reaches Gtk, Gdk or Adw, which would crash the Shell.
export { default as Clutter } from 'gi://Clutter';
export { default as GObject } from 'gi://GObject';
export { default as Meta } from 'gi://Meta';
export { default as Pango } from 'gi://Pango';
export { default as Shell } from 'gi://Shell';
export { default as St } from 'gi://St';
export { Extension } from 'resource:///org/gnome/shell/extensions/extension.js';
export * as Main from 'resource:///org/gnome/shell/ui/main.js';
export * as PanelMenu from 'resource:///org/gnome/shell/ui/panelMenu.js';
export * as PopupMenu from 'resource:///org/gnome/shell/ui/popupMenu.js';
export { default as Gio } from 'gi://Gio';

/**
 * libsecret, when its typelib is installed (it is not a dependency of GNOME Shell): a dynamic import, because a
 * static one would fail the whole extension where it is missing.
 */
export async function loadSecret(): Promise<unknown> {
    try {
        return (await import('gi://Secret')).default as unknown;
    } catch {
        return null;
    }
}
