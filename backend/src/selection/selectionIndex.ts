// The selection index: every eligible image of the configured folders as one slot in typed arrays (no JS object
// per image), grouped by folder, with one Fenwick tree of weights per folder. A pick costs O(folders + log n)
// plus the images still in their cooldown, which are the only ones whose weight moves from pick to pick:
//
//   P(image i of folder k) = sourceFactor_k · w_i / Σ_k' sourceFactor_k' · Σ_{j in k'} w_j
//
// where w_i = imageWeight(baseWeight_i, recency_i) (weight.ts). With freshFirst, images inside their cooldown
// are kept at 0 in the trees and compete (by the same w_i) only once no image outside its cooldown is left.
//
// The index follows the database: it reloads when another connection wrote (PRAGMA data_version), when told
// (rescan, unban), and reads each pick the rows shown since the previous one (indexed by last_shown_at), which
// is how shows recorded by the pipeline reach it. Images leave their cooldown through a queue by end time
// (coolingQueue.ts), so a warm pick costs what changed since the last one, not the number of images cooling.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import { log } from '../log.js';
import type { FactorJson } from '../protocol/messages.js';
import { CoolingQueue } from './coolingQueue.js';
import { readIndexSnapshot, writeIndexSnapshot } from './indexSnapshot.js';
import type { Random } from './random.js';
import { FenwickTree } from './sampler.js';
import type { SelectionSettings } from './settings.js';
import { timeAffinityFactor, timeTarget, type TimeTarget } from './timeOfDay.js';
import {
    baseWeight,
    imageExclusion,
    imageRecency,
    imageWeight,
    sourceFactor,
    type ImageFacts,
    type SourceFacts,
    type WeightContext,
} from './weight.js';

export interface SourceRef {
    id: number;
    location: string;
}

export interface PickResult {
    id: number;
    /** Final weight (image × source factors) and the total of its tier: probability = weight / total. */
    weight: number;
    total: number;
    probability: number;
    tier: 'fresh' | 'cooling';
    /** Images that had a chance in that tier. */
    candidates: number;
}

export interface Explanation {
    factors: FactorJson[];
    weight: number;
    excludedBy: string | null;
    tier: 'fresh' | 'cooling';
    probability: number;
    time: TimeTarget | null;
}

/** The columns one image needs, in the order the loader and `explain` read them. */
export const FACT_COLUMNS = `id, source_id, width, height, favourite, times_shown, added_at, last_shown_at,
    lightness, temperature, saturation, hue, chroma`;
type FactRow = [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number | null,
    number | null,
    number | null,
    number | null,
    number | null,
    number | null,
];

interface SourceSlots {
    ref: SourceRef;
    start: number;
    count: number;
    tree: FenwickTree;
    lastShownAt: number;
    /** The source factor of the current pick (0 when masked out). */
    factor: number;
}

const FAVOURITE = 1;
const SHOWN = 2;
/** Time-of-day factor arrays kept, one per preset in use (day, night, dark): a period change is then a multiply. */
const TIME_CACHE = 3;
/**
 * How far before the newest show already read a warm pick looks again: a show recorded with a clock set back
 * a little is still found (a larger jump is caught at the next reload).
 */
const SHOWN_SLACK_MS = 60_000;

/** The folders an index covers, as one string to compare. */
const sourcesKey = (refs: readonly SourceRef[]) =>
    [...refs]
        .sort((a, b) => a.id - b.id)
        .map((r) => `${r.id}:${r.location}`)
        .join('\n');
/** Settings as one string to compare (base weights saved with one key are valid under equal settings only). */
const settingsKey = (settings: SelectionSettings) =>
    JSON.stringify(settings, (_key, value: unknown) => (value instanceof Map ? [...value] : value));

export class SelectionIndex {
    private n = 0;
    private ids = new Uint32Array(0);
    private width = new Uint32Array(0);
    private height = new Uint32Array(0);
    private flags = new Uint8Array(0);
    private addedAt = new Float64Array(0);
    private lastShown = new Float64Array(0);
    private lightness = new Float32Array(0);
    private temperature = new Float32Array(0);
    private saturation = new Float32Array(0);
    private hue = new Float32Array(0);
    private chroma = new Float32Array(0);
    /** baseWeight of each slot without time of day (0 when a filter excludes it). */
    private base = new Float64Array(0);
    /** Time-of-day factor of each slot for the current target (null: none), and those of recent targets. */
    private timeFactor: Float32Array | null = null;
    private readonly timeFactors = new Map<string, Float32Array>();
    /** New images by when they stop being new, soonest last, so each pick pops only those that expired. */
    private noveltyEnds: { at: number; slot: number }[] = [];
    private sources: SourceSlots[] = [];
    private sourceById = new Map<number, SourceSlots>();
    /** Slots shown within the cooldown. */
    private cooling = new Set<number>();
    /** When each cooling slot's cooldown ends, soonest first. */
    private readonly coolingEnds = new CoolingQueue();
    /** The newest last_shown_at read so far: a warm pick reads only rows shown since. */
    private shownUpTo = -Infinity;
    /** Rows read from the database and slots re-weighted by the last sync (for `chameleon why` and tests). */
    readonly lastSyncCost = { rows: 0, slots: 0 };

    private refs: SourceRef[] = [];
    private loaded = false;
    private settingsText: string;
    /** The database's selection generation the arrays were read at (null: unknown, never saved). */
    private loadedGeneration: number | null = null;
    /** Save the index after the next full weighting (a load from the table, or new settings). */
    private saveDue = false;
    /** The base weights came from a saved index under the same settings: only new-image expiries need redoing. */
    private keepBase = false;
    /** When the base weights were computed (new-image boosts depend on it). */
    private baseAt = -Infinity;
    /** Shows to read at the next full read when restored from a save: those after the save's newest. */
    private readFrom = Infinity;
    /** Tree values from a save, and the preset they were weighted for, until the first weighting uses them. */
    private savedValues: { values: Float64Array; preset: string | null } | null = null;
    private dataVersion = -1;
    private lastSync = -Infinity;
    /**
     * Base weights computed so far, and how many of those were passes over every image (a load, or settings that
     * changed): what a change costs, for the benchmark and the tests.
     */
    readonly work = { weights: 0, fullPasses: 0 };
    private settingsDirty = true;
    private time: TimeTarget | null = null;
    private readonly facts: ImageFacts = {
        width: 0,
        height: 0,
        favourite: false,
        shown: false,
        addedAt: 0,
        lastShownAt: NaN,
        lightness: NaN,
        temperature: NaN,
        saturation: NaN,
        hue: NaN,
        chroma: NaN,
    };

    /**
     * `snapshotPath`: where the index is saved for the next start (default: beside the database file; null: not
     * saved, as for an in-memory database).
     */
    constructor(
        private readonly db: Db,
        private settings: SelectionSettings,
        private readonly snapshotPath: string | null = db.memory ? null : `${db.name}.selection-index`,
    ) {
        this.settingsText = settingsKey(settings);
    }

    get size(): number {
        return this.n;
    }

    configure(settings: SelectionSettings): void {
        const text = settingsKey(settings);
        // The extension sends its settings again at every connection; equal ones change no weight.
        if (text === this.settingsText) return;
        this.settings = settings;
        this.settingsText = text;
        this.settingsDirty = true;
        this.keepBase = false;
        this.saveDue = this.loaded;
    }

    /** The folders the index covers. Changing them reloads on the next pick. */
    setSources(refs: readonly SourceRef[]): void {
        if (sourcesKey(refs) === sourcesKey(this.refs)) return;
        this.refs = [...refs];
        this.loaded = false;
    }

    get sourceRefs(): readonly SourceRef[] {
        return this.refs;
    }

    /** Forget everything; the next pick reloads from the database (after a rescan, an unban). */
    invalidate(): void {
        this.loaded = false;
    }

    /** Brings the index up to date for a pick or a question at `now`. */
    sync(now: number): void {
        const version = this.db.pragma('data_version', { simple: true }) as number;
        if (version !== this.dataVersion) this.loaded = false;
        this.dataVersion = version;
        if (!this.loaded) this.load();
        const time = timeTarget(this.settings.time, new Date(now), this.settings.systemDark);
        const timeChanged = time?.preset !== this.time?.preset;
        this.time = time;
        if (this.settingsDirty) this.recomputeAll(now);
        else if (timeChanged) this.refill(now);
        if (this.saveDue) this.save();
        this.expireNovelty(now);
        this.syncShown(now);
    }

    private context(now: number): WeightContext {
        return { now, settings: this.settings, time: this.time };
    }

    /** The slot's weight before recency: the base times its time-of-day factor. */
    private imageBase(slot: number): number {
        return this.timeFactor ? this.base[slot]! * this.timeFactor[slot]! : this.base[slot]!;
    }

    /** The time-of-day factors for the current target, from the cache or computed with timeAffinityFactor. */
    private currentTimeFactors(): Float32Array | null {
        const time = this.time;
        if (!time || this.settings.timeStrength === 1) return null;
        let factors = this.timeFactors.get(time.preset);
        if (!factors) {
            factors = new Float32Array(this.n);
            for (let slot = 0; slot < this.n; slot++) {
                factors[slot] = timeAffinityFactor(
                    this.lightness[slot]!,
                    this.temperature[slot]!,
                    this.saturation[slot]!,
                    time,
                    this.settings.timeStrength,
                );
            }
            if (this.timeFactors.size >= TIME_CACHE) this.timeFactors.delete(this.timeFactors.keys().next().value!);
            this.timeFactors.set(time.preset, factors);
        }
        return factors;
    }

    /** The base weight of one slot (time of day apart: it depends on colour features only, see refreshImage). */
    private computeBase(slot: number, ctx: WeightContext): void {
        this.work.weights++;
        this.base[slot] = baseWeight(this.fill(slot), { ...ctx, time: null });
    }

    private expireNovelty(now: number): void {
        const ctx = this.context(now);
        while (this.noveltyEnds.length > 0 && this.noveltyEnds[this.noveltyEnds.length - 1]!.at <= now) {
            const { slot } = this.noveltyEnds.pop()!;
            this.computeBase(slot, ctx);
            this.setSlot(slot, ctx);
        }
    }

    private load(): void {
        const generation = this.generation();
        if (this.restore(generation)) return;
        this.loadFromTable();
        this.loadedGeneration = generation?.value ?? null;
        this.saveDue = generation !== null;
    }

    /** The database's selection generation and save token (migration 6), or null when it has none. */
    private generation(): { value: number; epoch: string | null } | null {
        const row = this.db.prepare(`SELECT value, epoch FROM selection_generation WHERE id = 1`).get() as
            { value: number; epoch: string | null } | undefined;
        return row ?? null;
    }

    /** Takes the saved index when it was saved at this generation for these folders. */
    private restore(generation: { value: number; epoch: string | null } | null): boolean {
        if (!this.snapshotPath || generation === null) return false;
        const saved = readIndexSnapshot(this.snapshotPath);
        if (
            !saved ||
            saved.generation !== generation.value ||
            saved.epoch !== generation.epoch ||
            saved.sourcesKey !== sourcesKey(this.refs)
        )
            return false;
        const refs = [...this.refs].sort((a, b) => a.id - b.id);
        if (saved.sources.length !== refs.length || saved.sources.some((source, k) => source.id !== refs[k]!.id))
            return false;
        const a = saved.arrays;
        if (saved.sources.reduce((sum, source) => sum + source.count, 0) !== a.ids.length) return false;
        Object.assign(this, {
            ids: a.ids,
            width: a.width,
            height: a.height,
            flags: a.flags,
            addedAt: a.addedAt,
            lastShown: a.lastShown,
            lightness: a.lightness,
            temperature: a.temperature,
            saturation: a.saturation,
            hue: a.hue,
            chroma: a.chroma,
            base: a.base,
        });
        this.n = a.ids.length;
        this.sources = [];
        this.sourceById = new Map();
        let start = 0;
        saved.sources.forEach((source, k) => {
            const slots: SourceSlots = {
                ref: refs[k]!,
                start,
                count: source.count,
                tree: new FenwickTree(source.count),
                lastShownAt: source.lastShownAt ?? NaN,
                factor: 0,
            };
            this.sources.push(slots);
            this.sourceById.set(slots.ref.id, slots);
            start += source.count;
        });
        this.cooling.clear();
        this.timeFactors.clear();
        if (saved.timePreset !== null && a.time.length === this.n) this.timeFactors.set(saved.timePreset, a.time);
        this.shownUpTo = saved.shownUpTo ?? -Infinity;
        this.readFrom = this.shownUpTo - SHOWN_SLACK_MS;
        this.baseAt = saved.baseAt;
        this.keepBase = saved.settingsKey === this.settingsText;
        this.savedValues = a.values.length === this.n ? { values: a.values, preset: saved.valuesPreset } : null;
        this.loadedGeneration = generation.value;
        this.saveDue = false;
        this.loaded = true;
        this.settingsDirty = true;
        this.lastSync = -Infinity;
        return true;
    }

    /** Every slot's tree value, in slot order (saved only while no image cools, so they are pure weights). */
    private treeValues(): Float64Array {
        const values = new Float64Array(this.n);
        for (const source of this.sources) values.set(source.tree.values, source.start);
        return values;
    }

    /** Saves the index for the next start, unless the database changed since it was read. */
    private save(): void {
        this.saveDue = false;
        if (!this.snapshotPath || this.loadedGeneration === null || this.generation()?.value !== this.loadedGeneration)
            return;
        // The token goes into the database first: a crash before the file is written leaves a mismatch, not a lie.
        const epoch = randomUUID();
        try {
            this.db.prepare(`UPDATE selection_generation SET epoch = ? WHERE id = 1`).run(epoch);
        } catch (error) {
            // A busy or read-only database: the index works all the same, the next start reads the table.
            log.warn(`not saving the selection index: ${(error as Error).message}`);
            return;
        }
        writeIndexSnapshot(this.snapshotPath, {
            generation: this.loadedGeneration,
            epoch,
            sourcesKey: sourcesKey(this.refs),
            settingsKey: this.settingsText,
            baseAt: this.baseAt,
            shownUpTo: Number.isFinite(this.shownUpTo) ? this.shownUpTo : null,
            timePreset: this.timeFactor && this.time ? this.time.preset : null,
            valuesPreset: this.presetKey(),
            sources: this.sources.map((source) => ({
                id: source.ref.id,
                count: source.count,
                lastShownAt: Number.isNaN(source.lastShownAt) ? null : source.lastShownAt,
            })),
            arrays: {
                ids: this.ids,
                width: this.width,
                height: this.height,
                flags: this.flags,
                addedAt: this.addedAt,
                lastShown: this.lastShown,
                lightness: this.lightness,
                temperature: this.temperature,
                saturation: this.saturation,
                hue: this.hue,
                chroma: this.chroma,
                base: this.base,
                time: this.timeFactor && this.time ? this.timeFactor : new Float32Array(0),
                values: this.cooling.size === 0 ? this.treeValues() : new Float64Array(0),
            },
        });
    }

    private loadFromTable(): void {
        const placeholders = this.refs.map(() => '?').join(',') || 'NULL';
        const ids = this.refs.map((r) => r.id);
        const counts = new Map<number, number>();
        for (const row of this.db
            .prepare(
                `SELECT source_id AS id, count(*) AS n FROM images WHERE skip_reason IS NULL AND banned = ` +
                    `0 AND source_id IN (${placeholders}) GROUP BY source_id`,
            )
            .all(...ids) as { id: number; n: number }[]) {
            counts.set(row.id, row.n);
        }
        const n = [...counts.values()].reduce((a, b) => a + b, 0);
        this.allocate(n);
        this.shownUpTo = -Infinity;
        this.sources = [];
        this.sourceById = new Map();
        let start = 0;
        for (const ref of [...this.refs].sort((a, b) => a.id - b.id)) {
            const count = counts.get(ref.id) ?? 0;
            const slots: SourceSlots = { ref, start, count, tree: new FenwickTree(count), lastShownAt: NaN, factor: 0 };
            this.sources.push(slots);
            this.sourceById.set(ref.id, slots);
            start += count;
        }
        // One pass, one array per row that is garbage at once: the typed arrays are all that stays.
        const statement = this.db
            .prepare(
                `SELECT ${FACT_COLUMNS} FROM images WHERE skip_reason IS NULL AND banned = 0 AND ` +
                    `source_id IN (${placeholders}) ORDER BY source_id, id`,
            )
            .raw(true);
        let slot = 0;
        for (const row of statement.iterate(...ids) as IterableIterator<FactRow>) {
            if (slot >= n) break; // rows added between the count and this read wait for the next load
            this.ids[slot] = row[0];
            this.width[slot] = row[2];
            this.height[slot] = row[3];
            this.flags[slot] = (row[4] ? FAVOURITE : 0) | (row[5] > 0 ? SHOWN : 0);
            this.addedAt[slot] = row[6];
            this.lastShown[slot] = row[7] ?? NaN;
            this.lightness[slot] = row[8] ?? NaN;
            this.temperature[slot] = row[9] ?? NaN;
            this.saturation[slot] = row[10] ?? NaN;
            this.hue[slot] = row[11] ?? NaN;
            this.chroma[slot] = row[12] ?? NaN;
            const source = this.sourceById.get(row[1])!;
            if (row[7] !== null && !(source.lastShownAt >= row[7])) source.lastShownAt = row[7];
            if (row[7] !== null && row[7] > this.shownUpTo) this.shownUpTo = row[7];
            slot++;
        }
        this.n = slot;
        this.cooling.clear();
        this.keepBase = false;
        this.savedValues = null;
        this.readFrom = Infinity;
        this.loaded = true;
        this.settingsDirty = true;
        this.lastSync = -Infinity;
    }

    private allocate(n: number): void {
        this.ids = new Uint32Array(n);
        this.width = new Uint32Array(n);
        this.height = new Uint32Array(n);
        this.flags = new Uint8Array(n);
        this.addedAt = new Float64Array(n);
        this.lastShown = new Float64Array(n);
        this.lightness = new Float32Array(n);
        this.temperature = new Float32Array(n);
        this.saturation = new Float32Array(n);
        this.hue = new Float32Array(n);
        this.chroma = new Float32Array(n);
        this.base = new Float64Array(n);
    }

    private fill(slot: number): ImageFacts {
        const f = this.facts;
        f.width = this.width[slot]!;
        f.height = this.height[slot]!;
        f.favourite = (this.flags[slot]! & FAVOURITE) !== 0;
        f.shown = (this.flags[slot]! & SHOWN) !== 0;
        f.addedAt = this.addedAt[slot]!;
        f.lastShownAt = this.lastShown[slot]!;
        f.lightness = this.lightness[slot]!;
        f.temperature = this.temperature[slot]!;
        f.saturation = this.saturation[slot]!;
        f.hue = this.hue[slot]!;
        f.chroma = this.chroma[slot]!;
        return f;
    }

    /** The tree value of a slot: its weight, or 0 while it cools down and fresh images come first. */
    private treeValue(slot: number, ctx: WeightContext): number {
        const recency = imageRecency(this.fill(slot), ctx);
        if (recency < 1) this.cooling.add(slot);
        else this.cooling.delete(slot);
        if (recency < 1 && this.settings.freshFirst) return 0;
        return imageWeight(this.imageBase(slot), recency);
    }

    /**
     * Every base weight again: after a load or a settings change. Restored from a save under the same settings,
     * the saved base weights stand, and only images whose new-image boost ended since they were saved are redone.
     */
    private recomputeAll(now: number): void {
        const ctx = this.context(now);
        const timeless = { ...ctx, time: null };
        const keep = this.keepBase;
        // Saved time-of-day factors were computed under these same settings and colours: they stand too.
        if (!keep) this.timeFactors.clear();
        this.noveltyEnds = [];
        const newDays = this.settings.newImageDays * 86_400_000;
        const redone: number[] = [];
        this.work.fullPasses++;
        if (!keep) this.work.weights += this.n;
        for (let slot = 0; slot < this.n; slot++) {
            if (!keep) this.base[slot] = baseWeight(this.fill(slot), timeless);
            if (!(this.flags[slot]! & SHOWN) && newDays > 0) {
                const end = this.addedAt[slot]! + newDays;
                if (now < end) this.noveltyEnds.push({ at: end, slot });
                else if (keep && end > this.baseAt) {
                    this.work.weights++;
                    this.base[slot] = baseWeight(this.fill(slot), timeless);
                    redone.push(slot);
                }
            }
        }
        this.noveltyEnds.sort((a, b) => b.at - a.at);
        this.keepBase = false;
        this.baseAt = now;
        this.settingsDirty = false;
        // The cooldown may have changed: the next syncShown reads every cooling row again and requeues them.
        this.lastSync = -Infinity;
        const saved = this.savedValues;
        this.savedValues = null;
        if (keep && saved && saved.preset === this.presetKey()) {
            // The saved tree values are these very weights (taken before any image cooled): no multiply per image.
            this.timeFactor = this.currentTimeFactors();
            for (const source of this.sources)
                source.tree.values.set(saved.values.subarray(source.start, source.start + source.count));
            for (const source of this.sources) source.tree.rebuild();
            const ctx = this.context(now);
            for (const slot of redone) this.setSlot(slot, ctx);
        } else {
            this.refill(now);
        }
    }

    /** What the tree values depend on besides the base weights: the time-of-day preset in force, if any. */
    private presetKey(): string | null {
        return this.time && this.settings.timeStrength !== 1 ? this.time.preset : null;
    }

    /**
     * Every tree value again from the base weights and the time factors of the current target: a multiply per
     * image, so a day/night change costs milliseconds even with a million images.
     */
    private refill(now: number): void {
        const ctx = this.context(now);
        this.timeFactor = this.currentTimeFactors();
        const cooling = [...this.cooling];
        for (const source of this.sources) {
            const values = source.tree.values;
            for (let i = 0; i < source.count; i++) values[i] = imageWeight(this.imageBase(source.start + i), 1);
        }
        for (const slot of cooling) {
            const source = this.sourceOf(slot);
            source.tree.values[slot - source.start] = this.treeValue(slot, ctx);
        }
        for (const source of this.sources) source.tree.rebuild();
    }

    private sourceOf(slot: number): SourceSlots {
        let lo = 0;
        let hi = this.sources.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.sources[mid]!.start <= slot) lo = mid;
            else hi = mid - 1;
        }
        return this.sources[lo]!;
    }

    private setSlot(slot: number, ctx: WeightContext): void {
        const source = this.sourceOf(slot);
        source.tree.set(slot - source.start, this.treeValue(slot, ctx));
    }

    /** The slot of an image id, or -1 when it is not in the index. */
    slotOf(id: number, sourceId?: number): number {
        const candidates = sourceId !== undefined ? [this.sourceById.get(sourceId)] : this.sources;
        for (const source of candidates) {
            if (!source) continue;
            let lo = source.start;
            let hi = source.start + source.count - 1;
            while (lo <= hi) {
                const mid = (lo + hi) >> 1;
                const value = this.ids[mid]!;
                if (value === id) return mid;
                if (value < id) lo = mid + 1;
                else hi = mid - 1;
            }
        }
        return -1;
    }

    /**
     * Brings shows into the index. After a load or a settings change, every row shown within the cooldown is read
     * and queued by when its cooldown ends; after that, only rows shown since the newest one read, and the queue
     * says which images have left their cooldown. With freshFirst off, cooling images compete by a weight that
     * grows with time, so each of those is re-weighted (from memory, not the database) every pick.
     */
    private syncShown(now: number): void {
        const ctx = this.context(now);
        const full = this.lastSync === -Infinity;
        const window = Math.max(this.settings.cooldownMs, this.settings.sourceCooldownMs);
        // Shows recorded since the previous sync are dated from its clock on, whatever the newest show read says.
        const since = full
            ? Math.min(now - window, this.readFrom)
            : Math.min(this.shownUpTo, this.lastSync, now) - SHOWN_SLACK_MS;
        this.readFrom = Infinity;
        const previous = full ? [...this.cooling] : [];
        if (full) this.coolingEnds.clear();
        const rows = full ? this.shownRows(since, Infinity) : this.shownRows(since, now + SHOWN_SLACK_MS);
        let slots = 0;
        for (const [id, sourceId, at] of rows) {
            if (at > this.shownUpTo) this.shownUpTo = at;
            const slot = this.slotOf(id, sourceId);
            if (slot < 0) continue;
            const source = this.sourceById.get(sourceId)!;
            if (!(source.lastShownAt >= at)) source.lastShownAt = at;
            const moved = this.lastShown[slot] !== at || !(this.flags[slot]! & SHOWN);
            if (moved) {
                this.lastShown[slot] = at;
                const wasShown = (this.flags[slot]! & SHOWN) !== 0;
                this.flags[slot]! |= SHOWN;
                if (!wasShown) this.computeBase(slot, ctx);
            }
            if (moved || full) {
                this.setSlot(slot, ctx);
                slots++;
                if (this.cooling.has(slot)) this.coolingEnds.push(at + this.settings.cooldownMs, slot);
            }
        }
        // Those that were cooling and were not in a full read have finished their cooldown.
        for (const slot of previous) this.setSlot(slot, ctx);
        for (const slot of this.coolingEnds.popDue(now)) {
            // A slot shown again since it was queued has a later entry; one taken out (banned) is gone.
            if (!this.cooling.has(slot) || this.lastShown[slot]! + this.settings.cooldownMs > now) continue;
            this.setSlot(slot, ctx);
            slots++;
        }
        if (!this.settings.freshFirst) {
            for (const slot of this.cooling) this.setSlot(slot, ctx);
            slots += this.cooling.size;
        }
        this.lastSyncCost.rows = rows.length;
        this.lastSyncCost.slots = slots + previous.length;
        this.lastSync = now;
    }

    /**
     * Rows shown at `since` … `until`, and any shown after the newest read so far. Shows dated after the clock (a
     * database from a machine whose clock ran ahead, a clock set back) were read before and are skipped until the
     * clock reaches them; reading them each time made every pick cost as much as there are of them.
     */
    private shownRows(since: number, until: number): [number, number, number][] {
        const statement = this.db.prepare(
            `SELECT id, source_id, last_shown_at FROM images WHERE last_shown_at >= ? AND last_shown_at <= ?
             UNION ALL SELECT id, source_id, last_shown_at FROM images WHERE last_shown_at > ?`,
        );
        return statement.raw(true).all(since, until, Math.max(until, this.shownUpTo)) as [number, number, number][];
    }

    private computeSourceFactors(now: number, only: ReadonlySet<number> | null): void {
        const ctx = this.context(now);
        const nonEmpty = this.sources.filter((s) => s.count > 0).length || 1;
        const mean = this.n / nonEmpty;
        for (const source of this.sources) {
            source.factor = only && !only.has(source.ref.id) ? 0 : sourceFactor(this.sourceFacts(source), mean, ctx);
        }
    }

    private sourceFacts(source: SourceSlots): SourceFacts {
        return { location: source.ref.location, images: source.count, lastShownAt: source.lastShownAt };
    }

    /**
     * Draws one image at `now` (after `sync(now)`): never `excludeId` while any other image has a chance, only from
     * `only` (source ids) when given. null when no image can be picked.
     */
    pick(
        now: number,
        random: Random,
        excludeId: number | null = null,
        only: ReadonlySet<number> | null = null,
    ): PickResult | null {
        this.computeSourceFactors(now, only);
        const excluded = excludeId === null ? -1 : this.slotOf(excludeId);
        let saved = 0;
        let excludedSource: SourceSlots | null = null;
        if (excluded >= 0) {
            excludedSource = this.sourceOf(excluded);
            saved = excludedSource.tree.values[excluded - excludedSource.start]!;
            excludedSource.tree.set(excluded - excludedSource.start, 0);
        }
        try {
            const result = this.drawFresh(random) ?? this.drawCooling(now, random, excluded);
            if (result || excluded < 0) return result;
        } finally {
            if (excludedSource) excludedSource.tree.set(excluded - excludedSource.start, saved);
        }
        // Only the excluded image has a chance: showing it again beats refusing to change.
        return this.drawFresh(random) ?? this.drawCooling(now, random, -1);
    }

    private drawFresh(random: Random): PickResult | null {
        let total = 0;
        let candidates = 0;
        const totals = this.sources.map((source) => {
            const t = source.factor > 0 ? source.tree.total() : 0;
            total += source.factor * t;
            if (t > 0) candidates += source.tree.positive;
            return t;
        });
        if (!(total > 0)) return null;
        let u = random() * total;
        for (let k = 0; k < this.sources.length; k++) {
            const source = this.sources[k]!;
            const share = source.factor * totals[k]!;
            if (share <= 0) continue;
            if (u < share || k === this.sources.length - 1) {
                const i = source.tree.find(Math.min(u / source.factor, totals[k]! * (1 - 1e-12)));
                if (i < 0) continue;
                const weight = source.factor * source.tree.values[i]!;
                return {
                    id: this.ids[source.start + i]!,
                    weight,
                    total,
                    probability: weight / total,
                    tier: 'fresh',
                    candidates,
                };
            }
            u -= share;
        }
        return null;
    }

    private coolingWeight(slot: number, ctx: WeightContext): number {
        return this.sourceOf(slot).factor * imageWeight(this.imageBase(slot), imageRecency(this.fill(slot), ctx));
    }

    /** With freshFirst and no fresh image left: all images in their cooldown, by their full weight. */
    private drawCooling(now: number, random: Random, excluded: number): PickResult | null {
        const ctx = this.context(now);
        const slots = [...this.cooling].filter((slot) => slot !== excluded);
        const weights = slots.map((slot) => this.coolingWeight(slot, ctx));
        const total = weights.reduce((a, b) => a + b, 0);
        if (!(total > 0)) return null;
        let u = random() * total;
        for (let i = 0; i < slots.length; i++) {
            if (u < weights[i]! || i === slots.length - 1) {
                if (weights[i]! <= 0) continue;
                const candidates = weights.filter((w) => w > 0).length;
                return {
                    id: this.ids[slots[i]!]!,
                    weight: weights[i]!,
                    total,
                    probability: weights[i]! / total,
                    tier: 'cooling',
                    candidates,
                };
            }
            u -= weights[i]!;
        }
        return null;
    }

    /** The image's factors from its row, and its chance if a pick happened now (not excluding the one on screen). */
    explain(row: FactRow, banned: boolean, now: number): Explanation {
        const ctx = this.context(now);
        const facts: ImageFacts = {
            width: row[2],
            height: row[3],
            favourite: row[4] !== 0,
            shown: row[5] > 0,
            addedAt: row[6],
            lastShownAt: row[7] ?? NaN,
            lightness: row[8] ?? NaN,
            temperature: row[9] ?? NaN,
            saturation: row[10] ?? NaN,
            hue: row[11] ?? NaN,
            chroma: row[12] ?? NaN,
        };
        const factors: FactorJson[] = [];
        const base = baseWeight(facts, ctx, factors);
        const recency = imageRecency(facts, ctx, factors);
        this.computeSourceFactors(now, null);
        const source = this.sourceById.get(row[1]);
        const sf = source
            ? sourceFactor(
                  this.sourceFacts(source),
                  this.n / (this.sources.filter((s) => s.count > 0).length || 1),
                  ctx,
                  factors,
              )
            : 0;
        const exclusion = banned
            ? 'banned'
            : !source
              ? 'not in a configured folder'
              : (imageExclusion(facts, this.settings)?.message ?? null);
        const weight = exclusion ? 0 : sf * imageWeight(base, recency);
        const tier = recency < 1 ? 'cooling' : 'fresh';
        let probability = 0;
        if (weight > 0) {
            const fresh = this.sources.reduce((sum, s) => sum + s.factor * s.tree.total(), 0);
            if (fresh > 0) probability = tier === 'fresh' || !this.settings.freshFirst ? weight / fresh : 0;
            else {
                const coolingTotal = [...this.cooling].reduce((sum, slot) => sum + this.coolingWeight(slot, ctx), 0);
                probability = coolingTotal > 0 ? weight / coolingTotal : 0;
            }
        }
        return { factors, weight, excludedBy: exclusion, tier, probability, time: this.time };
    }

    /** Re-reads one image (favourite, features changed) and updates its weight. */
    refreshImage(row: FactRow, now: number): void {
        const slot = this.slotOf(row[0], row[1]);
        if (slot < 0) return;
        this.flags[slot] = (row[4] ? FAVOURITE : 0) | (row[5] > 0 ? SHOWN : 0);
        this.lightness[slot] = row[8] ?? NaN;
        this.temperature[slot] = row[9] ?? NaN;
        this.saturation[slot] = row[10] ?? NaN;
        this.hue[slot] = row[11] ?? NaN;
        this.chroma[slot] = row[12] ?? NaN;
        // New colour features: the current time factor of this slot is recomputed, other cached presets dropped.
        for (const preset of [...this.timeFactors.keys()])
            if (preset !== this.time?.preset) this.timeFactors.delete(preset);
        if (this.time && this.timeFactor) {
            this.timeFactor[slot] = timeAffinityFactor(
                this.lightness[slot]!,
                this.temperature[slot]!,
                this.saturation[slot]!,
                this.time,
                this.settings.timeStrength,
            );
        }
        const ctx = this.context(now);
        this.computeBase(slot, ctx);
        this.setSlot(slot, ctx);
    }

    /** Takes an image out of the running at once (banned, trashed, gone from disk). */
    removeImage(id: number): void {
        const slot = this.slotOf(id);
        if (slot < 0) return;
        this.base[slot] = 0;
        this.cooling.delete(slot);
        const source = this.sourceOf(slot);
        source.tree.set(slot - source.start, 0);
    }

    /** Calls `visit` for every slot with its facts, exclusion and source (for `stats`). */
    forEachImage(
        visit: (facts: ImageFacts, source: SourceRef, excluded: ReturnType<typeof imageExclusion>) => void,
    ): void {
        for (const source of this.sources) {
            for (let slot = source.start; slot < source.start + source.count; slot++) {
                const facts = this.fill(slot);
                visit(facts, source.ref, this.base[slot] === 0 ? imageExclusion(facts, this.settings) : null);
            }
        }
    }

    /** Each source's chance of supplying the next pick (fresh tier, or cooling when no fresh image is left). */
    sourceShares(now: number): Map<number, { factor: number; share: number }> {
        this.computeSourceFactors(now, null);
        const ctx = this.context(now);
        const fresh = this.sources.map((s) => s.factor * s.tree.total());
        let totals = fresh;
        if (!(fresh.reduce((a, b) => a + b, 0) > 0)) {
            totals = this.sources.map(() => 0);
            for (const slot of this.cooling) {
                const k = this.sources.indexOf(this.sourceOf(slot));
                totals[k]! += this.coolingWeight(slot, ctx);
            }
        }
        const sum = totals.reduce((a, b) => a + b, 0);
        return new Map(
            this.sources.map((s, k) => [s.ref.id, { factor: s.factor, share: sum > 0 ? totals[k]! / sum : 0 }]),
        );
    }

    get timeOfDay(): TimeTarget | null {
        return this.time;
    }
}
