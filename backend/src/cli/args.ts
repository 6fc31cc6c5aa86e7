import { parseArgs } from 'node:util';

export const USAGE = `Usage: chameleon [--data-dir DIR] COMMAND [OPTIONS]

Commands:
  next [--folder DIR]... [--json]   show the next wallpaper (forward through history first, then a new pick)
  previous [--json]                 go back to the wallpaper before this one
  current [--json]                  print the wallpaper on screen and its palette
  history [--limit N] [--json]      list shown wallpapers, newest first
  rescan [--folder DIR]... [--json] bring the index of the wallpaper folders up to date
  status [--json]                   print what the backend knows: folders, images, current wallpaper
  serve --stdio [--folder DIR]...   run the backend for the GNOME Shell extension (JSON-RPC on stdin/stdout)

Options:
  --folder DIR      use this folder instead of the configured ones (repeatable)
  --json            print JSON instead of text
  --data-dir DIR    keep the database in DIR (default: $XDG_DATA_HOME/chameleon)
  -h, --help        print this help
  -V, --version     print the version

With the extension running, commands go to its backend, so the panel menu follows them.
Without it, the folders come from the extension's settings (or --folder), else your Pictures folder.`;

export type Command = 'next' | 'previous' | 'current' | 'history' | 'rescan' | 'status' | 'serve';
const COMMANDS: readonly Command[] = ['next', 'previous', 'current', 'history', 'rescan', 'status', 'serve'];
/** Which options each command takes; anything else is a usage error rather than silently ignored. */
const ALLOWED: Record<Command, readonly string[]> = {
    next: ['folder', 'json'],
    previous: ['json'],
    current: ['json'],
    history: ['json', 'limit'],
    rescan: ['folder', 'json'],
    status: ['json'],
    serve: ['stdio', 'folder'],
};

export type ParsedArgs =
    | { kind: 'help' }
    | { kind: 'version' }
    | { kind: 'command'; command: Command; folders: string[]; json: boolean; limit: number; dataDir: string | undefined };

export class UsageError extends Error {
    override name = 'UsageError';
}

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
    let parsed;
    try {
        parsed = parseArgs({
            args: [...argv],
            allowPositionals: true,
            strict: true,
            options: {
                folder: { type: 'string', multiple: true },
                json: { type: 'boolean' },
                limit: { type: 'string' },
                stdio: { type: 'boolean' },
                'data-dir': { type: 'string' },
                help: { type: 'boolean', short: 'h' },
                version: { type: 'boolean', short: 'V' },
            },
        });
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.help) return { kind: 'help' };
    if (values.version) return { kind: 'version' };
    const [command, ...extra] = positionals;
    if (!command) throw new UsageError('no command given');
    if (!COMMANDS.includes(command as Command)) throw new UsageError(`unknown command: ${command}`);
    if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`);
    const name = command as Command;
    for (const option of Object.keys(values)) {
        if (option !== 'data-dir' && !ALLOWED[name].includes(option)) throw new UsageError(`${name} does not take --${option}`);
    }
    if (name === 'serve' && !values.stdio) throw new UsageError('serve needs --stdio');
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, not ${values.limit}`);
    return { kind: 'command', command: name, folders: values.folder ?? [], json: !!values.json, limit, dataDir: values['data-dir'] };
}
