// Smart Selection settings with every default in one place: what the protocol's SelectionConfigJson (all fields
// optional) means once filled in. Nothing else in the backend repeats a default.
import {
    ACCENT_COLOURS,
    type AccentName,
    type DecayCurve,
    type DesktopStateJson,
    type FavouriteMode,
    type Orientation,
    type SelectionConfigJson,
    type SourceBalance,
} from '../protocol/messages.js';
import { oklabOfHex, type Oklab } from './colourAffinity.js';
import { DAY_MS } from './recency.js';
import { parseClock, type TimeOfDaySettings } from './timeOfDay.js';

export interface SelectionSettings {
    cooldownMs: number;
    decay: DecayCurve;
    freshFirst: boolean;
    sourceCooldownMs: number;
    favouriteBoost: number;
    newImageBoost: number;
    newImageDays: number;
    sourceWeights: ReadonlyMap<string, number>;
    sourceBalance: SourceBalance;
    /** The colour to lean towards now (resolved from the target setting and the desktop's accent), or null. */
    colour: Oklab | null;
    colourDescription: string | null;
    colourStrength: number;
    time: TimeOfDaySettings;
    timeStrength: number;
    /** null when the desktop has not said whether it is dark. */
    systemDark: boolean | null;
    minSizePercent: number;
    monitor: { width: number; height: number } | null;
    orientation: Orientation;
    minLightness: number;
    maxLightness: number;
    favouriteMode: FavouriteMode;
    favouritesFolder: string;
}

export const SELECTION_DEFAULTS: Required<Omit<SelectionConfigJson, 'latitude' | 'longitude'>> = {
    cooldownDays: 7,
    decay: 'sigmoid',
    freshFirst: true,
    sourceCooldownDays: 0,
    favouriteBoost: 2,
    newImageBoost: 1.5,
    newImageDays: 7,
    sourceWeights: {},
    sourceBalance: 'images',
    colourTarget: 'off',
    colour: '#3584e4',
    colourStrength: 4,
    timeOfDay: 'off',
    dayStart: '07:00',
    nightStart: '19:00',
    dayPreset: 'neutral_day',
    nightPreset: 'cozy_night',
    darkPreset: 'dark_mode',
    timeStrength: 4,
    minSizePercent: 50,
    orientation: 'any',
    minLightness: 0,
    maxLightness: 1,
    favouriteMode: 'mark',
    favouritesFolder: '',
};

function accentHex(accent: string | undefined): string | null {
    if (!accent) return null;
    if (/^#[0-9a-f]{6}$/i.test(accent)) return accent.toLowerCase();
    return Object.hasOwn(ACCENT_COLOURS, accent) ? ACCENT_COLOURS[accent as AccentName] : null;
}

export function resolveSelectionSettings(
    json: SelectionConfigJson = {},
    desktop: DesktopStateJson = {},
): SelectionSettings {
    const c = { ...SELECTION_DEFAULTS, ...json };
    let colour: Oklab | null = null;
    let colourDescription: string | null = null;
    if (c.colourTarget === 'colour' && /^#[0-9a-f]{6}$/i.test(c.colour)) {
        colour = oklabOfHex(c.colour);
        colourDescription = `towards ${c.colour.toLowerCase()}`;
    } else if (c.colourTarget === 'accent') {
        const hex = accentHex(desktop.accent);
        if (hex) {
            colour = oklabOfHex(hex);
            colourDescription = `towards the accent ${desktop.accent} (${hex})`;
        }
    }
    return {
        cooldownMs: Math.max(0, c.cooldownDays) * DAY_MS,
        decay: c.decay,
        freshFirst: c.freshFirst,
        sourceCooldownMs: Math.max(0, c.sourceCooldownDays) * DAY_MS,
        favouriteBoost: c.favouriteBoost,
        newImageBoost: c.newImageBoost,
        newImageDays: c.newImageDays,
        sourceWeights: new Map(Object.entries(c.sourceWeights)),
        sourceBalance: c.sourceBalance,
        colour,
        colourDescription,
        colourStrength: c.colourStrength,
        time: {
            mode: c.timeOfDay,
            dayStart: parseClock(c.dayStart),
            nightStart: parseClock(c.nightStart),
            latitude: json.latitude ?? null,
            longitude: json.longitude ?? null,
            dayPreset: c.dayPreset,
            nightPreset: c.nightPreset,
            darkPreset: c.darkPreset,
        },
        timeStrength: c.timeStrength,
        systemDark: desktop.colorScheme === undefined ? null : desktop.colorScheme === 'prefer-dark',
        minSizePercent: c.minSizePercent,
        monitor: desktop.monitor && desktop.monitor.width > 0 && desktop.monitor.height > 0 ? desktop.monitor : null,
        orientation: c.orientation,
        minLightness: c.minLightness,
        maxLightness: c.maxLightness,
        favouriteMode: c.favouriteMode,
        favouritesFolder: c.favouritesFolder,
    };
}
