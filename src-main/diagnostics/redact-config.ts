/** What a redacted value reads as in the export. */
export const REDACTED = '[redacted]';

/**
 * Words that make a key's value a secret wherever it sits in the config: the portal enrollment
 * token, any credential, password, PIN or key. Matched on the words of the key's name
 * (`enrollmentToken` → enrollment, token) so a secret added to the config later is redacted
 * without a change here, and `pinpad` is not taken for a PIN.
 */
const SECRET_WORDS = new Set(['token', 'secret', 'password', 'passphrase', 'passwd', 'credential', 'credentials', 'pin', 'pins', 'key', 'apikey']);
const isSecretKey = (key: string): boolean =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .some((word) => SECRET_WORDS.has(word.toLowerCase()));
/** Bank account numbers are not secrets but are not a technician's business either: last 4 kept. */
const MASKED_KEY = /accountnumber/i;

/**
 * The effective config with its secrets redacted, for the log export (decision 0030). The
 * portal credential and the PIN hashes are not in the config at all (a file and the store) and
 * never enter the export. A URL keeps its origin and path, never a user or password in it.
 */
export function redactConfig(value: unknown, key = ''): unknown {
  if (isSecretKey(key)) return value === '' || value === null ? value : REDACTED;
  if (MASKED_KEY.test(key) && typeof value === 'string') return value.length <= 4 ? REDACTED : `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
  if (Array.isArray(value)) return value.map((item) => redactConfig(item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactConfig(v, k)]));
  }
  if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(value)) return withoutUserInfo(value);
  return value;
}

function withoutUserInfo(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return REDACTED;
  }
}
