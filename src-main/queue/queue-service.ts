import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Language, Priority, QueueServiceDto, QueueSummary, TicketDto, TicketWait } from '../../src-shared/dto';
import { formatLocalDateTime, localDay, type Clock } from '../kernel/clock';
import type { QueueServiceConfig, QueueServiceSettings } from './queue-config';
import { KioskError } from '../kernel/kiosk-error';
import type { Logger } from '../kernel/logger';
import type { PrinterPort } from '../devices/printer/printer-port';
import { encodeRasterJob } from '../devices/printer/raster-job';
import { renderTicket } from '../devices/printer/ticket-layout';
import type { NumberSource, QueueNumberAllocator } from './queue-number-allocator';
import { kioskOnlySummary, kioskOnlyWait, type QueueWaitSource } from './queue-wait';
import { ticketTexts } from './ticket-texts';
import * as tickets from './ticket-repository';
import { enqueueJob } from '../outbox/outbox-repository';

/** The outbox job that registers a ticket numbered offline with the portal's queue. */
export const TICKET_JOB_KIND = 'register-ticket';
/** Its idempotency key: the portal's own key for a ticket is its id, used by the registration at the screen. */
export const ticketRegistrationKey = (ticketId: string): string => `${ticketId}.offline`;

/** Issues queue tickets: number first (durably), then the paper. A failed print never voids a ticket. */
export class QueueService {
  constructor(
    private readonly db: Database,
    private readonly config: QueueServiceSettings,
    private readonly printer: PrinterPort,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** The center's numbering across terminals (portal, reserved blocks, terminal range); none = this kiosk alone. */
    private readonly allocator?: QueueNumberAllocator,
    /** The center's queue (sync): people ahead and the wait, and the ticket's live page; none = this kiosk alone. */
    private readonly center?: { wait: QueueWaitSource; ticketPageUrl: (ticketId: string) => string },
  ) {}

  listServices(): QueueServiceDto[] {
    return this.config.queue.services.map(({ id, prefix, name, description, icon }) => ({
      id,
      prefix,
      name,
      description,
      icon,
    }));
  }

  /** The home screen's view of the queue: per service, people waiting and the wait a ticket taken now can expect. */
  summary(): QueueSummary {
    const day = localDay(this.clock.now(), this.config.center.timeZone);
    const known = this.center?.wait.summaryOf(day) ?? kioskOnlySummary(this.db, day);
    return {
      source: known.source,
      asOfText: known.asOfText,
      services: this.config.queue.services.map((s) => ({ serviceId: s.id, name: s.name, ...known.waiting(s.id) })),
    };
  }

  async takeTicket(serviceId: string, priority: Priority, language: Language): Promise<TicketDto> {
    const service = this.service(serviceId);
    const issuedAt = this.clock.now();
    const day = localDay(issuedAt, this.config.center.timeZone);
    const id = randomUUID();
    // Allocated before the transaction: it may ask the portal, and SQLite must not wait on the network.
    const allocated = await this.allocate(id, service, day, priority, issuedAt);
    this.db.transaction(() => {
      const number = allocated?.number ?? tickets.nextNumber(this.db, service.id, day, service.start);
      const source: NumberSource | 'local' = allocated?.source ?? 'local';
      if (source === 'local' && number >= 10 ** service.digits) {
        throw new KioskError('device_unavailable', `No more numbers today for ${service.name.en}`);
      }
      // A terminal-range number shows one more digit than the service's (e.g. A2017 from terminal 2).
      const display = service.prefix + String(number).padStart(service.digits, '0');
      tickets.insertTicket(this.db, {
        id,
        service_id: service.id,
        day,
        number,
        display,
        priority,
        issued_at: issuedAt.toISOString(),
        number_source: source,
      });
      // Numbered offline (a reserved block, or this terminal's own range): the center's calling
      // queue learns of it when the link is back, under the number on the paper (decision 0042).
      if (source === 'block' || source === 'terminal') {
        enqueueJob(this.db, { kind: TICKET_JOB_KIND, subjectId: id, idempotencyKey: ticketRegistrationKey(id), payload: { ticketId: id }, now: issuedAt.toISOString() });
      }
    }).immediate();
    this.logger.log('info', 'ticket issued', { id, serviceId });
    return this.print(id, language);
  }

  /** Prints (again) a ticket already issued; the reply says whether the paper came out. */
  async print(ticketId: string, language: Language): Promise<TicketDto> {
    const row = tickets.getTicket(this.db, ticketId);
    if (!row) throw new KioskError('not_found', 'No such ticket');
    const service = this.service(row.service_id);
    const wait = await this.waitOf(row);
    const dto = this.toDto(row, service, wait);
    try {
      const texts = ticketTexts(language);
      const bitmap = renderTicket(
        {
          centerName: this.config.center.name[language],
          header: this.config.printer.header,
          serviceName: service.name[language],
          number: row.display,
          priorityLabel: row.priority === 'none' ? null : texts.priority[row.priority],
          issuedAtText: formatLocalDateTime(new Date(row.issued_at), this.config.center.timeZone),
          waitingAheadText: texts.waitingAhead(wait.peopleAhead),
          waitDetailText: texts.waitDetail(wait),
          qrText: dto.qrText,
          qrCaption: texts.qrCaption,
          footer: this.config.printer.footer,
        },
        this.printer.paperWidthDots,
      );
      await this.printer.send(encodeRasterJob(bitmap));
      tickets.setPrintResult(this.db, row.id, { ok: true });
      return { ...dto, printed: true, printError: null };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.log('warn', 'ticket print failed', { id: row.id, error: message });
      tickets.setPrintResult(this.db, row.id, { ok: false, error: message });
      return { ...dto, printed: false, printError: message };
    }
  }

  /** null: number locally (no allocator, or it could not give one, e.g. before enrollment). */
  private async allocate(id: string, service: QueueServiceConfig, day: string, priority: Priority, issuedAt: Date) {
    if (!this.allocator) return null;
    try {
      return await this.allocator.allocate({ ticketId: id, serviceId: service.id, day, priority, issuedAt: issuedAt.toISOString(), digits: service.digits });
    } catch (error) {
      this.logger.log('warn', 'queue number allocation failed; numbering locally', { serviceId: service.id, error: String(error) });
      return null;
    }
  }

  /** Never fails the ticket: without the center's answer, this kiosk's own count. */
  private async waitOf(row: tickets.TicketRow): Promise<TicketWait> {
    if (this.center) {
      try {
        return await this.center.wait.waitOf(row);
      } catch (error) {
        this.logger.log('warn', 'queue wait unknown; counting this kiosk only', { error: String(error) });
      }
    }
    return kioskOnlyWait(this.db, row);
  }

  /** The ticket's live page on the portal when there is one; else the center's follow page. */
  private followUrl(row: tickets.TicketRow, service: QueueServiceConfig): string {
    if (this.center) return this.center.ticketPageUrl(row.id);
    const url = new URL(this.config.center.queueFollowUrl);
    url.searchParams.set('t', row.display);
    url.searchParams.set('d', row.day);
    url.searchParams.set('s', service.id);
    return url.toString();
  }

  private service(id: string): QueueServiceConfig {
    const service = this.config.queue.services.find((s) => s.id === id);
    if (!service) throw new KioskError('not_found', `Unknown service: ${id.slice(0, 64)}`);
    return service;
  }

  private toDto(row: tickets.TicketRow, service: QueueServiceConfig, wait: TicketWait): TicketDto {
    return {
      id: row.id,
      display: row.display,
      serviceId: service.id,
      serviceName: service.name,
      priority: row.priority,
      issuedAt: row.issued_at,
      waitingAhead: wait.peopleAhead,
      wait,
      qrText: this.followUrl(row, service),
      printed: row.print_state === 'printed',
      printError: row.print_error,
    };
  }
}
