import { z } from 'zod';

/** Every source's `baseUrl`: the real API by default, a loopback server in tests, a mirror if the user wants. */
export const baseUrl = (production: string) =>
    z
        .string()
        .regex(/^https?:\/\/[^\s]+$/, 'a base URL starts with http:// or https://')
        .default(production)
        .transform((url) => url.replace(/\/+$/, ''));

/** `base` + `path` + query, leaving out empty parameters. */
export function endpoint(
    base: string,
    path: string,
    query: Record<string, string | number | undefined | null>,
): string {
    const url = new URL(base + path);
    for (const [name, value] of Object.entries(query)) {
        if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
    }
    return url.href;
}

export function asObject(value: unknown): Record<string, unknown> | null {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : null;
}

export function asArray(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}

/** Thrown when a provider's JSON is not shaped as its documentation says. */
export class ShapeError extends Error {
    override name = 'ShapeError';
}
