import type { SetupProblem, SetupReason } from '../../../src-shared/setup';
import { enrollmentRefusal, type EnrollmentRefusal } from '../../sync/enrollment-refusal';
import { PortalError } from '../../sync/portal-error';
import { InsecurePortalUrlError } from '../../sync/url-policy';
import { problem } from './candidate-config';

/** The portal's one-time tokens say why they were refused (decision 0038); a portal that does not is `wrong`. */
const TOKEN_PROBLEMS: Record<EnrollmentRefusal, SetupReason> = {
  expired: 'token-expired',
  used: 'token-used',
  'other-terminal': 'token-other-terminal',
  wrong: 'token-refused',
};

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
  const refusal = enrollmentRefusal(error);
  if (refusal !== null) return problem(TOKEN_PROBLEMS[refusal], 'portal.enrollmentToken', error.message);
  // A 404 or a page that is not the Sync API: the address is wrong more often than the portal.
  if (error.status === 404) return problem('portal-url-invalid', 'portal.portalUrl', error.message);
  return problem('portal-refused', 'portal', error.message);
}
