import { z } from 'zod';

const common = {
  /** Probability per matching request (seeded). */
  rate: z.number().min(0).max(1).default(1),
  /** Stop after triggering this many times. */
  times: z.number().int().min(1).optional(),
  /** Only requests whose path starts with this (e.g. /v1/uploads). */
  path: z.string().startsWith('/').optional(),
  method: z.string().toUpperCase().optional(),
};

/** Every fault the reference portal can inject; `kind` names the wire behaviour. */
export const FaultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('latency'), ms: z.number().int().min(0).max(120_000), ...common }).strict(),
  z
    .object({
      kind: z.literal('5xx'),
      status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(503),
      phase: z.enum(['before', 'after']).default('before'),
      ...common,
    })
    .strict(),
  z.object({ kind: z.literal('reset'), phase: z.enum(['before', 'after']).default('before'), ...common }).strict(),
  z.object({ kind: z.literal('429'), retryAfter: z.number().int().min(0).max(3600).default(1), ...common }).strict(),
  z.object({ kind: z.literal('slow-body'), bytesPerSecond: z.number().int().min(1).default(200), ...common }).strict(),
  z.object({ kind: z.literal('malformed-json'), ...common }).strict(),
  z.object({ kind: z.literal('409'), ...common }).strict(),
  z.object({ kind: z.literal('413'), ...common }).strict(),
  z.object({ kind: z.literal('drop-upload'), after: z.number().int().min(0), ...common }).strict(),
]);
export type Fault = z.infer<typeof FaultSchema>;
export type FaultInput = z.input<typeof FaultSchema>;

export const FaultSettingsSchema = z
  .object({ seed: z.number().int().optional(), faults: z.array(FaultSchema).max(50) })
  .strict();

/**
 * Parses a command-line fault, `kind[:key=value,...]`, e.g. `5xx:rate=0.3,status=503`,
 * `drop-upload:after=65536,times=1`, `latency:ms=200,path=/v1/uploads`.
 */
export function parseFaultFlag(text: string): Fault {
  const [kind, rest = ''] = text.split(/:(.*)/s, 2);
  const fields: Record<string, string | number> = {};
  for (const pair of rest.split(',').filter(Boolean)) {
    const [k, v] = pair.split('=', 2);
    if (!k || v === undefined) throw new Error(`--fault ${text}: "${pair}" is not key=value`);
    fields[k] = /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  }
  const parsed = FaultSchema.safeParse({ kind, ...fields });
  if (!parsed.success)
    throw new Error(`--fault ${text}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'kind'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
