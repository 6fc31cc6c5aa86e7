// The CLI on its own (no backend running) uses the API keys the preferences keep in the keyring, asking
// libsecret's secret-tool with the attributes the preferences store them under; without secret-tool it says why.
// secret-tool is a small stand-in script here (a real keyring needs a session bus and an unlocked collection);
// it answers only the exact lookup the preferences' items match.
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY_SCHEMA } from '../../../backend/src/protocol/online.js';
import { makeSandbox, ROOT, runCli, type Sandbox } from '../../helpers/sandbox.js';

let sandbox: Sandbox;
let bin: string;
const SCHEMA = 'org.gnome.shell.extensions.chameleon';

beforeEach(async () => {
    sandbox = makeSandbox();
    sandbox.env.CHAMELEON_SCHEMA_DIR = join(ROOT, 'dist/extension/schemas');
    bin = sandbox.folder('bin');
    // Only what the CLI may run: gsettings (and secret-tool when a test puts it there).
    symlinkSync((await execa('sh', ['-c', 'command -v gsettings'])).stdout, join(bin, 'gsettings'));
    sandbox.env.PATH = bin;
    const sources = [
        { id: 'un', kind: 'unsplash', enabled: true, options: { query: 'dunes', baseUrl: 'http://127.0.0.1:9' } },
        { id: 'bing', kind: 'bing', enabled: true, options: { baseUrl: 'http://127.0.0.1:9' } },
    ];
    await execa(
        'gsettings',
        ['--schemadir', sandbox.env.CHAMELEON_SCHEMA_DIR, 'set', SCHEMA, 'online-sources', JSON.stringify(sources)],
        { env: sandbox.env, extendEnv: false },
    );
});

afterEach(() => sandbox.cleanup());

describe('the CLI without the extension', () => {
    it('reads the key of each source that takes one from the keyring', async () => {
        const log = join(sandbox.dir, 'secret-tool.log');
        mkdirSync(bin, { recursive: true });
        writeFileSync(
            join(bin, 'secret-tool'),
            `#!/bin/sh\necho "$*" >> '${log}'\n` +
                `if [ "$*" = "lookup xdg:schema ${API_KEY_SCHEMA} source-id un" ]; then printf ` +
                `'UNSPLASH-KEY-FROM-KEYRING'; exit 0; fi\nexit 1\n`,
        );
        chmodSync(join(bin, 'secret-tool'), 0o755);
        const result = await runCli(sandbox, ['sources']);
        expect(result.exitCode).toBe(0);
        expect(result.stdout).toContain('un (unsplash, API key set)');
        expect(result.stdout).not.toContain('needs an API key');
        expect(result.stdout + result.stderr).not.toContain('UNSPLASH-KEY-FROM-KEYRING');
    });

    it('says why it cannot read the keyring when secret-tool is missing', async () => {
        const result = await runCli(sandbox, ['sources']);
        expect(result.stderr).toMatch(/secret-tool \(package libsecret-tools\) is not installed/);
        expect(result.stdout).toContain('needs an API key');
    });
});
