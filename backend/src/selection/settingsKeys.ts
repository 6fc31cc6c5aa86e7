// GSettings keys of Smart Selection: `selection-<field in kebab-case>` for each field of SelectionConfigJson (e.g.
// `selection-cooldown-days` → cooldownDays), validated by the same zod schema as `config.update`, plus
// `selection-location` (type `ad`: [] or [latitude, longitude]), since GSettings has no "unset" double.
import { z } from 'zod';
import type { ConfigJson, SelectionConfigJson } from '../protocol/messages.js';
import { selectionConfigSchema } from '../server/paramSchemas.js';

export interface SettingsKeyRule {
    value: z.ZodType;
    apply(config: ConfigJson, value: never): void;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function selection(config: ConfigJson): SelectionConfigJson {
    return (config.selection ??= {});
}

export const SELECTION_KEYS: Record<string, SettingsKeyRule> = {
    ...Object.fromEntries(
        Object.entries(selectionConfigSchema.shape)
            .filter(([field]) => field !== 'latitude' && field !== 'longitude')
            .map(([field, schema]) => [
                `selection-${kebab(field)}`,
                {
                    value: (schema as z.ZodOptional<z.ZodType>).unwrap(),
                    apply: (c: ConfigJson, v: never) => ((selection(c) as Record<string, unknown>)[field] = v),
                },
            ]),
    ),
    'selection-location': {
        value: z.union([z.tuple([]), z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)])]),
        apply: (c: ConfigJson, v: [] | [number, number]) => {
            const s = selection(c);
            if (v.length === 2) [s.latitude, s.longitude] = v;
            // Set to undefined rather than deleted, so that merging over earlier settings clears them.
            else [s.latitude, s.longitude] = [undefined, undefined];
        },
    },
};
