// The preferences window in the real GNOME Shell: every page opens without an error, and each gets a screenshot
// (artifacts/prefs-<page>.png). The window runs in its own process, so pages are switched the way a user does:
// the shell's virtual pointer clicks the view switcher.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { click, pressKeys } from './helpers/chameleon.js';
import { CHAMELEON_SCHEMA, chameleonGet, E2E, extensionErrors, runAsUser, screenshot, shellEval, waitFor } from './helpers/shell.js';

const PAGES = ['wallpapers', 'selection', 'palette', 'theme', 'online', 'collection'];
// Narrow enough that libadwaita moves the view switcher to a bar at the bottom, whose buttons share its width.
const WIDTH = 420;
const HEIGHT = 760;
const PREFS_WINDOW = `global.get_window_actors().map(a => a.meta_window).find(w => w.get_wm_class() === 'org.gnome.Shell.Extensions')`;

interface Rect { x: number; y: number; width: number; height: number }

const frame = () => shellEval<Rect | null>(`(() => { const w = ${PREFS_WINDOW}; if (!w) return null;
    const r = w.get_frame_rect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; })()`);

function busLog(): Buffer {
    return readFileSync(path.join(E2E.artifacts, 'session-bus.log'));
}

function errorsIn(log: string): string[] {
    return log.split('\n').filter((l) =>
        /JS ERROR|Gjs-CRITICAL|Gtk-CRITICAL|Adwaita-CRITICAL|TypeError|ReferenceError|SyntaxError/.test(l) || (/WARNING/.test(l) && /chameleon/i.test(l)));
}

describe('Chameleon preferences', () => {
    afterAll(async () => {
        await shellEval(`global.get_window_actors().map(a => a.meta_window)
            .filter(w => w.get_wm_class() === 'org.gnome.Shell.Extensions').forEach(w => w.delete(global.get_current_time()))`);
    });

    it('every page opens without an error (screenshots prefs-<page>.png)', async () => {
        const mark = busLog().length;
        const r = await runAsUser(['gnome-extensions', 'prefs', E2E.uuid]);
        expect(r.code, `gnome-extensions prefs: ${r.stderr}`).toBe(0);
        await waitFor('the preferences window', frame, (f) => f !== null, { timeoutMs: 20_000 });
        // A window is only resized once it has been shown: ask until it takes the size.
        const resize = () => shellEval(`(() => { const w = ${PREFS_WINDOW}; w.move_resize_frame(true, 40, 40, ${WIDTH}, ${HEIGHT}); })()`);
        const f = await waitFor('the window at its test size', async () => (await resize(), frame()),
            (f): f is Rect => f !== null && f.width === WIDTH && f.height === HEIGHT, { timeoutMs: 10_000, intervalMs: 500 }) as Rect;
        // Time for the pages to be built and the collection statistics to arrive.
        await new Promise((r) => setTimeout(r, 2_500));

        for (const [i, page] of PAGES.entries()) {
            await click(f.x + ((i + 0.5) * f.width) / PAGES.length, f.y + f.height - 24);
            await new Promise((r) => setTimeout(r, 800));
            const shot = await screenshot(`prefs-${page}-screen`);
            await sharp(shot).extract({ left: f.x, top: f.y, width: f.width, height: f.height }).toFile(path.join(E2E.artifacts, `prefs-${page}.png`));
        }

        // Back on the first page: the edit button of "Next wallpaper" (the first shortcut row) captures the next
        // combination pressed. Its place is that of the screenshot prefs-wallpapers.png at this window size.
        await click(f.x + ((0 + 0.5) * f.width) / PAGES.length, f.y + f.height - 24);
        await new Promise((r) => setTimeout(r, 500));
        await click(f.x + 375, f.y + 528);
        await new Promise((r) => setTimeout(r, 800));
        await screenshot('prefs-shortcut-dialog');
        await pressKeys(['Control_L', 'Alt_L', 'n']);
        // The headless session's keymap decides which modifier names the virtual Control_L gets; what matters
        // is that the dialog stored the combination pressed, modifiers and N, in place of the default.
        await waitFor('shortcut-next captured as a combination with N', () => chameleonGet('shortcut-next'),
            (v) => /^\['(<\w+>)*<Alt>(<\w+>)*n'\]$/.test(v), { timeoutMs: 5_000 });
        await runAsUser(['gsettings', 'reset', CHAMELEON_SCHEMA, 'shortcut-next']);

        const log = busLog().subarray(mark).toString('utf8');
        expect(errorsIn(log), `preferences process log:\n${log}`).toEqual([]);
        expect(await extensionErrors()).toEqual([]);
    });
});
