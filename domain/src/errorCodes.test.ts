import { describe, expect, it } from 'vitest';
import { allErrorCodes, errorCodes, isAppErrorCode } from './errorCodes.ts';

describe('the error vocabulary', () => {
  it('lists each code once, as an upper-case identifier', () => {
    expect(new Set(allErrorCodes).size).toBe(allErrorCodes.length);
    for (const code of allErrorCodes) expect(code).toMatch(/^[A-Z][A-Z_]*$/);
  });

  it('recognises its own codes and nothing else', () => {
    expect(isAppErrorCode(errorCodes.appLocked)).toBe(true);
    expect(isAppErrorCode('THING_FAILED')).toBe(false);
    expect(isAppErrorCode('constructor')).toBe(false);
  });
});
