// Chameleon's GNOME Shell entry point: wires settings, the controller (backend, timer, accent sync) and the
// panel button. Everything enable() acquires registers its undo on one stack, and disable() runs it.
import { ApiKeyring, type SecretLib } from './lib/apiKeys.js';
import { CleanupStack } from './lib/cleanup.js';
import { Controller, type ApiKeyLookup } from './lib/controller.js';
import { Indicator } from './ui/indicator.js';
import { shellMonitors } from './ui/monitors.js';
import { Extension, loadSecret, Main } from './ui/shell.js';
import { bindShortcuts } from './ui/shortcuts.js';

export default class ChameleonExtension extends Extension {
    private _cleanup: CleanupStack | null = null;

    override enable(): void {
        const cleanup = new CleanupStack();
        this._cleanup = cleanup;
        const settings = this.getSettings();
        const gettext = (text: string): string => this.gettext(text);

        // The controller is created first so the button can ask it for the backend's pid; it starts later.
        let controller: Controller | null = null;
        const indicator = new Indicator({
            next: () => void controller?.next(),
            previous: () => void controller?.previous(),
            openPreferences: () => this.openPreferences(),
            resumeAccentSync: () => controller?.resumeAccentSync(),
            toggleFavourite: (path) => void controller?.toggleFavourite(path),
            trash: (path) => void controller?.trash(path),
            togglePause: () => void controller?.togglePause(),
            banUrl: () => void controller?.banUrl(),
            setPicture: (path) => void controller?.setPicture(path),
            menuOpenChanged: (open) => controller?.menuOpenChanged(open),
            backendPid: () => controller?.backendPid ?? null,
            gettext,
        });
        Main.panel.addToStatusArea('chameleon', indicator);
        cleanup.defer(() => indicator.destroy());

        // With "unlock-dialog" in session-modes the extension stays enabled on the lock screen, so the timer and
        // accent keep following the wallpaper; the button itself has no business there.
        const updateVisibility = (): void => {
            indicator.visible = !Main.sessionMode.isLocked;
        };
        cleanup.connect(Main.sessionMode, 'updated', updateVisibility);
        updateVisibility();

        controller = new Controller({
            settings,
            view: indicator,
            gettext,
            monitors: shellMonitors,
            apiKeys: keyringLookup(),
        });
        controller.start(cleanup);

        // After start(): the cleanup stack unbinds the shortcuts before it stops the controller.
        const active = controller;
        bindShortcuts(
            settings,
            {
                'shortcut-next': () => void active.next(),
                'shortcut-previous': () => void active.previous(),
                'shortcut-favourite': () => void active.toggleFavourite(),
                'shortcut-trash': () => void active.trash(),
                'shortcut-pause': () => void active.togglePause(),
            },
            cleanup,
        );
    }

    override disable(): void {
        this._cleanup?.run();
        this._cleanup = null;
    }
}

/**
 * API keys from the user's keyring. libsecret is loaded on first use, asynchronously; without it there are no
 * keyring keys (the preferences then offer to keep keys in the settings, which reach the backend as settings).
 */
function keyringLookup(): ApiKeyLookup {
    let keyring: Promise<ApiKeyring | null> | null = null;
    return async (ids, cancellable) => {
        if (ids.length === 0) return {};
        keyring ??= loadSecret().then((secret) => (secret ? new ApiKeyring(secret as SecretLib) : null));
        const found = await keyring;
        return found ? found.lookupAll(ids, cancellable, (message) => console.debug(`Chameleon: ${message}`)) : {};
    };
}
