import type { LinkStateDto } from '../../src-shared/sync';
import { logEvent } from '../kernel/log-events';
import type { Logger } from '../kernel/logger';

/**
 * Logs the link to the portal going down and coming back (issue #21): `link.down` (warn) when no
 * answer comes, `link.up` (info) with how long it was down, `link.degraded` (warn) when it answers
 * with errors. The first `link.up` after start has no duration: nothing was down before it.
 */
export class LinkLog {
  private downSince: number | null = null;

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  observe(state: LinkStateDto): void {
    const at = this.now();
    switch (state) {
      case 'offline':
        this.downSince ??= at;
        logEvent(this.logger, 'warn', 'link.down', {});
        return;
      case 'online': {
        const downMs = this.downSince === null ? null : at - this.downSince;
        this.downSince = null;
        logEvent(this.logger, 'info', 'link.up', downMs === null ? {} : { downMs });
        return;
      }
      case 'degraded':
        logEvent(this.logger, 'warn', 'link.degraded', this.downSince === null ? {} : { downMs: at - this.downSince });
        // It answers again: the outage is over even if some answers are errors.
        this.downSince = null;
        return;
      case 'disabled':
        return;
    }
  }
}
