// Argument parsing for the fake wallust, shaped after wallust 3.5's clap definitions (src/args/mod.rs):
// global flags may come before or after the subcommand, `-b full`, `-bfull`, `-b=full` and
// `--backend=full` are all accepted, short flags cluster (`-qsT`), and every usage error is reported
// the way clap 4 reports it, with exit code 2.

export const BACKENDS = ['full', 'resized', 'wal', 'thumb', 'fastresize', 'kmeans'];
export const COLORSPACES = ['lab', 'labmixed', 'lch', 'lchmixed', 'lchansi'];
export const PALETTES = [
    'dark',
    'dark16',
    'darkcomp',
    'darkcomp16',
    'light',
    'light16',
    'lightcomp',
    'lightcomp16',
    'harddark',
    'harddark16',
    'harddarkcomp',
    'harddarkcomp16',
    'softdark',
    'softdark16',
    'softdarkcomp',
    'softdarkcomp16',
    'softlight',
    'softlight16',
    'softlightcomp',
    'softlightcomp16',
    'ansidark',
    'ansidark16',
];
export const FALLBACK_GENERATORS = ['interpolate', 'complementary'];
export const SEQUENCES = ['background', 'foreground', 'cursor', ...Array.from({ length: 16 }, (_, i) => `color${i}`)];

/** clap aliases (`#[clap(alias = "fast-resize")]` and friends): accepted, never listed. */
const ALIASES = {
    'fast-resize': 'fastresize',
    'lab-mixed': 'labmixed',
    'lch-mixed': 'lchmixed',
    'lch-ansi': 'lchansi',
    'dark-comp': 'darkcomp',
    'dark-comp16': 'darkcomp16',
    'hard-dark': 'harddark',
    'hard-dark16': 'harddark16',
    'hard-dark-comp': 'harddarkcomp',
    'hard-dark-comp16': 'harddarkcomp16',
    'light-comp': 'lightcomp',
    'light-comp16': 'lightcomp16',
    'soft-dark': 'softdark',
    'soft-dark16': 'softdark16',
    'soft-dark-comp': 'softdarkcomp',
    'soft-dark-comp16': 'softdarkcomp16',
    'soft-light': 'softlight',
    'soft-light16': 'softlight16',
    'soft-light-comp': 'softlightcomp',
    'soft-light-comp16': 'softlightcomp16',
    'ansi-dark': 'ansidark',
    'ansi-dark16': 'ansidark16',
};

export function normaliseEnum(value, allowed) {
    const v = ALIASES[value] ?? value;
    return allowed.includes(v) ? v : null;
}

/** A clap usage error: printed to stderr, exit 2. */
export class UsageError extends Error {
    constructor(message, { hint = '', usage = 'wallust [OPTIONS] <COMMAND>' } = {}) {
        super(message);
        this.hint = hint;
        this.usage = usage;
    }

    render() {
        const hint = this.hint ? `\n${this.hint}` : '';
        const usage = this.usage ? `\n\nUsage: ${this.usage}` : '';
        return `error: ${this.message}${hint}${usage}\n\nFor more information, try '--help'.\n`;
    }
}

function enumOpt(allValues, restrictVar) {
    return (raw, display) => {
        // An older wallust build knows fewer values; the knob lets a test present one.
        const values = restrictVar && process.env[restrictVar] ? process.env[restrictVar].split(',') : allValues;
        const v = normaliseEnum(raw, values);
        if (v === null) {
            throw new UsageError(`invalid value '${raw}' for '${display}'`, {
                hint: `  [possible values: ${values.join(', ')}]`,
                usage: '',
            });
        }
        return v;
    };
}

function rangeOpt(min, max) {
    return (raw, display) => {
        if (!/^[+-]?\d+$/.test(raw)) {
            const why = raw === '' ? 'cannot parse integer from empty string' : 'invalid digit found in string';
            throw new UsageError(`invalid value '${raw}' for '${display}': ${why}`, { usage: '' });
        }
        const n = Number(raw);
        if (n < min || n > max) {
            throw new UsageError(`invalid value '${raw}' for '${display}': ${n} is not in ${min}..=${max}`, {
                usage: '',
            });
        }
        return n;
    };
}

function sequenceList(raw, display) {
    return raw.split(',').map((part) => {
        if (!SEQUENCES.includes(part)) {
            throw new UsageError(`invalid value '${part}' for '${display}'`, {
                hint: `  [possible values: ${SEQUENCES.join(', ')}]`,
                usage: '',
            });
        }
        return part;
    });
}

const text = (raw) => raw;

/** Global flags (`#[arg(global = true)]`). */
const GLOBALS = [
    { key: 'ignoreSequence', short: 'I', long: 'ignore-sequence', value: 'IGNORE_SEQUENCE', parse: sequenceList },
    { key: 'quiet', short: 'q', long: 'quiet' },
    { key: 'skipSequences', short: 's', long: 'skip-sequences' },
    { key: 'skipTemplates', short: 'T', long: 'skip-templates' },
    { key: 'updateCurrent', short: 'u', long: 'update-current' },
    { key: 'configFile', short: 'C', long: 'config-file', value: 'CONFIG_FILE', parse: text },
    { key: 'configDir', short: 'd', long: 'config-dir', value: 'CONFIG_DIR', parse: text },
    { key: 'noConfig', short: 'N', long: 'no-config' },
    { key: 'help', short: 'h', long: 'help' },
];

const RUN = [
    { key: 'alpha', short: 'a', long: 'alpha', value: 'ALPHA', parse: rangeOpt(0, 100) },
    { key: 'backend', short: 'b', long: 'backend', value: 'BACKEND', parse: enumOpt(BACKENDS) },
    { key: 'colorspace', short: 'c', long: 'colorspace', value: 'COLORSPACE', parse: enumOpt(COLORSPACES) },
    {
        key: 'fallbackGenerator',
        short: 'f',
        long: 'fallback-generator',
        value: 'FALLBACK_GENERATOR',
        parse: enumOpt(FALLBACK_GENERATORS),
    },
    { key: 'checkContrast', short: 'k', long: 'check-contrast' },
    { key: 'noCache', short: 'n', long: 'no-cache' },
    {
        key: 'palette',
        short: 'p',
        long: 'palette',
        value: 'PALETTE',
        parse: enumOpt(PALETTES, 'FAKE_WALLUST_PALETTES'),
    },
    { key: 'saturation', long: 'saturation', value: 'SATURATION', parse: rangeOpt(1, 100) },
    { key: 'threshold', short: 't', long: 'threshold', value: 'THRESHOLD', parse: rangeOpt(1, 100) },
    { key: 'dynamicThreshold', long: 'dynamic-threshold' },
    { key: 'overwriteCache', short: 'w', long: 'overwrite-cache' },
];

/** Pairs clap refuses together (`conflicts_with`). */
const CONFLICTS = [
    ['skipSequences', 'updateCurrent'],
    ['skipSequences', 'ignoreSequence'],
    ['configFile', 'configDir'],
    ['noConfig', 'configFile'],
    ['noConfig', 'configDir'],
    ['threshold', 'dynamicThreshold'],
];

export const SUBCOMMANDS = ['run', 'cs', 'theme', 'migrate', 'debug', 'pywal', 'help'];

function display(spec) {
    return spec.value ? `--${spec.long} <${spec.value}>` : `--${spec.long}`;
}

/**
 * Parses argv (without node and script) into { version, help, subcommand, globals, run, file, rest }.
 * Throws UsageError on anything clap would reject.
 */
export function parseArgs(argv) {
    const out = { version: false, help: false, subcommand: null, globals: {}, run: {}, file: null, rest: [] };
    const seen = new Map();
    let onlyPositionals = false;

    const specsInScope = () => (out.subcommand === 'run' ? [...GLOBALS, ...RUN] : GLOBALS);
    const usage = () => (out.subcommand === 'run' ? 'wallust run [OPTIONS] <FILE>' : 'wallust [OPTIONS] <COMMAND>');

    const set = (spec, value) => {
        if (seen.has(spec.key)) {
            throw new UsageError(`the argument '${display(spec)}' cannot be used multiple times`, { usage: usage() });
        }
        seen.set(spec.key, spec);
        const target = RUN.includes(spec) ? out.run : out.globals;
        target[spec.key] = value;
    };

    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const takeValue = (spec, inline) => {
            if (inline !== undefined) return spec.parse(inline, display(spec));
            if (i + 1 >= argv.length) {
                const values = spec.parse === text || spec.parse === sequenceList ? '' : possibleValues(spec);
                throw new UsageError(`a value is required for '${display(spec)}' but none was supplied`, {
                    hint: values,
                    usage: '',
                });
            }
            i += 1;
            return spec.parse(argv[i], display(spec));
        };

        if (!onlyPositionals && arg === '--') {
            onlyPositionals = true;
        } else if (!onlyPositionals && arg.startsWith('--')) {
            const eq = arg.indexOf('=');
            const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
            const inline = eq === -1 ? undefined : arg.slice(eq + 1);
            if (name === 'version' && out.subcommand === null) {
                out.version = true;
                continue;
            }
            const spec = specsInScope().find((s) => s.long === name);
            if (!spec) throw new UsageError(`unexpected argument '${arg}' found`, { usage: usage() });
            if (spec.value) set(spec, takeValue(spec, inline));
            else if (inline !== undefined)
                throw new UsageError(
                    `unexpected value '${inline}' for '${display(spec)}' found; no more were expected`,
                    { usage: usage() },
                );
            else set(spec, true);
        } else if (!onlyPositionals && arg.startsWith('-') && arg.length > 1) {
            for (let j = 1; j < arg.length; j++) {
                const ch = arg[j];
                if (ch === 'V' && out.subcommand === null) {
                    out.version = true;
                    continue;
                }
                const spec = specsInScope().find((s) => s.short === ch);
                if (!spec) throw new UsageError(`unexpected argument '-${ch}' found`, { usage: usage() });
                if (spec.value) {
                    let inline = arg.slice(j + 1);
                    if (inline.startsWith('=')) inline = inline.slice(1);
                    set(spec, takeValue(spec, inline === '' ? undefined : inline));
                    break;
                }
                set(spec, true);
            }
        } else if (out.subcommand === null) {
            if (!SUBCOMMANDS.includes(arg)) {
                throw new UsageError(`unrecognized subcommand '${arg}'`, { usage: 'wallust [OPTIONS] <COMMAND>' });
            }
            out.subcommand = arg;
        } else if (out.subcommand === 'run' && out.file === null) {
            out.file = arg;
        } else if (out.subcommand === 'run' || out.subcommand === 'debug' || out.subcommand === 'migrate') {
            throw new UsageError(`unexpected argument '${arg}' found`, { usage: usage() });
        } else {
            out.rest.push(arg);
        }
    }

    out.help = Boolean(out.globals.help);
    delete out.globals.help;
    if (out.version || out.help) return out;

    for (const [a, b] of CONFLICTS) {
        if (seen.has(a) && seen.has(b)) {
            throw new UsageError(
                `the argument '${display(seen.get(a))}' cannot be used with '${display(seen.get(b))}'`,
                { usage: usage() },
            );
        }
    }
    if (out.subcommand === null) {
        throw new UsageError("'wallust' requires a subcommand but one was not provided", {
            hint: `  [subcommands: ${SUBCOMMANDS.join(', ')}]`,
            usage: 'wallust [OPTIONS] <COMMAND>',
        });
    }
    if (out.subcommand === 'run' && out.file === null) {
        throw new UsageError('the following required arguments were not provided:\n  <FILE>', {
            usage: 'wallust run <FILE>',
        });
    }
    return out;
}

function possibleValues(spec) {
    const lists = {
        backend: BACKENDS,
        colorspace: COLORSPACES,
        palette: PALETTES,
        fallbackGenerator: FALLBACK_GENERATORS,
    };
    const values = lists[spec.key];
    return values ? `  [possible values: ${values.join(', ')}]` : '';
}

export const HELP = `Generate a 16 color scheme based on an image.

Usage: wallust [OPTIONS] <COMMAND>

Commands:
  run      Generate a palette from an image
  cs       Apply a certain colorscheme
  theme    Apply a custom built in theme
  migrate  Migrate v2 config to v3 (might lose comments,)
  debug    Print information about the program and the enviroment it uses
  pywal    A drop-in cli replacement for pywal
  help     Print this message or the help of the given subcommand(s)

Options:
  -I, --ignore-sequence <IGNORE_SEQUENCE>  Won't send these colors sequences
  -q, --quiet                              Don't print anything
  -s, --skip-sequences                     Skip setting terminal sequences
  -T, --skip-templates                     Skip templating process
  -u, --update-current                     Only update the current terminal
  -C, --config-file <CONFIG_FILE>          Use CONFIG_FILE as the config file
  -d, --config-dir <CONFIG_DIR>            Uses CONFIG_DIR as the config directory
  -N, --no-config                          Won't read the config and avoids creating it's config path
  -h, --help                               Print help
  -V, --version                            Print version
`;

export const RUN_HELP =
    `Generate a palette from an image

Usage: wallust run [OPTIONS] <FILE>

Arguments:
  <FILE>  Path to the image to use

Options:
  -a, --alpha <ALPHA>                  Alpha *template variable* value, used only for templating (default is 100)
` +
    `  -b, --backend <BACKEND>              Choose which backend to use (overwrites config) ` +
    `[possible values: ${BACKENDS.join(', ')}]\n` +
    `  -c, --colorspace <COLORSPACE>        Choose which colorspace to use (overwrites config) ` +
    `[possible values: ${COLORSPACES.join(', ')}]\n` +
    `  -f, --fallback-generator <FALLBACK_GENERATOR>  Choose which fallback generation method to use ` +
    `(overwrites config) [possible values: ${FALLBACK_GENERATORS.join(', ')}]\n` +
    `  -k, --check-contrast                 Ensure a readable contrast by checking colors in reference to the ` +
    `background (overwrites config)\n` +
    `  -n, --no-cache                       Don't cache the results\n` +
    `  -p, --palette <PALETTE>              Choose which palette to use (overwrites config) ` +
    `[possible values: ${PALETTES.join(', ')}]\n` +
    `      --saturation <SATURATION>        Add saturation from 1% to 100% (overwrites config)
  -t, --threshold <THRESHOLD>          Choose a custom threshold, between 1 and 100 (overwrites config)
      --dynamic-threshold              Dynamically changes the threshold to be best fit
  -w, --overwrite-cache                Generates colors even if there is a cache version of it
  -h, --help                           Print help
`;
