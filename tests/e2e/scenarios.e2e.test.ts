// Chameleon in a real GNOME Shell (48, 50 or 51, as the matrix runs it): what a user does and sees. The scenarios share
// one shell session and
// run in order; each sets up the state it needs (folder, current wallpaper) rather than relying on the
// previous one, except that all of them need the extension to have loaded (scenario 1).
import {
    chmodSync,
    chownSync,
    copyFileSync,
    cpSync,
    existsSync,
    mkdirSync,
    readFileSync,
    renameSync,
    rmSync,
    writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { expectedFakePalette } from '../fakes/wallust/expected.js';
import wallpapers from './helpers/wallpapers.json' with { type: 'json' };
import {
    activate,
    backendCommandMatches,
    click,
    desktopState,
    menuState,
    movePointer,
    openMenu,
    openRecentSubmenu,
    pressKeys,
    recentState,
    revealDesktop,
    shellAccent,
    uriToName,
    WALLPAPER_URI,
    type DesktopState,
    type ScreenBox,
} from './helpers/chameleon.js';
import {
    centrePixel,
    chameleonGet,
    chameleonSet,
    colourDistance,
    E2E,
    extensionErrors,
    extensionInfo,
    gsettingsGet,
    gsettingsSet,
    hostPath,
    isAlive,
    openPreferences,
    pixelAt,
    processesInRoot,
    runAsUser,
    screenshot,
    shellEval,
    shellLogTail,
    waitFor,
    WALLPAPER_DIR,
    type Rgb,
} from './helpers/shell.js';

type Name = 'red' | 'teal' | 'grey' | 'green';
const WALLPAPER = wallpapers as unknown as Record<Name, { rgb: Rgb; accent: string }>;
const ACTIVE = 1;
const INACTIVE = 2;

beforeEach((ctx) => {
    ctx.onTestFailed(() => {
        console.error(`--- ${ctx.task.name}: shell log tail (${E2E.shellLog}) ---\n${shellLogTail(60)}`);
    });
});

async function useFolder(folder: string): Promise<void> {
    await chameleonSet('folders', `['${WALLPAPER_DIR}/${folder}']`);
}

/** Waits until the wallpaper setting differs from `before` and the shell draws it; returns the new state. */
async function waitForNewWallpaper(before: DesktopState, what: string, timeoutMs = 20_000): Promise<DesktopState> {
    // The extension writes picture-uri and picture-uri-dark in one batch (scenario 12 checks every change).
    const after = await waitFor(
        `${what}: picture-uri changes from ${before.uri} and picture-uri-dark follows it`,
        desktopState,
        (now) => now.uri !== before.uri && now.darkUri === now.uri,
        { timeoutMs },
    );
    return waitFor(
        `${what}: the shell draws ${after.uri}`,
        desktopState,
        (now) => now.uri === after.uri && now.drawn.includes(now.uri),
    );
}

/** Screenshot of the desktop (menu and overview closed) whose centre pixel shows `name`'s colour. */
async function expectDrawn(name: Name, shot: string): Promise<void> {
    await revealDesktop();
    const want = WALLPAPER[name].rgb;
    // The background loads asynchronously after the setting changes: poll a few frames.
    await waitFor(
        `centre pixel of the screenshot ${shot}.png shows ${name} ${JSON.stringify(want)}`,
        async () => centrePixel(await screenshot(shot)),
        (got) => colourDistance(got, want) <= 12,
        { timeoutMs: 8_000, intervalMs: 300 },
    );
}

async function waitForMenuName(name: string): Promise<void> {
    await waitFor(`the menu shows the file name ${name}`, menuState, (s) => s.name === name);
}

/** Shows `name`'s wallpaper: Next onto its folder, unless it is on screen already. */
async function show(name: Name): Promise<void> {
    if ((await desktopState()).uri === WALLPAPER_URI(`only-${name}`, name)) return;
    await nextOnto(`only-${name}`, name);
}

async function nextOnto(folder: string, name: Name): Promise<DesktopState> {
    await useFolder(folder);
    const before = await desktopState();
    await activate('nextItem');
    const after = await waitForNewWallpaper(before, `Next with folder ${folder}`);
    expect(after.uri, `Next with only ${folder} configured must pick its image`).toBe(WALLPAPER_URI(folder, name));
    return after;
}

/**
 * Scenarios after the first start from an enabled extension with a running backend, so that one failing
 * scenario (say, disable) does not fail all the ones after it.
 */
async function ensureActive(): Promise<void> {
    const running = (timeoutMs: number) =>
        waitFor(
            'panel button with a running backend',
            menuState,
            (s) => s.present && typeof s.backendPid === 'number' && isAlive(s.backendPid),
            { timeoutMs },
        );
    if ((await extensionInfo()).state === ACTIVE) {
        try {
            await running(5_000);
            return;
        } catch {
            // An earlier scenario left it broken (say, a backend that was never restarted): start afresh.
            await runAsUser(['gnome-extensions', 'disable', E2E.uuid]);
            await waitFor('extension state INACTIVE', extensionInfo, (i) => i.state === INACTIVE);
        }
    }
    await runAsUser(['gnome-extensions', 'enable', E2E.uuid]);
    await waitFor('extension state ACTIVE', extensionInfo, (i) => i.state === ACTIVE);
    await running(15_000);
}

/** GNOME's keybinding schemas: the window manager's, the Shell's, mutter's (X11 and Wayland) and the media keys. */
const GNOME_KEYBINDING_SCHEMA_FILES = [
    'org.gnome.desktop.wm.keybindings.gschema.xml',
    'org.gnome.shell.gschema.xml',
    'org.gnome.mutter.gschema.xml',
    'org.gnome.mutter.wayland.gschema.xml',
    'org.gnome.settings-daemon.plugins.media-keys.gschema.xml',
];

/** The string and string-list defaults of a schema file, as the XML states them. */
function schemaDefaults(file: string): { schema: string; key: string; combinations: string[] }[] {
    const xml = readFileSync(file, 'utf8').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    const found: { schema: string; key: string; combinations: string[] }[] = [];
    for (const [, schema, body] of xml.matchAll(/<schema\b[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/schema>/g)) {
        for (const [, key, value] of body!.matchAll(
            /<key\b[^>]*\bname="([^"]+)"[^>]*\btype="a?s"[^>]*>[\s\S]*?<default[^>]*>([\s\S]*?)<\/default>/g,
        )) {
            const combinations = [...value!.matchAll(/['"]([^'"]*)['"]/g)]
                .map((m) => m[1]!)
                .filter((c) => c.includes('<'));
            if (combinations.length > 0) found.push({ schema: schema!, key: key!, combinations });
        }
    }
    return found;
}

/** "<Alt><Super>Left", "<Super><Alt>left" and "<Mod4><Mod1>Left" press the same keys. */
function sameKeys(combination: string): string {
    const names: Record<string, string> = { ctrl: 'control', primary: 'control', mod1: 'alt', mod4: 'super' };
    const modifiers = [...combination.matchAll(/<([^>]+)>/g)].map(
        (m) => names[m[1]!.toLowerCase()] ?? m[1]!.toLowerCase(),
    );
    return `${[...new Set(modifiers)].sort().join('+')}+${combination.replace(/<[^>]+>/g, '').toLowerCase()}`;
}

function backendProcesses() {
    return processesInRoot().filter((p) => backendCommandMatches(p.cmdline));
}

describe(
    `Chameleon in ${E2E.versions}, installed from the ` +
        `${E2E.install === 'zip' ? 'package and the extensions.gnome.org zip' : 'package'}`,
    () => {
        it('1. the extension loads: enabled, no errors, panel button present, backend running', async () => {
            const info = await extensionInfo();
            expect(info.state, `GetExtensionInfo: ${JSON.stringify(info)}`).toBe(ACTIVE);
            expect(await extensionErrors()).toEqual([]);
            // The package installs the extension system-wide; a copy the user installed from the zip takes precedence.
            const where =
                E2E.install === 'zip'
                    ? `${E2E.home}/.local/share/gnome-shell/extensions`
                    : '/usr/share/gnome-shell/extensions';
            expect(info.path, 'the extension was loaded from where this install put it').toBe(`${where}/${E2E.uuid}`);
            const state = await waitFor(
                'the panel button exists and reports a backend pid',
                menuState,
                (s) => s.present && typeof s.backendPid === 'number',
            );
            const backends = backendProcesses();
            expect(
                backends.map((p) => p.pid),
                `backend processes in the root: ${JSON.stringify(backends)}`,
            ).toEqual([state.backendPid]);
            expect(backends[0]?.uid, 'the backend runs as the user').toBe(E2E.uid);
        });

        it('2. Next sets one of our wallpapers, the shell draws it, the menu shows its name and palette', async () => {
            await ensureActive();
            await useFolder('all');
            const before = await desktopState();
            await activate('nextItem');
            const after = await waitForNewWallpaper(before, 'Next');
            const match = after.uri.match(new RegExp(`^file://${WALLPAPER_DIR}/all/(red|teal|grey|green)\\.png$`));
            expect(match, `picture-uri ${after.uri} is one of the test wallpapers`).toBeTruthy();
            const name = match?.[1] as Name;
            await expectDrawn(name, 'after-next');

            await waitForMenuName(`${name}.png`);
            const menu = await waitFor(
                'the menu shows 16 palette swatches and the accent swatch',
                menuState,
                (s) => s.swatches?.length === 17,
            );
            const colours: Rgb[] = [];
            for (const swatch of menu.swatches ?? []) {
                const hex = swatch.style?.match(/background-color:\s*#([0-9a-fA-F]{6})/)?.[1];
                expect(hex, `swatch style ${swatch.style}`).toBeTruthy();
                expect(swatch.name?.toLowerCase(), 'swatch accessible name is its hex colour').toBe(
                    `#${hex?.toLowerCase()}`,
                );
                const n = parseInt(hex ?? '0', 16);
                colours.push([(n >> 16) & 255, (n >> 8) & 255, n & 255]);
            }
            // The palette is this image's: some swatch is close to the colour that covers most of it.
            const closest = Math.min(...colours.slice(0, 16).map((c) => colourDistance(c, WALLPAPER[name].rgb)));
            expect(
                closest,
                `palette ${JSON.stringify(menu.swatches?.map((s) => s.name))} vs ${name} ` +
                    `${JSON.stringify(WALLPAPER[name].rgb)}`,
            ).toBeLessThanOrEqual(40);
            await openMenu();
            await screenshot('menu-open-palette');
            await revealDesktop();
        });

        it('3. the accent follows the wallpaper: red → red, teal → teal, grey → slate', async () => {
            await ensureActive();
            for (const name of ['red', 'teal', 'grey'] as const) {
                await nextOnto(`only-${name}`, name);
                const want = WALLPAPER[name].accent;
                await waitFor(
                    `shell accent becomes ${want} after the ${name} wallpaper`,
                    shellAccent,
                    (a) => a === want,
                );
                expect(await gsettingsGet('org.gnome.desktop.interface', 'accent-color')).toBe(`'${want}'`);
                await waitForMenuName(`${name}.png`);
                await expectDrawn(name, `accent-${name}`);
                await openMenu();
                await screenshot(`accent-${name}-menu`);
                await revealDesktop();
            }
        });

        it('4. Previous returns to the earlier wallpaper and the menu agrees', async () => {
            await ensureActive();
            const earlier = await nextOnto('only-teal', 'teal');
            await nextOnto('only-green', 'green');
            await waitForMenuName('green.png');
            const before = await desktopState();
            await activate('previousItem');
            const after = await waitForNewWallpaper(before, 'Previous');
            expect(after.uri).toBe(earlier.uri);
            await waitForMenuName('teal.png');
            await waitFor('accent returns to teal', shellAccent, (a) => a === 'teal');
            await expectDrawn('teal', 'after-previous');
        });

        it('5. a killed backend is restarted and Next works again', async () => {
            await ensureActive();
            await useFolder('all');
            const { backendPid: oldPid } = await menuState();
            expect(typeof oldPid, 'backendPid before the kill').toBe('number');
            // Record every status text the menu shows, so a short "restarting" is not missed between polls.
            await shellEval(`(() => {
            const label = Main.panel.statusArea.chameleon.statusLabel;
            globalThis.__e2eStatusTexts = [label.text];
            globalThis.__e2eStatusId = label.connect('notify::text', l => globalThis.__e2eStatusTexts.push(l.text));
        })()`);
            process.kill(oldPid as number, 'SIGKILL');
            const restarted = await waitFor(
                'a new backend pid, alive',
                menuState,
                (s) => typeof s.backendPid === 'number' && s.backendPid !== oldPid && isAlive(s.backendPid),
                { timeoutMs: 20_000 },
            );
            await waitFor(
                'the status line clears after the restart',
                menuState,
                (s) => !s.status || s.statusVisible === false,
            );
            const texts = await shellEval<string[]>(`(() => {
            const label = Main.panel.statusArea.chameleon.statusLabel;
            label.disconnect(globalThis.__e2eStatusId);
            return globalThis.__e2eStatusTexts;
        })()`);
            expect(
                texts.some((t) => /restart/i.test(t)),
                `status texts seen: ${JSON.stringify(texts)}`,
            ).toBe(true);
            expect(isAlive(oldPid as number), 'the killed backend was reaped').toBe(false);
            expect(backendProcesses().map((p) => p.pid)).toEqual([restarted.backendPid]);

            const before = await desktopState();
            await activate('nextItem');
            const after = await waitForNewWallpaper(before, 'Next after the restart');
            await waitForMenuName(uriToName(after.uri));
        });

        it(
            '6. disabling stops the backend, removes the button and gives the user’s accent back; ' +
                'enabling again works',
            async () => {
                await ensureActive();
                await show('red');
                await waitFor('the accent follows the red wallpaper', shellAccent, (a) => a === 'red');
                const users = (await chameleonGet('accent-before-sync')).replace(/^'(.*)'$/, '$1');
                expect(users, 'the accent the user had before sync changed it is remembered').not.toBe('');
                await useFolder('all');
                const r = await runAsUser(['gnome-extensions', 'disable', E2E.uuid]);
                expect(r.code, r.stderr).toBe(0);
                await waitFor('extension state INACTIVE', extensionInfo, (i) => i.state === INACTIVE);
                expect((await menuState()).present, 'panel button after disable').toBe(false);
                await waitFor('no backend process left in the root', backendProcesses, (b) => b.length === 0, {
                    timeoutMs: 10_000,
                });
                await waitFor(
                    `the user's own accent (${users}) is back after disable`,
                    shellAccent,
                    (a) => a === users,
                );

                const e = await runAsUser(['gnome-extensions', 'enable', E2E.uuid]);
                expect(e.code, e.stderr).toBe(0);
                await waitFor('extension state ACTIVE', extensionInfo, (i) => i.state === ACTIVE);
                expect(await extensionErrors()).toEqual([]);
                await waitFor(
                    'panel button with a running backend',
                    menuState,
                    (s) => s.present && typeof s.backendPid === 'number' && isAlive(s.backendPid),
                );
                await waitFor(
                    'enabled again, the accent follows the red wallpaper again',
                    shellAccent,
                    (a) => a === 'red',
                );
                const before = await desktopState();
                await activate('nextItem');
                const after = await waitForNewWallpaper(before, 'Next after re-enabling');
                await waitForMenuName(uriToName(after.uri));
            },
        );

        it('7. a change made with the CLI shows up in the menu', async () => {
            await ensureActive();
            const before = await desktopState();
            const r = await runAsUser(['chameleon', 'next']);
            expect(r.code, `chameleon next: ${r.stderr}`).toBe(0);
            const after = await waitForNewWallpaper(before, 'chameleon next');
            await waitForMenuName(uriToName(after.uri));
            expect(backendProcesses().length, 'still exactly one backend (the CLI used the running one)').toBe(1);
        });

        it('8. preferences open without error', async () => {
            await ensureActive();
            const busLog = path.join(E2E.artifacts, 'session-bus.log');
            const mark = readFileSync(busLog).length;
            const r = await openPreferences();
            expect(r.code, `gnome-extensions prefs: ${r.stderr}`).toBe(0);
            const windows = () =>
                shellEval<{ wmClass: string | null; title: string | null }[]>(
                    `global.get_window_actors().map(a => ({ wmClass: a.meta_window.get_wm_class(), title: ` +
                        `a.meta_window.get_title() }))`,
                );
            const all = await waitFor(
                'a preferences window (org.gnome.Shell.Extensions)',
                windows,
                (ws) => ws.some((w) => w.wmClass === 'org.gnome.Shell.Extensions'),
                { timeoutMs: 20_000 },
            );
            const prefs = all.find((w) => w.wmClass === 'org.gnome.Shell.Extensions');
            expect(prefs?.title ?? '').toMatch(/chameleon/i);
            // The window is presented once fillPreferencesWindow has built the pages; what they load later (statistics,
            // render status) is checked page by page in prefs.e2e.test.ts.
            await screenshot('prefs');
            const log = readFileSync(busLog).subarray(mark).toString('utf8');
            // A prefs.js that throws gets an error page in the window and a "JS ERROR" line in this log.
            const errors = log
                .split('\n')
                .filter(
                    (l) =>
                        /JS ERROR|Gjs-CRITICAL|TypeError|ReferenceError|SyntaxError/.test(l) ||
                        (/WARNING/.test(l) && /chameleon/i.test(l)),
                );
            expect(errors, `prefs process log:\n${log}`).toEqual([]);
            expect(await extensionErrors()).toEqual([]);
            await shellEval(`global.get_window_actors().map(a => a.meta_window)
            .filter(w => w.get_wm_class() === 'org.gnome.Shell.Extensions')
            .forEach(w => w.delete(global.get_current_time()))`);
        });

        it('9. an accent chosen by hand is respected until the user resumes accent sync', async () => {
            await ensureActive();
            await show('red');
            await waitFor('accent follows the red wallpaper', shellAccent, (a) => a === 'red');
            // As GNOME Settings would: another process writes the accent through dconf.
            await gsettingsSet('org.gnome.desktop.interface', 'accent-color', "'purple'");
            const paused = await waitFor(
                'the menu says sync is paused and offers to resume',
                menuState,
                (s) => s.resumeAccentVisible === true && s.statusVisible === true && /sync paused/.test(s.status ?? ''),
            );
            expect(paused.status).toMatch(/chosen by hand/);
            await nextOnto('only-teal', 'teal');
            // The menu shows the change once the extension has handled all of it, the accent included.
            await waitForMenuName('teal.png');
            expect(await shellAccent(), 'a change while paused leaves the hand-picked accent').toBe('purple');
            await openMenu();
            await screenshot('accent-paused-menu');
            await activate('resumeAccentItem');
            await waitFor('the accent follows the wallpaper again (teal)', shellAccent, (a) => a === 'teal');
            await waitFor(
                'the resume item and the status line go away',
                menuState,
                (s) => s.resumeAccentVisible === false && !/sync paused/.test(s.status ?? ''),
            );
            await revealDesktop();
        });

        it(
            '10. Favourite marks the wallpaper; Move to Trash puts the file in the trash and changes ' +
                'the wallpaper',
            async () => {
                await ensureActive();
                await useFolder('all');
                const before = await desktopState();
                await activate('nextItem');
                const current = await waitForNewWallpaper(before, 'Next');
                const file = decodeURIComponent(new URL(current.uri).pathname);
                await waitFor(
                    'the menu knows the wallpaper is not a favourite',
                    menuState,
                    (s) => s.favourite === false,
                );
                await activate('favouriteItem');
                await waitFor('the menu shows the favourite mark', menuState, (s) => s.favourite === true);
                const why = await runAsUser(['chameleon', 'why', file, '--json']);
                expect(why.code, why.stderr).toBe(0);
                const factors = (JSON.parse(why.stdout) as { factors: { name: string; detail: string }[] }).factors;
                expect(factors.find((f) => f.name === 'favourite')?.detail, JSON.stringify(factors)).not.toBe(
                    'not a favourite',
                );
                await activate('favouriteItem');
                await waitFor('the favourite mark goes away', menuState, (s) => s.favourite === false);

                await activate('trashItem');
                const after = await waitForNewWallpaper(current, 'Move to Trash');
                expect(after.uri).not.toBe(current.uri);
                const name = path.basename(file);
                expect(existsSync(hostPath(file)), `${file} is still in the folder`).toBe(false);
                expect(
                    existsSync(hostPath(`${E2E.home}/.local/share/Trash/files/${name}`)),
                    `${name} is not in ~/.local/share/Trash/files`,
                ).toBe(true);
                expect(
                    existsSync(hostPath(`${E2E.home}/.local/share/Trash/info/${name}.trashinfo`)),
                    'no .trashinfo',
                ).toBe(true);
                await waitForMenuName(uriToName(after.uri));
                // Put it back for the scenarios that need it.
                copyFileSync(hostPath(`${E2E.home}/.local/share/Trash/files/${name}`), hostPath(file));
                chownSync(hostPath(file), E2E.uid, E2E.uid);
            },
        );

        it(
            '11. keyboard shortcuts: the defaults take nothing GNOME binds; Next and Pause with the ' +
                'keyboard; workspace keys still work',
            async () => {
                await ensureActive();
                await useFolder('all');
                const bound = await shellEval<
                    Record<string, number>
                >(`Object.fromEntries(['shortcut-next', 'shortcut-previous',
            'shortcut-favourite', 'shortcut-trash', 'shortcut-pause']
            .map(k => [k, Main.wm._allowedKeybindings[k] ?? -1]))`);
                for (const [key, modes] of Object.entries(bound))
                    expect(modes, `${key} is not bound`).toBeGreaterThan(0);

                // Every default of GNOME's own keybinding schemas in this root, against every default of ours.
                const gnome = new Map<string, string>();
                for (const file of GNOME_KEYBINDING_SCHEMA_FILES) {
                    for (const { schema, key, combinations } of schemaDefaults(
                        hostPath(`/usr/share/glib-2.0/schemas/${file}`),
                    )) {
                        for (const combination of combinations) gnome.set(sameKeys(combination), `${schema} ${key}`);
                    }
                }
                expect(gnome.size, 'GNOME keybindings read from the root').toBeGreaterThan(50);
                const ours = schemaDefaults(
                    hostPath('/usr/share/glib-2.0/schemas/org.gnome.shell.extensions.chameleon.gschema.xml'),
                ).filter(({ key }) => key.startsWith('shortcut-'));
                expect(ours.length).toBe(5);
                const clashes = ours.flatMap(({ key, combinations }) =>
                    combinations
                        .filter((c) => gnome.has(sameKeys(c)))
                        .map((c) => `${key} ${c} is GNOME's ${gnome.get(sameKeys(c))}`),
                );
                expect(clashes, `in ${E2E.versions}`).toEqual([]);

                await revealDesktop();
                const before = await desktopState();
                await pressKeys(['Super_L', 'Alt_L', 'n']);
                await waitForNewWallpaper(before, 'Super+Alt+N');
                await pressKeys(['Super_L', 'Alt_L', 'p']);
                await waitFor(
                    'the menu says changes are paused',
                    menuState,
                    (s) => s.selectionPaused === true && /Resume/.test(s.pauseLabel ?? ''),
                );
                await activate('pauseItem');
                await waitFor(
                    'the menu says changes are running',
                    menuState,
                    (s) => s.selectionPaused === false && /Pause/.test(s.pauseLabel ?? ''),
                );
                await revealDesktop();

                // GNOME's own Super+Alt+→ and ← still switch workspaces while Chameleon is on.
                const workspace = () => shellEval<number>('global.workspace_manager.get_active_workspace_index()');
                expect(await workspace()).toBe(0);
                await pressKeys(['Super_L', 'Alt_L', 'Right']);
                await waitFor('Super+Alt+→ moves to the second workspace', workspace, (index) => index === 1);
                await pressKeys(['Super_L', 'Alt_L', 'Left']);
                await waitFor('Super+Alt+← moves back to the first workspace', workspace, (index) => index === 0);
            },
        );

        it('12. picture-uri and picture-uri-dark change together', async () => {
            await ensureActive();
            await useFolder('all');
            // Every change notification the shell's own settings object sees must carry two equal URIs.
            await shellEval(`(() => {
            const s = new imports.gi.Gio.Settings({ schema_id: 'org.gnome.desktop.background' });
            const pairs = [];
            const id = s.connect('changed', () =>
                pairs.push([s.get_string('picture-uri'), s.get_string('picture-uri-dark')]));
            globalThis.__e2eWatch = { s, id, pairs };
            s.get_string('picture-uri'); s.get_string('picture-uri-dark');
        })()`);
            // The handler must not outlive the scenario: a later change would run it against a state that is gone.
            const stopWatching = () =>
                shellEval<[string, string][]>(`(() => {
            const watch = globalThis.__e2eWatch;
            delete globalThis.__e2eWatch;
            if (!watch) return [];
            watch.s.disconnect(watch.id);
            return watch.pairs;
        })()`);
            let pairs: [string, string][];
            try {
                for (let i = 0; i < 3; i++) {
                    const before = await desktopState();
                    await activate('nextItem');
                    await waitForNewWallpaper(before, `Next ${i + 1}`);
                }
            } finally {
                pairs = await stopWatching();
            }
            expect(pairs.length, 'change notifications seen').toBeGreaterThanOrEqual(3);
            expect(
                pairs.filter(([uri, dark]) => uri !== dark),
                JSON.stringify(pairs),
            ).toEqual([]);
        });

        it('13. a wallpaper set with GNOME Settings: the menu shows it and the accent follows it', async () => {
            await ensureActive();
            await show('red');
            await waitFor('the accent follows the red wallpaper', shellAccent, (a) => a === 'red');
            // A picture outside Chameleon's folders, set the way GNOME Settings sets one: both URIs, from another
            // process.
            const picture = `${E2E.home}/Downloads/forest.png`;
            expect((await runAsUser(['mkdir', '-p', `${E2E.home}/Downloads`])).code).toBe(0);
            expect((await runAsUser(['cp', `${WALLPAPER_DIR}/only-green/green.png`, picture])).code).toBe(0);
            await gsettingsSet('org.gnome.desktop.background', 'picture-uri', `'file://${picture}'`);
            await gsettingsSet('org.gnome.desktop.background', 'picture-uri-dark', `'file://${picture}'`);
            await waitForMenuName('forest.png');
            await waitFor('the accent follows the picture set elsewhere (green)', shellAccent, (a) => a === 'green');
            const current = await runAsUser(['chameleon', 'current', '--json']);
            expect(JSON.parse(current.stdout).path, current.stderr).toBe(picture);
            await useFolder('all');
        });

        it(
            '14. first use: no folder configured, the Pictures folder is used; the menu names a new ' +
                'picture at once and shows its palette when it is made',
            async () => {
                await ensureActive();
                const pictures = `${E2E.home}/Pictures`;
                const aside = `${E2E.home}/.wallpapers-aside`;
                const gateDir = '/tmp/chameleon-wallust-gate';
                const fakeDir = '/usr/local/lib/chameleon-fake-wallust';
                const wrapper = '/usr/local/bin/wallust';
                // A brand-new collection: only two pictures nobody has seen, in the Pictures folder itself.
                renameSync(hostPath(WALLPAPER_DIR), hostPath(aside));
                mkdirSync(hostPath(`${pictures}/first-use`));
                for (const [name, rgb] of [
                    ['dawn', [236, 132, 58]],
                    ['dusk', [72, 52, 148]],
                ] as const) {
                    await sharp({
                        create: {
                            width: 2560,
                            height: 1440,
                            channels: 3,
                            background: { r: rgb[0], g: rgb[1], b: rgb[2] },
                        },
                    })
                        .composite([
                            {
                                input: { create: { width: 2560, height: 360, channels: 3, background: '#f0f0f0' } },
                                top: 0,
                                left: 0,
                            },
                        ])
                        .png()
                        .toFile(hostPath(`${pictures}/first-use/${name}.png`));
                }
                for (const f of ['', '/dawn.png', '/dusk.png'])
                    chownSync(hostPath(`${pictures}/first-use${f}`), E2E.uid, E2E.uid);
                // Palettes from a wallust that is held back until the test has seen the menu without one: as slow as
                // the largest picture of a new collection, without a clock. The faithful fake stands in for wallust.
                cpSync(fileURLToPath(new URL('../fakes/wallust', import.meta.url)), hostPath(fakeDir), {
                    recursive: true,
                });
                mkdirSync(hostPath(gateDir), { mode: 0o777 });
                chmodSync(hostPath(gateDir), 0o777);
                writeFileSync(
                    hostPath(wrapper),
                    `#!/bin/sh\nFAKE_WALLUST_GATE=${gateDir}/open exec /usr/bin/node ${fakeDir}/wallust "$@"\n`,
                    { mode: 0o755 },
                );
                try {
                    await chameleonSet('use-wallust', 'false');
                    await chameleonSet('folders', '@as []');
                    await chameleonSet('use-wallust', 'true');
                    const status = async () =>
                        JSON.parse((await runAsUser(['chameleon', 'status', '--json'])).stdout) as {
                            folders: string[];
                            palette: { extractor: string; lastFallback: unknown };
                        };
                    await waitFor(
                        'the backend uses the Pictures folder and makes palettes with wallust',
                        status,
                        (s) =>
                            JSON.stringify(s.folders) === JSON.stringify([pictures]) &&
                            s.palette.extractor === 'wallust',
                    );

                    const before = await desktopState();
                    await activate('nextItem');
                    const after = await waitForNewWallpaper(before, 'Next in a new collection');
                    const name = uriToName(after.uri);
                    expect(['dawn.png', 'dusk.png']).toContain(name);
                    await waitFor(
                        `the menu names ${name} while its palette is still being made`,
                        menuState,
                        (s) => s.name === name && s.swatches?.length === 0,
                    );

                    writeFileSync(hostPath(`${gateDir}/open`), '');
                    const want = expectedFakePalette(
                        readFileSync(hostPath(`${pictures}/first-use/${name}`)),
                    ).colors.map((c) => c.toLowerCase());
                    const shown = await waitFor(
                        `the menu shows the palette wallust made of ${name}: ${want.join(' ')}`,
                        async () => ({ menu: await menuState(), palette: (await status()).palette }),
                        ({ menu }) =>
                            menu.name === name &&
                            JSON.stringify(menu.swatches?.slice(0, 16).map((w) => w.name)) === JSON.stringify(want),
                    );
                    expect(shown.menu.swatches, 'sixteen colours and the accent').toHaveLength(17);
                    await openMenu();
                    await screenshot('first-use-menu');
                } finally {
                    writeFileSync(hostPath(`${gateDir}/open`), '');
                    rmSync(hostPath(wrapper));
                    await chameleonSet('use-wallust', 'false');
                    await chameleonSet('use-wallust', 'true');
                    renameSync(hostPath(aside), hostPath(WALLPAPER_DIR));
                    await useFolder('all');
                }
            },
        );

        it(
            '15. the menu shows the picture on screen and recent ones as thumbnails; a click on a ' +
                'recent one sets it (screenshot menu-recent.png)',
            async () => {
                await ensureActive();
                await useFolder('all');
                const shown: string[] = [];
                for (let i = 0; i < 3; i++) {
                    const before = await desktopState();
                    await activate('nextItem');
                    shown.push((await waitForNewWallpaper(before, `Next ${i + 1} of 3`)).uri);
                }
                const nameOf = (uri: string) => uriToName(uri).replace(/\.png$/, '') as Name;
                const pathOf = (uri: string) => decodeURIComponent(new URL(uri).pathname);
                const current = shown[2]!;
                // The virtual pointer exists and rests on the desktop before the menu takes its grab, as a hand's
                // would.
                await revealDesktop();
                await movePointer(320, 400);
                // Closed however the test ends: an open menu holds the pointer, and the scenarios after this one
                // need it.
                onTestFinished(() => revealDesktop());
                await openRecentSubmenu();
                const ours = (path: string) => path.startsWith(`${WALLPAPER_DIR}/`);
                const state = await waitFor(
                    'the menu shows the thumbnail of the picture on screen and the recent ones, laid out',
                    recentState,
                    (s) =>
                        s.currentVisible &&
                        /background-image/.test(s.currentStyle ?? '') &&
                        s.submenuVisible &&
                        s.submenuOpen &&
                        s.entries.length >= 2 &&
                        s.entries.every((e) => !ours(e.path) || /background-image/.test(e.style ?? '')) &&
                        s.entries[0]!.itemBox.h > 0 &&
                        !s.entries.some((e) => e.path === pathOf(current)),
                    { timeoutMs: 20_000 },
                );
                const newest = state.entries[0]!;
                expect(newest.path, 'the newest recent picture comes first').toBe(pathOf(shown[1]!));
                const centre = (b: ScreenBox) => ({ x: Math.round(b.x + b.w / 2), y: Math.round(b.y + b.h / 2) });
                // The shell draws the thumbnails themselves: the middle of each shows its picture's colour.
                await waitFor(
                    'the thumbnails drawn in the menu (screenshot menu-recent.png)',
                    async () => {
                        const png = await screenshot('menu-recent');
                        const [a, b] = [centre(state.currentBox), centre(newest.thumbnailBox)];
                        return (
                            colourDistance(await pixelAt(png, a.x, a.y), WALLPAPER[nameOf(current)].rgb) <= 20 &&
                            colourDistance(await pixelAt(png, b.x, b.y), WALLPAPER[nameOf(shown[1]!)].rgb) <= 20
                        );
                    },
                    (drawn) => drawn,
                    { timeoutMs: 10_000, intervalMs: 300 },
                );

                // A click on the newest recent picture, where the user sees it.
                const before = await desktopState();
                const at = centre(newest.itemBox);
                // The pointer comes to rest on the entry first, as a hand's does.
                await waitFor(
                    'the pointer over the newest recent entry',
                    async () => {
                        await movePointer(at.x, at.y);
                        return shellEval<boolean>('Main.panel.statusArea.chameleon.recentEntries[0].item.hover');
                    },
                    (hover) => hover === true,
                    { timeoutMs: 10_000, intervalMs: 200 },
                );
                await click(at.x, at.y);
                const after = await waitForNewWallpaper(before, 'a click on a recent wallpaper');
                expect(pathOf(after.uri)).toBe(newest.path);
                await waitForMenuName(uriToName(after.uri));
                await expectDrawn(nameOf(after.uri), 'after-recent-click');
                const history = JSON.parse(
                    (await runAsUser(['chameleon', 'history', '--limit', '1', '--json'])).stdout,
                ) as {
                    path: string;
                }[];
                expect(history[0]?.path, 'the picture set from the menu is the newest history entry').toBe(newest.path);
            },
        );

        it('16. the extension logged no JS errors in the shell during all of the above', () => {
            const lines = readFileSync(E2E.shellLog, 'utf8').split('\n');
            const problems: string[] = [];
            lines.forEach((line, i) => {
                if (!/JS ERROR|Unhandled promise rejection|Gjs-CRITICAL/.test(line)) return;
                // The stack trace that follows says whose error it is.
                const block = lines.slice(i, i + 12).join('\n');
                if (block.includes(E2E.uuid)) problems.push(block);
            });
            expect(problems, problems.join('\n---\n')).toEqual([]);
        });
    },
);
