import { App } from '../app.js';
import { databaseFile, readOnlyMessage } from '../db/database.js';
import { readGSettingsConfig } from '../config/gsettingsConfig.js';
import { ChameleonError } from '../pipeline/errors.js';
import { throttle } from '../background/throttle.js';
import type { IndexProgressJson, MethodName, ParamsOf, ResultOf } from '../protocol/messages.js';
import { callOverSocket, connectControlSocket, RemoteError } from './controlClient.js';

/** A command's failure as the user sees it: one message, and the protocol code it came with. */
export class CommandError extends Error {
    override name = 'CommandError';
    constructor(
        message: string,
        readonly code: number | null,
    ) {
        super(message);
    }
}

export interface Target {
    dataDir: string;
    socketPath: string | null;
    /** --folder values: they replace the configured folders. */
    folders: readonly string[];
}

/**
 * Runs one protocol method for the CLI: through the running backend when there is one (one writer, one queue,
 * and the panel menu hears about the change), else in this process against the same database.
 */
export async function runCommand<M extends MethodName>(
    target: Target,
    method: M,
    params: ParamsOf<M>,
    onProgress?: (progress: IndexProgressJson) => void,
): Promise<ResultOf<M>> {
    const socket = target.socketPath ? await connectControlSocket(target.socketPath) : null;
    if (socket) {
        try {
            return await callOverSocket(socket, method, params, (name, progress) => {
                if (name === 'index.progress') onProgress?.(progress as IndexProgressJson);
            });
        } catch (error) {
            throw new CommandError((error as Error).message, error instanceof RemoteError ? error.code : null);
        } finally {
            socket.destroy();
        }
    }
    const app = new App({
        dataDir: target.dataDir,
        folderOverride: target.folders,
        config: await readGSettingsConfig(),
    });
    if (onProgress) app.collection.onScanProgress = throttle((done, total) => onProgress({ phase: 'scan', done, total }), 100);
    try {
        const handler = app.handlers[method] as (params: ParamsOf<M>) => Promise<ResultOf<M>> | ResultOf<M>;
        return await handler(params);
    } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_BUSY') {
            throw new CommandError(`the database in ${target.dataDir} is locked by another program; close it (or wait for it) and try again`, null);
        }
        if (String((error as { code?: unknown }).code).startsWith('SQLITE_READONLY')) throw new CommandError(readOnlyMessage(databaseFile(target.dataDir)), null);
        throw new CommandError((error as Error).message, error instanceof ChameleonError ? error.code : null);
    } finally {
        await app.close();
    }
}
