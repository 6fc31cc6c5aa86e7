// The backend's status (`chameleon status --json`) for the Theme page: read once when the page opens and again
// with its refresh button, then handed to each part that shows some of it (accent preview, template rows, last
// run). One run serves them all, so they never disagree about which run they describe.
import { Gio } from '../lib/gi.js';
import type { StatusJson } from '../lib/protocol.js';
import { commandArgv, runJsonCommand } from './backendCommands.js';
import type { Prefs } from './context.js';

export type StatusState = { loading: true } | { status: StatusJson } | { missing: string } | { error: string };

export interface StatusFeed {
    /** The latest state; listeners also get it once when they subscribe. */
    readonly state: StatusState;
    /** Calls `listener` now and after each refresh, until the window closes. */
    subscribe(listener: (state: StatusState) => void): void;
    /** Runs the status command again; an earlier run still under way is cancelled. */
    refresh(): void;
}

export function statusFeed({ settings, cleanup, _ }: Prefs): StatusFeed {
    const listeners: ((state: StatusState) => void)[] = [];
    let state: StatusState = { loading: true };
    let cancellable: Gio.Cancellable | null = null;
    cleanup.defer(() => cancellable?.cancel());
    const publish = (next: StatusState): void => {
        state = next;
        for (const listener of listeners) listener(state);
    };
    return {
        get state() {
            return state;
        },
        subscribe(listener) {
            listeners.push(listener);
            listener(state);
        },
        refresh() {
            cancellable?.cancel();
            const own = (cancellable = new Gio.Cancellable());
            const argv = commandArgv(settings.get_strv('backend-command'), ['status', '--json']);
            if (!argv) {
                publish({
                    error: _(
                        'The backend command setting has no “serve” in it, so the status command cannot be ' +
                            'worked out from it.',
                    ),
                });
                return;
            }
            publish({ loading: true });
            void runJsonCommand<StatusJson>(argv, own).then((result) => {
                if (!own.is_cancelled()) publish('value' in result ? { status: result.value } : result);
            });
        },
    };
}
