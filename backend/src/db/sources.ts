import type { Db } from './database.js';

export interface SourceRow {
    id: number;
    kind: 'folder';
    location: string;
    weight: number;
    enabled: number;
    last_scan_at: number | null;
    /** The folders of the last complete scan and their status-change times (index/folderStamp.ts). */
    folder_stamp: string | null;
}

export class SourceStore {
    constructor(private readonly db: Db) {}

    /** The id of the folder source at `location`, created on first use. */
    ensureFolder(location: string): number {
        this.db.prepare(`INSERT INTO sources (kind, location) VALUES ('folder', ?) ON CONFLICT(location) DO NOTHING`).run(location);
        return (this.db.prepare(`SELECT id FROM sources WHERE location = ?`).get(location) as { id: number }).id;
    }

    byLocation(location: string): SourceRow | undefined {
        return this.db.prepare(`SELECT * FROM sources WHERE location = ?`).get(location) as SourceRow | undefined;
    }

    markScanned(id: number, at: number): void {
        this.db.prepare(`UPDATE sources SET last_scan_at = ? WHERE id = ?`).run(at, id);
    }

    setFolderStamp(id: number, stamp: string | null): void {
        this.db.prepare(`UPDATE sources SET folder_stamp = ? WHERE id = ?`).run(stamp, id);
    }
}
