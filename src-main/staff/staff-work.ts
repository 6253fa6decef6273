import type { Database } from 'better-sqlite3';
import type { DeviceHealth, Language, Priority, TicketDto } from '../../src-shared/dto';
import type { StaffRole } from '../../src-shared/staff-access';
import type { ReceiptReprint } from '../../src-shared/staff-work';
import { localDay, type Clock } from '../kernel/clock';
import { KioskError } from '../kernel/kiosk-error';
import type { PrinterPort } from '../devices/printer/printer-port';
import { printerWordsOf } from '../devices/printer/printer-condition';
import { normalizeCodeInput } from '../dossier/dossier-code';
import { addAudit, findDossierByCode, personalDataErased } from '../dossier/dossier-repository';
import type { DossierService } from '../dossier/dossier-service';
import type { QueueService } from '../queue/queue-service';
import { lastIssuedOn } from '../queue/ticket-repository';

export interface StaffWorkDeps {
  db: Database;
  queue: Pick<QueueService, 'takeTicket' | 'print'>;
  dossiers: Pick<DossierService, 'print'>;
  printer: PrinterPort;
  /** Asks the devices again and reports changes (the monitor): a refilled printer's alert resolves through it. */
  pollDevices: () => Promise<void>;
  clock: Clock;
  timeZone: string;
  terminalId: string;
}

/**
 * What staff do for a citizen at the kiosk (issue #21): reprints, a ticket taken for someone who
 * cannot use the screen, the paper put back. Each action goes to the audit log with the role
 * that did it (`staff@T01`, `it@T01`), next to the sync's "row sent again".
 */
export class StaffWork {
  constructor(private readonly deps: StaffWorkDeps) {}

  /** Today's last ticket from this terminal, printed again (the number is not re-issued). */
  async reprintLastTicket(role: StaffRole, language: Language): Promise<TicketDto> {
    const { db, clock, timeZone } = this.deps;
    const last = lastIssuedOn(db, localDay(clock.now(), timeZone));
    if (!last) throw new KioskError('not_found', 'No ticket was issued on this kiosk today.');
    const ticket = await this.deps.queue.print(last.id, language);
    this.audit(role, 'staff.ticket_reprinted', last.id, { printed: ticket.printed });
    return ticket;
  }

  /** A dossier's receipt printed again by its code (provisional or official); never for an erased dossier. */
  async reprintReceiptByCode(role: StaffRole, code: string, language: Language): Promise<ReceiptReprint> {
    const wanted = normalizeCodeInput(code);
    const row = findDossierByCode(this.deps.db, wanted);
    if (!row) throw new KioskError('not_found', `No dossier with code ${wanted.slice(0, 64)} on this kiosk.`);
    const shown = row.official_code ?? row.provisional_code ?? wanted;
    if (personalDataErased(row)) {
      this.audit(role, 'staff.receipt_reprint_refused', row.id, { why: 'personal data erased' });
      return { outcome: 'erased', code: shown };
    }
    const { printed, printError } = await this.deps.dossiers.print(row.id, language);
    this.audit(role, 'staff.receipt_reprinted', row.id, { printed });
    return printed ? { outcome: 'printed', code: shown } : { outcome: 'print-failed', code: shown, printError: printError ?? { vi: 'Không in được', en: 'Not printed' } };
  }

  /**
   * A ticket issued by staff for a citizen. Unlike the citizen's takeTicket it leaves the staff
   * session open; like it, it refuses to number a ticket the printer cannot print.
   */
  async takeTicketForCitizen(role: StaffRole, serviceId: string, priority: Priority, language: Language): Promise<TicketDto> {
    const { printer } = this.deps;
    const health = (await printer.refreshHealth?.()) ?? printer.health();
    if (health.state === 'offline') throw new KioskError('device_unavailable', printerWordsOf(health));
    const ticket = await this.deps.queue.takeTicket(serviceId, priority, language);
    this.audit(role, 'staff.ticket_issued', ticket.id, { display: ticket.display, priority, printed: ticket.printed });
    return ticket;
  }

  /** Staff put paper in: the printer is asked again, and its health (and so its alert) follows. */
  async markPrinterRefilled(role: StaffRole): Promise<{ health: DeviceHealth }> {
    const { printer } = this.deps;
    printer.paperRefilled?.();
    await this.deps.pollDevices();
    const health = printer.health();
    this.audit(role, 'staff.printer_refilled', 'printer', { state: health.state, reason: health.reason });
    return { health };
  }

  private audit(role: StaffRole, action: string, subject: string, detail: unknown): void {
    addAudit(this.deps.db, { at: this.deps.clock.now().toISOString(), actor: `${role}@${this.deps.terminalId}`, action, subject, detail });
  }
}
