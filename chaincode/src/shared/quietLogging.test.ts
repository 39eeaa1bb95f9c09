import { getLogger } from 'fabric-shim/lib/logger';
import { describe, expect, it, vi } from 'vitest';
import { dropLogsBelowLevelEarly } from './quietLogging';

interface Formatting {
  level: string;
  format: { transform: (info: unknown, options?: unknown) => unknown };
  debug: (message: string) => void;
  warn: (message: string) => void;
}

describe('dropLogsBelowLevelEarly', () => {
  it('formats no message below the logger’s level, and every message at or above it, as before', () => {
    dropLogsBelowLevelEarly();
    dropLogsBelowLevelEarly(); // idempotent
    const logger = getLogger('quiet-logging-test') as Formatting;
    logger.level = 'warn';
    const transform = vi.spyOn(logger.format, 'transform');
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const console = vi.spyOn(globalThis.console, 'log').mockImplementation(() => undefined);
    try {
      logger.debug('a stub call nobody sees');
      expect(transform).not.toHaveBeenCalled();
      logger.warn('something worth a line');
      expect(transform).toHaveBeenCalledTimes(1);
    } finally {
      transform.mockRestore();
      stdout.mockRestore();
      console.mockRestore();
    }
  });
});
