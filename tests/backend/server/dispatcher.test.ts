import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChameleonError } from '../../../backend/src/errors.js';
import { ErrorCode, type WallpaperJson } from '../../../backend/src/protocol/messages.js';
import { Dispatcher, type Handlers } from '../../../backend/src/server/dispatcher.js';

const wallpaper: WallpaperJson = {
    path: '/w/a.jpg',
    uri: 'file:///w/a.jpg',
    name: 'a.jpg',
    width: 1,
    height: 1,
    palette: null,
};

/** Smart Selection's methods, which these tests do not exercise (tests/selection does). */
const notHere = () => {
    throw new Error('not used in dispatcher tests');
};
const SELECTION_STUBS: Pick<
    Handlers,
    | 'image.favourite'
    | 'image.ban'
    | 'image.trash'
    | 'selection.pause'
    | 'selection.resume'
    | 'selection.explain'
    | 'collection.stats'
    | 'wallpaper.fastForward'
    | 'wallpaper.adopt'
    | 'index.analyse'
    | 'sources.list'
    | 'sources.refresh'
    | 'image.origin'
    | 'image.banUrl'
    | 'import.variety'
    | 'gallery.list'
    | 'gallery.thumbnails'
    | 'gallery.recent'
    | 'wallpaper.set'
> = {
    'image.favourite': notHere,
    'image.ban': notHere,
    'image.trash': notHere,
    'selection.pause': notHere,
    'selection.resume': notHere,
    'selection.explain': notHere,
    'collection.stats': notHere,
    'wallpaper.fastForward': notHere,
    'wallpaper.adopt': notHere,
    'index.analyse': notHere,
    'sources.list': notHere,
    'sources.refresh': notHere,
    'image.origin': notHere,
    'image.banUrl': notHere,
    'import.variety': notHere,
    'gallery.list': notHere,
    'gallery.thumbnails': notHere,
    'gallery.recent': notHere,
    'wallpaper.set': notHere,
};

function dispatcher(overrides: Partial<Handlers> = {}): Dispatcher {
    const handlers: Handlers = {
        initialize: () => ({ protocolVersion: 2, serverVersion: 'test', current: null, paused: false }),
        status: () => ({
            serverVersion: 'test',
            protocolVersion: 2,
            images: 0,
            skipped: 0,
            folders: [],
            current: null,
            queued: 0,
            palette: { extractor: 'builtin', wallustUnavailable: null, wallustVersion: null, lastFallback: null },
            theme: null,
            paused: false,
            timer: { everyMinutes: 0, nextAt: null },
        }),
        'wallpaper.next': () => wallpaper,
        'wallpaper.previous': () => {
            throw new ChameleonError(ErrorCode.NoHistory, 'no wallpaper has been shown yet');
        },
        'wallpaper.current': () => null,
        'history.list': () => [],
        'config.update': () => ({ ok: true }),
        'index.rescan': () => ({ added: 0, changed: 0, removed: 0, moved: 0, skipped: 0, total: 0, problems: [] }),
        ...SELECTION_STUBS,
        ...overrides,
    };
    return new Dispatcher(handlers);
}

describe('Dispatcher', () => {
    it('answers a request with its id and result', async () => {
        expect(await dispatcher().handleLine('{"jsonrpc":"2.0","id":7,"method":"wallpaper.next"}')).toEqual({
            jsonrpc: '2.0',
            id: 7,
            result: wallpaper,
        });
    });

    it.each([
        ['{not json', ErrorCode.ParseError, null],
        ['[1,2]', ErrorCode.InvalidRequest, null],
        ['{"jsonrpc":"1.0","id":1,"method":"status"}', ErrorCode.InvalidRequest, 1],
        ['{"jsonrpc":"2.0","id":2,"method":"fly"}', ErrorCode.MethodNotFound, 2],
        ['{"jsonrpc":"2.0","id":3,"method":"history.list","params":{"limit":"ten"}}', ErrorCode.InvalidParams, 3],
        ['{"jsonrpc":"2.0","id":4,"method":"config.update","params":{"folders":[""]}}', ErrorCode.InvalidParams, 4],
        ['{"jsonrpc":"2.0","id":5,"method":"wallpaper.previous"}', ErrorCode.NoHistory, 5],
        ['{"jsonrpc":"2.0","id":{"x":1},"method":"status"}', ErrorCode.InvalidRequest, null],
    ])('answers %s with error %i', async (line, code, id) => {
        const response = await dispatcher().handleLine(line);
        expect(response).toMatchObject({ jsonrpc: '2.0', id, error: { code } });
        expect((response as { error: { message: string } }).error.message.length).toBeGreaterThan(5);
    });

    it('turns an unexpected handler failure into an internal error instead of throwing', async () => {
        const d = dispatcher({
            status: () => {
                throw new TypeError('boom');
            },
        });
        expect(await d.handleLine('{"jsonrpc":"2.0","id":1,"method":"status"}')).toMatchObject({
            error: { code: ErrorCode.InternalError },
        });
    });

    it('runs notifications (no id) without answering them', async () => {
        let updated = false;
        const d = dispatcher({
            'config.update': () => {
                updated = true;
                return { ok: true };
            },
        });
        expect(await d.handleLine('{"jsonrpc":"2.0","method":"config.update","params":{"folders":["/x"]}}')).toBeNull();
        expect(updated).toBe(true);
    });

    it('never throws and always answers a request, whatever the line', async () => {
        const d = dispatcher();
        await fc.assert(
            fc.asyncProperty(
                fc.oneof(
                    fc.string(),
                    fc.json(),
                    fc
                        .record({
                            jsonrpc: fc.constantFrom('2.0', '1.0'),
                            id: fc.oneof(fc.integer(), fc.string()),
                            method: fc.string(),
                            params: fc.anything(),
                        })
                        .map((o) => JSON.stringify(o)),
                ),
                async (line) => {
                    const response = await d.handleLine(line);
                    if (line.trim() === '') expect(response).toBeNull();
                    else if (response) expect(response.jsonrpc).toBe('2.0');
                },
            ),
        );
    });
});
