// The preferences window in the real GNOME Shell: every page opens without an error, and each gets a screenshot
// (artifacts/prefs-<page>.png). The window runs in its own process, so pages are switched the way a user does:
// the shell's virtual pointer clicks the view switcher.
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { click, desktopState, pressKeys } from './helpers/chameleon.js';
import wallpapers from './helpers/wallpapers.json' with { type: 'json' };
import {
    CHAMELEON_SCHEMA,
    chameleonGet,
    chameleonSet,
    colourDistance,
    E2E,
    extensionErrors,
    openPreferences,
    runAsUser,
    screenshot,
    shellEval,
    waitFor,
    WALLPAPER_DIR,
    type Rgb,
} from './helpers/shell.js';

const PAGES = ['wallpapers', 'selection', 'palette', 'theme', 'online', 'collection', 'gallery'];
// Narrow enough that libadwaita moves the view switcher to a bar at the bottom, whose buttons share its width.
const WIDTH = 420;
const HEIGHT = 760;
const PREFS_WINDOW =
    `global.get_window_actors().map(a => a.meta_window).find(w => w.get_wm_class() === ` +
    `'org.gnome.Shell.Extensions')`;

interface Rect {
    x: number;
    y: number;
    width: number;
    height: number;
}

const frame = () =>
    shellEval<Rect | null>(`(() => { const w = ${PREFS_WINDOW}; if (!w) return null;
    const r = w.get_frame_rect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; })()`);

interface WindowShot {
    /** The page above the view switcher, small and grey: enough to tell one page from another. */
    page: Buffer;
    /** Mean brightness of each view-switcher button's strip. */
    buttons: number[];
}

/** Screenshot of the preferences window, saved as artifacts/NAME.png, with what the checks compare. */
async function windowShot(f: Rect, name: string): Promise<WindowShot> {
    const screen = await screenshot(`${name}-screen`);
    const file = path.join(E2E.artifacts, `${name}.png`);
    await sharp(screen).extract({ left: f.x, top: f.y, width: f.width, height: f.height }).toFile(file);
    const page = await sharp(file)
        .extract({ left: 0, top: 60, width: f.width, height: f.height - 120 })
        .greyscale()
        .resize(48, 48, { fit: 'fill' })
        .raw()
        .toBuffer();
    const width = Math.floor(f.width / PAGES.length);
    const buttons: number[] = [];
    for (let i = 0; i < PAGES.length; i++) {
        // stats() would describe the whole input image, not the extracted strip: average the strip's pixels here.
        const strip = await sharp(file)
            .extract({ left: i * width + 3, top: f.height - 36, width: width - 6, height: 32 })
            .greyscale()
            .raw()
            .toBuffer();
        buttons.push(strip.reduce((sum, value) => sum + value, 0) / strip.length);
    }
    return { page, buttons };
}

/** Whether two pages look different (more than a few grey levels on average, so a blinking caret is not). */
function differ(a: Buffer, b: Buffer): boolean {
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
    return sum / a.length > 2;
}

/** Shots until two in a row show the same page. */
async function waitForStable(f: Rect, name: string, first?: WindowShot): Promise<WindowShot> {
    let previous = first ?? (await windowShot(f, name));
    return waitFor(
        `${name} stops changing`,
        async () => {
            const shot = await windowShot(f, name);
            const stable = !differ(shot.page, previous.page);
            previous = shot;
            return stable ? shot : null;
        },
        (shot): shot is WindowShot => shot !== null,
        { timeoutMs: 30_000, intervalMs: 300 },
    ) as Promise<WindowShot>;
}

/** The switcher button that, in shot `i`, departs most from how it looks in the other shots. */
function highlighted(shots: WindowShot[], i: number): number {
    const deviation = PAGES.map((_, button) => {
        const elsewhere = shots
            .filter((_, k) => k !== i)
            .map((shot) => shot.buttons[button]!)
            .sort((a, b) => a - b);
        const median = elsewhere[Math.floor(elsewhere.length / 2)]!;
        return Math.abs(shots[i]!.buttons[button]! - median);
    });
    return deviation.indexOf(Math.max(...deviation));
}

/** Where `rgb` covers a patch of the window (a thumbnail of that colour): its centre on screen, or null. */
async function patchOf(f: Rect, name: string, rgb: Rgb): Promise<{ x: number; y: number } | null> {
    const { data, info } = await sharp(await screenshot(name))
        .extract({ left: f.x, top: f.y, width: f.width, height: f.height })
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
    let n = 0;
    let sx = 0;
    let sy = 0;
    for (let y = 0; y < info.height; y++) {
        for (let x = 0; x < info.width; x++) {
            const i = (y * info.width + x) * 3;
            if (colourDistance([data[i]!, data[i + 1]!, data[i + 2]!], rgb) > 12) continue;
            n++;
            sx += x;
            sy += y;
        }
    }
    // A thumbnail's solid middle is thousands of pixels; a stray pixel of the colour elsewhere is not.
    return n > 1500 ? { x: f.x + Math.round(sx / n), y: f.y + Math.round(sy / n) } : null;
}

function busLog(): Buffer {
    return readFileSync(path.join(E2E.artifacts, 'session-bus.log'));
}

function errorsIn(log: string): string[] {
    return log
        .split('\n')
        .filter(
            (l) =>
                /JS ERROR|Gjs-CRITICAL|Gtk-CRITICAL|Adwaita-CRITICAL|TypeError|ReferenceError|SyntaxError/.test(l) ||
                (/WARNING/.test(l) && /chameleon/i.test(l)),
        );
}

describe('Chameleon preferences', () => {
    afterAll(async () => {
        await shellEval(`global.get_window_actors().map(a => a.meta_window)
            .filter(w => w.get_wm_class() === 'org.gnome.Shell.Extensions')
            .forEach(w => w.delete(global.get_current_time()))`);
    });

    it(
        'every page opens without an error, and the page shown is the one asked for (screenshots ' +
            'prefs-<page>.png)',
        async () => {
            const mark = busLog().length;
            // Over the overview the window is a scaled thumbnail and a click lands on the dash: the desktop first.
            await shellEval('Main.overview.hide()');
            await waitFor(
                'the overview hidden',
                () => shellEval<boolean>('Main.overview.visible'),
                (v) => v === false,
            );
            const r = await openPreferences();
            expect(r.code, `gnome-extensions prefs: ${r.stderr}`).toBe(0);
            await waitFor('the preferences window', frame, (f) => f !== null, { timeoutMs: 30_000 });
            // A window is only resized once it has been shown: ask until it takes the size.
            const resize = () =>
                shellEval(`(() => { Main.overview.hide(); const w = ${PREFS_WINDOW};
            w.activate(global.get_current_time()); w.move_resize_frame(true, 40, 40, ${WIDTH}, ${HEIGHT}); })()`);
            const f = (await waitFor(
                'the window at its test size, on the desktop',
                async () => (await resize(), frame()),
                (f): f is Rect => f !== null && f.width === WIDTH && f.height === HEIGHT,
                { timeoutMs: 30_000, intervalMs: 500 },
            )) as Rect;
            const switcher = (page: number) => ({
                x: f.x + ((page + 0.5) * f.width) / PAGES.length,
                y: f.y + f.height - 24,
            });

            // The first page, once it has stopped changing (its rows fill in as the settings are read).
            let last = await waitForStable(f, 'prefs-wallpapers');
            const shots = [last];
            for (let i = 1; i < PAGES.length; i++) {
                const previous = last;
                // On a loaded machine a click can reach the button as a mere hover; like a person, click it again
                // when the page has not changed a few shots later (clicking the button of the page shown does nothing).
                let shotsSinceClick = Infinity;
                last = await waitFor(
                    `the ${PAGES[i]} page replaces the ${PAGES[i - 1]} page`,
                    async () => {
                        if (shotsSinceClick++ >= 8) {
                            await click(switcher(i).x, switcher(i).y);
                            shotsSinceClick = 0;
                        }
                        return windowShot(f, `prefs-${PAGES[i]}`);
                    },
                    (shot) => differ(shot.page, previous.page),
                    { timeoutMs: 30_000, intervalMs: 300 },
                );
                last = await waitForStable(f, `prefs-${PAGES[i]}`, last);
                shots.push(last);
            }
            // Which view-switcher button is highlighted in each shot: the one that looks least like itself elsewhere.
            expect(
                shots.map((_, i) => highlighted(shots, i)),
                'the highlighted switcher button follows the clicks',
            ).toEqual(PAGES.map((_, i) => i));

            // Back on the first page: the edit button of "Next wallpaper" (the first shortcut row) captures the next
            // combination pressed. Its place is that of the screenshot prefs-wallpapers.png at this window size.
            await click(switcher(0).x, switcher(0).y);
            await waitFor(
                'the wallpapers page again',
                () => windowShot(f, 'prefs-wallpapers-again'),
                (shot) => !differ(shot.page, shots[0]!.page),
                { intervalMs: 300 },
            );
            const windows = () =>
                shellEval<number>(
                    `global.get_window_actors().filter(a => a.meta_window.get_wm_class() === ` +
                        `'org.gnome.Shell.Extensions').length`,
                );
            const before = await windows();
            await click(f.x + 375, f.y + 596);
            await waitFor('the shortcut dialog opens', windows, (n) => n > before);
            await screenshot('prefs-shortcut-dialog');
            await pressKeys(['Control_L', 'Alt_L', 'n']);
            // The headless session's keymap decides which modifier names the virtual Control_L gets; what matters
            // is that the dialog stored the combination pressed, modifiers and N, in place of the default.
            await waitFor(
                'shortcut-next captured as a combination with N',
                () => chameleonGet('shortcut-next'),
                (v) => /^\['(<\w+>)*<Alt>(<\w+>)*n'\]$/.test(v),
                { timeoutMs: 15_000 },
            );
            await runAsUser(['gsettings', 'reset', CHAMELEON_SCHEMA, 'shortcut-next']);

            const log = busLog().subarray(mark).toString('utf8');
            expect(errorsIn(log), `preferences process log:\n${log}`).toEqual([]);
            expect(await extensionErrors()).toEqual([]);
        },
    );

    it(
        'with no folder added, the Wallpapers page shows the Pictures folder in use (read off the ' + 'window by OCR)',
        async () => {
            const windows = () =>
                shellEval<number>(
                    `global.get_window_actors().filter(a => a.meta_window.get_wm_class() === ` +
                        `'org.gnome.Shell.Extensions').length`,
                );
            await waitFor('the shortcut dialog closed', windows, (n) => n === 1);
            const f = (await frame())!;
            const configured = await chameleonGet('folders');
            await chameleonSet('folders', '@as []');
            try {
                // OCR may misread the path's leading slash ('{home'): the rest of it is enough.
                const text = await waitFor(
                    'the Wallpapers page names the Pictures folder in use',
                    async () => {
                        const shot = path.join(E2E.artifacts, 'prefs-first-use.png');
                        await sharp(await screenshot('prefs-first-use-screen'))
                            .extract({ left: f.x, top: f.y, width: f.width, height: f.height })
                            .resize({ width: f.width * 2 })
                            .greyscale()
                            .toFile(shot);
                        return (await execa('tesseract', [shot, '-'], { reject: false })).stdout;
                    },
                    (t) => /home\/chameleon\/Pictures\b/.test(t) && /used while no folder is added/.test(t),
                    { timeoutMs: 30_000, intervalMs: 500 },
                );
                expect(text).not.toMatch(/No folders yet/);
            } finally {
                await chameleonSet('folders', configured);
            }
        },
    );

    it(
        'the Gallery page shows the collection as thumbnails, and a click on one sets it ' +
            '(screenshots prefs-gallery-*.png)',
        async () => {
            const mark = busLog().length;
            const all = `${WALLPAPER_DIR}/all`;
            if ((await chameleonGet('folders')) !== `['${all}']`) await chameleonSet('folders', `['${all}']`);
            await waitFor(
                'the backend uses the test wallpapers folder',
                async () => JSON.parse((await runAsUser(['chameleon', 'status', '--json'])).stdout).folders,
                (folders) => JSON.stringify(folders) === JSON.stringify([all]),
            );
            const f = (await frame())!;
            const switcher = (page: number) => ({
                x: f.x + ((page + 0.5) * f.width) / PAGES.length,
                y: f.y + f.height - 24,
            });
            const onScreen = path.basename((await desktopState()).uri, '.png');
            const target = (['teal', 'red', 'green'] as const).find((name) => name !== onScreen)!;
            const rgb = (wallpapers as unknown as Record<string, { rgb: Rgb }>)[target]!.rgb;
            // The gallery reads the collection each time it is opened. As in the walk above, a click that reached
            // the switcher as a mere hover is repeated when nothing has changed a few shots later.
            const gallery = switcher(PAGES.indexOf('gallery'));
            let shotsSinceClick = Infinity;
            const tile = await waitFor(
                `the ${target} thumbnail in the gallery grid`,
                async () => {
                    if (shotsSinceClick++ >= 8) {
                        await click(gallery.x, gallery.y);
                        shotsSinceClick = 0;
                    }
                    return patchOf(f, 'prefs-gallery-grid', rgb);
                },
                (at) => at !== null,
                { timeoutMs: 30_000, intervalMs: 300 },
            );
            shotsSinceClick = Infinity;
            await waitFor(
                `a click on the ${target} thumbnail shows ${target}.png`,
                async () => {
                    if (shotsSinceClick++ >= 8) {
                        await click(tile!.x, tile!.y);
                        shotsSinceClick = 0;
                    }
                    return desktopState();
                },
                (s) => s.uri === `file://${all}/${target}.png` && s.drawn.includes(s.uri),
                { timeoutMs: 30_000, intervalMs: 300 },
            );
            await screenshot('prefs-gallery-clicked');
            const history = JSON.parse(
                (await runAsUser(['chameleon', 'history', '--limit', '1', '--json'])).stdout,
            ) as {
                path: string;
            }[];
            expect(history[0]?.path, 'the picture set from the gallery is the newest history entry').toBe(
                `${all}/${target}.png`,
            );
            const log = busLog().subarray(mark).toString('utf8');
            expect(errorsIn(log), `preferences process log:\n${log}`).toEqual([]);
        },
    );
});
