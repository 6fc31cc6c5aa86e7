import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './sandbox.js';

export interface GjsResult {
    code: number | null;
    stdout: string;
    stderr: string;
    /** The "ok NAME …" lines the scenario printed, as NAME → rest of line. */
    passed: Map<string, string>;
    /** The "not ok NAME: why" lines of a script of cases (harness.js `cases`), as NAME → why. */
    failed: Map<string, string>;
}

/** Whether `npm run build` has produced what the gjs scenarios import. */
export function builtExtension(): boolean {
    return existsSync(join(ROOT, 'dist/extension/lib/backendClient.js'));
}

/** Runs `gjs -m tests/gjs/SCRIPT` with exactly `env` (no inherited desktop session), collecting its output. */
export function runGjs(script: string, env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<GjsResult> {
    return new Promise((resolve, reject) => {
        const child = spawn('gjs', ['-m', join(ROOT, 'tests/gjs', script)], {
            cwd: ROOT,
            env,
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        child.on('error', reject);
        child.on('close', (code) => {
            clearTimeout(timer);
            const passed = new Map<string, string>();
            const failed = new Map<string, string>();
            for (const line of stdout.split('\n')) {
                const match = /^ok (\S+) ?(.*)$/.exec(line);
                if (match) passed.set(match[1]!, match[2]!);
                const failure = /^not ok (\S+): (.*)$/.exec(line);
                if (failure) failed.set(failure[1]!, failure[2]!);
            }
            resolve({ code, stdout, stderr, passed, failed });
        });
    });
}

/**
 * One vitest test per case of a gjs script of cases (harness.js `cases`): the script runs once, under real gjs
 * against the built extension, and each case passes or fails on its own. `behaviours` maps each case's name in
 * the script to what it shows, which names the test.
 */
export function gjsCases(
    title: string,
    script: string,
    behaviours: Record<string, string>,
    env: () => NodeJS.ProcessEnv,
): void {
    describe(title, () => {
        let result: GjsResult;
        beforeAll(async () => {
            expect(builtExtension(), 'run `npm run build` first').toBe(true);
            result = await runGjs(script, env());
        }, 120_000);
        for (const [name, behaviour] of Object.entries(behaviours)) {
            it(behaviour, () => {
                const report = `${name}: ${result.failed.get(name) ?? 'did not run'}\nstderr:\n${result.stderr}`;
                expect(result.passed.has(name), report).toBe(true);
            });
        }
        it('has no case the test file does not name', () => {
            const unnamed = [...result.passed.keys(), ...result.failed.keys()].filter((name) => !(name in behaviours));
            expect(unnamed).toEqual([]);
        });
    });
}

/** Writes a few small, colourful, distinct images (stripes of several hues) into `folder`. */
export async function writeImages(folder: string, count = 3): Promise<string[]> {
    const width = 160;
    const height = 100;
    const paths: string[] = [];
    for (let n = 0; n < count; n++) {
        const pixels = Buffer.alloc(width * height * 3);
        for (let y = 0; y < height; y++) {
            for (let x = 0; x < width; x++) {
                const stripe = Math.floor((x / width) * 5);
                const hue = (n * 97 + stripe * 53) % 360;
                const [r, g, b] = hsvToRgb(hue, 0.35 + 0.12 * stripe, 0.45 + 0.1 * ((y * 4) / height));
                pixels.set([r, g, b], (y * width + x) * 3);
            }
        }
        const path = join(folder, `wallpaper-${n + 1}.${n % 2 === 0 ? 'png' : 'jpg'}`);
        await sharp(pixels, { raw: { width, height, channels: 3 } }).toFile(path);
        paths.push(path);
    }
    return paths;
}

function hsvToRgb(h: number, s: number, v: number): [number, number, number] {
    const f = (k: number): number => {
        const m = (k + h / 60) % 6;
        return Math.round(255 * (v - v * s * Math.max(0, Math.min(m, 4 - m, 1))));
    };
    return [f(5), f(3), f(1)];
}

// libadwaita's accent colours in the order of gsettings-desktop-schemas' GDesktopAccentColor, then "bark", as a
// distribution (Ubuntu) adds its own.
const ACCENTS = ['blue', 'teal', 'green', 'yellow', 'orange', 'red', 'pink', 'purple', 'slate', 'bark'];

/**
 * A made-up org.gnome.desktop.interface schema: with an accent-color enum key like GNOME 47+ (plus "bark"), or
 * without one like GNOME 45/46.
 */
export function interfaceSchema(withAccent: boolean, accents: readonly string[] = ACCENTS): string {
    const values = ACCENTS.filter((nick) => accents.includes(nick))
        .map((nick) => `    <value nick="${nick}" value="${ACCENTS.indexOf(nick)}"/>`)
        .join('\n');
    const key = withAccent
        ? `<key name="accent-color" enum="org.gnome.desktop.GDesktopAccentColor"><default>'blue'</default></key>`
        : `<key name="cursor-size" type="i"><default>24</default></key>`;
    return `<?xml version="1.0" encoding="UTF-8"?>
<schemalist>
  <enum id="org.gnome.desktop.GDesktopAccentColor">
${values}
  </enum>
  <enum id="org.gnome.desktop.GDesktopColorScheme">
    <value nick="default" value="0"/>
    <value nick="prefer-dark" value="1"/>
    <value nick="prefer-light" value="2"/>
  </enum>
  <schema id="org.gnome.desktop.interface" path="/org/gnome/desktop/interface/">
    ${key}
    <key name="color-scheme" enum="org.gnome.desktop.GDesktopColorScheme"><default>'default'</default></key>
  </schema>
</schemalist>
`;
}

/**
 * Compiles `interfaceSchema(withAccent, accents)` into DIR/share/glib-2.0/schemas and returns DIR/share for
 * XDG_DATA_DIRS.
 */
export function installInterfaceSchema(dir: string, withAccent: boolean, accents?: readonly string[]): string {
    const share = join(dir, 'share');
    const schemas = join(share, 'glib-2.0/schemas');
    mkdirSync(schemas, { recursive: true });
    writeFileSync(join(schemas, 'org.gnome.desktop.interface.gschema.xml'), interfaceSchema(withAccent, accents));
    execFileSync('glib-compile-schemas', ['--strict', schemas]);
    return share;
}
