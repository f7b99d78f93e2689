/**
 * One remote job at a time per connection: a sync, a create, a rotation, a revoke. Running them
 * one after another keeps a sync from replacing the token set in the middle of a create, and
 * keeps "list and reconcile" meaningful. Jobs on different connections run in parallel.
 */
export class ConnectionLocks {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly holders = new Map<string, number>();

  async run<T>(connectionId: string, job: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(connectionId) ?? Promise.resolve();
    this.holders.set(connectionId, (this.holders.get(connectionId) ?? 0) + 1);
    const result = previous.catch(() => undefined).then(job);
    const tail = result.catch(() => undefined);
    this.tails.set(connectionId, tail);
    try {
      return await result;
    } finally {
      const left = (this.holders.get(connectionId) ?? 1) - 1;
      if (left === 0) {
        this.holders.delete(connectionId);
        if (this.tails.get(connectionId) === tail) this.tails.delete(connectionId);
      } else {
        this.holders.set(connectionId, left);
      }
    }
  }

  /** Whether a job is running or waiting on this connection. */
  busy(connectionId: string): boolean {
    return this.holders.has(connectionId);
  }
}
