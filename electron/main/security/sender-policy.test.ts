import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './sender-policy.ts';
import { appOrigin } from './url-policy.ts';

describe('isTrustedSender', () => {
  it('accepts the top frame of the app origin', () => {
    expect(isTrustedSender({ url: 'app://pediledger/index.html', isTopFrame: true }, [appOrigin])).toBe(true);
  });

  it.each([
    ['a subframe of the app', { url: 'app://pediledger/index.html', isTopFrame: false }],
    ['another origin', { url: 'https://evil.example/', isTopFrame: true }],
    ['a look-alike host', { url: 'app://pediledger.evil/', isTopFrame: true }],
    ['a destroyed frame', null],
    ['an unknown frame', undefined],
  ])('refuses %s', (_name, frame) => {
    expect(isTrustedSender(frame, [appOrigin])).toBe(false);
  });
});
