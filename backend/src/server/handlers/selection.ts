// Handlers of the selection methods (protocol/selection.ts, protocol/methods.ts): favourite, ban, trash, pause,
// "why this one?" and the collection's statistics.
import type { Handlers } from '../dispatcher.js';
import type { HandlerContext } from './context.js';

type SelectionMethods =
    | 'image.favourite'
    | 'image.ban'
    | 'image.trash'
    | 'selection.pause'
    | 'selection.resume'
    | 'selection.explain'
    | 'collection.stats';

export function selectionHandlers(app: HandlerContext): Pick<Handlers, SelectionMethods> {
    return {
        'image.favourite': (params) => app.selection.favourite(params?.path, params?.value ?? true),
        'image.ban': async (params) => {
            const state = await app.selection.ban(params?.path, params?.value ?? true);
            // Banning a download bans its URL as well, so no refresh brings it back.
            const url = app.online.urlOf(state.path);
            if (url) app.online.banUrl(url, state.banned);
            return state;
        },
        'image.trash': (params) => app.selection.trash(params?.path),
        'selection.pause': () => app.selection.setPaused(true),
        'selection.resume': () => app.selection.setPaused(false),
        'selection.explain': (params) => app.selection.explain(params?.path),
        'collection.stats': () => app.selection.stats(),
    };
}
