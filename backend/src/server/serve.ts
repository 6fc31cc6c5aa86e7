import type { Server } from 'node:net';
import { App, shuttingDown } from '../app.js';
import { backUpIfDue } from '../db/database.js';
import { log } from '../log.js';
import { stopAllGroups } from '../process/processGroup.js';
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
 * The long-running backend: protocol on stdin/stdout for the extension, the control socket for the CLI, the
 * change timer, and `wallpaper.changed` sent to every peer after each change. Runs until stdin closes (the extension
 * went away)
 * or SIGTERM, then stops within a bounded time (shutDown); the caller exits the process.
 */
export async function serve(options: ServeOptions): Promise<void> {
    // Listening from the very start, and for good (a listener removed and added again leaves a moment in which
    // SIGTERM has its default effect): the first signal starts an orderly stop, a second one stops at once.
    let stop: (reason: string) => void = () => undefined;
    const stopRequested = new Promise<string>((resolve) => (stop = resolve));
    let stopNow = () => process.exit(0);
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals) => {
        if (signalled) return stopNow();
        signalled = true;
        stop(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    const connections = new Set<Connection>();
    const notify = <N extends keyof Notifications>(method: N, params: Notifications[N]) => {
        const message: RpcNotification<N> = { jsonrpc: '2.0', method, params };
        for (const connection of connections) connection.send(message);
    };
    const app = new App({
        dataDir: options.dataDir,
        folderOverride: options.folderOverride,
        config: options.config,
        onChanged: (wallpaper: WallpaperJson, reason: ChangeReason) =>
            notify('wallpaper.changed', { wallpaper, reason }),
        onPalette: (wallpaper: WallpaperJson, reason: ChangeReason) =>
            notify('wallpaper.palette', { wallpaper, reason }),
        onPausedChanged: (paused: boolean) => notify('selection.paused', { paused }),
        analyseInBackground: true,
        watchFolders: true,
        timedChanges: true,
        // Tuning for tests: how long one minute of `change-interval` lasts.
        ...(process.env.CHAMELEON_MINUTE_MS ? { minuteMs: Number(process.env.CHAMELEON_MINUTE_MS) } : {}),
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
    const backup = backUpIfDue(app.db, options.dataDir).catch((error: Error) =>
        log.warn(`could not back up the database: ${error.message}`),
    );
    let socket: Server | null = null;
    if (options.socketPath) {
        try {
            socket = await listenControlSocket(options.socketPath, (peer) => {
                peer.on('error', (error) => log.debug(`control socket peer: ${error.message}`));
                attach(new Connection(peer, peer, dispatcher));
            });
        } catch (error) {
            log.warn(
                `no control socket at ${options.socketPath}: ${(error as Error).message}; CLI commands ` +
                    `will run on their own`,
            );
        }
    }

    stopNow = () => {
        app.closeDatabase();
        stopAllGroups();
        process.exit(0);
    };
    void stdio.closed.then(() => stop('the end of input'));
    log.debug(`stopping on ${await stopRequested}`);
    await shutDown(app, dispatcher, connections, stdio, socket, backup);
}

/** However long the work in hand would take, the backend is gone this long after it is told to stop. */
const SHUTDOWN_DEADLINE_MS = 1500;
/** What is left for socket clients to read their last answers, within the deadline. */
const FAREWELL_MS = 200;

/**
 * Stops, whatever is going on: no new request is run (each gets ShuttingDown), changes still waiting are
 * answered ShuttingDown, what is running gets until the deadline to finish, then every client still owed an
 * answer gets ShuttingDown and the database is checkpointed and closed.
 */
async function shutDown(
    app: App,
    dispatcher: Dispatcher,
    connections: Set<Connection>,
    stdio: Connection,
    socket: Server | null,
    backup: Promise<unknown>,
): Promise<void> {
    const refusal = shuttingDown();
    dispatcher.refuse(refusal);
    app.stop();
    socket?.close();
    const error = { code: refusal.code, message: refusal.message };
    // Idle clients are let go at once; the others once their requests end (below, or at the deadline).
    for (const connection of connections)
        if (connection !== stdio && !connection.busy) void connection.finish(error, true);
    const deadline = timer(SHUTDOWN_DEADLINE_MS - FAREWELL_MS);
    const orderly = (async () => {
        await backup;
        await app.close();
    })().then(
        () => true,
        (failure: Error) => {
            log.warn(`while stopping: ${failure.message}`);
            return true;
        },
    );
    const finished = await Promise.race([orderly, deadline.then(() => false)]);
    if (!finished) log.warn('work still running after the shutdown deadline was abandoned');
    await Promise.race([
        Promise.all([...connections].map((connection) => connection.finish(error, connection !== stdio))),
        timer(FAREWELL_MS),
    ]);
    // The extension must not be left with half a line: what is queued for stdout is written before the exit.
    if (process.stdout.writableLength > 0)
        await Promise.race([new Promise((resolve) => process.stdout.once('drain', resolve)), timer(FAREWELL_MS)]);
    // Last, with no turn of the event loop left before the caller exits: work abandoned at the deadline cannot
    // run into the closed database.
    app.closeDatabase();
    stopAllGroups();
}

function timer(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
