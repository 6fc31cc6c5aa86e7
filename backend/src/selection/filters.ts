import type { Orientation } from '../protocol/messages.js';

/** What the filters look at. lightness is NaN for images not analysed yet: they pass the lightness filter. */
export interface FilterInput {
    width: number;
    height: number;
    lightness: number;
}

export interface FilterSettings {
    minSizePercent: number;
    monitor: { width: number; height: number } | null;
    orientation: Orientation;
    minLightness: number;
    maxLightness: number;
}

/**
 * Why an image is left out entirely, or null when it may be picked. Banned, trashed and unreadable images never
 * reach the selection index at all; these are the filters that depend on settings and the monitor.
 */
export interface Exclusion {
    kind: 'tooSmall' | 'orientation' | 'lightness';
    message: string;
}

export function exclusionOf(image: FilterInput, settings: FilterSettings): Exclusion | null {
    const { monitor, minSizePercent } = settings;
    if (monitor && minSizePercent > 0) {
        const minWidth = (monitor.width * minSizePercent) / 100;
        const minHeight = (monitor.height * minSizePercent) / 100;
        if (image.width < minWidth || image.height < minHeight) {
            return {
                kind: 'tooSmall',
                message:
                    `too small: ${image.width}×${image.height} is under ${minSizePercent}% of the ` +
                    `${monitor.width}×${monitor.height} monitor`,
            };
        }
    }
    if (settings.orientation === 'landscape' && image.width < image.height)
        return { kind: 'orientation', message: 'portrait image, but only landscape ones are wanted' };
    if (settings.orientation === 'portrait' && image.width > image.height)
        return { kind: 'orientation', message: 'landscape image, but only portrait ones are wanted' };
    if (
        !Number.isNaN(image.lightness) &&
        (image.lightness < settings.minLightness || image.lightness > settings.maxLightness)
    ) {
        return {
            kind: 'lightness',
            message:
                `lightness ${image.lightness.toFixed(2)} is outside ` +
                `${settings.minLightness}–${settings.maxLightness}`,
        };
    }
    return null;
}
