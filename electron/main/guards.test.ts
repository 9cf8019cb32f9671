import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allowedSites,
  APP_START_URL,
  contentType,
  devToolsAllowed,
  externalLinkAllowed,
  isAppUrl,
  resolveAppFile,
} from './guards';

const root = path.resolve('/opt/claimdesk/renderer/dist');

describe('the app protocol', () => {
  it('serves files under the renderer folder, the start page for the bare origin', () => {
    expect(resolveAppFile(root, APP_START_URL)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'claimdesk://app/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'claimdesk://app/assets/index-3f9a.js?v=1')).toBe(
      path.join(root, 'assets', 'index-3f9a.js'),
    );
    expect(contentType(path.join(root, 'assets', 'index-3f9a.js'))).toMatch(/^text\/javascript/);
  });

  it('refuses every way out of the folder', () => {
    // plain dot segments are resolved by the address itself, and stay inside
    expect(resolveAppFile(root, 'claimdesk://app/assets/../../../main.mjs')).toBe(
      path.join(root, 'main.mjs'),
    );
    expect(resolveAppFile(root, 'claimdesk://app/%2e%2e/%2e%2e/etc/passwd')).toBe(
      path.join(root, 'etc', 'passwd'),
    );
    for (const url of [
      'claimdesk://app/assets/%2E%2E%2F%2E%2E%2Fsecret',
      'claimdesk://app/..%5c..%5cclaimdesk.sqlite',
      'claimdesk://app/assets%5c..%5c..%5cwin.ini',
      'claimdesk://app/index.html%00.png',
      'claimdesk://app/%E0%A4%A',
      'claimdesk://other/index.html',
      'file:///opt/claimdesk/renderer/dist/index.html',
      'https://app/index.html',
    ]) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });

  it('knows the app own pages from every other address', () => {
    expect(isAppUrl(APP_START_URL)).toBe(true);
    expect(isAppUrl('blob:claimdesk://app/4f1c2a')).toBe(true);
    expect(isAppUrl('claimdesk://evil/index.html')).toBe(false);
    expect(isAppUrl('file:///opt/claimdesk/renderer/dist/index.html')).toBe(false);
    expect(isAppUrl('https://app/index.html')).toBe(false);
  });
});

describe('links to the outside', () => {
  const sites = allowedSites(['www.mercyclinic.org', null, '  ', 'javascript:alert(1)']);

  it('go only to the facility own web address, over https', () => {
    expect(externalLinkAllowed('https://www.mercyclinic.org/billing', sites)).toBe(true);
    expect(externalLinkAllowed('https://mercyclinic.org/', sites)).toBe(true);
    expect(externalLinkAllowed('http://www.mercyclinic.org/', sites)).toBe(false);
    expect(externalLinkAllowed('https://mercyclinic.org.evil.example/', sites)).toBe(false);
    expect(externalLinkAllowed('https://evil.example/?u=www.mercyclinic.org', sites)).toBe(false);
    expect(externalLinkAllowed('https://www.mercyclinic.org@evil.example/', sites)).toBe(false);
    expect(externalLinkAllowed('https://user:pw@www.mercyclinic.org/', sites)).toBe(false);
    expect(externalLinkAllowed('https://www.mercyclinic.org:8443/', sites)).toBe(false);
    expect(externalLinkAllowed('file:///etc/passwd', sites)).toBe(false);
    expect(externalLinkAllowed('not a url', sites)).toBe(false);
  });

  it('go nowhere while the facility names no web address', () => {
    expect(externalLinkAllowed('https://www.mercyclinic.org/', allowedSites([null]))).toBe(false);
  });

  it('take http only where the office itself named http', () => {
    const plain = allowedSites(['http://intranet.mercy.local']);
    expect(externalLinkAllowed('http://intranet.mercy.local/forms', plain)).toBe(true);
    expect(externalLinkAllowed('https://intranet.mercy.local/forms', plain)).toBe(true);
  });
});

describe('DevTools', () => {
  it('open only with the developer flag, packaged or not', () => {
    expect(devToolsAllowed(['electron', '.'], {})).toBe(false);
    expect(
      devToolsAllowed(['electron', '.', '--db', 'x.sqlite'], { NODE_ENV: 'development' }),
    ).toBe(false);
    expect(devToolsAllowed(['electron', '.', '--devtools'], {})).toBe(true);
    expect(devToolsAllowed(['electron', '.'], { CLAIMDESK_DEVTOOLS: '1' })).toBe(true);
    expect(devToolsAllowed(['electron', '.'], { CLAIMDESK_DEVTOOLS: '0' })).toBe(false);
  });
});
