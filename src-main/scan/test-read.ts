import type { ScanEvent } from '../../src-shared/scan';
import type { TestRead } from '../../src-shared/staff-access';
import { assertNever } from '../../src-shared/assert-never';

/** All but the last four characters hidden: `001099017777` → `********7777`. */
export function maskId(id: string): string {
  return '*'.repeat(Math.max(0, id.length - 4)) + id.slice(-4);
}

/** Each word's first letter with a dot: `Nguyễn Văn An` → `N.V.A.`. */
export function nameInitials(fullName: string): string {
  return fullName
    .split(/\s+/u)
    .filter(Boolean)
    .map((word) => `${Array.from(word)[0]?.toLocaleUpperCase('vi') ?? ''}.`)
    .join('');
}

/**
 * What staff see of a scan in "test read": its kind and length, a card's masked ID and initials,
 * why an unreadable scan failed. Never the card's data (Decree 13/2023), nor a dossier code that
 * could lead to a citizen's file.
 */
export function toTestRead(event: ScanEvent, length: number, source: TestRead['source'], at: string): TestRead {
  const base = { kind: event.kind, length, source, at, maskedId: null, initials: null, reason: null };
  switch (event.kind) {
    case 'cccd':
      return { ...base, maskedId: maskId(event.identity.idNumber), initials: nameInitials(event.identity.fullName) };
    case 'receipt':
    case 'dossier-code':
      return base;
    case 'unknown':
      return { ...base, reason: event.reason };
    default:
      return assertNever(event);
  }
}
