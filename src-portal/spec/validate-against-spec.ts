import { loadSpec } from './load-spec';
import { SpecValidator } from './spec-validator';

export type SpecCheck = (
  method: string,
  path: string,
  status: number | 'request',
  body: unknown,
  headers?: Record<string, string | undefined>,
) => string[];

/**
 * `validateAgainstSpec(method, path, status, body, headers?)` for tests on either side of the API:
 * status `'request'` checks a request the kiosk sends, a number checks a response. Returns the
 * problems found, empty when it matches docs/sync-api.yaml.
 */
export function createSpecCheck(specFile?: string): SpecCheck {
  const validator = new SpecValidator(loadSpec(specFile));
  return (method, path, status, body, headers = {}) => {
    if (status !== 'request') return validator.validateResponse(method, path, status, body, headers);
    const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
    const withType = body !== undefined && !hasType ? { ...headers, 'content-type': 'application/json' } : headers;
    return validator.validateRequest({ method, url: path, headers: withType, body }).errors;
  };
}
