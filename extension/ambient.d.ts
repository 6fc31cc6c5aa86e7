// Type-only: brings the GJS globals (console, TextDecoder, setTimeout…), the `gi://` modules and GNOME Shell's
// `resource:///` modules into scope for `tsc -p extension/tsconfig.json`. Never built or shipped.
import '@girs/gjs';
import '@girs/gjs/dom';
import '@girs/gjs/ambient';
import '@girs/gio-2.0/ambient';
import '@girs/glib-2.0/ambient';
import '@girs/gobject-2.0/ambient';
import '@girs/st-16/ambient';
import '@girs/clutter-16/ambient';
// libadwaita's types are built against their own copy of GTK's; use that copy so Adw and Gtk widgets agree.
import '../node_modules/@girs/adw-1/node_modules/@girs/gtk-4.0/gtk-4.0-ambient.js';
import '@girs/adw-1/ambient';
import '@girs/gnome-shell/ambient';
import '@girs/gnome-shell/extensions/global';
