import { lstatSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { CommandError } from './commandError.js';

const STICKY = 0o1000;

/**
 * Checks, before the CLI says a word to it, that the control socket can only be the backend of the user running
 * the CLI. Node cannot read a Unix socket peer's credentials (no SO_PEERCRED), so the check is on the files: a
 * socket file belongs to whoever bound it, and only its owner (or root) can bind one inside a folder that the
 * owner alone may write. So the folder must be a real directory owned by us with no access for others, the socket
 * a socket owned by us and closed to others, and the runtime folder above must not let others swap the folder
 * (writable by others without the sticky bit). Returns false when there is no socket (no backend: work alone);
 * throws a CommandError naming what is wrong when there is one that cannot be trusted.
 */
export function checkControlSocket(path: string, uid: number = process.getuid?.() ?? -1): boolean {
    if (uid < 0) return true; // no Unix ownership to check on this platform
    const folder = dirname(path);
    const runtime = dirname(folder);
    const stat = (p: string): Stats | null => {
        try {
            return lstatSync(p);
        } catch {
            return null;
        }
    };
    const refuse = (what: string) =>
        new CommandError(
            `not talking to the backend socket ${path}: ${what}. Another user could answer in the backend's place; ` +
                `remove ${folder} (the backend makes it again, for you alone) and try again`,
            null,
        );
    const top = stat(runtime);
    if (top && (top.mode & 0o002) !== 0 && (top.mode & STICKY) === 0)
        throw refuse(`${runtime} is writable by everyone`);
    const dir = stat(folder);
    if (!dir) return false;
    if (!dir.isDirectory()) throw refuse(`${folder} is not a folder`);
    if (dir.uid !== uid) throw refuse(`${folder} belongs to user ${dir.uid}, not to you (${uid})`);
    if ((dir.mode & 0o077) !== 0) throw refuse(`${folder} is open to other users (mode ${octal(dir.mode)})`);
    const socket = stat(path);
    if (!socket) return false;
    if (!socket.isSocket()) throw refuse('it is not a socket');
    if (socket.uid !== uid) throw refuse(`it belongs to user ${socket.uid}, not to you (${uid})`);
    if ((socket.mode & 0o077) !== 0) throw refuse(`it is open to other users (mode ${octal(socket.mode)})`);
    return true;
}

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, '0');
