import { resolve } from 'node:path';
import { USAGE, UsageError, parseCliArgs, type Command, type ParsedArgs } from './cli/args.js';
import { formatHistory, formatVarietyImport, formatRescan, formatStatus, formatWallpaper } from './cli/format.js';
import { formatGallery } from './cli/formatGallery.js';
import { formatExplain, formatImageState, formatPause, formatStats, formatTrash } from './cli/formatSelection.js';
import { progressBar } from './cli/progressBar.js';
import { isCommandError } from './cli/commandError.js';
import { loadAlone, runCommand, type Target } from './cli/runCommand.js';
import { formatBanUrl, formatOrigin, formatRefresh, formatSources } from './online/format.js';
import { controlSocketPath, defaultDataDir, loneLockPath } from './paths.js';
import {
    HISTORY_PAGE,
    type HistoryEntryJson,
    type MethodName,
    type ParamsOf,
    type ResultOf,
} from './protocol/messages.js';
import { VERSION } from './version.js';

// This entry point is the light client: it must not import the database, image or colour libraries (directly or
// through another module), which cli/alone.ts loads only when the command runs without a backend.

const pathParam = (path: string | undefined) => (path === undefined ? {} : { path });

type CommandArgs = Extract<ParsedArgs, { kind: 'command' }>;

/** What a verb does once the target is known: asks the backend (or runs alone) and says what to print. */
type Verb = (target: Target, args: CommandArgs) => Promise<{ result: unknown; text: string }>;

/** A verb that is one protocol method: its params from the arguments, its answer as text. */
function verb<M extends MethodName>(
    method: M | ((args: CommandArgs) => M),
    params: (args: CommandArgs, target: Target) => ParamsOf<M>,
    format: (result: ResultOf<M>) => string,
    { progress = false } = {},
): Verb {
    return async (target, args) => {
        const name = typeof method === 'function' ? method(args) : method;
        const bar = progress ? progressBar() : null;
        const result = await runCommand(
            target,
            name,
            params(args, target),
            bar ? (p) => bar.update(p) : undefined,
        ).finally(() => bar?.done());
        return { result, text: format(result) };
    };
}

const none = () => ({});

/** `history`: one page per request (the backend answers at most HISTORY_PAGE entries at a time). */
const history: Verb = async (target, args) => {
    const result: HistoryEntryJson[] = [];
    while (result.length < args.limit) {
        const asked = Math.min(args.limit - result.length, HISTORY_PAGE);
        const page = await runCommand(target, 'history.list', { limit: asked, offset: result.length });
        result.push(...page);
        if (page.length < asked) break;
    }
    return { result, text: formatHistory(result) };
};

/** Every command but `serve`, as the protocol method it runs and how its answer is printed. */
const VERBS: Record<Exclude<Command, 'serve'>, Verb> = {
    next: verb(
        'wallpaper.next',
        (_args, target) => (target.folders.length > 0 ? { folders: [...target.folders] } : {}),
        formatWallpaper,
    ),
    previous: verb('wallpaper.previous', none, formatWallpaper),
    current: verb('wallpaper.current', none, formatWallpaper),
    'fast-forward': verb('wallpaper.fastForward', none, formatWallpaper),
    set: verb('wallpaper.set', (args) => ({ path: args.path! }), formatWallpaper),
    gallery: verb(
        'gallery.list',
        (args, target) => {
            const { offset, favourites, family, thumbnails } = args.gallery;
            return {
                offset,
                limit: args.limit,
                ...(target.folders[0] ? { folder: target.folders[0] } : {}),
                ...(favourites ? { favourites } : {}),
                ...(family ? { family } : {}),
                ...(thumbnails ? { thumbnails } : {}),
            };
        },
        formatGallery,
    ),
    history,
    rescan: verb('index.rescan', none, formatRescan, { progress: true }),
    status: verb('status', none, formatStatus),
    favourite: verb('image.favourite', (args) => ({ ...pathParam(args.path), value: true }), formatImageState),
    unfavourite: verb('image.favourite', (args) => ({ ...pathParam(args.path), value: false }), formatImageState),
    ban: verb('image.ban', (args) => ({ ...pathParam(args.path), value: true }), formatImageState),
    unban: verb('image.ban', (args) => ({ ...pathParam(args.path), value: false }), formatImageState),
    trash: verb('image.trash', (args) => pathParam(args.path), formatTrash),
    pause: verb('selection.pause', none, formatPause),
    resume: verb('selection.resume', none, formatPause),
    why: verb('selection.explain', (args) => pathParam(args.path), formatExplain),
    stats: verb('collection.stats', none, formatStats),
    analyse: verb(
        'index.analyse',
        (args) => ({ limit: args.limit }),
        (r) => `Analysed ${r.analysed} images; ${r.remaining} still to do.`,
    ),
    'import-variety': verb(
        'import.variety',
        (args) => (args.argument ? { dir: resolve(args.argument) } : {}),
        formatVarietyImport,
    ),
    sources: verb('sources.list', none, formatSources),
    refresh: verb(
        'sources.refresh',
        (args) => (args.argument === undefined ? {} : { id: args.argument }),
        formatRefresh,
    ),
    origin: verb('image.origin', (args) => pathParam(args.path), formatOrigin),
    'ban-url': verb('image.banUrl', (args) => ({ ...urlOrPath(args.argument!), value: true }), formatBanUrl),
    'unban-url': verb('image.banUrl', (args) => ({ ...urlOrPath(args.argument!), value: false }), formatBanUrl),
};

function urlOrPath(given: string): { url: string } | { path: string } {
    return /^https?:\/\//i.test(given) ? { url: given } : { path: resolve(given) };
}

async function run(args: CommandArgs): Promise<void> {
    const dataDir = resolve(args.dataDir ?? defaultDataDir());
    const folders = args.folders.map((folder) => resolve(folder));
    const target: Target = {
        dataDir,
        socketPath: controlSocketPath(dataDir),
        lockPath: loneLockPath(dataDir),
        folders,
    };
    if (args.command === 'serve') {
        await (await loadAlone()).serveBackend({ dataDir, folderOverride: folders, socketPath: target.socketPath });
        // Stopped (serve has answered what it owes and let stdout drain): whatever is still pending — a stuck
        // request, a helper's pipe, a client's socket — is abandoned rather than waited on.
        return process.exit(0);
    }
    const { result, text } = await VERBS[args.command](target, args);
    process.stdout.write(`${args.json ? JSON.stringify(result, null, 2) : text}\n`);
}

async function main(argv: readonly string[]): Promise<number> {
    let args: ParsedArgs;
    try {
        args = parseCliArgs(argv);
    } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        process.stderr.write(`chameleon: ${error.message}\nTry 'chameleon --help'.\n`);
        return 2;
    }
    if (args.kind === 'help') {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    if (args.kind === 'version') {
        process.stdout.write(`chameleon ${VERSION}\n`);
        return 0;
    }
    try {
        await run(args);
        return 0;
    } catch (error) {
        if (!isCommandError(error)) throw error;
        process.stderr.write(`chameleon: ${error.message}\n`);
        return error.exitStatus;
    }
}

process.exitCode = await main(process.argv.slice(2));
