import type { SourceBalance } from '../protocol/messages.js';

/**
 * The factor a source gives each of its images. With 'images' (the default) every image counts the same, so a
 * folder's share is proportional to its size times its weight: unlike Variety's equal per-folder quotas, a folder
 * of 10 images does not get as many turns as one of 10,000. With 'sources' each folder's share is proportional
 * to its weight alone, whatever its size: the factor divides by the folder's size, scaled by the mean folder size
 * so that factors stay near 1 and read well in `explain`.
 */
export function sourceBalanceFactor(
    weight: number,
    mode: SourceBalance,
    imagesInSource: number,
    meanImagesPerSource: number,
): number {
    if (mode === 'images' || imagesInSource === 0) return weight;
    return (weight * meanImagesPerSource) / imagesInSource;
}
