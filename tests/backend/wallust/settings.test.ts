import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { WALLUST_DEFAULTS } from '../../../backend/src/wallust/options.js';
import {
    parseWallustConfig,
    resolveWallustOptions,
    wallustConfigFile,
    wallustSettings,
} from '../../../backend/src/wallust/settings.js';
import { makeSandbox, writeText, type Sandbox } from './helpers.js';

describe('wallust settings', () => {
    let sb: Sandbox;
    beforeEach(async () => {
        sb = await makeSandbox();
    });
    afterEach(async () => {
        await sb.cleanup();
    });

    const userConfig = () => path.join(sb.configHome, 'wallust', 'wallust.toml');

    it('finds wallust.toml under XDG_CONFIG_HOME, else ~/.config', () => {
        expect(wallustConfigFile({ XDG_CONFIG_HOME: '/x', HOME: '/h' })).toBe('/x/wallust/wallust.toml');
        expect(wallustConfigFile({ HOME: '/h' })).toBe('/h/.config/wallust/wallust.toml');
    });

    it("uses wallust's defaults without a config file", async () => {
        const s = await wallustSettings({}, { env: sb.env });
        expect(s).toEqual({ options: WALLUST_DEFAULTS, configFile: userConfig(), configFound: false, warnings: [] });
        expect(s.options).toEqual({ backend: 'fastresize', colorspace: 'lch', palette: 'dark', threshold: null });
    });

    it("reads backend, color_space, palette and threshold from the user's wallust.toml", async () => {
        await writeText(
            userConfig(),
            `# my wallust config
backend = "kmeans"
color_space = 'lab-mixed'   # an alias wallust accepts
palette = "harddark16"
threshold = 11
check_contrast = true

[templates]
kitty = { template = 'kitty.conf', target = '~/.config/kitty/colors.conf' }
`,
        );
        const s = await wallustSettings({}, { env: sb.env });
        expect(s.configFound).toBe(true);
        expect(s.warnings).toEqual([]);
        expect(s.options).toEqual({ backend: 'kmeans', colorspace: 'labmixed', palette: 'harddark16', threshold: 11 });
    });

    it('lets explicit options win over the file, key by key', async () => {
        await writeText(userConfig(), 'backend = "kmeans"\npalette = "light"\nthreshold = 30\n');
        const s = await wallustSettings({ palette: 'dark16', threshold: 5 }, { env: sb.env });
        expect(s.options).toEqual({ backend: 'kmeans', colorspace: 'lch', palette: 'dark16', threshold: 5 });
    });

    it('cannot override a configured threshold with "auto" (wallust has no flag for it)', () => {
        expect(resolveWallustOptions({ threshold: null }, { threshold: 30 }).threshold).toBe(30);
        expect(parseWallustConfig('threshold = 0').options.threshold).toBeNull();
    });

    it('warns about values wallust would refuse, and ignores them', async () => {
        await writeText(userConfig(), 'backend = "nope"\npalette = 7\nthreshold = 200\ncolor_space = "lch"\n');
        const s = await wallustSettings({}, { env: sb.env });
        expect(s.options).toEqual({ ...WALLUST_DEFAULTS, colorspace: 'lch' });
        expect(s.warnings).toHaveLength(3);
        expect(s.warnings[0]).toContain('backend = "nope"');
    });

    it('warns, and falls back to defaults, when the file is not TOML', async () => {
        await writeText(userConfig(), 'backend = fastresize\n');
        const s = await wallustSettings({}, { env: sb.env });
        expect(s.options).toEqual(WALLUST_DEFAULTS);
        expect(s.warnings[0]).toMatch(/not valid TOML/);
    });

    it('notes a preset and the wallust 2 `filter` key', () => {
        expect(parseWallustConfig('preset = "pywal"').warnings[0]).toMatch(/preset/);
        expect(parseWallustConfig('filter = "dark16"').warnings[0]).toMatch(/wallust migrate/);
    });

    it('reads an explicit config file path', async () => {
        const file = await writeText(path.join(sb.root, 'elsewhere.toml'), 'palette = "softdark"\n');
        const s = await wallustSettings({}, { configFile: file });
        expect(s.options.palette).toBe('softdark');
        expect(s.configFile).toBe(file);
    });
});
