import type Sharp from 'sharp';

let loading: Promise<typeof Sharp> | null = null;

/**
 * sharp, loaded on first use. Loading it (libvips and its bindings) costs more than a whole `chameleon next`
 * with a cached palette needs; most runs never decode an image, so they never pay for it.
 */
export function loadSharp(): Promise<typeof Sharp> {
    loading ??= import('sharp').then((module) => module.default);
    return loading;
}
