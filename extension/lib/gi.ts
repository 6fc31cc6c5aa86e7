// The one door through which shared logic (backend client, accent sync, timers) reaches GNOME libraries.
// It re-exports only Gio, GLib and GObject, so every module under lib/ runs in the Shell, in the preferences
// process and under plain `gjs` in tests. The build fails if a lib/ module imports `gi://` any other way.
export { default as Gio } from 'gi://Gio';
export { default as GLib } from 'gi://GLib';
export { default as GObject } from 'gi://GObject';
