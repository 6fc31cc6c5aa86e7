import type { Figure } from './measure.js';

export interface Suite {
    name: string;
    run(): Promise<Figure[]>;
}

/** Every benchmark suite, in the order they run. Add a suite by adding its module here. */
export const suites: Suite[] = [];
