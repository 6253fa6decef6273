/**
 * Makes a database connection hand out the statement it already compiled for the same SQL text
 * instead of compiling it again on every `prepare` (the repositories prepare per call; compiling
 * was a tenth of the portal's CPU and 5 % of the kiosk's in the sync drain profiles, decision
 * 0018). Typed by shape so the kiosk and the portal share it without importing a driver here.
 * Shared statements must only be run (get/all/run); a call site that switches one to a mode
 * (pluck/raw) must be the only user of that SQL text, which holds for this code base.
 */
export function prepareOnce<S>(db: { prepare(source: string): S }): void {
  const compile = db.prepare.bind(db);
  const compiled = new Map<string, S>();
  db.prepare = (source: string): S => {
    let statement = compiled.get(source);
    if (statement === undefined) {
      statement = compile(source);
      compiled.set(source, statement);
    }
    return statement;
  };
}
