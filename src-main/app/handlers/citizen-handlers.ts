import type { HandlersOf } from '../dispatcher';
import type { CoreParts } from './core-parts';
import { KioskError } from '../../kernel/kiosk-error';
import { printerWordsOf } from '../../devices/printer/printer-condition';

/** What anyone at the screen may ask (decision 0021): tickets, the catalog, a dossier, payment, rating, the staff login itself. */
export function citizenHandlers(parts: CoreParts): HandlersOf<'citizen'> {
  const { options, config, printer, monitor, roleSessions, scans, renderProof, centralConfig, idleMoment, storage, speech, staffAlerts, store, sync, payments, scanInto, needStore, needQueue, needCatalog, needDossiers, needPayments, needStaffAccess, citizenBoundary, ratings } = parts;
  return {
    speak: ({ text, language }) => speech.speak(text, language),
    getInfo: () => ({
      version: options.version,
      host: options.host,
      centerName: config.center.name,
      terminalId: config.terminal.id,
      defaultLanguage: config.language,
      idle: config.idle,
      store,
      devices: monitor.snapshot(),
      privacy: { retentionHours: config.privacy.retentionHours },
      ...(options.setupMode ? { setupMode: true } : {}),
    }),
    listQueueServices: () => needQueue().listServices(),
    getQueueSummary: () => needQueue().summary(),
    takeTicket: async ({ serviceId, priority, language }) => {
      roleSessions.endAll('citizen-session');
      // A kiosk with no paper must not hand out numbers it cannot print (DOMAIN.md).
      const health = (await printer.refreshHealth?.()) ?? printer.health();
      if (health.state === 'offline') {
        monitor.check();
        throw new KioskError('device_unavailable', printerWordsOf(health));
      }
      const ticket = await needQueue().takeTicket(serviceId, priority, language);
      monitor.check();
      return ticket;
    },
    reprintTicket: async ({ ticketId, language }) => {
      const ticket = await needQueue().print(ticketId, language);
      monitor.check();
      return ticket;
    },
    getCatalogInfo: () => needCatalog().info(),
    listFields: () => needCatalog().fields(),
    listProcedures: ({ fieldCode }) => needCatalog().procedures(fieldCode),
    getProcedure: ({ code }) => needCatalog().detail(code),
    searchProcedures: ({ query }) => needCatalog().search(query),
    printChecklist: async ({ code, language }) => {
      const outcome = await needCatalog().printChecklist(code, language);
      monitor.check();
      return outcome;
    },
    submitWedgeScan: ({ text }) => scans.submitWedgeScan(text),
    reportRendered: ({ screen }) => {
      renderProof.record(screen);
      centralConfig.idleMoment();
      return { recorded: true };
    },
    beginDossier: ({ procedureCode }) => {
      roleSessions.endAll('citizen-session');
      return needDossiers().begin(procedureCode);
    },
    stageScannedPage: async ({ sessionId, dataBase64 }) => {
      await storage.assertRoomForScan(config.language);
      return needDossiers().stagePage(sessionId, Buffer.from(dataBase64, 'base64'));
    },
    discardStagedPage: ({ sessionId, pageId }) => {
      scanInto?.forgetPage(sessionId, pageId);
      return needDossiers().discardPage(sessionId, pageId);
    },
    cancelDossier: ({ sessionId }) => {
      scanInto?.endSession(sessionId);
      return needDossiers().cancel(sessionId);
    },
    validateDossierDraft: ({ draft }) => needDossiers().validate(draft),
    submitDossier: async ({ draft }) => {
      const outcome = await needDossiers().submit(draft);
      sync?.wake();
      scanInto?.endSession(draft.sessionId);
      monitor.check();
      return outcome;
    },
    getReceipt: async ({ dossierId, language }) => {
      const service = needDossiers();
      const receipt = service.receipt(dossierId);
      const pdf = await service.pdf(dossierId, language).catch(() => null);
      return { ...receipt, pdfPath: pdf?.path ?? null };
    },
    reprintReceipt: async ({ dossierId, language }) => {
      const outcome = await needDossiers().print(dossierId, language);
      monitor.check();
      return outcome;
    },
    lookupDossier: async ({ code, idLast4, language }) => {
      // Online, the portal's status (decided at the counter) comes first; offline, the local one answers.
      const [fromPortal] = await Promise.all([sync?.lookups?.refreshDossier(code) ?? false, payments?.refreshForCode(code)]);
      const result = needDossiers().lookup(code, idLast4, language, fromPortal);
      return { ...result, payment: needPayments().forCode(code) };
    },
    getPaymentOffer: ({ dossierId }) => needPayments().offer(dossierId),
    startPayment: ({ dossierId }) => needPayments().start(dossierId),
    getPaymentStatus: ({ paymentId }) => needPayments().status(paymentId),
    getLinkState: () => needStore(sync).view.status().state,
    getStaffAlertBadge: () => ({ open: staffAlerts.list().filter((a) => a.resolvedAt === null).length }),
    startCitizenSession: () => {
      idleMoment.citizenStarted();
      return citizenBoundary();
    },
    endCitizenSession: citizenBoundary,
    getStaffAccess: () => needStaffAccess().state(),
    loginStaff: ({ pin }) => needStaffAccess().login(pin),
    setupFirstItPin: ({ pin }) => needStaffAccess().setupFirstItPin(pin),
    checkRatingTarget: ({ target }) => needStore(ratings).check(target),
    submitRating: ({ target, answers, comment }) => needStore(ratings).submit(target, answers, comment),
    scanDocumentPages: async ({ sessionId, documentId, language }) => {
      try {
        await storage.assertRoomForScan(language ?? config.language);
        return await needStore(scanInto).scan(sessionId, documentId, language ?? config.language);
      } finally {
        monitor.check();
      }
    },
  };
}
