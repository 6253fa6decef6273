import { z } from 'zod';
import {
  DeviceHealthSchema,
  KioskInfoSchema,
  LanguageSchema,
  PrioritySchema,
  QueueServiceSchema,
  TicketSchema,
} from './dto';
import type { Reply } from './errors';

/** Every request the renderer may make: name → request and response schemas. */
export const methods = {
  getInfo: { request: z.object({}).strict(), response: KioskInfoSchema },
  listQueueServices: { request: z.object({}).strict(), response: z.array(QueueServiceSchema) },
  takeTicket: {
    request: z
      .object({ serviceId: z.string().min(1).max(64), priority: PrioritySchema, language: LanguageSchema })
      .strict(),
    response: TicketSchema,
  },
  reprintTicket: {
    request: z.object({ ticketId: z.string().uuid(), language: LanguageSchema }).strict(),
    response: TicketSchema,
  },
} as const;

/** Everything main pushes to the renderer: name → payload schema. */
export const events = {
  deviceHealth: DeviceHealthSchema,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type RequestOf<M extends MethodName> = z.input<Methods[M]['request']>;
export type ResponseOf<M extends MethodName> = z.output<Methods[M]['response']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);

/** The renderer's view of the kiosk, derived from the contract: one async function per method. */
export type KioskClient = {
  [M in MethodName]: (request: RequestOf<M>) => Promise<Reply<ResponseOf<M>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** What a host must provide to build a client: one invoke path and one event subscription. */
export interface ClientTransport {
  invoke(method: MethodName, request: unknown): Promise<unknown>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}
