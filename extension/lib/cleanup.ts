// Cleanup as a stack: whoever acquires a resource registers its undo at that moment, and `run()` undoes
// everything in reverse order. `disable()` then needs no memory of what some helper connected.

export class CleanupStack {
    #undo: (() => void)[] = [];

    /** Registers `undo` to run when the stack is run. */
    defer(undo: () => void): void {
        this.#undo.push(undo);
    }

    /** Connects a signal handler and defers its disconnection. */
    connect<
        T extends {
            connect(signal: string, callback: (...args: never[]) => unknown): number;
            disconnect(id: number): void;
        },
    >(object: T, signal: string, callback: (...args: never[]) => unknown): number {
        const id = object.connect(signal, callback);
        this.defer(() => object.disconnect(id));
        return id;
    }

    /** Runs every undo, last registered first, and empties the stack. */
    run(): void {
        for (let undo = this.#undo.pop(); undo; undo = this.#undo.pop()) {
            // One failing undo must not leave the later ones (signals, processes, actors) behind.
            try {
                undo();
            } catch (e) {
                console.error('Chameleon: cleanup step failed:', e);
            }
        }
    }
}
