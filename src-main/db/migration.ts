export interface Migration {
  /** Consecutive from 1; equals the user_version after it ran. */
  readonly version: number;
  readonly name: string;
  /** SQL run inside the runner's transaction. Shipped migrations are never edited. */
  readonly up: string;
}
