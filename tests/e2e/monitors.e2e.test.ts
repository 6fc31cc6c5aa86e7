// Chameleon in a real GNOME Shell with two monitors of different shapes and sizes (run.sh's second pass starts
// the shell with CHAMELEON_E2E_MONITORS, a landscape 1280×800 and a portrait 800×1280): with a picture per
// monitor, the extension tells the backend the layout, the backend composes one spanned file, and the shell draws
// each monitor's picture on that monitor; the menu has a row per monitor.
import { chownSync, mkdirSync } from 'node:fs';
import sharp from 'sharp';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { activate, desktopState, menuState, openMenu, revealDesktop } from './helpers/chameleon.js';
import {
    chameleonSet,
    colourDistance,
    E2E,
    extensionInfo,
    gsettingsGet,
    hostPath,
    isAlive,
    pixelAt,
    screenshot,
    shellEval,
    shellLogTail,
    waitFor,
    WALLPAPER_DIR,
    type Rgb,
} from './helpers/shell.js';

const FOLDER = `${WALLPAPER_DIR}/monitors`;
/** Two pictures as distinct as can be: a landscape red one and a portrait blue one. */
const PICTURES: Record<string, { width: number; height: number; rgb: Rgb }> = {
    'red-landscape.png': { width: 1280, height: 800, rgb: [230, 45, 66] },
    'blue-portrait.png': { width: 800, height: 1280, rgb: [53, 132, 228] },
};

interface Rect {
    x: number;
    y: number;
    width: number;
    height: number;
}

/** Mostly one colour, with darker and lighter bands near the top and bottom (a palette needs more than one colour). */
function picture(width: number, height: number, base: Rgb): ReturnType<typeof sharp> {
    const pixels = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) {
        const t = y / height;
        const f = t < 0.1 ? 0.5 : t > 0.9 ? 1.4 : 1;
        const colour = base.map((c) =>
            Math.max(0, Math.min(255, Math.round(f <= 1 ? c * f : c + (255 - c) * (f - 1)))),
        );
        for (let x = 0; x < width; x++) pixels.set(colour, (y * width + x) * 3);
    }
    return sharp(pixels, { raw: { width, height, channels: 3 } }).png();
}

beforeEach((ctx) => {
    ctx.onTestFailed(() => console.error(`--- ${ctx.task.name}: shell log tail ---\n${shellLogTail(60)}`));
});

describe('Chameleon with two monitors', () => {
    beforeAll(async () => {
        mkdirSync(hostPath(FOLDER), { recursive: true });
        for (const [name, { width, height, rgb }] of Object.entries(PICTURES))
            await picture(width, height, rgb).toFile(hostPath(`${FOLDER}/${name}`));
        chownSync(hostPath(FOLDER), E2E.uid, E2E.uid);
        for (const name of Object.keys(PICTURES)) chownSync(hostPath(`${FOLDER}/${name}`), E2E.uid, E2E.uid);
    });

    it(
        'a picture per monitor: spanned composed file, each monitor draws its own picture, a menu ' + 'row each',
        async () => {
            expect((await extensionInfo()).state).toBe(1);
            await waitFor(
                'panel button with a running backend',
                menuState,
                (s) => s.present && typeof s.backendPid === 'number' && isAlive(s.backendPid),
                { timeoutMs: 20_000 },
            );
            const monitors = await shellEval<
                Rect[]
            >(`Array.from({ length: global.display.get_n_monitors() }, (_, i) => {
            const r = global.display.get_monitor_geometry(i);
            return { x: r.x, y: r.y, width: r.width, height: r.height };
            })`);
            expect(
                monitors.map((m) => `${m.width}x${m.height}`),
                'the shell runs with the two virtual monitors',
            ).toEqual(['1280x800', '800x1280']);

            // What the extension reads asynchronously to tell the backend how layout coordinates are meant: mutter
            // answers GetCurrentState with a layout-mode (1 logical, 2 physical; GNOME 48 without fractional
            // scaling: 2).
            const layoutMode = await shellEval<
                number | null
            >(`new Promise((resolve) => imports.gi.Gio.DBus.session.call(
            'org.gnome.Mutter.DisplayConfig', '/org/gnome/Mutter/DisplayConfig', 'org.gnome.Mutter.DisplayConfig',
            'GetCurrentState',
            null, null, imports.gi.Gio.DBusCallFlags.NONE, -1, null, (bus, result) => {
                const mode = bus.call_finish(result).get_child_value(3).lookup_value('layout-mode', null);
                resolve(mode ? mode.get_uint32() : null);
            }))`);
            expect([1, 2], `mutter's layout-mode ${layoutMode}`).toContain(layoutMode);

            await chameleonSet('folders', `['${FOLDER}']`);
            await chameleonSet('monitor-mode', "'per-monitor'");
            const before = await desktopState();
            await activate('nextItem');
            const after = await waitFor(
                'picture-uri changes to a composed file',
                desktopState,
                (s) =>
                    s.uri !== before.uri &&
                    s.darkUri === s.uri &&
                    !Object.keys(PICTURES).some((name) => s.uri.endsWith(`/${name}`)),
                { timeoutMs: 30_000 },
            );
            expect(await gsettingsGet('org.gnome.desktop.background', 'picture-options')).toBe("'spanned'");
            await waitFor('the shell draws the composed file', desktopState, (s) => s.drawn.includes(after.uri));

            const menu = await waitFor(
                'the menu shows a row per monitor',
                menuState,
                (s) => s.monitorRows?.length === 2,
            );
            const rows = [...(menu.monitorRows ?? [])].sort((a, b) => a.index - b.index);
            const names = rows.map((row) => row.path.split('/').pop() ?? '');
            expect(new Set(names).size, `each monitor has its own picture: ${JSON.stringify(rows)}`).toBe(2);
            for (const row of rows) {
                expect(row.label).toContain(row.path.split('/').pop());
                expect(row.swatches, 'eight colours and the accent').toBe(9);
            }
            await openMenu();
            await screenshot('monitors-menu');

            // Each monitor's centre shows its own picture's colour.
            await revealDesktop();
            await waitFor(
                `each monitor's centre shows its picture (${names.join(', ')})`,
                async () => {
                    const shot = await screenshot('monitors-desktop');
                    return Promise.all(
                        rows.map(async (row, i) => {
                            const m = monitors[row.index] ?? monitors[i]!;
                            const got = await pixelAt(
                                shot,
                                Math.floor(m.x + m.width / 2),
                                Math.floor(m.y + m.height / 2),
                            );
                            return colourDistance(got, PICTURES[names[i]!]!.rgb);
                        }),
                    );
                },
                (distances) => distances.every((d) => d <= 16),
                { timeoutMs: 10_000, intervalMs: 400 },
            );
        },
    );
});
