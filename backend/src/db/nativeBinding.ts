import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * better-sqlite3 is a native module: one build serves one Node ABI (`process.versions.modules`). The Debian
 * package carries a build per ABI of the Node versions the distributions ship, in `native/node-abi-<N>/` beside
 * the bundled backend, and the backend picks the one for the Node it runs on. A checkout or a user install has no
 * such folder: there better-sqlite3 loads the build npm made for the Node that installed it.
 */
export const NATIVE_DIR = fileURLToPath(new URL('../native/', import.meta.url));

/**
 * This installation cannot run: the database module does not fit this Node, or the database is newer than this
 * Chameleon. Restarting will not help; the message says what will.
 */
export class InstallationError extends Error {
    override name = 'InstallationError';
}

/** Node major versions by module ABI, for messages: what a user knows is "Node 24", not "ABI 137". */
const NODE_BY_ABI: Record<string, string> = {
    '108': '18',
    '115': '20',
    '120': '21',
    '127': '22',
    '131': '23',
    '137': '24',
    '141': '25',
};
const nodeName = (abi: string): string =>
    NODE_BY_ABI[abi] ? `Node ${NODE_BY_ABI[abi]}` : `Node with module ABI ${abi}`;

export function bundledAbis(nativeDir = NATIVE_DIR): string[] {
    if (!existsSync(nativeDir)) return [];
    return readdirSync(nativeDir)
        .map((name) => /^node-abi-(\d+)$/.exec(name)?.[1])
        .filter((abi): abi is string => abi !== undefined)
        .sort((a, b) => Number(a) - Number(b));
}

/**
 * The `nativeBinding` option for `new Database()`: the packaged build for this Node, or undefined where there is
 * no packaged set (npm's own build is used). Throws InstallationError when the package has no build for this
 * Node, naming the versions it has.
 */
export function nativeBinding(nativeDir = NATIVE_DIR, abi = process.versions.modules): string | undefined {
    const abis = bundledAbis(nativeDir);
    if (abis.length === 0) return undefined;
    const file = join(nativeDir, `node-abi-${abi}`, 'better_sqlite3.node');
    if (existsSync(file)) return file;
    throw new InstallationError(
        `this Chameleon package runs on ${abis.map(nodeName).join(' or ')}, but ` +
            `${process.execPath} is Node ${process.versions.node}; ` +
            `install the package built for your distribution, or Chameleon's user install`,
    );
}

/**
 * Turns the loader's error for a module built for another Node ("was compiled against a different Node.js
 * version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 137") into one
 * line that says what to do. Other errors are returned unchanged.
 */
export function explainLoadError(error: unknown): unknown {
    const message = (error as Error | undefined)?.message ?? '';
    const built = /NODE_MODULE_VERSION (\d+)\. This version of Node\.js requires\s+NODE_MODULE_VERSION (\d+)/.exec(
        message,
    );
    if (!built) return error;
    return new InstallationError(
        `the database module was built for ${nodeName(built[1]!)} but this is Node ${process.versions.node}; ` +
            `run "npm rebuild better-sqlite3" where Chameleon is installed, or install it again with this Node`,
    );
}
