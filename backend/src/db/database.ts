import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/** Opens (creating if needed) `chameleon.db` in dataDir and brings its schema up to date. */
export function openDatabase(dataDir: string): Db {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const db = new Database(join(dataDir, 'chameleon.db'));
    // WAL lets the CLI read while the backend writes, and a crash mid-write loses at most the open transaction.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
}

function migrate(db: Db): void {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) {
        throw new Error(
            `the database was written by a newer Chameleon (schema ${current}, this one knows ${MIGRATIONS.length}); update Chameleon`,
        );
    }
    for (let version = current; version < MIGRATIONS.length; version++) {
        db.transaction(() => {
            db.exec(MIGRATIONS[version]!);
            db.pragma(`user_version = ${version + 1}`);
        })();
    }
}
