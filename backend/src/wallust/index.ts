// wallust integration: detection, options in force, deterministic palette reads. See runner.ts.
export { detectWallust, wallustPalette, wallustRunArgs, DEFAULT_WALLUST_TIMEOUT_MS } from './runner.js';
export type { WallustDetection, WallustPaletteOptions, WallustPaletteResult } from './runner.js';
export { WallustError, isWallustError, type WallustErrorKind } from './errors.js';
export type { WallustColors } from './paletteFile.js';
export { wallustSettings, wallustConfigFile, type WallustSettings } from './settings.js';
export {
    WALLUST_DEFAULTS,
    type WallustOptions,
    type WallustBackend,
    type WallustColorspace,
    type WallustPaletteName,
} from './options.js';
export { fileContentHash, paletteCachePath, wallustCacheRoot } from './cacheKey.js';
export { parseWallustVersion, isSupported, type WallustVersion } from './version.js';
