// Keyboard shortcuts: one `as` key of the extension's schema per action, bound with the window manager while the
// extension is enabled and unbound by the cleanup stack.
import type { Gio } from '../lib/gi.js';
import type { CleanupStack } from '../lib/cleanup.js';
import { Main, Meta, Shell } from './shell.js';

/** Schema key → what the shortcut does. */
export type ShortcutActions = Record<string, () => void>;

/**
 * Binds every shortcut whose key the installed schema has (an older schema may lack some), in the normal
 * session and in the overview. Returns the keys it bound.
 */
export function bindShortcuts(settings: Gio.Settings, actions: ShortcutActions, cleanup: CleanupStack): string[] {
    const bound: string[] = [];
    for (const [key, action] of Object.entries(actions)) {
        if (!settings.settings_schema.has_key(key)) continue;
        const id = Main.wm.addKeybinding(
            key,
            settings,
            Meta.KeyBindingFlags.NONE,
            Shell.ActionMode.NORMAL | Shell.ActionMode.OVERVIEW,
            () => action(),
        );
        if (id === Meta.KeyBindingAction.NONE) continue;
        cleanup.defer(() => Main.wm.removeKeybinding(key));
        bound.push(key);
    }
    return bound;
}
