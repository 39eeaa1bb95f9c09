import { describe, expect, it } from 'vitest';
import { contentSecurityPolicyHeader, contentSecurityPolicyMeta } from './csp.ts';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('content security policy', () => {
  it('allows only the app itself: no inline script, no eval, no remote hosts', () => {
    const policy = directives(contentSecurityPolicyHeader);
    expect(policy.get('default-src')).toBe("'none'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(contentSecurityPolicyHeader).not.toMatch(/unsafe-|https?:|\*/);
  });

  it('leaves frame-ancestors out of the meta form, where browsers ignore it', () => {
    expect(directives(contentSecurityPolicyMeta).has('frame-ancestors')).toBe(false);
    expect(contentSecurityPolicyHeader.startsWith(contentSecurityPolicyMeta)).toBe(true);
  });
});
