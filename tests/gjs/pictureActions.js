// Cases for the BUILT menu actions on the pictures shown (dist/extension/lib/pictureActions.js) and "Where is it
// from?" (pictureOrigin.js) under gjs, with the extension's backend client talking to the REAL backend.
// Run by tests/extension/lib/pictureActions.test.ts.
import GLib from 'gi://GLib';
import { BackendClient } from '../../dist/extension/lib/backendClient.js';
import { PictureOrigin } from '../../dist/extension/lib/pictureOrigin.js';
import { PictureActions } from '../../dist/extension/lib/pictureActions.js';
import { cases, check, env, waitFor, within } from './harness.js';

const client = new BackendClient({
    argv: ['node', env('CHAMELEON_CLI'), 'serve', '--stdio', '--data-dir', env('CHAMELEON_DATA')],
    config: () => ({ folders: [env('CHAMELEON_FOLDER')] }),
    onState: () => {},
    requestTimeoutMs: 20_000,
    log: (line) => printerr(`[client] ${line}`),
});

/** The controller's side, as the actions see it, recording what they asked of it. */
function makeHost(current) {
    const host = {
        current,
        isActive: true,
        connected: true,
        problems: [],
        logs: [],
        nexts: 0,
        client: () => (host.connected ? client : null),
        displayed: () => host.current,
        active: () => host.isActive,
        next: async () => {
            host.nexts++;
            host.current = await client.request('wallpaper.next', {});
        },
        setRequestProblem: (error) => host.problems.push(error),
        log: (message) => host.logs.push(message),
    };
    return host;
}

/** The menu, recording what it was told. */
function makeView() {
    const view = { favourites: [], paused: [], origins: [] };
    view.showFavourite = (favourite, path) => view.favourites.push([favourite, path]);
    view.showSelectionPaused = (paused) => view.paused.push(paused);
    view.showOrigin = (origin) => view.origins.push(origin);
    return view;
}

const next = () => within(client.request('wallpaper.next', {}), 20_000, 'wallpaper.next');
const isFavourite = async (path) =>
    (await client.request('selection.explain', { path })).factors.find((f) => f.name === 'favourite').detail !==
    'not a favourite';

client.start();

cases({
    'favourite-from-the-wallpaper': async () => {
        const wallpaper = await next();
        const view = makeView();
        const actions = new PictureActions(makeHost(wallpaper), view);
        actions.pictureShown({ ...wallpaper, favourite: false });
        check(actions.favourite === false, `favourite ${actions.favourite}`);
        check(
            JSON.stringify(view.favourites.at(-1)) === JSON.stringify([false, wallpaper.path]),
            `view ${JSON.stringify(view.favourites)}`,
        );
    },
    'favourite-asked-when-not-told': async () => {
        const wallpaper = await next();
        await client.request('image.favourite', { path: wallpaper.path, value: true });
        const view = makeView();
        const actions = new PictureActions(makeHost(wallpaper), view);
        const { favourite: _untold, ...without } = wallpaper;
        actions.pictureShown(without);
        check(actions.favourite === null, 'known before the backend was asked');
        await waitFor(() => actions.favourite === true, 10_000, 'the favourite state from selection.explain');
        await client.request('image.favourite', { path: wallpaper.path, value: false });
    },
    'toggle-favourite-marks-in-the-backend': async () => {
        const wallpaper = await next();
        const view = makeView();
        const host = makeHost(wallpaper);
        const actions = new PictureActions(host, view);
        actions.pictureShown({ ...wallpaper, favourite: false });
        await actions.toggleFavourite();
        check(actions.favourite === true && view.favourites.at(-1)[0] === true, `after toggling: ${actions.favourite}`);
        check(await isFavourite(wallpaper.path), 'the backend does not have it as a favourite');
        await actions.toggleFavourite();
        check(actions.favourite === false && !(await isFavourite(wallpaper.path)), 'toggling again did not unmark it');
        check(
            host.problems.every((p) => p === null),
            `problems: ${host.problems}`,
        );
    },
    'failed-favourite-keeps-the-old-state-and-says-why': async () => {
        const wallpaper = await next();
        const gone = { ...wallpaper, path: `${wallpaper.path}.missing.png`, favourite: false };
        const view = makeView();
        const host = makeHost(gone);
        const actions = new PictureActions(host, view);
        actions.pictureShown(gone);
        await actions.toggleFavourite();
        check(actions.favourite === false, `favourite after a refused toggle: ${actions.favourite}`);
        check(
            host.problems.at(-1) instanceof Error && /not an image/.test(host.problems.at(-1).message),
            `problem: ${host.problems.at(-1)}`,
        );
    },
    'trash-moves-the-file-and-shows-another': async () => {
        const wallpaper = await next();
        const host = makeHost(wallpaper);
        const before = (await client.request('history.list', { limit: 500 })).length;
        const actions = new PictureActions(host, makeView());
        await actions.trash();
        check(!GLib.file_test(wallpaper.path, GLib.FileTest.EXISTS), `${wallpaper.path} still exists`);
        // The backend moved on by itself (the menu learns it from wallpaper.changed): once, not again from here.
        const current = await client.request('wallpaper.current');
        check(current && current.path !== wallpaper.path, `still showing ${current?.path}`);
        const changes = (await client.request('history.list', { limit: 500 })).length - before;
        check(changes === 1 && host.nexts === 0, `moved on ${changes} times, ${host.nexts} asked from the menu`);
    },
    'pause-then-resume': async () => {
        const view = makeView();
        const actions = new PictureActions(makeHost(null), view);
        await actions.togglePause();
        check(actions.paused && view.paused.at(-1) === true, 'not paused');
        check((await client.request('status')).paused === true, 'the backend is not paused');
        await actions.togglePause();
        check(!actions.paused && view.paused.at(-1) === false, 'not resumed');
    },
    'explain-needs-a-picture': async () => {
        const actions = new PictureActions(makeHost(null), makeView());
        let error = null;
        await actions.explain().catch((e) => (error = e));
        check(error && /no wallpaper is shown/.test(error.message), `explain without a picture: ${error}`);
    },
    'nothing-asked-without-a-backend': async () => {
        const wallpaper = await next();
        const host = makeHost(wallpaper);
        host.connected = false;
        const view = makeView();
        const actions = new PictureActions(host, view);
        await actions.toggleFavourite();
        await actions.togglePause();
        check(
            view.favourites.length === 0 && view.paused.length === 0 && host.problems.length === 0,
            'acted without a backend',
        );
    },
    'a-closed-menu-is-not-touched': async () => {
        const host = makeHost(null);
        host.isActive = false;
        const view = makeView();
        const actions = new PictureActions(host, view);
        actions.setPaused(true);
        check(actions.paused && view.paused.length === 0, 'the view was told after cleanup');
    },
    'origin-none-for-own-pictures': async () => {
        const wallpaper = await next();
        const view = makeView();
        const host = makeHost(wallpaper);
        const origin = new PictureOrigin(host, view);
        origin.pictureShown(wallpaper);
        await within(client.request('status'), 20_000, 'a round trip after image.origin');
        check(
            origin.origin === null && view.origins.every((o) => o === null),
            `origin ${JSON.stringify(origin.origin)}`,
        );
        check(host.logs.length === 0, `logged: ${host.logs}`);
    },
    'origin-shown-from-the-wallpaper-without-asking': async () => {
        const wallpaper = await next();
        let asked = 0;
        const counting = { request: (method, params) => (asked++, client.request(method, params)) };
        const host = makeHost(wallpaper);
        host.client = () => counting;
        const view = makeView();
        const origin = new PictureOrigin(host, view);
        const from = {
            path: wallpaper.path,
            online: true,
            sourceId: 'feed',
            kind: 'rss',
            url: 'https://example.org/a.jpg',
            title: 'A',
            author: null,
            authorUrl: null,
            originPage: null,
            licence: null,
            downloadedAt: null,
            bannedUrl: false,
        };
        origin.pictureShown({ ...wallpaper, origin: from });
        origin.pictureShown({ ...wallpaper, origin: { ...from } });
        check(JSON.stringify(origin.origin) === JSON.stringify(from), `origin ${JSON.stringify(origin.origin)}`);
        check(view.origins.length === 1 && asked === 0, `shown ${view.origins.length} times, ${asked} requests`);
    },
    'ban-url-needs-an-online-picture': async () => {
        const wallpaper = await next();
        const host = makeHost(wallpaper);
        const origin = new PictureOrigin(host, makeView());
        await origin.banUrl();
        check(host.problems.length === 0 && host.nexts === 0, 'banned or moved on without an origin');
    },
    stop: async () => {
        await client.stop();
        check(client.state === 'stopped', `state ${client.state}`);
    },
});
