/** Favourites come up `boost` times as often as an otherwise equal image. */
export function favouriteFactor(favourite: boolean, boost: number): number {
    return favourite ? boost : 1;
}
