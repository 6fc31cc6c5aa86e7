// A tiny runner for scenario scripts under plain `gjs -m`: runs an async main on a GLib main loop (GIO callbacks
// need one), prints "ok NAME" per passed step, and exits 1 with "FAIL …" on the first failure or on a deadline.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import System from 'system';

export function run(main, deadlineMs = 60_000) {
    const loop = GLib.MainLoop.new(null, false);
    let code = 0;
    const deadline = GLib.timeout_add(GLib.PRIORITY_DEFAULT, deadlineMs, () => {
        printerr(`FAIL: the scenario did not finish within ${deadlineMs} ms`);
        code = 1;
        loop.quit();
        return GLib.SOURCE_REMOVE;
    });
    main()
        .catch((e) => {
            printerr(`FAIL: ${e?.message ?? e}\n${e?.stack ?? ''}`);
            code = 1;
        })
        .finally(() => {
            GLib.source_remove(deadline);
            loop.quit();
        });
    loop.run();
    System.exit(code);
}

/**
 * Runs each case of `table` (name → async function) on its own, in order, printing "ok NAME" or "not ok NAME: why"
 * for each: one failing case does not hide the others, and the vitest side reports each as its own test.
 */
export function cases(table, deadlineMs = 60_000) {
    run(async () => {
        for (const [name, body] of Object.entries(table)) {
            try {
                await body();
                ok(name);
            } catch (e) {
                print(`not ok ${name}: ${String(e?.message ?? e).replace(/\n/g, ' | ')}`);
            }
        }
    }, deadlineMs);
}

export function ok(name, detail) {
    print(detail === undefined ? `ok ${name}` : `ok ${name} ${detail}`);
}

export function check(condition, message) {
    if (!condition) throw new Error(message);
}

export function sleep(ms) {
    return new Promise((resolve) =>
        GLib.timeout_add(GLib.PRIORITY_DEFAULT, ms, () => {
            resolve();
            return GLib.SOURCE_REMOVE;
        }),
    );
}

/** Resolves once predicate() is truthy (polled every 20 ms); rejects after timeoutMs saying what it waited for. */
export async function waitFor(predicate, timeoutMs, what) {
    const start = GLib.get_monotonic_time();
    while (!predicate()) {
        if ((GLib.get_monotonic_time() - start) / 1000 > timeoutMs)
            throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await sleep(20);
    }
}

/** Resolves with read()'s value once accept(value) holds; read may be async (polled every 50 ms). */
export async function waitUntil(read, accept, timeoutMs, what) {
    const start = GLib.get_monotonic_time();
    for (;;) {
        const value = await read();
        if (accept(value)) return value;
        if ((GLib.get_monotonic_time() - start) / 1000 > timeoutMs) {
            throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(value)})`);
        }
        await sleep(50);
    }
}

/** Resolves once the main loop has run what was already due (I/O completions included): an idle at low priority. */
export function mainLoopDrained() {
    return new Promise((resolve) =>
        GLib.idle_add(GLib.PRIORITY_LOW, () => {
            resolve();
            return GLib.SOURCE_REMOVE;
        }),
    );
}

/** Rejects if promise settles neither way within ms: a hung request must fail the test, not the deadline. */
export function within(promise, ms, what) {
    let id = 0;
    const timeout = new Promise((_resolve, reject) => {
        id = GLib.timeout_add(GLib.PRIORITY_DEFAULT, ms, () => {
            id = 0;
            reject(new Error(`${what} did not settle within ${ms} ms`));
            return GLib.SOURCE_REMOVE;
        });
    });
    return Promise.race([promise, timeout]).finally(() => {
        if (id) GLib.source_remove(id);
    });
}

/** Sends a signal to a process (by number, as `kill` takes it). */
export function kill(pid, signal) {
    const [okSpawn, , , status] = GLib.spawn_sync(
        null,
        ['kill', `-${signal}`, String(pid)],
        null,
        GLib.SpawnFlags.SEARCH_PATH,
        null,
    );
    check(okSpawn && status === 0, `kill -${signal} ${pid} failed`);
}

export function processExists(pid) {
    return GLib.file_test(`/proc/${pid}`, GLib.FileTest.EXISTS);
}

export function env(name) {
    const value = GLib.getenv(name);
    check(value, `environment variable ${name} is not set`);
    return value;
}

/**
 * A view that records what the controller shows, for assertions (the Shell's panel button is the real one).
 * `wallpaper` and `status` are the latest shown.
 */
export class RecordingView {
    wallpapers = [];
    statuses = [];
    accentPaused = false;
    favourite = null;
    selectionPaused = false;
    get wallpaper() {
        return this.wallpapers.at(-1) ?? null;
    }
    get status() {
        return this.statuses.at(-1) ?? null;
    }
    showWallpaper(wallpaper) {
        this.wallpapers.push(wallpaper);
    }
    showStatus(text) {
        this.statuses.push(text);
    }
    showAccentPaused(paused) {
        this.accentPaused = paused;
    }
    showFavourite(favourite) {
        this.favourite = favourite;
    }
    showSelectionPaused(paused) {
        this.selectionPaused = paused;
    }
}

/** Runs argv (no shell) and resolves with its stdout; rejects with its stderr. `unset` drops variables first. */
export function runCommand(argv, { unset = [] } = {}) {
    return new Promise((resolve, reject) => {
        const launcher = new Gio.SubprocessLauncher({
            flags: Gio.SubprocessFlags.STDOUT_PIPE | Gio.SubprocessFlags.STDERR_PIPE,
        });
        for (const name of unset) launcher.unsetenv(name);
        const proc = launcher.spawnv(argv);
        proc.communicate_utf8_async(null, null, (_p, result) => {
            try {
                const [, stdout, stderr] = proc.communicate_utf8_finish(result);
                if (proc.get_successful()) resolve(stdout);
                else reject(new Error(`${argv.slice(1).join(' ')} failed: ${stderr}`));
            } catch (e) {
                reject(e);
            }
        });
    });
}
