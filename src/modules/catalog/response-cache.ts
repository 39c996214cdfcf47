import { createHash } from 'node:crypto';

interface Entry {
  /** The answer's JSON, encoded once. */
  bytes: Buffer;
  etag: string;
  expires: number;
}

/**
 * A small cache of serialised catalogue answers. Catalogue pages are the hottest read of
 * the shop and the same few pages are asked for again and again: keeping the JSON text
 * for a second spares the database and the serialiser. Concurrent misses for one key
 * share one load. Catalogue edits and stock moves clear it at once on this node; on other
 * nodes the short lifetime bounds staleness (live stock reaches pages through the socket).
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The fresh answer for this key, if there is one; never loads. */
  peek(key: string): { bytes: Buffer; etag: string } | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expires > this.now() ? hit : undefined;
  }

  async get(key: string, load: () => Promise<unknown>): Promise<{ bytes: Buffer; etag: string }> {
    const hit = this.peek(key);
    if (hit) return hit;
    const pending = this.loading.get(key);
    if (pending !== undefined) return pending;
    const generation = this.generation;
    const promise = (async () => {
      const bytes = Buffer.from(JSON.stringify(await load()));
      const entry = { bytes, etag: `W/"${createHash('sha1').update(bytes).digest('base64url')}"`, expires: this.now() + this.ttlMs };
      // A load that started before a clear() may hold old data: answer with it, never keep it.
      if (generation === this.generation) {
        if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
        this.entries.set(key, entry);
      }
      return entry;
    })();
    this.loading.set(key, promise);
    try {
      return await promise;
    } finally {
      this.loading.delete(key);
    }
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.loading.clear();
  }
}
