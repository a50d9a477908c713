import { backendInfo, useBackend } from './backend';

declare global {
  interface Window {
    snn: { backend(): string; ready: Promise<void> };
  }
}
window.snn = { backend: () => backendInfo().backend, ready: useBackend('webgl').then(() => {}) };
