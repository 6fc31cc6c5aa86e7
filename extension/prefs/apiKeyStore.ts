// Where the preferences keep API keys: the user's keyring (libsecret), or, only where libsecret is missing and the
// user agreed, the `online-api-keys` setting. The extension reads the keyring when `online-keyring-serial`
// changes; keys kept in settings reach the backend like any other setting.
import { ApiKeyring, type SecretLib } from '../lib/apiKeys.js';
import type { Prefs } from './context.js';
import { loadSecret } from './gtk.js';

export interface ApiKeyStore {
    /** Whether keys can be stored now (the keyring, or settings the user agreed to). */
    readonly usable: boolean;
    readonly inKeyring: boolean;
    has(id: string): Promise<boolean>;
    /** Stores `key` for the source; '' removes it. */
    set(id: string, key: string): Promise<void>;
}

export async function apiKeyStore(prefs: Prefs): Promise<ApiKeyStore> {
    const secret = await loadSecret();
    return secret ? keyringStore(prefs, new ApiKeyring(secret as SecretLib)) : settingsStore(prefs);
}

function keyringStore({ settings, _ }: Prefs, keyring: ApiKeyring): ApiKeyStore {
    const changed = (): void => {
        settings.set_uint('online-keyring-serial', (settings.get_uint('online-keyring-serial') + 1) % 2 ** 32);
    };
    return {
        usable: true,
        inKeyring: true,
        has: async (id) => (await keyring.lookup(id).catch(() => null)) !== null,
        async set(id, key) {
            if (key === '') await keyring.clear(id);
            else await keyring.store(id, key, `${_('Chameleon API key')}: ${id}`);
            changed();
        },
    };
}

function settingsStore({ settings }: Prefs): ApiKeyStore {
    const read = (): Record<string, string> => {
        try {
            const parsed = JSON.parse(settings.get_string('online-api-keys') || '{}') as unknown;
            return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
                ? (parsed as Record<string, string>)
                : {};
        } catch {
            return {};
        }
    };
    return {
        get usable() {
            return settings.get_boolean('online-keys-in-settings');
        },
        inKeyring: false,
        has: (id) => Promise.resolve(typeof read()[id] === 'string' && read()[id] !== ''),
        set(id, key) {
            const keys = read();
            if (key === '') delete keys[id];
            else keys[id] = key;
            settings.set_string('online-api-keys', Object.keys(keys).length > 0 ? JSON.stringify(keys) : '');
            return Promise.resolve();
        },
    };
}
