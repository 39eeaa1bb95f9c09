// The connection's state over IPC: the `connection:state` entry, and the DTO the `connection:state` event carries.
import type { ConnectionState } from '../../../shared/ipc/dto/connection.ts';
import type { Handlers } from '../ipc/handlers.ts';
import type { FabricConnectionState } from './connectionState.ts';
import type { FabricConnection } from './fabricConnection.ts';

/** The IPC form of a connection state. */
export function toConnectionStateDto(state: FabricConnectionState): ConnectionState {
  return state;
}

/** Options for {@link createConnectionHandlers}. */
export interface ConnectionHandlersOptions {
  /** The active identity's connection, or null when none is active. */
  current: () => FabricConnection | null;
}

/** The `connection:state` handler. */
export function createConnectionHandlers(
  options: Readonly<ConnectionHandlersOptions>,
): Pick<Handlers, 'connection:state'> {
  return {
    'connection:state': () => {
      const connection = options.current();
      return connection === null ? { status: 'disconnected' } : toConnectionStateDto(connection.state);
    },
  };
}
