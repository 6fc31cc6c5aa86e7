import { resolve } from 'node:path';
import { USAGE, UsageError, parseCliArgs, type ParsedArgs } from './cli/args.js';
import { formatHistory, formatVarietyImport, formatRescan, formatStatus, formatWallpaper } from './cli/format.js';
import { formatGallery } from './cli/formatGallery.js';
import { formatExplain, formatImageState, formatPause, formatStats, formatTrash } from './cli/formatSelection.js';
import { progressBar } from './cli/progressBar.js';
import { isCommandError } from './cli/commandError.js';
import { loadAlone, runCommand, type Target } from './cli/runCommand.js';
import { formatBanUrl, formatOrigin, formatRefresh, formatSources } from './online/format.js';
import { controlSocketPath, defaultDataDir, loneLockPath } from './paths.js';
import { HISTORY_PAGE, type HistoryEntryJson } from './protocol/messages.js';
import { VERSION } from './version.js';

// This entry point is the light client: it must not import the database, image or colour libraries (directly or
// through another module), which cli/alone.ts loads only when the command runs without a backend.

const pathParam = (path: string | undefined) => (path === undefined ? {} : { path });

function print(json: boolean, value: unknown, text: string): void {
    process.stdout.write(`${json ? JSON.stringify(value, null, 2) : text}\n`);
}

async function run(args: Extract<ParsedArgs, { kind: 'command' }>): Promise<void> {
    const dataDir = resolve(args.dataDir ?? defaultDataDir());
    const folders = args.folders.map((folder) => resolve(folder));
    const target: Target = { dataDir, socketPath: controlSocketPath(dataDir), lockPath: loneLockPath(dataDir), folders };
    switch (args.command) {
        case 'serve':
            await (await loadAlone()).serveBackend({ dataDir, folderOverride: folders, socketPath: target.socketPath });
            // Stopped (serve has answered what it owes and let stdout drain): whatever is still pending — a stuck
            // request, a helper's pipe, a client's socket — is abandoned rather than waited on.
            return process.exit(0);
        case 'next': {
            const result = await runCommand(target, 'wallpaper.next', folders.length > 0 ? { folders } : {});
            return print(args.json, result, formatWallpaper(result));
        }
        case 'previous': {
            const result = await runCommand(target, 'wallpaper.previous', {});
            return print(args.json, result, formatWallpaper(result));
        }
        case 'current': {
            const result = await runCommand(target, 'wallpaper.current', {});
            return print(args.json, result, formatWallpaper(result));
        }
        case 'set': {
            const result = await runCommand(target, 'wallpaper.set', { path: args.path! });
            return print(args.json, result, formatWallpaper(result));
        }
        case 'gallery': {
            const { offset, favourites, family, thumbnails } = args.gallery;
            const result = await runCommand(target, 'gallery.list', {
                offset,
                limit: args.limit,
                ...(folders[0] ? { folder: folders[0] } : {}),
                ...(favourites ? { favourites } : {}),
                ...(family ? { family } : {}),
                ...(thumbnails ? { thumbnails } : {}),
            });
            return print(args.json, result, formatGallery(result));
        }
        case 'history': {
            // One page per request (the backend answers at most HISTORY_PAGE entries at a time).
            const result: HistoryEntryJson[] = [];
            while (result.length < args.limit) {
                const asked = Math.min(args.limit - result.length, HISTORY_PAGE);
                const page = await runCommand(target, 'history.list', { limit: asked, offset: result.length });
                result.push(...page);
                if (page.length < asked) break;
            }
            return print(args.json, result, formatHistory(result));
        }
        case 'rescan': {
            const bar = progressBar();
            const result = await runCommand(target, 'index.rescan', {}, (progress) => bar.update(progress)).finally(() => bar.done());
            return print(args.json, result, formatRescan(result));
        }
        case 'status': {
            const result = await runCommand(target, 'status', {});
            return print(args.json, result, formatStatus(result));
        }
        case 'fast-forward': {
            const result = await runCommand(target, 'wallpaper.fastForward', {});
            return print(args.json, result, formatWallpaper(result));
        }
        case 'favourite':
        case 'unfavourite': {
            const result = await runCommand(target, 'image.favourite', { ...pathParam(args.path), value: args.command === 'favourite' });
            return print(args.json, result, formatImageState(result));
        }
        case 'ban':
        case 'unban': {
            const result = await runCommand(target, 'image.ban', { ...pathParam(args.path), value: args.command === 'ban' });
            return print(args.json, result, formatImageState(result));
        }
        case 'trash': {
            const result = await runCommand(target, 'image.trash', pathParam(args.path));
            return print(args.json, result, formatTrash(result));
        }
        case 'pause':
        case 'resume': {
            const result = await runCommand(target, args.command === 'pause' ? 'selection.pause' : 'selection.resume', {});
            return print(args.json, result, formatPause(result));
        }
        case 'why': {
            const result = await runCommand(target, 'selection.explain', pathParam(args.path));
            return print(args.json, result, formatExplain(result));
        }
        case 'stats': {
            const result = await runCommand(target, 'collection.stats', {});
            return print(args.json, result, formatStats(result));
        }
        case 'analyse': {
            const result = await runCommand(target, 'index.analyse', { limit: args.limit });
            return print(args.json, result, `Analysed ${result.analysed} images; ${result.remaining} still to do.`);
        }
        case 'import-variety': {
            const result = await runCommand(target, 'import.variety', args.argument ? { dir: resolve(args.argument) } : {});
            return print(args.json, result, formatVarietyImport(result));
        }
        case 'sources': {
            const result = await runCommand(target, 'sources.list', {});
            return print(args.json, result, formatSources(result));
        }
        case 'refresh': {
            const result = await runCommand(target, 'sources.refresh', args.argument === undefined ? {} : { id: args.argument });
            return print(args.json, result, formatRefresh(result));
        }
        case 'origin': {
            const result = await runCommand(target, 'image.origin', pathParam(args.path));
            return print(args.json, result, formatOrigin(result));
        }
        case 'ban-url':
        case 'unban-url': {
            const given = args.argument!;
            const ref = /^https?:\/\//i.test(given) ? { url: given } : { path: resolve(given) };
            const result = await runCommand(target, 'image.banUrl', { ...ref, value: args.command === 'ban-url' });
            return print(args.json, result, formatBanUrl(result));
        }
    }
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
