import type { Migration } from '../migration';

/**
 * Fee payments by VietQR: one row per payment the citizen started; the portal confirms it
 * (downstream) once the bank transfer arrives. The row and its outbox job commit together.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'fee payments',
  up: `
    CREATE TABLE payments (
      id           TEXT    PRIMARY KEY,                 -- client UUID, also the outbox idempotency key
      dossier_id   TEXT    NOT NULL REFERENCES dossiers (id),
      amount_vnd   INTEGER NOT NULL CHECK (amount_vnd >= 1),
      reference    TEXT    NOT NULL CHECK (length(reference) BETWEEN 1 AND 25), -- the transfer content in the QR
      method       TEXT    NOT NULL DEFAULT 'vietqr' CHECK (method IN ('vietqr')),
      state        TEXT    NOT NULL CHECK (state IN ('pending','confirmed','failed')),
      confirmed_at TEXT,                                -- ISO 8601 UTC, from the portal
      reason       TEXT,                                -- why it failed, from the portal
      created_at   TEXT    NOT NULL,
      updated_at   TEXT    NOT NULL,
      checked_at   TEXT,                                -- last time the portal was asked about it
      CHECK ((state = 'confirmed') = (confirmed_at IS NOT NULL))
    ) STRICT;
    -- A dossier has at most one payment under way or done; a failed one may be followed by another.
    CREATE UNIQUE INDEX payments_open_per_dossier ON payments (dossier_id) WHERE state IN ('pending','confirmed');
    CREATE INDEX payments_to_check ON payments (state, checked_at);

    -- The portal takes a payment only for a dossier it holds. A payment's outbox row is written
    -- not due (next_attempt_at far ahead) while its dossier's row is undelivered, and becomes due
    -- in the very commit that marks the dossier's row done: the worker never tries it early, so
    -- no attempt fails for a reason that says nothing about the link.
    CREATE TRIGGER payments_due_with_their_dossier
    AFTER UPDATE OF state ON outbox_jobs
    WHEN NEW.state = 'done' AND NEW.kind = 'submit-dossier'
    BEGIN
      UPDATE outbox_jobs SET next_attempt_at = NEW.updated_at
      WHERE kind = 'submit-payment' AND state = 'pending' AND next_attempt_at > NEW.updated_at
        AND subject_id IN (SELECT id FROM payments WHERE dossier_id = NEW.subject_id);
    END;
  `,
};
