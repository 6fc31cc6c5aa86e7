// Moving files to the desktop trash as the freedesktop.org Trash specification (1.0) describes, so that Files
// shows them and can put them back: the file goes to `files/NAME` and a `info/NAME.trashinfo` records where it came
// from and when. Files on the home file system go to $XDG_DATA_HOME/Trash; files on other file systems to
// $topdir/.Trash/$uid (when the admin made a sticky .Trash) or $topdir/.Trash-$uid, never across devices.
import {
    closeSync,
    lstatSync,
    mkdirSync,
    openSync,
    readFileSync,
    realpathSync,
    renameSync,
    statSync,
    unlinkSync,
    writeSync,
} from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { dataHome } from '../paths.js';

export class TrashError extends Error {
    override name = 'TrashError';
}

export interface Trashed {
    trashedTo: string;
    infoFile: string;
}

/** Percent-encodes a path for `Path=`: everything but unreserved characters and `/` (RFC 3986, as GIO does). */
export function encodeTrashPath(path: string): string {
    return path
        .split('/')
        .map((part) =>
            encodeURIComponent(part).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
        )
        .join('/');
}

/** `DeletionDate=` wants local time without a zone, YYYY-MM-DDThh:mm:ss. */
function localTimestamp(date: Date): string {
    const pad = (n: number) => String(n).padStart(2, '0');
    return (
        `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
        `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
    );
}

function ensureDir(path: string): void {
    mkdirSync(path, { recursive: true, mode: 0o700 });
}

/**
 * The highest directory above `path` on the same device: the mount point the spec calls $topdir. Found on the
 * real path, as GIO does: a folder reached through a symbolic link belongs to the file system the link leads
 * to, whose top is not on the way up the link's own path.
 */
function topDirOf(path: string, device: number): string {
    let dir = dirname(path);
    for (;;) {
        const parent = dirname(dir);
        if (parent === dir || statSync(parent).dev !== device) return dir;
        dir = parent;
    }
}

/** The trash directory for a file on another file system, and what `Path=` is relative to there. */
function otherTrash(path: string, device: number): { dir: string; top: string } {
    const uid = process.getuid?.() ?? 0;
    const top = topDirOf(path, device);
    const shared = join(top, '.Trash');
    try {
        const info = lstatSync(shared);
        // The spec's checks: a real directory (not a symlink) with the sticky bit, else it must not be used.
        if (info.isDirectory() && !info.isSymbolicLink() && (info.mode & 0o1000) !== 0) {
            const dir = join(shared, String(uid));
            ensureDir(dir);
            return { dir, top };
        }
    } catch {
        // No $topdir/.Trash: the per-user directory below is the normal case.
    }
    const dir = join(top, `.Trash-${uid}`);
    try {
        ensureDir(dir);
        const info = lstatSync(dir);
        if (!info.isDirectory() || info.isSymbolicLink() || info.uid !== uid)
            throw new Error(`${dir} is not a directory of yours`);
    } catch (error) {
        throw new TrashError(
            `cannot move ${path} to the trash: its file system (mounted at ${top}) has no usable ` +
                `trash folder (${(error as Error).message}); delete it yourself if you are sure`,
        );
    }
    return { dir, top };
}

/** Moves `path` to the trash and returns where it went. Throws TrashError with a reason the user can act on. */
export function moveToTrash(path: string, env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): Trashed {
    let device: number;
    try {
        const info = lstatSync(path);
        if (!info.isFile() && !info.isSymbolicLink()) throw new TrashError(`${path} is not a file`);
        device = info.dev;
    } catch (error) {
        if (error instanceof TrashError) throw error;
        throw new TrashError(`cannot move ${path} to the trash: ${(error as Error).message}`);
    }
    const home = join(dataHome(env), 'Trash');
    ensureDir(home);
    let trashDir = home;
    let recordedPath = path;
    if (statSync(home).dev !== device) {
        // The file's own name stays (it may itself be a link, which is what goes to the trash); its folder is resolved.
        const real = join(realpathSync(dirname(path)), basename(path));
        const other = otherTrash(real, device);
        trashDir = other.dir;
        recordedPath = relative(other.top, real);
    }
    const filesDir = join(trashDir, 'files');
    const infoDir = join(trashDir, 'info');
    ensureDir(filesDir);
    ensureDir(infoDir);

    const name = basename(path);
    const ext = extname(name);
    const stem = name.slice(0, name.length - ext.length);
    for (let n = 1; n < 10_000; n++) {
        const candidate = n === 1 ? name : `${stem}.${n}${ext}`;
        const infoFile = join(infoDir, `${candidate}.trashinfo`);
        const trashedTo = join(filesDir, candidate);
        let fd: number;
        try {
            // Creating the .trashinfo exclusively is how the spec reserves a name against other programs.
            fd = openSync(infoFile, 'wx', 0o600);
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
            throw new TrashError(`cannot write to the trash at ${trashDir}: ${(error as Error).message}`);
        }
        try {
            writeSync(fd, `[Trash Info]\nPath=${encodeTrashPath(recordedPath)}\nDeletionDate=${localTimestamp(now)}\n`);
        } finally {
            closeSync(fd);
        }
        if (exists(trashedTo)) {
            unlinkSync(infoFile);
            continue;
        }
        try {
            renameSync(path, trashedTo);
        } catch (error) {
            unlinkSync(infoFile);
            throw new TrashError(`cannot move ${path} to the trash: ${(error as Error).message}`);
        }
        return { trashedTo, infoFile };
    }
    throw new TrashError(`cannot find a free name for ${name} in the trash at ${trashDir}`);
}

function exists(path: string): boolean {
    try {
        lstatSync(path);
        return true;
    } catch {
        return false;
    }
}

/** The original location recorded in a `.trashinfo` (absolute, or relative to the trash's $topdir). */
export function readTrashInfo(infoFile: string): { path: string; deletionDate: string } {
    const text = readFileSync(infoFile, 'utf8');
    if (!text.startsWith('[Trash Info]')) throw new Error(`${infoFile} is not a trash info file`);
    const path = /^Path=(.*)$/m.exec(text)?.[1];
    const date = /^DeletionDate=(.*)$/m.exec(text)?.[1];
    if (path === undefined || date === undefined) throw new Error(`${infoFile} lacks Path or DeletionDate`);
    return { path: decodeURIComponent(path), deletionDate: date };
}
