// Soak: hours of use compressed into minutes against the real backend (`chameleon serve --stdio`, as the
// extension runs it): timer changes back to back, `chameleon` commands, control-socket clients coming and going,
// rescans and online refreshes against a loopback provider. Figures: resident memory and open files of the backend
// near the start and at the end, and the round trip of a `status` request over the control socket (answered at
// once whatever else runs, so a slow one means the backend's event loop was stalled), early and late.
// CHAMELEON_SOAK_SECONDS sets the length (default 150); CHAMELEON_SOAK_PROFILE=FILE writes a CPU profile of the
// backend's late window there (open it in Chrome's DevTools), to see where a stall comes from.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { writeNoise } from '../helpers/images.js';
import { makeSandbox } from '../helpers/sandbox.js';
import { startWallhaven } from '../backend/online/helpers/provider.js';
import { figure, single, type Figure } from './measure.js';

const CLI = fileURLToPath(new URL('../backend/cli.js', import.meta.url));

/**
 * Loaded into the backend (NODE_OPTIONS --import): node's own event-loop delay histogram, written as one JSON line
 * to $CHAMELEON_SOAK_LOOP and reset on each SIGUSR2, so the figures are the backend's own, not the machine's
 * scheduling of this process. Only `serve` reports (the CLI commands and analysis processes share the environment).
 */
const LOOP_PROBE = `
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { appendFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
if (process.argv.includes('serve')) {
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    const profile = process.env.CHAMELEON_SOAK_PROFILE;
    const session = profile ? new Session() : null;
    if (session) {
        session.connect();
        session.post('Profiler.enable', () => session.post('Profiler.start'));
    }
    process.on('SIGUSR2', () => {
        appendFileSync(process.env.CHAMELEON_SOAK_LOOP, JSON.stringify({
            p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6, count: h.count,
        }) + '\\n');
        h.reset();
        session?.post('Profiler.stop', (error, result) => {
            if (!error) writeFileSync(profile, JSON.stringify(result.profile));
            session.post('Profiler.start');
        });
    });
}`;

/** A JSON-RPC client on a line stream: the backend's stdio or its control socket. */
class Peer {
    private nextId = 1;
    private readonly waiting = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();

    constructor(
        input: NodeJS.ReadableStream,
        private readonly output: NodeJS.WritableStream,
    ) {
        createInterface({ input }).on('line', (line) => {
            const message = JSON.parse(line) as {
                id?: number | string;
                method?: string;
                result?: unknown;
                error?: { message: string };
            };
            // The backend asks the extension to apply each wallpaper (inside the Shell a GSettings write is free).
            if (message.method === 'desktop.apply') {
                this.output.write(`${JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { ok: true } })}\n`);
                return;
            }
            if (typeof message.id === 'number') {
                this.waiting.get(message.id)?.(message);
                this.waiting.delete(message.id);
            }
        });
    }

    async call(method: string, params?: unknown): Promise<unknown> {
        const id = this.nextId++;
        const answer = new Promise<{ result?: unknown; error?: { message: string } }>((resolve) =>
            this.waiting.set(id, resolve),
        );
        this.output.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
        const message = await answer;
        if (message.error) throw new Error(`${method}: ${message.error.message}`);
        return message.result;
    }
}

function usage(pid: number): { rssMb: number; fds: number } {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return { rssMb: (pages * 4096) / 2 ** 20, fds: readdirSync(`/proc/${pid}/fd`).length };
}

async function socketPeer(path: string): Promise<{ peer: Peer; socket: Socket }> {
    const socket = connect(path);
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return { peer: new Peer(socket, socket), socket };
}

function runCli(env: NodeJS.ProcessEnv, args: string[]): Promise<number> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [CLI, ...args], { env, stdio: 'ignore' });
        child.on('exit', (code) => resolve(code ?? -1));
    });
}

export async function soakFigures(): Promise<Figure[]> {
    const seconds = Number(process.env.CHAMELEON_SOAK_SECONDS ?? 150);
    // A private home: its own XDG folders, database, control socket and GSettings keyfile.
    const sandbox = makeSandbox();
    const provider = await startWallhaven();
    let backend: ChildProcess | null = null;
    try {
        const { env } = sandbox;
        const runtime = env.XDG_RUNTIME_DIR!;
        const folder = sandbox.folder('walls');
        for (let i = 0; i < 60; i++)
            await writeNoise(join(folder, `w${i}.jpg`), {
                width: 1280,
                height: 800,
                base: `#${((i * 0x3a5f17) & 0xffffff).toString(16).padStart(6, '0')}`,
                seed: i,
            });

        const loopFile = join(sandbox.dir, 'loop.jsonl');
        const profile = process.env.CHAMELEON_SOAK_PROFILE
            ? { CHAMELEON_SOAK_PROFILE: process.env.CHAMELEON_SOAK_PROFILE }
            : {};
        const backendEnv = {
            ...env,
            ...profile,
            CHAMELEON_SOAK_LOOP: loopFile,
            NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(LOOP_PROBE)}`,
        };
        backend = spawn(process.execPath, [CLI, 'serve', '--stdio'], {
            env: backendEnv,
            stdio: ['pipe', 'pipe', 'inherit'],
        });
        const pid = backend.pid!;
        const extension = new Peer(backend.stdout!, backend.stdin!);
        await extension.call('initialize', {
            protocolVersion: 2,
            capabilities: { desktop: true },
            config: {
                folders: [folder],
                online: {
                    sources: [
                        {
                            id: 'wh',
                            kind: 'wallhaven',
                            enabled: true,
                            refreshMinutes: 0,
                            options: { baseUrl: `${provider.server.base}/api/v1` },
                        },
                    ],
                    requestIntervalMs: 0,
                },
            },
        });
        const socketPath = join(runtime, 'chameleon', 'backend.sock');

        const end = Date.now() + seconds * 1000;
        const window = Math.min(20_000, (seconds * 1000) / 4);
        const running = () => Date.now() < end;
        const counts = { changes: 0, cli: 0, clients: 0, rescans: 0, refreshes: 0 };
        const loops: Promise<void>[] = [];
        const every = (ms: number, task: () => Promise<unknown>) =>
            loops.push(
                (async () => {
                    while (running()) {
                        await task();
                        await new Promise((resolve) => setTimeout(resolve, ms));
                    }
                })(),
            );

        every(20, async () => {
            await extension.call('wallpaper.next', {});
            counts.changes++;
        });
        every(1500, async () => {
            await runCli(env, [['current', 'status', 'history'][counts.cli % 3]!, '--json']);
            counts.cli++;
        });
        every(250, async () => {
            const { peer, socket } = await socketPeer(socketPath);
            await peer.call('history.list', { limit: 100 });
            socket.destroy();
            counts.clients++;
        });
        every(8000, async () => {
            await extension.call('index.rescan');
            counts.rescans++;
        });
        let listing = 0;
        every(10_000, async () => {
            const n = listing++ % 8;
            provider.list([{ path: `/full/img${n}.jpg` }, { path: `/full/img${(n + 1) % 8}.jpg` }]);
            await extension.call('sources.refresh', {});
            counts.refreshes++;
        });

        // The stall probe: one long-lived client asking `status` 20 times a second.
        const probe = await socketPeer(socketPath);
        const early: number[] = [];
        const late: number[] = [];
        const started = Date.now();
        let first: { rssMb: number; fds: number } | null = null;
        while (running()) {
            const t = performance.now();
            await probe.peer.call('status');
            const ms = performance.now() - t;
            const elapsed = Date.now() - started;
            // The first seconds (start-up, first scan) are not what a soak measures: the window starts after them.
            if (elapsed > window / 2 && elapsed <= window * 1.5) early.push(ms);
            if (elapsed > window * 1.5 && !first) {
                first = usage(pid);
                process.kill(pid, 'SIGUSR2');
            }
            if (end - Date.now() < window) late.push(ms);
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const last = usage(pid);
        await Promise.all(loops);
        process.kill(pid, 'SIGUSR2');
        const reports = () => (existsSync(loopFile) ? readFileSync(loopFile, 'utf8').trim().split('\n') : []);
        while (reports().length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
        const [loopEarly, loopLate] = reports().map(
            (line) => JSON.parse(line) as { p50: number; p99: number; max: number; count: number },
        );
        probe.socket.destroy();
        const start = first ?? last;
        process.stderr.write(
            `soak: ${seconds} s — ${counts.changes} timer changes, ${counts.cli} CLI commands, ` +
                `${counts.clients} socket clients, ${counts.rescans} rescans, ${counts.refreshes} ` +
                `refreshes\n`,
        );
        return [
            single('soak: backend RSS near the start', 'MB', start.rssMb),
            single('soak: backend RSS at the end', 'MB', last.rssMb),
            single('soak: RSS end / start', 'ratio', last.rssMb / start.rssMb, { max: 1.15 }),
            single('soak: open files near the start', 'count', start.fds),
            single('soak: open files at the end', 'count', last.fds),
            figure('soak: status round trip (event-loop stall), early', 'ms', early, { max: 50, on: 'p99' }),
            figure('soak: status round trip (event-loop stall), late', 'ms', late, { max: 50, on: 'p99' }),
            {
                name: 'soak: backend event-loop delay, start → early window',
                unit: 'ms',
                p50: loopEarly!.p50,
                p99: loopEarly!.p99,
                samples: loopEarly!.count,
                target: { max: 50, on: 'p99' },
            },
            {
                name: 'soak: backend event-loop delay, early → late window',
                unit: 'ms',
                p50: loopLate!.p50,
                p99: loopLate!.p99,
                samples: loopLate!.count,
                target: { max: 50, on: 'p99' },
            },
            single('soak: longest event-loop stall, late', 'ms', loopLate!.max, { max: 50 }),
            single('soak: timer changes', 'count', counts.changes),
        ];
    } finally {
        if (backend) {
            const exited = new Promise((resolve) => backend!.once('exit', resolve));
            backend.stdin!.end();
            await exited;
        }
        await provider.server.close();
        sandbox.cleanup();
    }
}
