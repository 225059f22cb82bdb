/**
 * The building blocks of the message validators (validate.ts, validate-talk.ts): a result type
 * and the checks every payload starts with. None throws, whatever the input.
 */

/** Outcome of a validator. */
export type Validation<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A successful validation. */
export const ok = <T>(value: T): Validation<T> => ({ ok: true, value });
/** A failed validation with a human-readable reason. */
export const fail = <T>(reason: string): Validation<T> => ({ ok: false, reason });

/** A payload's fields, once known to be a plain object. */
export type Fields = Record<string, unknown>;

/** The input as a plain object whose keys are all in `allowed`, or the reason it is not. */
export function plainObject(input: unknown, what: string, allowed: readonly string[]): Validation<Fields> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fail(`${what} must be an object`);
  }
  const proto: unknown = Object.getPrototypeOf(input);
  if (proto !== Object.prototype && proto !== null) return fail(`${what} must be a plain object`);
  const unknown = Object.keys(input).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) return fail(`${what} has unknown field(s): ${unknown.slice(0, 3).join(', ').slice(0, 60)}`);
  return ok(input as Fields);
}

/** Reason `value` is not a finite number in [min, max], or null. */
export function rangeProblem(value: unknown, name: string, min: number, max: number): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    return `${name} must be a finite number in [${min}, ${max}]`;
  }
  return null;
}
