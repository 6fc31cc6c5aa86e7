// Under plain gjs: the extension's real backend client and wallpaper setter (built, dist/extension/lib) drive the
// real backend, and time "next" from request to reply — what a user waits for after clicking Next in the panel —
// and from request to `wallpaper.changed`, when the menu names the new picture.
// ARGV: cli dataDir folder count warmup useWallust(0|1). Prints one JSON line: { samples: [ms, …], announced: [ms, …]
// }.
// Run by tests/bench/extension.ts.
import GLib from 'gi://GLib';
import System from 'system';
import { BackendClient } from '../../dist/extension/lib/backendClient.js';
import { WallpaperSetter } from '../../dist/extension/lib/wallpaperSetter.js';

const [cli, dataDir, folder, count, warmup, useWallust] = ARGV;
const setter = new WallpaperSetter();
const client = new BackendClient({
    argv: ['node', cli, 'serve', '--stdio', '--data-dir', dataDir],
    // No background analysis, so that an image's first showing really makes its palette.
    config: () => ({ folders: [folder], backgroundAnalysis: false, palette: { useWallust: useWallust === '1' } }),
    capabilities: { desktop: true },
    onRequest: (request) => setter.set(request.params),
    onNotification: (notification) => {
        if (notification.method === 'wallpaper.changed') announcedAt ??= GLib.get_monotonic_time();
    },
    log: () => {},
});
let announcedAt = null;

const loop = new GLib.MainLoop(null, false);
let exitCode = 0;
(async () => {
    client.start();
    // Warm-up: the backend's start, and (for the cached figure) every image once so its palette is stored.
    for (let i = 0; i < Number(warmup); i++) await client.request('wallpaper.next');
    const samples = [];
    const announced = [];
    for (let i = 0; i < Number(count); i++) {
        announcedAt = null;
        const started = GLib.get_monotonic_time();
        await client.request('wallpaper.next');
        samples.push((GLib.get_monotonic_time() - started) / 1000);
        if (announcedAt !== null) announced.push((announcedAt - started) / 1000);
    }
    print(JSON.stringify({ samples, announced }));
    await client.stop();
})()
    .catch((error) => {
        printerr(`extension latency bench failed: ${error.message}`);
        exitCode = 1;
    })
    .finally(() => loop.quit());
loop.run();
System.exit(exitCode);
