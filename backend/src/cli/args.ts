import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { COLOUR_FAMILIES, type ColourFamily } from '../protocol/gallery.js';

export const USAGE = `Usage: chameleon [--data-dir DIR] COMMAND [OPTIONS]

Commands:
  next [--folder DIR]... [--json]   show the next wallpaper (forward through history first, then a new pick)
  previous [--json]                 go back to the wallpaper before this one
  set PATH [--json]                 show this picture now (one outside the folders is shown, not added to them)
  current [--json]                  print the wallpaper on screen and its palette
  history [--limit N] [--json]      list shown wallpapers, newest first
  gallery [FILTERS] [--json]        list the collection's pictures by path, a page at a time: --folder DIR (one of
                                    the folders), --favourites, --family red|orange|…|grey, --offset N, --limit N
                                    (default 60), --thumbnails (make the page's thumbnails and print their paths)
  rescan [--folder DIR]... [--json] bring the index of the wallpaper folders up to date
  status [--json]                   print what the backend knows: folders, images, current wallpaper
  fast-forward [--json]             pick a new wallpaper now, even after going back with previous
  favourite [PATH] [--json]         mark the wallpaper on screen (or PATH) as a favourite
  unfavourite [PATH] [--json]       unmark it
  trash [PATH] [--json]             move it to the desktop trash (restorable from Files) and show the next one
  ban [PATH] [--json]               never show it again (and show the next one if it is on screen)
  unban PATH [--json]               let it be shown again
  pause [--json]                    stop the timer from changing the wallpaper
  resume [--json]                   let the timer change it again
  why [PATH] [--json]               explain the Smart Selection weight and chance of the wallpaper (or PATH)
  stats [--json]                    counts by lightness, hue, freshness, favourites and folder
  analyse [--limit N] [--json]      measure colour features of images not analysed yet (default 200)
  sources [--json]                  online sources: enabled or not, downloads, quota, problems
  refresh [ID] [--json]             download new images now from online source ID (default: every enabled one)
  origin [PATH] [--json]            where the wallpaper on screen (or PATH) came from: author, page, licence
  ban-url URL|PATH [--json]         never download this image URL again (PATH: the URL a download came from)
  unban-url URL [--json]            let a banned URL be downloaded again
  import-variety [DIR] [--json]     take over Variety's folders, favourites, bans and history (DIR: ~/.config/variety)
  serve --stdio [--folder DIR]...   run the backend for the GNOME Shell extension (JSON-RPC on stdin/stdout)

Options:
  --folder DIR      use this folder instead of the configured ones (repeatable)
  --json            print JSON instead of text
  --data-dir DIR    keep the database in DIR (default: $XDG_DATA_HOME/chameleon)
  -h, --help        print this help
  -V, --version     print the version

With the extension running, commands go to its backend, so the panel menu follows them.
Without it, the folders come from the extension's settings (or --folder), else your Pictures folder.`;

export type Command =
    | 'next'
    | 'previous'
    | 'current'
    | 'history'
    | 'rescan'
    | 'status'
    | 'serve'
    | 'fast-forward'
    | 'favourite'
    | 'unfavourite'
    | 'trash'
    | 'ban'
    | 'unban'
    | 'pause'
    | 'resume'
    | 'why'
    | 'stats'
    | 'analyse'
    | 'sources'
    | 'refresh'
    | 'origin'
    | 'ban-url'
    | 'unban-url'
    | 'import-variety'
    | 'set'
    | 'gallery';
const COMMANDS: readonly Command[] = [
    'next',
    'previous',
    'current',
    'history',
    'rescan',
    'status',
    'serve',
    'fast-forward',
    'favourite',
    'unfavourite',
    'trash',
    'ban',
    'unban',
    'pause',
    'resume',
    'why',
    'stats',
    'analyse',
    'sources',
    'refresh',
    'origin',
    'ban-url',
    'unban-url',
    'import-variety',
    'set',
    'gallery',
];
/** Commands about one image: they take its path, or work on the wallpaper on screen without one. */
const IMAGE_COMMANDS: readonly Command[] = [
    'favourite',
    'unfavourite',
    'trash',
    'ban',
    'unban',
    'why',
    'origin',
    'set',
];
/** Commands with one plain argument (a source id, a URL), given to them as typed. */
const ARGUMENT_COMMANDS: readonly Command[] = ['refresh', 'ban-url', 'unban-url', 'import-variety'];
/** Which options each command takes; anything else is a usage error rather than silently ignored. */
const ALLOWED: Record<Command, readonly string[]> = {
    next: ['folder', 'json'],
    previous: ['json'],
    current: ['json'],
    history: ['json', 'limit'],
    rescan: ['folder', 'json'],
    status: ['json'],
    serve: ['stdio', 'folder'],
    // --folder here means what it means everywhere: these folders instead of the configured ones.
    'fast-forward': ['folder', 'json'],
    favourite: ['folder', 'json'],
    unfavourite: ['folder', 'json'],
    trash: ['folder', 'json'],
    ban: ['folder', 'json'],
    unban: ['folder', 'json'],
    pause: ['json'],
    resume: ['json'],
    why: ['folder', 'json'],
    stats: ['folder', 'json'],
    analyse: ['folder', 'json', 'limit'],
    sources: ['json'],
    refresh: ['json'],
    origin: ['json'],
    'ban-url': ['json'],
    'unban-url': ['json'],
    'import-variety': ['json'],
    set: ['folder', 'json'],
    gallery: ['folder', 'json', 'limit', 'offset', 'favourites', 'family', 'thumbnails'],
};

export type ParsedArgs =
    | { kind: 'help' }
    | { kind: 'version' }
    | {
          kind: 'command';
          command: Command;
          folders: string[];
          json: boolean;
          limit: number;
          dataDir: string | undefined;
          /** The image an image command is about; undefined = the wallpaper on screen. */
          path: string | undefined;
          /** The argument of refresh (a source id), ban-url and unban-url (a URL or path). */
          argument: string | undefined;
          /** gallery's filters and page. */
          gallery: { offset: number; favourites: boolean; family: ColourFamily | undefined; thumbnails: boolean };
      };

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
                offset: { type: 'string' },
                favourites: { type: 'boolean' },
                family: { type: 'string' },
                thumbnails: { type: 'boolean' },
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
    const name = command as Command;
    const takesPath = IMAGE_COMMANDS.includes(name);
    const takesArgument = ARGUMENT_COMMANDS.includes(name);
    const most = takesPath || takesArgument ? 1 : 0;
    if (extra.length > most) throw new UsageError(`unexpected argument: ${extra[most]}`);
    if ((name === 'ban-url' || name === 'unban-url') && extra.length === 0)
        throw new UsageError(`${name} needs the URL of the image`);
    if (name === 'unban' && extra.length === 0) throw new UsageError('unban needs the PATH of the banned image');
    if (name === 'set' && extra.length === 0) throw new UsageError('set needs the PATH of a picture');
    if (name === 'gallery' && (values.folder?.length ?? 0) > 1) throw new UsageError('gallery takes one --folder');
    const family = values.family as ColourFamily | undefined;
    if (family !== undefined && !COLOUR_FAMILIES.includes(family))
        throw new UsageError(`--family must be one of ${COLOUR_FAMILIES.join(', ')}`);
    for (const option of Object.keys(values)) {
        if (option !== 'data-dir' && !ALLOWED[name].includes(option))
            throw new UsageError(`${name} does not take --${option}`);
    }
    if (name === 'serve' && !values.stdio) throw new UsageError('serve needs --stdio');
    const limit =
        values.limit === undefined
            ? (({ analyse: 200, gallery: 60 } as Partial<Record<Command, number>>)[name] ?? 50)
            : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError(`--limit must be a positive whole number, not ${values.limit}`);
    const offset = Number(values.offset ?? 0);
    if (!Number.isInteger(offset) || offset < 0)
        throw new UsageError(`--offset must be a whole number, not ${values.offset}`);
    return {
        kind: 'command',
        command: name,
        folders: values.folder ?? [],
        json: !!values.json,
        limit,
        dataDir: values['data-dir'],
        path: takesPath && extra[0] !== undefined ? resolve(extra[0]) : undefined,
        argument: takesArgument ? extra[0] : undefined,
        gallery: { offset, favourites: !!values.favourites, family, thumbnails: !!values.thumbnails },
    };
}
