/** An action that can be taken back for a few seconds after it is done. */
export interface Undoable {
  /** What was done, in words: "Rating of 4 stars cleared". */
  text: string;
  undo: () => void;
  /**
   * For an action held back until the offer ends (removing a record: sent to the hub and to
   * Discogs only then, so an undo never has to re-create it under a new id).
   */
  commit?: () => void;
}

const OFFER_MS = 8000;

/**
 * The one undo on offer, app-wide: a new offer ends the previous one (committing it), as a
 * person acts on one thing at a time.
 */
class UndoOffer {
  current = $state<Undoable | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;

  offer(action: Undoable): void {
    this.#end();
    this.current = action;
    this.#timer = setTimeout(() => this.#end(), OFFER_MS);
  }

  undo(): void {
    clearTimeout(this.#timer);
    const action = this.current;
    this.current = null;
    action?.undo();
  }

  #end(): void {
    clearTimeout(this.#timer);
    const action = this.current;
    this.current = null;
    action?.commit?.();
  }
}

export const undoOffer = new UndoOffer();
