import type { HandlersOf } from '../dispatcher';
import type { CoreParts } from './core-parts';
import { printTestPage } from '../../staff/test-page';
import { testDocumentScan } from '../../devices/docscan/test-document-scan';

/** What a staff session may ask: devices and alerts, the outbox, the day report, work done for a citizen. */
export function staffHandlers(parts: CoreParts): HandlersOf<'staff'> {
  const { config, clock, logger, printer, monitor, roleSessions, scans, staffAlerts, diagnostics, documentScans, sync, needStore, staffRoleOf, withDeviceCheck, dayReports, staffWork } = parts;
  return {
    getLastScan: () => scans.testRead(),
    getDeviceStatus: () => diagnostics.status(monitor.snapshot()),
    listStaffAlerts: () => staffAlerts.list(),
    testPrint: async () => {
      try {
        await printTestPage(printer, { centerName: config.center.name.vi, terminalId: config.terminal.id, timeZone: config.center.timeZone }, clock.now());
        return { printed: true, printError: null };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        logger.log('warn', 'test print failed', { error: message });
        return { printed: false, printError: message };
      } finally {
        await monitor.poll();
      }
    },
    testDocumentScan: async () => {
      try {
        return await testDocumentScan(documentScans);
      } finally {
        monitor.check();
      }
    },
    getSyncStatus: () => needStore(sync).view.status(),
    listParkedRows: () => needStore(sync).view.parkedRows(),
    retryParkedRow: ({ id }) => ({ requeued: needStore(sync).view.retryParked(id) }),
    touchStaffSession: () => ({ idleSeconds: Math.round(roleSessions.idleMs / 1000) }),
    logoutStaff: ({ session }) => ({ loggedOut: roleSessions.end(session, 'logout') }),
    getDayReport: ({ day }) => needStore(dayReports).get(day),
    printDayReport: async ({ day, language }) => {
      const outcome = await needStore(dayReports).print(day, language);
      monitor.check();
      return outcome;
    },
    reprintLastTicket: ({ session, language }) => withDeviceCheck(needStore(staffWork).reprintLastTicket(staffRoleOf(session), language)),
    reprintReceiptByCode: ({ session, code, language }) => withDeviceCheck(needStore(staffWork).reprintReceiptByCode(staffRoleOf(session), code, language)),
    listOutbox: () => needStore(sync).view.outboxRows(),
    markPrinterRefilled: ({ session }) => needStore(staffWork).markPrinterRefilled(staffRoleOf(session)),
    takeTicketForCitizen: ({ session, serviceId, priority, language }) =>
      withDeviceCheck(needStore(staffWork).takeTicketForCitizen(staffRoleOf(session), serviceId, priority, language)),
  };
}
