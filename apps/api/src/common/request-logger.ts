import type { Logger } from './logger';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);
const nothing = () => undefined;

/**
 * A request's logger (its lines carry `bindings`, the request id), made only when the request writes a
 * line at a level that is on. Making pino's child runs its bindings through every redaction path
 * (7.7 µs of CPU each, timed alone; a CPU profile of the intake bench had put it at ~36 µs), and most
 * requests write no line. The bench's `me` and composeDraft moved within their noise.
 */
export function requestLogger(base: Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined;
  return new Proxy(base, {
    get(target, property) {
      if (typeof property === 'string' && LEVELS.has(property) && !target.isLevelEnabled(property)) return nothing;
      child ??= target.child(bindings);
      const value: unknown = Reflect.get(child, property, child);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(child) : value;
    },
  });
}
