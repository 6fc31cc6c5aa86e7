// The menu's actions on the pictures shown (extension/lib/pictureActions.ts) and "Where is it from?"
// (pictureOrigin.ts), built, under real gjs, through the extension's backend client to the real backend: one test
// per behaviour (tests/gjs/pictureActions.js).
import { afterAll } from 'vitest';
import { CLI, makeSandbox } from '../../helpers/sandbox.js';
import { gjsCases, writeImages } from '../../helpers/gjs.js';

const sandbox = makeSandbox();
const folder = sandbox.folder('pictures');
afterAll(() => sandbox.cleanup());

gjsCases(
    "the menu's picture actions",
    'pictureActions.js',
    {
        'favourite-from-the-wallpaper': 'shows the favourite state the wallpaper comes with',
        'favourite-asked-when-not-told': 'asks the backend whether a picture is a favourite when not told',
        'toggle-favourite-marks-in-the-backend': 'marks and unmarks a favourite in the backend',
        'failed-favourite-keeps-the-old-state-and-says-why':
            'keeps the old favourite state when the backend refuses, and says why',
        'trash-moves-the-file-and-shows-another':
            'moves a trashed picture to the trash; the backend shows another, once',
        'pause-then-resume': 'pauses and resumes timed changes in the backend',
        'explain-needs-a-picture': 'refuses to explain when no picture is shown',
        'nothing-asked-without-a-backend': 'does nothing without a backend',
        'a-closed-menu-is-not-touched': 'leaves the menu alone after cleanup',
        'origin-none-for-own-pictures': "shows no origin for a picture of the user's own folders",
        'origin-shown-from-the-wallpaper-without-asking':
            'shows where a picture is from as the backend announced it, asking nothing',
        'ban-url-needs-an-online-picture': 'bans nothing for a picture without an online origin',
        stop: 'stops the backend it started',
    },
    () => ({ ...sandbox.env, CHAMELEON_CLI: CLI, CHAMELEON_DATA: sandbox.dataDir, CHAMELEON_FOLDER: folder }),
);

await writeImages(folder, 6);
