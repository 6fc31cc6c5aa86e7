// A wallpaper folder reached through a symbolic link onto another file system: the trash is the one GIO (and so
// Files) uses for that file system, at the top of its mount, not a new `.Trash-UID` inside the wallpaper folder.
import { execa } from 'execa';
import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrashResultJson } from '../../backend/src/protocol/messages.js';
import { readTrashInfo } from '../../backend/src/trash/freedesktopTrash.js';
import { writeSolid } from '../helpers/images.js';
import { makeSandbox, runCli, type Sandbox } from '../helpers/sandbox.js';

let sandbox: Sandbox;
let mount = '';
let mounted = false;
beforeEach(async () => {
    sandbox = makeSandbox();
    mount = sandbox.folder('usb');
    // Mounting needs root (and a kernel that allows it here); without it the case cannot be made.
    if (process.getuid?.() === 0)
        mounted =
            (await execa('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mount], { reject: false })).exitCode === 0;
});
afterEach(async () => {
    if (mounted) await execa('umount', [mount], { reject: false });
    mounted = false;
    sandbox.cleanup();
});

describe('trash on another file system reached through a link', () => {
    it('uses the trash at the top of that mount, as Files does', async (context) => {
        if (!mounted) return context.skip('needs root to mount a tmpfs (run the suite as root to cover this case)');
        const walls = join(mount, 'wallpapers', 'summer');
        mkdirSync(walls, { recursive: true });
        await writeSolid(join(walls, 'beach.png'), '#e0c080');
        await writeSolid(join(walls, 'dunes.png'), '#c09060');
        const pictures = sandbox.folder('home/Pictures');
        const link = join(pictures, 'usb-summer');
        symlinkSync(walls, link);

        expect((await runCli(sandbox, ['next', '--folder', link])).exitCode).toBe(0);
        const result = await runCli(sandbox, ['trash', join(link, 'beach.png'), '--folder', link, '--json']);
        expect(result.stderr).toBe('');
        const trashed = JSON.parse(result.stdout) as TrashResultJson;

        const trash = join(mount, `.Trash-${process.getuid!()}`);
        expect(trashed.trashedTo).toBe(join(trash, 'files', 'beach.png'));
        expect(existsSync(join(trash, 'files', 'beach.png'))).toBe(true);
        expect(readdirSync(walls)).toEqual(['dunes.png']);
        expect(existsSync(join(link, `.Trash-${process.getuid!()}`))).toBe(false);
        // Path= is relative to the mount's top, as the specification asks of a $topdir trash.
        expect(readTrashInfo(join(trash, 'info', 'beach.png.trashinfo')).path).toBe('wallpapers/summer/beach.png');
    });
});
