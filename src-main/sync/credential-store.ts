import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where the terminal keeps the credential enrollment gave it. */
export interface CredentialStore {
  /** null when the terminal has not enrolled (or the credential was removed). */
  read(): string | null;
  write(credential: string): void;
  clear(): void;
}

export class CredentialFileError extends Error {}

/**
 * A file only the kiosk's OS user can read (0600), written atomically. The fallback where no OS
 * keystore is available (the browser host, a server without a desktop session).
 */
export class FileCredentialStore implements CredentialStore {
  constructor(private readonly file: string) {}

  read(): string | null {
    let text: string;
    try {
      const mode = statSync(this.file).mode & 0o777;
      if ((mode & 0o077) !== 0) {
        // Someone widened it: tighten it again rather than refuse to work.
        chmodSync(this.file, 0o600);
      }
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return null;
      throw new CredentialFileError(`Cannot read the terminal credential ${this.file}: ${String(error)}`);
    }
    const value = text.trim();
    return value === '' ? null : value;
  }

  write(credential: string): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, credential, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}

/** Holds a credential in memory only: a trial enrollment's (dropped with it), or a test's. */
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
