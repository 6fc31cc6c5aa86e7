import type * as Alone from './alone.js';
import type { IndexProgressJson, MethodName, ParamsOf, ResultOf } from '../protocol/messages.js';
import { readBackgroundListing, readGSettingsListing } from '../config/gsettingsConfig.js';
import { CommandError } from './commandError.js';
import { ControlClient, RemoteError, UnresponsiveError, connectControlSocket } from './controlClient.js';
import { checkControlSocket } from './socketSafety.js';

export { CommandError } from './commandError.js';

export interface Target {
    dataDir: string;
    socketPath: string | null;
    /** Where processes working alone take turns: beside the socket, or in the data folder without a runtime folder. */
    lockPath: string;
    /** --folder values: they replace the configured folders. */
    folders: readonly string[];
}

/**
 * The heavy half of the CLI (database, images, colours), loaded only when it is needed. In dist/ it is its own
 * bundle beside this one, so the libraries it holds are not even parsed on the way to a running backend.
 */
export async function loadAlone(): Promise<typeof Alone> {
    return (await import(new URL('./cliAlone.js', import.meta.url).href)) as typeof Alone;
}

/**
 * Runs one protocol method for the CLI: through the running backend when there is one (one writer, one queue,
 * and the panel menu hears about the change), else in this process against the same database. A backend that
 * does not answer its first question is left alone with a warning, and the command is done here instead.
 */
export async function runCommand<M extends MethodName>(
    target: Target,
    method: M,
    params: ParamsOf<M>,
    onProgress?: (progress: IndexProgressJson) => void,
): Promise<ResultOf<M>> {
    const trusted = target.socketPath !== null && checkControlSocket(target.socketPath);
    const socket = trusted ? await connectControlSocket(target.socketPath!) : null;
    if (socket) {
        const client = new ControlClient(socket, (name, progress) => {
            if (name === 'index.progress') onProgress?.(progress as IndexProgressJson);
        });
        try {
            await client.probe();
            return await client.call(method, params);
        } catch (error) {
            if (error instanceof RemoteError) throw new CommandError(error.message, error.code);
            if (!(error instanceof UnresponsiveError)) throw error;
            // Nothing has been asked of it yet when the probe fails, so doing the command here does it once.
            if (!client.probed) {
                process.stderr.write(`chameleon: ${error.message} (${target.socketPath}); working without it\n`);
            } else {
                throw new CommandError(
                    `${error.message} (${target.socketPath}); the command may or may not have been done`,
                    null,
                );
            }
        } finally {
            client.close();
        }
    }
    // The settings are read (a gsettings process) while the rest of the CLI loads, not after.
    const settingsListing = readGSettingsListing();
    const backgroundListing = readBackgroundListing();
    return (await loadAlone()).runAlone({ ...target, settingsListing, backgroundListing }, method, params, onProgress);
}
