// What the extension tells the backend about the desktop (extension/lib/desktopFacts.ts) and the monitor layout
// (monitorLayout.ts), built, under real gjs, with GNOME's schemas: one test per behaviour (tests/gjs/desktopFacts.js).
import { afterAll } from 'vitest';
import { makeSandbox } from '../../helpers/sandbox.js';
import { gjsCases, installInterfaceSchema } from '../../helpers/gjs.js';

const sandbox = makeSandbox();
afterAll(() => sandbox.cleanup());

gjsCases(
    'desktop facts and monitor layout',
    'desktopFacts.js',
    {
        'dark-follows-color-scheme': 'is dark exactly while the dark style is on',
        'state-says-colour-scheme-not-accent': 'tells the colour scheme, never the accent',
        'background-colours-in-state': 'tells the background colours GNOME draws behind the wallpaper',
        'nothing-read-before-start': 'reads no setting before it is started',
        'largest-monitor-in-state': 'tells the size of the largest monitor',
        'accent-changes-are-not-reported': 'reports no change of accent (accent sync writes it)',
        'reports-monitor-changes': 'reports a change of monitors once',
        'quiet-after-cleanup': 'reports nothing after cleanup',
        'layout-without-mode-until-known': 'gives the layout without a mode until mutter has said',
        'layout-mode-once-read': "gives the layout with mutter's mode once read",
        'layout-answer-overtaken-is-dropped': 'drops a mode answer overtaken by a later monitor change',
        'layout-mode-kept-when-unknown': 'keeps the last known mode when a read cannot tell',
        'layout-quiet-after-cleanup': 'reports no layout after cleanup',
        'mutter-mode-unknown-without-mutter': 'reads no mode where there is no mutter',
    },
    () => ({
        ...sandbox.env,
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
        XDG_DATA_DIRS: `${installInterfaceSchema(sandbox.dir, true)}:/usr/share`,
    }),
);
