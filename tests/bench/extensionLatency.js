// Under plain gjs: the extension's real backend client and wallpaper setter (built, dist/extension/lib) drive the
// real backend, and time "next" from request to reply with every palette cached — what a user waits for after
// clicking Next in the panel. Prints one JSON line: { samples: [ms, …] }. Run by tests/bench/extension.ts.
import GLib from 'gi://GLib';
import System from 'system';
import { BackendClient } from '../../dist/extension/lib/backendClient.js';
import { WallpaperSetter } from '../../dist/extension/lib/wallpaperSetter.js';

const [cli, dataDir, folder, count] = ARGV;
const setter = new WallpaperSetter();
const client = new BackendClient({
    argv: ['node', cli, 'serve', '--stdio', '--data-dir', dataDir],
    config: () => ({ folders: [folder], backgroundAnalysis: false }),
    capabilities: { setWallpaper: true },
    onRequest: (request) => setter.set(request.params),
    log: () => {},
});

const loop = new GLib.MainLoop(null, false);
let exitCode = 0;
(async () => {
    client.start();
    // Every image once, so that the timed changes all find their palette cached.
    for (let i = 0; i < 12; i++) await client.request('wallpaper.next');
    const samples = [];
    for (let i = 0; i < Number(count); i++) {
        const started = GLib.get_monotonic_time();
        await client.request('wallpaper.next');
        samples.push((GLib.get_monotonic_time() - started) / 1000);
    }
    print(JSON.stringify({ samples }));
    await client.stop();
})()
    .catch((error) => {
        printerr(`extension latency bench failed: ${error.message}`);
        exitCode = 1;
    })
    .finally(() => loop.quit());
loop.run();
System.exit(exitCode);
