// Cases for the BUILT desktop facts (dist/extension/lib/desktopFacts.js) and monitor layout (monitorLayout.js)
// under gjs, against compiled GNOME schemas in a keyfile GSettings backend. Run by
// tests/extension/lib/desktopFacts.test.ts.
import Gio from 'gi://Gio';
import { CleanupStack } from '../../dist/extension/lib/cleanup.js';
import { DesktopFacts, largestMonitor } from '../../dist/extension/lib/desktopFacts.js';
import { MonitorLayout, readMutterLayoutMode } from '../../dist/extension/lib/monitorLayout.js';
import { cases, check, waitFor } from './harness.js';

const desktop = new Gio.Settings({ schema_id: 'org.gnome.desktop.interface' });
const background = new Gio.Settings({ schema_id: 'org.gnome.desktop.background' });

/** Monitors as the Shell would report them, changed by the test. */
function monitorSource(layout) {
    const source = { layout: () => source.monitors, monitors: layout, listeners: [] };
    source.watch = (cleanup, onChanged) => {
        source.listeners.push(onChanged);
        cleanup.defer(() => source.listeners.splice(source.listeners.indexOf(onChanged), 1));
    };
    source.change = (monitors) => {
        source.monitors = monitors;
        for (const listener of [...source.listeners]) listener();
    };
    return source;
}

const FULL_HD = { index: 0, x: 0, y: 0, width: 1920, height: 1080, primary: true };
const UHD = { index: 1, x: 1920, y: 0, width: 3840, height: 2160 };

/** Resolves once a change of `key` has reached a fresh Settings object: earlier changes have been delivered too. */
async function settled(settings, key, value) {
    const probe = new Gio.Settings({ schema_id: settings.schema_id });
    let seen = false;
    const id = probe.connect(`changed::${key}`, () => (seen = true));
    probe.get_string(key);
    settings.set_string(key, value);
    await waitFor(() => seen, 5000, `the change of ${key} to arrive`);
    probe.disconnect(id);
}

cases({
    'dark-follows-color-scheme': async () => {
        const cleanup = new CleanupStack();
        const facts = new DesktopFacts();
        facts.start(cleanup, () => {});
        desktop.set_string('color-scheme', 'default');
        check(facts.dark === false, 'dark in the default style');
        desktop.set_string('color-scheme', 'prefer-dark');
        check(facts.dark === true, 'not dark in the dark style');
        desktop.set_string('color-scheme', 'default');
        cleanup.run();
    },
    'state-says-colour-scheme-not-accent': async () => {
        const cleanup = new CleanupStack();
        const facts = new DesktopFacts();
        facts.start(cleanup, () => {});
        desktop.set_string('accent-color', 'teal');
        desktop.set_string('color-scheme', 'prefer-light');
        const state = facts.state;
        // The accent is the extension's to write (accent sync) and the user's to pick (AccentSync reports that).
        check(state.colorScheme === 'prefer-light' && !('accent' in state), `state ${JSON.stringify(state)}`);
        desktop.set_string('color-scheme', 'default');
        cleanup.run();
    },
    'background-colours-in-state': async () => {
        const cleanup = new CleanupStack();
        const facts = new DesktopFacts();
        facts.start(cleanup, () => {});
        background.set_string('primary-color', '#023c88');
        const colours = facts.state.background;
        check(
            colours?.primaryColor === '#023c88' &&
                typeof colours.secondaryColor === 'string' &&
                typeof colours.shading === 'string',
            `background ${JSON.stringify(colours)}`,
        );
        cleanup.run();
    },
    'nothing-read-before-start': async () => {
        const facts = new DesktopFacts(monitorSource([FULL_HD]));
        const state = facts.state;
        check(
            !('accent' in state) && !('colorScheme' in state) && !('background' in state),
            `state before start ${JSON.stringify(state)}`,
        );
    },
    'largest-monitor-in-state': async () => {
        const facts = new DesktopFacts(monitorSource([FULL_HD, UHD]));
        check(
            JSON.stringify(facts.state.monitor) === JSON.stringify({ width: 3840, height: 2160 }),
            `monitor ${JSON.stringify(facts.state.monitor)}`,
        );
        check(largestMonitor([]) === null, 'a largest monitor of none');
    },
    'accent-changes-are-not-reported': async () => {
        const cleanup = new CleanupStack();
        let changes = 0;
        new DesktopFacts().start(cleanup, () => changes++);
        await settled(desktop, 'accent-color', desktop.get_string('accent-color') === 'green' ? 'blue' : 'green');
        check(changes === 0, `${changes} reports of an accent change`);
        cleanup.run();
    },
    'reports-monitor-changes': async () => {
        const cleanup = new CleanupStack();
        const monitors = monitorSource([FULL_HD]);
        let changes = 0;
        new DesktopFacts(monitors).start(cleanup, () => changes++);
        monitors.change([FULL_HD, UHD]);
        check(changes === 1, `${changes} reports of one monitor change`);
        cleanup.run();
    },
    'quiet-after-cleanup': async () => {
        const cleanup = new CleanupStack();
        const monitors = monitorSource([FULL_HD]);
        let changes = 0;
        new DesktopFacts(monitors).start(cleanup, () => changes++);
        cleanup.run();
        monitors.change([UHD]);
        await settled(desktop, 'accent-color', desktop.get_string('accent-color') === 'red' ? 'pink' : 'red');
        check(changes === 0, `${changes} reports after cleanup`);
    },
    'layout-without-mode-until-known': async () => {
        const layout = new MonitorLayout(monitorSource([FULL_HD]), () => new Promise(() => {}));
        const state = layout.state;
        check(state.layout.length === 1 && !('layoutMode' in state), `state ${JSON.stringify(state)}`);
    },
    'layout-mode-once-read': async () => {
        const cleanup = new CleanupStack();
        const layout = new MonitorLayout(monitorSource([FULL_HD]), async () => 'logical');
        const seen = [];
        layout.start(cleanup, (state) => seen.push(state));
        await waitFor(() => seen.length > 0, 5000, 'the layout with its mode');
        check(seen[0].layoutMode === 'logical' && seen[0].layout[0].width === 1920, `state ${JSON.stringify(seen[0])}`);
        cleanup.run();
    },
    'layout-answer-overtaken-is-dropped': async () => {
        const cleanup = new CleanupStack();
        const monitors = monitorSource([FULL_HD]);
        const pending = [];
        const layout = new MonitorLayout(monitors, () => new Promise((resolve) => pending.push(resolve)));
        const seen = [];
        layout.start(cleanup, (state) => seen.push(state));
        monitors.change([FULL_HD, UHD]);
        pending[1]('physical');
        await waitFor(() => seen.length === 1, 5000, 'the second read');
        pending[0]('logical');
        await settled(desktop, 'accent-color', desktop.get_string('accent-color') === 'red' ? 'pink' : 'red');
        check(
            seen.length === 1 && seen[0].layoutMode === 'physical' && seen[0].layout.length === 2,
            `seen ${JSON.stringify(seen)}`,
        );
        cleanup.run();
    },
    'layout-mode-kept-when-unknown': async () => {
        const cleanup = new CleanupStack();
        const monitors = monitorSource([FULL_HD]);
        const answers = ['logical', null];
        const layout = new MonitorLayout(monitors, async () => answers.shift() ?? null);
        const seen = [];
        layout.start(cleanup, (state) => seen.push(state));
        await waitFor(() => seen.length === 1, 5000, 'the first read');
        monitors.change([UHD]);
        await waitFor(() => seen.length === 2, 5000, 'the second read');
        check(seen[1].layoutMode === 'logical', `mode after an unknown answer: ${seen[1].layoutMode}`);
        cleanup.run();
    },
    'layout-quiet-after-cleanup': async () => {
        const cleanup = new CleanupStack();
        let resolveRead;
        const layout = new MonitorLayout(
            monitorSource([FULL_HD]),
            () => new Promise((resolve) => (resolveRead = resolve)),
        );
        let changes = 0;
        layout.start(cleanup, () => changes++);
        cleanup.run();
        resolveRead('logical');
        await settled(desktop, 'accent-color', desktop.get_string('accent-color') === 'red' ? 'pink' : 'red');
        check(changes === 0, `${changes} reports after cleanup`);
    },
    'mutter-mode-unknown-without-mutter': async () => {
        const mode = await readMutterLayoutMode(new Gio.Cancellable());
        check(mode === null, `mode ${mode} without mutter`);
    },
});
