import type { QueueConfig } from '../../src-shared/central-config';
import type { CenterConfig } from '../kernel/center';

// Shared with the portal, which validates central configuration with the same schemas (decision 0041).
export { QueueConfigSchema, type QueueConfig, type QueueServiceConfig } from '../../src-shared/central-config';

/** The part of the kiosk config the queue service reads. */
export interface QueueServiceSettings {
  center: Pick<CenterConfig, 'name' | 'queueFollowUrl' | 'timeZone'>;
  printer: { header: string; footer: string };
  queue: QueueConfig;
}
