import {
    chmodSync,
    mkdirSync,
    mkdtempSync,
    readdirSync,
    readFileSync,
    rmSync,
    statSync,
    utimesSync,
    writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../backend/src/theme/atomicWrite.js';

let dir: string;
beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chameleon-atomic-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
    it('creates parent folders, writes, and leaves no temporary file', async () => {
        const path = join(dir, 'a', 'b', 'colors.json');
        expect(await writeFileAtomic(path, 'one\n')).toBe('written');
        expect(readFileSync(path, 'utf8')).toBe('one\n');
        expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['colors.json']);
    });

    it('does not touch a file whose content is already the same (mtime stays)', async () => {
        const path = join(dir, 'same.css');
        writeFileSync(path, 'x');
        const old = new Date('2020-01-01T00:00:00Z');
        utimesSync(path, old, old);
        const inode = statSync(path).ino;
        expect(await writeFileAtomic(path, 'x')).toBe('unchanged');
        expect(statSync(path).mtimeMs).toBe(old.getTime());
        expect(statSync(path).ino).toBe(inode);
        expect(await writeFileAtomic(path, 'y')).toBe('written');
        expect(statSync(path).mtimeMs).toBeGreaterThan(old.getTime());
        // Replaced by rename: a reader holding the old file keeps the old content.
        expect(statSync(path).ino).not.toBe(inode);
        expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });

    it('keeps the mode of the file it replaces', async () => {
        const path = join(dir, 'private.sh');
        writeFileSync(path, 'old');
        chmodSync(path, 0o600);
        await writeFileAtomic(path, 'new');
        expect(statSync(path).mode & 0o777).toBe(0o600);
    });

    it('fails clearly on a folder and cleans up after a failed write', async () => {
        const folder = join(dir, 'folder');
        mkdirSync(folder);
        await expect(writeFileAtomic(folder, 'x')).rejects.toThrow(/is a folder, not a file/);
        const readOnly = join(dir, 'ro');
        mkdirSync(readOnly);
        chmodSync(readOnly, 0o500);
        try {
            if (process.getuid?.() !== 0)
                await expect(writeFileAtomic(join(readOnly, 'x'), 'x')).rejects.toThrow(/EACCES/);
            expect(readdirSync(readOnly)).toEqual([]);
        } finally {
            chmodSync(readOnly, 0o700);
        }
    });
});
