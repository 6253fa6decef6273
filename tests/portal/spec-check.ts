import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { loadSpec } from '../../src-portal/spec/load-spec';
import { describeAjvErrors, SpecValidator } from '../../src-portal/spec/spec-validator';

export type SpecCheck = (
  method: string,
  path: string,
  status: number | 'request',
  body: unknown,
  headers?: Record<string, string | undefined>,
) => string[];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * `check(method, path, status, body, headers?)` for tests on either side of the API: status
 * `'request'` checks a request the kiosk sends (the portal's own validator), a number checks a
 * response against the documented status, headers and body. Returns the problems found, empty when
 * it matches docs/sync-api.yaml. Responses are checked only by tests: the portal never needs to.
 */
export function createSpecCheck(specFile?: string): SpecCheck {
  const spec = loadSpec(specFile);
  const validator = new SpecValidator(spec);
  const ajvOf = (coerceTypes: boolean) => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes });
    addFormats(ajv);
    ajv.addSchema(spec, 'sync-api');
    return ajv;
  };
  const [bodies, headerValues] = [ajvOf(false), ajvOf(true)];
  const at = (pointer: string): { value: unknown; pointer: string } => {
    let node: unknown = spec;
    for (const part of pointer.replace(/^#\//, '').split('/')) node = isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    return isObject(node) && typeof node['$ref'] === 'string' ? at(node['$ref']) : { value: node, pointer };
  };
  const compiled = new Map<string, ValidateFunction>();
  const schemaAt = (pointer: string, wrap: boolean): ValidateFunction => {
    const key = `${wrap}${pointer}`;
    const ref = { $ref: `sync-api${pointer}` };
    if (!compiled.has(key)) compiled.set(key, (wrap ? headerValues : bodies).compile(wrap ? { type: 'object', properties: { v: ref } } : ref));
    return compiled.get(key) as ValidateFunction;
  };

  const checkResponse = (method: string, path: string, status: number, body: unknown, headers: Record<string, string | undefined>): string[] => {
    const found = validator.match(method, new URL(path, 'http://spec.invalid').pathname);
    if (!found) return [`${method} ${path} is not an operation of the API`];
    const base = `#/paths/${escapePointer(found.operation.template)}/${method.toLowerCase()}/responses`;
    const documented = at(base).value;
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => isObject(documented) && k in documented);
    if (!key) return [`${found.operation.operationId} does not document status ${status}`];
    const { value: response, pointer } = at(`${base}/${key}`);
    const errors: string[] = [];
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    for (const name of Object.keys(isObject(response) && isObject(response['headers']) ? response['headers'] : {})) {
      const header = at(`${pointer}/headers/${escapePointer(name)}`);
      const raw = lower[name.toLowerCase()];
      const validate = schemaAt(`${header.pointer}/schema`, true);
      if (raw === undefined) {
        if (isObject(header.value) && header.value['required'] === true) errors.push(`header ${name} is required on ${status}`);
      } else if (!validate({ v: raw })) errors.push(...describeAjvErrors(validate.errors, `header ${name}`));
    }
    const mediaType = isObject(response) && isObject(response['content']) ? Object.keys(response['content'])[0] : undefined;
    if (mediaType) {
      const validate = schemaAt(`${pointer}/content/${escapePointer(mediaType)}/schema`, false);
      if (body === undefined) errors.push(`status ${status} must have a ${mediaType} body`);
      else if (!validate(body)) errors.push(...describeAjvErrors(validate.errors, 'body'));
    } else if (body !== undefined) errors.push(`status ${status} must have no body`);
    return errors;
  };

  return (method, path, status, body, headers = {}) => {
    if (status !== 'request') return checkResponse(method, path, status, body, headers);
    const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
    const withType = body !== undefined && !hasType ? { ...headers, 'content-type': 'application/json' } : headers;
    return validator.validateRequest({ method, url: path, headers: withType, body }).errors;
  };
}
