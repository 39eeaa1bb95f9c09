import { describe, expect, it } from 'vitest';
import { appOrigin, isAllowedExternalUrl, isAllowedRendererRequest, isAppUrl, originOf } from './url-policy.ts';

const trusted = [appOrigin, 'http://127.0.0.1:5173'];

describe('originOf', () => {
  it('rebuilds the origin of the custom scheme, which WHATWG URL reports as "null"', () => {
    expect(new URL('app://pediledger/index.html').origin).toBe('null');
    expect(originOf('app://pediledger/index.html')).toBe('app://pediledger');
    expect(originOf('not a url')).toBeNull();
    expect(originOf('file:///etc/passwd')).toBeNull();
  });
});

describe('isAppUrl', () => {
  it.each(['app://pediledger/', 'app://pediledger/index.html#/child/1', 'http://127.0.0.1:5173/src/main.ts'])(
    'accepts %s',
    (url) => {
      expect(isAppUrl(url, trusted)).toBe(true);
    },
  );

  it.each([
    'app://pediledger.evil/',
    'app://evil/pediledger',
    'https://pediledger/',
    'http://127.0.0.1:5174/',
    'http://127.0.0.1:5173@evil.example/',
    'http://user:pw@127.0.0.1:5173/',
    'file:///work/main/out/renderer/index.html',
    'javascript:alert(1)',
    'about:blank',
    '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url, trusted)).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  const hosts = ['docs.example.org'];

  it('opens allow-listed https URLs', () => {
    expect(isAllowedExternalUrl('https://docs.example.org/guide?x=1', hosts)).toBe(true);
  });

  it.each([
    'http://docs.example.org/',
    'https://docs.example.org.evil.com/',
    'https://evil.com/docs.example.org',
    'https://user@docs.example.org/',
    'https://docs.example.org:8443/',
    'file:///etc/passwd',
    'smb://docs.example.org/share',
    'javascript:alert(1)',
    'ms-msdt:/id',
    '\\\\server\\share',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url, hosts)).toBe(false);
  });

  it('opens nothing by default', () => {
    expect(isAllowedExternalUrl('https://docs.example.org/')).toBe(false);
  });
});

describe('isAllowedRendererRequest', () => {
  it('lets the renderer load only the app and the developer tools', () => {
    expect(isAllowedRendererRequest('app://pediledger/assets/index.js', trusted)).toBe(true);
    expect(isAllowedRendererRequest('devtools://devtools/bundled/inspector.html', trusted)).toBe(true);
    expect(isAllowedRendererRequest('https://cdn.example/lib.js', trusted)).toBe(false);
    expect(isAllowedRendererRequest('file:///etc/passwd', trusted)).toBe(false);
  });

  it('lets the dev server open its HMR socket, and no other socket', () => {
    expect(isAllowedRendererRequest('ws://127.0.0.1:5173/', trusted)).toBe(true);
    expect(isAllowedRendererRequest('ws://127.0.0.1:5174/', trusted)).toBe(false);
    expect(isAllowedRendererRequest('wss://evil.example/', trusted)).toBe(false);
  });
});
