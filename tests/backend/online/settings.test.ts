// The GSettings keys of online sources, as the extension forwards them and the lone CLI reads them.
import { describe, expect, it } from 'vitest';
import { configFromSettings, mergeConfig } from '../../../backend/src/config/settingsMap.js';
import { resolveOnlineSettings, SOURCE_KINDS } from '../../../backend/src/online/config.js';
import { SOURCES } from '../../../backend/src/online/sources/registry.js';
import { sourceKinds } from '../../../extension/prefs/sourceKinds.js';

describe('online settings keys', () => {
    it('read the JSON source list and the plain keys', () => {
        const { config, problems } = configFromSettings({
            'online-sources': '[{"id":"bing","kind":"bing","enabled":true,"weight":2,"options":{"market":"de-DE"}}]',
            'online-api-keys': '',
            'online-quota-mb': 500,
            'online-safe-mode': true,
            'online-refresh-minutes': 120,
        });
        expect(problems).toEqual([]);
        expect(config.online).toEqual({
            sources: [{ id: 'bing', kind: 'bing', enabled: true, weight: 2, options: { market: 'de-DE' } }],
            settingsApiKeys: {},
            quotaMb: 500,
            safeMode: true,
            refreshMinutes: 120,
        });
    });

    it('report a source list that is not JSON and keep the previous one; never quote a broken API key value', () => {
        const { config, problems } = configFromSettings({
            'online-sources': '[{"id":"x"',
            'online-api-keys': '{"a": "S3CRET"',
        });
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(/^setting online-sources has an unusable value/);
        expect(problems.join()).not.toContain('S3CRET');
        expect(config.online).toEqual({ settingsApiKeys: {} });
    });

    it('keeps keyring keys and GSettings keys apart, the keyring winning, and forgets keys the user removed', () => {
        const fromSettings = configFromSettings({ 'online-api-keys': '{"a": "from-gsettings", "b": "b"}' }).config;
        let config = mergeConfig(fromSettings, { online: { apiKeys: { a: 'from-keyring', c: 'c' }, quotaMb: 100 } });
        expect([...resolveOnlineSettings(config.online!, '/tmp').apiKeys.entries()].sort()).toEqual([
            ['a', 'from-keyring'],
            ['b', 'b'],
            ['c', 'c'],
        ]);
        // The keyring's key for c is deleted: the next complete set leaves it out, and it is gone.
        config = mergeConfig(config, { online: { apiKeys: { a: 'from-keyring' } } });
        expect([...resolveOnlineSettings(config.online!, '/tmp').apiKeys.keys()].sort()).toEqual(['a', 'b']);
    });
});

describe("the preferences' source kinds", () => {
    it(
        'offer every kind the backend has, each option one the backend reads, and say truly ' +
            'whether a key is needed',
        () => {
            const specs = sourceKinds((text) => text);
            expect(specs.map((spec) => spec.kind).sort()).toEqual([...SOURCE_KINDS].sort());
            for (const spec of specs) {
                const shape =
                    (SOURCES[spec.kind].options as unknown as { shape?: Record<string, unknown> }).shape ?? {};
                expect(
                    spec.options.map((o) => o.name).filter((name) => !(name in shape)),
                    spec.kind,
                ).toEqual([]);
                expect(spec.apiKey, spec.kind).toBe(SOURCES[spec.kind].apiKey);
            }
        },
    );

    it('offer as choices exactly the values the backend accepts, the one it uses when none is set shown first', () => {
        for (const spec of sourceKinds((text) => text)) {
            const schema = SOURCES[spec.kind].options as unknown as {
                parse(value: unknown): Record<string, unknown>;
                safeParse(value: unknown): { success: boolean };
            };
            for (const option of spec.options) {
                if (option.type !== 'choice') continue;
                const defaults = schema.parse({});
                expect(defaults[option.name], `${spec.kind}.${option.name}`).toBe(option.choices[0]);
                for (const choice of option.choices)
                    expect(
                        schema.safeParse({ [option.name]: choice }).success,
                        `${spec.kind}.${option.name}=${choice}`,
                    ).toBe(true);
                expect(schema.safeParse({ [option.name]: 'not-a-choice' }).success).toBe(false);
            }
        }
    });
});
