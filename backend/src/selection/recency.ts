import type { DecayCurve } from '../protocol/messages.js';

export const DAY_MS = 86_400_000;

const sigmoid = (p: number) => 1 / (1 + Math.exp(-12 * (p - 0.5)));
const SIGMOID_0 = sigmoid(0);
const SIGMOID_1 = sigmoid(1);

/**
 * How far an image (or a source) has recovered from being shown: 0 right after, 1 once `cooldownMs` has passed,
 * and 1 when it was never shown. p = elapsed / cooldown follows the chosen curve. The fork's sigmoid
 * 1/(1+e^(−12(p−0.5))) is rescaled here to run exactly from 0 to 1, so "just shown" means weight 0 (floored later)
 * rather than 0.25 %, and the curve meets the "past the cooldown" value 1 without a jump.
 */
export function recencyFactor(elapsedMs: number | null, cooldownMs: number, curve: DecayCurve): number {
    if (elapsedMs === null || !(cooldownMs > 0) || elapsedMs >= cooldownMs) return 1;
    const p = Math.max(0, elapsedMs) / cooldownMs;
    switch (curve) {
        case 'sigmoid':
            return (sigmoid(p) - SIGMOID_0) / (SIGMOID_1 - SIGMOID_0);
        case 'linear':
            return p;
        case 'step':
            return 0;
    }
}
