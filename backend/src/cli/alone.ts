// The CLI's heavy half, built as its own entry (dist/backend/cliAlone.js) and loaded only when there is no
// backend to talk to, or to become the backend (`serve`). The client half never loads the database, images or
// colour libraries, so a command sent to a running backend starts as fast as Node itself.
import { App } from '../app.js';
import { readGSettingsListing } from '../config/gsettingsConfig.js';
import { loneConfig } from '../config/loneConfig.js';
import { DatabaseError, databaseFile, readOnlyMessage } from '../db/database.js';
import { InstallationError } from '../db/nativeBinding.js';
import { EXIT_CANNOT_RUN } from '../protocol/rpc.js';
import { ChameleonError } from '../errors.js';
import { loadSharp } from '../process/loadSharp.js';
import { throttle } from '../background/throttle.js';
import type { IndexProgressJson, MethodName, ParamsOf, ResultOf } from '../protocol/messages.js';
import { serve, type ServeOptions } from '../server/serve.js';
import { CommandError } from './commandError.js';
import { withLoneLock } from './loneLock.js';

export interface AloneTarget {
    dataDir: string;
    /** Where processes working alone take turns (see loneLock.ts). */
    lockPath: string;
    folders: readonly string[];
    /**
     * The extension's settings and GNOME's background, as gsettings lists them, when the caller started reading them
     * already.
     */
    settingsListing?: Promise<string | null>;
    backgroundListing?: Promise<string | null>;
}

function asCommandError(error: unknown, dataDir: string): Error {
    if (error instanceof InstallationError) return new CommandError(error.message, null, EXIT_CANNOT_RUN);
    if (error instanceof DatabaseError) return new CommandError(error.message, null);
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
        return new CommandError(
            `the database in ${dataDir} is locked by another program; close it (or wait for it) and try again`,
            null,
        );
    }
    if (String((error as { code?: unknown }).code).startsWith('SQLITE_READONLY'))
        return new CommandError(readOnlyMessage(databaseFile(dataDir)), null);
    if (error instanceof ChameleonError) return new CommandError(error.message, error.code);
    return new CommandError((error as Error).message, null);
}

/** Runs one protocol method in this process against the database, one lone process at a time. */
export function runAlone<M extends MethodName>(
    target: AloneTarget,
    method: M,
    params: ParamsOf<M>,
    onProgress?: (progress: IndexProgressJson) => void,
): Promise<ResultOf<M>> {
    return withLoneLock(target.lockPath, async () => {
        let app: App;
        try {
            const config = await loneConfig(target.settingsListing ?? readGSettingsListing(), target.backgroundListing);
            app = new App({ dataDir: target.dataDir, folderOverride: target.folders, config });
        } catch (error) {
            throw asCommandError(error, target.dataDir);
        }
        if (onProgress)
            app.collection.onScanProgress = throttle((done, total) => onProgress({ phase: 'scan', done, total }), 100);
        app.collection.quickFolderCheck = true;
        try {
            const handler = app.handlers[method] as (params: ParamsOf<M>) => Promise<ResultOf<M>> | ResultOf<M>;
            return await handler(params);
        } catch (error) {
            throw asCommandError(error, target.dataDir);
        } finally {
            await app.close();
        }
    });
}

/** `chameleon serve --stdio`: the backend for the extension. */
export async function serveBackend(options: Omit<ServeOptions, 'config'>): Promise<void> {
    // The backend lives long: the libraries the CLI loads only on demand are loaded before it answers anything,
    // so its first change (and wallust's detection) does not wait for them.
    await Promise.all([loadSharp(), import('execa')]).catch(() => undefined);
    try {
        // The extension sends its settings in `initialize`; these only matter until it does.
        await serve({ ...options, config: await loneConfig(readGSettingsListing()) });
    } catch (error) {
        if (error instanceof DatabaseError || error instanceof InstallationError)
            throw asCommandError(error, options.dataDir);
        throw error;
    }
}
