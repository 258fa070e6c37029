// The flags every headless Chromium of the tests starts with: no sandbox
// (the tests run as root in CI), no GPU, and none of the background
// connections (updates, sync, QUIC probes) that the closed network of CI
// refuses, many at a time. Shared by the browser tests (helpers.mjs) and
// Lighthouse (lighthouse.mjs).
export const QUIET_CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
