// Files other programs read while we write them (a terminal sourcing colors.sh, a bar watching colors.css)
// must never be seen half-written: the content goes to a temporary file in the same directory, is flushed to
// disk, and replaces the old file with one rename, which POSIX makes atomic. Unchanged content is not written
// at all, so file watchers do not reload and modification times mean "the colours changed".
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export type WriteResult = 'written' | 'unchanged';

export async function writeFileAtomic(path: string, content: string): Promise<WriteResult> {
    // Reading a FIFO (or a device) would wait for a writer that may never come: only files are replaced.
    const kind = await stat(path).catch(() => null);
    if (kind && !kind.isFile() && !kind.isDirectory())
        throw new Error(`${path} is not a regular file; remove it or choose another target`);
    const existing = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        if (error.code === 'EISDIR') throw new Error(`${path} is a folder, not a file`);
        throw error;
    });
    if (existing === content) return 'unchanged';
    const dir = dirname(path);
    await mkdir(dir, { recursive: true });
    // Keep the mode of the file being replaced (a user may have made it private or executable).
    const mode = existing !== null ? (await stat(path)).mode & 0o7777 : 0o644;
    const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', mode);
    try {
        await handle.writeFile(content, 'utf8');
        await handle.chmod(mode);
        await handle.sync();
        await handle.close();
        await rename(temp, path);
    } catch (error) {
        await handle.close().catch(() => undefined);
        await unlink(temp).catch(() => undefined);
        throw error;
    }
    // The rename itself is durable only once the directory is flushed; not every file system allows that.
    const dirHandle = await open(dir, 'r').catch(() => null);
    await dirHandle?.sync().catch(() => undefined);
    await dirHandle?.close();
    return 'written';
}
