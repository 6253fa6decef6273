import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { SpecDocument } from './load-spec';

/**
 * Validates requests against the OpenAPI document itself, so the YAML stays the one
 * source of truth: the portal's request checks and the contract tests cannot drift from it.
 */
type Json = Record<string, unknown>;

interface ParamCheck {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  validate: ValidateFunction;
}
export interface Operation {
  operationId: string;
  method: string;
  template: string;
  needsAuth: boolean;
  regex: RegExp;
  pathNames: string[];
  params: ParamCheck[];
  /** Media types the request body may have; JSON ones come with their schema's validator. */
  body?: { required: boolean; media: Map<string, ValidateFunction | undefined>; jsonParts: Map<string, ValidateFunction> };
}

export interface RequestToCheck {
  method: string;
  /** Path with an optional query string. */
  url: string;
  headers: Record<string, string | undefined>;
  /** Parsed JSON for JSON bodies; ignored for binary bodies. */
  body?: unknown;
}
export interface RequestVerdict {
  operation?: Operation;
  pathParams: Record<string, string>;
  errors: string[];
}

const methods = ['get', 'head', 'post', 'put', 'patch', 'delete'] as const;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

export class SpecValidator {
  private readonly operations: Operation[] = [];
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  // Parameters arrive as text: a separate instance coerces "5" to 5 without loosening bodies.
  private readonly paramAjv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: true });

  constructor(private readonly spec: SpecDocument) {
    for (const ajv of [this.ajv, this.paramAjv]) {
      addFormats(ajv);
      ajv.addSchema(spec, 'sync-api');
    }
    const paths = spec['paths'];
    if (!isObject(paths)) throw new Error('The OpenAPI document has no paths');
    const globalAuth = Array.isArray(spec['security']) && spec['security'].length > 0;
    for (const [template, item] of Object.entries(paths)) {
      if (!isObject(item)) continue;
      const base = `#/paths/${escapePointer(template)}`;
      const shared = Array.isArray(item['parameters']) ? item['parameters'] : [];
      for (const method of methods) {
        const op = item[method];
        if (!isObject(op)) continue;
        const opPointer = `${base}/${method}`;
        const own = Array.isArray(op['parameters']) ? op['parameters'] : [];
        const security = op['security'];
        this.operations.push({
          operationId: String(op['operationId'] ?? `${method} ${template}`),
          method: method.toUpperCase(),
          template,
          needsAuth: Array.isArray(security) ? security.length > 0 : globalAuth,
          regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
          pathNames: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ''),
          params: [
            ...shared.map((p, i) => this.param(`${base}/parameters/${i}`, p)),
            ...own.map((p, i) => this.param(`${opPointer}/parameters/${i}`, p)),
          ],
          body: this.requestBody(`${opPointer}/requestBody`, op['requestBody']),
        });
      }
    }
  }

  /** The operation a method and path (no query) belong to. */
  match(method: string, path: string): { operation: Operation; pathParams: Record<string, string> } | undefined {
    for (const operation of this.operations) {
      if (operation.method !== method.toUpperCase()) continue;
      const m = operation.regex.exec(path);
      if (!m) continue;
      const pathParams: Record<string, string> = {};
      operation.pathNames.forEach((name, i) => {
        pathParams[name] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { operation, pathParams };
    }
    return undefined;
  }

  validateRequest(request: RequestToCheck): RequestVerdict {
    const url = new URL(request.url, 'http://spec.invalid');
    const found = this.match(request.method, url.pathname);
    if (!found) return { pathParams: {}, errors: [`${request.method} ${url.pathname} is not an operation of the API`] };
    const { operation, pathParams } = found;
    const headers = lowerKeys(request.headers);
    const errors: string[] = [];
    for (const p of operation.params) {
      const raw =
        p.in === 'path' ? pathParams[p.name] : p.in === 'query' ? url.searchParams.get(p.name) ?? undefined : headers[p.name.toLowerCase()];
      if (raw === undefined) {
        if (p.required) errors.push(`${p.in} parameter ${p.name} is required`);
        continue;
      }
      if (!p.validate({ v: raw })) errors.push(...describeAjvErrors(p.validate.errors, `${p.in} parameter ${p.name}`));
    }
    const body = operation.body;
    if (body) {
      const contentType = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const validate = body.media.get(contentType);
      if (!body.media.has(contentType)) errors.push(`Content-Type must be ${[...body.media.keys()].join(' or ')}`);
      else if (validate) {
        if (request.body === undefined) {
          if (body.required) errors.push('a request body is required');
        } else if (!validate(request.body)) errors.push(...describeAjvErrors(validate.errors, 'body'));
      }
    }
    return { operation, pathParams, errors };
  }

  /**
   * Checks a value against the JSON body schema of an operation, for facts that arrived another
   * way (creation with upload sends the JSON create's fields as headers).
   */
  validateJsonBody(operationId: string, value: unknown): string[] {
    const validate = this.operations.find((o) => o.operationId === operationId)?.body?.media.get('application/json');
    if (!validate) return [`${operationId} has no JSON body in the API`];
    return validate(value) ? [] : describeAjvErrors(validate.errors, 'body');
  }

  /** Checks a JSON part of a multipart body (e.g. a dossier bundle's manifest) against its schema. */
  validateJsonPart(operationId: string, part: string, value: unknown): string[] {
    const validate = this.operations.find((o) => o.operationId === operationId)?.body?.jsonParts.get(part);
    if (!validate) return [`${operationId} has no JSON part ${part} in the API`];
    return validate(value) ? [] : describeAjvErrors(validate.errors, `part ${part}`);
  }

  private deref(value: unknown): { value: unknown; pointer?: string } {
    if (isObject(value) && typeof value['$ref'] === 'string') {
      const pointer = value['$ref'];
      let node: unknown = this.spec;
      for (const part of pointer.replace(/^#\//, '').split('/')) {
        node = isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
      }
      if (node === undefined) throw new Error(`Unresolved $ref ${pointer}`);
      return { value: node, pointer };
    }
    return { value };
  }

  private schemaAt(ajv: Ajv2020, pointer: string, wrap: boolean): ValidateFunction {
    const ref = { $ref: `sync-api${pointer}` };
    return ajv.compile(wrap ? { type: 'object', properties: { v: ref } } : ref);
  }

  private param(pointer: string, raw: unknown): ParamCheck {
    const { value, pointer: resolved } = this.deref(raw);
    if (!isObject(value)) throw new Error(`Bad parameter at ${pointer}`);
    const where = value['in'];
    if (where !== 'path' && where !== 'query' && where !== 'header') throw new Error(`Unsupported parameter location at ${pointer}`);
    return {
      name: String(value['name']),
      in: where,
      required: value['required'] === true,
      validate: this.schemaAt(this.paramAjv, `${resolved ?? pointer}/schema`, true),
    };
  }

  private requestBody(pointer: string, raw: unknown): Operation['body'] {
    if (raw === undefined) return undefined;
    const { value } = this.deref(raw);
    if (!isObject(value) || !isObject(value['content'])) throw new Error(`Bad requestBody at ${pointer}`);
    const types = Object.keys(value['content']);
    if (types.length === 0) throw new Error(`requestBody without content at ${pointer}`);
    const media = new Map<string, ValidateFunction | undefined>();
    const jsonParts = new Map<string, ValidateFunction>();
    for (const mediaType of types) {
      // Only JSON bodies are parsed; binary ones are checked by the handler as they stream in.
      const json = mediaType === 'application/json';
      const at = `${pointer}/content/${escapePointer(mediaType)}`;
      media.set(mediaType, json ? this.schemaAt(this.ajv, `${at}/schema`, false) : undefined);
      // Multipart: the parts encoded as JSON are checked by the handler when they arrive.
      const encoding = mediaType === 'multipart/form-data' ? (value['content'] as Json)[mediaType] : undefined;
      const parts = isObject(encoding) && isObject(encoding['encoding']) ? encoding['encoding'] : {};
      for (const [name, enc] of Object.entries(parts)) {
        if (!isObject(enc) || enc['contentType'] !== 'application/json') continue;
        // A part that may repeat (an array property) is checked one occurrence at a time.
        const property = `${at}/schema/properties/${escapePointer(name)}`;
        const schema = isObject(encoding) ? this.deref(encoding['schema']).value : undefined;
        const properties = isObject(schema) && isObject(schema['properties']) ? schema['properties'] : {};
        const repeated = this.deref(properties[name]).value;
        jsonParts.set(name, this.schemaAt(this.ajv, isObject(repeated) && repeated['type'] === 'array' ? `${property}/items` : property, false));
      }
    }
    return { required: value['required'] === true, media, jsonParts };
  }
}

function lowerKeys(headers: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}

/** Ajv's errors as lines naming where (`body`, `part X`, `header X`, a parameter). */
export function describeAjvErrors(errors: ErrorObject[] | null | undefined, where: string): string[] {
  // Parameters are validated wrapped as { v: value } (see schemaAt); bodies and parts are not.
  const wrapped = where !== 'body' && !where.startsWith('part ');
  return (errors ?? []).map((e) => {
    const at = wrapped ? e.instancePath.replace(/^\/v/, '') : e.instancePath;
    const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params['additionalProperty'])})` : '';
    return `${where}${at}: ${e.message ?? e.keyword}${extra}`;
  });
}
