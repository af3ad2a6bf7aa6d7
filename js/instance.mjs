// @ts-check
// Keeps the WebAssembly instance healthy and small, for every loader. wasm-bindgen's glue is
// generated with `--experimental-reset-state-function` (scripts/build.sh), so every glue exports
// `__wbg_reset_state()`: a new instance, with fresh memory, of the module it already compiled
// (no compilation from bytes, so it also works in workerd). Every call into the glue goes through
// `guarded(raw)`, which
//   - replaces the instance after a trap (out of memory, or any other abort): the failing call
//     throws ERR_OUT_OF_MEMORY or ERR_WASM_TRAP, and the next call runs on a fresh instance;
//   - replaces it when a call left its memory above RECYCLE_BYTES: wasm memory never shrinks, so
//     without this one large hostile body would keep its peak memory for the life of the process.
// A loader needs nothing more than passing the glue's exports (or `loadable(glue).raw`) to
// `createApi` / `webhookApi`, as it does.
import { codedError } from './errors.mjs';

/**
 * Above this much wasm memory after a call, the instance is replaced (~0.3 ms). A fresh instance
 * holds ~1.1 MiB; genuine deliveries up to a few hundred KB stay under it, so only unusually
 * large bodies pay for a new instance.
 */
export const RECYCLE_BYTES = 8 * 1024 * 1024;
const GUARDED = Symbol.for('didit-kit.guarded');
const MEMORY = Symbol.for('didit-kit.memory');
const RUN = Symbol.for('didit-kit.run');
/**
 * Where a glue's state is kept, on its `wasmMemory` export (so that every copy of this module, ESM
 * and CommonJS, finds it): the current instance's memory (undefined until asked, and after a
 * replacement) and whether replacing the instance after a trap failed (no memory for a new one:
 * retried first).
 */
const GLUE_STATE = Symbol.for('didit-kit.glue-state');
const MiB = 1024 * 1024;

/**
 * A trap, or the engine's stack overflow inside wasm: either can leave the instance's own stack
 * pointer and allocator mid-update. Our own errors always carry a `code`.
 * @param {unknown} e
 */
function isTrap(e) {
  if (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError) return true;
  return e instanceof RangeError && /** @type {any} */ (e).code === undefined;
}

/**
 * Wraps the functions of wasm-bindgen's glue (see the file comment). Idempotent: the full entry
 * guards once in `createApi` and hands the same object to each part.
 * @template {Record<string, any>} T
 * @param {T} raw
 * @returns {T}
 */
export function guarded(raw) {
  if (/** @type {any} */ (raw)[GUARDED]) return raw;
  const reset = raw.__wbg_reset_state;
  const memoryOf = raw.wasmMemory;
  if (typeof reset !== 'function' || typeof memoryOf !== 'function') return raw;
  // Shared by every guard over the same glue (tests build several APIs over one), so that an
  // instance one of them replaced is not taken for the current one by another.
  /** @type {{ memory: WebAssembly.Memory | undefined, broken: boolean }} */
  const glue = (memoryOf[GLUE_STATE] ??= { memory: undefined, broken: false });

  /** The current instance's memory, or undefined (not loaded yet: `init()` not called). */
  const currentMemory = () => {
    if (glue.memory === undefined) {
      try {
        glue.memory = memoryOf();
      } catch {}
    }
    return glue.memory;
  };
  /** Replaces the instance; false when even that failed (the engine has no memory to give). */
  const replace = () => {
    try {
      reset();
      glue.memory = undefined;
      glue.broken = false;
      return true;
    } catch {
      return false;
    }
  };

  /** @param {unknown} cause @param {WebAssembly.Memory | undefined} m */
  const trapError = (cause, m) => {
    const size = m ? `${(m.buffer.byteLength / MiB).toFixed(0)} MiB` : 'unknown size';
    // Out of memory when the memory cannot double: Rust's collections grow by doubling, so an
    // allocation the runtime refused (its memory limit, or the 4 GiB of wasm32) was about that
    // size. The probe only reserves address space, and the instance is dropped just after.
    let full = false;
    if (m) {
      try {
        m.grow(Math.max(1, m.buffer.byteLength / 65536));
      } catch {
        full = true;
      }
    }
    const replaced = replace();
    const after = replaced
      ? 'the instance has been replaced and the next call works'
      : 'replacing the instance failed too (the runtime has no memory to give); the next call tries again';
    const error = full
      ? codedError(
          Error,
          'ERR_OUT_OF_MEMORY',
          `didit-kit: the WebAssembly module ran out of memory (${size}) on this input; ${after}. ` +
            'The input needed more memory than the runtime allows: keep maxBodyBytes at its default or lower ' +
            '(its documentation says what each MiB costs), or give the process more memory',
        )
      : codedError(
          Error,
          'ERR_WASM_TRAP',
          `didit-kit: the WebAssembly module stopped with "${/** @type {Error} */ (cause).message}" (memory ${size}); ${after}. ` +
            'Most likely out of memory (an input near maxBodyBytes in a runtime with little memory); ' +
            'otherwise a bug in didit-kit: please report it with the input that caused it',
        );
    /** @type {any} */ (error).cause = cause;
    if (!replaced) glue.broken = true;
    return error;
  };

  /**
   * `f(...args)` (one or more calls into the glue, and the reading of their results) under the
   * guard.
   * @param {Function} f @param {unknown[]} args
   */
  const call = (f, args) => {
    if (glue.broken && !replace()) {
      throw codedError(
        Error,
        'ERR_OUT_OF_MEMORY',
        'didit-kit: no WebAssembly instance: replacing the one that ran out of memory failed, as the runtime has no memory to give; ' +
          'the next call tries again. Give the process more memory, or lower maxBodyBytes',
      );
    }
    const m = currentMemory();
    let trapped = false;
    try {
      return f(...args);
    } catch (e) {
      if (!isTrap(e)) throw e;
      trapped = true;
      throw trapError(e, m);
    } finally {
      // Results are read out of wasm memory before `f` returns, so replacing now is safe.
      if (!trapped && m !== undefined && m.buffer.byteLength > RECYCLE_BYTES) replace();
    }
  };

  /** @type {Record<string | symbol, any>} */
  const out = { [GUARDED]: true, [MEMORY]: currentMemory };
  for (const name of Object.keys(raw)) {
    const f = raw[name];
    if (typeof f !== 'function' || name.startsWith('__wbg') || name === 'wasmMemory') {
      out[name] = f;
      continue;
    }
    out[name] = (/** @type {unknown[]} */ ...args) => call(f, args);
  }
  out[RUN] = (/** @type {(raw: T) => unknown} */ fn) => call(fn, [raw]);
  return /** @type {T} */ (out);
}

/**
 * The current instance's memory, for code that reads or writes it during a call (the HMAC hook of
 * js/webhook.mjs): cached by `guarded` and forgotten when it replaces the instance. Undefined for
 * glue without `wasmMemory`.
 * @param {Record<string, any>} raw  what `guarded` returned
 * @returns {(() => WebAssembly.Memory | undefined) | undefined}
 */
export function memoryOf(raw) {
  const cached = raw[/** @type {any} */ (MEMORY)];
  if (typeof cached === 'function') return cached;
  const f = raw.wasmMemory;
  return typeof f === 'function' ? () => f() : undefined;
}

/**
 * Runs `fn` with the unguarded glue under `guarded`'s guard, as one call: for a part that makes
 * several calls into the glue and reads their results out of wasm memory itself (the share-token
 * inspection), so that the instance is neither replaced nor recycled in between.
 * @template {Record<string, any>} T
 * @param {T} raw  what `guarded` returned (or glue it left as it was)
 * @returns {<R>(fn: (raw: T) => R) => R}
 */
export function runGuarded(raw) {
  const run = raw[/** @type {any} */ (RUN)];
  return typeof run === 'function' ? run : (fn) => fn(raw);
}
