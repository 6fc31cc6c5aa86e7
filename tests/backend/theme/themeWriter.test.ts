import {
    existsSync,
    mkdirSync,
    readFileSync,
    readdirSync,
    statSync,
    symlinkSync,
    utimesSync,
    writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaletteJson, ThemeConfigJson } from '../../../backend/src/protocol/messages.js';
import { ThemeWriter, type ShownImage } from '../../../backend/src/theme/themeWriter.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';

const palette: PaletteJson = {
    colors: [
        '#101010',
        '#c0392b',
        '#27ae60',
        '#f1c40f',
        '#2980b9',
        '#8e44ad',
        '#16a085',
        '#d5d5d5',
        '#959595',
        '#e74c3c',
        '#2ecc71',
        '#f4d03f',
        '#3498db',
        '#9b59b6',
        '#1abc9c',
        '#f2f2f2',
    ],
    background: '#101010',
    foreground: '#f2f2f2',
    cursor: '#f2f2f2',
    accent: '#c0392b',
    accentName: 'red',
    extractor: 'builtin',
};
const shown: ShownImage = { path: '/pictures/a b.jpg', uri: 'file:///pictures/a%20b.jpg', palette };

let sandbox: Sandbox;
let home: string;
let writer: ThemeWriter;
beforeEach(() => {
    sandbox = makeSandbox();
    home = sandbox.env.HOME!;
    mkdirSync(join(home, 'templates'), { recursive: true });
    writer = new ThemeWriter(sandbox.env);
});
afterEach(() => sandbox.cleanup());

const wal = (name: string) => join(sandbox.env.XDG_CACHE_HOME!, 'wal', name);

describe('ThemeWriter', () => {
    it('does nothing when no output is turned on', async () => {
        expect(
            await writer.write(
                { pywal: false, templates: [], reloadCommands: [[process.execPath, '-e', '1']] },
                shown,
                5000,
            ),
        ).toBeNull();
        expect(existsSync(join(sandbox.env.XDG_CACHE_HOME!, 'wal'))).toBe(false);
    });

    it('writes pywal’s three files for the palette, and only rewrites what changed', async () => {
        const status = await writer.write({ pywal: true }, shown, 5000);
        expect(status?.outputs.map((o) => [o.name, o.state])).toEqual([
            ['colors.json', 'written'],
            ['colors.sh', 'written'],
            ['colors.css', 'written'],
        ]);
        const json = JSON.parse(readFileSync(wal('colors.json'), 'utf8')) as {
            wallpaper: string;
            colors: Record<string, string>;
        };
        expect(json.wallpaper).toBe('/pictures/a b.jpg');
        expect(json.colors.color1).toBe('#c0392b');
        const old = new Date('2021-01-01T00:00:00Z');
        utimesSync(wal('colors.json'), old, old);
        const again = await writer.write({ pywal: true }, shown, 5000);
        expect(again?.outputs.every((o) => o.state === 'unchanged')).toBe(true);
        expect(statSync(wal('colors.json')).mtimeMs).toBe(old.getTime());
        expect(readdirSync(join(sandbox.env.XDG_CACHE_HOME!, 'wal')).sort()).toEqual([
            'colors.css',
            'colors.json',
            'colors.sh',
        ]);
    });

    it('renders templates into home and reports each one; a bad one fails alone', async () => {
        writeFileSync(
            join(home, 'templates', 'kitty.conf'),
            'background {{background}}\nselection_background {{accent | darken(0.2)}}\n',
        );
        writeFileSync(join(home, 'templates', 'broken.conf'), 'ok\nx = {{colour3}}\n');
        mkdirSync(join(sandbox.dir, 'elsewhere'));
        symlinkSync(join(sandbox.dir, 'elsewhere'), join(home, 'out'));
        const config: ThemeConfigJson = {
            templates: [
                { template: '~/templates/kitty.conf', target: '~/.config/kitty/chameleon.conf' },
                { template: '~/templates/broken.conf', target: '~/.config/broken.conf' },
                { template: '~/templates/kitty.conf', target: '../escape.conf' },
                { template: '~/templates/kitty.conf', target: '/etc/chameleon.conf' },
                { template: '~/templates/kitty.conf', target: '~/out/kitty.conf' },
                { template: '~/templates/missing.conf', target: '~/m.conf' },
            ],
        };
        const status = (await writer.write(config, shown, 5000))!;
        expect(status.paletteFrom).toBe(shown.path);
        expect(readFileSync(join(home, '.config/kitty/chameleon.conf'), 'utf8')).toBe(
            'background #101010\nselection_background #992d22\n',
        );
        expect(status.outputs.map((o) => o.state)).toEqual([
            'written',
            'failed',
            'failed',
            'failed',
            'failed',
            'failed',
        ]);
        expect(status.outputs[0]!.target).toBe(join(home, '.config/kitty/chameleon.conf'));
        expect(status.outputs[1]!.error).toMatch(
            /template ~\/templates\/broken.conf, line 2: unknown placeholder "colour3"/,
        );
        expect(status.outputs[2]!.error).toMatch(/"\.\." is not allowed/);
        expect(status.outputs[3]!.error).toMatch(/outside your home folder/);
        expect(status.outputs[4]!.error).toMatch(/~\/out is a symbolic link that leads outside your home folder/);
        expect(status.outputs[5]!.error).toMatch(/template ~\/templates\/missing.conf does not exist/);
        // Nothing written anywhere but the one good target.
        expect(existsSync(join(home, '.config/broken.conf'))).toBe(false);
        expect(existsSync(join(sandbox.dir, 'escape.conf'))).toBe(false);
        expect(readdirSync(join(sandbox.dir, 'elsewhere'))).toEqual([]);
        expect(writer.status).toEqual(status);
    });

    it('reports a missing palette instead of writing stale colours', async () => {
        const status = (await writer.write({ pywal: true }, { ...shown, palette: null }, 5000))!;
        expect(
            status.outputs.every((o) => o.state === 'failed' && /no palette for \/pictures\/a b.jpg/.test(o.error!)),
        ).toBe(true);
        expect(existsSync(wal('colors.json'))).toBe(false);
    });

    it('runs reload commands as argv lists (no shell) after a change, with a time limit', async () => {
        const log = join(home, 'reload.log');
        const script =
            `require('fs').appendFileSync(${JSON.stringify(log)}, ` + `JSON.stringify(process.argv.slice(1)) + '\\n')`;
        const config: ThemeConfigJson = {
            pywal: true,
            reloadCommands: [
                [process.execPath, '-e', script, '{accent}', '{accentName}', '$(touch pwned) ; `id`'],
                [process.execPath, '-e', 'setTimeout(() => {}, 20000)'],
                ['/nonexistent/reload'],
            ],
        };
        const started = Date.now();
        const status = (await writer.write(config, shown, 500))!;
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(readFileSync(log, 'utf8')).toBe(`${JSON.stringify(['#c0392b', 'red', '$(touch pwned) ; `id`'])}\n`);
        expect(existsSync(join(home, 'pwned'))).toBe(false);
        expect(status.reloadFailures).toHaveLength(2);
        expect(status.reloadFailures[0]).toMatch(/did not finish within 0.5 s and was stopped/);
        expect(status.reloadFailures[1]).toMatch(/reload command \/nonexistent\/reload not found/);
        // Nothing changed the second time: no reload.
        await writer.write(config, shown, 500);
        expect(readFileSync(log, 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
    });
});
