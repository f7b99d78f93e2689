/**
 * The stand-in's call log and lifecycle. Every Electron object the stand-in hands to the app is
 * a recording proxy: each call the app makes is logged in order (with whether the app was ready
 * yet), and touching a member the stand-in does not model throws at once, so a shell that starts
 * using more of Electron fails the boot test until the stand-in models it (typed against
 * Electron's own declaration, which is what keeps the stand-in honest).
 *
 * The stand-in's own code works on the raw objects (its internal calls are not the app's), and
 * unwraps any proxy the app hands back (`raw`).
 */

export interface RecordedCall {
  seq: number;
  /** 'app', 'BrowserWindow' (static members and `new`), 'BrowserWindow#1', 'Session(default)', ... */
  target: string;
  /** The member called, 'new' for a constructor, 'set <name>' for a property write. */
  member: string;
  args: unknown[];
  /** Whether app 'ready' had been emitted when the call was made. */
  afterReady: boolean;
}

/** Members asked for by the runtime itself (await, JSON, inspection), never by the app's code. */
const RUNTIME_PROBES = new Set(['then', 'toJSON', 'constructor', 'inspect', 'asymmetricMatch', 'nodeType']);

export class StandinGap extends Error {
  constructor(member: string) {
    super(
      `The Electron stand-in does not model ${member}. Add it in test/boot/electron-standin/, typed as Electron's declaration says.`,
    );
    this.name = 'StandinGap';
  }
}

export const lifecycle = {
  ready: false,
  calls: [] as RecordedCall[],
  /** Members the app touched that the stand-in does not model (also thrown at the app). */
  gaps: [] as string[],
};

let seq = 0;

export function record(target: string, member: string, args: unknown[]): void {
  lifecycle.calls.push({ seq: ++seq, target, member, args, afterReady: lifecycle.ready });
}

/** Electron refuses these before app 'ready' (its documented rule); so does the stand-in. */
export function requireReady(what: string): void {
  if (!lifecycle.ready) throw new Error(`${what} cannot be used before the app is ready (Electron's rule)`);
}

/** Electron accepts these only before app 'ready'. */
export function requireNotReady(what: string): void {
  if (lifecycle.ready)
    throw new Error(`${what} can only be called before the app is ready (Electron's rule)`);
}

const toRaw = new WeakMap<object, object>();

/** The raw stand-in object behind a proxy the app handed back (or the value itself). */
export function raw<T>(value: T): T {
  if (typeof value !== 'object' && typeof value !== 'function') return value;
  if (value === null) return value;
  return (toRaw.get(value) as T | undefined) ?? value;
}

function gap(member: string): never {
  lifecycle.gaps.push(member);
  throw new StandinGap(member);
}

/**
 * A recording proxy around `target` (an object, or a class: then `new` and static members are
 * recorded, and the instance should call `recorded()` on itself in its constructor).
 */
export function recorded<T extends object>(label: string | (() => string), target: T): T {
  const name = typeof label === 'string' ? () => label : label;
  const proxy = new Proxy(target, {
    get(object, property, receiver) {
      if (typeof property === 'symbol' || property in object) {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof property === 'symbol' || typeof value !== 'function' || property === 'constructor')
          return value;
        const fn = value as (...args: unknown[]) => unknown;
        return function recordedCall(this: unknown, ...args: unknown[]) {
          record(name(), property, args);
          const result = fn.apply(this === proxy ? object : this, args);
          // Chained EventEmitter calls return the object itself: keep handing out the proxy.
          return result === object ? proxy : result;
        };
      }
      if (RUNTIME_PROBES.has(property)) return undefined;
      return gap(`${name()}.${property}`);
    },
    set(object, property, value) {
      if (typeof property === 'string') {
        if (!(property in object)) gap(`${name()}.${property} (set)`);
        record(name(), `set ${property}`, [value]);
      }
      return Reflect.set(object, property, value);
    },
    construct(klass, args, newTarget) {
      record(name(), 'new', args);
      const made = Reflect.construct(klass as new (...a: unknown[]) => object, args, newTarget) as object;
      // A stand-in instance records its own calls through the proxy it keeps as `proxy`.
      return 'proxy' in made && typeof made.proxy === 'object' && made.proxy !== null ? made.proxy : made;
    },
  });
  toRaw.set(proxy, target);
  return proxy;
}

/** Only the calls matching target (exact, or a pattern) and member. */
export function callsTo(target: string | RegExp, member?: string): RecordedCall[] {
  return lifecycle.calls.filter(
    (call) =>
      (typeof target === 'string' ? call.target === target : target.test(call.target)) &&
      (member === undefined || call.member === member),
  );
}

export function resetLifecycle(): void {
  lifecycle.ready = false;
  lifecycle.calls = [];
  lifecycle.gaps = [];
}
