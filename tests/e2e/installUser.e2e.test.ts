// The quick start's user install (build/install-user.sh from a checkout), run in a session that is already
// running, as a user runs it: the extension must be enabled on the next login for sure, and the script must say
// exactly that. Run by run.sh for the "user" target in two phases, before and after a new login (shell restart).
import { describe, expect, it } from 'vitest';
import { menuState } from './helpers/chameleon.js';
import { E2E, extensionInfo, gsettingsGet, isAlive, processesInRoot, runAsUser, waitFor } from './helpers/shell.js';

const PHASE = process.env.CHAMELEON_E2E_PHASE;
const CHECKOUT = process.env.CHAMELEON_E2E_CHECKOUT ?? '/opt/chameleon';
const ACTIVE = 1;
const USER_EXTENSION = `${E2E.home}/.local/share/gnome-shell/extensions/${E2E.uuid}`;

describe(`the user install in ${E2E.versions}`, () => {
    it.runIf(PHASE === 'install')(
        'in a running session: installed, added to the enabled extensions, and the script says it ' +
            'loads at the next login',
        async () => {
            const r = await runAsUser(['bash', `${CHECKOUT}/build/install-user.sh`, '--no-npm'], 120_000);
            expect(r.code, `install-user.sh: ${r.stdout}\n${r.stderr}`).toBe(0);
            // The running Shell does not look for new extensions: enabling it now is not possible, and is not claimed.
            expect(r.stdout).toContain(
                `Added ${E2E.uuid} to your enabled extensions: GNOME Shell loads it when you next log in`,
            );
            expect(r.stdout).not.toMatch(/Enabled .* in the running GNOME Shell/);
            expect(await gsettingsGet('org.gnome.shell', 'enabled-extensions')).toContain(`'${E2E.uuid}'`);
        },
    );

    it.runIf(PHASE === 'login')(
        "after logging in again: enabled, from the user's folder, with its backend, and Next works",
        async () => {
            const info = await waitFor(
                'the extension is enabled after the new login',
                extensionInfo,
                (i) => i.state === ACTIVE,
            );
            expect(info.path).toBe(USER_EXTENSION);
            const state = await waitFor(
                'the panel button with a running backend',
                menuState,
                (s) => s.present && typeof s.backendPid === 'number' && isAlive(s.backendPid),
            );
            const backend = processesInRoot().find((p) => p.pid === state.backendPid);
            expect(backend?.cmdline, 'the backend the user install put in place').toContain(
                `${E2E.home}/.local/share/chameleon/backend/dist/backend/cli.js`,
            );
            const next = await runAsUser([
                `${E2E.home}/.local/bin/chameleon`,
                'next',
                '--json',
                '--folder',
                `${E2E.home}/Pictures/Wallpapers/all`,
            ]);
            expect(next.code, next.stderr).toBe(0);
            const { name } = JSON.parse(next.stdout) as { name: string };
            await waitFor(`the menu shows ${name}`, menuState, (s) => s.name === name);
        },
    );
});
