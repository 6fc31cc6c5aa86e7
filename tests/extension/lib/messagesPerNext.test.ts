// One click on Next, counted on the real pipes between the built extension (under gjs) and the real backend
// (tests/gjs/messagesPerNext.js): the request, the one desktop.apply the backend asks for and its answer, the
// wallpaper.changed notification and the answer to the Next. The extension's own accent write does not come
// back as a desktop fact (no config.update), so nothing makes the backend weigh its collection again.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, makeSandbox, type Sandbox } from '../../helpers/sandbox.js';
import { builtExtension, installInterfaceSchema, runGjs, writeImages } from '../../helpers/gjs.js';

describe('messages per Next', () => {
    let sandbox: Sandbox;
    beforeAll(() => {
        sandbox = makeSandbox();
    });
    afterAll(() => sandbox.cleanup());

    it('costs five messages, with no echo of the accent the extension wrote', { timeout: 120_000 }, async () => {
        expect(builtExtension(), 'run `npm run build` first').toBe(true);
        const folder = sandbox.folder('pictures');
        await writeImages(folder, 6);
        const result = await runGjs('messagesPerNext.js', {
            ...sandbox.env,
            GSETTINGS_SCHEMA_DIR: join(ROOT, 'dist/extension/schemas'),
            XDG_DATA_DIRS: `${installInterfaceSchema(sandbox.dir, true)}:/usr/local/share:/usr/share`,
            CHAMELEON_CLI: CLI,
            CHAMELEON_TAP: join(ROOT, 'tests/helpers/protocolTap.mjs'),
            CHAMELEON_TAP_LOG: join(sandbox.dir, 'tap.log'),
            CHAMELEON_DATA: sandbox.dataDir,
            CHAMELEON_FOLDER: folder,
            CHAMELEON_BACKEND_CONFIG: sandbox.folder('backend-config'),
        });
        const report = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
        expect(result.code, report).toBe(0);
        const counted = JSON.parse(result.passed.get('counted') ?? 'null') as {
            perNext: number[];
            methods: string[];
        } | null;
        expect(counted, report).not.toBeNull();
        expect(counted!.methods, report).toEqual([
            '> wallpaper.next',
            '< desktop.apply',
            expect.stringMatching(/^> answer/),
            '< wallpaper.changed',
            expect.stringMatching(/^< answer/),
        ]);
        expect(counted!.perNext, report).toEqual(counted!.perNext.map(() => 5));
    });
});
