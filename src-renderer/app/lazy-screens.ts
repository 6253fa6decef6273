import { lazy } from 'react';

/**
 * Screens past the first taps (catalog, search and keyboard, dossier journey, lookup, staff
 * PIN pad and panel) are loaded on demand, so the attract screen is up sooner after a start. Once the
 * kiosk is idle on the attract screen, `preloadScreens` fetches them all: a citizen's first
 * tap never waits for the network or the disk.
 */
const loaders = {
  catalog: () => import('../screens/CatalogScreen'),
  procedures: () => import('../screens/ProceduresScreen'),
  procedure: () => import('../screens/ProcedureScreen'),
  search: () => import('../screens/SearchScreen'),
  dossier: () => import('../dossier/DossierJourney'),
  submit: () => import('../dossier/SubmitDossierButton'),
  lookup: () => import('../lookup/LookupScreen'),
  rating: () => import('../rating/RatingScreen'),
  staff: () => import('../staff/StaffGate'),
};

export const CatalogScreen = lazy(() => loaders.catalog().then((m) => ({ default: m.CatalogScreen })));
export const ProceduresScreen = lazy(() => loaders.procedures().then((m) => ({ default: m.ProceduresScreen })));
export const ProcedureScreen = lazy(() => loaders.procedure().then((m) => ({ default: m.ProcedureScreen })));
export const SearchScreen = lazy(() => loaders.search().then((m) => ({ default: m.SearchScreen })));
export const DossierJourney = lazy(() => loaders.dossier().then((m) => ({ default: m.DossierJourney })));
export const SubmitDossierButton = lazy(() => loaders.submit().then((m) => ({ default: m.SubmitDossierButton })));
export const LookupScreen = lazy(() => loaders.lookup().then((m) => ({ default: m.LookupScreen })));
export const RatingScreen = lazy(() => loaders.rating().then((m) => ({ default: m.RatingScreen })));
export const StaffGate = lazy(() => loaders.staff().then((m) => ({ default: m.StaffGate })));

/** Fetches every lazy screen; a failure is left for the screen itself to meet (and report). */
export function preloadScreens(): void {
  for (const load of Object.values(loaders)) void load().catch(() => undefined);
}
