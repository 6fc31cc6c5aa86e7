// Commands of the backend for the preferences. The preferences run in their own process, without the
// extension's backend connection, so they run the `chameleon` command: it asks the running backend over its
// socket, or reads the same database itself.
import { backendArgv } from '../lib/backendCommand.js';
import { Gio } from '../lib/gi.js';
import type { StatsJson } from '../lib/protocol.js';

/**
 * A `chameleon` command for the configured backend command: the same program and options, with `serve --stdio`
 * replaced by `command` (e.g. `node cli.js --data-dir D serve --stdio` with ['stats', '--json'] → `node cli.js
 * --data-dir D stats --json`). null when the configured command has no `serve` to replace.
 */
export function commandArgv(configured: string[], command: readonly string[]): string[] | null {
    const argv = backendArgv(configured);
    const serve = argv.indexOf('serve');
    if (serve < 0) return null;
    return [...argv.slice(0, serve), ...command, ...argv.slice(serve + 1).filter((word) => word !== '--stdio')];
}

/** The stats command (`chameleon stats --json`) for the configured backend command. */
export function statsArgv(configured: string[]): string[] | null {
    return commandArgv(configured, ['stats', '--json']);
}

export type CommandResult<T> = { value: T } | { missing: string } | { error: string };

/** Runs a `--json` command without blocking and parses what it prints; never rejects. */
export function runJsonCommand<T>(argv: string[], cancellable: Gio.Cancellable): Promise<CommandResult<T>> {
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
                if (!process.get_successful())
                    resolve({
                        error: stderr?.trim() || `${argv.join(' ')} exited with status ${process.get_exit_status()}`,
                    });
                else resolve({ value: JSON.parse(stdout ?? '') as T });
            } catch (e) {
                resolve({ error: (e as Error).message });
            }
        });
    });
}

export type StatsResult = { stats: StatsJson } | { missing: string } | { error: string };

/** Runs the stats command without blocking; never rejects. */
export async function loadStats(argv: string[], cancellable: Gio.Cancellable): Promise<StatsResult> {
    const result = await runJsonCommand<StatsJson>(argv, cancellable);
    return 'value' in result ? { stats: result.value } : result;
}
