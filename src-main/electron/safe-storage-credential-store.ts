import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CredentialStore } from '../sync/credential-store';

/** The part of Electron's `safeStorage` this store uses; passed in so it is testable without Electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The credential encrypted with the OS keystore (DPAPI, Keychain, libsecret) via Electron's
 * safeStorage, in a 0600 file. Where the keystore is unavailable, it falls back to the plain
 * 0600 store it is given, so the kiosk still works (and says so in the log).
 */
export class SafeStorageCredentialStore implements CredentialStore {
  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly file: string,
    private readonly fallback: CredentialStore,
  ) {}

  read(): string | null {
    if (!this.safeStorage.isEncryptionAvailable()) return this.fallback.read();
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.file);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return this.migrateFromFallback();
      throw error;
    }
    return bytes.length === 0 ? null : this.safeStorage.decryptString(bytes);
  }

  write(credential: string): void {
    if (!this.safeStorage.isEncryptionAvailable()) return this.fallback.write(credential);
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, this.safeStorage.encryptString(credential), { mode: 0o600 });
    renameSync(temp, this.file);
    // The plain copy must not outlive the encrypted one.
    this.fallback.clear();
  }

  clear(): void {
    rmSync(this.file, { force: true });
    this.fallback.clear();
  }

  /** A terminal enrolled before the keystore was available moves its credential in on first read. */
  private migrateFromFallback(): string | null {
    const plain = this.fallback.read();
    if (plain !== null) this.write(plain);
    return plain;
  }
}
