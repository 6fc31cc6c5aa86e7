// Shared by the wallust tests: a private HOME/XDG sandbox per test, real image files, and the fake's log.

import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { execa } from 'execa';
import sharp from 'sharp';

import { FAKE_WALLUST } from '../../fakes/wallust/expected.js';

export interface Sandbox {
    root: string;
    home: string;
    cacheHome: string;
    configHome: string;
    images: string;
    log: string;
    /** Environment that confines wallust (fake or real) to the sandbox. */
    env: NodeJS.ProcessEnv;
    cleanup(): Promise<void>;
}

export async function makeSandbox(): Promise<Sandbox> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'chameleon-wallust-'));
    const home = path.join(root, 'home');
    const cacheHome = path.join(root, 'cache');
    const configHome = path.join(root, 'config');
    const images = path.join(root, 'images');
    await Promise.all([home, cacheHome, configHome, images].map((d) => mkdir(d, { recursive: true })));
    const log = path.join(root, 'wallust-log.jsonl');
    return {
        root,
        home,
        cacheHome,
        configHome,
        images,
        log,
        env: { HOME: home, XDG_CACHE_HOME: cacheHome, XDG_CONFIG_HOME: configHome, FAKE_WALLUST_LOG: log },
        cleanup: () => rm(root, { recursive: true, force: true }),
    };
}

/** A small real image of one colour (plus a gradient so formats compress differently). */
export async function makeImage(
    file: string,
    rgb: [number, number, number],
    format: 'png' | 'jpeg' = 'png',
): Promise<string> {
    const width = 16;
    const height = 16;
    const pixels = Buffer.alloc(width * height * 3);
    for (let i = 0; i < width * height; i++) {
        pixels[i * 3] = (rgb[0] + i) % 256;
        pixels[i * 3 + 1] = rgb[1];
        pixels[i * 3 + 2] = rgb[2];
    }
    const img = sharp(pixels, { raw: { width, height, channels: 3 } });
    await mkdir(path.dirname(file), { recursive: true });
    await (format === 'png' ? img.png() : img.jpeg()).toFile(file);
    return file;
}

export async function writeText(file: string, text: string): Promise<string> {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    return file;
}

export interface LogEntry {
    event: 'start' | 'child';
    pid: number;
    argv?: string[];
    childPid?: number;
}

export async function readLog(sandbox: Sandbox): Promise<LogEntry[]> {
    try {
        const text = await readFile(sandbox.log, 'utf8');
        return text
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as LogEntry);
    } catch {
        return [];
    }
}

/** Invocations of `wallust … run …` the fake has seen. */
export async function runsLogged(sandbox: Sandbox): Promise<LogEntry[]> {
    return (await readLog(sandbox)).filter((e) => e.event === 'start' && e.argv?.includes('run'));
}

/** Runs the fake directly, never rejecting. */
export function fake(args: string[], env: NodeJS.ProcessEnv, cwd?: string) {
    return execa(FAKE_WALLUST, args, { env, reject: false, cwd, stdin: 'ignore' });
}

/** Whether a process still runs; a zombie (dead, not yet reaped by its new parent) counts as gone. */
export function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
    } catch (err) {
        return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
    } catch {
        return false;
    }
}

/** Resolves once `condition` holds, looking every 20 ms: a wait on what the test needs, not a guess of how long. */
export async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
    while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}
