import type { SetupProblem } from '../../../src-shared/setup';
import { PortalError } from '../../sync/portal-error';
import { InsecurePortalUrlError } from '../../sync/url-policy';
import { problem } from './candidate-config';

/**
 * The portal's one-time tokens answer 401 with their own code once spent or past their time
 * (the portal's admin page, issue #19). Any other 401 is a token the portal does not know.
 */
const EXPIRED_TOKEN_CODES = new Set(['enrollment-token-expired', 'enrollment_token_expired', 'token_expired']);

/**
 * What a failed trial enrollment means for the person at the wizard: a portal address that is
 * not one (or not https), a portal that does not answer, a token refused or expired, or the
 * portal refusing this terminal for its own reason. Anything else is not the portal's to say.
 */
export function portalProblemOf(error: unknown): SetupProblem {
  if (error instanceof InsecurePortalUrlError) {
    return problem(/not a URL/.test(error.message) ? 'portal-url-invalid' : 'portal-not-https', 'portal.portalUrl', error.message);
  }
  if (!(error instanceof PortalError)) throw error;
  if (error.kind === 'unreachable') return problem('portal-unreachable', 'portal.portalUrl', error.message);
  if (error.status === 401) {
    return problem(error.code !== null && EXPIRED_TOKEN_CODES.has(error.code) ? 'token-expired' : 'token-refused', 'portal.enrollmentToken', error.message);
  }
  // A 404 or a page that is not the Sync API: the address is wrong more often than the portal.
  if (error.status === 404) return problem('portal-url-invalid', 'portal.portalUrl', error.message);
  return problem('portal-refused', 'portal', error.message);
}
