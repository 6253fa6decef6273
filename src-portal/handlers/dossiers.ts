import { ApiError, notFound } from '../http/api-error';
import type { Reply } from '../http/http-io';
import { assignCode, useReservedCode } from '../repo/codes';
import { dossierById, findDossiers, insertDossier, statusHistory, type DossierRow } from '../repo/dossiers';
import { uploadById } from '../repo/uploads';
import type { HandlerContext } from './context';

interface Submission {
  dossierId: string;
  code?: string;
  provisionalCode?: string;
  procedureCode: string;
  receivedAt: string;
  receivedDay: string;
  appointmentAt?: string;
  files: { uploadId: string; documentId: string; fileName: string; sha256: string; length: number }[];
}

export function submitDossier(ctx: HandlerContext): Reply {
  const b = ctx.body as Submission;
  const { db, config, catalog } = ctx.deps;
  if (dossierById(db, b.dossierId))
    throw new ApiError(409, 'conflict', 'A dossier with this id was already received under another key.', 'Hồ sơ có mã này đã được nhận trước đó.');
  if (!catalog.hasProcedure(b.procedureCode))
    throw new ApiError(422, 'unknown_procedure', `Procedure ${b.procedureCode} is not in the catalog.`, `Thủ tục ${b.procedureCode} không có trong danh mục.`);
  for (const f of b.files) {
    const u = uploadById(db, f.uploadId);
    if (!u || u.terminal_id !== ctx.terminal.id || u.state !== 'complete' || u.sha256 !== f.sha256 || u.length !== f.length)
      throw new ApiError(
        409,
        'upload_incomplete',
        `File ${f.fileName} (upload ${f.uploadId}) is not fully uploaded and verified with this SHA-256 and length.`,
        `Tệp ${f.fileName} chưa được tải lên đầy đủ và kiểm tra đúng.`,
        { uploadId: f.uploadId },
      );
  }
  let code: string;
  let codeSource: DossierRow['code_source'];
  if (b.code !== undefined) {
    const codeDay = `${b.receivedDay.slice(2, 4)}${b.receivedDay.slice(5, 7)}${b.receivedDay.slice(8, 10)}`;
    if (!b.code.includes(`-${codeDay}-`) || !useReservedCode(db, b.code, ctx.terminal.id, b.receivedDay, b.dossierId))
      throw new ApiError(
        409,
        'code_conflict',
        `Code ${b.code} is not an unused code reserved by this terminal for ${b.receivedDay}.`,
        `Mã ${b.code} không phải mã còn trống mà máy này đã giữ cho ngày ${b.receivedDay}.`,
      );
    code = b.code;
    codeSource = 'reserved';
  } else {
    const assigned = assignCode(db, catalog.agencyOf(b.procedureCode) ?? config.agencyCode, b.receivedDay);
    if (!assigned)
      throw new ApiError(503, 'unavailable', 'No dossier code is left for that day.', 'Đã hết mã hồ sơ cho ngày này.', undefined, { 'retry-after': '3600' });
    code = assigned;
    codeSource = 'assigned';
  }
  const at = ctx.now.toISOString();
  insertDossier(
    db,
    {
      id: b.dossierId,
      terminal_id: ctx.terminal.id,
      code,
      code_source: codeSource,
      provisional_code: b.provisionalCode ?? null,
      procedure_code: b.procedureCode,
      status: 1,
      received_at: b.receivedAt,
      appointment_at: b.appointmentAt ?? null,
      updated_at: at,
      submission: JSON.stringify(b),
    },
    b.files.map((f) => ({
      dossier_id: b.dossierId,
      upload_id: f.uploadId,
      document_id: f.documentId,
      file_name: f.fileName,
      sha256: f.sha256,
      length: f.length,
    })),
  );
  return {
    status: 201,
    body: {
      dossierId: b.dossierId,
      code,
      codeSource,
      ...(b.provisionalCode ? { provisionalCode: b.provisionalCode } : {}),
      status: 1,
      receivedAt: at,
    },
  };
}

function statusBody(ctx: HandlerContext, d: DossierRow): Record<string, unknown> {
  return {
    dossierId: d.id,
    code: d.code,
    ...(d.provisional_code ? { provisionalCode: d.provisional_code } : {}),
    procedureCode: d.procedure_code,
    status: d.status,
    updatedAt: d.updated_at,
    ...(d.appointment_at ? { appointmentAt: d.appointment_at } : {}),
    history: statusHistory(ctx.deps.db, d.id).map((h) => ({ status: h.status, at: h.at, ...(h.note ? { note: h.note } : {}) })),
  };
}

export function getDossier(ctx: HandlerContext): Reply {
  const d = dossierById(ctx.deps.db, ctx.pathParams['dossierId'] ?? '');
  // Another terminal's dossier answers exactly like a missing one: existence is not disclosed.
  if (!d || d.terminal_id !== ctx.terminal.id) throw notFound('dossier', 'hồ sơ');
  return { status: 200, body: statusBody(ctx, d) };
}

export function listDossiers(ctx: HandlerContext): Reply {
  const code = ctx.query.get('code') ?? undefined;
  const updatedAfter = ctx.query.get('updatedAfter');
  const rows = findDossiers(ctx.deps.db, {
    terminalId: ctx.terminal.id,
    ...(code ? { code } : {}),
    ...(updatedAfter ? { updatedAfter: new Date(updatedAfter).toISOString() } : {}),
    limit: Number(ctx.query.get('limit') ?? 100),
  });
  return { status: 200, body: { items: rows.map((d) => statusBody(ctx, d)) } };
}
