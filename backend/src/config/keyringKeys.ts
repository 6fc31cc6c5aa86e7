// API keys that the preferences keep in the user's keyring, read for the CLI used on its own (and a backend started
// without the extension). The extension reads them with libsecret and sends them; Node has no libsecret binding
// without a native module, so this asks libsecret's own command-line tool, secret-tool (package
// libsecret-tools), with the attributes the preferences store each key under. Where secret-tool is missing, the
// CLI says so once instead of pretending the keys are not there.
import { log } from '../log.js';
import { API_KEY_SCHEMA, SOURCE_ID_ATTRIBUTE } from '../protocol/online.js';

export interface KeyringRead {
    keys: Record<string, string>;
    /** Why keys could not be read, for the user; null when the keyring was asked. */
    problem: string | null;
}

/** The keys stored for these source ids (ids with none are left out). Never logs a key. */
export async function readKeyringKeys(
    ids: readonly string[],
    env: NodeJS.ProcessEnv = process.env,
): Promise<KeyringRead> {
    const keys: Record<string, string> = {};
    if (ids.length === 0) return { keys, problem: null };
    // Loaded here: most runs have no source that takes a key, and the CLI does not pay for execa then.
    const { execa } = await import('execa');
    for (const id of ids) {
        const result = await execa('secret-tool', ['lookup', 'xdg:schema', API_KEY_SCHEMA, SOURCE_ID_ATTRIBUTE, id], {
            env,
            reject: false,
            timeout: 10_000,
            stripFinalNewline: false,
        });
        if ((result as { code?: string }).code === 'ENOENT') {
            const problem =
                'API keys kept in the keyring cannot be read without the extension: secret-tool (package ' +
                'libsecret-tools) is not installed. ' +
                'Install it, or run the command while the extension is on (the running backend has the keys).';
            log.warn(problem);
            return { keys, problem };
        }
        // Exit 1 with no output: no key stored for this source.
        if (result.exitCode === 0 && typeof result.stdout === 'string' && result.stdout !== '')
            keys[id] = result.stdout;
    }
    return { keys, problem: null };
}
