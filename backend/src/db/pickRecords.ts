import type { Db } from './database.js';

/** Smart Selection's record of a pick, kept for `chameleon why`. */
export interface PickRecord {
    picked_at: number;
    probability: number;
    weight: number;
    candidates: number;
}

/** The last pick of each image (`selection_picks`): when, and with what odds among how many candidates. */
export class PickRecordStore {
    constructor(private readonly db: Db) {}

    record(imageId: number, at: number, pick: { probability: number; weight: number; candidates: number }): void {
        this.db
            .prepare(
                `INSERT INTO selection_picks (image_id, picked_at, probability, weight, candidates)
                 VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT(image_id) DO UPDATE SET picked_at = excluded.picked_at, probability = excluded.probability,
                 weight = excluded.weight, candidates = excluded.candidates`,
            )
            .run(imageId, at, pick.probability, pick.weight, pick.candidates);
    }

    last(imageId: number): PickRecord | undefined {
        return this.db
            .prepare(`SELECT picked_at, probability, weight, candidates FROM selection_picks WHERE image_id = ?`)
            .get(imageId) as PickRecord | undefined;
    }
}
