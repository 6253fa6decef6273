import { PortalError } from './portal-error';

/**
 * Why the portal refused an enrollment token, for words a person can act on: an expired or used
 * token means "ask for a new one", a token for another terminal means "check the terminal id",
 * a wrong one means "check what was typed". Portals without one-time tokens only ever say `wrong`.
 */
export type EnrollmentRefusal = 'expired' | 'used' | 'other-terminal' | 'wrong';

/** The refusal an enrollment attempt met, or null when the failure was something else (network, 5xx, 400). */
export function enrollmentRefusal(error: unknown): EnrollmentRefusal | null {
  if (!(error instanceof PortalError) || error.status !== 401) return null;
  switch (error.reason) {
    case 'enrollment_token_expired':
      return 'expired';
    case 'enrollment_token_used':
      return 'used';
    case 'enrollment_token_other_terminal':
      return 'other-terminal';
    default:
      // No reason, or one newer than this kiosk: the token was not accepted, say so plainly.
      return 'wrong';
  }
}
