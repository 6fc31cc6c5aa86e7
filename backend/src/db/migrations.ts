// Schema history. Each entry moves the database from version i to i+1 (`PRAGMA user_version`); entries are
// never edited once released, only appended, so every user's database can be brought forward step by step.

export const MIGRATIONS: readonly string[] = [
    `
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL DEFAULT 'folder',
        location TEXT NOT NULL UNIQUE,
        weight REAL NOT NULL DEFAULT 1,
        enabled INTEGER NOT NULL DEFAULT 1,
        last_scan_at INTEGER
    );

    -- One row per file seen in a source. skip_reason is set for files that look like images but cannot be
    -- shown (unsupported format, animated GIF, unreadable header): they stay listed so the user can learn why.
    CREATE TABLE images (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        width INTEGER NOT NULL DEFAULT 0,
        height INTEGER NOT NULL DEFAULT 0,
        format TEXT,
        skip_reason TEXT,
        content_hash TEXT,
        favourite INTEGER NOT NULL DEFAULT 0,
        banned INTEGER NOT NULL DEFAULT 0,
        times_shown INTEGER NOT NULL DEFAULT 0,
        last_shown_at INTEGER,
        added_at INTEGER NOT NULL
    );
    CREATE INDEX images_source ON images(source_id);
    CREATE INDEX images_hash ON images(content_hash);

    -- Palettes belong to file contents, not paths: a copy of an image in another folder shares its palette,
    -- and an edited file gets a new one. extractor names the extractor and the settings that shaped it.
    CREATE TABLE palettes (
        content_hash TEXT NOT NULL,
        extractor TEXT NOT NULL,
        palette TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (content_hash, extractor)
    );

    -- The path is kept beside image_id so history still reads well after a file is deleted from disk.
    CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        image_id INTEGER REFERENCES images(id) ON DELETE SET NULL,
        path TEXT NOT NULL,
        shown_at INTEGER NOT NULL,
        reason TEXT NOT NULL,
        content_hash TEXT,
        extractor TEXT
    );

    CREATE TABLE state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    `,
    // 2 — Smart Selection. Colour features per image (NULL until analysed; see selection/features.ts), an index so
    // that each pick finds the images still in their cooldown without a table scan, and the chance each image had
    // when it was last picked, for `chameleon why`.
    `
    ALTER TABLE images ADD COLUMN lightness REAL;
    ALTER TABLE images ADD COLUMN temperature REAL;
    ALTER TABLE images ADD COLUMN saturation REAL;
    ALTER TABLE images ADD COLUMN hue REAL;
    ALTER TABLE images ADD COLUMN chroma REAL;
    ALTER TABLE images ADD COLUMN features_at INTEGER;
    CREATE INDEX images_last_shown ON images(last_shown_at) WHERE last_shown_at IS NOT NULL;
    CREATE INDEX images_unanalysed ON images(id) WHERE features_at IS NULL AND skip_reason IS NULL;

    CREATE TABLE selection_picks (
        image_id INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE,
        picked_at INTEGER NOT NULL,
        probability REAL NOT NULL,
        weight REAL NOT NULL,
        candidates INTEGER NOT NULL
    );
    `,
];
