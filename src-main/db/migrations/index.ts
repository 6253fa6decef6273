import type { Migration } from '../migration';
import { migration0001 } from './0001-queue-tickets';
import { migration0002 } from './0002-catalog';
import { migration0003 } from './0003-dossiers';
import { migration0004 } from './0004-sync';
import { migration0005 } from './0005-payments';
import { migration0006 } from './0006-staff-access';
import { migration0007 } from './0007-terminal-events';
import { migration0008 } from './0008-ratings';

/** The one ordered list. Append only: a shipped migration is never changed or removed. */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008];
