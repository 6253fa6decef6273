import { z } from 'zod';
import { LocalizedTextSchema } from '../../src-shared/dto';
import type { CenterConfig } from '../kernel/center';

const QueueServiceConfigSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'lowercase letters, digits and dashes'),
  prefix: z.string().regex(/^[A-Z]{1,3}$/, '1 to 3 capital letters'),
  name: LocalizedTextSchema,
  description: LocalizedTextSchema,
  icon: z.string().min(1),
  /** First number of the day. */
  start: z.number().int().min(0).max(9999).default(1),
  digits: z.number().int().min(2).max(5).default(3),
});
export type QueueServiceConfig = z.infer<typeof QueueServiceConfigSchema>;

/** `queue` in the kiosk config: the services a citizen can take a ticket for. */
export const QueueConfigSchema = z.object({
  services: z
    .array(QueueServiceConfigSchema)
    .min(1, 'at least one service')
    .refine((s) => new Set(s.map((x) => x.id)).size === s.length, 'service ids must be unique')
    .refine((s) => new Set(s.map((x) => x.prefix)).size === s.length, 'service prefixes must be unique'),
});
export type QueueConfig = z.infer<typeof QueueConfigSchema>;

/** The part of the kiosk config the queue service reads. */
export interface QueueServiceSettings {
  center: Pick<CenterConfig, 'name' | 'queueFollowUrl' | 'timeZone'>;
  printer: { header: string; footer: string };
  queue: QueueConfig;
}
