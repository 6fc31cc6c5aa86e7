import type { Server } from 'node:net';
import { App } from '../app.js';
import { backUpIfDue } from '../db/database.js';
import { log } from '../log.js';
import type { ChangeReason, ConfigJson, Notifications, RpcNotification, WallpaperJson } from '../protocol/messages.js';
import { Connection } from './connection.js';
import { listenControlSocket } from './controlSocket.js';
import { Dispatcher } from './dispatcher.js';

export interface ServeOptions {
    dataDir: string;
    folderOverride: readonly string[];
    config: ConfigJson;
    socketPath: string | null;
}

/**
 * The long-running backend: protocol on stdin/stdout for the extension, the control socket for the CLI, and
 * `wallpaper.changed` sent to every peer after each change. Runs until stdin closes (the extension went away)
 * or SIGTERM, then finishes queued work and exits.
 */
export async function serve(options: ServeOptions): Promise<void> {
    const connections = new Set<Connection>();
    const notify = <N extends keyof Notifications>(method: N, params: Notifications[N]) => {
        const message: RpcNotification<N> = { jsonrpc: '2.0', method, params };
        for (const connection of connections) connection.send(message);
    };
    const app = new App({
        dataDir: options.dataDir,
        folderOverride: options.folderOverride,
        config: options.config,
        onChanged: (wallpaper: WallpaperJson, reason: ChangeReason) => notify('wallpaper.changed', { wallpaper, reason }),
        onPalette: (wallpaper: WallpaperJson, reason: ChangeReason) => notify('wallpaper.palette', { wallpaper, reason }),
        onPausedChanged: (paused: boolean) => notify('selection.paused', { paused }),
        analyseInBackground: true,
        watchFolders: true,
        onProgress: (progress) => notify('index.progress', progress),
        onDownloadProgress: (progress) => notify('download.progress', progress),
    });
    const dispatcher = new Dispatcher(app.handlers);
    const attach = (connection: Connection) => {
        connections.add(connection);
        void connection.closed.then(() => connections.delete(connection));
        return connection;
    };

    const stdio = attach(new Connection(process.stdin, process.stdout, dispatcher));
    // A daily copy is the recovery path for a database damaged later (see openDatabase).
    const backup = backUpIfDue(app.db, options.dataDir).catch((error: Error) => log.warn(`could not back up the database: ${error.message}`));
    let socket: Server | null = null;
    if (options.socketPath) {
        try {
            socket = await listenControlSocket(options.socketPath, (peer) => {
                peer.on('error', (error) => log.debug(`control socket peer: ${error.message}`));
                attach(new Connection(peer, peer, dispatcher));
            });
        } catch (error) {
            log.warn(`no control socket at ${options.socketPath}: ${(error as Error).message}; CLI commands will run on their own`);
        }
    }

    await new Promise<void>((resolve) => {
        void stdio.closed.then(resolve);
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
    });
    socket?.close();
    await backup;
    await app.close();
}
