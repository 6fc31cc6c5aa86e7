import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfinementError, confinedTarget } from '../../../backend/src/theme/confinedPath.js';

let root: string;
let home: string;
let outside: string;

beforeAll(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'chameleon-confine-')));
    home = join(root, 'home', 'u');
    outside = join(root, 'etc');
    mkdirSync(join(home, '.config', 'kitty'), { recursive: true });
    mkdirSync(join(home, 'dotfiles', 'kitty'), { recursive: true });
    mkdirSync(outside, { recursive: true });
    symlinkSync(outside, join(home, 'escape'));
    symlinkSync(join(home, 'dotfiles', 'kitty'), join(home, '.config', 'kitty-linked'));
    writeFileSync(join(home, 'dotfiles', 'kitty', 'colors.conf'), 'old');
    symlinkSync(join(home, 'dotfiles', 'kitty', 'colors.conf'), join(home, '.config', 'kitty', 'colors.conf'));
    symlinkSync(join(outside, 'passwd'), join(home, '.config', 'kitty', 'to-outside.conf'));
    writeFileSync(join(outside, 'passwd'), 'x');
    symlinkSync(join(root, 'nowhere'), join(home, 'dangling'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('template targets are confined to the home folder', () => {
    it('accepts ~/, relative and absolute paths inside home, new folders included', async () => {
        expect(await confinedTarget('~/.config/kitty/theme.conf', home)).toBe(join(home, '.config/kitty/theme.conf'));
        expect(await confinedTarget('.config/new/dir/x.css', home)).toBe(join(home, '.config/new/dir/x.css'));
        expect(await confinedTarget(join(home, 'x.txt'), home)).toBe(join(home, 'x.txt'));
    });

    it('follows links that stay inside home, to the real file', async () => {
        expect(await confinedTarget('~/.config/kitty-linked/colors.conf', home)).toBe(
            join(home, 'dotfiles/kitty/colors.conf'),
        );
        expect(await confinedTarget('~/.config/kitty/colors.conf', home)).toBe(
            join(home, 'dotfiles/kitty/colors.conf'),
        );
    });

    it.each([
        ['../other/x', /"\.\." is not allowed/],
        ['~/.config/../../other/x', /"\.\." is not allowed/],
        ['~/a/../b', /"\.\." is not allowed/],
        ['/etc/passwd', /is outside your home folder/],
        ['/tmp/x.conf', /is outside your home folder/],
        ['~/escape/x.conf', /~\/escape is a symbolic link that leads outside your home folder \(to .*\/etc\)/],
        ['~/escape/new/dir/x.conf', /~\/escape is a symbolic link that leads outside/],
        ['~/.config/kitty/to-outside.conf', /~\/.config\/kitty\/to-outside.conf is a symbolic link that leads outside/],
        ['~/dangling/x', /~\/dangling is a symbolic link to something that does not exist/],
        ['~', /is your home folder itself/],
        ['', /empty/],
    ])('refuses %j', async (target, message) => {
        const attempt = confinedTarget(target || '', home);
        await expect(attempt).rejects.toThrow(ConfinementError);
        await expect(confinedTarget(target, home)).rejects.toThrow(message);
    });

    it('refuses paths that only look like home (a sibling with the same prefix)', async () => {
        mkdirSync(`${home}2`, { recursive: true });
        await expect(confinedTarget(`${home}2/x`, home)).rejects.toThrow(/outside your home folder/);
    });

    it('works when HOME itself is reached through a link', async () => {
        const linkedHome = join(root, 'home-link');
        symlinkSync(home, linkedHome);
        expect(await confinedTarget('~/.config/a.conf', linkedHome)).toBe(join(home, '.config/a.conf'));
        expect(await confinedTarget(join(home, 'b.conf'), linkedHome)).toBe(join(home, 'b.conf'));
        await expect(confinedTarget('~/escape/x', linkedHome)).rejects.toThrow(/leads outside/);
    });
});
