// The Wallpapers page shows the folder the backend uses: with none added, the Pictures folder (the built rule under
// real gjs, against the same xdg-user-dirs file the backend reads).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveFolders } from '../../../backend/src/config/folders.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';
import { builtExtension, runGjs } from '../../helpers/gjs.js';

describe('folders in use, as the preferences show them', () => {
    let sandbox: Sandbox;
    beforeAll(() => {
        sandbox = makeSandbox();
    });
    afterAll(() => sandbox.cleanup());

    it('names the Pictures folder the backend uses when no folder is added, as xdg-user-dirs names it', async () => {
        expect(builtExtension(), 'run `npm run build` first').toBe(true);
        const config = sandbox.env.XDG_CONFIG_HOME!;
        mkdirSync(config, { recursive: true });
        // As xdg-user-dirs-update writes it for a German session.
        writeFileSync(
            join(config, 'user-dirs.dirs'),
            'XDG_DESKTOP_DIR="$HOME/Schreibtisch"\nXDG_PICTURES_DIR="$HOME/Bilder"\n',
        );
        const result = await runGjs('foldersInUse.js', sandbox.env);
        const report = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
        expect(result.code, report).toBe(0);
        for (const step of ['pictures-dir-from-user-dirs', 'pictures-in-use', 'configured-in-use'])
            expect(result.passed.has(step), `${step}\n${report}`).toBe(true);
        // The backend, reading the same files, uses that very folder.
        expect(effectiveFolders([], sandbox.env)).toEqual([join(sandbox.env.HOME!, 'Bilder')]);
    });
});
