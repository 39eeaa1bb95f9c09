/**
 * The names of every contract entry and event. This list is deliberately free of zod so the preload script and the
 * browser bridge can generate `window.api` from it without bundling any schema code; `contract.ts` is checked against
 * it at compile time (a name missing on either side, or an extra one, is a type error).
 *
 * Channel names are `domain:verb` so they can never collide with the `on` member of `Api`.
 */
export const invokeChannels = [
  'app:info',
  'identity:list',
  'identity:setActive',
  'identity:remove',
  'enrollment:caInfo',
  'enrollment:enroll',
  'enrollment:importPem',
  'profiles:list',
  'profiles:import',
  'demo:list',
  'demo:use',
  'lock:state',
  'lock:lock',
  'lock:unlock',
  'lock:setPin',
  'connection:state',
  'notifications:recent',
  'agreement:propose',
  'agreement:accept',
  'agreement:decline',
  'agreement:terminate',
  'child:addGuardian',
  'child:setGestationalAge',
  'child:timeline',
  'card:recordEntry',
  'card:read',
  'card:history',
  'children:listMine',
  'agreements:listMine',
  'admission:create',
  'admission:decide',
  'admission:withdraw',
  'admissions:listMine',
  'reportRequest:create',
  'reportRequest:decline',
  'reportRequests:listMine',
  'report:create',
  'report:replace',
  'report:staleness',
  'report:approve',
  'report:revoke',
  'report:open',
  'report:read',
  'report:receipts',
  'report:savePdf',
  'fhir:exportCard',
  'fhir:exportReport',
  'reports:listMine',
  'directory:list',
  'directory:readMine',
  'directory:publish',
  'directory:withdraw',
] as const satisfies readonly `${string}:${string}`[];

/** Main → renderer events. */
export const eventChannels = ['connection:state', 'notification', 'tx:progress', 'lock:state'] as const;

/** A request/response entry of the contract. */
export type InvokeChannel = (typeof invokeChannels)[number];

/** A main → renderer event of the contract. */
export type EventChannel = (typeof eventChannels)[number];

const invokeChannelSet: ReadonlySet<string> = new Set(invokeChannels);
const eventChannelSet: ReadonlySet<string> = new Set(eventChannels);

/** Whether an untrusted string names a contract entry. */
export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && invokeChannelSet.has(name);
}

/** Whether an untrusted string names a contract event. */
export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && eventChannelSet.has(name);
}

/**
 * The Electron IPC channel an event travels on. Events get their own prefix so an event and an entry with the same
 * name (`connection:state` is both) can never be confused by a listener.
 */
export function eventWireChannel(event: EventChannel): `event:${EventChannel}` {
  return `event:${event}`;
}
