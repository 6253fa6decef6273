/** The spec's closed ErrorCode list (docs/sync-api.yaml, components.schemas.ErrorCode). */
export type ApiErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'not_found'
  | 'conflict'
  | 'request_in_progress'
  | 'offset_mismatch'
  | 'upload_incomplete'
  | 'code_conflict'
  | 'number_conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'idempotency_key_reused'
  | 'checksum_mismatch'
  | 'unknown_procedure'
  | 'unknown_agency'
  | 'invalid_day'
  | 'unprocessable'
  | 'rate_limited'
  | 'internal'
  | 'unavailable';

/** A refusal with its HTTP status and the same meaning in English and Vietnamese. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly messageVi: string,
    readonly details?: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): { error: { code: ApiErrorCode; message: string; messageVi: string; details?: Record<string, unknown> } } {
    return {
      error: { code: this.code, message: this.message, messageVi: this.messageVi, ...(this.details ? { details: this.details } : {}) },
    };
  }
}

export const notFound = (what: string, vi: string): ApiError =>
  new ApiError(404, 'not_found', `No such ${what} for this terminal.`, `Không tìm thấy ${vi} của máy này.`);

export const internalError = (): ApiError => new ApiError(500, 'internal', 'The portal failed; retry later.', 'Cổng gặp lỗi; vui lòng thử lại sau.');

export const invalidRequest = (errors: string[]): ApiError =>
  new ApiError(400, 'invalid_request', `The request does not match the Kiosk Sync API: ${errors.join('; ')}`, 'Yêu cầu không đúng định dạng của giao diện đồng bộ.', { errors });
