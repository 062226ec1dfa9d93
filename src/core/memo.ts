// Memory for the long-running commands (watch, preview): results kept from one round of checking to
// the next, so that a save re-does only what that file feeds. A round keeps what it used; whatever
// the round before had and this one did not ask for is forgotten, so memory follows the plan as it is
// now, not every version it has been through.

export class RecentCache<K, V> {
  private now = new Map<K, V>();
  private before = new Map<K, V>();

  /** Start a round: what the last round did not use goes at the end of this one. */
  round(): void {
    this.before = this.now;
    this.now = new Map();
  }

  clear(): void {
    this.now.clear();
    this.before.clear();
  }

  get(key: K): V | undefined {
    if (this.now.has(key)) return this.now.get(key);
    if (!this.before.has(key)) return undefined;
    const v = this.before.get(key)!;
    this.now.set(key, v);
    return v;
  }

  set(key: K, value: V): V {
    this.now.set(key, value);
    return value;
  }
}
