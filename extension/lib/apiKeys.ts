// API keys of online sources in the user's keyring (libsecret), one item per source id. The Shell reads them to
// send to the backend; the preferences store and remove them. libsecret itself (`gi://Secret`) is loaded by each
// world's import door, because its typelib may be missing and a static import would then fail the whole module.
// Keys are never logged: errors below carry libsecret's message, which never includes the secret.
import type { Gio } from './gi.js';
import { API_KEY_SCHEMA, SOURCE_ID_ATTRIBUTE, type OnlineSourceConfigJson } from './protocol.js';

export { API_KEY_SCHEMA, SOURCE_ID_ATTRIBUTE };

type Callback = (source: unknown, result: Gio.AsyncResult) => void;

/** The part of libsecret's GJS binding used here (see the libsecret JavaScript examples). */
export interface SecretLib {
    Schema: { new: (name: string, flags: number, attributes: Record<string, number>) => unknown };
    SchemaFlags: { NONE: number };
    SchemaAttributeType: { STRING: number };
    COLLECTION_DEFAULT: string;
    password_lookup(
        schema: unknown,
        attributes: Record<string, string>,
        cancellable: Gio.Cancellable | null,
        callback: Callback,
    ): void;
    password_lookup_finish(result: Gio.AsyncResult): string | null;
    password_store(
        schema: unknown,
        attributes: Record<string, string>,
        collection: string,
        label: string,
        password: string,
        cancellable: Gio.Cancellable | null,
        callback: Callback,
    ): void;
    password_store_finish(result: Gio.AsyncResult): boolean;
    password_clear(
        schema: unknown,
        attributes: Record<string, string>,
        cancellable: Gio.Cancellable | null,
        callback: Callback,
    ): void;
    password_clear_finish(result: Gio.AsyncResult): boolean;
}

/** The configured online sources (the `online-sources` setting, a JSON list); [] when it cannot be read. */
export function onlineSources(json: string): OnlineSourceConfigJson[] {
    if (json.trim() === '') return [];
    try {
        const parsed = JSON.parse(json) as unknown;
        return Array.isArray(parsed)
            ? parsed.filter(
                  (s): s is OnlineSourceConfigJson => typeof s?.id === 'string' && typeof s?.kind === 'string',
              )
            : [];
    } catch {
        return [];
    }
}

export class ApiKeyring {
    readonly #secret: SecretLib;
    readonly #schema: unknown;

    constructor(secret: SecretLib) {
        this.#secret = secret;
        this.#schema = secret.Schema.new(API_KEY_SCHEMA, secret.SchemaFlags.NONE, {
            [SOURCE_ID_ATTRIBUTE]: secret.SchemaAttributeType.STRING,
        });
    }

    /** The key stored for a source, or null. */
    lookup(id: string, cancellable: Gio.Cancellable | null = null): Promise<string | null> {
        return new Promise((resolve, reject) =>
            this.#secret.password_lookup(this.#schema, { [SOURCE_ID_ATTRIBUTE]: id }, cancellable, (_s, result) => {
                try {
                    resolve(this.#secret.password_lookup_finish(result));
                } catch (e) {
                    reject(e as Error);
                }
            }),
        );
    }

    /** Every stored key of `ids`, as the backend takes them; a source whose lookup fails is left out. */
    async lookupAll(
        ids: readonly string[],
        cancellable: Gio.Cancellable | null = null,
        log: (message: string) => void = () => {},
    ): Promise<Record<string, string>> {
        const keys: Record<string, string> = {};
        for (const id of ids) {
            try {
                const key = await this.lookup(id, cancellable);
                if (key) keys[id] = key;
            } catch (e) {
                log(`keyring lookup for source ${id}: ${(e as Error).message}`);
            }
        }
        return keys;
    }

    store(id: string, key: string, label: string): Promise<void> {
        return new Promise((resolve, reject) =>
            this.#secret.password_store(
                this.#schema,
                { [SOURCE_ID_ATTRIBUTE]: id },
                this.#secret.COLLECTION_DEFAULT,
                label,
                key,
                null,
                (_s, result) => {
                    try {
                        this.#secret.password_store_finish(result);
                        resolve();
                    } catch (e) {
                        reject(e as Error);
                    }
                },
            ),
        );
    }

    clear(id: string): Promise<void> {
        return new Promise((resolve, reject) =>
            this.#secret.password_clear(this.#schema, { [SOURCE_ID_ATTRIBUTE]: id }, null, (_s, result) => {
                try {
                    this.#secret.password_clear_finish(result);
                    resolve();
                } catch (e) {
                    reject(e as Error);
                }
            }),
        );
    }
}
