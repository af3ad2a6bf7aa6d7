// @ts-check
// Coded errors: every error the package throws is a real Error (TypeError/RangeError for a wrong
// argument type/value) with a stable `code`, and its message never prints the value (a secret).

/**
 * @param {ErrorConstructor | TypeErrorConstructor | RangeErrorConstructor} Ctor
 * @param {string} code
 * @param {string} message
 */
export function codedError(Ctor, code, message) {
  const error = new Ctor(message);
  /** @type {any} */ (error).code = code;
  return error;
}

/**
 * Describes a value for an error message without printing it (it may be a secret).
 * @param {unknown} v
 */
export function kind(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return `an object (${Object.prototype.toString.call(v).slice(8, -1)})`;
  return `a ${typeof v}`;
}
