// Tests keep importing it from here; it lives beside the other credential stores.
export { MemoryCredentialStore } from '../../src-main/sync/credential-store';
