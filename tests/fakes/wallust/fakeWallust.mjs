// The fake wallust: the one sanctioned stand-in for wallust 3.5.x in tests (wallust cannot be installed
// where the tests run). It follows the real program's command line, exit codes, messages, cache layout
// and side effects (see wallust's src/main.rs, src/cache.rs, src/config.rs), but its
// palette is a pure function of the image's bytes (palette.mjs), so tests can tell which image a palette
// came from. Node built-ins only, so it starts fast.
//
// Knobs (environment):
//   FAKE_WALLUST_VERSION=4.0.0-alpha    what `-V` prints after "wallust " (default 3.5.2)
//   FAKE_WALLUST_DELAY_MS=300 | 100-400 each `run` takes that long (fixed, or uniform random in the range)
//   FAKE_WALLUST_DELAY_PHASE=before-read the delay (and hang) happens before the image is read, instead of
//                                        after (the default, "while generating")
//   FAKE_WALLUST_FAIL=1                 `run` fails like an image with too few colours (exit 1)
//   FAKE_WALLUST_HANG=1                 `run` never finishes; add `ignore-term` (comma-separated) to also
//                                       ignore SIGTERM/SIGINT, `child` to also start a sleeping child process
//                                       in the same process group (its pid is logged as {event:'child'})
//   FAKE_WALLUST_GATE=/path/open        each `run` waits (where the delay would be) until that file exists, so a
//                                       test can hold a palette back until it has seen what comes before it
//   FAKE_WALLUST_GARBAGE=1              the palette cache file is written as invalid JSON (exit still 0)
//   FAKE_WALLUST_PALETTES=dark,light    the only `-p` values this build knows (an older wallust): others are a
//                                       usage error (exit 2)
//   FAKE_WALLUST_LOG=/path/log.jsonl    one JSON line per invocation: {event:'start', pid, argv, cwd, time}

import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import process from 'node:process';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { setInterval } from 'node:timers';

import {
    parseArgs,
    UsageError,
    HELP,
    RUN_HELP,
    BACKENDS,
    COLORSPACES,
    PALETTES,
    FALLBACK_GENERATORS,
    normaliseEnum,
} from './cli.mjs';
import { parseToml, TomlError } from './toml.mjs';
import { fakePalette, paletteFileJson, paletteFromJson, contentHash, sequences } from './palette.mjs';
import { templateValues, writeTemplates, osError } from './templates.mjs';

const CACHE_VER = '1.7';
const V3_LINK = '<https://explosion-mental.codeberg.page/wallust/v3.html>';
const DEFAULTS = { backend: 'fastresize', colorspace: 'lch', palette: 'dark' };

const DISPLAY = {
    full: 'Full',
    resized: 'Resized',
    wal: 'Wal',
    thumb: 'Thumb',
    fastresize: 'FastResize',
    kmeans: 'Kmeans',
    lab: 'Lab',
    labmixed: 'LabMixed',
    lch: 'Lch',
    lchmixed: 'LchMixed',
    lchansi: 'LchAnsi',
    dark: 'Dark',
    dark16: 'Dark16',
    darkcomp: 'DarkComp',
    darkcomp16: 'DarkComp16',
    light: 'Light',
    light16: 'Light16',
    lightcomp: 'LightComp',
    lightcomp16: 'LightComp16',
    harddark: 'HardDark',
    harddark16: 'HardDark16',
    harddarkcomp: 'HardDarkComp',
    harddarkcomp16: 'HardDarkComp16',
    softdark: 'SoftDark',
    softdark16: 'SoftDark16',
    softdarkcomp: 'SoftDarkComp',
    softdarkcomp16: 'SoftDarkComp16',
    softlight: 'SoftLight',
    softlight16: 'SoftLight16',
    softlightcomp: 'SoftLightComp',
    softlightcomp16: 'SoftLightComp16',
    ansidark: 'AnsiDark',
    ansidark16: 'AnsiDark16',
};

const DEFAULT_CONFIG = `# wallust.toml, written by the fake wallust (tests/fakes/wallust) because none existed.
# Values below can be overwritten by command line flags.

# backend = "fastresize"
# color_space = "lch"
# palette = "dark"
# threshold = 20

[templates]
`;

/** A runtime failure: `Error: <msg>` plus anyhow's `Caused by:` section on stderr, exit 1. */
class Failure extends Error {
    constructor(message, causes = []) {
        super(message);
        this.causes = causes;
    }

    render() {
        let out = `Error: ${this.message}\n`;
        if (this.causes.length === 1) out += `\nCaused by:\n${indent(this.causes[0], '    ')}\n`;
        else if (this.causes.length > 1)
            out += `\nCaused by:\n${this.causes.map((c, i) => indent(c, `    ${i}: `)).join('\n')}\n`;
        return out;
    }
}

function indent(text, first) {
    const pad = ' '.repeat(first.length);
    return text
        .split('\n')
        .map((l, i) => (i === 0 ? first : pad) + l)
        .join('\n');
}

const env = process.env;
const out = (s) => process.stdout.write(s);
const home = () => env.HOME || os.homedir();
/** `dirs` crate semantics: an XDG variable counts only when it is an absolute path. */
const xdg = (name, fallback) => (env[name] && path.isAbsolute(env[name]) ? env[name] : path.join(home(), fallback));

async function main() {
    const argv = process.argv.slice(2);
    logLine({ event: 'start', pid: process.pid, ppid: process.ppid, argv, cwd: process.cwd(), time: Date.now() });

    let args;
    try {
        args = parseArgs(argv);
    } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        process.stderr.write(err.render());
        return 2;
    }
    if (args.version) {
        out(`wallust ${env.FAKE_WALLUST_VERSION || '3.5.2'}\n`);
        return 0;
    }
    if (args.help || args.subcommand === 'help') {
        out(args.subcommand === 'run' ? RUN_HELP : HELP);
        return 0;
    }

    try {
        const conf = loadConfig(args.globals);
        if (args.subcommand === 'run') await run(args, conf);
        else if (args.subcommand === 'debug') debug(conf);
        else throw new Failure(`the fake wallust does not implement \`${args.subcommand}\``);
        return 0;
    } catch (err) {
        if (!(err instanceof Failure)) throw err;
        process.stderr.write(err.render());
        return 1;
    }
}

function logLine(obj) {
    if (!env.FAKE_WALLUST_LOG) return;
    fs.appendFileSync(env.FAKE_WALLUST_LOG, `${JSON.stringify(obj)}\n`);
}

/** Config::new: runs before any subcommand, and creates a missing config file (announcing it even with -q). */
function loadConfig(g) {
    const dir = g.configDir ?? path.join(xdg('XDG_CONFIG_HOME', '.config'), 'wallust');
    let file = path.join(dir, 'wallust.toml');
    if (g.configFile !== undefined) {
        if (!fs.existsSync(g.configFile))
            throw new Failure(`Configuration file provided doesn't exist: ${g.configFile}`);
        file = g.configFile;
    }
    const base = { dir, file, user: {}, templates: null, envVars: false };

    if (g.noConfig) {
        out('[I] config: Not using a configuration file, using default values.\n');
        return base;
    }
    if (!fs.existsSync(file)) {
        try {
            fs.mkdirSync(dir, { recursive: true });
            fs.writeFileSync(file, DEFAULT_CONFIG);
        } catch (err) {
            throw new Failure(`Failed to create ${file}`, [osError(err)]);
        }
        out(`[I] config: Configuration file not found, creating one at ${file}\n`);
    }

    const context =
        `Failed to read file ${file}:\nIf you are switching from v2 to v3, use \`wallust ` +
        `migrate\`.\nMake sure to read ${V3_LINK} as well.`;
    let source;
    try {
        source = fs.readFileSync(file, 'utf8');
    } catch (err) {
        throw new Failure(context, [osError(err)]);
    }
    try {
        const toml = parseToml(source);
        return { ...base, ...validateConfig(toml, source) };
    } catch (err) {
        if (err instanceof TomlError) throw new Failure(context, [err.render()]);
        throw err;
    }
}

/** serde's view of wallust.toml: known keys typed and checked, unknown keys ignored. */
function validateConfig(toml, source) {
    const where = (key) => {
        const lines = source.split(/\r?\n/);
        const i = lines.findIndex((l) => new RegExp(`^\\s*${key}\\s*=`).test(l));
        const line = lines[i] ?? '';
        const col = Math.max(line.indexOf('=') + 2, 1);
        return (msg) => new TomlError(msg, i + 1, col + (line[col - 1] === ' ' ? 1 : 0), line);
    };
    const enumKey = (key, values) => {
        const v = toml[key];
        if (v === undefined) return undefined;
        if (typeof v !== 'string') throw where(key)(`invalid type: ${tomlType(v)}, expected a string`);
        const n = normaliseEnum(v, values);
        if (n === null)
            throw where(key)(`unknown variant \`${v}\`, expected one of ${values.map((x) => `\`${x}\``).join(', ')}`);
        return n;
    };
    const intKey = (key, max) => {
        const v = toml[key];
        if (v === undefined) return undefined;
        if (typeof v !== 'number' || !Number.isInteger(v))
            throw where(key)(`invalid type: ${tomlType(v)}, expected u8`);
        if (v < 0 || v > 255) throw where(key)(`invalid value: integer \`${v}\`, expected u8`);
        if (v > max) throw where(key)(`invalid value: integer \`${v}\`, expected a value between 0 and ${max}.`);
        return v;
    };
    const boolKey = (key) => {
        const v = toml[key];
        if (v !== undefined && typeof v !== 'boolean')
            throw where(key)(`invalid type: ${tomlType(v)}, expected a boolean`);
        return v;
    };
    const templates = toml.templates;
    if (templates !== undefined && (typeof templates !== 'object' || Array.isArray(templates))) {
        throw where('templates')('invalid type: expected a map');
    }
    return {
        user: {
            backend: enumKey('backend', BACKENDS),
            colorspace: enumKey('color_space', COLORSPACES),
            palette: enumKey('palette', PALETTES),
            threshold: intKey('threshold', 100),
            alpha: intKey('alpha', 255),
            saturation: intKey('saturation', 255),
            checkContrast: boolKey('check_contrast'),
            fallbackGenerator: enumKey('fallback_generator', FALLBACK_GENERATORS),
        },
        templates: templates ?? null,
        envVars: boolKey('env_vars') ?? false,
    };
}

function tomlType(v) {
    if (typeof v === 'string') return `string "${v}"`;
    if (typeof v === 'number') return Number.isInteger(v) ? `integer \`${v}\`` : `floating point \`${v}\``;
    if (typeof v === 'boolean') return `boolean \`${v}\``;
    return Array.isArray(v) ? 'sequence' : 'map';
}

async function run(args, conf) {
    const g = args.globals;
    const cli = args.run;
    const say = (s) => {
        if (!g.quiet) out(`${s}\n`);
    };

    // Config::customs_cli: flags win over the config file, the config file over the defaults.
    const backend = cli.backend ?? conf.user.backend ?? DEFAULTS.backend;
    const colorspace = cli.colorspace ?? conf.user.colorspace ?? DEFAULTS.colorspace;
    const palette = cli.palette ?? conf.user.palette ?? DEFAULTS.palette;
    const threshold = cli.threshold ?? conf.user.threshold;
    const alpha = cli.alpha ?? conf.user.alpha ?? 100;
    const th = threshold ? String(threshold) : 'auto'; // `true_th = threshold.unwrap_or_default()`, 0 → auto

    const cacheBase = xdg('XDG_CACHE_HOME', '.cache');
    const before = env.FAKE_WALLUST_DELAY_PHASE === 'before-read';
    if (before) await slowness();

    let bytes;
    try {
        bytes = fs.readFileSync(args.file);
    } catch (err) {
        throw new Failure(osError(err));
    }
    const hashDir = path.join(cacheBase, 'wallust', `${contentHash(bytes)}_${CACHE_VER}`);
    try {
        fs.mkdirSync(hashDir, { recursive: true });
    } catch (err) {
        throw new Failure(`Failed to create ${path.join(cacheBase, 'wallust')}`, [osError(err)]);
    }

    say(`[I] image: ${path.basename(args.file)}`);
    say(`[I] image parser: Using ${DISPLAY[backend]} backend parser`);
    say(
        `[I] threshold: ` +
            (threshold
                ? `Using a threshold of ${threshold} in between colors.`
                : 'Not defined, using best default thresholds.'),
    );
    say(`[I] colorspace: Using ${DISPLAY[colorspace]} colorspace variation`);
    say(`[I] scheme palette: Using ${DISPLAY[palette]} palette`);
    if (cli.overwriteCache) say('[I] cache: Overwriting cache, if present, `-w` flag provided.');

    if (!before) await slowness();

    const backFile = path.join(hashDir, DISPLAY[backend]);
    const csFile = path.join(hashDir, `${DISPLAY[backend]}_${DISPLAY[colorspace]}_${th}`);
    const paletteFile = path.join(hashDir, `${DISPLAY[backend]}_${DISPLAY[colorspace]}_${th}_${DISPLAY[palette]}`);
    // Like the real one, `-n` only stops writes: an existing cache entry is still read.
    const write = (file, data) => {
        if (cli.noCache) return;
        try {
            fs.writeFileSync(file, data);
        } catch (err) {
            throw new Failure(osError(err));
        }
    };

    let colors;
    if (!cli.overwriteCache && fs.existsSync(backFile) && fs.existsSync(csFile) && fs.existsSync(paletteFile)) {
        try {
            colors = paletteFromJson(JSON.parse(fs.readFileSync(paletteFile, 'utf8')));
        } catch (err) {
            throw new Failure(serdeMessage(err));
        }
        say(`[I] Using cache at ${hashDir}`);
    } else {
        if (cli.overwriteCache || !fs.existsSync(backFile)) {
            const why = undecodable(bytes);
            if (why) throw new Failure(why);
        }
        colors = fakePalette(bytes);
        write(backFile, JSON.stringify(Array.from(bytes.subarray(0, 48))));
        if (env.FAKE_WALLUST_FAIL === '1') throw new Failure('Not enough colors!');
        write(csFile, JSON.stringify([colors.colors, colors.colors, false]));
        write(paletteFile, env.FAKE_WALLUST_GARBAGE === '1' ? '{\n  "cursor": "#1F2' : paletteFileJson(colors));
        say('[I] Color scheme palette generated!');
    }

    if (!g.skipSequences && !g.updateCurrent) {
        say('[I] sequences: Setting terminal colors.');
        // The real one also writes to every /dev/pts/N; a fake must not touch real terminals.
        fs.writeFileSync(path.join(cacheBase, 'wallust', 'sequences'), sequences(colors, g.ignoreSequence));
    }
    if (g.updateCurrent) {
        say('[I] sequences: Setting colors only in the current terminal.');
        out(sequences(colors, g.ignoreSequence));
    }
    if (!g.skipTemplates) {
        const values = templateValues(colors, {
            wallpaper: fs.realpathSync(args.file),
            backend,
            colorspace,
            palette,
            alpha,
        });
        writeTemplates({
            templates: conf.templates,
            configDir: conf.dir,
            values,
            quiet: g.quiet,
            envVars: conf.envVars,
        });
    }
    if (cli.noCache) say('[I] cache: Skipping caching the palette, `-n` flag provided.');
}

/** Why the image crate would refuse these bytes, or null. Decided by magic bytes and an intact ending. */
function undecodable(b) {
    const starts = (...sig) => sig.every((v, i) => b[i] === v);
    const ascii = (at, s) => b.subarray(at, at + s.length).toString('latin1') === s;
    let format = null;
    let complete = true;
    if (starts(0xff, 0xd8, 0xff)) {
        format = 'Jpeg';
        complete = b.length > 4 && b[b.length - 2] === 0xff && b[b.length - 1] === 0xd9;
    } else if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) {
        format = 'Png';
        complete = b.length >= 45 && b.includes('IEND', 8, 'latin1');
    } else if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) {
        format = 'Gif';
        complete = b.length > 13 && b[b.length - 1] === 0x3b;
    } else if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) {
        format = 'WebP';
        complete = b.length >= 20 && b.readUInt32LE(4) + 8 <= b.length;
    } else if (ascii(0, 'BM')) {
        format = 'Bmp';
        complete = b.length >= 26 && b.readUInt32LE(2) <= b.length;
    } else if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) {
        format = 'Tiff';
        complete = b.length >= 16;
    }
    if (format === null) return 'The image format could not be determined';
    return complete ? null : `Format error decoding ${format}: unexpected end of file`;
}

function serdeMessage(err) {
    return err instanceof SyntaxError ? 'EOF while parsing a value at line 1 column 0' : String(err.message ?? err);
}

async function slowness() {
    const hang = (env.FAKE_WALLUST_HANG ?? '').split(',').filter((m) => m && m !== '0');
    if (hang.length > 0) {
        if (hang.includes('ignore-term')) {
            process.on('SIGTERM', () => {});
            process.on('SIGINT', () => {});
        }
        if (hang.includes('child')) {
            const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' });
            logLine({ event: 'child', pid: process.pid, childPid: child.pid });
        }
        setInterval(() => {}, 1e6);
        await new Promise(() => {});
    }
    if (env.FAKE_WALLUST_GATE) await gateOpen(env.FAKE_WALLUST_GATE);
    const delay = env.FAKE_WALLUST_DELAY_MS;
    if (!delay) return;
    const m = /^(\d+)(?:-(\d+))?$/.exec(delay.trim());
    if (!m) return;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    await sleep(lo + Math.floor(Math.random() * (Math.max(hi, lo) - lo + 1)));
}

/** Resolves once `file` exists: watched in its folder, checked again after the watch starts. */
function gateOpen(file) {
    return new Promise((resolve) => {
        const watcher = fs.watch(path.dirname(file), () => {
            if (fs.existsSync(file)) done();
        });
        const done = () => {
            watcher.close();
            resolve();
        };
        if (fs.existsSync(file)) done();
    });
}

function debug(conf) {
    const some = (v) => (v === undefined ? 'None' : `Some(${typeof v === 'string' ? (DISPLAY[v] ?? v) : v})`);
    const templates = Object.entries(conf.templates ?? {})
        .map(
            ([name, f]) =>
                `    ${name}\n        template = ${f.template ?? f.src}\n        target   = ${f.target ?? f.dst}`,
        )
        .join('\n');
    out(`Cache version: ${CACHE_VER}
Cache path: ${xdg('XDG_CACHE_HOME', '.cache')}
Config directory: ${conf.dir}
Config file: ${conf.file}
Configuration options:
    backend        = ${DISPLAY[conf.user.backend ?? DEFAULTS.backend]}
    color_space    = ${DISPLAY[conf.user.colorspace ?? DEFAULTS.colorspace]}
    threshold      = ${some(conf.user.threshold)}
    palette        = ${DISPLAY[conf.user.palette ?? DEFAULTS.palette]}
    check_contrast = ${some(conf.user.checkContrast)}
    saturation     = ${some(conf.user.saturation)}
    alpha          = ${some(conf.user.alpha)}
Templates:
${templates || 'No entries found.'}
 ~ make sure to report any issue at <https://codeberg.org/explosion-mental/wallust/issues> ~ 
`);
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (err) => {
        process.stderr.write(`fake wallust crashed: ${err?.stack ?? err}\n`);
        process.exitCode = 101;
    },
);
