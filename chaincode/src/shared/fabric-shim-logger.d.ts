// The shim's logger module (fabric-shim 2.5, lib/logger.js) ships without typings; quietLogging.ts needs getLogger.
declare module 'fabric-shim/lib/logger' {
  /** The shim's cached winston logger for `name`. */
  export function getLogger(name?: string): object;
}
