import { LanguageSchema, type Language } from '../../src-shared/dto';
import type { StorageWatch } from './storage-watch';

/**
 * Every handler, with a disk that took no more turned into a plain `store_unavailable` answer (in
 * the request's language when it has one) and a staff alert, instead of "unexpected error". Any
 * map of handlers by method name (the dispatcher's, in app/), so this folder needs nothing above it.
 */
export function withStorageFaults<H extends object>(handlers: H, watch: Pick<StorageWatch, 'explain'>, fallback: Language): H {
  const wrapped: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const [method, handler] of Object.entries(handlers) as [string, (request: unknown) => unknown][]) {
    wrapped[method] = async (request) => {
      try {
        return await handler(request);
      } catch (error) {
        throw watch.explain(error, method, languageOf(request) ?? fallback);
      }
    };
  }
  return wrapped as H;
}

function languageOf(request: unknown): Language | undefined {
  if (typeof request !== 'object' || request === null) return undefined;
  const { language, draft } = request as { language?: unknown; draft?: { language?: unknown } };
  const parsed = LanguageSchema.safeParse(language ?? draft?.language);
  return parsed.success ? parsed.data : undefined;
}
