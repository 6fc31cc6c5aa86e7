// `chameleon next` as a terminal user meets it: the time from starting the command to GNOME's picture-uri
// changing, measured with `gsettings monitor` under a private D-Bus session with the real dconf (as on a desktop),
// beside `node -e 0` on the same machine, runs interleaved so that a busy machine slows all alike. Two ways:
// through a running backend (its control socket) and alone (no backend: the CLI does the work and runs
// gsettings). With Variety installed (and xvfb-run to give it a display), `variety --next` is measured the same
// way. Palettes are cached: every picture has been shown once before the timed runs.
import { execa, type ResultPromise } from 'execa';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { writeGradient } from '../helpers/images.js';
import { figure, single, type Figure } from './measure.js';

const CHILD = 'CHAMELEON_BENCH_CLI_CHILD';
const IMAGES = 40;
const ROUNDS = 25;
const CLI = resolve('dist/backend/cli.js');
const SENTINEL = 'file:///chameleon-bench-sentinel';

/** Lines of `gsettings monitor … picture-uri`, handed out one wait at a time. */
class PictureUriMonitor {
    private readonly lines: string[] = [];
    private waiter: ((line: string) => void) | null = null;
    private readonly child: ResultPromise;
    private resets = 0;

    constructor(env: NodeJS.ProcessEnv) {
        // Line-buffered: into a pipe, gsettings would otherwise keep its lines until it exits.
        this.child = execa('stdbuf', ['-oL', 'gsettings', 'monitor', 'org.gnome.desktop.background', 'picture-uri'], {
            env,
            buffer: false,
            reject: false,
        });
        createInterface({ input: this.child.stdout! }).on('line', (line) => {
            if (this.waiter) {
                const waiter = this.waiter;
                this.waiter = null;
                waiter(line);
            } else this.lines.push(line);
        });
    }

    /** The next line, or null after `timeoutMs`. */
    next(timeoutMs = 60_000): Promise<string | null> {
        const line = this.lines.shift();
        if (line !== undefined) return Promise.resolve(line);
        return new Promise((resolve) => {
            const timer = setTimeout(() => {
                if (this.waiter === settle) this.waiter = null;
                resolve(null);
            }, timeoutMs);
            const settle = (value: string) => {
                clearTimeout(timer);
                resolve(value);
            };
            this.waiter = settle;
        });
    }

    /**
     * Sets picture-uri to a new sentinel and waits to see it: the next change is then surely the command's own.
     * Until the monitor has subscribed, a change goes unseen; it is tried again then.
     */
    async reset(env: NodeJS.ProcessEnv): Promise<void> {
        for (let attempt = 0; attempt < 40; attempt++) {
            this.lines.length = 0;
            const seen = this.next(attempt === 0 ? 5000 : 500);
            await execa(
                'gsettings',
                ['set', 'org.gnome.desktop.background', 'picture-uri', `'${SENTINEL}-${++this.resets}'`],
                { env },
            );
            if ((await seen) !== null) return;
        }
        throw new Error('gsettings monitor reports no change of picture-uri');
    }

    stop(): void {
        this.child.kill();
    }
}

/** Milliseconds from spawning `argv` to the next picture-uri change (the command must then also exit 0). */
async function untilPictureUri(monitor: PictureUriMonitor, env: NodeJS.ProcessEnv, argv: string[]): Promise<number> {
    await monitor.reset(env);
    const changed = monitor.next();
    const start = process.hrtime.bigint();
    const run = execa(argv[0]!, argv.slice(1), { env, reject: false });
    const line = await changed;
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const result = await run;
    if (result.exitCode !== 0 || line === null)
        throw new Error(`${argv.join(' ')} did not change picture-uri: ${result.stderr}`);
    return ms;
}

async function untilExit(env: NodeJS.ProcessEnv, argv: string[]): Promise<number> {
    const start = process.hrtime.bigint();
    await execa(argv[0]!, argv.slice(1), { env });
    return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Starts `variety` on a display of its own with one local folder and nothing online; null when it cannot. */
async function startVariety(
    dir: string,
    folder: string,
    env: NodeJS.ProcessEnv,
    monitor: PictureUriMonitor,
): Promise<{ next: string[]; stop(): void } | null> {
    const has = async (program: string) =>
        (await execa('sh', ['-c', `command -v ${program}`], { reject: false })).exitCode === 0;
    if (!(await has('variety')) || !(await has('xvfb-run'))) return null;
    const config = join(dir, 'variety');
    mkdirSync(config, { recursive: true });
    // As after a first run: no welcome and privacy dialogs (they would wait for a click), no upgrade steps.
    writeFileSync(join(config, '.firstrun'), 'bench');
    const version = await execa('variety', ['--version'], { env, reject: false });
    const match = /(\d+\.\d+\.\d+)/.exec(version.stdout);
    if (match) writeFileSync(join(config, '.version'), match[1]!);
    writeFileSync(
        join(config, 'variety.conf'),
        [
            'change_on_start = False',
            'change_enabled = False',
            'internet_enabled = False',
            'quota_enabled = False',
            'smart_enabled = False',
            'smart_notice_shown = True',
            'smart_register_shown = True',
            'stats_notice_shown = True',
            'stats_enabled = False',
            'sync_enabled = False',
            'quotes_enabled = False',
            'clock_enabled = False',
            '[sources]',
            `src1 = True|folder|${folder}`,
            '',
        ].join('\n'),
    );
    const daemon = spawn('xvfb-run', ['-a', 'variety', '--profile', config], { env, stdio: 'ignore', detached: true });
    const next = ['variety', '--profile', config, '--next'];
    const stop = () => process.kill(-daemon.pid!, 'SIGTERM');
    // Variety takes `--next` before it has finished starting and then drops it: ask until the wallpaper changes.
    for (let i = 0; i < 60; i++) {
        await monitor.reset(env);
        const changed = monitor.next(3000);
        await execa(next[0]!, next.slice(1), { env, reject: false, timeout: 20_000 });
        if ((await changed) !== null) return { next, stop };
    }
    stop();
    return null;
}

/** Runs inside `dbus-run-session`: the timed runs, printed as one JSON line of samples. */
async function child(dir: string): Promise<void> {
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CURRENT_DESKTOP: 'GNOME' };
    delete env.GSETTINGS_BACKEND;
    const folder = join(dir, 'walls');
    const monitor = new PictureUriMonitor(env);
    const socketData = join(dir, 'data-socket');
    const aloneData = join(dir, 'data-alone');
    const alone = [process.execPath, CLI, '--data-dir', aloneData, 'next', '--folder', folder];
    const viaSocket = [process.execPath, CLI, '--data-dir', socketData, 'next'];
    const backend = execa(process.execPath, [CLI, '--data-dir', socketData, 'serve', '--stdio', '--folder', folder], {
        env,
        stdin: 'pipe',
        buffer: false,
        reject: false,
    });
    try {
        // Every picture shown once each way, so palettes are cached in both databases.
        for (let i = 0; i < IMAGES + 2; i++) await untilPictureUri(monitor, env, alone);
        for (let i = 0; i < IMAGES + 2; i++) await untilPictureUri(monitor, env, viaSocket);
        const variety = await startVariety(dir, folder, env, monitor);
        // Variety's own first changes (thumbnails, caches) are not timed either.
        for (let i = 0; variety && i < 5; i++) await untilPictureUri(monitor, env, variety.next);
        const samples: Record<string, number[]> = { node: [], alone: [], socket: [], variety: [] };
        for (let round = 0; round < ROUNDS; round++) {
            samples.node!.push(await untilExit(env, [process.execPath, '-e', '0']));
            samples.alone!.push(await untilPictureUri(monitor, env, alone));
            samples.socket!.push(await untilPictureUri(monitor, env, viaSocket));
            if (variety) samples.variety!.push(await untilPictureUri(monitor, env, variety.next));
        }
        variety?.stop();
        process.stdout.write(`${JSON.stringify(samples)}\n`);
    } finally {
        monitor.stop();
        backend.stdin?.end();
        await backend;
    }
}

if (process.env[CHILD]) {
    await child(process.env[CHILD]);
    process.exit(0);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

export async function cliFigures(): Promise<Figure[]> {
    if ((await execa('sh', ['-c', 'command -v dbus-run-session'], { reject: false })).exitCode !== 0) return [];
    const dir = mkdtempSync(join(tmpdir(), 'chameleon-bench-cli-'));
    try {
        mkdirSync(join(dir, 'walls'));
        for (let i = 0; i < IMAGES; i++) {
            const hue = (i * 37) % 360;
            await writeGradient(join(dir, 'walls', `picture-${i}.jpg`), {
                width: 1920,
                height: 1080,
                from: hslHex(hue, 0.3),
                to: hslHex((hue + 90) % 360, 0.7),
            });
        }
        const runtime = join(dir, 'run');
        mkdirSync(runtime, { mode: 0o700 });
        const script = fileURLToPath(import.meta.url);
        // Variety refuses to run as root: as root, everything measured runs as nobody, alike.
        const asNobody =
            process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
        if (asNobody.length > 0) execFileSync('chown', ['-R', '65534:65534', dir]);
        const [program, ...args] = [...asNobody, 'dbus-run-session', '--', process.execPath, script, '--only', 'none'];
        const { stdout } = await execa(program!, args, {
            env: {
                PATH: process.env.PATH,
                [CHILD]: dir,
                HOME: join(dir, 'home'),
                XDG_CONFIG_HOME: join(dir, 'config'),
                XDG_DATA_HOME: join(dir, 'data'),
                XDG_CACHE_HOME: join(dir, 'cache'),
                XDG_RUNTIME_DIR: runtime,
            },
            timeout: 1_800_000,
        });
        const samples = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number[]>;
        const node = median(samples.node!);
        const figures = [
            figure('node -e 0 (same machine, interleaved)', 'ms', samples.node!),
            figure('chameleon next → picture-uri, through the running backend', 'ms', samples.socket!),
            figure('chameleon next → picture-uri, alone (no backend)', 'ms', samples.alone!),
            single('chameleon next through the backend ÷ node -e 0', 'ratio', median(samples.socket!) / node, {
                max: 1.5,
            }),
            single('chameleon next alone ÷ node -e 0', 'ratio', median(samples.alone!) / node, { max: 3 }),
        ];
        if (samples.variety!.length > 0) {
            figures.push(figure('variety --next → picture-uri', 'ms', samples.variety!));
            figures.push(
                single(
                    'chameleon next through the backend ÷ variety --next',
                    'ratio',
                    median(samples.socket!) / median(samples.variety!),
                    { max: 1 },
                ),
            );
            figures.push(
                single(
                    'chameleon next alone ÷ variety --next',
                    'ratio',
                    median(samples.alone!) / median(samples.variety!),
                ),
            );
        }
        return figures;
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** An sRGB hex colour of hue `h` at lightness `l` and full-ish saturation (HSL). */
function hslHex(h: number, l: number): string {
    const s = 0.6;
    const f = (n: number) => {
        const k = (n + h / 30) % 12;
        const c = l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
        return Math.round(c * 255)
            .toString(16)
            .padStart(2, '0');
    };
    return `#${f(0)}${f(8)}${f(4)}`;
}
