// The fake wallust must behave like wallust 3.5.x where our code can observe it: flags, exit codes and
// messages, cache layout, side effects. These tests pin that, so the runner tests mean something.

import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { contentHashOf } from '../../../backend/src/wallust/cacheKey.js';
import { expectedFakePalette } from '../../fakes/wallust/expected.js';
import { fake, makeImage, makeSandbox, runsLogged, writeText, type Sandbox } from './helpers.js';

describe('fake wallust', () => {
    let sb: Sandbox;
    let image: string;
    let imageBytes: Buffer;
    beforeEach(async () => {
        sb = await makeSandbox();
        image = await makeImage(path.join(sb.images, 'blue.png'), [20, 60, 200]);
        imageBytes = await readFile(image);
    });
    afterEach(async () => {
        await sb.cleanup();
    });

    const hashDir = (bytes: Buffer = imageBytes) => path.join(sb.cacheHome, 'wallust', `${contentHashOf(bytes)}_1.7`);
    const configFile = () => path.join(sb.configHome, 'wallust', 'wallust.toml');

    describe('command line', () => {
        it('prints its version, which tests can change', async () => {
            expect((await fake(['-V'], sb.env)).stdout).toBe('wallust 3.5.2');
            expect((await fake(['--version'], sb.env)).exitCode).toBe(0);
            expect((await fake(['-V'], { ...sb.env, FAKE_WALLUST_VERSION: '4.0.0-alpha' })).stdout).toBe(
                'wallust 4.0.0-alpha',
            );
        });

        it("rejects a bad enum value with clap's message and exit 2", async () => {
            const r = await fake(['run', 'x.jpg', '-b', 'nope'], sb.env);
            expect(r.exitCode).toBe(2);
            expect(r.stdout).toBe('');
            expect(r.stderr).toBe(
                "error: invalid value 'nope' for '--backend <BACKEND>'\n" +
                    '  [possible values: full, resized, wal, thumb, fastresize, kmeans]\n\n' +
                    "For more information, try '--help'.",
            );
        });

        it.each([
            [
                ['run', 'x.jpg', '-t', '200'],
                "error: invalid value '200' for '--threshold <THRESHOLD>': 200 is not in 1..=100",
            ],
            [
                ['run', 'x.jpg', '--saturation=abc'],
                "error: invalid value 'abc' for '--saturation <SATURATION>': invalid digit found in string",
            ],
            [['run', 'x.jpg', '-p'], "error: a value is required for '--palette <PALETTE>' but none was supplied"],
            [['run', 'x.jpg', '--frobnicate'], "error: unexpected argument '--frobnicate' found"],
            [['run'], 'error: the following required arguments were not provided:\n  <FILE>'],
            [
                ['-s', '-u', 'run', 'x.jpg'],
                "error: the argument '--skip-sequences' cannot be used with '--update-current'",
            ],
            [
                ['run', 'x.jpg', '-t', '5', '--dynamic-threshold'],
                "error: the argument '--threshold <THRESHOLD>' cannot be used with '--dynamic-threshold'",
            ],
            [['-q', '-q', 'run', 'x.jpg'], "error: the argument '--quiet' cannot be used multiple times"],
            [['frobnicate'], "error: unrecognized subcommand 'frobnicate'"],
            [[], "error: 'wallust' requires a subcommand but one was not provided"],
        ])('usage error for %j', async (args, message) => {
            const r = await fake(args, sb.env);
            expect(r.exitCode).toBe(2);
            expect(r.stderr.startsWith(message)).toBe(true);
            expect(r.stderr).toContain("For more information, try '--help'.");
        });

        it('accepts the spellings clap accepts', async () => {
            for (const args of [
                ['-qsT', 'run', image, '-bkmeans', '-c=lab', '--palette=dark-comp16', '-t', '7'],
                [
                    'run',
                    image,
                    '-q',
                    '-s',
                    '-T',
                    '--backend',
                    'kmeans',
                    '--colorspace',
                    'lab',
                    '-p',
                    'darkcomp16',
                    '--threshold=7',
                ],
            ]) {
                const r = await fake(args, sb.env);
                expect(r.exitCode, r.stderr).toBe(0);
            }
            expect(existsSync(path.join(hashDir(), 'Kmeans_Lab_7_DarkComp16'))).toBe(true);
        });
    });

    describe('runtime errors (exit 1, `Error: …` on stderr)', () => {
        it('a missing file', async () => {
            const r = await fake(['-q', 'run', path.join(sb.images, 'nope.jpg')], sb.env);
            expect(r.exitCode).toBe(1);
            expect(r.stderr).toBe('Error: No such file or directory (os error 2)');
        });

        it.each([
            ['a text file', 'notes.jpg', Buffer.from('not an image at all')],
            ['an empty file', 'empty.png', Buffer.alloc(0)],
        ])('%s', async (_, name, content) => {
            const file = path.join(sb.images, name);
            await writeFile(file, content);
            const r = await fake(['-q', '-s', '-T', 'run', file], sb.env);
            expect(r.exitCode).toBe(1);
            expect(r.stderr).toBe('Error: The image format could not be determined');
            expect(existsSync(path.join(hashDir(content), 'FastResize_Lch_auto_Dark'))).toBe(false);
        });

        it('a truncated image', async () => {
            const file = path.join(sb.images, 'cut.png');
            await writeFile(file, imageBytes.subarray(0, 30));
            const r = await fake(['-q', 'run', file], sb.env);
            expect(r.exitCode).toBe(1);
            expect(r.stderr).toMatch(/^Error: Format error decoding Png/);
        });

        it('FAKE_WALLUST_FAIL: "Not enough colors!" after writing only the backend file', async () => {
            const r = await fake(['-q', '-s', '-T', 'run', image], { ...sb.env, FAKE_WALLUST_FAIL: '1' });
            expect(r.exitCode).toBe(1);
            expect(r.stderr).toBe('Error: Not enough colors!');
            expect(await readdir(hashDir())).toEqual(['FastResize']);
        });

        it('FAKE_WALLUST_GATE: a run writes its palette only after the gate file appears', async () => {
            const gate = path.join(sb.root, 'gate');
            const run = fake(['-q', '-s', '-T', 'run', image], { ...sb.env, FAKE_WALLUST_GATE: gate });
            await vi.waitFor(async () => expect(await runsLogged(sb)).toHaveLength(1), {
                timeout: 30_000,
                interval: 20,
            });
            const paletteFile = path.join(hashDir(), 'FastResize_Lch_auto_Dark');
            expect(existsSync(paletteFile), 'no palette while the gate is shut').toBe(false);
            await writeFile(gate, '');
            expect((await run).exitCode).toBe(0);
            expect(existsSync(paletteFile)).toBe(true);
        });

        it('a wallust.toml that is not TOML, with anyhow\'s "Caused by:"', async () => {
            await writeText(configFile(), 'backend = fastresize\n');
            const r = await fake(['-q', 'run', image], sb.env);
            expect(r.exitCode).toBe(1);
            expect(r.stderr).toMatch(/^Error: Failed to read file .*wallust\.toml:\n/);
            expect(r.stderr).toContain('\n\nCaused by:\n    TOML parse error at line 1, column 11');
        });

        it('a wallust.toml value wallust does not know', async () => {
            await writeText(configFile(), 'palette = "darkest"\n');
            const r = await fake(['-q', 'run', image], sb.env);
            expect(r.exitCode).toBe(1);
            expect(r.stderr).toContain('unknown variant `darkest`, expected one of `dark`, `dark16`');
        });
    });

    describe('cache', () => {
        it('writes {hash}_1.7/{Backend}, …_{th} and the palette file as wallust does', async () => {
            const r = await fake(['-q', '-s', '-T', 'run', image], sb.env);
            expect(r.exitCode, r.stderr).toBe(0);
            expect((await readdir(hashDir())).sort()).toEqual([
                'FastResize',
                'FastResize_Lch_auto',
                'FastResize_Lch_auto_Dark',
            ]);

            const text = await readFile(path.join(hashDir(), 'FastResize_Lch_auto_Dark'), 'utf8');
            const keys = ['cursor', 'background', 'foreground', ...Array.from({ length: 16 }, (_, i) => `color${i}`)];
            expect(Object.keys(JSON.parse(text) as object)).toEqual(keys);
            expect(text).toMatch(/^\{\n {2}"cursor": "#[0-9A-F]{6}",\n/);
            expect(text.endsWith('}')).toBe(true);
            for (const v of Object.values(JSON.parse(text) as Record<string, string>))
                expect(v).toMatch(/^#[0-9A-F]{6}$/);

            // The palette is the documented function of the image's bytes (expected.ts agrees with the fake).
            const p = expectedFakePalette(imageBytes);
            const doc = JSON.parse(text) as Record<string, string>;
            expect(doc.cursor).toBe(p.cursor);
            expect(doc.background).toBe(p.background);
            expect(doc.foreground).toBe(p.foreground);
            expect(keys.slice(3).map((k) => doc[k])).toEqual(p.colors);
        });

        it('names the file after the options, flags over wallust.toml', async () => {
            await writeText(configFile(), 'palette = "light16"\nbackend = "thumb"\n');
            await fake(['-q', '-s', '-T', 'run', image], sb.env);
            await fake(['-q', '-s', '-T', 'run', image, '-b', 'full', '-c', 'lchansi', '-t', '42'], sb.env);
            const files = await readdir(hashDir());
            expect(files).toContain('Thumb_Lch_auto_Light16');
            expect(files).toContain('Full_LchAnsi_42_Light16');
        });

        it('uses a cache hit instead of regenerating, unless -w', async () => {
            await fake(['-q', '-s', '-T', 'run', image], sb.env);
            const file = path.join(hashDir(), 'FastResize_Lch_auto_Dark');
            const doctored = (await readFile(file, 'utf8')).replace(/"cursor": "#[0-9A-F]{6}"/, '"cursor": "#000001"');
            await writeFile(file, doctored);

            await writeText(path.join(sb.configHome, 'wallust', 'cursor.txt'), '{{cursor}}');
            await writeText(
                configFile(),
                `[templates]\ncur = { template = 'cursor.txt', target = '${sb.root}/cursor.out' }\n`,
            );
            await fake(['-q', '-s', 'run', image], sb.env);
            expect(await readFile(path.join(sb.root, 'cursor.out'), 'utf8')).toBe('#000001');

            await fake(['-q', '-s', 'run', image, '-w'], sb.env);
            expect(await readFile(path.join(sb.root, 'cursor.out'), 'utf8')).toBe(
                expectedFakePalette(imageBytes).cursor,
            );
            expect(await readFile(file, 'utf8')).not.toContain('#000001');
        });

        it('-n writes no cache files', async () => {
            const r = await fake(['-q', '-s', '-T', 'run', image, '-n'], sb.env);
            expect(r.exitCode).toBe(0);
            expect(await readdir(hashDir())).toEqual([]);
        });

        it('FAKE_WALLUST_GARBAGE writes an invalid palette file, which later runs then trip over', async () => {
            const env = { ...sb.env, FAKE_WALLUST_GARBAGE: '1' };
            expect((await fake(['-q', '-s', '-T', 'run', image], env)).exitCode).toBe(0);
            const text = await readFile(path.join(hashDir(), 'FastResize_Lch_auto_Dark'), 'utf8');
            expect(() => JSON.parse(text) as unknown).toThrow();
            const again = await fake(['-q', '-s', '-T', 'run', image], sb.env);
            expect(again.exitCode).toBe(1);
            expect(again.stderr).toMatch(/^Error: /);
        });

        it('`debug` prints the cache version and path', async () => {
            const r = await fake(['debug'], sb.env);
            expect(r.exitCode).toBe(0);
            // Like the real one, it loads (and so creates) the config first.
            expect(r.stdout).toMatch(
                /^\[I\] config: Configuration file not found, creating one at .*\nCache version: 1\.7\nCache path: /,
            );
            expect(r.stdout).toContain(`Cache path: ${sb.cacheHome}\n`);
        });
    });

    describe('side effects', () => {
        it('creates a missing config file and says so, even with -q', async () => {
            const r = await fake(['-q', '-s', '-T', 'run', image], sb.env);
            expect(r.stdout).toBe(`[I] config: Configuration file not found, creating one at ${configFile()}`);
            expect(existsSync(configFile())).toBe(true);
            const again = await fake(['-q', '-s', '-T', 'run', image], sb.env);
            expect(again.stdout).toBe('');
        });

        it('-N reads no config and creates none', async () => {
            const r = await fake(['-N', '-q', '-s', '-T', 'run', image], sb.env);
            expect(r.exitCode).toBe(0);
            expect(existsSync(configFile())).toBe(false);
        });

        it('renders [templates] without -T, and not with -T', async () => {
            await writeText(
                path.join(sb.configHome, 'wallust', 'templates', 'colors.txt'),
                'bg={{background}} fg={{ foreground }} c0={{color0}} c15={{color15 | strip}} ' +
                    'cur={{cursor}} img={{wallpaper}}\n',
            );
            await writeText(path.join(sb.configHome, 'wallust', 'wal.txt'), '{background} {color1.strip} {{literal}}');
            await writeText(
                configFile(),
                `[templates]
plain.template = 'colors.txt'
plain.target = '${sb.root}/out/colors.txt'
wal = { src = 'wal.txt', dst = '${sb.root}/out/wal.txt', pywal = true }
`,
            );
            const withT = await fake(['-q', '-s', '-T', 'run', image], sb.env);
            expect(withT.exitCode).toBe(0);
            expect(existsSync(path.join(sb.root, 'out'))).toBe(false);

            const r = await fake(['-q', '-s', 'run', image], sb.env);
            expect(r.exitCode, r.stderr).toBe(0);
            const p = expectedFakePalette(imageBytes);
            expect(await readFile(path.join(sb.root, 'out', 'colors.txt'), 'utf8')).toBe(
                `bg=${p.background} fg=${p.foreground} c0=${p.colors[0]} c15=${p.colors[15]!.slice(1)} ` +
                    `cur=${p.cursor} img=${image}\n`,
            );
            expect(await readFile(path.join(sb.root, 'out', 'wal.txt'), 'utf8')).toBe(
                `${p.background} ${p.colors[1]!.slice(1)} {literal}`,
            );
        });

        it('a missing template only warns', async () => {
            await writeText(
                configFile(),
                `[templates]\ngone = { template = 'gone.txt', target = '${sb.root}/gone.out' }\n`,
            );
            const r = await fake(['-q', '-s', 'run', image], sb.env);
            expect(r.exitCode).toBe(0);
            expect(r.stderr).toMatch(
                /^\[W\] gone: Reading .*gone\.txt failed: No such file or directory \(os error 2\)/,
            );
        });

        it('writes <cache>/wallust/sequences without -s, and not with -s', async () => {
            const seq = path.join(sb.cacheHome, 'wallust', 'sequences');
            await fake(['-q', '-s', '-T', 'run', image], sb.env);
            expect(existsSync(seq)).toBe(false);
            await fake(['-q', '-T', 'run', image], sb.env);
            const text = await readFile(seq, 'utf8');
            const p = expectedFakePalette(imageBytes);
            expect(text).toContain(`\x1b]4;0;${p.colors[0]}\x1b\\`);
            expect(text).toContain(`\x1b]11;${p.background}\x1b\\`);
        });
    });
});
