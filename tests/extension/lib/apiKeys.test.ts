// Which online sources the extension looks up API keys for (extension/lib/apiKeys.ts, the `online-sources`
// setting), built, under real gjs: one test per behaviour (tests/gjs/apiKeys.js).
import { afterAll } from 'vitest';
import { makeSandbox } from '../../helpers/sandbox.js';
import { gjsCases } from '../../helpers/gjs.js';

const sandbox = makeSandbox();
afterAll(() => sandbox.cleanup());

gjsCases(
    'the online-sources setting, as the keyring lookup reads it',
    'apiKeys.js',
    {
        'empty-setting-no-sources': 'has no sources when the setting is empty',
        'sources-as-configured': 'reads the sources as configured',
        'entries-without-id-or-kind-dropped': 'drops entries without an id and a kind',
        'not-json-no-sources': 'has no sources when the setting is not JSON',
        'not-a-list-no-sources': 'has no sources when the setting is not a list',
    },
    () => sandbox.env,
);
