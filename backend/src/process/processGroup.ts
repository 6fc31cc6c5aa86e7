// Runs a program in a process group of its own, so that a deadline or a cancellation can stop it *and
// everything it started* (wallust's `wal` backend runs ImageMagick; a hung child must not outlive us).
// A timeout signalling only the direct child would leave the rest running, hence the group kill here.

import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface GroupRunOptions {
    /** Kill the whole group (SIGKILL) after this long. */
    timeoutMs: number;
    signal?: AbortSignal;
    /** Added to (not replacing) this process's environment. */
    env?: NodeJS.ProcessEnv;
}

export interface GroupRunResult {
    /** Exit code, or null when killed by a signal or never started. */
    exitCode: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
    timedOut: boolean;
    aborted: boolean;
    /** Set when the program could not be started at all (ENOENT, EACCES, …). */
    spawnErrorCode: string | null;
    pid: number | null;
}

/** How long output already written by a program that has exited may take to reach us through its pipes. */
const DRAIN_AFTER_EXIT_MS = 100;
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

/** Groups whose leader is still running. */
const running = new Set<number>();

/** Kills every group still running (the backend is exiting: nothing it started may outlive it unfinished). */
export function stopAllGroups(): void {
    for (const pid of running) {
        try {
            process.kill(-pid, 'SIGKILL');
        } catch {
            // Already gone.
        }
    }
    running.clear();
}

/**
 * Runs the program and resolves when *it* exits — not when every process holding its output pipes has: a hook
 * that starts a background helper (which inherits stdout) and exits has finished. The helper is left running,
 * its later output read and dropped. A deadline or an abort still kills the whole group.
 */
export async function runInProcessGroup(
    file: string,
    args: readonly string[],
    opts: GroupRunOptions,
): Promise<GroupRunResult> {
    let child: ChildProcess;
    try {
        // detached = setsid(): the child leads a new process group whose id is its pid.
        child = spawn(file, args, {
            detached: true,
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, ...opts.env },
        });
    } catch (error) {
        return failedToStart((error as { code?: string }).code ?? 'ENOENT');
    }
    const pid = child.pid ?? null;
    if (pid !== null) running.add(pid);
    const output = { stdout: collect(child.stdout!), stderr: collect(child.stderr!) };

    let timedOut = false;
    let aborted = false;
    // Safe while the leader is unreaped or any member lives: the group id cannot be reused until then.
    const killGroup = () => {
        if (pid === null) return;
        try {
            process.kill(-pid, 'SIGKILL');
        } catch {
            // ESRCH: the group is already gone.
        }
    };
    const timer = setTimeout(() => {
        timedOut = true;
        killGroup();
    }, opts.timeoutMs);
    const onAbort = () => {
        aborted = true;
        killGroup();
    };
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });

    try {
        const ended = await new Promise<{ code: number | null; signal: string | null; error: string | null }>(
            (resolve) => {
                child.once('error', (error: NodeJS.ErrnoException) =>
                    resolve({ code: null, signal: null, error: error.code ?? 'ENOENT' }),
                );
                child.once('exit', (code, signal) => resolve({ code, signal, error: null }));
            },
        );
        if (ended.error) return failedToStart(ended.error);
        // unref: a timer left over once the pipes have closed must not keep a short-lived CLI process alive.
        await Promise.race([
            Promise.all([output.stdout.closed, output.stderr.closed]),
            new Promise((resolve) => setTimeout(resolve, DRAIN_AFTER_EXIT_MS).unref()),
        ]);
        return {
            exitCode: ended.code,
            signal: ended.signal,
            stdout: output.stdout.text(),
            stderr: output.stderr.text(),
            timedOut,
            aborted,
            spawnErrorCode: null,
            pid,
        };
    } finally {
        if (pid !== null) running.delete(pid);
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        output.stdout.release();
        output.stderr.release();
    }
}

function failedToStart(code: string): GroupRunResult {
    return {
        exitCode: null,
        signal: null,
        stdout: '',
        stderr: '',
        timedOut: false,
        aborted: false,
        spawnErrorCode: code,
        pid: null,
    };
}

/** Gathers a pipe's output (up to a cap); `release` stops keeping it and lets a helper's pipe stay open unawaited. */
function collect(stream: Readable & { unref?: () => void }) {
    const chunks: Buffer[] = [];
    let size = 0;
    let keep = true;
    stream.on('data', (chunk: Buffer) => {
        if (!keep || size >= MAX_OUTPUT_BYTES) return;
        chunks.push(chunk);
        size += chunk.length;
    });
    stream.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
    return {
        closed,
        text: () =>
            Buffer.concat(chunks)
                .toString('utf8')
                .replace(/\r?\n$/, ''),
        release: () => {
            keep = false;
            stream.unref?.();
        },
    };
}
