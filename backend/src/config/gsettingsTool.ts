import { execFile } from 'node:child_process';

export interface ToolResult {
    /** null when the program could not start or was stopped (see `errorCode`). */
    exitCode: number | null;
    stdout: string;
    stderr: string;
    /** ENOENT when gsettings is not installed; ETIMEDOUT when it ran out of time. */
    errorCode: string | null;
}

const TIMEOUT_MS = 5000;

/**
 * Runs `gsettings` with an argv array (never a shell). node:child_process rather than execa here: the lone CLI
 * runs gsettings on every change, and loading execa would cost more than the gsettings runs themselves.
 */
export function runGsettings(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<ToolResult> {
    return new Promise((resolve) => {
        execFile(
            'gsettings',
            [...args],
            { env, timeout: TIMEOUT_MS, encoding: 'utf8', maxBuffer: 4 * 1024 * 1024 },
            (error, stdout, stderr) => {
                const failure = error as (NodeJS.ErrnoException & { killed?: boolean }) | null;
                const spawnCode = typeof failure?.code === 'string' ? failure.code : null;
                resolve({
                    exitCode: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
                    stdout: stdout.replace(/\n$/, ''),
                    stderr: stderr.replace(/\n$/, ''),
                    errorCode: spawnCode ?? (failure?.killed ? 'ETIMEDOUT' : null),
                });
            },
        );
    });
}
