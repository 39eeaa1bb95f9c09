import { z } from 'zod';

/** What `app:info` returns: enough for an About box and for bug reports. */
export const appInfoSchema = z.strictObject({
  name: z.string().min(1).max(64),
  version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]{1,32})?$/),
  /** Which shell hosts the renderer: the Electron app, or the browser shell used in development and tests. */
  shell: z.enum(['electron', 'browser']),
  /** The runtime that hosts main, e.g. `Electron 45.4.1` or `Node 24.21.0`. */
  runtime: z.string().min(1).max(64),
});

/** The value of `app:info`. */
export type AppInfo = z.output<typeof appInfoSchema>;
