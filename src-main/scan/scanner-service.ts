import type { ScanEvent } from '../../src-shared/scan';
import type { TestRead } from '../../src-shared/staff-access';
import { cleanIncomingText } from '../../src-shared/text';
import type { Clock } from '../kernel/clock';
import { localDay } from '../kernel/clock';
import type { EventBus } from '../kernel/event-bus';
import type { Logger } from '../kernel/logger';
import type { BarcodeScannerPort } from '../devices/scanner/barcode-scanner-port';
import { classifyScan } from './classify-scan';
import { toTestRead } from './test-read';

/**
 * Turns scanned text into typed events. Scans from the scanner device are pushed to the
 * renderers as `scan` events; scans the renderer caught from a keyboard-wedge scanner come in
 * through `submitWedgeScan`, are answered directly and pushed as events too. Both go through the same classifier with
 * the kiosk's local day, and the last one is kept, masked, for the staff panel's "test read" only
 * as long as the citizen session that made it (`forgetLastScan` at each session start and end).
 * Logs say what kind of scan it was, never what it said (personal data, Decree 13/2023).
 */
export class ScannerService {
  private last: TestRead | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    scanner: BarcodeScannerPort,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly logger: Logger,
  ) {
    // Wedge scans were cleaned by the dispatcher with the rest of their request; device scans here.
    this.unsubscribe = scanner.onScan((text) => this.events.emit('scan', this.classify(cleanIncomingText(text), 'scanner')));
  }

  /**
   * Also pushed as a `scan` event, so a screen that takes scans (identify, lookup, the staff
   * panel) hears a keyboard-mode scanner exactly as it hears a HID-POS one.
   */
  submitWedgeScan(text: string): ScanEvent {
    const event = this.classify(text, 'wedge');
    this.events.emit('scan', event);
    return event;
  }

  /** The last scan as staff may see it; the full event is never kept. */
  testRead(): TestRead | null {
    return this.last;
  }

  forgetLastScan(): void {
    this.last = null;
  }

  close(): void {
    this.unsubscribe();
  }

  private classify(text: string, source: TestRead['source']): ScanEvent {
    const now = this.clock.now();
    const event = classifyScan(text, localDay(now, this.timeZone));
    this.last = toTestRead(event, text.length, source, now.toISOString());
    this.logger.log('info', 'scan', { source, kind: event.kind, ...(event.kind === 'unknown' ? { reason: event.reason } : {}) });
    return event;
  }
}
