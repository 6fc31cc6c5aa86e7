// The collection's statistics for the preferences. The preferences run in their own process, without the
// extension's backend connection, so they run the `chameleon stats --json` command: it asks the running backend
// over its socket, or reads the same database itself.
import { backendArgv } from '../lib/backendCommand.js';
import { Gio } from '../lib/gi.js';
import type { StatsJson } from '../lib/protocol.js';

/**
 * The stats command for the configured backend command: the same program and options, with `serve --stdio`
 * replaced by `stats --json` (e.g. `node cli.js --data-dir D serve --stdio` → `node cli.js --data-dir D stats
 * --json`). null when the configured command has no `serve` to replace.
 */
export function statsArgv(configured: string[]): string[] | null {
    const argv = backendArgv(configured);
    if (!argv.includes('serve')) return null;
    return argv.map((word) => (word === 'serve' ? 'stats' : word === '--stdio' ? '--json' : word));
}

export type StatsResult = { stats: StatsJson } | { missing: string } | { error: string };

/** Runs the stats command without blocking; never rejects. */
export function loadStats(argv: string[], cancellable: Gio.Cancellable): Promise<StatsResult> {
    let process: Gio.Subprocess;
    try {
        process = Gio.Subprocess.new(argv, Gio.SubprocessFlags.STDOUT_PIPE | Gio.SubprocessFlags.STDERR_PIPE);
    } catch (e) {
        // Typically "No such file or directory": the backend is not installed.
        return Promise.resolve({ missing: (e as Error).message });
    }
    return new Promise((resolve) => {
        process.communicate_utf8_async(null, cancellable, (_process, result) => {
            try {
                const [, stdout, stderr] = process.communicate_utf8_finish(result);
                if (!process.get_successful()) resolve({ error: stderr?.trim() || `${argv.join(' ')} exited with status ${process.get_exit_status()}` });
                else resolve({ stats: JSON.parse(stdout ?? '') as StatsJson });
            } catch (e) {
                resolve({ error: (e as Error).message });
            }
        });
    });
}
