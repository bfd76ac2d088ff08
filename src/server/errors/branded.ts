import "server-only";

/**
 * `instanceof` for an error class that holds across copies of the app's modules. The production
 * server's front (src/server/http/pinhole-server.ts) loads the server modules it needs once more,
 * beside Next's bundle, and the two share their singletons on globalThis (the database client, the
 * store, the cache): an error one copy's store throws must still be that error to the other copy's
 * error handling. Each instance carries a process-wide symbol; the named class (not its subclasses,
 * which keep the ordinary check) recognises it whichever copy made it.
 */
export function brandError(instance: Error, brand: symbol): void {
  Object.defineProperty(instance, brand, { value: true });
}

export function hasBrand(cls: object, named: object, value: unknown, brand: symbol): boolean {
  if (cls !== named) return Function.prototype[Symbol.hasInstance].call(cls, value);
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
