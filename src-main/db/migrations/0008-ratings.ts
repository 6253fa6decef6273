import type { Migration } from '../migration';

/**
 * Citizens' satisfaction ratings (issue #23, decision 0031). No personal data: a rating names its
 * subject by a dossier id or a ticket id only; its comment is capped, cleaned free text. One rating
 * per subject (a dossier's kiosk visit, a dossier's handling, a ticket's counter visit), so a
 * subject cannot be rated over and over. Delivered by the outbox's `submit-rating` job, held
 * until its dossier's job is done.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'satisfaction ratings',
  up: `
    CREATE TABLE ratings (
      id         TEXT    PRIMARY KEY,                  -- UUID; the outbox's idempotency key
      subject    TEXT    NOT NULL CHECK (subject IN ('kiosk','dossier','counter')),
      dossier_id TEXT    REFERENCES dossiers(id),      -- kiosk and dossier subjects
      ticket_id  TEXT    REFERENCES tickets(id),       -- counter subject
      overall    INTEGER NOT NULL CHECK (overall IN (0, 1, 2)),
      answers    TEXT    NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'array'),
      comment    TEXT    CHECK (comment IS NULL OR (length(comment) BETWEEN 1 AND 300)),
      rated_at   TEXT    NOT NULL,                     -- ISO 8601 UTC
      CHECK (CASE subject WHEN 'counter' THEN ticket_id IS NOT NULL AND dossier_id IS NULL
                          ELSE dossier_id IS NOT NULL AND ticket_id IS NULL END)
    ) STRICT;
    CREATE UNIQUE INDEX ratings_one_per_subject ON ratings (subject, coalesce(dossier_id, ticket_id));
    CREATE INDEX ratings_rated_at ON ratings (rated_at);

    -- A rating about a dossier is held until the dossier's row is done (the portal takes it only
    -- then), as payments are (0005): due in the very commit that marks the dossier delivered.
    CREATE TRIGGER ratings_due_with_their_dossier
    AFTER UPDATE OF state ON outbox_jobs
    WHEN NEW.state = 'done' AND NEW.kind = 'submit-dossier'
    BEGIN
      UPDATE outbox_jobs SET next_attempt_at = NEW.updated_at
      WHERE kind = 'submit-rating' AND state = 'pending' AND next_attempt_at > NEW.updated_at
        AND subject_id IN (SELECT id FROM ratings WHERE dossier_id = NEW.subject_id);
    END;
  `,
};
