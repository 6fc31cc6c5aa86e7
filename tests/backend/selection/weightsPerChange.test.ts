// What one change costs Smart Selection: with the colour target following the desktop's accent and accent sync on,
// a change sends the accent to the desktop with the picture and recomputes no weight of the whole collection;
// only an accent the user picks moves every weight. In process: the App, real SQLite, real images.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../../backend/src/app.js';
import { extractPalette } from '../../../backend/src/palette/extractPalette.js';
import type { DesktopExtras, DesktopSetter } from '../../../backend/src/desktop/desktopSetter.js';
import { makeTempDir, removeTempDir, writeSolid } from '../../helpers/images.js';

let dir: string;

beforeAll(async () => {
    dir = await makeTempDir();
    process.env.XDG_CACHE_HOME = join(dir, 'cache');
});
afterAll(() => removeTempDir(dir));

describe('weights per change', () => {
    it('recomputes no weight of the collection on a change; a hand-picked accent does', async () => {
        const folder = join(dir, 'pictures');
        mkdirSync(folder, { recursive: true });
        const colours = ['#c0392b', '#2471a3', '#229954', '#d4ac0d', '#884ea0', '#ca6f1e'];
        for (const [n, colour] of colours.entries())
            await writeSolid(join(folder, `w${n}.png`), colour, { width: 320, height: 180 });
        const applied: DesktopExtras[] = [];
        const desktop: DesktopSetter = {
            set: async (_path, _uri, _reason, extras = {}) => void applied.push(extras),
        };
        const app = new App({
            dataDir: join(dir, 'data'),
            desktop,
            // The extractor's own function, in this thread (the worker needs the built bundle).
            extractor: { key: 'builtin-test', extract: extractPalette, close: () => Promise.resolve() },
            config: {
                folders: [folder],
                selection: { colourTarget: 'accent', cooldownDays: 0 },
                desktop: { accent: 'slate', colorScheme: 'default' },
                accent: { sync: true, paused: false },
                allowedAccentNames: ['blue', 'teal', 'green', 'yellow', 'orange', 'red', 'pink', 'purple', 'slate'],
            },
        });
        try {
            await app.service.next('next');
            const work = { ...app.collection.index.work };
            for (let i = 0; i < 4; i++) await app.service.next('next');
            // The accent went to the desktop with each picture: the backend decided it.
            expect(applied.every((extras) => typeof extras.accent === 'string')).toBe(true);
            expect(app.collection.index.work.fullPasses).toBe(work.fullPasses);
            expect(app.collection.index.work.weights - work.weights).toBeLessThan(colours.length);

            // The user picks an accent by hand: the colour target moves, and with it every weight.
            app.applyConfig({ desktop: { accent: 'orange' } });
            await app.service.next('next');
            expect(app.collection.index.work.fullPasses).toBe(work.fullPasses + 1);
        } finally {
            await app.close();
        }
    });
});
