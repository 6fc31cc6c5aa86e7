// Xiaolin Wu's colour quantizer ("Efficient Statistical Computations for Optimal Color Quantization", Graphics
// Gems II), following the layout of material-color-utilities' QuantizerWu: a 32×32×32 RGB histogram of counts,
// channel sums and squared sums, turned into cumulative moments so any box's statistics cost eight lookups, then
// the box with the largest variance is cut where the split explains the most variance, until `maxColors` boxes.
// Fully deterministic, linear in the pixel count, and a good seed for the k-means refinement in quantize.ts.

/** Histogram cells per channel after dropping the 3 low bits, plus the zero row the cumulative sums need. */
const SIDE = 33;
const SIDE2 = SIDE * SIDE;
const CELLS = SIDE * SIDE * SIDE;

const index = (r: number, g: number, b: number): number => r * SIDE2 + g * SIDE + b;

/** An occupied histogram cell: the mean colour of the pixels that fell into it, and how many did. */
export interface HistogramCell {
    r: number;
    g: number;
    b: number;
    count: number;
    /** Index into `WuResult.colors` of the box holding this cell. */
    box: number;
}

export interface WuResult {
    /** Box means in 8-bit RGB (fractional), in the order the boxes were cut. */
    colors: { r: number; g: number; b: number; count: number }[];
    /** Occupied cells of the histogram, reused by the k-means refinement as weighted points. */
    cells: HistogramCell[];
}

interface Box {
    r0: number;
    r1: number;
    g0: number;
    g1: number;
    b0: number;
    b1: number;
    vol: number;
}

type Axis = 0 | 1 | 2;

class Moments {
    readonly w = new Float64Array(CELLS);
    readonly mr = new Float64Array(CELLS);
    readonly mg = new Float64Array(CELLS);
    readonly mb = new Float64Array(CELLS);
    readonly m2 = new Float64Array(CELLS);
    /** Plain (not cumulative) per-cell channel sums, for the cells' mean colours. */
    readonly sumR = new Float64Array(CELLS);
    readonly sumG = new Float64Array(CELLS);
    readonly sumB = new Float64Array(CELLS);
    readonly boxOfCell = new Int32Array(CELLS);

    reset(): void {
        for (const a of [this.w, this.mr, this.mg, this.mb, this.m2, this.sumR, this.sumG, this.sumB]) a.fill(0);
        this.boxOfCell.fill(-1);
    }

    /** Sum of `m` over the box (exclusive lower corner, inclusive upper corner). */
    volume(box: Box, m: Float64Array): number {
        const { r0, r1, g0, g1, b0, b1 } = box;
        return (
            m[index(r1, g1, b1)]! -
            m[index(r1, g1, b0)]! -
            m[index(r1, g0, b1)]! +
            m[index(r1, g0, b0)]! -
            m[index(r0, g1, b1)]! +
            m[index(r0, g1, b0)]! +
            m[index(r0, g0, b1)]! -
            m[index(r0, g0, b0)]!
        );
    }

    /** The part of `volume` that does not depend on the cut position along `axis`. */
    bottom(box: Box, axis: Axis, m: Float64Array): number {
        const { r0, r1, g0, g1, b0, b1 } = box;
        switch (axis) {
            case 0:
                return -m[index(r0, g1, b1)]! + m[index(r0, g1, b0)]! + m[index(r0, g0, b1)]! - m[index(r0, g0, b0)]!;
            case 1:
                return -m[index(r1, g0, b1)]! + m[index(r1, g0, b0)]! + m[index(r0, g0, b1)]! - m[index(r0, g0, b0)]!;
            case 2:
                return -m[index(r1, g1, b0)]! + m[index(r1, g0, b0)]! + m[index(r0, g1, b0)]! - m[index(r0, g0, b0)]!;
        }
    }

    /** The part of `volume` of the lower half when the box is cut at `pos` along `axis`. */
    top(box: Box, axis: Axis, pos: number, m: Float64Array): number {
        const { r0, r1, g0, g1, b0, b1 } = box;
        switch (axis) {
            case 0:
                return (
                    m[index(pos, g1, b1)]! - m[index(pos, g1, b0)]! - m[index(pos, g0, b1)]! + m[index(pos, g0, b0)]!
                );
            case 1:
                return (
                    m[index(r1, pos, b1)]! - m[index(r1, pos, b0)]! - m[index(r0, pos, b1)]! + m[index(r0, pos, b0)]!
                );
            case 2:
                return (
                    m[index(r1, g1, pos)]! - m[index(r1, g0, pos)]! - m[index(r0, g1, pos)]! + m[index(r0, g0, pos)]!
                );
        }
    }

    variance(box: Box): number {
        const dr = this.volume(box, this.mr);
        const dg = this.volume(box, this.mg);
        const db = this.volume(box, this.mb);
        const w = this.volume(box, this.w);
        return w === 0 ? 0 : this.volume(box, this.m2) - (dr * dr + dg * dg + db * db) / w;
    }
}

/**
 * Builds the histogram from interleaved 8-bit pixels. With 4 channels, pixels less than half opaque are skipped:
 * they show whatever is behind the wallpaper, not the image's colour.
 */
function histogram(pixels: Uint8Array, channels: number, m: Moments): (HistogramCell & { key: number })[] {
    const { sumR, sumG, sumB } = m;
    for (let i = 0; i + 2 < pixels.length; i += channels) {
        if (channels === 4 && pixels[i + 3]! < 128) continue;
        const r = pixels[i]!;
        const g = pixels[i + 1]!;
        const b = pixels[i + 2]!;
        const k = index((r >> 3) + 1, (g >> 3) + 1, (b >> 3) + 1);
        m.w[k]! += 1;
        m.mr[k]! += r;
        m.mg[k]! += g;
        m.mb[k]! += b;
        m.m2[k]! += r * r + g * g + b * b;
        sumR[k]! += r;
        sumG[k]! += g;
        sumB[k]! += b;
    }
    const cells: (HistogramCell & { key: number })[] = [];
    for (let k = 0; k < CELLS; k++) {
        const count = m.w[k]!;
        if (count > 0)
            cells.push({ r: sumR[k]! / count, g: sumG[k]! / count, b: sumB[k]! / count, count, box: -1, key: k });
    }
    return cells;
}

/** Turns per-cell statistics into cumulative sums over [0..r]×[0..g]×[0..b], in place (unrolled: hot loop). */
function accumulate(m: Moments): void {
    const { w, mr, mg, mb, m2 } = m;
    const aw = new Float64Array(SIDE);
    const ar = new Float64Array(SIDE);
    const ag = new Float64Array(SIDE);
    const ab = new Float64Array(SIDE);
    const a2 = new Float64Array(SIDE);
    for (let r = 1; r < SIDE; r++) {
        aw.fill(0);
        ar.fill(0);
        ag.fill(0);
        ab.fill(0);
        a2.fill(0);
        for (let g = 1; g < SIDE; g++) {
            let lw = 0;
            let lr = 0;
            let lg = 0;
            let lb = 0;
            let l2 = 0;
            for (let b = 1; b < SIDE; b++) {
                const k = index(r, g, b);
                const prev = k - SIDE2;
                lw += w[k]!;
                lr += mr[k]!;
                lg += mg[k]!;
                lb += mb[k]!;
                l2 += m2[k]!;
                aw[b]! += lw;
                ar[b]! += lr;
                ag[b]! += lg;
                ab[b]! += lb;
                a2[b]! += l2;
                w[k] = w[prev]! + aw[b]!;
                mr[k] = mr[prev]! + ar[b]!;
                mg[k] = mg[prev]! + ag[b]!;
                mb[k] = mb[prev]! + ab[b]!;
                m2[k] = m2[prev]! + a2[b]!;
            }
        }
    }
}

/** Cuts `one` in two along the axis and position that best separate it; false if it cannot be split. */
function cut(m: Moments, one: Box, two: Box): boolean {
    const whole = [m.volume(one, m.mr), m.volume(one, m.mg), m.volume(one, m.mb), m.volume(one, m.w)] as const;
    let bestAxis: Axis = 0;
    let bestPos = -1;
    let bestScore = 0;
    for (const axis of [0, 1, 2] as const) {
        const [first, last] =
            axis === 0 ? [one.r0 + 1, one.r1] : axis === 1 ? [one.g0 + 1, one.g1] : [one.b0 + 1, one.b1];
        const base = [
            m.bottom(one, axis, m.mr),
            m.bottom(one, axis, m.mg),
            m.bottom(one, axis, m.mb),
            m.bottom(one, axis, m.w),
        ];
        for (let pos = first; pos < last; pos++) {
            const hr = base[0]! + m.top(one, axis, pos, m.mr);
            const hg = base[1]! + m.top(one, axis, pos, m.mg);
            const hb = base[2]! + m.top(one, axis, pos, m.mb);
            const hw = base[3]! + m.top(one, axis, pos, m.w);
            const rw = whole[3] - hw;
            if (hw === 0 || rw === 0) continue;
            const rr = whole[0] - hr;
            const rg = whole[1] - hg;
            const rb = whole[2] - hb;
            const score = (hr * hr + hg * hg + hb * hb) / hw + (rr * rr + rg * rg + rb * rb) / rw;
            // Strictly greater: ties keep the earlier axis/position, as the reference implementation does.
            if (score > bestScore) {
                bestScore = score;
                bestAxis = axis;
                bestPos = pos;
            }
        }
    }
    if (bestPos < 0) return false;
    two.r1 = one.r1;
    two.g1 = one.g1;
    two.b1 = one.b1;
    two.r0 = one.r0;
    two.g0 = one.g0;
    two.b0 = one.b0;
    if (bestAxis === 0) one.r1 = two.r0 = bestPos;
    else if (bestAxis === 1) one.g1 = two.g0 = bestPos;
    else one.b1 = two.b0 = bestPos;
    one.vol = (one.r1 - one.r0) * (one.g1 - one.g0) * (one.b1 - one.b0);
    two.vol = (two.r1 - two.r0) * (two.g1 - two.g0) * (two.b1 - two.b0);
    return true;
}

let scratch: Moments | undefined;

/** Quantizes interleaved 8-bit RGB(A) pixels to at most `maxColors` colours. */
export function quantizeWu(pixels: Uint8Array, channels: number, maxColors: number): WuResult {
    // ~2.6 MB of tables; allocated once and reused because a fresh set per image was most of the garbage
    // collector's work. Safe: quantizeWu is synchronous, so two calls never share them at once.
    scratch ??= new Moments();
    const m = scratch;
    m.reset();
    const cells = histogram(pixels, channels, m);
    if (cells.length === 0) return { colors: [], cells: [] };
    accumulate(m);

    const boxes: Box[] = [{ r0: 0, r1: SIDE - 1, g0: 0, g1: SIDE - 1, b0: 0, b1: SIDE - 1, vol: 0 }];
    const variances = [0];
    let next = 0;
    while (boxes.length < maxColors) {
        const two: Box = { r0: 0, r1: 0, g0: 0, g1: 0, b0: 0, b1: 0, vol: 0 };
        const one = boxes[next]!;
        if (cut(m, one, two)) {
            boxes.push(two);
            variances[next] = one.vol > 1 ? m.variance(one) : 0;
            variances.push(two.vol > 1 ? m.variance(two) : 0);
        } else {
            variances[next] = 0;
        }
        next = 0;
        for (let j = 1; j < variances.length; j++) if (variances[j]! > variances[next]!) next = j;
        if (variances[next]! <= 0) break;
    }

    const colors = [];
    const { boxOfCell } = m;
    for (const box of boxes) {
        const count = m.volume(box, m.w);
        if (count === 0) continue;
        for (let r = box.r0 + 1; r <= box.r1; r++) {
            for (let g = box.g0 + 1; g <= box.g1; g++) {
                for (let b = box.b0 + 1; b <= box.b1; b++) boxOfCell[index(r, g, b)] = colors.length;
            }
        }
        colors.push({
            r: m.volume(box, m.mr) / count,
            g: m.volume(box, m.mg) / count,
            b: m.volume(box, m.mb) / count,
            count,
        });
    }
    return { colors, cells: cells.map(({ key, ...cell }) => ({ ...cell, box: boxOfCell[key]! })) };
}
