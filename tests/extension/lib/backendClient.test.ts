// The extension's backend client, built, under real gjs, against the real backend (tests/gjs/backendClient.js).
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, makeSandbox, type Sandbox } from '../../helpers/sandbox.js';
import { builtExtension, runGjs, writeImages } from '../../helpers/gjs.js';

describe('backend client under gjs', () => {
    let sandbox: Sandbox;
    beforeAll(() => {
        sandbox = makeSandbox();
    });
    afterAll(() => sandbox.cleanup());

    it('talks to the real backend, survives SIGKILL and stops cleanly', { timeout: 120_000 }, async () => {
        expect(builtExtension() && existsSync(CLI), 'run `npm run build` first').toBe(true);
        const folder = sandbox.folder('pictures');
        await writeImages(folder);
        const result = await runGjs('backendClient.js', {
            ...sandbox.env,
            CHAMELEON_CLI: CLI,
            CHAMELEON_DATA: sandbox.dataDir,
            CHAMELEON_FOLDER: folder,
        });
        const report = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
        expect(result.code, report).toBe(0);
        for (const step of [
            'missing-backend',
            'initialize+status',
            'wallpaper.next',
            'notification',
            'set-refused',
            'rpc-error',
            'request-timeout',
            'in-flight-rejected',
            'state-restarting',
            'restarted',
            'stopped',
            'request-after-stop',
            'stop-kills-stuck-backend',
        ]) {
            expect(result.passed.has(step), `${step} missing\n${report}`).toBe(true);
        }
        expect(result.passed.get('in-flight-rejected')).toMatch(/backend exited \(signal 9\); restarting/);
    });
});
