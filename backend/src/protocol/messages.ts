// The wire protocol between the GNOME Shell extension and the backend: JSON-RPC 2.0, one JSON object per
// line (requests on stdin; responses and notifications on stdout; logs on stderr).
//
// Both sides import this module. It must hold only types and plain constants (no Node or GJS imports), so
// that the extension's build erases it or inlines the constants without dragging in either runtime.

export * from './wallpaper.js';
export * from './config.js';
export * from './theme.js';
export * from './monitors.js';
export * from './selection.js';
export * from './online.js';
export * from './gallery.js';
export * from './onlineChoices.js';
export * from './methods.js';
export * from './rpc.js';
