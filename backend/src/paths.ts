import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

// XDG base directories, resolved once per call so tests can point them at temp dirs through the environment.

export function dataHome(env: NodeJS.ProcessEnv = process.env): string {
    return env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
}

export function cacheHome(env: NodeJS.ProcessEnv = process.env): string {
    return env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
    return join(dataHome(env), 'chameleon');
}

/**
 * Where the backend using `dataDir` listens for CLI commands. `$XDG_RUNTIME_DIR` is per-user, mode 0700, and
 * removed at logout, which is exactly the lifetime and privacy a control socket needs; without it there is no
 * socket. A non-default data directory gets its own socket, so a CLI never drives a backend of another database.
 */
export function controlSocketPath(dataDir: string, env: NodeJS.ProcessEnv = process.env): string | null {
    if (!env.XDG_RUNTIME_DIR) return null;
    const dir = resolve(dataDir);
    const name =
        dir === defaultDataDir(env)
            ? 'backend.sock'
            : `backend-${createHash('sha256').update(dir).digest('hex').slice(0, 12)}.sock`;
    return join(env.XDG_RUNTIME_DIR, 'chameleon', name);
}

/**
 * The lock `chameleon` processes working without a backend take turns on (see cli/loneLock.ts): beside the
 * control socket of the same database, or in the data folder when there is no runtime folder.
 */
export function loneLockPath(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
    const socket = controlSocketPath(dataDir, env);
    return socket ? socket.replace(/\.sock$/, '.lock') : join(resolve(dataDir), 'cli.lock');
}
