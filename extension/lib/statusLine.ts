// What the menu's status line says. One line, several sources, in order of importance: the backend's state, the
// last failed request, indexing progress, downloads from online sources, then paused accent sync.
import { BackendError, SPAWN_FAILED } from './backendClient.js';
import type { BackendState } from './backendClient.js';
import { ErrorCode } from './protocol.js';
import type { DownloadProgressJson, IndexProgressJson } from './protocol.js';

export class StatusLine {
    readonly #_: (text: string) => string;
    #backend: string | null = null;
    #problem: string | null = null;
    #problemCode: number | null = null;
    #progress: IndexProgressJson | null = null;
    #download: DownloadProgressJson | null = null;
    /** The last problem the backend's state came with: "restarting" stays up until the backend is ready. */
    #lastBackendProblem: string | null = null;

    constructor(gettext: (text: string) => string) {
        this.#_ = gettext;
    }

    /** The code of the last failed request (a BackendError's), or null. */
    get problemCode(): number | null {
        return this.#problemCode;
    }

    /** Follows the backend's state; returns whether `error` is news (not the problem it reported last). */
    backendState(state: BackendState, error?: string): boolean {
        const _ = this.#_;
        const news = error !== undefined && error !== this.#lastBackendProblem;
        this.#lastBackendProblem = state === 'ready' ? null : (error ?? this.#lastBackendProblem);
        switch (state) {
            case 'starting':
                if (this.#lastBackendProblem === null) this.#backend = _('Starting the backend…');
                break;
            case 'ready':
                // Requests that failed because the backend went away, and what it was doing, are history now.
                this.#backend = null;
                this.#problem = null;
                this.#problemCode = null;
                this.#progress = null;
                this.#download = null;
                break;
            case 'restarting':
                this.#backend = error?.startsWith(SPAWN_FAILED)
                    ? _('Backend not found — open Preferences to see how to install it')
                    : _('Backend restarting…');
                break;
            case 'stopped':
                this.#backend = error ?? null;
                break;
        }
        return news;
    }

    /** The last request's outcome: an error to explain, or null when it went well. */
    requestProblem(error: Error | null): void {
        this.#problem = error && this.#describe(error);
        this.#problemCode = error instanceof BackendError ? error.code : null;
    }

    indexProgress(progress: IndexProgressJson): void {
        // The last notification of a run has done === total: the line goes away.
        this.#progress = progress.done < progress.total ? progress : null;
    }

    downloadProgress(progress: DownloadProgressJson): void {
        const finished = progress.state === 'done' || progress.state === 'failed';
        this.#download = finished && progress.queued === 0 ? null : progress;
    }

    text(accentPaused: boolean): string | null {
        return (
            this.#backend ??
            this.#problem ??
            this.#indexText() ??
            this.#downloadText() ??
            (accentPaused ? this.#_('Accent chosen by hand — sync paused') : null)
        );
    }

    /** "Indexing 3,214 / 10,000", numbers in the user's locale. */
    #indexText(): string | null {
        const progress = this.#progress;
        if (!progress) return null;
        return `${this.#_('Indexing')} ${progress.done.toLocaleString()} / ${progress.total.toLocaleString()}`;
    }

    /** "Downloading a picture: 45 % (2 waiting)", or the size so far when the server did not say the total. */
    #downloadText(): string | null {
        const progress = this.#download;
        if (!progress) return null;
        const _ = this.#_;
        const done =
            progress.total && progress.total > 0
                ? `${Math.min(100, Math.floor((progress.received / progress.total) * 100))} %`
                : `${(progress.received / 1_048_576).toFixed(1)} MB`;
        const waiting = progress.queued > 0 ? ` (${progress.queued} ${_('waiting')})` : '';
        return `${_('Downloading a picture')}: ${done}${waiting}`;
    }

    #describe(error: Error): string {
        const _ = this.#_;
        switch (error instanceof BackendError ? error.code : null) {
            case ErrorCode.NoImages:
                return _('No images in your wallpaper folders — add a folder in Preferences');
            case ErrorCode.NoHistory:
                return _('There is no earlier wallpaper yet');
            case ErrorCode.FolderUnavailable:
                return `${_('A wallpaper folder cannot be read')}: ${error.message}`;
            case ErrorCode.SetFailed:
                return `${_('GNOME did not accept the wallpaper')}: ${error.message}`;
            default:
                return error.message;
        }
    }
}
