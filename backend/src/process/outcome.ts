import type { GroupRunResult } from './processGroup.js';

/** One line saying how a helper program ended, for errors and logs; null when it succeeded. */
export function failureOf(name: string, result: GroupRunResult, timeoutMs: number): string | null {
    if (result.spawnErrorCode === 'ENOENT') return `${name} not found`;
    if (result.spawnErrorCode) return `${name} could not be started (${result.spawnErrorCode})`;
    if (result.timedOut) return `${name} did not finish within ${timeoutMs / 1000} s and was stopped`;
    if (result.signal) return `${name} was killed by ${result.signal}`;
    if (result.exitCode !== 0) {
        const said = result.stderr.trim().split('\n').filter(Boolean).at(-1);
        return `${name} exited with status ${result.exitCode}${said ? `: ${said}` : ''}`;
    }
    return null;
}
