import { describe, expect, it } from 'vitest';
import { enrollmentRefusal } from '../../../src-main/sync/enrollment-refusal';
import { PortalError } from '../../../src-main/sync/portal-error';

const refusedWith = (reason: string | null) => new PortalError('transient', 'enroll: HTTP 401 unauthorized', 401, 'unauthorized', null, null, reason);

describe('enrollmentRefusal', () => {
  it("tells the portal's reasons apart, and calls a 401 without one (or with one newer than the kiosk) a wrong token", () => {
    expect(enrollmentRefusal(refusedWith('enrollment_token_expired'))).toBe('expired');
    expect(enrollmentRefusal(refusedWith('enrollment_token_used'))).toBe('used');
    expect(enrollmentRefusal(refusedWith('enrollment_token_other_terminal'))).toBe('other-terminal');
    expect(enrollmentRefusal(refusedWith(null))).toBe('wrong');
    expect(enrollmentRefusal(refusedWith('enrollment_token_revoked_by_2030_portal'))).toBe('wrong');
  });

  it('is not a refusal of the token when the portal was not reached, failed, or found the request malformed', () => {
    expect(enrollmentRefusal(new PortalError('unreachable', 'enroll: portal unreachable'))).toBeNull();
    expect(enrollmentRefusal(new PortalError('transient', 'enroll: HTTP 503', 503, 'unavailable'))).toBeNull();
    expect(enrollmentRefusal(new PortalError('rejected', 'enroll: HTTP 400', 400, 'invalid_request'))).toBeNull();
    expect(enrollmentRefusal(new Error('enroll: something else'))).toBeNull();
  });
});
