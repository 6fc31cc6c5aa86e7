import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CommandError } from './commandError.js';

const DEFAULT_WAIT_MS = 5 * 60_000;

function holderOf(path: string): number | null {
    try {
        const pid = Number(readFileSync(path, 'utf8').trim());
        return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
        return null;
    }
}

function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        // EPERM: the process exists but belongs to someone else; it is alive all the same.
        return (error as { code?: string }).code === 'EPERM';
    }
}

/** Takes the lock file if it is free: created exclusively, holding our pid. */
function tryTake(path: string): boolean {
    let fd: number;
    try {
        fd = openSync(path, 'wx', 0o600);
    } catch (error) {
        if ((error as { code?: string }).code === 'EEXIST') return false;
        throw error;
    }
    try {
        writeSync(fd, `${process.pid}\n`);
    } finally {
        closeSync(fd);
    }
    return true;
}

/**
 * Removes a lock left by a process that died holding it. It is moved aside first (an atomic rename) and only
 * deleted when what was moved is still that dead process's lock; a lock that a live process took meanwhile is
 * put back, so two waiters breaking the same stale lock cannot both end up holding it.
 */
function breakStale(path: string, deadPid: number): void {
    const aside = `${path}.stale-${process.pid}`;
    try {
        renameSync(path, aside);
    } catch {
        return; // someone else broke it first
    }
    if (holderOf(aside) === deadPid) rmSync(aside, { force: true });
    else renameSync(aside, path);
}

export interface LockOptions {
    /** Give up after this long (default 5 minutes). */
    waitMs?: number;
}

/**
 * Runs `task` while holding the lone-CLI lock at `path`, so `chameleon` processes working without a backend take
 * turns: two of them writing picture-uri and picture-uri-dark at once would leave the desktop with one's picture
 * and the history with the other's. A lock whose holder died is taken over; one held too long is reported.
 */
export async function withLoneLock<T>(path: string, task: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const deadline = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
    let pause = 5;
    while (!tryTake(path)) {
        const holder = holderOf(path);
        if (holder !== null && !isAlive(holder)) {
            breakStale(path, holder);
            continue;
        }
        if (Date.now() >= deadline) {
            throw new CommandError(
                `another chameleon command${holder ? ` (pid ${holder})` : ''} has been running for over ` +
                    `${Math.round((options.waitMs ?? DEFAULT_WAIT_MS) / 1000)} s ` +
                    `and holds ${path}; wait for it to finish, or end it, and try again`,
                null,
            );
        }
        // A lock file that is empty for a moment is one being written; its holder is about to appear.
        await sleep(pause);
        pause = Math.min(pause * 2, 100);
    }
    try {
        return await task();
    } finally {
        rmSync(path, { force: true });
    }
}
