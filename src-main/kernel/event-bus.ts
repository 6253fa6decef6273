import type { EventName, EventPayload } from '../../src-shared/contract';

export type EventListener = (event: EventName, payload: unknown) => void;

/** Main → renderer events; each host subscribes once and forwards to its renderers. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
