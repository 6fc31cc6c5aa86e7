// Colour quantization: Wu's quantizer seeds a weighted k-means in CIELAB, the combination material-color-utilities
// calls QuantizerCelebi. Why hand-written rather than a library: material-color-utilities 0.4 does not import
// under plain Node ESM and its k-means may seed from Math.random, while we need the same palette for the same file
// every time. Wu alone cuts axis-aligned RGB boxes; a few k-means passes in CIELAB move the cluster borders to
// where the eye puts them, which matters most for the small vivid areas the accent is usually drawn from.
// The k-means runs over the occupied cells of Wu's 32³ histogram (weighted by pixel count), not raw pixels:
// a 128 px thumbnail has at most ~9k pixels but usually only a few hundred to two thousand occupied cells.
import { hexFromLab, labOf, rgbColor } from '../colour/oklch.js';
import { quantizeWu } from './wu.js';

export interface Cluster {
    /** Lowercase `#rrggbb` of the cluster's CIELAB centre. */
    hex: string;
    /** Pixels in the cluster. */
    population: number;
}

/**
 * 64 clusters: plenty to keep a 1 % accent area apart from its surroundings, half MCU's 128 to halve the k-means cost.
 */
export const DEFAULT_MAX_COLORS = 64;
/**
 * Passes of k-means; it stops earlier once no point changes cluster. Wu's boxes are already a good partition, so
 * the first passes do nearly all the work; later ones shift a few border cells and cost as much each.
 */
const MAX_ITERATIONS = 5;
/**
 * Upper bound on point-to-centre comparisons per image (cells × centres × passes). A typical photo thumbnail
 * (1–3k occupied cells) gets all passes; noise-like images with ~8k cells get fewer, so the extraction stays
 * within its time budget (≤ 1.5× the decode) whatever the content.
 */
const MAX_COMPARISONS = 1_000_000;

/**
 * Quantizes interleaved 8-bit RGB or RGBA pixels (RGBA: mostly transparent pixels are ignored) to at most
 * `maxColors` clusters, most populous first (ties broken by colour, so the order is fully deterministic).
 */
export function quantize(pixels: Uint8Array, channels: 3 | 4, maxColors = DEFAULT_MAX_COLORS): Cluster[] {
    const { colors: seeds, cells } = quantizeWu(pixels, channels, maxColors);
    if (cells.length === 0) return [];

    const n = cells.length;
    const pl = new Float64Array(n);
    const pa = new Float64Array(n);
    const pb = new Float64Array(n);
    const weight = new Float64Array(n);
    cells.forEach((cell, i) => {
        const lab = labOf(rgbColor(cell.r, cell.g, cell.b));
        pl[i] = lab.l;
        pa[i] = lab.a;
        pb[i] = lab.b;
        weight[i] = cell.count;
    });

    const k = seeds.length;
    const cl = new Float64Array(k);
    const ca = new Float64Array(k);
    const cb = new Float64Array(k);
    seeds.forEach((seed, j) => {
        const lab = labOf(rgbColor(seed.r, seed.g, seed.b));
        cl[j] = lab.l;
        ca[j] = lab.a;
        cb[j] = lab.b;
    });

    // Start from Wu's own partition, then move points with the shortcut MCU's k-means uses: centre j cannot be
    // closer to a point than the point's current centre c if |c − j| ≥ 2·|point − c|, so most centres are
    // skipped after one table lookup. (MCU also sorts the centres per row; for k = 64 the sort costs more than
    // it saves.)
    const assignment = new Int32Array(n);
    for (let i = 0; i < n; i++) assignment[i] = cells[i]!.box;
    const centreDistance = new Float64Array(k * k);
    const sumL = new Float64Array(k);
    const sumA = new Float64Array(k);
    const sumB = new Float64Array(k);
    const population = new Float64Array(k);
    const iterations = Math.max(1, Math.min(MAX_ITERATIONS, Math.floor(MAX_COMPARISONS / (n * k))));
    for (let iteration = 0; iteration < iterations; iteration++) {
        for (let j = 0; j < k; j++) {
            for (let m = j + 1; m < k; m++) {
                const d = (cl[j]! - cl[m]!) ** 2 + (ca[j]! - ca[m]!) ** 2 + (cb[j]! - cb[m]!) ** 2;
                centreDistance[j * k + m] = d;
                centreDistance[m * k + j] = d;
            }
        }
        let moved = 0;
        for (let i = 0; i < n; i++) {
            const l = pl[i]!;
            const a = pa[i]!;
            const b = pb[i]!;
            const current = assignment[i]!;
            let best = current;
            let bestDistance = (l - cl[current]!) ** 2 + (a - ca[current]!) ** 2 + (b - cb[current]!) ** 2;
            const limit = 4 * bestDistance;
            const row = current * k;
            for (let j = 0; j < k; j++) {
                if (centreDistance[row + j]! >= limit || j === current) continue;
                const dl = l - cl[j]!;
                const da = a - ca[j]!;
                const db = b - cb[j]!;
                const d = dl * dl + da * da + db * db;
                if (d < bestDistance) {
                    bestDistance = d;
                    best = j;
                }
            }
            if (best !== current) {
                assignment[i] = best;
                moved++;
            }
        }
        sumL.fill(0);
        sumA.fill(0);
        sumB.fill(0);
        population.fill(0);
        for (let i = 0; i < n; i++) {
            const j = assignment[i]!;
            const w = weight[i]!;
            sumL[j]! += pl[i]! * w;
            sumA[j]! += pa[i]! * w;
            sumB[j]! += pb[i]! * w;
            population[j]! += w;
        }
        for (let j = 0; j < k; j++) {
            const w = population[j]!;
            // An emptied cluster keeps its old centre; it is dropped from the result below.
            if (w > 0) {
                cl[j] = sumL[j]! / w;
                ca[j] = sumA[j]! / w;
                cb[j] = sumB[j]! / w;
            }
        }
        if (moved === 0) break;
    }

    const clusters: Cluster[] = [];
    for (let j = 0; j < k; j++) {
        if (population[j]! > 0) clusters.push({ hex: hexFromLab(cl[j]!, ca[j]!, cb[j]!), population: population[j]! });
    }
    // Two centres may round to the same hex; merge them so callers see each colour once.
    const merged = new Map<string, number>();
    for (const c of clusters) merged.set(c.hex, (merged.get(c.hex) ?? 0) + c.population);
    return [...merged]
        .map(([hex, pop]) => ({ hex, population: pop }))
        .sort((x, y) => y.population - x.population || (x.hex < y.hex ? -1 : x.hex > y.hex ? 1 : 0));
}
