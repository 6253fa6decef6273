import { z } from 'zod';
import { ConfigError, mergeConfig, parseConfig, type KioskConfig } from './config';

/**
 * One file for many terminals (issue #19): shared defaults, then each terminal's overrides,
 * picked by terminal id or by the machine's hostname.
 */
export const ProvisionProfileSchema = z.strictObject({
  profileVersion: z.literal(1, { error: 'expected 1 (the only profile format so far)' }),
  defaults: z.record(z.string(), z.unknown()).default({}),
  terminals: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash or underscore, 1–64 characters'),
        hostname: z.string().min(1).max(253).optional(),
        config: z.record(z.string(), z.unknown()).default({}),
      }),
    )
    .min(1, 'the profile names no terminal'),
});
export type ProvisionProfile = z.infer<typeof ProvisionProfileSchema>;

export interface ProvisionPlan {
  terminalId: string;
  /** What goes into <data dir>/config.json: the profile's part only; the embedded defaults stay underneath. */
  written: Record<string, unknown>;
  config: KioskConfig;
}

const issuesOf = (error: z.ZodError, prefix: string) => error.issues.map((i) => `  ${[prefix, ...i.path].filter((p) => p !== '').join('.') || '(root)'}: ${i.message}`);

/** Keys of `raw` that validation dropped: a typo ("timeoutSecond") must not pass silently. */
export function unknownKeys(raw: unknown, parsed: unknown, path: string[] = []): string[] {
  if (Array.isArray(raw) && Array.isArray(parsed)) return raw.flatMap((item, i) => unknownKeys(item, parsed[i], [...path, String(i)]));
  if (!isObject(raw) || !isObject(parsed)) return [];
  return Object.keys(raw).flatMap((key) => (key in parsed ? unknownKeys(raw[key], parsed[key], [...path, key]) : [[...path, key].join('.')]));
}
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The configuration one terminal gets from a profile, or a ConfigError naming every problem:
 * bad JSON, an unknown or mistyped field (with the terminal it belongs to), an id or hostname
 * used twice, no terminal matching. Pure: nothing is written here.
 */
export function planProvision(profileText: string, source: string, embeddedDefaults: unknown, pick: { terminalId?: string; hostname: string }): ProvisionPlan {
  let json: unknown;
  try {
    json = JSON.parse(profileText);
  } catch (error) {
    throw new ConfigError(`The profile ${source} is not JSON: ${(error as Error).message}`);
  }
  const parsed = ProvisionProfileSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(`Invalid profile ${source}:\n${issuesOf(parsed.error, '').join('\n')}`);
  const profile = parsed.data;
  const problems: string[] = [];
  for (const key of ['id', 'hostname'] as const) {
    const seen = new Map<string, number>();
    profile.terminals.forEach((t, i) => {
      const value = t[key];
      if (value === undefined) return;
      const first = seen.get(value);
      if (first !== undefined) problems.push(`  terminals.${i}.${key}: "${value}" is already used by terminals.${first}`);
      else seen.set(value, i);
    });
  }
  // Every terminal is checked, not only the one picked: a profile is good for the whole fleet or not at all.
  profile.terminals.forEach((t, i) => {
    const raw = mergeConfig(mergeConfig(profile.defaults, t.config), { terminal: { id: t.id } });
    const result = parseConfigOrIssues(mergeConfig(embeddedDefaults, raw));
    if (typeof result === 'string') problems.push(...result.split('\n').map((line) => `  terminals.${i} (${t.id}): ${line.trim()}`));
    else problems.push(...unknownKeys(raw, result).map((k) => `  terminals.${i} (${t.id}): ${k}: unknown setting`));
  });
  if (problems.length > 0) throw new ConfigError(`Invalid profile ${source}:\n${problems.join('\n')}`);

  const chosen = pick.terminalId !== undefined ? profile.terminals.find((t) => t.id === pick.terminalId) : profile.terminals.find((t) => t.hostname === pick.hostname);
  if (!chosen) {
    const by = pick.terminalId !== undefined ? `terminal id "${pick.terminalId}"` : `hostname "${pick.hostname}" (give --terminal-id to choose one)`;
    throw new ConfigError(`The profile ${source} has no terminal for ${by}; it names ${profile.terminals.map((t) => t.id).join(', ')}.`);
  }
  const written = mergeConfig(mergeConfig(profile.defaults, chosen.config), { terminal: { id: chosen.id } }) as Record<string, unknown>;
  return { terminalId: chosen.id, written, config: parseConfig(mergeConfig(embeddedDefaults, written), source) };
}

function parseConfigOrIssues(raw: unknown): KioskConfig | string {
  try {
    return parseConfig(raw, 'profile');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.message.split('\n').slice(1).join('\n');
  }
}
