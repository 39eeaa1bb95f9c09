import { describe, expect, it } from 'vitest';
import { countMarkers, needlesOf, newMarkers } from './logCanary.ts';

describe('the log canary’s search', () => {
  const markers = newMarkers();
  const marker = markers.allergy;

  it('makes markers that are fresh, distinct and plain letters and digits', () => {
    expect(new Set(Object.values(markers)).size).toBe(Object.values(markers).length);
    expect(Object.values(markers).every((m) => /^[A-Za-z0-9]+$/.test(m))).toBe(true);
    expect(newMarkers().allergy).not.toBe(marker);
  });

  it('finds a marker printed as text, JSON, hex or base64 at any alignment', () => {
    const printed = [
      `value="{\\"substance\\":\\"${marker}\\"}"`,
      Buffer.from(`{"substance":"${marker}"}`).toString('hex'),
      ...['', 'x', 'xy'].map((prefix) => Buffer.from(`${prefix}${marker} and more`).toString('base64')),
    ];
    for (const text of printed) expect(countMarkers(text, markers)).toEqual({ allergy: 1 });
  });

  it('finds nothing in text without it', () => {
    expect(countMarkers('peer0.hospital: ProposalResponsePayloads do not match', markers)).toEqual({});
    expect(needlesOf(marker).every((needle) => needle.length >= 16)).toBe(true);
  });
});
