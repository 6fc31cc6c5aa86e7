// When each image in its cooldown comes out of it, soonest first: a binary min-heap of (time, slot) in typed
// arrays. A pick then touches only the images whose cooldown ended since the previous pick, however many are
// still cooling. An image shown again is pushed again; its older entry is stale and the caller skips it.

export class CoolingQueue {
    private at = new Float64Array(64);
    private slots = new Uint32Array(64);
    private n = 0;

    get size(): number {
        return this.n;
    }

    clear(): void {
        this.n = 0;
    }

    push(at: number, slot: number): void {
        if (this.n === this.at.length) this.grow();
        let i = this.n++;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (this.at[parent]! <= at) break;
            this.at[i] = this.at[parent]!;
            this.slots[i] = this.slots[parent]!;
            i = parent;
        }
        this.at[i] = at;
        this.slots[i] = slot;
    }

    /** Removes and returns the slots of every entry due at or before `now`. */
    popDue(now: number): number[] {
        const due: number[] = [];
        while (this.n > 0 && this.at[0]! <= now) {
            due.push(this.slots[0]!);
            this.removeTop();
        }
        return due;
    }

    private removeTop(): void {
        const last = --this.n;
        const at = this.at[last]!;
        const slot = this.slots[last]!;
        let i = 0;
        for (;;) {
            const left = 2 * i + 1;
            if (left >= last) break;
            const right = left + 1;
            const child = right < last && this.at[right]! < this.at[left]! ? right : left;
            if (this.at[child]! >= at) break;
            this.at[i] = this.at[child]!;
            this.slots[i] = this.slots[child]!;
            i = child;
        }
        this.at[i] = at;
        this.slots[i] = slot;
    }

    private grow(): void {
        const at = new Float64Array(this.at.length * 2);
        const slots = new Uint32Array(this.slots.length * 2);
        at.set(this.at);
        slots.set(this.slots);
        this.at = at;
        this.slots = slots;
    }
}
