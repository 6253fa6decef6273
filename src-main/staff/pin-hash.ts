import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { MIN_PIN_DIGITS } from '../../src-shared/staff-access';

/**
 * A PIN as it is stored: scrypt of the PIN with a random salt, and the parameters used, so they
 * can be raised later without invalidating PINs already set. The PIN itself is never stored.
 */
export interface PinHash {
  /** `scrypt:N=<n>,r=<r>,p=<p>,len=<bytes>` */
  scheme: string;
  salt: Buffer;
  hash: Buffer;
}

/** ~40 ms on a kiosk PC: slow enough to make an offline guess of a 6-digit PIN costly, quick at the pad. */
const PARAMS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32, saltBytes: 16 } as const;
const MAXMEM = 64 * 1024 * 1024;

/** Why a PIN cannot be set, in plain words; null when it can. */
export function pinProblem(pin: string): string | null {
  if (!/^\d+$/.test(pin)) return 'A PIN has digits only (0–9).';
  if (pin.length < MIN_PIN_DIGITS) return `A PIN has at least ${MIN_PIN_DIGITS} digits.`;
  if (pin.length > 12) return 'A PIN has at most 12 digits.';
  return null;
}

function derive(pin: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: MAXMEM };
  return new Promise((resolve, reject) => scrypt(pin, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** Hashes a PIN for storing (the provisioning profile calls this too). Throws on a PIN `pinProblem` refuses. */
export async function hashPin(pin: string): Promise<PinHash> {
  const problem = pinProblem(pin);
  if (problem) throw new Error(problem);
  const salt = randomBytes(PARAMS.saltBytes);
  const hash = await derive(pin, salt, PARAMS.N, PARAMS.r, PARAMS.p, PARAMS.keyLength);
  return { scheme: `scrypt:N=${PARAMS.N},r=${PARAMS.r},p=${PARAMS.p},len=${PARAMS.keyLength}`, salt, hash };
}

/** True when `pin` is the stored one; compared in constant time. An unreadable scheme never matches. */
export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const m = /^scrypt:N=(\d+),r=(\d+),p=(\d+),len=(\d+)$/.exec(stored.scheme);
  if (!m) return false;
  const [N, r, p, len] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (len !== stored.hash.length) return false;
  const candidate = await derive(pin.slice(0, 64), stored.salt, N, r, p, len);
  return timingSafeEqual(candidate, stored.hash);
}
