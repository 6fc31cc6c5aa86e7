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
    // 3 — Online sources. One row per image URL a source offered: attribution for "Where is it from?",
    // what became of it (downloaded, duplicate, rejected, failed, evicted) and the user's ban, which outlives the
    // file. source_id is the online source's configured id ('' for a URL banned before any source offered it).
    // online_sources remembers when each source was last refreshed, across restarts.
    `
    CREATE TABLE online_images (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        source_id TEXT NOT NULL,
        title TEXT,
        author TEXT,
        author_url TEXT,
        origin_page TEXT,
        licence TEXT,
        path TEXT,
        content_hash TEXT,
        size INTEGER,
        state TEXT NOT NULL,
        reason TEXT,
        banned INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        discovered_at INTEGER NOT NULL,
        downloaded_at INTEGER
    );
    CREATE INDEX online_images_path ON online_images(path) WHERE path IS NOT NULL;
    CREATE INDEX online_images_hash ON online_images(content_hash) WHERE content_hash IS NOT NULL;

    CREATE TABLE online_sources (
        id TEXT PRIMARY KEY,
        last_refresh_at INTEGER,
        last_error TEXT
    );
    `,
    // 4 — A picture per monitor. A history entry shown as one composed wallpaper keeps the picture of
    // each monitor here, with the palette key it was shown with; the entry itself names the palette's source.
    `
    CREATE TABLE history_monitors (
        history_id INTEGER NOT NULL REFERENCES history(id) ON DELETE CASCADE,
        monitor INTEGER NOT NULL,
        image_id INTEGER REFERENCES images(id) ON DELETE SET NULL,
        path TEXT NOT NULL,
        content_hash TEXT,
        extractor TEXT,
        PRIMARY KEY (history_id, monitor)
    );
    ALTER TABLE history ADD COLUMN composed_path TEXT;
    `,
    // 5 — Online sources that hold up: an image is known by a stable identity in `url` (its URL, or a key such as
    // an Unsplash photo's page when the provider signs URLs afresh), with the URL it was last fetched from beside
    // it; a failed download waits until next_attempt_at; each source remembers where its listing stopped.
    `
    ALTER TABLE online_images ADD COLUMN fetched_url TEXT;
    ALTER TABLE online_images ADD COLUMN next_attempt_at INTEGER;
    CREATE INDEX online_images_fetched ON online_images(fetched_url) WHERE fetched_url IS NOT NULL;
    ALTER TABLE online_sources ADD COLUMN cursor TEXT;
    `,
    // 6 — A counter of changes that matter to the selection index (images added, removed, or changed in anything
    // a weight reads; shows are not counted: the index reads those itself). The index saved on disk is used at
    // start only while the counter still has the value it was saved with (selection/indexSnapshot.ts). `epoch`
    // is a token written with each save, so a database restored from a backup never matches a later save.
    // sources.folder_stamp: the folders of a source's last complete scan, so a lone `chameleon next` can tell
    // that nothing was added, removed or renamed without a stat of every file (scan/folderStamp.ts).
    `
    CREATE TABLE selection_generation (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL, epoch TEXT);
    INSERT INTO selection_generation (id, value, epoch) VALUES (1, 0, NULL);
    CREATE TRIGGER selection_generation_insert AFTER INSERT ON images
        BEGIN UPDATE selection_generation SET value = value + 1; END;
    CREATE TRIGGER selection_generation_delete AFTER DELETE ON images
        BEGIN UPDATE selection_generation SET value = value + 1; END;
    CREATE TRIGGER selection_generation_update
        AFTER UPDATE OF source_id, width, height, favourite, banned, skip_reason, added_at, lightness, temperature,
            saturation, hue, chroma ON images
        BEGIN UPDATE selection_generation SET value = value + 1; END;
    ALTER TABLE sources ADD COLUMN folder_stamp TEXT;
    `,
    // 7 — Pictures that left the index carrying something of the user's (a favourite, a ban, shows, history), kept
    // by content hash: the same picture found again elsewhere (moved to another folder, whichever folder is
    // scanned first) gets it all back (scan/vanished.ts).
    `
    CREATE TABLE vanished_images (
        content_hash TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        path TEXT NOT NULL,
        favourite INTEGER NOT NULL,
        banned INTEGER NOT NULL,
        times_shown INTEGER NOT NULL,
        last_shown_at INTEGER,
        added_at INTEGER NOT NULL,
        vanished_at INTEGER NOT NULL
    );
    CREATE INDEX vanished_images_size ON vanished_images(size);
    `,
];
