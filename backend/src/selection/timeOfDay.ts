// The one time-of-day model: decide whether it is day or night (fixed hours, the sun at a configured place, or the
// desktop's dark style), map that to a preset target (lightness, temperature, saturation), and score images by
// how close they are to it. The fork had two systems that disagreed; everything time-related goes through here.
import type { TimeOfDayMode, TimeOfDayPreset } from '../protocol/messages.js';
import { affinityFromDistance } from './colourAffinity.js';
import { isDaylight } from './sun.js';

export interface TimeTarget {
    /** 'dark' when the desktop's dark style decided. */
    period: 'day' | 'night' | 'dark';
    preset: TimeOfDayPreset;
    lightness: number;
    /** −1 cool … +1 warm. */
    temperature: number;
    saturation: number;
    /** How the period was decided, for `explain`. */
    reason: string;
}

/** (lightness, temperature, saturation), as in the design we inherit. */
export const TIME_PRESETS: Record<TimeOfDayPreset, { lightness: number; temperature: number; saturation: number }> = {
    bright_day: { lightness: 0.7, temperature: 0.3, saturation: 0.6 },
    neutral_day: { lightness: 0.6, temperature: 0, saturation: 0.5 },
    cozy_night: { lightness: 0.3, temperature: 0.4, saturation: 0.4 },
    cool_night: { lightness: 0.25, temperature: -0.3, saturation: 0.5 },
    dark_mode: { lightness: 0.2, temperature: 0, saturation: 0.4 },
};

export interface TimeOfDaySettings {
    mode: TimeOfDayMode;
    /** Minutes after local midnight. */
    dayStart: number;
    nightStart: number;
    latitude: number | null;
    longitude: number | null;
    dayPreset: TimeOfDayPreset;
    nightPreset: TimeOfDayPreset;
    darkPreset: TimeOfDayPreset;
}

/** "HH:MM" → minutes after midnight; throws on anything else. */
export function parseClock(text: string): number {
    const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
    if (!match) throw new Error(`not a time of day (HH:MM): ${JSON.stringify(text)}`);
    return Number(match[1]) * 60 + Number(match[2]);
}

function inFixedDay(minutes: number, dayStart: number, nightStart: number): boolean {
    return dayStart <= nightStart
        ? minutes >= dayStart && minutes < nightStart
        : minutes >= dayStart || minutes < nightStart;
}

function target(period: TimeTarget['period'], preset: TimeOfDayPreset, reason: string): TimeTarget {
    return { period, preset, ...TIME_PRESETS[preset], reason };
}

const clock = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The target at `now` (local time of this process), or null when time of day plays no part: mode 'off', or
 * 'system' before the desktop has said whether it is dark.
 */
export function timeTarget(settings: TimeOfDaySettings, now: Date, systemDark: boolean | null): TimeTarget | null {
    // 'sun' without a configured place falls back to fixed hours rather than to nothing.
    const mode =
        settings.mode === 'sun' && (settings.latitude === null || settings.longitude === null)
            ? 'fixed'
            : settings.mode;
    switch (mode) {
        case 'off':
            return null;
        case 'system':
            if (systemDark === null) return null;
            return systemDark
                ? target('dark', settings.darkPreset, 'the desktop uses the dark style')
                : target('day', settings.dayPreset, 'the desktop uses the light style');
        case 'sun': {
            const [latitude, longitude] = [settings.latitude!, settings.longitude!];
            const place = `${latitude.toFixed(2)}, ${longitude.toFixed(2)}`;
            return isDaylight(now, latitude, longitude)
                ? target('day', settings.dayPreset, `the sun is up at ${place}`)
                : target('night', settings.nightPreset, `the sun is down at ${place}`);
        }
        case 'fixed': {
            const minutes = now.getHours() * 60 + now.getMinutes();
            const day = inFixedDay(minutes, settings.dayStart, settings.nightStart);
            const hours = `day ${clock(settings.dayStart)}–${clock(settings.nightStart)}`;
            return day
                ? target('day', settings.dayPreset, `${hours}, now day`)
                : target('night', settings.nightPreset, `${hours}, now night`);
        }
    }
}

/**
 * Distance of an image's (lightness, temperature, saturation) from the target on a 0 … 1 scale. Lightness counts
 * twice: it is what makes a wallpaper glare at night. Temperature spans −1 … 1, hence the halving.
 */
export function timeDistance(lightness: number, temperature: number, saturation: number, t: TimeTarget): number {
    const dl = lightness - t.lightness;
    const dt = (temperature - t.temperature) / 2;
    const ds = saturation - t.saturation;
    return Math.min(1, Math.sqrt((2 * dl * dl + dt * dt + ds * ds) / 4) / 0.5);
}

/** Same shape as colour affinity: strength^(0.5 − d); 1 for images not analysed yet or without a target. */
export function timeAffinityFactor(
    lightness: number,
    temperature: number,
    saturation: number,
    t: TimeTarget | null,
    strength: number,
): number {
    if (!t || Number.isNaN(lightness)) return 1;
    return affinityFromDistance(timeDistance(lightness, temperature, saturation, t), strength);
}
