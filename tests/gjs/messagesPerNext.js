// How many protocol messages one click on Next costs: the BUILT controller drives the real backend through
// tests/helpers/protocolTap.mjs, which logs every line that crosses the pipes. Each Next is followed by a marker
// (a setting change, forwarded as config.update): what the extension sends because of the Next, its accent
// write included, is on the pipe before the marker. Prints `ok counted {"perNext": [...], "methods": [...]}`.
// Run by tests/extension/lib/messagesPerNext.test.ts and the benchmark (tests/bench/protocolFlow.ts).
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import { check, env, ok, run, waitFor, within } from './harness.js';
import { startController } from './startController.js';

const cli = env('CHAMELEON_CLI');
const tap = env('CHAMELEON_TAP');
const log = env('CHAMELEON_TAP_LOG');
const dataDir = env('CHAMELEON_DATA');
const folder = env('CHAMELEON_FOLDER');
const backendConfig = env('CHAMELEON_BACKEND_CONFIG');
const nexts = Number(GLib.getenv('CHAMELEON_NEXTS') ?? '3');

function lines() {
    const [, bytes] = GLib.file_get_contents(log);
    return new TextDecoder()
        .decode(bytes)
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
}

run(async () => {
    GLib.file_set_contents(log, '');
    const settings = new Gio.Settings({ schema_id: 'org.gnome.shell.extensions.chameleon' });
    settings.set_strv('folders', [folder]);
    settings.set_uint('change-interval', 0);
    settings.set_boolean('accent-sync', true);
    settings.set_boolean('accent-sync-paused', false);
    // The colour target that follows the desktop's accent: an accent the backend hears of moves every weight.
    settings.set_string('selection-colour-target', 'accent');
    settings.set_strv('backend-command', [
        'env',
        `XDG_CONFIG_HOME=${backendConfig}`,
        'node',
        tap,
        log,
        'node',
        cli,
        'serve',
        '--stdio',
        '--data-dir',
        dataDir,
    ]);
    const desktop = new Gio.Settings({ schema_id: 'org.gnome.desktop.interface' });
    desktop.set_string('accent-color', 'slate');

    const { view, cleanup, controller } = await startController(settings);
    // The first change makes the palettes' worker start; not counted.
    await within(controller.next(), 20_000, 'first next');

    const perNext = [];
    let methods = [];
    for (let i = 0; i < nexts; i++) {
        const before = lines().length;
        await within(controller.next(), 20_000, `next ${i + 1}`);
        await waitFor(
            () => view.wallpaper && desktop.get_string('accent-color') === view.wallpaper.palette?.accentName,
            5000,
            'the accent',
        );
        // The marker: whatever the Next made the extension send is on the pipe before it.
        settings.set_uint('hook-timeout', 10 + (i % 2) + 1);
        let marker = -1;
        await waitFor(
            () => {
                const all = lines();
                marker = all.findIndex(
                    (l, n) =>
                        n >= before &&
                        l.message.method === 'config.update' &&
                        l.message.params?.settings?.['hook-timeout'] !== undefined,
                );
                return marker >= 0;
            },
            5000,
            'the marker',
        );
        const all = lines();
        const start = all.findIndex((l, n) => n >= before && l.message.method === 'wallpaper.next');
        check(start >= 0 && start < marker, 'no wallpaper.next on the pipe');
        // Answers still due to requests sent before the Next (the previous marker's) are not the Next's.
        const earlier = new Set(
            all
                .slice(0, start)
                .filter((l) => l.to === 'backend' && l.message.method)
                .map((l) => l.message.id),
        );
        const counted = all
            .slice(start, marker)
            .filter((l) => !(l.to === 'extension' && !l.message.method && earlier.has(l.message.id)));
        perNext.push(counted.length);
        methods = counted.map(
            (l) => `${l.to === 'backend' ? '>' : '<'} ${l.message.method ?? `answer ${l.message.id}`}`,
        );
    }
    cleanup.run();
    ok('counted', JSON.stringify({ perNext, methods }));
});
