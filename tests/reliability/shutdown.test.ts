// Shutdown always completes: SIGTERM, the end of stdin (the extension's disable()) and whatever the backend is
// doing at the time. The real backend, put in each state, then stopped; the test waits on its exit event.
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../backend/src/protocol/messages.js';
import { BackendProcess } from '../helpers/backendProcess.js';
import { writeNoise, writeSolid } from '../helpers/images.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';

let sandbox: Sandbox;
let folder: string;
const servers: Server[] = [];
const peers: Socket[] = [];
beforeEach(async () => {
    sandbox = makeSandbox();
    folder = sandbox.folder('walls');
    await writeSolid(join(folder, 'a.png'), '#aa3333');
    await writeSolid(join(folder, 'b.png'), '#33aa33');
});
afterEach(async () => {
    for (const server of servers.splice(0)) {
        for (const peer of peers.splice(0)) peer.destroy();
        await new Promise((resolve) => server.close(resolve));
    }
    sandbox.cleanup();
});

function exited(backend: BackendProcess): Promise<{ code: number | null; signal: string | null }> {
    return new Promise((resolve) => backend.child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** The database as the next start finds it: sound, and everything checkpointed into the main file. */
function expectClosedCleanly(): void {
    const file = join(sandbox.dataDir, 'chameleon.db');
    const wal = `${file}-wal`;
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
}

async function started(config: object = {}): Promise<BackendProcess> {
    const backend = BackendProcess.start(sandbox);
    await backend.call('initialize', { protocolVersion: 2, config: { folders: [folder], ...config } });
    return backend;
}

/** A loopback server that accepts requests and never answers them. */
async function silentServer(): Promise<string> {
    const server = createServer((peer) => peers.push(peer));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return `http://127.0.0.1:${port}`;
}

interface SocketClient {
    socket: Socket;
    request(method: string, params?: unknown): Promise<{ result?: unknown; error?: { code: number; message: string } }>;
    ended: Promise<void>;
}

async function socketClient(): Promise<SocketClient> {
    const socket = connect(join(sandbox.env.XDG_RUNTIME_DIR!, 'chameleon', 'backend.sock'));
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const waiting = new Map<number, (message: never) => void>();
    createInterface({ input: socket }).on('line', (line) => {
        const message = JSON.parse(line) as { id?: number };
        if (message.id !== undefined) waiting.get(message.id)?.(message as never);
    });
    let nextId = 1;
    return {
        socket,
        ended: new Promise((resolve) => socket.once('close', () => resolve())),
        request(method, params) {
            const id = nextId++;
            return new Promise((resolve) => {
                waiting.set(id, resolve);
                socket.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
            });
        },
    };
}

describe('shutdown', () => {
    it('ends on the end of stdin during first-run analysis, with the database closed cleanly', async () => {
        await Promise.all(
            Array.from({ length: 24 }, (_, i) =>
                writeNoise(join(folder, `n${i}.jpg`), { width: 1600, height: 1000, base: '#4a7ac2', seed: i }),
            ),
        );
        const backend = await started();
        await backend.call('wallpaper.next');
        // The background pass has started on the images (its first report may already be in): stop now, as the
        // extension's disable() does.
        if (!backend.received.some((message) => message.method === 'index.progress'))
            await backend.notification('index.progress');
        const exit = exited(backend);
        backend.child.stdin!.end();
        expect(await exit).toEqual({ code: 0, signal: null });
        expect(backend.stderr).not.toMatch(/EPIPE|unsettled|Error/);
        expectClosedCleanly();
    });

    it('ends on SIGTERM during an online refresh that never gets an answer', async () => {
        const base = await silentServer();
        const backend = await started({
            online: {
                sources: [{ id: 'stuck', kind: 'bing', enabled: true, refreshMinutes: 0, options: { baseUrl: base } }],
                requestIntervalMs: 0,
            },
        });
        await backend.call('wallpaper.next');
        const refresh = backend.send('sources.refresh', {});
        const connected = new Promise((resolve) => servers[0]!.once('connection', resolve));
        await connected;
        const exit = exited(backend);
        process.kill(backend.child.pid!, 'SIGTERM');
        expect(await exit).toEqual({ code: 0, signal: null });
        void refresh;
        expectClosedCleanly();
    });

    it('ends on SIGTERM in the middle of a flood of requests', async () => {
        const backend = await started();
        await backend.call('wallpaper.next');
        const exit = exited(backend);
        const flood = Array.from({ length: 20_000 }, (_, i) =>
            JSON.stringify({
                jsonrpc: '2.0',
                id: `f${i}`,
                method: ['status', 'history.list', 'wallpaper.next'][i % 3],
                params: {},
            }),
        ).join('\n');
        backend.child.stdin!.write(`${flood}\n`);
        // The first answers show the flood is being worked through.
        await new Promise<void>((resolve) => {
            const check = () =>
                backend.received.some((m) => typeof m.id === 'string' && m.id.startsWith('f'))
                    ? resolve()
                    : setImmediate(check);
            check();
        });
        process.kill(backend.child.pid!, 'SIGTERM');
        const ended = await exit;
        if (ended.code !== 0) console.log(backend.stderr.slice(-3000));
        expect(ended).toEqual({ code: 0, signal: null });
        expectClosedCleanly();
    });

    it('answers a control-socket client ShuttingDown and does not wait for an idle one', async () => {
        // A post-change command that takes its time keeps one change running while the client's request waits.
        const marker = join(sandbox.dir, 'hook-started');
        const backend = await started({
            hookTimeoutSeconds: 120,
            postChangeCommands: [['sh', '-c', `touch '${marker}'; exec sleep 120`]],
        });
        const idle = await socketClient();
        const busy = await socketClient();
        const running = backend.send('wallpaper.next');
        await new Promise<void>((resolve) => {
            const check = () => (existsSync(marker) ? resolve() : setTimeout(check, 20));
            check();
        });
        const waiting = busy.request('wallpaper.previous');
        // The request is read and queued behind the running change before the backend is told to stop.
        expect((await busy.request('status')).result).toBeTruthy();
        const exit = exited(backend);
        process.kill(backend.child.pid!, 'SIGTERM');
        expect((await waiting).error).toMatchObject({ code: ErrorCode.ShuttingDown });
        expect(await exit).toEqual({ code: 0, signal: null });
        await Promise.all([idle.ended, busy.ended]);
        void running;
        expectClosedCleanly();
    });

    it('ends on SIGTERM while a template target is a FIFO nobody reads', async () => {
        const home = sandbox.env.HOME!;
        mkdirSync(join(home, '.config'), { recursive: true });
        const template = join(home, 'colors.tpl');
        const { writeFileSync } = await import('node:fs');
        writeFileSync(template, 'accent={{accent}}\n');
        await execa('mkfifo', [join(home, '.config', 'colors.conf')]);
        const backend = await started({ theme: { templates: [{ template, target: '~/.config/colors.conf' }] } });
        const changed = await backend.send('wallpaper.next');
        // The target is refused (a FIFO is not a file to write), not waited on for ever.
        expect(changed.error).toBeUndefined();
        const status = await backend.call('status');
        expect(status.theme?.outputs[0]).toMatchObject({
            state: 'failed',
            error: expect.stringMatching(/not a regular file/),
        });
        const exit = exited(backend);
        process.kill(backend.child.pid!, 'SIGTERM');
        expect(await exit).toEqual({ code: 0, signal: null });
        expectClosedCleanly();
    });
});
