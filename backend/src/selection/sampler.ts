// A Fenwick (binary indexed) tree of weights in a Float64Array: O(log n) to change one weight, to sum a prefix and
// to find the slot where a running sum crosses a value, i.e. to sample slot i with probability w_i / Σw. The
// weights themselves are kept beside the tree, so a probability is always exactly weight / total.

export class FenwickTree {
    readonly size: number;
    /** 1-based partial sums. */
    private readonly tree: Float64Array;
    readonly values: Float64Array;
    private highBit: number;
    private updatesSinceBuild = 0;
    /** How many slots have a weight above 0. */
    positive = 0;

    constructor(size: number) {
        this.size = size;
        this.tree = new Float64Array(size + 1);
        this.values = new Float64Array(size);
        this.highBit = size === 0 ? 0 : 1 << Math.floor(Math.log2(size));
    }

    /** Rebuilds the tree from `values` in O(n), also clearing the rounding that many updates leave behind. */
    rebuild(): void {
        const { tree, values, size } = this;
        tree.fill(0);
        this.positive = 0;
        for (let i = 1; i <= size; i++) {
            if (values[i - 1]! > 0) this.positive++;
            tree[i]! += values[i - 1]!;
            const parent = i + (i & -i);
            if (parent <= size) tree[parent]! += tree[i]!;
        }
        this.updatesSinceBuild = 0;
    }

    set(index: number, value: number): void {
        const delta = value - this.values[index]!;
        if (delta === 0) return;
        this.positive += (value > 0 ? 1 : 0) - (this.values[index]! > 0 ? 1 : 0);
        this.values[index] = value;
        // Additions and subtractions that cancel leave a residue; a rebuild now and then keeps sums exact enough.
        if (++this.updatesSinceBuild > 1024 + this.size / 4) {
            this.rebuild();
            return;
        }
        for (let i = index + 1; i <= this.size; i += i & -i) this.tree[i]! += delta;
    }

    /** Sum of values[0 … count). */
    prefix(count: number): number {
        let sum = 0;
        for (let i = count; i > 0; i -= i & -i) sum += this.tree[i]!;
        return sum;
    }

    total(): number {
        return this.prefix(this.size);
    }

    /**
     * The slot where the running sum first exceeds `target` (0 ≤ target < total). Slots with weight 0 are never
     * returned: rounding could otherwise land on one, so the search steps to the nearest positive slot.
     */
    find(target: number): number {
        let position = 0;
        let remaining = target;
        for (let step = this.highBit; step > 0; step >>= 1) {
            const next = position + step;
            if (next <= this.size && this.tree[next]! <= remaining) {
                position = next;
                remaining -= this.tree[next]!;
            }
        }
        const slot = Math.min(position, this.size - 1);
        if (this.values[slot]! > 0) return slot;
        for (let d = 1; d < this.size; d++) {
            if (slot - d >= 0 && this.values[slot - d]! > 0) return slot - d;
            if (slot + d < this.size && this.values[slot + d]! > 0) return slot + d;
        }
        return -1;
    }
}
