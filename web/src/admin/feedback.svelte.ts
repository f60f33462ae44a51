/**
 * What an admin panel shows after the owner acts: busy while the call runs, then a notice
 * of what happened, or the hub's error in words (AdminApiError carries its message).
 */
export class Feedback {
  busy = $state(false);
  error = $state<string | null>(null);
  notice = $state<string | null>(null);

  /** Runs `action`; true when it worked. `done` is the notice to show then, or makes it from the result. */
  async run<T>(
    action: () => Promise<T>,
    done?: string | ((result: T) => string),
  ): Promise<boolean> {
    this.error = null;
    this.notice = null;
    this.busy = true;
    try {
      const result = await action();
      if (done) this.notice = typeof done === 'string' ? done : done(result);
      return true;
    } catch (err) {
      this.error = (err as Error).message;
      return false;
    } finally {
      this.busy = false;
    }
  }
}
