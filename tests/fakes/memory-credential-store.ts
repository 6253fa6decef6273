import type { CredentialStore } from '../../src-main/sync/credential-store';

/** Holds a credential in memory only: for tests that must not touch a disk. */
export class MemoryCredentialStore implements CredentialStore {
  constructor(private value: string | null = null) {}
  read(): string | null {
    return this.value;
  }
  write(credential: string): void {
    this.value = credential;
  }
  clear(): void {
    this.value = null;
  }
}
