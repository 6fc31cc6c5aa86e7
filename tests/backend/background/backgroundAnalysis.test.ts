import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IndexProgressJson } from '../../../backend/src/protocol/messages.js';
import { progressBar } from '../../../backend/src/cli/progressBar.js';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { writeNoise, writeSolid } from '../../helpers/images.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';

let sandbox: Sandbox;
beforeEach(() => {
    sandbox = makeSandbox();
});
afterEach(() => sandbox.cleanup());

/** Children of `pid` running a command line that contains `needle`, with their nice value. */
function childrenMatching(pid: number, needle: string): { pid: number; nice: number }[] {
    return readdirSync('/proc')
        .filter((name) => /^\d+$/.test(name))
        .flatMap((name) => {
            try {
                const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
                const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
                if (Number(fields[1]) !== pid) return [];
                const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
                // nice(1) itself, between its start and its exec of the worker, is not the worker yet.
                if (!argv.some((arg) => arg.includes(needle)) || argv[0]!.endsWith('nice')) return [];
                return [{ pid: Number(name), nice: Number(fields[16]) }];
            } catch {
                return [];
            }
        });
}

describe('background analysis', () => {
    it(
        'analyses the whole collection at the lowest priority, reporting progress, so palettes ' +
            'are ready before they are needed',
        async () => {
            const folder = sandbox.folder('walls');
            for (let i = 0; i < 20; i++)
                await writeNoise(join(folder, `n${i}.jpg`), {
                    width: 640,
                    height: 360,
                    base: `#${(0x335577 + i * 0x070503).toString(16)}`,
                    seed: i + 1,
                });
            await writeSolid(join(folder, 'red.png'), '#d01c1c');
            const backend = BackendProcess.start(sandbox);
            backend.onRequest = () => ({ ok: true });
            const progress: IndexProgressJson[] = [];
            const finished = new Promise<void>((resolve) => {
                const listen = () =>
                    void backend.notification('index.progress').then((params) => {
                        const p = params as IndexProgressJson;
                        progress.push(p);
                        if (p.phase === 'palettes' && p.done === p.total) resolve();
                        else listen();
                    });
                listen();
            });
            await backend.call('initialize', {
                protocolVersion: 2,
                config: { folders: [folder] },
                capabilities: { desktop: true },
            });
            await backend.call('index.rescan');
            let niceness: number[] = [];
            const watchNice = setInterval(() => {
                niceness = niceness.concat(
                    childrenMatching(backend.child.pid!, 'analysisWorker.js').map((c) => c.nice),
                );
            }, 50);
            await finished;
            clearInterval(watchNice);

            const palettes = progress.filter((p) => p.phase === 'palettes');
            expect(palettes.at(-1)).toEqual({ phase: 'palettes', done: 21, total: 21 });
            expect(palettes.map((p) => p.done)).toEqual([...palettes.map((p) => p.done)].sort((a, b) => a - b));
            expect(niceness.length).toBeGreaterThan(0);
            expect(new Set(niceness)).toEqual(new Set([19]));

            // Every image has its palette and colour features already: nothing is decoded when it is shown.
            const db = new Database(join(sandbox.dataDir, 'chameleon.db'), { readonly: true });
            const counts = db
                .prepare(`SELECT count(*) AS images, count(features_at) AS analysed FROM images`)
                .get() as {
                images: number;
                analysed: number;
            };
            const stored = (
                db
                    .prepare(`SELECT count(DISTINCT content_hash) AS n FROM palettes WHERE extractor LIKE 'builtin:%'`)
                    .get() as { n: number }
            ).n;
            db.close();
            expect(counts).toEqual({ images: 21, analysed: 21 });
            expect(stored).toBe(21);
            const red = await backend.call('wallpaper.next', { folders: [folder] });
            expect(red.palette?.colors).toHaveLength(16);
            await backend.stop();
        },
    );

    it('draws a progress bar on a terminal and nothing elsewhere', () => {
        let written = '';
        const terminal = {
            isTTY: true,
            write: (text: string) => ((written += text), true),
        } as unknown as NodeJS.WriteStream;
        const bar = progressBar(terminal);
        bar.update({ phase: 'scan', done: 3214, total: 10000 });
        expect(written).toMatch(/\[#{10} {20}\] 3,214 \/ 10,000 Reading image headers/);
        bar.done();
        expect(written.endsWith('\r\x1b[K')).toBe(true);
        let piped = '';
        const pipe = {
            isTTY: false,
            write: (text: string) => ((piped += text), true),
        } as unknown as NodeJS.WriteStream;
        progressBar(pipe).update({ phase: 'scan', done: 1, total: 2 });
        expect(piped).toBe('');
    });
});
