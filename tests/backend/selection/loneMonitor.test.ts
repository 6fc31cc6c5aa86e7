// The command line on its own knows the monitor size as the extension would tell it: the size the extension last
// sent (kept in the database), else GNOME's monitors.xml. The too-small filter and the fill modes use it.
// Real CLI processes, real gsettings (keyfile), GNOME's monitors.xml format from mutter (tests/fixtures/monitors).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type ExplainJson, type WallpaperJson } from '../../../backend/src/protocol/messages.js';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { writeSolid } from '../../helpers/images.js';
import { ROOT, makeSandbox, runCli, type Sandbox } from '../../helpers/sandbox.js';

const SCHEMA = 'org.gnome.shell.extensions.chameleon';
let sandbox: Sandbox;
let folder: string;

beforeEach(async () => {
    sandbox = makeSandbox();
    // As if the extension were installed: the CLI reads its settings from its schema.
    sandbox.env.CHAMELEON_SCHEMA_DIR = join(ROOT, 'dist/extension/schemas');
    folder = sandbox.folder('walls');
    await writeSolid(join(folder, 'big.png'), '#3060a0', { width: 1280, height: 720 });
    await writeSolid(join(folder, 'medium.png'), '#a06030', { width: 800, height: 450 });
    await writeSolid(join(folder, 'small.png'), '#30a060', { width: 400, height: 225 });
    // A 1920 × 1080 monitor at scale 2: 960 × 540 as the Shell reports it. The default filter: half of that.
    mkdirSync(sandbox.env.XDG_CONFIG_HOME!, { recursive: true });
    copyFileSync(join(ROOT, 'tests/fixtures/monitors/scale.xml'), join(sandbox.env.XDG_CONFIG_HOME!, 'monitors.xml'));
});
afterEach(() => sandbox.cleanup());

async function cli<T>(...args: string[]): Promise<T> {
    const result = await runCli(sandbox, [...args, '--folder', folder, '--json']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    return JSON.parse(result.stdout) as T;
}

function gsettingsSet(key: string, value: string): Promise<unknown> {
    return execa('gsettings', ['--schemadir', sandbox.env.CHAMELEON_SCHEMA_DIR!, 'set', SCHEMA, key, value], {
        env: sandbox.env,
        extendEnv: false,
    });
}

describe('the lone CLI and the monitor size', () => {
    it("leaves out pictures too small for the monitor of GNOME's monitors.xml", async () => {
        const small = await cli<ExplainJson>('why', join(folder, 'small.png'));
        expect(small.excludedBy).toBe('too small: 400×225 is under 50% of the 960×540 monitor');
        expect((await cli<ExplainJson>('why', join(folder, 'medium.png'))).excludedBy).toBeNull();
        for (let i = 0; i < 4; i++) expect((await cli<WallpaperJson>('next')).path).not.toBe(join(folder, 'small.png'));
    });

    it('prefers the size the extension last sent over monitors.xml', async () => {
        const backend = BackendProcess.start(sandbox);
        await backend.call('initialize', {
            protocolVersion: PROTOCOL_VERSION,
            config: { folders: [folder], desktop: { monitor: { width: 1920, height: 1080 } } },
        });
        await backend.stop();
        const medium = await cli<ExplainJson>('why', join(folder, 'medium.png'));
        expect(medium.excludedBy).toBe('too small: 800×450 is under 50% of the 1920×1080 monitor');
    });

    it("fills the screen with display mode 'fit' as the extension would: composed at the monitor's size", async () => {
        await gsettingsSet('display-mode', "'fit'");
        await writeSolid(join(folder, 'portrait.png'), '#d02020', { width: 540, height: 960 });
        // Smart Selection picks among three pictures that pass the filter: a few changes reach the portrait one.
        let shown = await cli<WallpaperJson>('next');
        for (let i = 0; i < 12 && shown.name !== 'portrait.png'; i++) shown = await cli<WallpaperJson>('next');
        expect(shown.name).toBe('portrait.png');
        expect(await sandbox.gsettingsGet('org.gnome.desktop.background', 'picture-options')).toBe("'zoom'");
        const composed = new URL(shown.uri).pathname;
        expect(composed).toContain('/cache/chameleon/composed/');
        expect(await sandbox.gsettingsGet('org.gnome.desktop.background', 'picture-uri')).toBe(`'${shown.uri}'`);
        const meta = await sharp(composed).metadata();
        expect([meta.width, meta.height]).toEqual([960, 540]);
    });
});
