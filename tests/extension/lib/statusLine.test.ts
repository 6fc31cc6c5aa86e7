// The menu's status line (extension/lib/statusLine.ts), built, under real gjs: one test per behaviour
// (tests/gjs/statusLine.js).
import { afterAll } from 'vitest';
import { makeSandbox } from '../../helpers/sandbox.js';
import { gjsCases } from '../../helpers/gjs.js';

const sandbox = makeSandbox();
afterAll(() => sandbox.cleanup());

gjsCases(
    'the status line',
    'statusLine.js',
    {
        'silent-when-all-is-well': 'says nothing while all is well',
        starting: 'says the backend is starting',
        'restarting-until-ready': 'keeps saying "restarting" through the next start until the backend is ready',
        'missing-backend-points-to-preferences': 'points to Preferences when the backend cannot be started',
        'stopped-says-why': 'says why the backend stopped',
        'a-problem-is-news-once': 'reports a backend problem as news once, and a different one again',
        'no-images-advice': 'advises adding a folder when there are no images',
        'unreadable-folder-named': 'names the folder that cannot be read',
        'other-errors-as-they-are': 'shows other errors as the backend words them',
        'success-clears-the-problem': 'clears the problem when the next request succeeds',
        'backend-state-before-request-problem': 'puts the backend state before a failed request',
        'indexing-progress-then-gone': 'shows indexing progress and drops it when done',
        'download-percent-and-queue': 'shows a download in percent with the number waiting',
        'download-size-without-total': 'shows the size so far when the server gives no total',
        'download-gone-when-queue-done': 'drops the download line once nothing waits',
        'indexing-before-downloads': 'puts indexing before downloads',
        'paused-accent-sync-last': 'mentions paused accent sync only when nothing else is to say',
        'ready-forgets-what-was-going-on': 'forgets progress and problems when the backend is ready again',
        'words-go-through-gettext': 'translates its words with the gettext it is given',
    },
    () => sandbox.env,
);
