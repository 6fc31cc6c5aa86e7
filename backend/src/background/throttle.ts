/**
 * Passes on at most one progress report per `intervalMs`, and always the last one (done === total), so a
 * client sees steady progress and the end without being flooded by a report per file.
 */
export function throttle(
    report: (done: number, total: number) => void,
    intervalMs = 250,
): (done: number, total: number) => void {
    let last = 0;
    return (done, total) => {
        const now = Date.now();
        if (done < total && now - last < intervalMs) return;
        last = now;
        report(done, total);
    };
}
