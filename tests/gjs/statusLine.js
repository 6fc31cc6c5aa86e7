// Cases for the BUILT status line (dist/extension/lib/statusLine.js) under gjs, one behaviour each.
// Run by tests/extension/lib/statusLine.test.ts.
import { BackendError, SPAWN_FAILED } from '../../dist/extension/lib/backendClient.js';
import { ErrorCode } from '../../dist/extension/lib/protocol.js';
import { StatusLine } from '../../dist/extension/lib/statusLine.js';
import { cases, check } from './harness.js';

const same = (text) => text;
const expectText = (line, expected, accentPaused = false) => {
    const text = line.text(accentPaused);
    check(text === expected, `status line ${JSON.stringify(text)}, expected ${JSON.stringify(expected)}`);
};
const download = (fields) => ({
    sourceId: 'wh',
    url: 'https://example.org/a.jpg',
    state: 'progress',
    received: 0,
    total: null,
    queued: 0,
    ...fields,
});

cases({
    'silent-when-all-is-well': () => {
        const line = new StatusLine(same);
        line.backendState('ready');
        expectText(line, null);
    },
    starting: () => {
        const line = new StatusLine(same);
        line.backendState('starting');
        expectText(line, 'Starting the backend…');
    },
    'restarting-until-ready': () => {
        const line = new StatusLine(same);
        line.backendState('restarting', 'backend exited (signal 9); restarting');
        line.backendState('starting');
        expectText(line, 'Backend restarting…');
        line.backendState('ready');
        expectText(line, null);
    },
    'missing-backend-points-to-preferences': () => {
        const line = new StatusLine(same);
        line.backendState('restarting', `${SPAWN_FAILED}: No such file or directory`);
        expectText(line, 'Backend not found — open Preferences to see how to install it');
    },
    'stopped-says-why': () => {
        const line = new StatusLine(same);
        line.backendState('stopped', 'the backend keeps crashing');
        expectText(line, 'the backend keeps crashing');
    },
    'a-problem-is-news-once': () => {
        const line = new StatusLine(same);
        check(line.backendState('restarting', 'crashed') === true, 'the first report of a problem is not news');
        check(line.backendState('restarting', 'crashed') === false, 'the same problem again is news');
        check(line.backendState('restarting', 'crashed differently') === true, 'another problem is not news');
    },
    'no-images-advice': () => {
        const line = new StatusLine(same);
        line.requestProblem(new BackendError('no usable images in /x', ErrorCode.NoImages));
        expectText(line, 'No images in your wallpaper folders — add a folder in Preferences');
        check(line.problemCode === ErrorCode.NoImages, `problem code ${line.problemCode}`);
    },
    'unreadable-folder-named': () => {
        const line = new StatusLine(same);
        line.requestProblem(new BackendError('/srv/walls: permission denied', ErrorCode.FolderUnavailable));
        expectText(line, 'A wallpaper folder cannot be read: /srv/walls: permission denied');
    },
    'other-errors-as-they-are': () => {
        const line = new StatusLine(same);
        line.requestProblem(new Error('the backend did not answer within 20 s'));
        expectText(line, 'the backend did not answer within 20 s');
        check(line.problemCode === null, `problem code ${line.problemCode}`);
    },
    'success-clears-the-problem': () => {
        const line = new StatusLine(same);
        line.requestProblem(new BackendError('no earlier', ErrorCode.NoHistory));
        line.requestProblem(null);
        expectText(line, null);
    },
    'backend-state-before-request-problem': () => {
        const line = new StatusLine(same);
        line.requestProblem(new BackendError('no earlier', ErrorCode.NoHistory));
        line.backendState('restarting', 'crashed');
        expectText(line, 'Backend restarting…');
    },
    'indexing-progress-then-gone': () => {
        const line = new StatusLine(same);
        line.indexProgress({ phase: 'scan', done: 3, total: 10 });
        expectText(line, 'Indexing 3 / 10');
        line.indexProgress({ phase: 'scan', done: 10, total: 10 });
        expectText(line, null);
    },
    'download-percent-and-queue': () => {
        const line = new StatusLine(same);
        line.downloadProgress(download({ received: 45, total: 100, queued: 2 }));
        expectText(line, 'Downloading a picture: 45 % (2 waiting)');
    },
    'download-size-without-total': () => {
        const line = new StatusLine(same);
        line.downloadProgress(download({ received: 1_572_864 }));
        expectText(line, 'Downloading a picture: 1.5 MB');
    },
    'download-gone-when-queue-done': () => {
        const line = new StatusLine(same);
        line.downloadProgress(download({ received: 10, total: 100, queued: 1 }));
        line.downloadProgress(download({ state: 'done', received: 100, total: 100, queued: 1 }));
        check(line.text(false) !== null, 'the line went while a download still waited');
        line.downloadProgress(download({ state: 'failed', received: 0, queued: 0 }));
        expectText(line, null);
    },
    'indexing-before-downloads': () => {
        const line = new StatusLine(same);
        line.downloadProgress(download({ received: 45, total: 100 }));
        line.indexProgress({ phase: 'palettes', done: 1, total: 4 });
        expectText(line, 'Indexing 1 / 4');
    },
    'paused-accent-sync-last': () => {
        const line = new StatusLine(same);
        expectText(line, 'Accent chosen by hand — sync paused', true);
        line.indexProgress({ phase: 'scan', done: 1, total: 2 });
        expectText(line, 'Indexing 1 / 2', true);
    },
    'ready-forgets-what-was-going-on': () => {
        const line = new StatusLine(same);
        line.indexProgress({ phase: 'scan', done: 1, total: 2 });
        line.downloadProgress(download({ received: 1, total: 2 }));
        line.requestProblem(new Error('backend exited'));
        line.backendState('ready');
        expectText(line, null);
    },
    'words-go-through-gettext': () => {
        const line = new StatusLine((text) => (text === 'Indexing' ? 'Indizierung' : text));
        line.indexProgress({ phase: 'scan', done: 2, total: 5 });
        expectText(line, 'Indizierung 2 / 5');
    },
});
