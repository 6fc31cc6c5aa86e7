// The weight of one image: the product of the factors, each from its own module. The selection index and
// `explain` both call these functions, so what is explained is exactly what is sampled (the fork's streaming path
// silently skipped factors its main path applied).
import type { FactorJson } from '../protocol/messages.js';
import { colourAffinityFactor } from './colourAffinity.js';
import { favouriteFactor } from './favourite.js';
import { exclusionOf, type Exclusion } from './filters.js';
import { noveltyFactor } from './novelty.js';
import { recencyFactor } from './recency.js';
import type { SelectionSettings } from './settings.js';
import { sourceBalanceFactor } from './sourceBalance.js';
import type { TimeTarget } from './timeOfDay.js';
import { timeAffinityFactor } from './timeOfDay.js';

/** Weights never drop below this unless the image is excluded, so every eligible image keeps a chance. */
export const MIN_WEIGHT = 1e-6;

/** One image as the weight functions see it. Colour features are NaN until the image is analysed. */
export interface ImageFacts {
    width: number;
    height: number;
    favourite: boolean;
    /** Shown at least once. */
    shown: boolean;
    addedAt: number;
    /** NaN when never shown. */
    lastShownAt: number;
    lightness: number;
    temperature: number;
    saturation: number;
    hue: number;
    chroma: number;
}

export interface WeightContext {
    now: number;
    settings: SelectionSettings;
    time: TimeTarget | null;
}

const round = (x: number) => Number(x.toPrecision(4));

export function imageExclusion(image: ImageFacts, settings: SelectionSettings): Exclusion | null {
    return exclusionOf(image, settings);
}

/**
 * Everything about the image itself except recency: filters (0 when excluded), favourite, new-image boost, colour
 * and time-of-day affinity. Recency is kept apart because it is what changes from pick to pick. `record`, when
 * given, receives each factor with the reason for its value.
 */
export function baseWeight(image: ImageFacts, ctx: WeightContext, record?: FactorJson[]): number {
    const s = ctx.settings;
    if (imageExclusion(image, s)) return 0;
    const favourite = favouriteFactor(image.favourite, s.favouriteBoost);
    const novelty = noveltyFactor(image.addedAt, image.shown, ctx.now, s.newImageDays, s.newImageBoost);
    const colour = colourAffinityFactor(image.lightness, image.hue, image.chroma, s.colour, s.colourStrength);
    const time = timeAffinityFactor(image.lightness, image.temperature, image.saturation, ctx.time, s.timeStrength);
    if (record) {
        const unknown = Number.isNaN(image.lightness);
        record.push(
            {
                name: 'favourite',
                value: favourite,
                detail: image.favourite ? `favourite, boost ${s.favouriteBoost}` : 'not a favourite',
            },
            {
                name: 'new image',
                value: novelty,
                detail:
                    novelty !== 1
                        ? `added less than ${s.newImageDays} days ago and not shown yet`
                        : image.shown
                          ? 'shown before'
                          : 'not new',
            },
            {
                name: 'colour affinity',
                value: round(colour),
                detail: !s.colour
                    ? 'off'
                    : unknown
                      ? 'not analysed yet: neutral'
                      : `${s.colourDescription}, strength ${s.colourStrength}`,
            },
            {
                name: 'time of day',
                value: round(time),
                detail: !ctx.time
                    ? 'off'
                    : unknown
                      ? 'not analysed yet: neutral'
                      : `${ctx.time.preset} (${ctx.time.reason}), strength ${s.timeStrength}`,
            },
        );
    }
    return favourite * novelty * colour * time;
}

export function imageRecency(image: ImageFacts, ctx: WeightContext, record?: FactorJson[]): number {
    const shown = !Number.isNaN(image.lastShownAt);
    const s = ctx.settings;
    const recency = recencyFactor(shown ? ctx.now - image.lastShownAt : null, s.cooldownMs, s.decay);
    if (record) {
        const days = shown ? (ctx.now - image.lastShownAt) / 86_400_000 : 0;
        record.push({
            name: 'recency',
            value: round(recency),
            detail: !shown
                ? 'never shown'
                : recency === 1
                  ? `shown ${days.toFixed(1)} days ago, past the ${s.cooldownMs / 86_400_000}-day cooldown`
                  : `shown ${days.toFixed(2)} days ago, ${s.decay} cooldown of ${s.cooldownMs / 86_400_000} days`,
        });
    }
    return recency;
}

/** The image's own weight: base × recency, floored at MIN_WEIGHT, or 0 when excluded. */
export function imageWeight(base: number, recency: number): number {
    return base === 0 ? 0 : Math.max(MIN_WEIGHT, base * recency);
}

export interface SourceFacts {
    location: string;
    images: number;
    /** NaN when nothing from it was shown. */
    lastShownAt: number;
}

/**
 * What a source multiplies each of its images by: its weight, the balance between sources and source recency.
 * 0 only when the user set the folder's weight to 0.
 */
export function sourceFactor(
    source: SourceFacts,
    meanImages: number,
    ctx: WeightContext,
    record?: FactorJson[],
): number {
    const s = ctx.settings;
    const weight = s.sourceWeights.get(source.location) ?? 1;
    const balance = sourceBalanceFactor(weight, s.sourceBalance, source.images, meanImages);
    const shown = !Number.isNaN(source.lastShownAt);
    const recency = recencyFactor(shown ? ctx.now - source.lastShownAt : null, s.sourceCooldownMs, s.decay);
    if (record) {
        record.push(
            {
                name: 'source weight',
                value: round(balance),
                detail:
                    s.sourceBalance === 'images'
                        ? `folder weight ${weight}: shares follow folder sizes`
                        : `folder weight ${weight} over its ${source.images} images: shares follow weights alone`,
            },
            {
                name: 'source recency',
                value: round(recency),
                detail: s.sourceCooldownMs > 0 ? `${s.sourceCooldownMs / 86_400_000}-day folder cooldown` : 'off',
            },
        );
    }
    return weight === 0 ? 0 : Math.max(MIN_WEIGHT, balance * recency);
}
